"""Disputed assets (有争议) with the competing claims side by side: one row per asset, one
column per claimant showing who claims it, their comment and when, and a button that
assigns the asset to that claimant in one click."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)


class DisputeList(QWidget):
    """``set_disputes(items)`` with items ``{code, kind_title, claimants: [{org, name,
    comment, received}]}``; emits ``resolve_requested(code, org)`` when a claimant wins."""

    resolve_requested = Signal(str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[dict] = []
        self.buttons: dict[tuple[str, str], QPushButton] = {}
        self.empty_label = QLabel(self.tr("No disputed assets."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.table = QTableWidget(0, 2)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table)
        self.set_disputes([])

    def set_disputes(self, items: list[dict]) -> None:
        self.items = list(items)
        self.buttons = {}
        width = max([len(i["claimants"]) for i in self.items] or [2])
        self.table.clear()
        self.table.setColumnCount(2 + width)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Identifier"), self.tr("Kind")] + [self.tr("Claim {n}").format(n=n + 1) for n in range(width)])
        self.table.setRowCount(len(self.items))
        for row, item in enumerate(self.items):
            self.table.setItem(row, 0, QTableWidgetItem(item["code"]))
            self.table.setItem(row, 1, QTableWidgetItem(item.get("kind_title", "")))
            for col, claimant in enumerate(item["claimants"], start=2):
                self.table.setCellWidget(row, col, self._claim_cell(item["code"], claimant))
        header = self.table.horizontalHeader()
        for col in range(self.table.columnCount()):
            # competing claims get equal room, side by side
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents if col < 2
                                        else QHeaderView.ResizeMode.Stretch)
        self.table.resizeRowsToContents()
        self.empty_label.setVisible(not self.items)
        self.table.setVisible(bool(self.items))

    def _claim_cell(self, code: str, claimant: dict) -> QWidget:
        cell = QWidget()
        layout = QVBoxLayout(cell)
        layout.setContentsMargins(4, 2, 4, 2)
        text = f"<b>{claimant['name']}</b>（{claimant['org']}）"
        if claimant.get("comment"):
            text += "<br>" + self.tr("Comment: {comment}").format(comment=claimant["comment"])
        if claimant.get("received"):
            text += "<br>" + self.tr("Answered {date}").format(date=str(claimant["received"])[:10])
        label = QLabel(text)
        label.setWordWrap(True)
        button = QPushButton(self.tr("Assign to {org}").format(org=claimant["name"]))
        button.setToolTip(self.tr("Settle the dispute: the asset goes to this organisation (已移交)."))
        button.clicked.connect(lambda _=False, c=code, o=claimant["org"]: self.resolve_requested.emit(c, o))
        layout.addWidget(label)
        layout.addWidget(button)
        self.buttons[(code, claimant["org"])] = button
        return cell

    def codes(self) -> list[str]:
        return [i["code"] for i in self.items]

    def claimants(self, code: str) -> list[str]:
        return [c["org"] for i in self.items if i["code"] == code for c in i["claimants"]]
