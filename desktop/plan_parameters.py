"""The planning parameters form: poles or boxes, which area, the plan's name, a rules file."""
from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLineEdit, QPushButton,
                               QWidget)


class PlanParameters(QWidget):
    """What :func:`assets.merge_plans.create_plan` needs, as a user fills it in."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Poles (多杆合一)"), "poles")
        self.kind.addItem(self.tr("Boxes (多箱合一)"), "boxes")
        self.area = QLineEdit()
        self.area.setPlaceholderText(self.tr("Whole registry (or a subdistrict code)"))
        self.name = QLineEdit(self.tr("Merge plan"))
        self.rules = QLineEdit()
        self.rules.setPlaceholderText(self.tr("Default rules"))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        rules_row = QHBoxLayout()
        rules_row.setContentsMargins(0, 0, 0, 0)
        rules_row.addWidget(self.rules)
        rules_row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Area"), self.area)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Rules file"), rules_row)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Rules file"), "", self.tr("TOML files (*.toml)"))
        if path:
            self.rules.setText(path)

    def values(self) -> dict:
        """Keyword arguments for ``create_plan`` (empty area → the whole registry)."""
        return {"kind": self.kind.currentData(), "name": self.name.text().strip() or self.tr("Merge plan"),
                "rules": self.rules.text().strip() or None, "area": self.area.text().strip() or None}


__all__ = ["PlanParameters"]
