"""Text with a light halo, so labels stay legible over lines, areas and symbols."""
from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter


class HaloText:
    """Draws centred, optionally rotated labels in device pixels.

    The halo is the text drawn shifted around in the halo colour: glyphs come from Qt's
    glyph cache, whereas stroking text outlines costs about 1.5 ms per label.
    """

    def __init__(self, font: QFont, colour: QColor, halo: QColor, halo_px: float = 1.2):
        self.font = font
        self.colour = QColor(colour)
        self.halo = QColor(halo)
        self.halo_px = halo_px
        self.metrics = QFontMetricsF(font)

    def scaled(self, ratio: float) -> "HaloText":
        """The same style grown by ``ratio`` (for exports at a higher resolution)."""
        if ratio == 1.0:
            return self
        font = QFont(self.font)
        font.setPixelSize(max(1, round(self.font.pixelSize() * ratio)))
        return HaloText(font, self.colour, self.halo, self.halo_px * ratio)

    def width(self, text: str) -> float:
        return self.metrics.horizontalAdvance(text)

    def draw(self, p: QPainter, at: QPointF, text: str, angle_deg: float = 0.0) -> None:
        w = self.width(text)
        # Baseline shifted so the text's middle sits on the anchor point.
        origin = QPointF(-w / 2, (self.metrics.ascent() - self.metrics.descent()) / 2)
        p.save()
        p.translate(at)
        if angle_deg:
            p.rotate(angle_deg)
        p.setFont(self.font)
        p.setRenderHint(QPainter.TextAntialiasing, True)
        h = self.halo_px
        p.setPen(self.halo)
        for dx, dy in ((-h, -h), (h, -h), (-h, h), (h, h), (0, -h), (0, h), (-h, 0), (h, 0)):
            p.drawText(origin + QPointF(dx, dy), text)
        p.setPen(self.colour)
        p.drawText(origin, text)
        p.restore()


def label_font(symbology, px: float, bold: bool = False) -> QFont:
    """The map's label font (families from ``symbology.toml``, first installed wins)."""
    font = QFont()
    families = symbology.labels.get("font_families") or []
    if families:
        font.setFamilies(list(families))
    font.setPixelSize(max(1, int(round(px))))
    font.setBold(bold)
    return font


def export_ratio(item, painter_transform) -> float:
    """How much bigger than on screen an item is being painted (1.0 on screen; >1 when a
    map export renders the same view onto a larger image or a printer page)."""
    dt = item.deviceTransform_()
    if dt is None or dt.m11() == 0:
        return 1.0
    ratio = abs(painter_transform.m11() / dt.m11())
    return 1.0 if abs(ratio - 1.0) < 1e-3 else ratio
