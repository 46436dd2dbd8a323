"""The main window's menus and tool bar."""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QComboBox, QFileDialog, QToolBar

from assets.kinds import KIND_NAMES, kind

from .map.map_export import export_map
from .map.map_tool import MapTool


class MainActions(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = w = window
        tr = self.tr
        self.undo = self._action(tr("&Undo"), w.undo, QKeySequence.Undo)
        self.redo = self._action(tr("&Redo"), w.redo, QKeySequence.Redo)
        self.delete = self._action(tr("&Delete"), w.delete_selection, QKeySequence.Delete)
        self.retire = self._action(tr("&Retire (removed)"), w.retire_selection)
        self.zoom_full = self._action(tr("Zoom to &full extent"), w.canvas.zoom_full, "Ctrl+Shift+F")
        self.zoom_selection = self._action(tr("Zoom to &selection"), w.zoom_to_selection, "Ctrl+J")
        self.export_png = self._action(tr("Export map as &PNG…"), lambda: self.export_map("png"))
        self.export_pdf = self._action(tr("Export map as P&DF…"), lambda: self.export_map("pdf"))
        self.quit = self._action(tr("&Quit"), w.close, QKeySequence.Quit)
        self.tools = QActionGroup(w)
        self.tool_actions = {}
        for tool, text in ((MapTool.PAN, tr("Pan")), (MapTool.SELECT, tr("Select")),
                           (MapTool.IDENTIFY, tr("Identify")), (MapTool.ADD_POINT, tr("Add asset")),
                           (MapTool.MOVE, tr("Move asset"))):
            action = self._action(text, lambda checked=False, t=tool: w.set_tool(t))
            action.setCheckable(True)
            self.tools.addAction(action)
            self.tool_actions[tool] = action
        self.tool_actions[MapTool.PAN].setChecked(True)
        self._menus()
        self._toolbar()
        self.update_undo_state()

    def _action(self, text, slot, shortcut=None) -> QAction:
        action = QAction(text, self.window)
        action.triggered.connect(lambda checked=False: slot())
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def _menus(self) -> None:
        tr = self.tr
        bar = self.window.menuBar()
        file_menu = bar.addMenu(tr("&File"))
        for a in (self.export_png, self.export_pdf, None, self.quit):
            file_menu.addAction(a) if a else file_menu.addSeparator()
        edit = bar.addMenu(tr("&Edit"))
        for a in (self.undo, self.redo, None, self.delete, self.retire):
            edit.addAction(a) if a else edit.addSeparator()
        view = bar.addMenu(tr("&View"))
        view.addAction(self.zoom_full)
        view.addAction(self.zoom_selection)
        view.addAction(self.window.layers_dock.toggleViewAction())
        self.view_menu = view

    def _toolbar(self) -> None:
        tr = self.tr
        bar = QToolBar(tr("Map tools"), self.window)
        bar.setObjectName("map_tools")
        bar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        for action in self.tool_actions.values():
            bar.addAction(action)
        self.kind_box = QComboBox(bar)
        for name in KIND_NAMES:
            self.kind_box.addItem(kind(name).title(), name)
        self.kind_box.setCurrentIndex(KIND_NAMES.index(self.window.add_kind))
        self.kind_box.currentIndexChanged.connect(
            lambda i: setattr(self.window, "add_kind", self.kind_box.itemData(i)))
        bar.addWidget(self.kind_box)
        bar.addSeparator()
        for a in (self.zoom_full, self.zoom_selection, self.undo, self.redo):
            bar.addAction(a)
        self.window.addToolBar(bar)

    def update_undo_state(self) -> None:
        reg = self.window.registry
        self.undo.setEnabled(reg.can_undo)
        self.redo.setEnabled(reg.can_redo)

    def export_map(self, fmt: str) -> None:
        w = self.window
        path, _ = QFileDialog.getSaveFileName(w, self.tr("Export map"), f"map.{fmt}", f"*.{fmt}")
        if path:
            title = self.tr("XiuCity — {name}").format(name=w.registry.path.stem)
            export_map(w.canvas, path, title, w.layer_panel.legend.legend_entries())


def build_actions(window) -> MainActions:
    return MainActions(window)
