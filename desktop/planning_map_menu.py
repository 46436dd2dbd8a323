"""A right-click menu on the map for the plan's groups: right-click a host to show its group,
to move the device chosen in the inspector onto it, or to join it into the group being
edited — the way QGIS offers feature actions on a right-click."""
from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMenu

# A click (left to pick, right for the menu) reaches a host within its symbol's radius
# (screen pixels), so a click on the drawn symbol finds it.
_REACH_PX = 10.0


class PlanMapMenu(QObject):
    """Watches the canvas's right-clicks while ``workspace`` shows a plan; a right-click
    away from any host is left to the map."""

    def __init__(self, workspace):
        super().__init__(workspace)
        self.ws = workspace
        canvas = workspace.canvas()
        if canvas is not None:
            canvas.viewport().installEventFilter(self)

    def group_at(self, x: float, y: float) -> dict | None:
        """The plan group whose host is nearest map point (x, y), within a symbol's radius."""
        canvas = self.ws.canvas()
        reach = _REACH_PX * (canvas.metres_per_pixel() if canvas is not None else 1.0)
        best, best_d = None, reach
        for g in self.ws.all_groups:
            d = math.hypot(g["x"] - x, g["y"] - y)
            if d <= best_d:
                best, best_d = g, d
        return best

    def menu_for(self, x: float, y: float) -> QMenu | None:
        """The menu for a right-click at map point (x, y), or None when no host is there."""
        if self.ws.current_plan() is None:
            return None
        other = self.group_at(x, y)
        if other is None:
            return None
        panel = self.ws.edit_panel
        current = panel.group
        no = other["group_no"]
        menu = QMenu(self.ws)
        host = other["host_code"] or self.tr("new pole")
        show = menu.addAction(self.tr("Show group #{0} ({1})").format(no, host))
        show.triggered.connect(lambda: self.ws.show_group(no))
        if current is not None and current["group_no"] != no:
            device = panel.device
            move = menu.addAction(self.tr("Move the chosen device here (group #{0})").format(no))
            move.setEnabled(device is not None)
            if device is not None:
                move.triggered.connect(lambda: self.ws.editor.move(device["device"], no))
            join = menu.addAction(self.tr("Join group #{0} into group #{1}").format(no, current["group_no"]))
            join.triggered.connect(lambda: self.ws.editor.join(no))
            target = menu.addAction(self.tr("Make group #{0} the target").format(no))
            target.triggered.connect(lambda: panel.set_target(no))
        return menu

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.ContextMenu:
            return False
        canvas = self.ws.canvas()
        scene = canvas.mapToScene(event.pos())
        local = canvas.view_box.mapSceneToView(scene)
        x, y = (float(v) for v in canvas.to_map(local.x(), local.y()))
        menu = self.menu_for(x, y)
        if menu is None:
            return False
        menu.exec(event.globalPos())
        menu.deleteLater()
        return True


__all__ = ["PlanMapMenu"]
