"""One map layer of point assets: numpy arrays in, one pixmap-fragment call per symbol out."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from pyqtgraph.Qt.internals import PrimitiveArray
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap

from .density_raster import DensityRaster
from .errors import PointDataInvalid
from .grid_index import GridIndex
from .halo_text import export_ratio, label_font
from .symbol_renderer import SymbolRenderer
from .symbol_style import SymbolStyle
from .symbology import Symbology


class PointLayerItem(pg.GraphicsObject):
    """Draws up to millions of points of one layer (an asset kind).

    Coordinates must already be shifted to the canvas's local origin (float64 metres);
    Qt draws in float and Gauss–Krüger values (~4.5e6 m) would lose precision.

    Drawing: cull to the visible rectangle (numpy mask, or the grid index when zoomed in),
    then one ``QPainter.drawPixmapFragments`` per category. Above
    ``density_threshold`` visible points a density raster replaces the symbols; below
    ``label_threshold`` labels are drawn beside them. Selected points get a highlight on top.

    ``last_draw`` tells what the latest paint did (``mode``: "symbols" | "density" | "empty",
    ``visible``: number of points in view, ``labels``: number of labels drawn).
    """

    def __init__(self, name: str = "", symbology: Symbology | None = None,
                 renderer: SymbolRenderer | None = None):
        super().__init__()
        self.name = name
        self.symbology = symbology or Symbology.default()
        self.renderer = renderer or SymbolRenderer()
        self.density_threshold = self.symbology.density_threshold
        self.density_cell_px = self.symbology.density_cell_px
        self.label_threshold = self.symbology.label_threshold
        self._density = DensityRaster(self.symbology.density_ramp, self.symbology.density_alpha)
        lab = self.symbology.labels
        self._label_font = label_font(self.symbology, int(lab.get("font_px", 11)))
        self._label_px = int(lab.get("font_px", 11))
        self._label_colour = QColor(lab.get("colour", "#202020"))
        self._label_halo = QColor(lab.get("halo", "#ffffff"))
        self._symbols: dict[int, SymbolStyle | QPixmap] = {}
        self._highlight: SymbolStyle | QPixmap = self.symbology.highlight_style()
        self._frags = PrimitiveArray(QPainter.PixmapFragment, 10)
        self._brect: QRectF | None = None
        self.last_draw = {"mode": "empty", "visible": 0, "labels": 0}
        self.set_data(np.empty(0), np.empty(0))

    # -- data -----------------------------------------------------------------------------
    def set_data(self, x, y, categories=None, ids=None, labels=None) -> None:
        """Replace the points. ``categories`` (int per point) pick the symbol; ``ids`` are what
        hit tests and selections return (default: positions 0..n-1)."""
        x = np.ascontiguousarray(x, dtype=np.float64)
        y = np.ascontiguousarray(y, dtype=np.float64)
        n = x.size
        if x.ndim != 1 or y.shape != x.shape:
            raise PointDataInvalid(detail=f"x and y must be 1-D arrays of equal length ({x.shape} vs {y.shape})")
        if n and not (np.isfinite(x).all() and np.isfinite(y).all()):
            raise PointDataInvalid(detail="some coordinates are empty or not numbers")
        cats = np.zeros(n, np.int32) if categories is None else np.asarray(categories, dtype=np.int32)
        ids = np.arange(n, dtype=np.int64) if ids is None else np.asarray(ids, dtype=np.int64)
        if cats.shape != x.shape or ids.shape != x.shape:
            raise PointDataInvalid(detail="categories and ids need one value per point")
        self.prepareGeometryChange()
        # Stored grouped by category (stable), so culled positions come out grouped too and
        # each category's points are one contiguous slice: no per-category masks per frame.
        self._order = np.argsort(cats, kind="stable")
        self._x, self._y = x[self._order], y[self._order]
        self._cat, self._ids = cats[self._order], ids[self._order]
        self._selected = np.zeros(n, bool)
        self._n_selected = 0
        self._labels = None
        self._index = GridIndex(x, y)
        self._id_order = np.argsort(ids, kind="stable")
        self._bounds = QRectF(QPointF(x.min(), y.min()), QPointF(x.max(), y.max())) if n else None
        self._brect = None
        if labels is not None:
            self.set_labels(labels)
        self.informViewBoundsChanged()
        self.update()

    def set_label_source(self, source) -> None:
        """Labels fetched only when drawn: ``source(ids) -> texts`` for the few points in
        view, so a layer of a million points need not hold a million strings."""
        self._label_source = source
        self._label_cache: dict[int, str] = {}
        self.update()

    def set_labels(self, labels) -> None:
        """Text per point (e.g. identifiers), drawn when few points are in view; None hides them."""
        if labels is not None:
            labels = np.asarray(labels, dtype=object)
            if labels.shape != self._x.shape:
                raise PointDataInvalid(detail="labels need one value per point")
            labels = labels[self._order]
        self._labels = labels
        self.update()

    def set_symbols(self, symbols: dict[int, SymbolStyle | QPixmap], highlight: SymbolStyle | QPixmap | None = None) -> None:
        """Symbol per category: a :class:`SymbolStyle` (rendered once per device pixel ratio)
        or a ready QPixmap. Categories without a symbol are not drawn."""
        self.prepareGeometryChange()
        self._symbols = dict(symbols)
        if highlight is not None:
            self._highlight = highlight
        self._brect = None
        self.update()

    def set_selection(self, ids=None, mask=None) -> None:
        """Select by ids (any iterable) or by a boolean mask over the points in the order
        given to :meth:`set_data`; nothing clears."""
        if mask is not None:
            sel = np.asarray(mask, dtype=bool)
            if sel.shape != self._x.shape:
                raise PointDataInvalid(detail="the selection mask needs one value per point")
            sel = sel[self._order]  # the caller's order → storage order
        elif ids is not None:
            sel = np.isin(self._ids, np.fromiter(ids, dtype=np.int64))
        else:
            sel = np.zeros(self._x.size, bool)
        self._selected = sel
        self._n_selected = int(sel.sum())
        self.update()

    def points(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Copies of (x, y, ids), grouped by category (not the order given to set_data)."""
        return self._x.copy(), self._y.copy(), self._ids.copy()

    def symbols(self) -> dict:
        """Category → SymbolStyle or QPixmap, as given to :meth:`set_symbols`."""
        return dict(self._symbols)

    def selected_ids(self) -> np.ndarray:
        return self._ids[self._selected]

    def count(self) -> int:
        return int(self._x.size)

    def category_counts(self) -> dict[int, int]:
        values, counts = np.unique(self._cat, return_counts=True)
        return dict(zip(values.tolist(), counts.tolist()))

    def position_of(self, point_id: int) -> tuple[float, float] | None:
        i = self._find(point_id)
        return None if i is None else (float(self._x[i]), float(self._y[i]))

    def move_point(self, point_id: int, x: float, y: float) -> None:
        """Move one point (local coordinates), e.g. while the user drags it."""
        i = self._find(point_id)
        if i is None:
            return
        self.prepareGeometryChange()
        self._x[i], self._y[i] = x, y
        self._index = GridIndex(self._x, self._y)
        # Recomputed, not QRectF.united(): that ignores zero-size rectangles.
        self._bounds = QRectF(QPointF(self._x.min(), self._y.min()), QPointF(self._x.max(), self._y.max()))
        self._brect = None
        self.update()

    def _find(self, point_id: int) -> int | None:
        k = np.searchsorted(self._ids, point_id, sorter=self._id_order)
        if k < self._ids.size and self._ids[self._id_order[k]] == point_id:
            return int(self._id_order[k])
        return None

    # -- queries --------------------------------------------------------------------------
    def data_per_pixel(self) -> float:
        """Local units (metres) per screen pixel, 1.0 when not shown in a view."""
        dt = self.deviceTransform_()
        if dt is None or dt.m11() == 0:
            return 1.0
        return 1.0 / abs(dt.m11())

    def hit_test(self, x: float, y: float, radius_px: float = 6.0, selected_only: bool = False):
        """The id of the point nearest to (x, y) within ``radius_px`` screen pixels, or None."""
        among = self._selected if selected_only else None
        i = self._index.nearest(x, y, radius_px * self.data_per_pixel(), among)
        return None if i is None else int(self._ids[i])

    def ids_in_rect(self, xmin, ymin=None, xmax=None, ymax=None) -> np.ndarray:
        """Ids of the points inside a rectangle (a QRectF or four numbers, local coordinates)."""
        if isinstance(xmin, QRectF):
            r = xmin.normalized()
            xmin, ymin, xmax, ymax = r.left(), r.top(), r.right(), r.bottom()
        return self._ids[self._index.in_rect(xmin, ymin, xmax, ymax)]

    # -- pyqtgraph item protocol --------------------------------------------------------
    def _max_symbol_px(self) -> float:
        sizes = [s.size_px + 2 * s.stroke_width if isinstance(s, SymbolStyle) else max(s.width(), s.height()) / s.devicePixelRatio()
                 for s in list(self._symbols.values()) + [self._highlight]]
        return max(sizes) if sizes else 0.0

    def pixelPadding(self) -> float:
        return self._max_symbol_px() / 2

    def dataBounds(self, ax, frac=1.0, orthoRange=None):
        if self._bounds is None:
            return None, None
        r = self._bounds
        return (r.left(), r.right()) if ax == 0 else (r.top(), r.bottom())

    def boundingRect(self) -> QRectF:
        if self._bounds is None:
            return QRectF()
        if self._brect is None:
            pad = (self._max_symbol_px() / 2 + 2) * self.data_per_pixel()
            self._brect = self._bounds.adjusted(-pad, -pad, pad, pad)
        return QRectF(self._brect)

    def viewTransformChanged(self):
        # Symbols have a fixed size in pixels, so the bounds in metres change with zoom.
        super().viewTransformChanged()  # drops pyqtgraph's cached view rectangle
        self.prepareGeometryChange()
        self._brect = None

    # -- drawing --------------------------------------------------------------------------
    def paint(self, p: QPainter, option, widget=None):
        view = self.viewRect()
        if self._x.size == 0 or view is None or not self._symbols:
            self.last_draw = {"mode": "empty", "visible": 0, "labels": 0}
            return
        tr = p.transform()
        sx, sy, dx, dy = tr.m11(), tr.m22(), tr.dx(), tr.dy()
        if sx == 0 or sy == 0:
            return
        # An export renders the same view bigger (or at printer resolution): grow the
        # symbols with it so the printed map looks like the screen.
        ratio = export_ratio(self, tr)
        pad = (self._max_symbol_px() * ratio / 2 + 1) / abs(sx)
        vis = self._visible(view.left() - pad, view.top() - pad, view.right() + pad, view.bottom() + pad, view)
        px = self._x[vis] * sx + dx
        py = self._y[vis] * sy + dy
        dpr = widget.devicePixelRatioF() if widget is not None else p.device().devicePixelRatioF()
        p.save()
        p.resetTransform()
        labels = 0
        if vis.size > self.density_threshold:
            left, right = sorted((view.left() * sx + dx, view.right() * sx + dx))
            top, bottom = sorted((view.top() * sy + dy, view.bottom() * sy + dy))
            cell = self.density_cell_px * ratio
            counts = self._density.counts(px, py, left, top, int(right - left) + 1, int(bottom - top) + 1, cell)
            rows, cols = counts.shape
            p.setRenderHint(QPainter.SmoothPixmapTransform, False)
            p.drawImage(QRectF(left, top, cols * cell, rows * cell), self._density.image(counts))
            mode = "density"
        else:
            catv = self._cat[vis]  # non-decreasing: storage is grouped by category
            for category in sorted(self._symbols):
                a, b = np.searchsorted(catv, [category, category + 1])
                if b > a:
                    self._draw_fragments(p, px[a:b], py[a:b], self._symbols[category], dpr, ratio)
            mode = "symbols"
            scale = self.symbology.screen_dpi_fallback / abs(sx) / 0.0254
            has_labels = self._labels is not None or getattr(self, "_label_source", None) is not None
            if has_labels and vis.size <= self.label_threshold \
                    and scale <= self.symbology.label_max_scale * ratio:
                labels = self._draw_labels(p, vis, px, py, ratio)
        if self._n_selected:
            s = self._selected[vis]
            if s.any():
                self._draw_fragments(p, px[s], py[s], self._highlight, dpr, ratio)
        p.restore()
        self.last_draw = {"mode": mode, "visible": int(vis.size), "labels": labels}

    def _visible(self, xmin, ymin, xmax, ymax, view: QRectF) -> np.ndarray:
        b = self._bounds
        # Zoomed in: the grid index touches only the cells in view; zoomed out a plain mask
        # over all points is cheaper than gathering most cells.
        if view.width() * view.height() < 0.25 * max(b.width() * b.height(), 1e-12):
            c = np.sort(self._index.candidates(xmin, ymin, xmax, ymax))
            x, y = self._x[c], self._y[c]
            return c[(x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax)]
        x, y = self._x, self._y
        return np.flatnonzero((x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax))

    def _pixmap(self, symbol, dpr: float) -> QPixmap:
        if isinstance(symbol, QPixmap):
            return symbol
        return self.renderer.pixmap(symbol, dpr)

    def _draw_fragments(self, p: QPainter, px, py, symbol, dpr: float, ratio: float) -> None:
        # Render the pixmap at the final resolution (screen dpr × export ratio), rounded so
        # the cache holds few sizes.
        eff = max(1.0, round(dpr * ratio * 4) / 4)
        pm = self._pixmap(symbol, eff)
        scale = ratio / pm.devicePixelRatio() if isinstance(symbol, QPixmap) else ratio / eff
        n = px.size
        self._frags.resize(n)
        f = self._frags.ndarray()
        # Snap so the pixmap's corner falls on a whole device pixel: a plain blit, no
        # resampling (and crisper symbols).
        half_w = pm.width() * scale / 2
        half_h = pm.height() * scale / 2
        f[:, 0] = np.floor(px - half_w + 0.5) + half_w
        f[:, 1] = np.floor(py - half_h + 0.5) + half_h
        f[:, 2:4] = 0.0
        f[:, 4] = pm.width()
        f[:, 5] = pm.height()
        f[:, 6:8] = scale
        f[:, 8] = 0.0
        f[:, 9] = 1.0
        p.drawPixmapFragments(*self._frags.drawargs(), pm)

    def _fetch_labels(self, ids) -> list:
        missing = [int(i) for i in ids if int(i) not in self._label_cache]
        if missing:
            self._label_cache.update(zip(missing, self._label_source(missing)))
        return [self._label_cache.get(int(i)) for i in ids]

    def _draw_labels(self, p: QPainter, vis, px, py, ratio: float) -> int:
        font = QFont(self._label_font)
        font.setPixelSize(max(1, int(round(self._label_px * ratio))))
        p.setFont(font)
        p.setRenderHint(QPainter.TextAntialiasing, True)
        offset = (self._max_symbol_px() / 2 + 2) * ratio
        # One label per screen cell about a label's size: first come, first served, so
        # crowded views do not print labels over each other.
        cw, ch = 9.0 * self._label_px * ratio, 1.4 * self._label_px * ratio
        _, first = np.unique(np.column_stack([(px // cw).astype(np.int64), (py // ch).astype(np.int64)]),
                             axis=0, return_index=True)
        spots = []
        chosen = np.sort(first)
        texts = self._labels[vis[chosen]] if self._labels is not None else self._fetch_labels(self._ids[vis[chosen]])
        for k, text in zip(chosen, texts):
            if text is not None and text != "":
                spots.append((QPointF(px[k] + offset, py[k] - offset / 2), str(text)))
        # Halo by drawing the text shifted around in the halo colour: glyphs come from Qt's
        # cache, where stroking text outlines (QPainterPath) costs ~1.5 ms per label.
        h = max(1.0, ratio)
        p.setPen(self._label_halo)
        for dx, dy in ((-h, -h), (h, -h), (-h, h), (h, h), (0, -h), (0, h), (-h, 0), (h, 0)):
            shift = QPointF(dx, dy)
            for at, text in spots:
                p.drawText(at + shift, text)
        p.setPen(self._label_colour)
        for at, text in spots:
            p.drawText(at, text)
        return len(spots)
