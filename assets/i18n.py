"""Translation for the Qt-free core.

Source strings are English; the catalogue is the same Qt Linguist ``.ts`` file the GUI
compiles to ``.qm``, so the command line and the window speak with one voice. Core code
marks strings with :func:`QT_TRANSLATE_NOOP` (which ``pyside6-lupdate`` recognises) and
translates where the string is shown, with :func:`translate`.

The language is Chinese (``zh_CN``) unless ``XIUCITY_LANG`` or :func:`set_language`
says otherwise.
"""
from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from functools import lru_cache

import resources

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")
_language: str | None = None


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - Qt's name, for lupdate
    """Mark ``text`` for translation in ``context`` without translating it now."""
    return text


def set_language(language: str) -> None:
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    _language = language


def current_language() -> str:
    if _language:
        return _language
    env = os.environ.get("XIUCITY_LANG", "").strip()
    if env.lower().startswith("en"):
        return "en"
    if env.lower().startswith("zh"):
        return "zh_CN"
    return DEFAULT_LANGUAGE


@lru_cache(maxsize=None)
def _catalogue(language: str) -> dict[tuple[str, str], str]:
    ts = resources.path("translations", f"xiucity_{language}.ts")
    table: dict[tuple[str, str], str] = {}
    if not ts.exists():
        return table
    root = ET.parse(ts).getroot()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source is None or translation is None:
                continue
            if translation.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            if translation.text:
                table[(name, source)] = translation.text
    return table


def translate(context: str, text: str, language: str | None = None, **values: object) -> str:
    """``text`` in the current language, with ``{name}`` placeholders filled from ``values``."""
    language = language or current_language()
    result = text
    if language != "en":
        result = _catalogue(language).get((context, text), text)
    return result.format(**values) if values else result


def pick_label(record: dict, language: str | None = None) -> str:
    """The label of a vocabulary entry in the current language (``label`` is Chinese,
    ``label_en`` English)."""
    language = language or current_language()
    if language == "en":
        return record.get("label_en") or record.get("label") or ""
    return record.get("label") or record.get("label_en") or ""
