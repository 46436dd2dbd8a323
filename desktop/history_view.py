"""The change history of one asset: when, who, what, and each field's before → after."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from assets.errors import XiuCityError
from assets.kinds import kind as kind_of
from assets.kinds import mount_kind

from .value_labels import ValueLabels

_SKIP = {"change_date", "mount"}  # shown by the time column / implied by the action


class AssetHistoryView(QTableWidget):
    """Rows of ``registry.history(ref)``, newest first."""

    def __init__(self, registry, labels: ValueLabels | None = None, parent=None):
        super().__init__(0, 4, parent)
        self.registry = registry
        self.labels = labels or ValueLabels(registry)
        self.setHorizontalHeaderLabels([self.tr("Time"), self.tr("By"), self.tr("Action"), self.tr("Change")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.verticalHeader().hide()
        # a handful of rows per asset: measuring every row is cheap and keeps changes whole
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self._ref = None

    def show_asset(self, ref) -> None:
        self._ref = ref
        self.reload()

    def reload(self) -> None:
        self.setRowCount(0)
        if self._ref is None:
            return
        try:
            entries = self.registry.history(self._ref)
            asset_kind = kind_of(self.registry.get(self._ref).kind)
        except XiuCityError:
            return
        for entry in reversed(entries):
            row = self.rowCount()
            self.insertRow(row)
            when = (entry["at"] or "").replace("T", " ")[:16]  # to the minute; the tooltip has it all
            cells = (when, entry["who"] or "", self.action_text(entry["action"] or ""),
                     self.change_text(asset_kind, entry))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, entry if column == 0 else None)
                item.setToolTip(entry["at"] if column == 0 else text)
                self.setItem(row, column, item)

    def entries_shown(self) -> list[tuple[str, ...]]:
        return [tuple(self.item(r, c).text() for c in range(self.columnCount())) for r in range(self.rowCount())]

    # -- texts --------------------------------------------------------------------------
    def action_text(self, action: str) -> str:
        prefix, _, name = action.rpartition(":")
        names = {
            "add": self.tr("Added"), "update": self.tr("Edited"), "move": self.tr("Moved"),
            "retire": self.tr("Retired"), "delete": self.tr("Deleted"), "add_mount": self.tr("Device added"),
            "update_mount": self.tr("Device edited"), "delete_mount": self.tr("Device removed"),
            "bulk_insert": self.tr("Imported"), "merge": self.tr("Merged"),
        }
        text = names.get(name, name)
        if prefix == "undo":
            return self.tr("{action} (by undo)").format(action=text)
        if prefix == "redo":
            return self.tr("{action} (by redo)").format(action=text)
        return text

    def change_text(self, asset_kind, entry: dict) -> str:
        before, after = entry.get("before") or {}, entry.get("after") or {}
        name = entry.get("action", "").rpartition(":")[2]
        if name.endswith("_mount"):
            return self._mount_text(before, after)
        if name in ("add", "bulk_insert", "delete") or not (before or after):
            return entry.get("note") or ""
        parts = []
        for key in after if after else before:
            if key in _SKIP:
                continue
            parts.append(self._pair(asset_kind, key, before.get(key), after.get(key)))
        text = "；".join(parts)
        return f"{text}（{entry['note']}）" if entry.get("note") else text

    def _pair(self, asset_kind, key: str, old, new) -> str:
        if key in ("x", "y"):
            return f"{key.upper()}: {_coord(old)} → {_coord(new)}"
        field = asset_kind.field_map.get(key)
        if field is None:
            return f"{key}: {old} → {new}"
        empty = self.tr("(empty)")
        old_text = self.labels.text(asset_kind, field, old) or empty
        new_text = self.labels.text(asset_kind, field, new) or empty
        return f"{field.title()}: {old_text} → {new_text}"

    def _mount_text(self, before: dict, after: dict) -> str:
        mounts = mount_kind()
        old = before.get("mount") if isinstance(before.get("mount"), dict) else None
        new = after.get("mount") if isinstance(after.get("mount"), dict) else None
        if old or new:  # added or removed: describe the device
            record = new or old
            shown = [self.labels.text(mounts, mounts.field(k), record.get(k))
                     for k in ("device_type", "owner_code", "band", "compartment") if record.get(k) is not None]
            return " ".join(t for t in shown if t)
        parts = [self._pair(mounts, k, before.get(k), after.get(k)) for k in after if k != "mount"]
        return "；".join(parts)


def _coord(value) -> str:
    return "" if value is None else f"{float(value):.2f}"
