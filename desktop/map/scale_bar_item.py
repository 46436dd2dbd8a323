"""A scale bar with a round length, drawn in screen pixels over the map."""
from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen


def nice_length(max_metres: float) -> float:
    """The largest 1, 2 or 5 × 10^k metres not above ``max_metres``.

    >>> nice_length(730), nice_length(199), nice_length(0.8)
    (500.0, 100.0, 0.5)
    """
    if max_metres <= 0 or not math.isfinite(max_metres):
        return 0.0
    k = math.floor(math.log10(max_metres))
    for m in (5, 2, 1):
        if m * 10.0 ** k <= max_metres * (1 + 1e-9):
            return float(m * 10.0 ** k)
    return float(10.0 ** k)


def length_text(metres: float) -> str:
    """``"500 m"``, ``"2 km"``, ``"0.5 m"``."""
    if metres >= 1000:
        return f"{metres / 1000:g} km"
    return f"{metres:g} m"


class ScaleBarItem(pg.GraphicsObject):
    """Child of the ViewBox (so its coordinates are the view's pixels), bottom-left."""

    def __init__(self, view_box: pg.ViewBox, max_width_px: float = 160, margin_px: float = 12):
        super().__init__()
        self._vb = view_box
        self.max_width_px = max_width_px
        self.margin_px = margin_px
        self.setParentItem(view_box)
        self.setZValue(1000)
        view_box.sigRangeChanged.connect(self._refresh)
        view_box.sigResized.connect(self._refresh)
        self._length = 0.0
        self._width_px = 0.0
        self._refresh()

    def metres(self) -> float:
        """The length the bar stands for now."""
        return self._length

    def _refresh(self, *args) -> None:
        per_px = self._vb.viewPixelSize()[0]
        self._length = nice_length(per_px * self.max_width_px) if per_px > 0 else 0.0
        self._width_px = self._length / per_px if per_px > 0 else 0.0
        h = self._vb.height()
        self.setPos(self.margin_px, h - self.margin_px - 30)
        self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(-4, -4, self.max_width_px + 70, 38)

    def paint(self, p: QPainter, option, widget=None):
        if self._width_px <= 0:
            return
        p.setRenderHint(QPainter.Antialiasing, True)
        w = self._width_px
        p.setPen(Qt.NoPen)
        p.setBrush(QColor(255, 255, 255, 225))  # readable over dense symbols
        p.drawRoundedRect(QRectF(-4, -4, w + 64, 36), 3, 3)
        # Alternating black/white halves, like a printed map's bar.
        pen = QPen(QColor("#202020"))
        pen.setWidthF(1.0)
        p.setPen(pen)
        p.setBrush(QColor("#202020"))
        p.drawRect(QRectF(0, 20, w / 2, 6))
        p.setBrush(QColor("#ffffff"))
        p.drawRect(QRectF(w / 2, 20, w / 2, 6))
        font = QFont()
        font.setPixelSize(12)
        p.setFont(font)
        p.setPen(QColor("#202020"))
        p.drawText(QPointF(0, 14), "0")
        p.drawText(QRectF(w - 30, 0, 90, 16), Qt.AlignLeft | Qt.AlignVCenter, "  " + length_text(self._length))
