"""The devices on one pole or in one cabinet, with add / edit / remove through the undo
stack (each a core mount command: one history row, one undo step)."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from assets.commands import AddMount, DeleteMount, EditMount
from assets.kinds import kind as kind_of
from assets.kinds import mount_kind

from .mount_dialog import MountDialog, mount_field_names
from .value_labels import ValueLabels


class MountsTable(QWidget):
    """Mounts of the asset shown by :meth:`show_host`.

    Signals
    -------
    failed(object)
        A change the registry refused (``XiuCityError``); the form shows ``str(error)``.
    """

    failed = Signal(object)

    def __init__(self, registry, undo_stack, labels: ValueLabels | None = None, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.undo_stack = undo_stack
        self.labels = labels or ValueLabels(registry)
        self._host = None
        self._mounts: list[dict] = []
        self.table = QTableWidget(0, 4, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _: self._edit_clicked())
        self.add_button = QPushButton(self.tr("Add device…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.add_button.clicked.connect(self._add_clicked)
        self.edit_button.clicked.connect(self._edit_clicked)
        self.remove_button.clicked.connect(self._remove_clicked)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    # -- showing ------------------------------------------------------------------------
    def show_host(self, asset) -> None:
        """Show the mounts of ``asset`` (an ``Asset`` of a kind with mounts, or None)."""
        self._host = asset
        self.reload()

    def reload(self) -> None:
        self._mounts = self.registry.mounts(self._host.uuid) if self._host is not None else []
        host_kind = kind_of(self._host.kind) if self._host is not None else kind_of("poles")
        names = mount_field_names(host_kind)
        mounts = mount_kind()
        self.table.setColumnCount(len(names))
        self.table.setHorizontalHeaderLabels([mounts.field(n).title() for n in names])
        self.table.setRowCount(len(self._mounts))
        for row, mount in enumerate(self._mounts):
            for column, name in enumerate(names):
                item = QTableWidgetItem(self.labels.text(mounts, mounts.field(name), mount.get(name)))
                item.setData(Qt.ItemDataRole.UserRole, mount.get(name))
                self.table.setItem(row, column, item)
        enabled = self._host is not None
        for b in (self.add_button, self.edit_button, self.remove_button):
            b.setEnabled(enabled)

    def mounts(self) -> list[dict]:
        return list(self._mounts)

    # -- changing (also what tests and scripts call) -------------------------------------
    def add_mount(self, values: dict) -> dict:
        host = self._host
        command = AddMount(host.kind, host.uuid, self.registry.clean_mount(values))
        self.undo_stack.push_command(command, self.tr("Add device to {code}").format(code=host.code))
        self.reload()
        return command.values

    def update_mount(self, row: int, values: dict) -> None:
        host, current = self._host, self._mounts[row]
        cleaned = self.registry.clean_mount(values)
        after = {k: v for k, v in cleaned.items() if current.get(k) != v}
        if not after:
            return
        command = EditMount(host.kind, host.uuid, current["uuid"], {k: current.get(k) for k in after}, after)
        self.undo_stack.push_command(command, self.tr("Edit device on {code}").format(code=host.code))
        self.reload()

    def remove_mount(self, row: int) -> None:
        host, current = self._host, self._mounts[row]
        command = DeleteMount(host.kind, host.uuid, current["uuid"])
        self.undo_stack.push_command(command, self.tr("Remove device from {code}").format(code=host.code))
        self.reload()

    # -- buttons ------------------------------------------------------------------------
    def _selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _run(self, action, *args) -> None:
        from assets.errors import XiuCityError
        try:
            action(*args)
        except XiuCityError as error:
            self.failed.emit(error)

    def _add_clicked(self) -> None:
        dialog = MountDialog(self.registry, kind_of(self._host.kind), None, self.labels, self)
        if dialog.exec():
            self._run(self.add_mount, dialog.values())

    def _edit_clicked(self) -> None:
        row = self._selected_row()
        if row < 0:
            return
        dialog = MountDialog(self.registry, kind_of(self._host.kind), self._mounts[row], self.labels, self)
        if dialog.exec():
            self._run(self.update_mount, row, dialog.values())

    def _remove_clicked(self) -> None:
        row = self._selected_row()
        if row >= 0:
            self._run(self.remove_mount, row)
