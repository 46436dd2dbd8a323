"""Starting the window: imported only when a window is wanted, so the CLI needs no Qt."""
from __future__ import annotations


def launch(path=None, demo: bool = False, screenshot=None, size=None) -> int:
    from .app import run_app
    return run_app(path=path, demo=demo, screenshot=screenshot, size=size)
