"""The map's ViewBox: mouse handling per map tool (pan, select, identify, add, move)."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

from .map_tool import MapTool


class MapViewBox(pg.ViewBox):
    """Aspect-locked, no context menu; left-button behaviour follows ``tool``.

    It reports to its :class:`~desktop.map.map_canvas.MapCanvas` in local (view)
    coordinates; the canvas converts to map coordinates and emits the signals.
    """

    def __init__(self, canvas):
        super().__init__(lockAspect=1.0, enableMenu=False, invertY=False, defaultPadding=0.02)
        self._canvas = canvas
        self.tool = MapTool.PAN
        self._drag: str | None = None          # "rect" | "move" | "pan" during a left drag
        self._moving: tuple[object, int] | None = None  # (PointLayerItem, id)

    def mouseClickEvent(self, ev):
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        ev.accept()
        pos = self.mapSceneToView(ev.scenePos())
        self._canvas._view_clicked(pos.x(), pos.y(), ev.modifiers())

    def mouseDragEvent(self, ev, axis=None):
        if ev.button() != Qt.MouseButton.LeftButton:
            super().mouseDragEvent(ev, axis)  # middle drag pans, right drag zooms (pyqtgraph's habit)
            return
        if ev.isStart():
            self._drag = self._drag_kind(ev)
        kind = self._drag
        if kind == "rect":
            ev.accept()
            if ev.isFinish():
                self.rbScaleBox.hide()
                a = self.mapSceneToView(ev.buttonDownScenePos())
                b = self.mapSceneToView(ev.scenePos())
                self._canvas._view_rect(a.x(), a.y(), b.x(), b.y())
            else:
                self.updateScaleBox(ev.buttonDownPos(), ev.pos())
        elif kind == "move":
            ev.accept()
            item, point_id = self._moving
            pos = self.mapSceneToView(ev.scenePos())
            item.move_point(point_id, pos.x(), pos.y())
            if ev.isFinish():
                self._moving = None
                self._canvas._view_point_moved(item, point_id, pos.x(), pos.y())
        else:
            super().mouseDragEvent(ev, axis)
        if ev.isFinish():
            self._drag = None

    def _drag_kind(self, ev) -> str:
        if ev.modifiers() & Qt.KeyboardModifier.ShiftModifier or self.tool == MapTool.SELECT:
            return "rect"
        if self.tool == MapTool.MOVE:
            start = self.mapSceneToView(ev.buttonDownScenePos())
            hit = self._canvas._selected_point_at(start.x(), start.y())
            if hit is not None:
                self._moving = hit
                return "move"
        return "pan"
