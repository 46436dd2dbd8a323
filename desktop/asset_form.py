"""The attribute form for one asset of any kind, built from the kind's fields.

Tabs: 属性 (the fields, grouped: common attributes, the kind's own, system fields), 挂载设备
for poles and cabinets, 变更历史. Apply turns the changed fields into the core's
``EditAsset`` command (validated by the registry) and pushes it through the undo stack;
a refused value is shown in Chinese under its field and nothing is written.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea,
                               QTabWidget, QVBoxLayout, QWidget)

from assets.errors import ValidationError, XiuCityError
from assets.kinds import kind as kind_of
from assets.kinds import load_toml

from .field_editor import FieldEditor
from .history_view import AssetHistoryView
from .mounts_table import MountsTable
from .photo_panel import PhotoPanel
from .value_labels import ValueLabels

_COMMON = {spec["name"] for spec in load_toml("kinds", "common.toml")["fields"]}
_OWN_TAB = {"photo"}  # shown as a picture on the Photo tab, not as its "photo:<uuid>" reference


class AssetForm(QWidget):
    """Shows and edits one asset; ``show_asset(kind, fid)`` or ``set_asset(ref)`` picks it.

    Signals
    -------
    applied(str, int)
        ``(kind, fid)`` after an edit reached the registry.
    """

    applied = Signal(str, int)

    def __init__(self, registry, undo_stack, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.undo_stack = undo_stack
        self.labels = ValueLabels(registry)
        self._asset = None
        self._built_kind: str | None = None
        self.editors: dict[str, FieldEditor] = {}

        self.title = QLabel(self)
        self.title.setObjectName("form_title")
        self.title.setStyleSheet("font-size: 15px; font-weight: bold; padding: 2px;")
        self.tabs = QTabWidget(self)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.tabs.addTab(self.scroll, self.tr("Attributes"))
        self.mounts = MountsTable(registry, undo_stack, self.labels, self)
        self.mounts.failed.connect(self._show_failure)
        self._mounts_tab = self.tabs.addTab(self.mounts, self.tr("Devices"))
        self.history = AssetHistoryView(registry, self.labels, self)
        self.tabs.addTab(self.history, self.tr("History"))
        self.photo = PhotoPanel(registry, undo_stack, self)
        self.tabs.addTab(self.photo, self.tr("Photo"))

        self.message = QLabel(self)
        self.message.setObjectName("form_message")
        self.message.setWordWrap(True)
        self.revert_button = QPushButton(self.tr("Revert"), self)
        self.apply_button = QPushButton(self.tr("Apply"), self)
        self.apply_button.setDefault(True)
        self.revert_button.clicked.connect(self.revert)
        self.apply_button.clicked.connect(self.apply)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.revert_button)
        bottom.addWidget(self.apply_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        undo_stack.registry_changed.connect(self.refresh)
        undo_stack.failed.connect(self._show_failure)
        self.show_asset(None, None)

    # -- which asset --------------------------------------------------------------------
    def asset(self):
        return self._asset

    def show_asset(self, kind: str | None, fid: int | None) -> None:
        """Show the asset ``fid`` of ``kind``; ``None`` shows an empty, disabled form."""
        self.set_asset(None if kind is None or fid is None else (kind, fid))

    def set_asset(self, ref) -> None:
        """``ref``: a code, UUID, ``Asset``, ``(kind, fid)`` or None."""
        try:
            if ref is None:
                asset = None
            elif isinstance(ref, tuple):
                asset = self.registry.get(int(ref[1]), ref[0])
            else:
                asset = self.registry.get(ref)
        except XiuCityError:
            asset = None
        self._asset = asset
        self._load()

    def follow(self, selection) -> None:
        """Show whatever asset ``selection`` (an :class:`AssetSelection`) focuses."""
        selection.changed.connect(lambda: self._follow(selection))
        self._follow(selection)

    def _follow(self, selection) -> None:
        current = selection.current()
        if current is None:
            self.show_asset(None, None)
        elif self._asset is None or (self._asset.kind, self._asset.fid) != current:
            self.show_asset(*current)

    def refresh(self, kinds=None) -> None:
        """Re-read the shown asset after a change (undo, redo, edits elsewhere)."""
        if self._asset is None or (kinds is not None and self._asset.kind not in kinds):
            return
        try:
            fresh = self.registry.get(self._asset.uuid, self._asset.kind)
        except XiuCityError:  # deleted (an undone add): nothing left to show
            self._asset = None
            self._load(keep_message=True)
            return
        unchanged = fresh.values == self._asset.values and (fresh.x, fresh.y) == (self._asset.x, self._asset.y)
        self._asset = fresh
        if unchanged and self.changes():
            # another asset or this one's devices changed: keep what the user is typing
            self.mounts.reload()
            self.history.reload()
            return
        self._load(keep_message=True)

    def editor(self, name: str) -> FieldEditor:
        return self.editors[name]

    # -- editing ------------------------------------------------------------------------
    def changes(self) -> dict:
        """Fields the user changed, in stored form."""
        return {name: e.value() for name, e in self.editors.items() if e.is_changed()}

    def apply(self) -> bool:
        """Validate and write the changes as one undo step; True when something was written."""
        if self._asset is None:
            return False
        self._clear_errors()
        changes = self.changes()
        if not changes:
            self._say(self.tr("Nothing to apply."))
            return False
        try:
            command = self.registry.edit_command(self._asset.uuid, changes)
            if not command.after:
                self._say(self.tr("Nothing to apply."))
                return False
            text = self.tr("Edit {kind} {code}").format(kind=kind_of(self._asset.kind).item_title(),
                                                        code=self._asset.code)
            self.undo_stack.push_command(command, text)
        except ValidationError as error:
            self._show_problems(error)
            return False
        except XiuCityError as error:
            self._say(str(error), error=True)
            return False
        self._say(self.tr("Saved."))
        self.applied.emit(self._asset.kind, self._asset.fid)
        return True

    def revert(self) -> None:
        self._load()

    # -- building -----------------------------------------------------------------------
    def _load(self, keep_message: bool = False) -> None:
        asset = self._asset
        if not keep_message:
            self._say("")
        enabled = asset is not None
        for w in (self.tabs, self.apply_button, self.revert_button):
            w.setEnabled(enabled)
        if asset is None:
            self.title.setText(self.tr("No asset selected"))
            self.mounts.show_host(None)
            self.history.show_asset(None)
            self.photo.show_asset(None)
            for e in self.editors.values():
                e.set_value(None)
            return
        k = kind_of(asset.kind)
        if self._built_kind != asset.kind:
            self._build(k)
        self.title.setText(f"{k.item_title()}  {asset.code}")
        for name, e in self.editors.items():
            e.set_value(asset.values.get(name))
        self.x_edit.setText(f"{asset.x:.3f}")  # millimetres: what a total station gives
        self.y_edit.setText(f"{asset.y:.3f}")
        self.tabs.setTabVisible(self._mounts_tab, k.has_mounts)
        self.mounts.show_host(asset if k.has_mounts else None)
        self.history.show_asset(asset.uuid)
        self.photo.show_asset(asset)

    def _build(self, k) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.editors = {}
        groups = [
            (self.tr("Basic attributes"), [f for f in k.fields if f.name in _COMMON - _OWN_TAB and not f.system]),
            (self.tr("{kind} attributes").format(kind=k.item_title()), [f for f in k.fields if f.name not in _COMMON]),
            (self.tr("System"), [f for f in k.fields if f.system]),
        ]
        for title, fields in groups:
            if not fields:
                continue
            box = QGroupBox(title, page)
            form = QFormLayout(box)
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
            for f in fields:
                editor = FieldEditor(k, f, self.labels, parent=box)
                self.editors[f.name] = editor
                label = f.title() + ("*" if f.required and not f.system else "")
                form.addRow(label, editor)
            if title == self.tr("System"):
                self.x_edit, self.y_edit = self._coordinate(form, "X"), self._coordinate(form, "Y")
            layout.addWidget(box)
        layout.addStretch(1)
        self.scroll.setWidget(page)
        self._built_kind = k.name

    def _coordinate(self, form: QFormLayout, axis: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setReadOnly(True)
        edit.setStyleSheet("QLineEdit { background: #f0f0f0; color: #555; }")
        form.addRow(self.tr("{axis} (m)").format(axis=axis), edit)
        return edit

    # -- messages -----------------------------------------------------------------------
    def _show_problems(self, error: ValidationError) -> None:
        general = []
        for problem in error.problems:
            editor = self.editors.get(problem.field)
            if editor is not None:
                editor.show_error(problem.message())
                self.scroll.ensureWidgetVisible(editor)
            else:
                general.append(problem.message())
        self._say("；".join(general) or self.tr("Some values are not acceptable; see the red notes."), error=True)

    def _show_failure(self, error) -> None:
        self._say(str(error), error=True)
        self.refresh()

    def _clear_errors(self) -> None:
        for e in self.editors.values():
            e.clear_error()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #c0392b;" if error else "color: #2e7d32;")
        self.message.setText(text)
