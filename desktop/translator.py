"""Chinese for the window straight from the core's catalogue.

``self.tr()`` strings and the core's ``QT_TRANSLATE_NOOP`` strings live in one ``.ts``
file; :class:`CatalogueTranslator` answers Qt's translation requests from that file as the
core reads it, so no ``.qm`` has to be built before the window speaks Chinese.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from assets import i18n

_INSTALLED = "_xiucity_translators"


class CatalogueTranslator(QTranslator):
    """A QTranslator over ``assets.i18n``'s catalogue for ``language``."""

    def __init__(self, language: str = "zh_CN", parent=None):
        super().__init__(parent)
        self._language = language

    def language(self) -> str:  # QTranslator's own: the target language
        return self._language

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return not i18n._catalogue(self._language)

    def translate(self, context: str, source: str, disambiguation=None, n: int = -1):
        # None (a null QString) lets Qt fall through to the next translator / the source
        if not source:
            return None
        return i18n._catalogue(self._language).get((context, source))


def _qt_translations(language: str) -> list[QTranslator]:
    """Qt's own texts (standard buttons, dialogs) from qtbase/qt_*.qm when shipped."""
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    try:
        import PySide6
        folders.append(str(Path(PySide6.__file__).parent / "Qt" / "translations"))
    except ImportError:  # pragma: no cover - PySide6 is what runs this
        pass
    # qtbase_* holds the widgets' texts; qt_* is the older catch-all that loads it too
    for name in ("qtbase", "qt"):
        for folder in folders:
            translator = QTranslator()
            if translator.load(QLocale(language), name, "_", folder):
                return [translator]
    return []


def install_language(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Switch the interface (and the core's messages) to ``language`` ("zh_CN" or "en").

    Removes what an earlier call installed; returns the translators now installed."""
    i18n.set_language(language)  # raises ValueError for an unknown language
    for translator in getattr(app, _INSTALLED, []):
        app.removeTranslator(translator)
    installed: list[QTranslator] = []
    if language != "en":
        installed.append(CatalogueTranslator(language, app))
        installed.extend(_qt_translations(language))
        for translator in installed:
            app.installTranslator(translator)
    setattr(app, _INSTALLED, installed)  # keeps them alive as long as the app
    return installed
