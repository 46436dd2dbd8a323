"""Multi-edit: one field to one value for every selected asset, as one undo step
(``Registry.set_field`` semantics, but through the window's undo stack)."""
from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from assets.commands import Composite
from assets.errors import ValidationError, XiuCityError
from assets.kinds import kind as kind_of

from .field_editor import FieldEditor
from .value_labels import ValueLabels


class MultiEditDialog(QDialog):
    """Pick a field the selected assets share and a value; OK applies it to all of them.

    Parameters
    ----------
    items
        ``(kind, fid)`` pairs, e.g. ``AssetSelection.items()``.
    """

    def __init__(self, registry, undo_stack, items, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.undo_stack = undo_stack
        self.items = sorted(items)
        self.labels = ValueLabels(registry)
        self.changed_count = 0
        kinds = sorted({k for k, _ in self.items})
        self._kind = kind_of(kinds[0]) if kinds else kind_of("poles")
        shared = [f for f in self._kind.editable_fields
                  if all(f.name in kind_of(k).field_map and kind_of(k).field(f.name).type == f.type for k in kinds)]
        # subtypes differ per kind; only one kind's subtypes can be offered
        self.fields = [f for f in shared if f.type != "subtype" or len(kinds) == 1]
        self.setWindowTitle(self.tr("Edit {n} assets").format(n=len(self.items)))

        self.field_picker = QComboBox(self)
        for f in self.fields:
            self.field_picker.addItem(f.title(), f.name)
        self.field_picker.currentIndexChanged.connect(self._field_picked)
        self.form = QFormLayout()
        self.form.addRow(self.tr("Field"), self.field_picker)
        self.value_editor: FieldEditor | None = None
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Apply to all"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("{n} selected assets get the same value.").format(n=len(self.items)), self))
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._field_picked(0)
        self.setMinimumWidth(360)

    def set_field(self, name: str) -> None:
        self.field_picker.setCurrentIndex(self.field_picker.findData(name))

    def field_name(self) -> str | None:
        return self.field_picker.currentData()

    def _field_picked(self, index: int) -> None:
        if self.value_editor is not None:
            self.form.removeRow(self.value_editor)
            self.value_editor = None
        if not 0 <= index < len(self.fields):
            return
        self.value_editor = FieldEditor(self._kind, self.fields[index], self.labels, parent=self)
        self.value_editor.set_value(None)
        self.form.addRow(self.tr("New value"), self.value_editor)

    def apply(self) -> bool:
        """Write the value to every selected asset as one undo step; False if refused."""
        name = self.field_name()
        if name is None or self.value_editor is None:
            return False
        self.value_editor.clear_error()
        self.message.clear()
        value = self.value_editor.value()
        try:
            commands = []
            for k, fid in self.items:
                asset = self.registry.get(fid, k)
                command = self.registry.edit_command(asset.uuid, {name: value})
                if command.after:
                    commands.append(command)
            self.changed_count = len(commands)
            if commands:
                text = self.tr("Set {field} on {n} assets").format(field=self.fields[self.field_picker.currentIndex()]
                                                                   .title(), n=len(commands))
                self.undo_stack.push_command(Composite(commands, "multi_edit"), text)
        except ValidationError as error:
            self.value_editor.show_error("；".join(p.message() for p in error.problems))
            return False
        except XiuCityError as error:
            self.message.setText(str(error))
            return False
        return True

    def accept(self) -> None:
        if self.apply():
            super().accept()
