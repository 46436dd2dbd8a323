"""Pens and brushes of reference layers (roads, river, subdistricts, grids) from symbology data."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPen


class ReferenceStyle:
    """A cosmetic pen (width in screen pixels) and an optional fill, from a
    ``[reference.<name>]`` table of ``symbology.toml``."""

    def __init__(self, spec: dict):
        self.pen = QPen(QColor(spec.get("stroke", "#808080")))
        self.pen.setWidthF(float(spec.get("width", 1.0)))
        self.pen.setCosmetic(True)  # line width stays the same at every zoom
        self.pen.setCapStyle(Qt.RoundCap)
        self.pen.setJoinStyle(Qt.RoundJoin)
        if spec.get("dash"):
            self.pen.setStyle(Qt.DashLine)
        fill = spec.get("fill")
        self.brush = QBrush(QColor(fill)) if fill else QBrush(Qt.NoBrush)
        self.width_px = float(spec.get("width", 1.0))
        self.label_colour = QColor(spec.get("label_colour", "#303030"))

    def pen_for(self, ratio: float) -> QPen:
        """The pen grown by ``ratio`` for an export (cosmetic widths are device pixels)."""
        if ratio == 1.0:
            return self.pen
        pen = QPen(self.pen)
        pen.setWidthF(self.width_px * ratio)
        return pen
