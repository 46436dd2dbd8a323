"""A reference layer of areas (subdistricts, grids, river surface): one cached path, names inside."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath

from .errors import ShapeDataInvalid
from .halo_text import HaloText, export_ratio, label_font
from .reference_style import ReferenceStyle
from .shape_arrays import ShapeArrays
from .symbology import Symbology


class PolygonLayerItem(pg.GraphicsObject):
    """Polygons given as a list of polygons, each a list of rings ((N, 2) arrays, local
    coordinates; the first ring is the outline, others are holes — odd-even fill).

    A polygon's name is drawn at its centre when the polygon is wider on screen than the name.
    """

    def __init__(self, polygons, style: dict | None = None, labels=None, name: str = "",
                 symbology: Symbology | None = None):
        super().__init__()
        self.name = name
        self.symbology = symbology or Symbology.default()
        self.style = ReferenceStyle(style or {})
        polygons = [list(rings) for rings in polygons]
        if any(not rings for rings in polygons):
            raise ShapeDataInvalid(detail="a polygon has no rings")
        if labels is not None and len(labels) != len(polygons):
            raise ShapeDataInvalid(detail="labels need one value per polygon")
        self.rings = [ShapeArrays(rings, min_points=3) for rings in polygons]
        self.outlines = ShapeArrays([r.arrays[0] for r in self.rings], min_points=3)
        self.labels = list(labels) if labels is not None else None
        self.centres = np.array([self._centre(r.arrays[0]) for r in self.rings]).reshape(-1, 2)
        lab = self.symbology.labels
        font = label_font(self.symbology, int(lab.get("font_px", 11)) + 2, bold=True)
        self.text = HaloText(font, self.style.label_colour, QColor(lab.get("halo", "#ffffff")))
        self.path = self._build_path()
        self.last_labels = 0

    @staticmethod
    def _centre(ring: np.ndarray) -> tuple[float, float]:
        # Area centroid of the outline (shoelace); the vertex mean if the ring is degenerate.
        x, y = ring[:, 0], ring[:, 1]
        x1, y1 = np.roll(x, -1), np.roll(y, -1)
        cross = x * y1 - x1 * y
        area = cross.sum() / 2
        if abs(area) < 1e-12:
            return float(x.mean()), float(y.mean())
        return float(((x + x1) * cross).sum() / (6 * area)), float(((y + y1) * cross).sum() / (6 * area))

    def _build_path(self) -> QPainterPath:
        path = QPainterPath()
        path.setFillRule(Qt.OddEvenFill)
        for rings in self.rings:
            for ring in rings.arrays:
                sub = pg.arrayToQPath(ring[:, 0], ring[:, 1], connect="all")
                sub.closeSubpath()
                path.addPath(sub)
        return path

    def dataBounds(self, ax, frac=1.0, orthoRange=None):
        b = self.outlines.bounds()
        if b is None:
            return None, None
        return (b[0], b[2]) if ax == 0 else (b[1], b[3])

    def boundingRect(self) -> QRectF:
        return QRectF(self.path.boundingRect()) if not self.path.isEmpty() else QRectF()

    def paint(self, p: QPainter, option, widget=None):
        p.setRenderHint(QPainter.Antialiasing, True)
        p.setPen(self.style.pen_for(export_ratio(self, p.transform())))
        p.setBrush(self.style.brush)
        p.drawPath(self.path)
        self.last_labels = 0
        view = self.viewRect()
        if not self.labels or view is None:
            return
        tr = p.transform()
        text_style = self.text.scaled(export_ratio(self, tr))
        p.save()
        p.resetTransform()
        for i in self.outlines.in_view(view.left(), view.top(), view.right(), view.bottom()):
            text = self.labels[i]
            if not text:
                continue
            box = self.outlines.boxes[i]
            if abs((box[2] - box[0]) * tr.m11()) < text_style.width(str(text)) * 1.2:
                continue
            cx, cy = self.centres[i]
            text_style.draw(p, QPointF(cx * tr.m11() + tr.dx(), cy * tr.m22() + tr.dy()), str(text))
            self.last_labels += 1
        p.restore()
