"""Qt speaks the same catalogue as the core: a QTranslator reading the committed ``.ts``
file through :mod:`assets.i18n`, so there is no build step between a string and the UI."""
from __future__ import annotations

from PySide6.QtCore import QTranslator

from assets.i18n import _catalogue, set_language

_installed: dict = {}


class CatalogueTranslator(QTranslator):
    def __init__(self, language: str, parent=None):
        super().__init__(parent)
        self.language = language
        self.table = _catalogue(language)

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802 - Qt's name
        # None, not "": PySide turns "" into a non-null empty QString, which Qt would take
        # as the translation; None lets Qt fall back to the source text
        return self.table.get((context, source_text))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return not self.table


def install_language(app, language: str) -> None:
    set_language(language)
    old = _installed.pop("translator", None)
    if old is not None:
        app.removeTranslator(old)
    if language != "en":
        translator = CatalogueTranslator(language, app)
        app.installTranslator(translator)
        _installed["translator"] = translator
