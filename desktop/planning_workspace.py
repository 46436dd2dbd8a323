"""The 多杆合一、多箱合一 planning workspace: plan on a worker thread, browse plans, batches
and groups, draw the moves on the map, edit groups by hand within the rules, form batches
by road, subdistrict, drawn polygon or selection, apply and revert batches, write reports."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (QAbstractItemView, QDockWidget, QFileDialog, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QMessageBox, QPushButton, QScrollArea, QSplitter, QVBoxLayout, QWidget)

from assets import merge_plans as mp
from assets.errors import XiuCityError
from assets.kinds import kind
from assets.kinds.base import load_toml
from layers.merge_report_files import write_merge_report

from .group_inspector import GroupInspector
from .map.symbol_style import SymbolStyle
from .plan_chart import PlanChart
from .plan_parameters import PlanParameters
from .planning_batch_form import PlanBatchForm
from .planning_batches import SKETCH_LAYER, BatchMaker
from .planning_edit_panel import PlanEditPanel
from .planning_edits import PlanEditor
from .planning_map_menu import PlanMapMenu
from .planning_undo import PlanEditNotifier
from .task_runner import TaskRunner

MOVES_LAYER, HOSTS_LAYER = "plan_moves", "plan_hosts"


class PlanningWorkspace(QWidget):
    """Plans and batches of one registry. ``window`` (optional) supplies the map canvas,
    the registry map to refresh and the undo stack that adopts apply/revert."""

    changed = Signal()          # the registry changed (a batch applied or reverted)
    plan_created = Signal(str)  # plan id
    plan_edited = Signal(str)   # plan id: a hand edit or new batch, or its undo/redo

    def __init__(self, registry, window=None, parent=None):
        super().__init__(parent)
        self.registry, self.window = registry, window
        self.style_spec = load_toml("planning_map.toml")
        self.runner = TaskRunner(self)
        self.runner.finished.connect(self._planned)
        self.parameters = PlanParameters()
        self.run_button = QPushButton(self.tr("Run planner"))
        self.run_button.clicked.connect(self.run_plan)
        self.plans = QListWidget()
        self.batches = QListWidget()
        self.groups = QListWidget()
        self.inspector = GroupInspector()
        self.edit_panel = PlanEditPanel()
        self.batch_form = PlanBatchForm()
        self.shown_groups: list[dict] = []
        self.all_groups: list[dict] = []  # every group of the current plan: the targets of edits
        # plan edits share the window's undo stack (see planning_undo for why)
        self.undo_stack = getattr(window, "undo_stack", None) or QUndoStack(self)
        self.notifier = PlanEditNotifier(registry, self.undo_stack, self)
        self.notifier.plan_changed.connect(self._undone_or_redone)
        self.notifier.failed.connect(lambda error: self.edit_panel.show_refusal(str(error)))
        if hasattr(self.undo_stack, "registry_changed"):  # Edit → Undo of an apply changes a batch's state
            self.undo_stack.registry_changed.connect(self._registry_stepped)
        # a device is chosen by its row (the table is the inspector's; moves need whole rows)
        self.inspector.devices.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.inspector.devices.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.inspector.devices.currentCellChanged.connect(lambda row, *_: self._device_chosen(row))
        self.chart = PlanChart()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.plans.currentItemChanged.connect(lambda *_: self._plan_chosen())
        self.batches.currentItemChanged.connect(lambda *_: self._batch_chosen())
        self.groups.currentItemChanged.connect(lambda *_: self._group_chosen())
        buttons = QHBoxLayout()
        for text, slot in ((self.tr("Apply"), self._apply_clicked),
                           (self.tr("Revert"), self._revert_clicked), (self.tr("Report…"), self._report_clicked),
                           (self.tr("Clear map"), self.clear_map)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.parameters)
        left_layout.addWidget(self.run_button)
        left_layout.addWidget(QLabel(self.tr("Plans")))
        left_layout.addWidget(self.plans)
        left_layout.addWidget(QLabel(self.tr("Batches")))
        left_layout.addWidget(self.batches)
        order = QHBoxLayout()   # the order of works (phases): main roads first, as the county decides
        for text, step in ((self.tr("Earlier"), -1), (self.tr("Later"), 1)):
            button = QPushButton(text)
            button.clicked.connect(lambda _=False, step=step: self.batch_maker.move_phase(step))
            order.addWidget(button)
        left_layout.addLayout(order)
        left_layout.addWidget(self.batch_form)
        groups_box = QWidget()
        groups_layout = QVBoxLayout(groups_box)
        groups_layout.setContentsMargins(0, 0, 0, 0)
        groups_layout.addWidget(QLabel(self.tr("Groups")))
        groups_layout.addWidget(self.groups)
        # list, inspector and edits share the column; the planner drags the borders
        middle = QSplitter(Qt.Orientation.Vertical)
        for w, stretch in ((groups_box, 2), (self.inspector, 3), (_scrolled(self.edit_panel), 2)):
            middle.addWidget(w)
            middle.setStretchFactor(middle.count() - 1, stretch)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.chart)
        right_layout.addWidget(self.status)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        middle_box = QWidget()  # the answer to the last hand edit stays in sight below the column
        middle_layout = QVBoxLayout(middle_box)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(middle, 1)
        middle_layout.addWidget(self.edit_panel.message)
        for w in (_scrolled(left), middle_box, right):
            splitter.addWidget(w)
        splitter.setStretchFactor(1, 2)
        splitter.setStretchFactor(2, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.editor = PlanEditor(self)
        self.map_menu = PlanMapMenu(self)
        self.batch_maker = BatchMaker(self)
        self.reload_plans()

    # -- plans ------------------------------------------------------------------------
    def run_plan(self) -> None:
        """Plan on a worker thread with its own Registry; the list updates when it ends."""
        values = self.parameters.values()
        self.runner.run_on_registry(self.registry.path, mp.create_plan, values["kind"], values["name"],
                                    rules=values["rules"], area=values["area"], label=self.tr("Planning…"))

    def _planned(self, plan_id) -> None:
        self.reload_plans(select=plan_id)
        self.plan_created.emit(plan_id)

    def reload_plans(self, select: str | None = None) -> None:
        self.plans.clear()
        for plan in mp.list_plans(self.registry):
            kind_text = self.tr("poles") if plan["kind"] == "poles" else self.tr("boxes")
            item = QListWidgetItem(f"{plan['plan_id']}  {plan['name']}  ({kind_text})")
            item.setData(Qt.ItemDataRole.UserRole, plan["plan_id"])
            self.plans.addItem(item)
            if plan["plan_id"] == select:
                self.plans.setCurrentItem(item)

    def current_plan(self) -> str | None:
        item = self.plans.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def current_batch(self) -> str | None:
        item = self.batches.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _plan_chosen(self) -> None:
        plan_id = self.current_plan()
        self.batches.blockSignals(True)
        self.batches.clear()
        self.batches.blockSignals(False)
        if plan_id is None:
            return
        self._reload_batches(plan_id)
        self.refresh_view()

    def _reload_batches(self, plan_id: str, select: str | None = None) -> None:
        self.batches.blockSignals(True)
        self.batches.clear()
        states = {"planned": self.tr("planned"), "applied": self.tr("applied"), "reverted": self.tr("reverted")}
        for batch in mp.list_batches(self.registry, plan_id):
            state = states.get(batch["state"], batch["state"])
            item = QListWidgetItem(f"{batch['phase']}. {batch['batch_id']}  {batch['name']}  [{state}]")
            item.setData(Qt.ItemDataRole.UserRole, batch["batch_id"])
            self.batches.addItem(item)
            if batch["batch_id"] == select:
                self.batches.setCurrentItem(item)
        self.batches.blockSignals(False)

    def _batch_chosen(self) -> None:
        if self.current_batch() is not None:
            self.refresh_view()

    def refresh_view(self, select_group: int | None = None) -> None:
        """Show the current batch (else the whole plan) as stored now: groups, statistics,
        map; ``select_group`` (a group number) is chosen again in the list if shown."""
        plan_id = self.current_plan()
        if plan_id is None:
            return
        plan = mp.get_plan(self.registry, plan_id)
        self.all_groups = mp.plan_groups(self.registry, plan_id)
        batch_id = self.current_batch()
        if batch_id is not None:
            groups = [g for g in self.all_groups if g["batch_id"] == batch_id]
            stats = mp.batch_stats(self.registry, batch_id)
        else:
            groups, stats = self.all_groups, mp.plan_stats(self.registry, plan_id)
        self._show(groups, stats, plan["kind"], select_group)
        self.batch_maker.show_area(batch_id)
        roads = sorted({g["road"] for g in self.all_groups if g["road"]})
        subdistricts = [(a.get("code") or "", a.get("name") or "") for _, a in self.registry.reference("subdistricts")]
        self.batch_form.set_choices(roads, subdistricts)

    def batch_created(self, batch_id: str) -> None:
        """Show a batch just made (by the batch form)."""
        self._reload_batches(self.current_plan(), select=batch_id)
        self.refresh_view()
        self.plan_edited.emit(self.current_plan())

    def _undone_or_redone(self, plan_id: str) -> None:
        """An undo or redo changed a plan's rows: show it as it is now (a batch that the
        undo took away is no longer listed)."""
        if plan_id != self.current_plan():
            return
        keep = self.current_batch()
        group = self.edit_panel.group["group_no"] if self.edit_panel.group else None
        self._reload_batches(plan_id, select=keep)
        self.refresh_view(select_group=group)
        self.plan_edited.emit(plan_id)

    def _registry_stepped(self, _kinds=None) -> None:
        """A registry step was done, undone or redone in the window (an apply or revert
        among them): show the batches' states as stored. Only while the planner looks."""
        if self.isVisible() and self.current_plan() is not None:
            self._undone_or_redone(self.current_plan())

    # -- groups and map ---------------------------------------------------------------
    def _show(self, groups: list[dict], stats: dict, kind_name: str, select_group: int | None = None) -> None:
        self.shown_groups = [g for g in groups if mp.changes_anything(g)]
        self.groups.blockSignals(True)
        self.groups.clear()
        for g in self.shown_groups:
            host = g["host_code"] or self.tr("new pole")
            text = self.tr("#{0} {1}: removes {2}, moves {3}").format(
                g["group_no"], host, len(g["removed"]), sum(mp.moved(m) for m in g["moves"]))
            if g["blocked"]:
                text += self.tr(" (blocked)")
            self.groups.addItem(text)
        self.groups.blockSignals(False)
        names = {c: kind(kind_name).subtypes.text(c) for c in
                 set(stats["before"]["by_subtype"]) | set(stats["after"]["by_subtype"])}
        self.chart.show_stats(stats, names)
        self.status.setText(self.tr("{0} groups; {1} → {2} ({3}% fewer); owners to co-sign: {4}").format(
            len(self.shown_groups), stats["before"]["total"], stats["after"]["total"], stats["reduction_pct"],
            "、".join(stats["owners_cosign"]) or "—") + self._spacing_text(stats.get("spacing")))
        self.draw_groups(self.shown_groups)
        self.show_group(select_group)

    def _spacing_text(self, spacing: dict | None) -> str:
        """Whether the standing poles keep each road class's target spacing (pole plans)."""
        if not spacing or not spacing.get("roads"):
            return ""
        return "\n" + self.tr("Spacing: {0} of {1} roads keep their target; {2} gaps longer than it").format(
            spacing["roads_met"], spacing["roads"], spacing["gaps_over_target"])

    def show_group(self, group_no: int | None) -> None:
        """Inspect and edit group ``group_no`` of the current plan: chosen in the list when
        the list shows it; a group that changes nothing (a pole that keeps its devices) is
        still shown in the inspector, as a host to move devices to or join into."""
        row = next((i for i, g in enumerate(self.shown_groups) if g["group_no"] == group_no), -1)
        if row >= 0:
            if row == self.groups.currentRow():
                self._group_chosen()
            else:
                self.groups.setCurrentRow(row)
            return
        self.groups.blockSignals(True)
        self.groups.setCurrentRow(-1)
        self.groups.blockSignals(False)
        self._focus(next((g for g in self.all_groups if g["group_no"] == group_no), None))

    def _group_chosen(self) -> None:
        row = self.groups.currentRow()
        self._focus(self.shown_groups[row] if 0 <= row < len(self.shown_groups) else None)

    def _focus(self, group: dict | None) -> None:
        self.inspector.show_group(group)
        self.inspector.devices.setCurrentCell(-1, -1)  # a device of the previous group is not chosen here
        self.edit_panel.show_group(group, self.all_groups)
        self.edit_panel.set_device(None)
        canvas = self.canvas()
        if group is not None and canvas is not None:
            xs = [group["x"]] + [r["x"] for r in group["removed"]]
            ys = [group["y"]] + [r["y"] for r in group["removed"]]
            canvas.zoom_to(min(xs) - 30, min(ys) - 30, max(xs) + 30, max(ys) + 30)

    def _device_chosen(self, row: int) -> None:
        moves = (self.edit_panel.group or {}).get("moves") or []
        self.edit_panel.set_device(moves[row] if 0 <= row < len(moves) else None)

    def canvas(self):
        """The window's map canvas (None for a workspace without a window)."""
        return getattr(self.window, "canvas", None)

    def draw_groups(self, groups: list[dict]) -> None:
        """A line from each removed pole (or box) and from each moved device's pole to its
        host (a hand-moved device shows where it goes now); hosts as a point layer."""
        canvas = self.canvas()
        if canvas is None:
            return
        canvas.remove_layer(MOVES_LAYER)
        canvas.remove_layer(HOSTS_LAYER)
        segments = {((r["x"], r["y"]), (g["x"], g["y"])) for g in groups for r in g["removed"]}
        segments |= {((m["from_x"], m["from_y"]), (g["x"], g["y"])) for g in groups for m in g["moves"]
                     if mp.moved(m)}
        lines = [list(s) for s in sorted(segments)]
        if lines:
            canvas.add_line_layer(MOVES_LAYER, lines, style=dict(self.style_spec["moves"]))
        if groups:
            symbols = {0: SymbolStyle(**self.style_spec["hosts"]), 1: SymbolStyle(**self.style_spec["new_hosts"])}
            canvas.add_point_layer(HOSTS_LAYER, [g["x"] for g in groups], [g["y"] for g in groups],
                                   categories=[int(bool(g["new"])) for g in groups], symbols=symbols)

    def clear_map(self) -> None:
        canvas = self.canvas()
        if canvas is not None:
            canvas.remove_layer(MOVES_LAYER)
            canvas.remove_layer(HOSTS_LAYER)
            canvas.remove_layer(SKETCH_LAYER)

    # -- batches ----------------------------------------------------------------------
    def create_batch(self, name: str, road: str | None = None, subdistrict: str | None = None,
                     polygon=None, codes=None) -> str:
        """A batch of the current plan's free groups by one selector (see
        :func:`assets.merge_plans.create_batch`), as one undoable step; it becomes the
        current batch. Raises the core's ``XiuCityError`` when nothing fits."""
        plan_id = self.current_plan()
        text = self.tr("New batch {0}").format(name) if name else self.tr("New batch")
        batch_id = self.notifier.run(plan_id, lambda: mp.create_batch(
            self.registry, plan_id, name, road=road, subdistrict=subdistrict, polygon=polygon, codes=codes),
            text, "merge_batch")
        self.batch_created(batch_id)
        return batch_id

    def apply(self, batch_id: str) -> dict:
        stats = mp.apply_batch(self.registry, batch_id)
        self._after_change(batch_id)
        return stats

    def revert(self, batch_id: str) -> dict:
        stats = mp.revert_batch(self.registry, batch_id)
        self._after_change(batch_id)
        return stats

    def _after_change(self, batch_id: str) -> None:
        """The window's undo stack takes the core's steps; the map shows the new state."""
        undo = getattr(self.window, "undo_stack", None)
        if undo is not None:
            undo.adopt(self.registry.take_undo_steps())
        registry_map = getattr(self.window, "map", None)
        if registry_map is not None:
            registry_map.refresh({"poles", "boxes"})
        self._reload_batches(self.current_plan(), select=batch_id)
        self._batch_chosen()
        self.changed.emit()

    def _guarded(self, action) -> None:
        try:
            action()
        except XiuCityError as error:
            QMessageBox.warning(self, self.tr("Merge planning"), str(error))

    def _apply_clicked(self) -> None:
        if self.current_batch():
            self._guarded(lambda: self.apply(self.current_batch()))

    def _revert_clicked(self) -> None:
        if self.current_batch():
            self._guarded(lambda: self.revert(self.current_batch()))

    def _report_clicked(self) -> None:
        ref = self.current_batch() or self.current_plan()
        if ref is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Write report"), f"{ref}.xlsx",
                                              self.tr("Excel (*.xlsx);;PDF (*.pdf);;GeoPackage (*.gpkg)"))
        if path:
            self._guarded(lambda: self.write_report(path))

    def write_report(self, path) -> str:
        """The current batch's (else plan's) report as .xlsx, .pdf or .gpkg by suffix."""
        return str(write_merge_report(self.registry, self.current_batch() or self.current_plan(), path))


