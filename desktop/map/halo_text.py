"""Text with a light halo, so labels stay legible over lines, areas and symbols."""
from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen


class HaloText:
    """Draws centred, optionally rotated labels in device pixels."""

    def __init__(self, font: QFont, colour: QColor, halo: QColor, halo_px: float = 3.0):
        self.font = font
        self.colour = colour
        self.halo = QPen(halo)
        self.halo.setWidthF(halo_px)
        self.metrics = QFontMetricsF(font)

    def scaled(self, ratio: float) -> "HaloText":
        """The same style grown by ``ratio`` (for exports at a higher resolution)."""
        if ratio == 1.0:
            return self
        font = QFont(self.font)
        font.setPixelSize(max(1, round(self.font.pixelSize() * ratio)))
        return HaloText(font, self.colour, self.halo.color(), self.halo.widthF() * ratio)

    def width(self, text: str) -> float:
        return self.metrics.horizontalAdvance(text)

    def draw(self, p: QPainter, at: QPointF, text: str, angle_deg: float = 0.0) -> None:
        path = QPainterPath()
        w = self.width(text)
        # Baseline shifted so the text's middle sits on the anchor point.
        path.addText(QPointF(-w / 2, (self.metrics.ascent() - self.metrics.descent()) / 2), self.font, text)
        p.save()
        p.translate(at)
        if angle_deg:
            p.rotate(angle_deg)
        p.setRenderHint(QPainter.Antialiasing, True)
        p.strokePath(path, self.halo)
        p.fillPath(path, self.colour)
        p.restore()


def export_ratio(item, painter_transform) -> float:
    """How much bigger than on screen an item is being painted (1.0 on screen; >1 when a
    map export renders the same view onto a larger image or a printer page)."""
    dt = item.deviceTransform_()
    if dt is None or dt.m11() == 0:
        return 1.0
    ratio = abs(painter_transform.m11() / dt.m11())
    return 1.0 if abs(ratio - 1.0) < 1e-3 else ratio
