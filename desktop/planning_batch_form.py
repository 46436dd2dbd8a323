"""Forming a batch of a plan's groups: by road, by subdistrict, by a polygon drawn on the
map, or from the poles/boxes selected on the map. The form only asks; the workspace draws
the polygon, reads the selection and makes the batch."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

ROAD, SUBDISTRICT, POLYGON, SELECTION = "road", "subdistrict", "polygon", "selection"


class PlanBatchForm(QWidget):
    """How the next batch is chosen.

    Signals
    -------
    requested(str, str, str)
        ``(how, value, name)``: ``how`` is one of ``road``, ``subdistrict``, ``polygon``,
        ``selection``; ``value`` the road name or subdistrict code (empty otherwise);
        ``name`` the batch name the user typed (may be empty: the batch id is used).
    """

    requested = Signal(str, str, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.how = QComboBox()
        self.how.addItem(self.tr("Road"), ROAD)
        self.how.addItem(self.tr("Subdistrict"), SUBDISTRICT)
        self.how.addItem(self.tr("Polygon drawn on the map"), POLYGON)
        self.how.addItem(self.tr("Selected on the map"), SELECTION)
        self.value = QComboBox()
        self.value.setEditable(True)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Batch name (optional)"))
        self.create_button = QPushButton(self.tr("New batch"))
        self.create_button.clicked.connect(self._create_clicked)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.roads: list[str] = []
        self.subdistricts: list[tuple[str, str]] = []
        self.how.currentIndexChanged.connect(lambda *_: self._how_changed())
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel(self.tr("Batch by")), 0, 0)
        grid.addWidget(self.how, 0, 1)
        grid.addWidget(self.value, 1, 1)
        grid.addWidget(self.name, 2, 0, 1, 2)
        grid.addWidget(self.create_button, 3, 1)
        grid.addWidget(self.hint, 4, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self._how_changed()

    def set_choices(self, roads: list[str], subdistricts: list[tuple[str, str]]) -> None:
        """Road names (of the plan's hosts) and subdistricts as (code, name)."""
        self.roads, self.subdistricts = list(roads), list(subdistricts)
        self._how_changed()

    def choose(self, how: str) -> None:
        self.how.setCurrentIndex(max(self.how.findData(how), 0))

    def show_hint(self, text: str) -> None:
        self.hint.setText(text)

    def _how_changed(self) -> None:
        how = self.how.currentData()
        self.value.clear()
        if how == ROAD:
            for road in self.roads:
                self.value.addItem(road, road)
        elif how == SUBDISTRICT:
            for code, name in self.subdistricts:
                self.value.addItem(f"{name} ({code})" if name else code, code)
        self.value.setEnabled(how in (ROAD, SUBDISTRICT))
        hints = {POLYGON: self.tr("New batch, then click the corners on the map; double-click to finish, "
                                  "Esc to cancel."),
                 SELECTION: self.tr("Select poles or boxes on the map, then New batch: the groups "
                                    "they belong to form the batch.")}
        self.hint.setText(hints.get(how, ""))

    def _value(self) -> str:
        """The chosen code or name; text typed by hand when it matches no entry."""
        text = self.value.currentText().strip()
        index = self.value.findText(text)
        return str(self.value.itemData(index)) if index >= 0 else text

    def _create_clicked(self) -> None:
        how = self.how.currentData()
        value = self._value() if how in (ROAD, SUBDISTRICT) else ""
        if how in (ROAD, SUBDISTRICT) and not value:
            self.hint.setText(self.tr("Choose a road or subdistrict first."))
            return
        self.requested.emit(how, value, self.name.text().strip())


__all__ = ["PlanBatchForm", "ROAD", "SUBDISTRICT", "POLYGON", "SELECTION"]
