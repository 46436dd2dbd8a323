"""Add or edit one device on a pole (by height band) or in a cabinet (by compartment)."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout

from assets.errors import ValidationError
from assets.kinds import mount_kind

from .field_editor import FieldEditor
from .value_labels import ValueLabels


def mount_field_names(host_kind) -> list[str]:
    """The mount fields a person fills for this host: the slot is a band on poles and a
    compartment in cabinets (``mount_slot`` in the kind file)."""
    slot = host_kind.setting("mount_slot", "band")
    return ["device_type", "owner_code", slot, "remarks"]


class MountDialog(QDialog):
    """A small form over the mount fields; ``values()`` gives what to store.

    The registry validates (``clean_mount``) before the dialog closes, so a bad value is
    shown next to its field instead of failing later."""

    def __init__(self, registry, host_kind, values: dict | None = None, labels: ValueLabels | None = None,
                 parent=None):
        super().__init__(parent)
        self.registry = registry
        self.setWindowTitle(self.tr("Device") if values is None else self.tr("Edit device"))
        labels = labels or ValueLabels(registry)
        mounts = mount_kind()
        form = QFormLayout()
        self.editors: dict[str, FieldEditor] = {}
        for name in mount_field_names(host_kind):
            editor = FieldEditor(mounts, mounts.field(name), labels, parent=self)
            editor.set_value((values or {}).get(name))
            self.editors[name] = editor
            form.addRow(mounts.field(name).title(), editor)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("OK"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> dict:
        return {name: editor.value() for name, editor in self.editors.items()}

    def accept(self) -> None:
        for editor in self.editors.values():
            editor.clear_error()
        try:
            self.registry.clean_mount(self.values())
        except ValidationError as error:
            for problem in error.problems:
                if problem.field in self.editors:
                    self.editors[problem.field].show_error(problem.message())
            return
        super().accept()
