"""The user's settings in one place (QSettings, organisation "XiuCity"), with typed getters
and setters so no other module reads raw keys.

>>> from PySide6.QtCore import QSettings
>>> s = Settings(QSettings("/tmp/xiucity_doc_settings.ini", QSettings.Format.IniFormat))
>>> s.set_language("en"); s.language()
'en'
"""
from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QSettings

ORGANISATION = "XiuCity"
APPLICATION = "XiuCity"
MAX_RECENT = 10
LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"

_RECENT = "registries/recent"
_EXTENTS = "registries/view_extents"
_LANGUAGE = "ui/language"
_SURVEYOR = "survey/surveyor"


def _key(path) -> str:
    return str(Path(path).expanduser().resolve())


class Settings:
    """Typed access to the application's settings.

    Parameters
    ----------
    store
        A QSettings to use (tests pass an INI file); by default the user's native store
        under organisation and application "XiuCity".
    """

    def __init__(self, store: QSettings | None = None):
        self.store = store if store is not None else QSettings(ORGANISATION, APPLICATION)

    # -- recent registries --------------------------------------------------------------
    def recent_registries(self) -> list[str]:
        """Most recent first, at most ten, only files that still exist."""
        return [p for p in self._json(_RECENT, []) if isinstance(p, str) and Path(p).exists()][:MAX_RECENT]

    def add_recent_registry(self, path) -> list[str]:
        key = _key(path)
        recent = [key] + [p for p in self._json(_RECENT, []) if p != key]
        self._set_json(_RECENT, recent[:MAX_RECENT])
        return self.recent_registries()

    def forget_recent_registry(self, path) -> None:
        key = _key(path)
        self._set_json(_RECENT, [p for p in self._json(_RECENT, []) if p != key])

    # -- language -----------------------------------------------------------------------
    def language(self) -> str:
        value = str(self.store.value(_LANGUAGE, DEFAULT_LANGUAGE))
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
        self.store.setValue(_LANGUAGE, language)

    # -- view extent per registry ---------------------------------------------------------
    def view_extent(self, path) -> tuple[float, float, float, float] | None:
        """(xmin, ymin, xmax, ymax) in the registry's CRS when it was last closed."""
        value = self._json(_EXTENTS, {}).get(_key(path))
        if not (isinstance(value, list) and len(value) == 4):
            return None
        try:
            return tuple(float(v) for v in value)  # type: ignore[return-value]
        except (TypeError, ValueError):
            return None

    def set_view_extent(self, path, extent) -> None:
        extents = self._json(_EXTENTS, {})
        extents[_key(path)] = [float(v) for v in extent]
        self._set_json(_EXTENTS, extents)

    # -- surveyor -----------------------------------------------------------------------
    def surveyor(self) -> str:
        """The name written as ``who`` in history; empty means the login name."""
        return str(self.store.value(_SURVEYOR, "") or "")

    def set_surveyor(self, name: str) -> None:
        self.store.setValue(_SURVEYOR, (name or "").strip())

    def sync(self) -> None:
        self.store.sync()

    # -- internals ----------------------------------------------------------------------
    def _json(self, key: str, default):
        # JSON text, because QSettings turns lists of one item and dicts into
        # platform-dependent types (and the registry paths contain "/")
        raw = self.store.value(key, "")
        try:
            value = json.loads(raw) if raw else default
        except (TypeError, ValueError):
            return default
        return value if isinstance(value, type(default)) else default

    def _set_json(self, key: str, value) -> None:
        self.store.setValue(key, json.dumps(value, ensure_ascii=False))
