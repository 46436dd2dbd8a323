"""Tools → Check registry: ``xiucity check`` in a window. SQLite integrity, GeoPackage
structure, the spatial index, identifiers and mounts, checked on a worker thread with its
own read-only connection; every check listed with ✓ or ✗."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from .task_runner import TaskRunner


def _check(registry, progress=None):
    from assets.check import check_registry
    return check_registry(registry, full=True)


class RegistryCheckDialog(QDialog):
    """Runs the checks as soon as it is made; ``checked(findings)`` when they are listed."""

    checked = Signal(object)

    def __init__(self, registry_path, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check registry"))
        self.findings: list = []
        self.summary = QLabel(self.tr("Checking…"), self)
        self.summary.setWordWrap(True)
        self.list = QListWidget(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(620, 420)
        self.runner = TaskRunner(self, show_errors=False)  # an error is shown in the summary line
        self.runner.finished.connect(self._show)
        self.runner.failed.connect(lambda error: self.summary.setText(str(error)))
        self.runner.run_on_registry(registry_path, _check, label=self.tr("Checking the registry…"))

    def _show(self, findings) -> None:
        self.findings = list(findings)
        self.list.clear()
        for f in self.findings:
            item = QListWidgetItem(f"{'✓' if f.ok else '✗'}  {f.message()}", self.list)
            if not f.ok:
                item.setForeground(QColor("#b00020"))
        bad = sum(not f.ok for f in self.findings)
        self.summary.setText(self.tr("All checks passed.") if not bad
                             else self.tr("{n} problems found.").format(n=bad))
        self.checked.emit(self.findings)

    def done(self, code: int) -> None:  # noqa: D102 - let the worker finish before closing
        self.runner.wait()
        super().done(code)

