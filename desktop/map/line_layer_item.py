"""A reference layer of lines (roads, rivers): one cached QPainterPath, names along the lines."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath

from .halo_text import HaloText, export_ratio, label_font
from .reference_style import ReferenceStyle
from .shape_arrays import ShapeArrays
from .symbology import Symbology

_METRES_PER_INCH = 0.0254


class LineLayerItem(pg.GraphicsObject):
    """Lines given as a list of (N, 2) arrays in local coordinates.

    The whole layer is one QPainterPath built once (``pg.arrayToQPath`` with breaks between
    lines) and drawn with a cosmetic pen. Names (``labels``) are drawn along each line, at its
    middle, only when the map is finer than ``reference_label_max_scale`` and the line is
    longer on screen than its name.
    """

    def __init__(self, lines, style: dict | None = None, labels=None, name: str = "",
                 symbology: Symbology | None = None):
        super().__init__()
        self.name = name
        self.symbology = symbology or Symbology.default()
        self.style = ReferenceStyle(style or {})
        self.shapes = ShapeArrays(lines)
        if labels is not None and len(labels) != len(self.shapes):
            from .errors import ShapeDataInvalid
            raise ShapeDataInvalid(detail="labels need one value per line")
        self.labels = list(labels) if labels is not None else None
        lab = self.symbology.labels
        font = label_font(self.symbology, int(lab.get("font_px", 11)) + 2)
        self.text = HaloText(font, QColor(lab.get("colour", "#202020")), QColor(lab.get("halo", "#ffffff")))
        self.path = self._build_path()
        b = self.shapes.bounds()
        self._bounds = QRectF(QPointF(b[0], b[1]), QPointF(b[2], b[3])) if b else QRectF()
        self.last_labels = 0

    def _build_path(self) -> QPainterPath:
        if not len(self.shapes):
            return QPainterPath()
        xy = np.concatenate(self.shapes.arrays)
        connect = np.ones(len(xy), dtype=np.int32)
        ends = np.cumsum([len(a) for a in self.shapes.arrays]) - 1
        connect[ends] = 0  # no segment from one line's end to the next line's start
        return pg.arrayToQPath(xy[:, 0], xy[:, 1], connect)

    def dataBounds(self, ax, frac=1.0, orthoRange=None):
        if self._bounds.isNull():
            return None, None
        r = self._bounds
        return (r.left(), r.right()) if ax == 0 else (r.top(), r.bottom())

    def boundingRect(self) -> QRectF:
        return QRectF(self.path.boundingRect()) if not self.path.isEmpty() else QRectF()

    def scale_denominator(self, widget=None) -> float:
        dt = self.deviceTransform_()
        if dt is None or dt.m11() == 0:
            return math.inf
        dpi = widget.logicalDpiX() if widget is not None else self.symbology.screen_dpi_fallback
        return (1.0 / abs(dt.m11())) * dpi / _METRES_PER_INCH

    def paint(self, p: QPainter, option, widget=None):
        p.setRenderHint(QPainter.Antialiasing, True)
        p.setPen(self.style.pen_for(export_ratio(self, p.transform())))
        p.setBrush(Qt.NoBrush)  # an open line is never filled, even if its style has a fill
        p.drawPath(self.path)
        self.last_labels = 0
        if self.labels and self.scale_denominator(widget) <= self.symbology.reference_label_max_scale:
            self._draw_labels(p)

    def _draw_labels(self, p: QPainter) -> None:
        view = self.viewRect()
        if view is None:
            return
        tr = p.transform()
        text_style = self.text.scaled(export_ratio(self, tr))
        p.save()
        p.resetTransform()
        for i in self.shapes.in_view(view.left(), view.top(), view.right(), view.bottom()):
            text = self.labels[i]
            if not text:
                continue
            a = self.shapes.arrays[i]
            dev = np.column_stack([a[:, 0] * tr.m11() + tr.dx(), a[:, 1] * tr.m22() + tr.dy()])
            seg = np.hypot(*np.diff(dev, axis=0).T)
            total = seg.sum()
            if total < text_style.width(str(text)) * 1.2:
                continue  # the line is shorter on screen than its name
            k = int(np.searchsorted(np.cumsum(seg), total / 2))
            k = min(k, len(seg) - 1)
            (x0, y0), (x1, y1) = dev[k], dev[k + 1]
            angle = math.degrees(math.atan2(y1 - y0, x1 - x0))
            if angle > 90:  # keep text upright
                angle -= 180
            elif angle <= -90:
                angle += 180
            text_style.draw(p, QPointF((x0 + x1) / 2, (y0 + y1) / 2), str(text), angle)
            self.last_labels += 1
        p.restore()
