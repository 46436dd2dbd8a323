"""Step 5 of the import wizard: the button that writes the rows, and the outcome."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWizardPage


class ImportCommitPage(QWizardPage):
    """Complete (Finish enabled) only once the import ran: :meth:`show_done` says so.
    Texts in the "ImportWizard" context."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.done = False
        self.setTitle(QCoreApplication.translate("ImportWizard", "Import"))
        self.setSubTitle(QCoreApplication.translate(
            "ImportWizard", "Write the rows into the registry in one step (undo is possible)."))
        self.commit_button = QPushButton(QCoreApplication.translate("ImportWizard", "Import now"), self)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.commit_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result_label, 1)
        self.setFinalPage(True)

    def isComplete(self) -> bool:
        return self.done

    def show_done(self, summary: str) -> None:
        self.done = True
        self.result_label.setText(summary)
        self.completeChanged.emit()