def _scrolled(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area: the dock can be shorter than the forms
    without making the main window's minimum size grow."""
    area = QScrollArea()
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(widget)
    # only the height scrolls: the column keeps the width its form needs
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setMinimumWidth(widget.minimumSizeHint().width() + area.verticalScrollBar().sizeHint().width())
    return area


def add_planning_dock(window) -> QDockWidget:
    """Dock the planning workspace at the bottom of the main window, tabified with the
    other bottom docks."""
    workspace = PlanningWorkspace(window.registry, window, window)
    dock = QDockWidget(QCoreApplication.translate("PlanningWorkspace", "Merge planning"), window)
    dock.setObjectName("planning")
    dock.setWidget(workspace)
    others = [d for d in window.findChildren(QDockWidget)
              if d is not dock and window.dockWidgetArea(d) == Qt.DockWidgetArea.BottomDockWidgetArea]
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    if others:
        window.tabifyDockWidget(others[-1], dock)
    actions = getattr(window, "actions_", None)
    if actions is not None and hasattr(actions, "update_undo_state"):
        workspace.changed.connect(actions.update_undo_state)
    window.planning_workspace = workspace
    return dock


__all__ = ["PlanningWorkspace", "add_planning_dock", "MOVES_LAYER", "HOSTS_LAYER"]
