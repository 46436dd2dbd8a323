"""Qt's undo stack over the core's commands.

The core owns do/undo as plain data (``assets.commands``); this module only adapts them,
as orange-canvas-core's ``AddNodeCommand.redo()`` is one line calling the model. It mirrors
``Registry.undo()``/``redo()``: undo applies ``command.inverse()``, redo re-applies the
original command (so an added asset comes back with the same fid, UUID and code), each in
one transaction whose history rows are marked ``undo:``/``redo:``.

A command is run *before* it is pushed: if the registry refuses it (stale edit, busy,
read-only) the caller gets the exception and nothing reaches the stack.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from assets.commands import AddAsset, AddMount, Command, Composite, DeleteAsset, DeleteMount, EditAsset, EditMount
from assets.errors import XiuCityError
from assets.kinds import kind


def command_kinds(command: Command) -> set[str]:
    """The asset kinds (tables) a core command changes, so views refresh only those."""
    if isinstance(command, Composite):
        return set().union(*(command_kinds(c) for c in command.commands)) if command.commands else set()
    if isinstance(command, (AddMount, DeleteMount, EditMount)):
        return {command.host_kind}
    if isinstance(command, (AddAsset, DeleteAsset, EditAsset)):
        return {command.kind}
    kind = getattr(command, "kind", None) or getattr(command, "host_kind", None)
    return {kind} if kind else set()


def _apply(registry, command: Command, label: str, prefix: str) -> None:
    # as Registry.undo()/redo(): one transaction, history marked undo:/redo:, without
    # touching the core's own undo list (this stack is the GUI's)
    registry.execute(command, undoable=False, action_prefix=prefix)


class CommandAdapter(QUndoCommand):
    """One core command as one entry of the Qt undo stack."""

    def __init__(self, stack: "RegistryUndoStack", command: Command, text: str, done: bool):
        super().__init__(text)
        self.stack = stack
        self.command = command
        self._done = done  # already executed by push_command: the first redo() is a no-op

    def redo(self) -> None:
        if self._done:
            self._done = False
        else:
            self._run(self.command, "redo", "redo:")
        self.stack.registry_changed.emit(command_kinds(self.command))

    def undo(self) -> None:
        self._run(self.command.inverse(), "undo", "undo:")
        self.stack.registry_changed.emit(command_kinds(self.command))

    def _run(self, command: Command, label: str, prefix: str) -> None:
        try:
            _apply(self.stack.registry, command, label, prefix)
        except XiuCityError as error:
            # The registry is unchanged (the transaction rolled back). The step cannot be
            # replayed any more: Qt drops obsolete commands from the stack.
            self.setObsolete(True)
            self.stack.failed.emit(error)


class RegistryUndoStack(QUndoStack):
    """The window's undo stack; every edit of the registry from the GUI goes through it.

    Signals
    -------
    registry_changed(set)
        The kinds changed by a do, undo or redo.
    failed(object)
        An undo or redo the registry refused (the ``XiuCityError``); show ``str(error)``.
    """

    registry_changed = Signal(object)
    failed = Signal(object)

    def __init__(self, registry, parent: QObject | None = None):
        super().__init__(parent)
        self.registry = registry

    def push_command(self, command: Command, text: str | None = None) -> Command:
        """Run ``command`` on the registry now and make it the next undo step; ``text``
        names it in the Edit menu ("撤销 <text>"), by default :meth:`describe`.

        Raises the registry's ``XiuCityError`` (nothing pushed) when it refuses."""
        self.registry.execute(command, undoable=False)
        self.push(CommandAdapter(self, command, text or self.describe(command), done=True))
        return command

    def adopt(self, commands) -> None:
        """Take commands the registry already ran (workflows that call the core directly)
        as the next undo steps, so Edit → Undo reaches them too."""
        kinds: set[str] = set()
        for command in commands:
            self.push(CommandAdapter(self, command, self.describe(command), done=True))
            kinds |= command_kinds(command)
        if kinds:
            self.registry_changed.emit(kinds)

    def undo_action(self, parent: QObject):
        """A QAction "撤销 <step>" kept in step with the stack."""
        return self.createUndoAction(parent, self.tr("Undo"))

    def redo_action(self, parent: QObject):
        return self.createRedoAction(parent, self.tr("Redo"))

    def describe(self, command: Command) -> str:
        """A short text for a command ("修改 杆件 2103230118000001"), for callers without one."""
        if isinstance(command, Composite):
            return self.tr("Edit {n} assets").format(n=len(command.commands))
        kinds = command_kinds(command)
        title = kind(next(iter(kinds))).item_title() if kinds else ""
        uuid = getattr(command, "uuid", None) or getattr(command, "host_uuid", None)
        code = self._code(uuid) if uuid else ""
        return self.tr("Edit {kind} {code}").format(kind=title, code=code).strip()

    def _code(self, uuid: str) -> str:
        try:
            return self.registry.get(uuid).code
        except XiuCityError:  # a deleted asset has no code to show
            return ""
