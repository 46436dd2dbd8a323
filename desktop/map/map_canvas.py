"""The map canvas widget: layers of numpy points and reference lines, tools, overlays."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Signal

from .line_layer_item import LineLayerItem
from .map_tool import MapTool
from .map_view_box import MapViewBox
from .north_arrow_item import NorthArrowItem
from .point_layer_item import PointLayerItem
from .polygon_layer_item import PolygonLayerItem
from .scale_bar_item import ScaleBarItem
from .symbol_renderer import SymbolRenderer
from .symbol_style import SymbolStyle
from .symbology import Symbology

_METRES_PER_INCH = 0.0254


class MapCanvas(pg.GraphicsView):
    """A map: aspect locked, no axes, pan by drag, zoom by wheel about the cursor.

    Coordinates in and out (signals, ``zoom_to``, ``hit_test``) are in the registry's
    working CRS (EPSG:4550, metres). Internally everything is shifted by ``origin`` so Qt's
    float arithmetic keeps centimetres.

    Signals
    -------
    cursor_moved(x, y) : the mouse moved over the map.
    clicked(x, y, modifiers) : a left click (every tool).
    rect_selected(xmin, ymin, xmax, ymax) : Shift+drag, or drag with the select tool.
    scale_changed(denominator) : the 1:N scale changed (zoom or resize).
    point_added(x, y) : a click with the add-point tool.
    point_moved(layer, id, x, y) : a selected point was dragged with the move tool.
    picked(layer, id, modifiers) : a click on an asset with the select or identify tool.
    """

    cursor_moved = Signal(float, float)
    clicked = Signal(float, float, object)
    rect_selected = Signal(float, float, float, float)
    scale_changed = Signal(float)
    point_added = Signal(float, float)
    point_moved = Signal(str, object, float, float)
    picked = Signal(str, object, object)

    def __init__(self, parent=None, symbology: Symbology | None = None):
        self.symbology = symbology or Symbology.default()
        super().__init__(parent, background=self.symbology.background)
        self.renderer = SymbolRenderer()
        self.view_box = MapViewBox(self)
        self.setCentralItem(self.view_box)
        self._origin: tuple[float, float] | None = None
        self._layers: dict[str, pg.GraphicsObject] = {}
        self._last_scale = 0.0
        self.scale_bar = ScaleBarItem(self.view_box)
        self.north_arrow = NorthArrowItem(self.view_box)
        self.scene().sigMouseMoved.connect(self._mouse_moved)
        self.view_box.sigTransformChanged.connect(self._transform_changed)

    # -- origin and coordinates -----------------------------------------------------
    @property
    def origin(self) -> tuple[float, float]:
        return self._origin if self._origin is not None else (0.0, 0.0)

    def set_origin(self, x: float, y: float) -> None:
        """Set the local origin (map metres). Only before the first layer is added."""
        if self._layers and (x, y) != self._origin:
            raise RuntimeError("the map origin can only be set before layers are added")
        self._origin = (float(x), float(y))

    def _ensure_origin(self, x: np.ndarray, y: np.ndarray) -> None:
        if self._origin is None:
            # A round kilometre below the data keeps local values small and readable.
            x0 = math.floor(float(np.min(x)) / 1000) * 1000 if len(x) else 0.0
            y0 = math.floor(float(np.min(y)) / 1000) * 1000 if len(y) else 0.0
            self._origin = (x0, y0)

    def to_local(self, x, y):
        """Map (EPSG:4550) → local scene coordinates; numbers or arrays."""
        ox, oy = self.origin
        return np.asarray(x, np.float64) - ox, np.asarray(y, np.float64) - oy

    def to_map(self, x, y):
        """Local scene coordinates → map (EPSG:4550)."""
        ox, oy = self.origin
        return np.asarray(x, np.float64) + ox, np.asarray(y, np.float64) + oy

    # -- layers ---------------------------------------------------------------------------
    def add_layer(self, name: str, item: pg.GraphicsObject, z: float | None = None) -> pg.GraphicsObject:
        """Add any item already in local coordinates (reference layers); later layers on top."""
        if name in self._layers:
            self.remove_layer(name)
        item.setZValue(len(self._layers) if z is None else z)
        self._layers[name] = item
        self.view_box.addItem(item)
        return item

    def add_point_layer(self, name: str, x, y, categories=None, ids=None, symbols=None,
                        labels=None, z: float | None = None) -> PointLayerItem:
        """A point layer from map coordinates (EPSG:4550 metres).

        ``symbols``: category → :class:`SymbolStyle` or QPixmap (see ``Symbology.categorise``).
        """
        x = np.asarray(x, np.float64)
        y = np.asarray(y, np.float64)
        self._ensure_origin(x, y)
        item = PointLayerItem(name, self.symbology, self.renderer)
        lx, ly = self.to_local(x, y)
        item.set_data(lx, ly, categories, ids, labels)
        if symbols is None:  # a layer named after a kind gets that kind's symbol
            symbols = {0: self.symbology.kind_style(name) if name in self.symbology.kinds() else SymbolStyle()}
        item.set_symbols(symbols)
        return self.add_layer(name, item, z)

    def add_line_layer(self, name: str, lines, style: str | dict | None = None, labels=None,
                       z: float | None = None) -> LineLayerItem:
        """Reference lines from map coordinates: a list of (N, 2) arrays. ``style`` is a
        ``[reference.<name>]`` table name of the symbology (default: ``name``) or a dict."""
        lines = [np.asarray(a, np.float64) for a in lines]
        if lines:
            all_xy = np.concatenate([a.reshape(-1, 2) for a in lines])
            self._ensure_origin(all_xy[:, 0], all_xy[:, 1])
        spec = style if isinstance(style, dict) else self.symbology.reference_style(style or name)
        ox, oy = self.origin
        item = LineLayerItem([a - (ox, oy) for a in lines], spec, labels, name, self.symbology)
        return self.add_layer(name, item, z)

    def add_polygon_layer(self, name: str, polygons, style: str | dict | None = None, labels=None,
                          z: float | None = None) -> PolygonLayerItem:
        """Reference areas from map coordinates: a list of polygons, each a list of rings."""
        polygons = [[np.asarray(r, np.float64) for r in rings] for rings in polygons]
        outlines = [rings[0].reshape(-1, 2) for rings in polygons if rings]
        if outlines:
            all_xy = np.concatenate(outlines)
            self._ensure_origin(all_xy[:, 0], all_xy[:, 1])
        spec = style if isinstance(style, dict) else self.symbology.reference_style(style or name)
        ox, oy = self.origin
        local = [[r - (ox, oy) for r in rings] for rings in polygons]
        item = PolygonLayerItem(local, spec, labels, name, self.symbology)
        return self.add_layer(name, item, z)

    def remove_layer(self, name: str) -> None:
        item = self._layers.pop(name, None)
        if item is not None:
            self.view_box.removeItem(item)

    def layer(self, name: str):
        return self._layers.get(name)

    def layer_names(self) -> list[str]:
        return list(self._layers)

    def set_layer_visible(self, name: str, visible: bool) -> None:
        item = self._layers.get(name)
        if item is not None:
            item.setVisible(bool(visible))

    def point_layers(self) -> list[PointLayerItem]:
        """Visible point layers, topmost first."""
        items = [i for i in self._layers.values() if isinstance(i, PointLayerItem) and i.isVisible()]
        return sorted(items, key=lambda i: -i.zValue())

    # -- tools ----------------------------------------------------------------------------
    def set_tool(self, tool: MapTool | str) -> None:
        self.view_box.tool = MapTool(tool)

    def tool(self) -> MapTool:
        return self.view_box.tool

    # -- view -----------------------------------------------------------------------------
    def zoom_to(self, xmin: float, ymin: float, xmax: float, ymax: float, padding: float = 0.0) -> None:
        """Show at least this extent (map coordinates); the aspect lock widens one side."""
        (x0, x1), (y0, y1) = self.to_local([xmin, xmax], [ymin, ymax])
        self.view_box.setRange(xRange=(float(x0), float(x1)), yRange=(float(y0), float(y1)), padding=padding)

    def full_extent(self) -> tuple[float, float, float, float] | None:
        """Map extent of all visible layers, or None when empty."""
        boxes = []
        for item in self._layers.values():
            if not item.isVisible():
                continue
            xs, ys = item.dataBounds(0), item.dataBounds(1)
            if xs[0] is not None and ys[0] is not None:
                boxes.append((xs[0], ys[0], xs[1], ys[1]))
        if not boxes:
            return None
        # Plain min/max: QRectF.united() ignores zero-width boxes such as one-point layers.
        b = np.array(boxes, dtype=np.float64)
        (x0, x1), (y0, y1) = self.to_map([b[:, 0].min(), b[:, 2].max()], [b[:, 1].min(), b[:, 3].max()])
        return float(x0), float(y0), float(x1), float(y1)

    def zoom_full(self) -> None:
        extent = self.full_extent()
        if extent is not None:
            x0, y0, x1, y1 = extent
            if x1 - x0 < 1 and y1 - y0 < 1:  # one point: show 100 m around it
                x0, y0, x1, y1 = x0 - 50, y0 - 50, x1 + 50, y1 + 50
            self.zoom_to(x0, y0, x1, y1, padding=0.02)

    def visible_extent(self) -> tuple[float, float, float, float]:
        r = self.view_box.viewRect()
        (x0, x1), (y0, y1) = self.to_map([r.left(), r.right()], [r.top(), r.bottom()])
        return float(x0), float(y0), float(x1), float(y1)

    def metres_per_pixel(self) -> float:
        return float(self.view_box.viewPixelSize()[0])

    def screen_dpi(self) -> float:
        dpi = self.logicalDpiX()
        return float(dpi) if dpi > 0 else self.symbology.screen_dpi_fallback

    def scale_denominator(self) -> float:
        """N of the map scale 1:N on this screen (ground metres per metre of screen)."""
        return self.metres_per_pixel() * self.screen_dpi() / _METRES_PER_INCH

    def set_scale_denominator(self, denominator: float) -> None:
        """Zoom about the centre of the view so the scale becomes 1:``denominator``."""
        now = self.scale_denominator()
        if now > 0 and denominator > 0:
            f = denominator / now
            self.view_box.scaleBy((f, f))

    # -- queries --------------------------------------------------------------------------
    def hit_test(self, x: float, y: float, radius_px: float = 6.0):
        """``(layer name, id)`` of the asset under map point (x, y), topmost layer first."""
        lx, ly = self.to_local(x, y)
        for item in self.point_layers():
            found = item.hit_test(float(lx), float(ly), radius_px)
            if found is not None:
                return item.name, found
        return None

    def ids_in_rect(self, xmin: float, ymin: float, xmax: float, ymax: float) -> dict[str, np.ndarray]:
        """Ids inside a map rectangle, per visible point layer."""
        (x0, x1), (y0, y1) = self.to_local([xmin, xmax], [ymin, ymax])
        return {i.name: i.ids_in_rect(float(x0), float(y0), float(x1), float(y1)) for i in self.point_layers()}

    # -- reports from the view box ------------------------------------------------------
    def _view_clicked(self, lx: float, ly: float, modifiers) -> None:
        mx, my = (float(v) for v in self.to_map(lx, ly))
        self.clicked.emit(mx, my, modifiers)
        tool = self.tool()
        if tool == MapTool.ADD_POINT:
            self.point_added.emit(mx, my)
        elif tool in (MapTool.SELECT, MapTool.IDENTIFY):
            hit = self.hit_test(mx, my)
            if hit is not None:
                self.picked.emit(hit[0], hit[1], modifiers)

    def _view_rect(self, lx0: float, ly0: float, lx1: float, ly1: float) -> None:
        (x0, x1), (y0, y1) = self.to_map([lx0, lx1], [ly0, ly1])
        self.rect_selected.emit(float(min(x0, x1)), float(min(y0, y1)), float(max(x0, x1)), float(max(y0, y1)))

    def _selected_point_at(self, lx: float, ly: float):
        for item in self.point_layers():
            found = item.hit_test(lx, ly, 8.0, selected_only=True)
            if found is not None:
                return item, found
        return None

    def _view_point_moved(self, item: PointLayerItem, point_id: int, lx: float, ly: float) -> None:
        mx, my = (float(v) for v in self.to_map(lx, ly))
        self.point_moved.emit(item.name, point_id, mx, my)

    def _mouse_moved(self, scene_pos) -> None:
        if self.view_box.sceneBoundingRect().contains(scene_pos):
            p = self.view_box.mapSceneToView(scene_pos)
            mx, my = (float(v) for v in self.to_map(p.x(), p.y()))
            self.cursor_moved.emit(mx, my)

    def _transform_changed(self, *args) -> None:
        scale = self.scale_denominator()
        if scale > 0 and not math.isclose(scale, self._last_scale, rel_tol=1e-9):
            self._last_scale = scale
            self.scale_changed.emit(scale)
