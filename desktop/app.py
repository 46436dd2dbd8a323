"""Starting the Qt application: language, fonts, which registry, the window."""
from __future__ import annotations

import os
import sys
from pathlib import Path


def _qapp():
    os.environ.setdefault("QT_API", "pyside6")
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("XiuCity")
    app.setOrganizationName("XiuCity")
    from PySide6.QtGui import QIcon
    import resources
    app.setWindowIcon(QIcon(str(resources.path("icons", "xiucity.png"))))  # windows, dialogs, taskbar
    return app


def prepare_app(settings=None):
    """The QApplication with the user's language and a font that has Chinese glyphs."""
    from .fonts import apply_ui_font
    from .settings import Settings
    from .translator import install_language
    app = _qapp()
    apply_ui_font(app)
    settings = settings or Settings()
    install_language(app, os.environ.get("XIUCITY_LANG") or settings.language())
    return app, settings


def make_window(path, settings=None):
    """The main window on the registry at ``path`` (the caller shows it)."""
    from .window_manager import make_window as build
    _, settings = prepare_app(settings)
    return build(Path(path), settings)


def run_app(path=None, demo: bool = False, screenshot=None, size=None) -> int:
    """``xiucity`` (last registry, or a choice), ``xiucity --demo``, ``xiucity gui PATH``."""
    from PySide6.QtWidgets import QApplication
    from .demo_registry import ensure_demo
    from .window_manager import _show
    app, settings = prepare_app()
    if demo:
        path = ensure_demo()
    elif path is None:
        recent = settings.recent_registries()
        if recent:
            path = recent[0]
        else:
            from .start_dialog import choose_start
            path = choose_start()
            if path is None:
                return 0
    window = make_window(path, settings)
    if size:
        window.resize(*size)
    _show(window)
    if screenshot:
        QApplication.processEvents()
        window.canvas.zoom_full()
        QApplication.processEvents()
        window.grab().save(str(screenshot))
        window.close()
        return 0
    return app.exec()
