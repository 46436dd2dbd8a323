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
        self.undo = w.undo_stack.undo_action(w)
        self.undo.setShortcut(QKeySequence.Undo)
        self.redo = w.undo_stack.redo_action(w)
        self.redo.setShortcut(QKeySequence.Redo)
        self.open = self._action(tr("&Open registry…"), self.open_registry, QKeySequence.Open)
        self.new = self._action(tr("&New registry…"), self.new_registry, QKeySequence.New)
        self.demo = self._action(tr("Open the &demo town"), self.open_demo)
        self.delete = self._action(tr("&Delete"), w.delete_selection, QKeySequence.Delete)
        self.retire = self._action(tr("&Retire (removed)"), w.retire_selection)
        self.multi_edit = self._action(tr("Edit selected &together…"), w.multi_edit)
        self.select_by_attribute = self._action(tr("Select &by the table's search"), w.select_by_attribute, "Ctrl+F")
        self.zoom_full = self._action(tr("Zoom to &full extent"), w.canvas.zoom_full, "Ctrl+Shift+F")
        self.zoom_selection = self._action(tr("Zoom to &selection"), w.zoom_to_selection, "Ctrl+J")
        self.export_png = self._action(tr("Export map as &PNG…"), lambda: self.export_map("png"))
        self.export_pdf = self._action(tr("Export map as P&DF…"), lambda: self.export_map("pdf"))
        self.quit = self._action(tr("&Quit"), w.close, QKeySequence.Quit)
        self.check = self._action(tr("&Check registry…"), self.check_registry)
        self.about = self._action(tr("&About XiuCity"), self.show_about)
        self.tools = QActionGroup(w)
        self.tool_actions = {}
        for tool, text in ((MapTool.PAN, tr("Pan")), (MapTool.SELECT, tr("Select")),
                           (MapTool.IDENTIFY, tr("Identify")), (MapTool.ADD_POINT, tr("Add asset")),
                           (MapTool.MOVE, tr("Move asset"))):
            action = self._action(text, lambda t=tool: w.set_tool(t))
            action.setCheckable(True)
            self.tools.addAction(action)
            self.tool_actions[tool] = action
        self.tool_actions[MapTool.PAN].setChecked(True)
        self.languages = QActionGroup(w)
        self.language_actions = {}
        for code, text in (("zh_CN", "中文"), ("en", "English")):
            action = self._action(text, lambda c=code: self.switch_language(c))
            action.setCheckable(True)
            action.setChecked(code == w.settings.language())
            self.languages.addAction(action)
            self.language_actions[code] = action
        self._menus()
        self._toolbar()
        self.update_selection_state(0)

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
        for a in (self.open, self.new, self.demo):
            file_menu.addAction(a)
        self.recent_menu = file_menu.addMenu(tr("Recent registries"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        for a in (self.export_png, self.export_pdf, None, self.quit):
            file_menu.addAction(a) if a else file_menu.addSeparator()
        self.file_menu = file_menu
        edit = bar.addMenu(tr("&Edit"))
        for a in (self.undo, self.redo, None, self.select_by_attribute, self.multi_edit, self.delete, self.retire):
            edit.addAction(a) if a else edit.addSeparator()
        self.edit_menu = edit
        view = bar.addMenu(tr("&View"))
        view.addAction(self.zoom_full)
        view.addAction(self.zoom_selection)
        view.addSeparator()
        for dock in (self.window.layers_dock, self.window.form_dock, self.window.table_dock):
            view.addAction(dock.toggleViewAction())
        language = view.addMenu(tr("&Language"))
        for action in self.language_actions.values():
            language.addAction(action)
        self.view_menu = view
        self.tools_menu = bar.addMenu(tr("&Tools"))
        self.tools_menu.addAction(self.check)
        help_menu = bar.addMenu(tr("&Help"))
        help_menu.addAction(self.about)
        self.help_menu = help_menu

    def _toolbar(self) -> None:
        tr = self.tr
        bar = QToolBar(tr("Map tools"), self.window)
        bar.setObjectName("map_tools")
        bar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        for action in self.tool_actions.values():
            bar.addAction(action)
        self.kind_box = QComboBox(bar)
        self.kind_box.setToolTip(tr("Kind of asset the add tool places"))
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
        self.toolbar = bar

    def add_dock_toggles(self, *docks) -> None:
        for dock in docks:
            self.view_menu.insertAction(self.view_menu.actions()[-1], dock.toggleViewAction())

    def update_selection_state(self, count: int) -> None:
        for action in (self.delete, self.retire, self.multi_edit, self.zoom_selection):
            action.setEnabled(count > 0)

    # -- files and language ----------------------------------------------------------------
    def _fill_recent(self) -> None:
        from .window_manager import open_window
        self.recent_menu.clear()
        for path in self.window.settings.recent_registries():
            self.recent_menu.addAction(path, lambda p=path: open_window(p, replace=self.window))

    def open_registry(self) -> None:
        from .window_manager import open_window
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open registry"), "",
                                              self.tr("XiuCity registry (*.gpkg)"))
        if path:
            open_window(path, replace=self.window)

    def new_registry(self) -> None:
        from .window_manager import create_registry_window
        path, _ = QFileDialog.getSaveFileName(self.window, self.tr("New registry"), "registry.gpkg",
                                              self.tr("XiuCity registry (*.gpkg)"))
        if path:
            create_registry_window(path, replace=self.window)

    def open_demo(self) -> None:
        from .demo_registry import ensure_demo
        from .window_manager import open_window
        open_window(ensure_demo(), replace=self.window)

    def switch_language(self, language: str) -> None:
        from .window_manager import switch_language
        switch_language(self.window, language)

    def export_map(self, fmt: str) -> None:
        w = self.window
        path, _ = QFileDialog.getSaveFileName(w, self.tr("Export map"), f"map.{fmt}", f"*.{fmt}")
        if path:
            title = self.tr("XiuCity — {name}").format(name=w.registry.path.stem)
            export_map(w.canvas, path, title, w.layer_panel.legend.legend_entries())


    def check_registry(self):
        from .registry_check_dialog import RegistryCheckDialog
        self.check_dialog = RegistryCheckDialog(self.window.registry.path, self.window)
        self.check_dialog.open()
        return self.check_dialog

    def show_about(self):
        from .about_dialog import show_about
        self.about_box = show_about(self.window)
        return self.about_box


def build_actions(window) -> MainActions:
    return MainActions(window)
