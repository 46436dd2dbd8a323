"""Where the demo town lives for ``xiucity --demo``: the user's data folder, made on first use."""
from __future__ import annotations

from pathlib import Path

from .user_folders import data_folder


def demo_path() -> Path:
    return data_folder() / "demo_town.gpkg"


def ensure_demo(progress=None) -> Path:
    path = demo_path()
    if not path.exists():
        from assets.demo_town import build_demo
        build_demo(path, "county", progress=progress).close()
    return path
