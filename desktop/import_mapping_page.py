"""Step 3 of the import wizard: which registry field each column of the file fills, with
saving and loading of the choices as a template."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWizardPage)

from assets.kinds import kind
from layers.field_mapping import propose_mapping


class ImportMappingPage(QWizardPage):
    """The column mapping table (texts in the "ImportWizard" context).

    Signals
    -------
    template_requested(save) : the user pressed "Save template…" (True) or "Load template…".
    """

    template_requested = Signal(bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(QCoreApplication.translate("ImportWizard", "Column mapping"))
        self.setSubTitle(QCoreApplication.translate(
            "ImportWizard", "Which registry field each column of the file fills. Proposed automatically; change as needed."))
        self.mapping_table = QTableWidget(0, 2, self)
        self.mapping_table.setHorizontalHeaderLabels([QCoreApplication.translate("ImportWizard", "Column of the file"),
                                                      QCoreApplication.translate("ImportWizard", "Registry field")])
        self.mapping_table.horizontalHeader().setStretchLastSection(True)
        self.mapping_table.setColumnWidth(0, 220)
        save = QPushButton(QCoreApplication.translate("ImportWizard", "Save template…"), self)
        load = QPushButton(QCoreApplication.translate("ImportWizard", "Load template…"), self)
        save.clicked.connect(lambda: self.template_requested.emit(True))
        load.clicked.connect(lambda: self.template_requested.emit(False))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(load)
        buttons.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.mapping_table, 1)
        layout.addLayout(buttons)

    def fill(self, columns: list[str], kind_name: str | None, mapping: dict | None = None) -> None:
        """One row per column of the file; ``mapping`` (else the proposed one) preselected."""
        self.mapping_table.setRowCount(0)
        if kind_name is None:   # one mapping per kind, proposed by the importer itself
            self.setSubTitle(QCoreApplication.translate(
                "ImportWizard", "The kind comes from a column: each kind's columns are mapped automatically."))
            return
        mapping = propose_mapping(columns, kind_name) if mapping is None else mapping
        fields = [f for f in kind(kind_name).fields if not f.system or f.name in mapping.values()]
        self.mapping_table.setRowCount(len(columns))
        for r, column in enumerate(columns):
            self.mapping_table.setItem(r, 0, QTableWidgetItem(column))
            box = QComboBox(self.mapping_table)
            box.addItem(QCoreApplication.translate("ImportWizard", "(not imported)"), None)
            for f in fields:
                box.addItem(f"{f.title()} ({f.name})" if hasattr(f, "title") else f.label, f.name)
            for target in set(mapping.values()) - {f.name for f in fields}:
                box.addItem(target, target)   # e.g. x/y/mount columns the importer understands
            box.setCurrentIndex(max(0, box.findData(mapping.get(column))))
            self.mapping_table.setCellWidget(r, 1, box)

    def mapping(self) -> dict[str, str]:
        """source column → registry field, as edited."""
        out = {}
        for r in range(self.mapping_table.rowCount()):
            target = self.mapping_table.cellWidget(r, 1).currentData()
            if target:
                out[self.mapping_table.item(r, 0).text()] = target
        return out

    def set_mapping(self, column: str, field: str | None) -> None:
        for r in range(self.mapping_table.rowCount()):
            if self.mapping_table.item(r, 0).text() == column:
                box = self.mapping_table.cellWidget(r, 1)
                box.setCurrentIndex(max(0, box.findData(field)))
