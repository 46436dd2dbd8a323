"""Makes the batches the batch form asks for: by road or subdistrict at once, by a polygon
after it is drawn on the map, or from the poles/boxes selected on the map. Each new batch
is one undoable step."""
from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QObject

from assets import merge_plans as mp
from assets.errors import XiuCityError

from .map.polygon_sketch import PolygonSketch
from .planning_batch_form import POLYGON, ROAD, SELECTION, SUBDISTRICT

SKETCH_LAYER = "plan_batch_polygon"


class BatchMaker(QObject):
    """The workspace's batch forming. ``workspace`` supplies the registry, the current plan,
    the batch form, ``create_batch``, the canvas and the window's selection."""

    def __init__(self, workspace):
        super().__init__(workspace)
        self.ws = workspace
        self.sketch: PolygonSketch | None = None
        self._pending_name = ""
        workspace.batch_form.requested.connect(self.request)

    def request(self, how: str, value: str, name: str) -> str | None:
        """What the form's New batch button does; returns the batch id when one is made."""
        if self.ws.current_plan() is None:
            self.ws.batch_form.show_hint(self.tr("Choose or run a plan first."))
            return None
        if how == ROAD:
            return self.create(name or value, road=value)
        if how == SUBDISTRICT:
            return self.create(name or value, subdistrict=value)
        if how == SELECTION:
            return self.from_selection(name)
        if how == POLYGON:
            self.start_polygon(name)
        return None

    def create(self, name: str, **selector) -> str | None:
        """A batch of the current plan's free groups chosen by one of ``create_batch``'s
        selectors; a refusal (nothing inside, junk area) is shown in the form."""
        if self.ws.current_plan() is None:
            return None
        try:
            batch_id = self.ws.create_batch(name, **selector)
        except XiuCityError as error:
            self.ws.batch_form.show_hint(str(error))
            return None
        groups = [g for g in mp.batch_groups(self.ws.registry, batch_id) if mp.changes_anything(g)]
        self.ws.batch_form.show_hint(self.tr("Batch {0} made with {1} merge groups.").format(batch_id, len(groups)))
        return batch_id

    # -- order of works ---------------------------------------------------------------
    def move_phase(self, step: int) -> list[str] | None:
        """Move the current batch ``step`` places earlier (negative) or later in the plan's
        order of works, as one undoable step; returns the new order."""
        plan_id, batch_id = self.ws.current_plan(), self.ws.current_batch()
        if plan_id is None or batch_id is None:
            self.ws.batch_form.show_hint(self.tr("Choose a batch first."))
            return None
        order = [b["batch_id"] for b in mp.list_batches(self.ws.registry, plan_id)]
        position = order.index(batch_id) + 1 + step
        if not 1 <= position <= len(order):
            return order
        text = self.tr("Batch {0} to phase {1}").format(batch_id, position)
        order = self.ws.notifier.run(plan_id, lambda: mp.set_batch_phase(self.ws.registry, batch_id, position),
                                     text, "merge_batch_phase")
        self.ws._reload_batches(plan_id, select=batch_id)
        return order

    # -- by selection -----------------------------------------------------------------
    def from_selection(self, name: str) -> str | None:
        """The groups that hold any selected pole (or box, for a box plan) as host or as a
        removed one."""
        plan_kind = mp.get_plan(self.ws.registry, self.ws.current_plan())["kind"]
        selection = getattr(self.ws.window, "selection", None)
        fids = [int(f) for f in selection.fids(plan_kind)] if selection is not None else []
        codes = [c for c in self.ws.registry.codes_of(plan_kind, fids) if c] if fids else []
        if not codes:
            kind_text = self.tr("poles") if plan_kind == "poles" else self.tr("boxes")
            self.ws.batch_form.show_hint(self.tr("Select {0} on the map first.").format(kind_text))
            return None
        return self.create(name, codes=codes)

    # -- by polygon -------------------------------------------------------------------
    def start_polygon(self, name: str = "") -> bool:
        """Let the user draw the batch's area on the map; the batch is made on double-click."""
        canvas = self.ws.canvas()
        if canvas is None:
            return False
        if self.sketch is None:
            self.sketch = PolygonSketch(canvas, self)
            self.sketch.finished.connect(self._polygon_drawn)
            self.sketch.cancelled.connect(self._polygon_cancelled)
            self.sketch.changed.connect(self._polygon_grew)
        self._pending_name = name
        self.ws.edit_panel.pick_button.setChecked(False)  # a corner click must not pick a target too
        self.sketch.start()
        self._say(self.tr("Click the corners of the area on the map; double-click to finish, Esc to cancel."))
        return True

    def _polygon_grew(self) -> None:
        self._say(self.tr("{0} corners; double-click to finish, Esc to cancel.").format(len(self.sketch.vertices())))

    def _polygon_cancelled(self) -> None:
        self._say(self.tr("Drawing cancelled; no batch made."), done=True)

    def _polygon_drawn(self, vertices: list) -> None:
        polygon = shapely.Polygon(vertices)
        if not polygon.is_valid:  # a bow-tie drawn by accident: its outline as the user meant it
            polygon = shapely.make_valid(polygon)
        self._say("", done=True)
        self.create(self._pending_name, polygon=polygon)  # shown with its area (show_area)

    def show_area(self, batch_id: str | None) -> None:
        """Draw the area of a batch made by polygon (its stored outline); nothing for other
        batches or none."""
        canvas = self.ws.canvas()
        if canvas is None:
            return
        canvas.remove_layer(SKETCH_LAYER)
        selector = (mp.get_batch(self.ws.registry, batch_id)["selector"] or {}) if batch_id else {}
        if "polygon" not in selector:
            return
        shape = shapely.from_wkt(selector["polygon"])
        rings = [[np.asarray(p.exterior.coords)] for p in shapely.get_parts(shape) if p.geom_type == "Polygon"]
        if rings:
            canvas.add_polygon_layer(SKETCH_LAYER, rings, style=dict(self.ws.style_spec["batch_area"]))

    def _say(self, text: str, done: bool = False) -> None:
        """Drawing instructions in the form and in the window's status bar (where the
        eye is while drawing on the map; the form may be scrolled away)."""
        self.ws.batch_form.show_hint(text)
        bar = self.ws.window.statusBar() if hasattr(self.ws.window, "statusBar") else None
        if bar is not None:
            if done and not text:
                bar.clearMessage()
            else:
                bar.showMessage(text, 5000 if done else 0)


__all__ = ["BatchMaker", "SKETCH_LAYER"]
