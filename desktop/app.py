"""Starting the Qt application: language, fonts, which registry, the window."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from assets.i18n import current_language
from assets.registry import Registry


def _qapp():
    os.environ.setdefault("QT_API", "pyside6")
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("XiuCity")
    app.setOrganizationName("XiuCity")
    return app


def make_window(path):
    """The main window on the registry at ``path`` (the caller shows it)."""
    from .fonts import apply_ui_font
    from .main_window import MainWindow
    from .translator import install_language
    app = _qapp()
    apply_ui_font(app)
    install_language(app, current_language())
    return MainWindow(Registry.open(Path(path)))


def run_app(path=None, demo: bool = False, screenshot=None, size=None) -> int:
    from PySide6.QtWidgets import QApplication
    from .demo_registry import ensure_demo
    app = _qapp()
    if demo or path is None:
        path = ensure_demo()
    window = make_window(path)
    if size:
        window.resize(*size)
    window.show()
    if screenshot:
        QApplication.processEvents()
        window.canvas.zoom_full()
        QApplication.processEvents()
        window.grab().save(str(screenshot))
        window.close()
        return 0
    return app.exec()
