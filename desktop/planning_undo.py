"""Hand edits of a merge plan (move, split, join, a new batch) as steps of the window's
undo stack.

The core's edit functions (:mod:`assets.merge_edits`, ``create_batch``) check the rules and
write the plan's rows without leaving an undo step. Here the plan's rows are read before and
after the edit, and the difference becomes a core :class:`~assets.merge_plan_tables.PlanRows`
command: undo puts the old rows back and redo puts the new ones, each in one registry
transaction with a history row marked ``undo:``/``redo:``, like every other step.

Why the window's stack and not one per plan: a plan's groups name registry assets and a
batch applied from the plan is on the window's stack already; one linear stack means Ctrl+Z
always undoes the last thing the user did (as QGIS's Undo does while a layer is edited) and
an edit can never be undone under a batch applied after it.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from assets.commands import Composite
from assets.errors import XiuCityError
from assets.merge_plan_tables import BATCHES, GROUPS, PlanRows, select


def plan_rows(registry, plan_id: str) -> dict:
    """The stored rows of one plan that hand edits change: groups by number, batches by id."""
    return {GROUPS: {g["group_no"]: g for g in select(registry.conn, GROUPS, "plan_id = ?", (plan_id,))},
            BATCHES: {b["batch_id"]: b for b in select(registry.conn, BATCHES, "plan_id = ?", (plan_id,))}}


def rows_change(before: dict, after: dict, action: str, plan_id: str) -> Composite | None:
    """The command that turns the rows ``before`` into ``after`` (None when equal), already
    "applied": its ``replaced`` rows are the old ones, so its inverse restores them."""
    commands = []
    for table in (BATCHES, GROUPS):
        old, new = before[table], after[table]
        put = [row for key, row in new.items() if old.get(key) != row]
        gone = [old[key] for key in old if key not in new]
        if not put and not gone:
            continue
        keys = ("plan_id", "group_no") if table == GROUPS else ("batch_id",)
        command = PlanRows(table, put=put, remove=[{k: r[k] for k in keys} for r in gone], action=action,
                           ref=plan_id, summary={"plan": plan_id})
        command.replaced = [old[key] for key in old if key not in new or new[key] != old[key]]
        commands.append(command)
    return Composite(commands, action) if commands else None


class PlanEditStep(QUndoCommand):
    """One hand edit of a plan on the undo stack; ``notifier.plan_changed(plan_id)`` after
    each undo and redo so the workspace redraws."""

    def __init__(self, registry, notifier: "PlanEditNotifier", plan_id: str, command: Composite, text: str):
        super().__init__(text)
        self.registry, self.notifier, self.plan_id, self.command = registry, notifier, plan_id, command
        self._done = True  # run before it was pushed: the first redo() is Qt's, not the user's

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self._run(self.command, "redo:")

    def undo(self) -> None:
        self._run(self.command.inverse(), "undo:")

    def _run(self, command, prefix: str) -> None:
        try:
            self.registry.execute(command, undoable=False, action_prefix=prefix)
        except XiuCityError as error:
            # nothing changed (the transaction rolled back); the step cannot be replayed
            self.setObsolete(True)
            self.notifier.failed.emit(error)
            return
        self.notifier.plan_changed.emit(self.plan_id)


class PlanEditNotifier(QObject):
    """Runs hand edits of plans and tells the workspace when a plan's rows changed.

    Signals
    -------
    plan_changed(str)
        After an undo or redo of a plan edit (the edit itself returns to its caller).
    failed(object)
        An undo or redo the registry refused (a ``XiuCityError``).
    """

    plan_changed = Signal(str)
    failed = Signal(object)

    def __init__(self, registry, stack, parent: QObject | None = None):
        super().__init__(parent)
        self.registry, self.stack = registry, stack

    def run(self, plan_id: str, edit, text: str, action: str):
        """Call ``edit()`` (a core edit of plan ``plan_id``) and push what it changed as one
        undo step named ``text``. A refusal (``XiuCityError``) propagates and nothing is
        pushed. Returns what ``edit`` returned."""
        before = plan_rows(self.registry, plan_id)
        result = edit()
        command = rows_change(before, plan_rows(self.registry, plan_id), action, plan_id)
        if command is not None:
            self.stack.push(PlanEditStep(self.registry, self, plan_id, command, text))
        return result


__all__ = ["PlanEditNotifier", "PlanEditStep", "plan_rows", "rows_change"]
