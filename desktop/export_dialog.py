"""The "Export layers for other departments" dialog: a department profile (or kinds,
format, CRS and encoding chosen by hand), optionally only the current selection, a
preview of the fields and feature counts, and the export run on a worker thread with
progress and cancel."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QInputDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QRadioButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout)

from assets.errors import XiuCityError
from assets.kinds import KIND_NAMES, kind
from layers.export import FORMATS
from layers.export.profiles import ProfileError, builtin_dir, copy_profile, load_profiles
from layers.registry_export import export_registry, preview

from .task_runner import TaskRunner
from .user_folders import profile_folder

CRS_CHOICES = ("EPSG:4550", "EPSG:4529", "EPSG:4490", "EPSG:4326", "gcj02")
ENCODINGS = ("UTF-8", "GBK")
PREVIEW_DELAY_MS = 150   # wait for the user to stop clicking before counting again


class ExportDialog(QDialog):
    """Choose what to export and where; ``exported(result)`` is emitted when files are written.

    Parameters
    ----------
    registry : the window's open Registry (read on the GUI thread for the preview only;
        the export itself opens its own connection on the worker thread).
    selection : ``{kind: fids}`` of the current selection, or None/empty.
    """

    exported = Signal(object)

    def __init__(self, registry, selection: dict | None = None, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.selection = {k: list(v) for k, v in (selection or {}).items() if len(v)}
        self.profile_dirs = [profile_folder()]
        self.profile_problem = ""
        self.profiles = self._load_profiles()
        self.result = None
        self.runner = TaskRunner(self)
        self.preview_total = 0
        self.runner.finished.connect(self._finished)
        self.runner.failed.connect(self._update_buttons)
        self.runner.cancelled.connect(self._update_buttons)
        self.setWindowTitle(self.tr("Export layers for other departments"))
        self._build()
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self._profile_changed()
        self.refresh_preview()

    # -- building -------------------------------------------------------------------------
    def _build(self) -> None:
        self.by_profile = QRadioButton(self.tr("Department profile"), self)
        self.by_kinds = QRadioButton(self.tr("Kinds chosen by hand"), self)
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.by_profile)
        self.mode.addButton(self.by_kinds)
        self.by_profile.setChecked(True)
        self.profile_box = QComboBox(self)
        self._fill_profiles()
        self.copy_profile_button = QPushButton(self.tr("Copy…"), self)
        self.copy_profile_button.setToolTip(self.tr("Copy this profile to one of your own, to edit"))
        self.copy_profile_button.clicked.connect(lambda: self.copy_current_profile())
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.kind_list = QListWidget(self)
        for name in KIND_NAMES:
            item = QListWidgetItem(kind(name).title(), self.kind_list)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.kind_list.setMaximumHeight(130)
        self.format_box = QComboBox(self)
        for writer in FORMATS.values():
            self.format_box.addItem(writer.title, writer.name)
        self.crs_box = QComboBox(self)
        self.crs_box.setEditable(True)
        self.crs_box.addItem(self.tr("Format default"), None)
        for crs in CRS_CHOICES:
            self.crs_box.addItem(crs, crs)
        self.encoding_box = QComboBox(self)
        self.encoding_box.addItem(self.tr("Format default"), None)
        for encoding in ENCODINGS:
            self.encoding_box.addItem(encoding, encoding)
        n = sum(len(v) for v in self.selection.values())
        self.only_selection = QCheckBox(self.tr("Only the current selection ({n} assets)").format(n=n), self)
        self.only_selection.setEnabled(n > 0)
        self.fields_tree = QTreeWidget(self)
        self.fields_tree.setHeaderLabels([self.tr("Layer / column"), self.tr("Title"), self.tr("Features")])
        self.count_label = QLabel(self)
        self.path_edit = QLineEdit(self)
        self.browse = QPushButton(self.tr("Browse…"), self)
        self.browse.clicked.connect(self.choose_path)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        profile_row = QHBoxLayout()
        profile_row.addWidget(self.profile_box, 1)
        profile_row.addWidget(self.copy_profile_button)
        form.addRow(self.by_profile, profile_row)
        form.addRow("", self.description)
        form.addRow(self.by_kinds, self.kind_list)
        form.addRow(self.tr("Format"), self.format_box)
        form.addRow(self.tr("Coordinate system"), self.crs_box)
        form.addRow(self.tr("Text encoding"), self.encoding_box)
        form.addRow("", self.only_selection)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse)
        form.addRow(self.tr("Output file"), path_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.fields_tree, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.buttons)
        self.resize(640, 720)

        self.profile_box.currentIndexChanged.connect(self._profile_changed)
        self.mode.buttonToggled.connect(self._mode_changed)
        self.kind_list.itemChanged.connect(self._changed)
        self.format_box.currentIndexChanged.connect(self._format_changed)
        self.only_selection.toggled.connect(self._changed)
        self.path_edit.textChanged.connect(self._update_buttons)

    # -- reacting -------------------------------------------------------------------------
    def _changed(self, *args) -> None:
        self._preview_timer.start()
        self._update_buttons()

    def _mode_changed(self, *args) -> None:
        self.profile_box.setEnabled(self.by_profile.isChecked())
        self.copy_profile_button.setEnabled(self.by_profile.isChecked())
        self.kind_list.setEnabled(self.by_kinds.isChecked())
        self._changed()

    def _profile_changed(self, *args) -> None:
        """A profile fills in its format, CRS and encoding (the user may still change them)."""
        profile = self.current_profile()
        if profile is None:
            return
        self.description.setText(self.profile_problem or profile.description)
        self.format_box.setCurrentIndex(self.format_box.findData(profile.format))
        self._set_combo(self.crs_box, str(profile.crs))
        self._set_combo(self.encoding_box, profile.encoding)
        self._suggest_path()
        self._mode_changed()

    def _format_changed(self, *args) -> None:
        writer = FORMATS[self.format_box.currentData()]
        self.encoding_box.setEnabled(len(writer.encodings) > 1)
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix("." + writer.extension)))
        self._update_buttons()

    @staticmethod
    def _set_combo(box: QComboBox, value) -> None:
        index = box.findData(value)
        if index < 0 and value is not None:
            box.addItem(str(value), value)
            index = box.count() - 1
        box.setCurrentIndex(max(index, 0))

    def _suggest_path(self) -> None:
        profile = self.current_profile()
        folder = Path(self.path_edit.text()).parent if self.path_edit.text() else self.registry.path.parent
        if profile is not None:
            self.path_edit.setText(str(folder / profile.output_name()))

    def _update_buttons(self, *args) -> None:
        ok = bool(self.path_edit.text().strip()) and (self.by_profile.isChecked() or bool(self.chosen_kinds()))
        self.export_button.setEnabled(ok and not self.runner.is_running())

    # -- the user's own profiles -----------------------------------------------------------
    def _load_profiles(self) -> dict:
        """Built-in and the user's profiles; a broken copy of the user's is named, and the
        built-in ones stay usable."""
        try:
            return load_profiles(self.profile_dirs)
        except ProfileError as error:
            self.profile_problem = str(error)
            return load_profiles()

    def _fill_profiles(self, select: str | None = None) -> None:
        builtin = builtin_dir().resolve()
        self.profile_box.blockSignals(True)
        self.profile_box.clear()
        for p in self.profiles.values():
            own = Path(p.path).resolve().parent != builtin
            text = self.tr("{title} ({name}) — my copy") if own else "{title} ({name})"
            self.profile_box.addItem(text.format(title=p.title, name=p.name), p.name)
        if select is not None:
            self.profile_box.setCurrentIndex(max(self.profile_box.findData(select), 0))
        self.profile_box.blockSignals(False)

    def copy_current_profile(self, new_name: str | None = None):
        """Copy the chosen profile to the user's folder under ``new_name`` (asked for when
        None), offer it in the list and open it for editing. Returns the copy's path, or
        None when cancelled or refused (the reason is shown)."""
        profile = self.current_profile()
        if profile is None:
            return None
        if new_name is None:
            new_name, ok = QInputDialog.getText(self, self.tr("Copy export profile"),
                                                self.tr("Name of your copy (letters, digits and _):"),
                                                text=f"{profile.name}_copy")
            if not ok or not new_name.strip():
                return None
        try:
            path = copy_profile(profile.name, new_name.strip(), self.profile_dirs[0], self.profile_dirs)
        except XiuCityError as error:
            self.description.setText(f"<span style='color:#b00020'>{error}</span>")
            return None
        self.profiles = self._load_profiles()
        self._fill_profiles(select=new_name.strip())
        self._profile_changed()
        self.description.setText(self.tr("Your copy is {path}: edit it in a text editor; it is offered here "
                                         "the next time this dialog opens.").format(path=path))
        if QGuiApplication.platformName() not in ("offscreen", "minimal"):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    # -- what the user chose --------------------------------------------------------------
    def current_profile(self):
        return self.profiles.get(self.profile_box.currentData())

    def chosen_kinds(self) -> list[str]:
        items = (self.kind_list.item(i) for i in range(self.kind_list.count()))
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def set_kinds(self, kinds) -> None:
        """Switch to kinds chosen by hand and tick these (the rest unticked)."""
        self.by_kinds.setChecked(True)
        for i in range(self.kind_list.count()):
            item = self.kind_list.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in kinds
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def export_arguments(self) -> dict:
        """The keyword arguments of :func:`layers.registry_export.export_registry`."""
        by_profile = self.by_profile.isChecked()
        text = self.crs_box.currentText().strip()
        index = self.crs_box.findText(text)
        crs = self.crs_box.itemData(index) if index >= 0 else text   # typed by hand: EPSG:4549 ...
        encoding = self.encoding_box.currentData() if self.encoding_box.isEnabled() else None
        return {
            "profile": self.profile_box.currentData() if by_profile else None,
            "kinds": None if by_profile else self.chosen_kinds(),
            "selection": self.selection if self.only_selection.isChecked() else None,
            "fmt": self.format_box.currentData(),
            "out_path": self.path_edit.text().strip(),
            "crs": crs or None,
            "encoding": encoding,
            "profile_dirs": self.profile_dirs,
        }

    # -- preview --------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        """Fields (output name, Chinese title) and feature counts per layer, or why not."""
        self.fields_tree.clear()
        args = self.export_arguments()
        try:
            layers = preview(self.registry, profile=args["profile"], kinds=args["kinds"],
                             selection=args["selection"], profile_dirs=self.profile_dirs)
        except XiuCityError as error:
            self.count_label.setText(str(error))
            return
        for layer in layers:
            top = QTreeWidgetItem(self.fields_tree, [layer.name, layer.title, str(layer.count)])
            for f in layer.fields:
                QTreeWidgetItem(top, [f.name, f.title, ""])
        total = sum(layer.count for layer in layers)
        self.count_label.setText(self.tr("{n} features in {layers} layers").format(n=total, layers=len(layers)))
        self.preview_total = total

    # -- running --------------------------------------------------------------------------
    def choose_path(self) -> None:
        writer = FORMATS[self.format_box.currentData()]
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to"), self.path_edit.text(),
                                              f"{writer.title} (*.{writer.extension})")
        if path:
            self.path_edit.setText(path)

    def start_export(self) -> None:
        if self.runner.is_running():
            return
        self.export_button.setEnabled(False)
        self.runner.run_on_registry(self.registry.path, export_registry, label=self.tr("Exporting…"),
                                    **self.export_arguments())

    def done(self, code: int) -> None:  # noqa: D102 - closing: no late preview on a closed registry
        self._preview_timer.stop()
        super().done(code)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._preview_timer.stop()
        super().closeEvent(event)

    def _finished(self, result) -> None:
        self.result = result
        self.count_label.setText(self.tr("Exported {n} features to {path}").format(
            n=result.total, path=result.paths[0] if result.paths else ""))
        self._update_buttons()
        self.exported.emit(result)


def add_export_action(window) -> QAction:
    """Add "Export layers for other departments…" to the window's File menu (before the
    map exports) and return the action. The dialog gets the window's current selection."""
    text = QCoreApplication.translate("ExportDialog", "Export &layers for other departments…")
    action = QAction(text, window)
    action.setShortcut("Ctrl+E")

    def open_dialog():
        chosen = window.selection_dict() if hasattr(window, "selection_dict") else getattr(window, "selection", None)
        dialog = ExportDialog(window.registry, chosen, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        window.export_dialog = dialog   # reachable for tests and for the lead's wiring

    action.triggered.connect(lambda checked=False: open_dialog())
    first = getattr(getattr(window, "actions_", None), "export_png", None)
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if menu is not None and (first is None or first in menu.actions()):
            menu.insertAction(first, action) if first is not None else menu.addAction(action)
            break
    return action
