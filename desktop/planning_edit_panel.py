"""Hand edits of the group in the inspector: move the chosen device to a target group, join
a target group into this one, split removed poles off into their own group. The panel only
asks; the workspace runs the edit (checked by the core's rules) and shows the answer here."""
from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QGridLayout, QLabel, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from assets.vocabularies import vocabulary


class PlanEditPanel(QWidget):
    """Controls for :func:`assets.merge_edits.move_device`, ``join_groups`` and ``split_group``.

    ``nearby`` is how many of the nearest groups the target list offers: a list a planner
    can scan; a group farther away is still reachable by picking it on the map, and the
    rules refuse what is too far either way.

    ``message`` is a label the owner lays out (see the workspace): a refusal must be seen
    even when the panel itself is scrolled away.

    Signals
    -------
    move_requested(str, int)
        Device (mount uuid) and target group number.
    join_requested(int)
        The target group number to join into the shown group.
    split_requested(list)
        Codes of removed poles to keep as a group of their own.
    pick_toggled(bool)
        The "pick the target on the map" button was pressed or released.
    """

    move_requested = Signal(str, int)
    join_requested = Signal(int)
    split_requested = Signal(list)
    pick_toggled = Signal(bool)

    def __init__(self, parent=None, nearby: int = 15):
        super().__init__(parent)
        self.nearby = nearby
        self.group: dict | None = None
        self.groups: list[dict] = []
        self.device: dict | None = None
        self.refused = False  # the last message is a refusal
        self.target = QComboBox()
        self.target.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.target.setMinimumContentsLength(10)  # the column widens it; the dock stays narrow
        self.target.setToolTip(self.tr("The group that receives the device, or that is joined into this one"))
        self.pick_button = QPushButton(self.tr("Pick on map"))
        self.pick_button.setCheckable(True)
        self.pick_button.setToolTip(self.tr("Click a host on the map to make its group the target"))
        self.pick_button.toggled.connect(self.pick_toggled)
        self.move_button = QPushButton(self.tr("Move device to target"))
        self.move_button.clicked.connect(self._move_clicked)
        self.join_button = QPushButton(self.tr("Join target into this group"))
        self.join_button.clicked.connect(self._join_clicked)
        self.removed = QListWidget()
        self.removed.setMaximumHeight(90)
        self.split_button = QPushButton(self.tr("Split off checked poles"))
        self.split_button.clicked.connect(self._split_clicked)
        self.device_label = QLabel()
        self.device_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        grid.addWidget(QLabel(self.tr("Target group")), 0, 0)
        grid.addWidget(self.target, 0, 1)
        grid.addWidget(self.pick_button, 0, 2)
        grid.addWidget(self.device_label, 1, 0, 1, 2)
        grid.addWidget(self.move_button, 1, 2)
        grid.addWidget(self.join_button, 2, 2)
        grid.addWidget(QLabel(self.tr("Removed poles (check to keep)")), 3, 0, 1, 3)
        grid.addWidget(self.removed, 4, 0, 1, 2)
        grid.addWidget(self.split_button, 4, 2, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        # ``message`` (the answer to the last edit) is not in this layout: the owner puts it
        # where it stays in sight when the panel is scrolled or squeezed
        self.show_group(None, [])

    # -- what is shown ----------------------------------------------------------------
    def show_group(self, group: dict | None, groups: list[dict]) -> None:
        """The group being edited and every group of its plan (the possible targets)."""
        self.group, self.groups, self.device = group, groups, None
        self.removed.clear()
        for r in (group or {}).get("removed") or []:
            item = QListWidgetItem(f"{r['code']}  {r['owner'] or ''}".strip())
            item.setData(Qt.ItemDataRole.UserRole, r["code"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.removed.addItem(item)
        self._fill_targets()
        self._update_buttons()

    def set_device(self, move: dict | None) -> None:
        """The device chosen in the inspector (a move dict of the group), or None."""
        self.device = move
        if move is None:
            self.device_label.setText(self.tr("Choose a device in the table above"))
        else:
            self.device_label.setText(self.tr("Device: {0} on {1}").format(
                vocabulary("device_type").text(move.get("type")), move["from_code"]))
        self._fill_targets()
        self._update_buttons()

    def set_target(self, group_no: int) -> None:
        """Make ``group_no`` the target (a pick on the map); added to the list if far."""
        if self.group is None or int(group_no) == self.group["group_no"]:
            return  # a group is never its own target
        index = self.target.findData(int(group_no))
        if index < 0:
            found = next((g for g in self.groups if g["group_no"] == int(group_no)), None)
            if found is None:
                return
            self.target.addItem(self._target_text(found), int(found["group_no"]))
            index = self.target.count() - 1
        self.target.setCurrentIndex(index)
        self._update_buttons()

    def target_group(self) -> int | None:
        data = self.target.currentData()
        return int(data) if data is not None else None

    def show_refusal(self, text: str) -> None:
        """A rule refused the edit: say which, in red, until the next edit."""
        # the core's message is already in the user's language and names the rule
        self.refused = True
        self.message.setStyleSheet("color: #c62828;")
        self.message.setText(text)

    def show_done(self, text: str) -> None:
        self.refused = False
        self.message.setStyleSheet("")
        self.message.setText(text)

    # -- internals --------------------------------------------------------------------
    def _origin(self) -> tuple[float, float] | None:
        if self.device is not None:
            return self.device["from_x"], self.device["from_y"]
        if self.group is not None:
            return self.group["x"], self.group["y"]
        return None

    def _target_text(self, g: dict) -> str:
        host = g["host_code"] or self.tr("new pole")
        origin = self._origin()
        if origin is None:
            return f"#{g['group_no']} {host}"
        distance = math.hypot(g["x"] - origin[0], g["y"] - origin[1])
        return self.tr("#{0} {1} · {2} m").format(g["group_no"], host, f"{distance:.0f}")

    def _fill_targets(self) -> None:
        keep = self.target_group()
        self.target.clear()
        origin = self._origin()
        if origin is None or self.group is None:
            return
        others = [g for g in self.groups if g["group_no"] != self.group["group_no"]]
        others.sort(key=lambda g: math.hypot(g["x"] - origin[0], g["y"] - origin[1]))
        for g in others[:self.nearby]:
            self.target.addItem(self._target_text(g), int(g["group_no"]))
        if keep is not None:
            self.set_target(keep)

    def _update_buttons(self) -> None:
        has_target = self.group is not None and self.target_group() is not None
        self.move_button.setEnabled(has_target and self.device is not None)
        self.join_button.setEnabled(has_target)
        self.split_button.setEnabled(self.removed.count() > 0)
        self.pick_button.setEnabled(self.group is not None)
        if self.group is None:
            self.pick_button.setChecked(False)
            self.device_label.setText("")

    def checked_poles(self) -> list[str]:
        return [self.removed.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.removed.count())
                if self.removed.item(i).checkState() == Qt.CheckState.Checked]

    def _move_clicked(self) -> None:
        if self.device is not None and self.target_group() is not None:
            self.move_requested.emit(self.device["device"], self.target_group())

    def _join_clicked(self) -> None:
        if self.target_group() is not None:
            self.join_requested.emit(self.target_group())

    def _split_clicked(self) -> None:
        codes = self.checked_poles()
        if codes:
            self.split_requested.emit(codes)
        else:
            self.show_done(self.tr("Check the removed poles to keep first."))


__all__ = ["PlanEditPanel"]
