"""Legend text for the categories that ``Symbology.categorise`` returns."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from assets.kinds import kind
from assets.vocabularies import vocabulary


def category_labels(kind_name: str, colouring: str, codes: list[str],
                    organisations: dict[str, str] | None = None, language: str | None = None) -> dict[int, str]:
    """Category number → label in the user's language.

    ``organisations`` maps owner codes to names (the registry's own list); unknown codes
    are shown as they are, so nothing is hidden.

    >>> category_labels("poles", "status", ["damaged", "intact"], language="zh_CN")
    {0: '破损', 1: '完好'}
    """
    missing = QCoreApplication.translate("LegendLabels", "(not recorded)")
    out: dict[int, str] = {}
    for i, code in enumerate(codes):
        if colouring == "kind":
            out[i] = kind(kind_name).title(language)
        elif not code:
            out[i] = missing
        elif colouring == "subtype":
            out[i] = kind(kind_name).subtypes.text(code, language)
        elif colouring in ("status", "ownership"):
            out[i] = vocabulary(colouring).text(code, language)
        elif colouring == "owner":
            out[i] = (organisations or {}).get(code, code)
        else:
            out[i] = code
    return out
