"""Drawing a polygon on the map, as QGIS's digitising tools do: each left click adds a
vertex, the outline follows the cursor, a double-click finishes, Esc cancels.

Generic: it knows only a :class:`~desktop.map.map_canvas.MapCanvas` and reports map
coordinates (EPSG:4550 metres), so any workspace (a batch by area, a report extent, a
selection by polygon) can use it.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from .map_tool import MapTool

# The sketch draws above every layer (layers use z from -20 to a few dozen).
_SKETCH_Z = 1e6
# Two clicks closer than this many screen pixels are one vertex: a double-click's first
# click already added the vertex its second click would add again.
_SAME_VERTEX_PX = 3.0


class PolygonSketch(QObject):
    """A polygon drawn with the mouse on ``canvas``.

    Signals
    -------
    finished(list)
        The outline as a list of ``(x, y)`` map coordinates (at least 3 vertices, not
        closed). Emitted on double-click or :meth:`finish`.
    cancelled()
        Esc, :meth:`cancel`, or a finish with fewer than three vertices.
    changed()
        A vertex was added (for a status line "3 vertices").
    """

    finished = Signal(list)
    cancelled = Signal()
    changed = Signal()

    def __init__(self, canvas, parent: QObject | None = None, colour: str = "#2962ff"):
        super().__init__(parent)
        self.canvas = canvas
        self.active = False
        self._vertices: list[tuple[float, float]] = []
        self._cursor: tuple[float, float] | None = None
        self._tool_before: MapTool | None = None
        pen = QPen(QColor(colour))
        pen.setWidthF(2.0)
        pen.setCosmetic(True)  # pixels, whatever the zoom
        fill = QColor(colour)
        fill.setAlpha(50)
        self._item = QGraphicsPathItem()
        self._item.setPen(pen)
        self._item.setBrush(QBrush(fill))
        self._item.setZValue(_SKETCH_Z)

    # -- the tool's life --------------------------------------------------------------
    def start(self) -> None:
        """Begin a new polygon. Left drag still pans; the previous map tool comes back
        when the polygon is finished or cancelled."""
        if self.active:
            self._stop()
        self.active = True
        self._vertices, self._cursor = [], None
        self._tool_before = self.canvas.tool()
        self.canvas.set_tool(MapTool.PAN)  # a click must only report its position
        self.canvas.clicked.connect(self._clicked)
        self.canvas.cursor_moved.connect(self._cursor_moved)
        self.canvas.viewport().installEventFilter(self)
        self.canvas.installEventFilter(self)
        self.canvas.view_box.addItem(self._item, ignoreBounds=True)
        self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)  # so Esc reaches us
        self._redraw()

    def vertices(self) -> list[tuple[float, float]]:
        """The vertices so far, in map coordinates."""
        return list(self._vertices)

    def add_vertex(self, x: float, y: float) -> None:
        """Add a vertex at map point (x, y) (what a click does)."""
        if not self.active:
            return
        if self._vertices:
            px, py = self._vertices[-1]
            if math.hypot(x - px, y - py) <= _SAME_VERTEX_PX * max(self.canvas.metres_per_pixel(), 1e-9):
                return
        self._vertices.append((float(x), float(y)))
        self._redraw()
        self.changed.emit()

    def finish(self) -> None:
        """End the polygon: ``finished`` with its vertices, or ``cancelled`` if it has
        fewer than three."""
        if not self.active:
            return
        vertices = list(self._vertices)
        self._stop()
        if len(vertices) >= 3:
            self.finished.emit(vertices)
        else:
            self.cancelled.emit()

    def cancel(self) -> None:
        if self.active:
            self._stop()
            self.cancelled.emit()

    def _stop(self) -> None:
        self.active = False
        self.canvas.clicked.disconnect(self._clicked)
        self.canvas.cursor_moved.disconnect(self._cursor_moved)
        self.canvas.viewport().removeEventFilter(self)
        self.canvas.removeEventFilter(self)
        self.canvas.view_box.removeItem(self._item)
        if self._tool_before is not None:
            self.canvas.set_tool(self._tool_before)
        self._vertices, self._cursor = [], None

    # -- events -----------------------------------------------------------------------
    def _clicked(self, x: float, y: float, _modifiers) -> None:
        self.add_vertex(x, y)

    def _cursor_moved(self, x: float, y: float) -> None:
        self._cursor = (x, y)
        self._redraw()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if not self.active:
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseButtonDblClick and event.button() == Qt.MouseButton.LeftButton:
            # the first click of the pair already added this vertex; the scene's own
            # double-click event would add it again, so it is swallowed
            scene = self.canvas.mapToScene(event.position().toPoint())
            local = self.canvas.view_box.mapSceneToView(scene)
            x, y = (float(v) for v in self.canvas.to_map(local.x(), local.y()))
            self.add_vertex(x, y)
            self.finish()
            return True
        if kind == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return True
        return False

    # -- drawing ----------------------------------------------------------------------
    def _redraw(self) -> None:
        points = list(self._vertices)
        if self._cursor is not None and points:
            points.append(self._cursor)
        path = QPainterPath()
        if points:
            ox, oy = self.canvas.origin
            local = [QPointF(x - ox, y - oy) for x, y in points]
            path.moveTo(local[0])
            for p in local[1:]:
                path.lineTo(p)
            if len(local) >= 3:
                path.closeSubpath()
        self._item.setPath(path)


__all__ = ["PolygonSketch"]
