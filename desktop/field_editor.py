"""One field of an asset as an editor: the right widget for its type, the value in stored
form, and a place for the validation message under it."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDoubleSpinBox, QHBoxLayout, QLabel, QLineEdit,
                               QSizePolicy, QSpinBox, QToolButton, QVBoxLayout, QWidget)

from assets.fields import Field

from .value_labels import ValueLabels, number_text

_NO_DATE = QDate(1900, 1, 1)  # the "empty" sentinel a QDateEdit can show as blank
_INT_FLOOR = -2_000_000_000
_INT_CEILING = 2_000_000_000
_REAL_LIMIT = 1e9
_DECIMALS = 2


class FieldEditor(QWidget):
    """Editor for one field of one kind.

    ``value()`` returns the stored form (code, ISO date, number or None) and gives back the
    loaded value untouched when the user did not change it, so Apply sends only real edits.

    Signals
    -------
    edited
        The user changed the value.
    """

    edited = Signal()

    def __init__(self, kind, field: Field, labels: ValueLabels, *, read_only: bool = False, parent=None):
        super().__init__(parent)
        self.kind = kind
        self.field = field
        self.labels = labels
        self.read_only = read_only or field.system
        self._original = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.editor = self._make_editor()
        self.editor.setObjectName(f"editor_{field.name}")
        if not isinstance(self.editor, QCheckBox):  # one width for every row: a tidy column
            self.editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.clear_button: QToolButton | None = None
        if isinstance(self.editor, QDateEdit) and not field.required:
            # a QDateEdit cannot be emptied by typing; this is the way back to "no date"
            row = QHBoxLayout()
            row.setSpacing(2)
            row.addWidget(self.editor)
            self.clear_button = QToolButton(self)
            self.clear_button.setText("×")
            self.clear_button.setToolTip(self.tr("Clear the date"))
            self.clear_button.clicked.connect(lambda: self.editor.setDate(_NO_DATE))
            row.addWidget(self.clear_button)
            layout.addLayout(row)
        else:
            layout.addWidget(self.editor)
        self.error = QLabel(self)
        self.error.setObjectName(f"error_{field.name}")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c0392b;")
        self.error.hide()
        layout.addWidget(self.error)

    # -- building -----------------------------------------------------------------------
    def _make_editor(self) -> QWidget:
        f = self.field
        if self.read_only:
            edit = QLineEdit(self)
            edit.setReadOnly(True)
            edit.setStyleSheet("QLineEdit { background: #f0f0f0; color: #555; }")
            return edit
        if f.type in ("vocab", "subtype", "org") or self.labels.area_names(f):
            combo = QComboBox(self)
            if not f.required:
                combo.addItem("", None)
            for code, text in self.labels.choices(self.kind, f):
                combo.addItem(text, code)
            combo.currentIndexChanged.connect(self.edited)
            return combo
        if f.type == "boolean":
            box = QCheckBox(self)
            box.toggled.connect(self.edited)
            return box
        if f.type == "date":
            date = QDateEdit(self)
            date.setCalendarPopup(True)
            date.setDisplayFormat("yyyy-MM-dd")
            date.setMinimumDate(_NO_DATE)
            date.setSpecialValueText(self.tr("(none)"))
            date.dateChanged.connect(self.edited)
            return date
        if f.type == "integer":
            spin = QSpinBox(self)
            low = int(f.min) if f.min is not None else _INT_FLOOR
            # one step below the minimum stands for "no value" and shows as blank
            spin.setRange(low - 1, int(f.max) if f.max is not None else _INT_CEILING)
            spin.setSpecialValueText(" ")
            spin.valueChanged.connect(self.edited)
            return spin
        if f.type == "real":
            spin = QDoubleSpinBox(self)
            spin.setDecimals(_DECIMALS)
            low = float(f.min) if f.min is not None else -_REAL_LIMIT
            step = 10 ** -_DECIMALS
            spin.setRange(low - step, float(f.max) if f.max is not None else _REAL_LIMIT)
            spin.setSingleStep(0.1)
            spin.setSpecialValueText(" ")
            spin.valueChanged.connect(self.edited)
            return spin
        edit = QLineEdit(self)
        if f.max_length:
            edit.setMaxLength(f.max_length)
        edit.textEdited.connect(self.edited)
        return edit

    # -- value --------------------------------------------------------------------------
    def set_value(self, value) -> None:
        self._original = value
        self.clear_error()
        e = self.editor
        e.blockSignals(True)
        try:
            if self.read_only:
                e.setText(self.labels.text(self.kind, self.field, value))
            elif isinstance(e, QComboBox):
                i = e.findData(value)
                if i < 0 and value is not None:  # a code the vocabulary does not know: keep it visible
                    e.addItem(str(value), value)
                    i = e.count() - 1
                e.setCurrentIndex(max(i, 0) if value is not None or not self.field.required else -1)
            elif isinstance(e, QCheckBox):
                e.setChecked(bool(value))
            elif isinstance(e, QDateEdit):
                e.setDate(QDate.fromString(value, "yyyy-MM-dd") if value else _NO_DATE)
            elif isinstance(e, (QSpinBox, QDoubleSpinBox)):
                e.setValue(e.minimum() if value is None else value)
            else:
                e.setText("" if value is None else str(value))
        finally:
            e.blockSignals(False)

    def value(self):
        """The value in stored form; the loaded value when the user changed nothing."""
        e = self.editor
        if self.read_only:
            return self._original
        if isinstance(e, QComboBox):
            return e.currentData()
        if isinstance(e, QCheckBox):
            if not e.isChecked() and self._original is None:
                return None  # unknown stays unknown unless ticked
            return e.isChecked()
        if isinstance(e, QDateEdit):
            return None if e.date() == _NO_DATE else e.date().toString("yyyy-MM-dd")
        if isinstance(e, QSpinBox):
            return None if e.value() == e.minimum() else e.value()
        if isinstance(e, QDoubleSpinBox):
            if e.value() == e.minimum():
                return None
            if self._original is not None and round(float(self._original), _DECIMALS) == round(e.value(), _DECIMALS):
                return self._original  # shown rounded, not changed
            return round(e.value(), _DECIMALS)
        text = e.text().strip()
        return text or None

    def set_text(self, text: str) -> None:
        """Type ``text`` as a user would (tests, paste); numbers and dates are parsed."""
        e = self.editor
        if isinstance(e, QComboBox):
            i = e.findData(text)
            e.setCurrentIndex(i if i >= 0 else e.findText(text))
        elif isinstance(e, QCheckBox):
            e.setChecked(str(text).strip().casefold() in ("1", "true", "yes", "是"))
        elif isinstance(e, QDateEdit):
            e.setDate(QDate.fromString(dt.date.fromisoformat(text).isoformat(), "yyyy-MM-dd") if text else _NO_DATE)
        elif isinstance(e, (QSpinBox, QDoubleSpinBox)):
            e.setValue(float(text) if isinstance(e, QDoubleSpinBox) else int(text))
        else:
            e.setText(text)
            self.edited.emit()

    def is_changed(self) -> bool:
        return not self.read_only and self.value() != self._original

    def shown_text(self) -> str:
        e = self.editor
        if isinstance(e, QComboBox):
            return e.currentText()
        if isinstance(e, QCheckBox):
            return self.labels.text(self.kind, self.field, e.isChecked())
        if isinstance(e, QDoubleSpinBox):
            return number_text(e.value())
        return e.text() if hasattr(e, "text") else ""

    # -- messages -----------------------------------------------------------------------
    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    def error_text(self) -> str:
        return self.error.text() if not self.error.isHidden() else ""
