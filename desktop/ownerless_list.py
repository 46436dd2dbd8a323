"""Ownerless assets (无主) after a campaign closed, and the bureau's hand-over: pick the
assets, pick an organisation, assign (→ 已移交)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)


class OwnerlessList(QWidget):
    """Emits ``assign_requested(codes, org)``."""

    assign_requested = Signal(list, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.org_combo = QComboBox()
        self.assign_button = QPushButton(self.tr("Assign the selected to"))
        self.assign_button.clicked.connect(self._assign)
        self.count_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.assign_button)
        row.addWidget(self.org_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.count_label)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self.set_assets([], [])

    def set_assets(self, assets: list[dict], organisations: list[dict]) -> None:
        """``assets``: {code, kind_title}; ``organisations``: {code, name} to choose from."""
        self.list.clear()
        for a in assets:
            item = QListWidgetItem(f"{a['code']}  {a.get('kind_title', '')}")
            item.setData(Qt.ItemDataRole.UserRole, a["code"])
            self.list.addItem(item)
        current = self.org_combo.currentData()
        self.org_combo.clear()
        for o in organisations:
            self.org_combo.addItem(f"{o['name']}（{o['code']}）", o["code"])
        if current is not None and self.org_combo.findData(current) >= 0:
            self.org_combo.setCurrentIndex(self.org_combo.findData(current))
        self.count_label.setText(self.tr("{n} ownerless assets: nobody claimed them by the deadline.").format(
            n=len(assets)) if assets else self.tr("No ownerless assets."))
        self.assign_button.setEnabled(bool(assets))

    def _assign(self) -> None:
        codes = [i.data(Qt.ItemDataRole.UserRole) for i in self.list.selectedItems()]
        if codes and self.org_combo.currentData():
            self.assign_requested.emit(codes, self.org_combo.currentData())
