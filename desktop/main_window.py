"""The main window: the map in the middle, layers on the left, table and form docked,
tools on top, coordinates and scale below."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMessageBox

from assets.errors import XiuCityError
from assets.kinds import KIND_NAMES, kind
from assets.registry import Registry
from layers.crs import transform

from .main_actions import build_actions
from .map.layer_panel import LayerPanel
from .map.map_canvas import MapCanvas
from .map.map_tool import MapTool
from .registry_map import RegistryMap


class MainWindow(QMainWindow):
    """One registry open in one window."""

    selection_changed = Signal()

    def __init__(self, registry: Registry, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.selection: dict[str, list[int]] = {}
        self.add_kind = "poles"
        self.canvas = MapCanvas(self)
        self.setCentralWidget(self.canvas)
        self.layer_panel = LayerPanel(self)
        self.layer_panel.connect_canvas(self.canvas)
        self.layers_dock = self._dock(self.tr("Layers"), self.layer_panel, Qt.LeftDockWidgetArea, "layers")
        self.map = RegistryMap(registry, self.canvas, self.layer_panel.legend, self)
        self._status_widgets()
        self.actions_ = build_actions(self)
        self.map.load()
        self.canvas.zoom_full()
        self.layer_panel.colouring_changed.connect(self.map.set_colouring)
        self.canvas.cursor_moved.connect(self._cursor_moved)
        self.canvas.scale_changed.connect(self._scale_changed)
        self.canvas.picked.connect(self._picked)
        self.canvas.rect_selected.connect(self._rect_selected)
        self.canvas.point_added.connect(self._point_added)
        self.canvas.point_moved.connect(self._point_moved)
        self.resize(1400, 900)
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
        bar = self.statusBar()
        for w in (self.selection_label, self.coords_label, self.lonlat_label, self.scale_label):
            bar.addPermanentWidget(w)

    def update_title(self) -> None:
        self.setWindowTitle(self.tr("XiuCity — {name}").format(name=Path(self.registry.path).name))

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
        fid = int(fid)
        if modifiers & Qt.ControlModifier or modifiers & Qt.ShiftModifier:
            current = set(self.selection.get(layer, []))
            current ^= {fid}
            self.set_selection({**self.selection, layer: sorted(current)})
        else:
            self.set_selection({layer: [fid]})

    def _rect_selected(self, xmin, ymin, xmax, ymax) -> None:
        found = self.canvas.ids_in_rect(xmin, ymin, xmax, ymax)
        self.set_selection({k: sorted(int(i) for i in v) for k, v in found.items() if k in KIND_NAMES and len(v)})

    def _point_added(self, x: float, y: float) -> None:
        k = kind(self.add_kind)
        values = {"subtype": k.subtypes.entries[0].code}
        self.run_edit(lambda: self.registry.add(self.add_kind, values, x, y), {self.add_kind})

    def _point_moved(self, layer: str, fid, x: float, y: float) -> None:
        if layer in KIND_NAMES:
            asset = self.registry.get(int(fid), layer)
            self.run_edit(lambda: self.registry.move(asset.code, x, y), {layer})

    # -- selection -----------------------------------------------------------------------
    def set_selection(self, selection: dict[str, list[int]]) -> None:
        self.selection = {k: list(v) for k, v in selection.items() if v}
        self.map.set_selection(self.selection)
        total = sum(len(v) for v in self.selection.values())
        self.selection_label.setText(self.tr("{n} selected").format(n=total) if total else "")
        if total == 1:
            name, fids = next(iter(self.selection.items()))
            asset = self.registry.get(fids[0], name)
            self.statusBar().showMessage(f"{kind(name).item_title()} {asset.code}  "
                                         f"{kind(name).subtypes.text(asset.values.get('subtype'))}  "
                                         f"{asset.values.get('road') or ''}", 8000)
        self.selection_changed.emit()

    def zoom_to_selection(self) -> None:
        extent = self.map.selection_extent(self.selection)
        if extent:
            pad = 30.0
            self.canvas.zoom_to(extent[0] - pad, extent[1] - pad, extent[2] + pad, extent[3] + pad)

    # -- edits ---------------------------------------------------------------------------
    def run_edit(self, edit, kinds: set[str]) -> None:
        """Run an edit; refresh only the kinds it touched; errors as a message, nothing lost."""
        try:
            edit()
        except XiuCityError as error:
            QMessageBox.warning(self, self.tr("Cannot save"), str(error))
        self.map.refresh(kinds)
        self.map.set_selection(self.selection)
        self.actions_.update_undo_state()

    def delete_selection(self) -> None:
        codes = [(k, self.registry.get(f, k).code) for k, fids in self.selection.items() for f in fids]
        if not codes:
            return
        for k, code in codes:
            self.run_edit(lambda code=code: self.registry.delete(code), {k})
        self.set_selection({})

    def retire_selection(self) -> None:
        for k, fids in self.selection.items():
            for f in fids:
                code = self.registry.get(f, k).code
                self.run_edit(lambda code=code: self.registry.retire(code), {k})

    def undo(self) -> None:
        self.run_edit(self.registry.undo, set(KIND_NAMES))

    def redo(self) -> None:
        self.run_edit(self.registry.redo, set(KIND_NAMES))

    def set_tool(self, tool: MapTool) -> None:
        self.canvas.set_tool(tool)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.registry.close()
        super().closeEvent(event)


_ = np
