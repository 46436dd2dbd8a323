"""The main window: the map in the middle, layers on the left, the form on the right, the
attribute table below; map tools on top; coordinates and scale in the status bar. One
registry per window; every edit goes through the undo stack."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMessageBox

from assets.commands import Composite, DeleteAsset
from assets.errors import XiuCityError
from assets.kinds import KIND_NAMES, kind
from assets.registry import Registry
from layers.crs import transform

from .asset_form import AssetForm
from .attribute_table import AttributeTable
from .main_actions import build_actions
from .map.layer_panel import LayerPanel
from .map.map_canvas import MapCanvas
from .map.map_tool import MapTool
from .registry_map import RegistryMap
from .selection_model import AssetSelection
from .settings import Settings
from .undo_adapter import RegistryUndoStack


class MainWindow(QMainWindow):
    """One registry open in one window."""

    def __init__(self, registry: Registry, settings: Settings | None = None, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.settings = settings or Settings()
        self.add_kind = "poles"
        self.selection = AssetSelection(self)
        self.undo_stack = RegistryUndoStack(registry, self)
        self.canvas = MapCanvas(self)
        self.setCentralWidget(self.canvas)
        self.layer_panel = LayerPanel(self)
        self.layer_panel.connect_canvas(self.canvas)
        self.layers_dock = self._dock(self.tr("Layers"), self.layer_panel, Qt.LeftDockWidgetArea, "layers")
        self.form = AssetForm(registry, self.undo_stack, self)
        self.form_dock = self._dock(self.tr("Attributes"), self.form, Qt.RightDockWidgetArea, "form")
        self.table = AttributeTable(registry, self.selection, parent=self)
        self.table_dock = self._dock(self.tr("Attribute table"), self.table, Qt.BottomDockWidgetArea, "table")
        self.map = RegistryMap(registry, self.canvas, self.layer_panel.legend, self)
        self._status_widgets()
        self.actions_ = build_actions(self)
        from .confirmation_workspace import add_confirmation_dock
        from .export_dialog import add_export_action
        self.export_action = add_export_action(self)
        from .import_wizard import add_import_action
        self.import_action = add_import_action(self)
        self.confirmation_dock = add_confirmation_dock(self)
        self.tabifyDockWidget(self.table_dock, self.confirmation_dock)
        self.table_dock.raise_()
        self.confirmation_workspace.changed.connect(self._adopt_core_steps)
        from .planning_workspace import add_planning_dock
        self.planning_dock = add_planning_dock(self)
        self.actions_.add_dock_toggles(self.confirmation_dock, self.planning_dock)
        self.table_dock.raise_()  # the table is what a surveyor looks at first
        self.map.load()
        self._restore_view()
        self.form.follow(self.selection)
        self.selection.changed.connect(self._selection_changed)
        self.undo_stack.registry_changed.connect(self._registry_changed)
        self.undo_stack.failed.connect(self._show_error)
        self.undo_stack.cleanChanged.connect(self._clean_changed)
        self.layer_panel.colouring_changed.connect(self.map.set_colouring)
        self.table.asset_activated.connect(self._zoom_to_asset)
        self.canvas.cursor_moved.connect(self._cursor_moved)
        self.canvas.scale_changed.connect(self._scale_changed)
        self.canvas.picked.connect(self._picked)
        self.canvas.rect_selected.connect(self._rect_selected)
        self.canvas.point_added.connect(self._point_added)
        self.canvas.point_moved.connect(self._point_moved)
        self.resize(1500, 950)
        self.resizeDocks([self.table_dock], [220], Qt.Vertical)
        self.resizeDocks([self.form_dock, self.layers_dock], [360, 230], Qt.Horizontal)
        self.update_title()

    # -- layout ------------------------------------------------------------------------
    def _dock(self, title: str, widget, area, name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _status_widgets(self) -> None:
        self.coords_label = QLabel(self)
        self.lonlat_label = QLabel(self)
        self.scale_label = QLabel(self)
        self.selection_label = QLabel(self)
        for w in (self.selection_label, self.coords_label, self.lonlat_label, self.scale_label):
            self.statusBar().addPermanentWidget(w)

    def update_title(self) -> None:
        self.setWindowTitle(self.tr("XiuCity — {name}").format(name=Path(self.registry.path).name) + "[*]")

    def _restore_view(self) -> None:
        extent = self.settings.view_extent(self.registry.path)
        if extent:
            self.canvas.zoom_to(*extent)
        else:
            self.canvas.zoom_full()

    # -- map events ----------------------------------------------------------------------
    def _cursor_moved(self, x: float, y: float) -> None:
        lon, lat = transform([x], [y], self.registry.crs, 4490)
        self.coords_label.setText(f"EPSG:{self.registry.crs}  X {x:,.2f}  Y {y:,.2f}")
        self.lonlat_label.setText(self.tr("Lon {lon:.6f}° Lat {lat:.6f}°").format(lon=lon[0], lat=lat[0]))

    def _scale_changed(self, denominator: float) -> None:
        self.scale_label.setText(self.tr("Scale 1:{n}").format(n=f"{denominator:,.0f}"))

    def _picked(self, layer: str, fid, modifiers) -> None:
        if layer not in KIND_NAMES:
            return
        if modifiers & (Qt.ControlModifier | Qt.ShiftModifier):
            if self.selection.contains(layer, int(fid)):
                self.selection.remove(layer, [int(fid)])
            else:
                self.selection.add(layer, [int(fid)])
        else:
            self.selection.set(layer, [int(fid)], current=int(fid))

    def _rect_selected(self, xmin, ymin, xmax, ymax) -> None:
        found = {k: v for k, v in self.canvas.ids_in_rect(xmin, ymin, xmax, ymax).items()
                 if k in KIND_NAMES and len(v)}
        self.set_selection({k: [int(i) for i in v] for k, v in found.items()})

    def _point_added(self, x: float, y: float) -> None:
        k = kind(self.add_kind)
        values = {"subtype": k.subtypes.entries[0].code}
        self.run_command(lambda: self.registry.add_command(self.add_kind, values, x, y))

    def _point_moved(self, layer: str, fid, x: float, y: float) -> None:
        if layer in KIND_NAMES:
            asset = self.registry.get(int(fid), layer)
            self.run_command(lambda: self.registry.edit_command(asset.uuid, {"x": x, "y": y}, action="move"))

    def _zoom_to_asset(self, name: str, fid: int) -> None:
        asset = self.registry.get(fid, name)
        self.canvas.zoom_to(asset.x - 40, asset.y - 40, asset.x + 40, asset.y + 40)

    # -- selection -----------------------------------------------------------------------
    def set_selection(self, selection: dict[str, list[int]]) -> None:
        """Replace the whole selection (several kinds at once)."""
        self.selection.blockSignals(True)
        self.selection.clear()
        for name, fids in selection.items():
            self.selection.add(name, fids)
        self.selection.blockSignals(False)
        self.selection.changed.emit()

    def selection_dict(self) -> dict[str, list[int]]:
        return {k: [int(f) for f in self.selection.fids(k)] for k in self.selection.kinds()}

    def _selection_changed(self) -> None:
        chosen = self.selection_dict()
        self.map.set_selection(chosen)
        total = sum(len(v) for v in chosen.values())
        self.selection_label.setText(self.tr("{n} selected").format(n=total) if total else "")
        self.actions_.update_selection_state(total)

    def select_by_attribute(self) -> None:
        """Select every asset the attribute table shows (its kind, search and filter)."""
        model = self.table.model
        if model.rowCount():
            fids = [int(f) for f in model.fids_between(0, model.rowCount() - 1)]
            self.selection.set(model.kind, fids, current=fids[0])

    def zoom_to_selection(self) -> None:
        extent = self.map.selection_extent(self.selection_dict())
        if extent:
            pad = 30.0
            self.canvas.zoom_to(extent[0] - pad, extent[1] - pad, extent[2] + pad, extent[3] + pad)

    # -- edits (all through the undo stack) ----------------------------------------------
    def run_command(self, make_command) -> bool:
        """Build a core command and push it; a refusal is shown and nothing changes."""
        try:
            command = make_command()
            if getattr(command, "after", True) == {}:
                return False  # nothing changed
            self.undo_stack.push_command(command)
            return True
        except XiuCityError as error:
            self._show_error(error)
            self.map.refresh()
            return False

    def _registry_changed(self, kinds) -> None:
        self.map.refresh(kinds)
        self.table.refresh(kinds)
        self.map.set_selection(self.selection_dict())

    def _adopt_core_steps(self) -> None:
        """Workflows (confirmation) run core commands directly; their undo steps join ours."""
        self.undo_stack.adopt(self.registry.take_undo_steps())

    def _clean_changed(self, clean: bool) -> None:
        # a bound method, not a lambda: Qt drops the connection when the window is deleted
        self.setWindowModified(not clean)

    def _show_error(self, error) -> None:
        QMessageBox.warning(self, self.tr("Cannot save"), str(error))

    def delete_selection(self) -> None:
        items = sorted(self.selection.items())
        if items:
            uuids = [(k, self.registry.get(f, k).uuid) for k, f in items]
            if self.run_command(lambda: Composite([DeleteAsset(k, u) for k, u in uuids], "delete")):
                self.selection.clear()

    def retire_selection(self) -> None:
        items = sorted(self.selection.items())
        if items:
            self.run_command(lambda: Composite(
                [c for c in (self.registry.edit_command(self.registry.get(f, k).uuid, {"status": "removed"},
                                                        action="retire", allow_system=True) for k, f in items)
                 if c.after], "retire"))

    def multi_edit(self) -> None:
        from .multi_edit_dialog import MultiEditDialog
        if len(self.selection):
            MultiEditDialog(self.registry, self.undo_stack, sorted(self.selection.items()), self).exec()

    def set_tool(self, tool: MapTool) -> None:
        self.canvas.set_tool(tool)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        try:
            self.settings.set_view_extent(self.registry.path, self.canvas.visible_extent())
            self.settings.sync()
        finally:
            self.registry.close()
        super().closeEvent(event)
