"""Which registry is open in which window: opening, creating, switching language (a
language change rebuilds the window on the same registry and view)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from assets.errors import XiuCityError
from assets.registry import Registry

from .settings import Settings
from .translator import install_language

_open_windows: list = []  # keeps windows alive while they are shown


def make_window(path, settings: Settings | None = None):
    from .main_window import MainWindow
    settings = settings or Settings()
    registry = Registry.open(Path(path), who=settings.surveyor() or None)
    window = MainWindow(registry, settings)
    settings.add_recent_registry(path)
    return window


def _show(window, replace=None):
    if replace is not None:
        window.resize(replace.size())
        replace.close()
        if replace in _open_windows:
            _open_windows.remove(replace)
    _open_windows.append(window)
    window.show()
    return window


def open_window(path, replace=None):
    try:
        window = make_window(path, replace.settings if replace is not None else None)
    except XiuCityError as error:
        QMessageBox.warning(replace, QApplication.translate("WindowManager", "Cannot open"), str(error))
        return None
    return _show(window, replace)


def create_registry_window(path, replace=None):
    try:
        Registry.create(Path(path), overwrite=Path(path).exists()).close()
    except XiuCityError as error:
        QMessageBox.warning(replace, QApplication.translate("WindowManager", "Cannot create"), str(error))
        return None
    return open_window(path, replace)


def switch_language(window, language: str):
    settings = window.settings
    settings.set_language(language)
    settings.set_view_extent(window.registry.path, window.canvas.visible_extent())
    install_language(QApplication.instance(), language)
    return open_window(window.registry.path, replace=window)
