"""The first start: no registry opened before, so offer to open one, create one, or the demo."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from assets.registry import Registry


def choose_start():
    """A registry path the user chose (created if new, the demo if asked), or None."""
    box = QMessageBox()
    box.setWindowTitle(QCoreApplication.translate("StartDialog", "XiuCity"))
    box.setText(QCoreApplication.translate("StartDialog", "Welcome to XiuCity. Open a registry, create a new one, or look around the demo town."))
    open_button = box.addButton(QCoreApplication.translate("StartDialog", "Open registry…"), QMessageBox.AcceptRole)
    new_button = box.addButton(QCoreApplication.translate("StartDialog", "New registry…"), QMessageBox.AcceptRole)
    demo_button = box.addButton(QCoreApplication.translate("StartDialog", "Demo town"), QMessageBox.AcceptRole)
    box.addButton(QMessageBox.Cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is open_button:
        path, _ = QFileDialog.getOpenFileName(None, QCoreApplication.translate("StartDialog", "Open registry"), "", "*.gpkg")
        return path or None
    if clicked is new_button:
        path, _ = QFileDialog.getSaveFileName(None, QCoreApplication.translate("StartDialog", "New registry"), "registry.gpkg", "*.gpkg")
        if path:
            Registry.create(path, overwrite=True).close()
        return path or None
    if clicked is demo_button:
        from .demo_registry import ensure_demo
        return ensure_demo()
    return None
