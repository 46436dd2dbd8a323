"""One merge group in detail: its host, the poles it removes, every device moved."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from assets.i18n import current_language
from assets.organisations import default_organisations
from assets.vocabularies import vocabulary


def organisation_names() -> dict[str, str]:
    """Owner code → the organisation's name in the current language (code when unknown)."""
    english = current_language() == "en"
    return {o["code"]: (o.get("name_en") if english else None) or o["name"] for o in default_organisations()}


class GroupInspector(QWidget):
    """Shows a group dict from :func:`assets.merge_plans.plan_groups`."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.summary = QLabel(self.tr("No group selected"))
        self.summary.setWordWrap(True)
        self.devices = QTableWidget(0, 5)
        self.devices.setHorizontalHeaderLabels([self.tr("Device"), self.tr("From"), self.tr("Distance (m)"),
                                                self.tr("Band"), self.tr("Owner")])
        self.devices.verticalHeader().setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.devices)

    def show_group(self, group: dict | None) -> None:
        if group is None:
            self.summary.setText(self.tr("No group selected"))
            self.devices.setRowCount(0)
            return
        host = group["host_code"] or self.tr("new pole")
        removed = "、".join(r["code"] for r in group["removed"]) or self.tr("none")
        orgs = organisation_names()
        owners = "、".join(orgs.get(o, o) for o in group["owners"] or []) or self.tr("none")
        lines = [self.tr("Host: {0}").format(host), self.tr("Removed: {0}").format(removed),
                 self.tr("Owners: {0}").format(owners)]
        if group["blocked"]:
            lines.append(self.tr("Blocked: ownership not confirmed for {0}").format(
                "、".join(group.get("unconfirmed") or []) or self.tr("some assets")))
        self.summary.setText("\n".join(lines))
        self.devices.setRowCount(len(group["moves"]))
        for row, move in enumerate(group["moves"]):
            cells = [vocabulary("device_type").text(move.get("type")), move["from_code"],
                     f"{move['distance_m']:.1f}", vocabulary("band").text(move.get("band")),
                     orgs.get(move.get("owner"), move.get("owner") or "")]
            for col, text in enumerate(cells):
                self.devices.setItem(row, col, QTableWidgetItem(str(text)))
        self.devices.resizeColumnsToContents()


__all__ = ["GroupInspector"]
