"""Where a user's own files live: the demo town and the export profiles they copied.

The platform's data folder (``%LOCALAPPDATA%\\XiuCity`` on Windows,
``~/.local/share/XiuCity`` on Linux), or ``XIUCITY_DATA_DIR`` when set (a portable
install on a USB stick, or a test)."""
from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_folder() -> Path:
    """The user's XiuCity data folder, made on first use."""
    override = os.environ.get("XIUCITY_DATA_DIR")
    folder = Path(override) if override else Path(platformdirs.user_data_dir("XiuCity", "XiuCity"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def profile_folder() -> Path:
    """Export profiles the user copied and edited; one with a built-in name replaces it."""
    return data_folder() / "profiles"
