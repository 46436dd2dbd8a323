"""A UI font that has Chinese glyphs on every platform we ship to."""
from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

CJK_FAMILIES = ("Microsoft YaHei", "Microsoft YaHei UI", "Noto Sans CJK SC", "Noto Sans SC",
                "WenQuanYi Micro Hei", "Source Han Sans SC", "SimHei", "PingFang SC")


def cjk_family() -> str | None:
    available = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in available:
            return family
    return None


def apply_ui_font(app) -> None:
    family = cjk_family()
    if family:
        font = QFont(family)
        font.setPointSizeF(max(9.0, app.font().pointSizeF()))
        app.setFont(font)
