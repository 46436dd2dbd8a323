"""Runs the hand edits the edit panel asks for (move a device, split, join) through the
core's rule checks, as undoable steps, and picks target groups on the map."""
from __future__ import annotations

from PySide6.QtCore import QObject

from assets import merge_plans as mp
from assets.errors import XiuCityError

class PlanEditor(QObject):
    """The workspace's hand edits. ``workspace`` supplies the registry, the current plan,
    the edit panel, the undo notifier, the canvas and ``refresh_view(select_group)``."""

    def __init__(self, workspace):
        super().__init__(workspace)
        self.ws = workspace
        panel = workspace.edit_panel
        panel.move_requested.connect(self.move)
        panel.join_requested.connect(self.join)
        panel.split_requested.connect(self.split)
        panel.pick_toggled.connect(self._pick_toggled)
        self._picking = False

    # -- edits --------------------------------------------------------------------------
    def move(self, device: str, to_group: int) -> bool:
        """Move one device (mount uuid) to group ``to_group``; True when the rules allow it."""
        group = self.ws.edit_panel.group or {}
        move = next((m for m in group.get("moves") or [] if m["device"] == device), None)
        label = move["from_code"] if move else device
        text = self.tr("Move device of {0} to group #{1}").format(label, to_group)
        done = self._run(lambda plan: mp.move_device(self.ws.registry, plan, device, int(to_group)),
                         text, "merge_plan_move")
        if done is not None:
            self._accepted(self.tr("Moved the device of {0} to group #{1}.").format(label, done["group_no"]),
                           done["group_no"])
        return done is not None

    def split(self, poles: list[str]) -> bool:
        """Keep the given removed poles of the shown group as a group of their own."""
        group = self.ws.edit_panel.group
        if group is None or not poles:
            return False
        text = self.tr("Split {0} off group #{1}").format("、".join(poles), group["group_no"])
        done = self._run(lambda plan: mp.split_group(self.ws.registry, plan, group["group_no"], list(poles)),
                         text, "merge_plan_split")
        if done is not None:
            self._accepted(self.tr("{0} stays, as group #{1}.").format("、".join(poles), done["group_no"]),
                           group["group_no"])
        return done is not None

    def join(self, other: int) -> bool:
        """Put every device of group ``other`` on the shown group's host."""
        group = self.ws.edit_panel.group
        if group is None:
            return False
        text = self.tr("Join group #{0} into #{1}").format(other, group["group_no"])
        done = self._run(lambda plan: mp.join_groups(self.ws.registry, plan, group["group_no"], int(other)),
                         text, "merge_plan_join")
        if done is not None:
            self._accepted(self.tr("Group #{0} joined into #{1}.").format(other, done["group_no"]),
                           done["group_no"])
        return done is not None

    def _run(self, edit, text: str, action: str):
        plan_id = self.ws.current_plan()
        if plan_id is None:
            return None
        try:
            return self.ws.notifier.run(plan_id, lambda: edit(plan_id), text, action)
        except XiuCityError as error:  # a rule (or a lock) refused it: nothing changed
            self.ws.edit_panel.show_refusal(str(error))
            return None

    def _accepted(self, message: str, group_no: int) -> None:
        self.ws.refresh_view(select_group=group_no)
        self.ws.edit_panel.show_done(message)

    # -- picking the target on the map ----------------------------------------------------
    def _pick_toggled(self, on: bool) -> None:
        canvas = self.ws.canvas()
        if canvas is None or on == self._picking:
            return
        self._picking = on
        if on:
            canvas.clicked.connect(self.pick_at)
        else:
            canvas.clicked.disconnect(self.pick_at)

    def pick_at(self, x: float, y: float, _modifiers=None) -> int | None:
        """The group whose host is nearest map point (x, y), within a symbol's radius,
        becomes the edit panel's target. Returns its number."""
        best = self.ws.map_menu.group_at(x, y)
        if best is not None and best["group_no"] == (self.ws.edit_panel.group or {}).get("group_no"):
            best = None  # a group is never its own target
        if best is None:
            self.ws.edit_panel.show_done(self.tr("No group host there; click on a host symbol."))
            return None
        self.ws.edit_panel.set_target(best["group_no"])
        self.ws.edit_panel.pick_button.setChecked(False)
        return best["group_no"]


__all__ = ["PlanEditor"]
