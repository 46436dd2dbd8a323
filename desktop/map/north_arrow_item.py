"""A north arrow, top-right of the map, drawn in screen pixels (the map is never rotated)."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen


class NorthArrowItem(pg.GraphicsObject):
    """Child of the ViewBox; keeps itself in the top-right corner when the view resizes."""

    SIZE = 44

    def __init__(self, view_box: pg.ViewBox, margin_px: float = 12):
        super().__init__()
        self._vb = view_box
        self.margin_px = margin_px
        self.setParentItem(view_box)
        self.setZValue(1000)
        view_box.sigResized.connect(self._place)
        self._place()

    def _place(self, *args) -> None:
        self.setPos(self._vb.width() - self.margin_px - self.SIZE, self.margin_px)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.SIZE, self.SIZE + 16)

    def paint(self, p: QPainter, option, widget=None):
        p.setRenderHint(QPainter.Antialiasing, True)
        s = self.SIZE
        c = s / 2
        left, right = QPainterPath(), QPainterPath()
        left.moveTo(c, 14)
        left.lineTo(c - s * 0.22, s)
        left.lineTo(c, s * 0.8)
        left.closeSubpath()
        right.moveTo(c, 14)
        right.lineTo(c + s * 0.22, s)
        right.lineTo(c, s * 0.8)
        right.closeSubpath()
        p.setPen(Qt.NoPen)
        p.setBrush(QColor(255, 255, 255, 225))  # readable over dense symbols
        p.drawRoundedRect(QRectF(4, -2, s - 8, s + 6), 4, 4)
        pen = QPen(QColor("#202020"))
        pen.setWidthF(1.2)
        p.setPen(pen)
        p.setBrush(QColor("#202020"))
        p.drawPath(left)
        p.setBrush(QColor("#ffffff"))
        p.drawPath(right)
        font = QFont()
        font.setPixelSize(13)
        font.setBold(True)
        p.setFont(font)
        p.setPen(QColor("#202020"))
        p.drawText(QRectF(0, -2, s, 16), Qt.AlignHCenter | Qt.AlignTop, self.tr("N"))
