"""Pre-renders point symbols into pixmaps, once per style, size and device pixel ratio."""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPen, QPixmap

from .symbol_style import SymbolStyle


class SymbolRenderer:
    """Draws :class:`SymbolStyle` shapes into transparent pixmaps and keeps them.

    The pixmap carries the device pixel ratio, so a 12 px symbol is 24 physical pixels on
    a 2× screen and still 12 logical pixels on the map.
    """

    def __init__(self):
        self._cache: dict[tuple[SymbolStyle, float], QPixmap] = {}

    def pixmap(self, style: SymbolStyle, device_pixel_ratio: float = 1.0) -> QPixmap:
        key = (style, round(float(device_pixel_ratio), 3))
        pm = self._cache.get(key)
        if pm is None:
            pm = self._render(style, key[1])
            self._cache[key] = pm
        return pm

    def icon(self, style: SymbolStyle, size_px: float = 16) -> QIcon:
        """An icon of the symbol for lists and legends."""
        from dataclasses import replace
        return QIcon(self.pixmap(replace(style, size_px=size_px), 1.0))

    def _render(self, style: SymbolStyle, dpr: float) -> QPixmap:
        # Room for the stroke on every side, rounded to whole physical pixels.
        logical = style.size_px + 2 * style.stroke_width + 2
        side = max(4, int(math.ceil(logical * dpr)))
        pm = QPixmap(side, side)
        pm.setDevicePixelRatio(dpr)
        pm.fill(Qt.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.Antialiasing, True)
        p.setRenderHint(QPainter.TextAntialiasing, True)
        c = side / dpr / 2.0
        self._draw(p, style, QPointF(c, c))
        p.end()
        return pm

    @staticmethod
    def _draw(p: QPainter, style: SymbolStyle, centre: QPointF) -> None:
        s = style.size_px
        fill = QColor(style.fill)
        pen = QPen(QColor(style.stroke))
        pen.setWidthF(style.stroke_width)
        p.setPen(pen)
        p.setBrush(QBrush(fill))
        cx, cy = centre.x(), centre.y()
        shape = style.shape
        if shape == "circle":
            p.drawEllipse(centre, s / 2, s / 2)
        elif shape == "ring":
            p.setBrush(Qt.NoBrush)
            p.drawEllipse(centre, s / 2, s / 2)
        elif shape == "ring_dot":
            # A pole seen from above: a ring around a solid dot.
            ring = QPen(fill)
            ring.setWidthF(max(1.5, s / 7))
            p.setPen(ring)
            p.setBrush(QBrush(QColor("#ffffff")))
            p.drawEllipse(centre, s / 2 - 0.5, s / 2 - 0.5)
            p.setPen(Qt.NoPen)
            p.setBrush(QBrush(fill))
            p.drawEllipse(centre, s / 5, s / 5)
        elif shape == "square":
            h = s * 0.42
            p.drawRect(QRectF(cx - h, cy - h, 2 * h, 2 * h))
        elif shape == "rect":
            # Billboards are wide and short.
            w, h = s * 0.5, s * 0.28
            p.drawRect(QRectF(cx - w, cy - h, 2 * w, 2 * h))
        elif shape == "wc":
            h = s * 0.5
            p.drawRoundedRect(QRectF(cx - h, cy - h, 2 * h, 2 * h), s * 0.15, s * 0.15)
            font = QFont()
            font.setBold(True)
            font.setPixelSize(max(5, int(s * 0.55)))
            p.setFont(font)
            p.setPen(QColor("#ffffff"))
            p.drawText(QRectF(cx - h, cy - h, 2 * h, 2 * h), Qt.AlignCenter, "WC")
        elif shape == "tree":
            # Crown with a lighter centre, so trees read as trees next to manholes.
            p.drawEllipse(centre, s / 2, s / 2)
            p.setPen(Qt.NoPen)
            p.setBrush(QBrush(fill.lighter(150)))
            p.drawEllipse(QPointF(cx - s * 0.1, cy - s * 0.1), s / 5, s / 5)
        else:  # unknown shapes are refused by Symbology; a plain dot is the safe fallback
            p.drawEllipse(centre, s / 3, s / 3)
