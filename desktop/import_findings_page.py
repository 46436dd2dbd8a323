"""Step 4 of the import wizard: what staging found, row by row, counted by reason, and the
choices that change it (duplicates, rows outside the area). Nothing is written here."""
from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWizardPage)

from assets.import_report import REASON_LABELS
from assets.i18n import translate

ON_DUPLICATE = ("skip", "update", "insert")


class ImportFindingsPage(QWizardPage):
    """The findings of a dry run (texts in the "ImportWizard" context).

    Signals
    -------
    choices_changed() : the duplicate action or the outside-the-area choice changed.
    """

    choices_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(QCoreApplication.translate("ImportWizard", "Findings to review"))
        self.setSubTitle(QCoreApplication.translate(
            "ImportWizard", "Rows with a blocking finding are not imported. Nothing has been written yet."))
        self.counts_label = QLabel(self)
        self.counts_label.setWordWrap(True)
        self.findings_table = QTableWidget(0, 3, self)
        self.findings_table.setHorizontalHeaderLabels([QCoreApplication.translate("ImportWizard", "Row"),
                                                       QCoreApplication.translate("ImportWizard", "Reason"),
                                                       QCoreApplication.translate("ImportWizard", "Message")])
        self.findings_table.horizontalHeader().setStretchLastSection(True)
        self.duplicate_box = QComboBox(self)
        texts = (QCoreApplication.translate("ImportWizard", "Skip them"),
                 QCoreApplication.translate("ImportWizard", "Update them"),
                 QCoreApplication.translate("ImportWizard", "Insert as new"))
        for action, text in zip(ON_DUPLICATE, texts):
            self.duplicate_box.addItem(text, action)
        self.outside_box = QCheckBox(
            QCoreApplication.translate("ImportWizard", "Also import rows outside the registry's area"), self)
        self.duplicate_box.currentIndexChanged.connect(lambda _i: self.choices_changed.emit())
        self.outside_box.toggled.connect(lambda _b: self.choices_changed.emit())
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("ImportWizard", "Likely duplicates (of the registry, or within the file)"), self.duplicate_box)
        form.addRow("", self.outside_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.findings_table, 1)
        layout.addLayout(form)

    def on_duplicate(self) -> str:
        return self.duplicate_box.currentData()

    def allow_outside(self) -> bool:
        return self.outside_box.isChecked()

    def show_report(self, dry) -> None:
        """The summary, the counts by reason and every finding of the dry-run report ``dry``."""
        counts = Counter(f["reason"] for f in dry.findings)
        parts = [f"{translate('Import', REASON_LABELS.get(r, r))} {n}" for r, n in counts.most_common()]
        self.counts_label.setText(dry.summary() + ("\n" + "；".join(parts) if parts else ""))
        self.findings_table.setRowCount(len(dry.findings))
        for i, f in enumerate(dry.findings):
            for c, value in enumerate((f["row"], translate("Import", REASON_LABELS.get(f["reason"], f["reason"])),
                                       f["message"])):
                self.findings_table.setItem(i, c, QTableWidgetItem(str(value)))
        self.findings_table.resizeColumnsToContents()
        self.findings_table.horizontalHeader().setStretchLastSection(True)
