"""The "new campaign" dialog: name, kinds, organisations, deadline, area by subdistrict.

The dialog does not write anything itself: it calls the ``create`` function it is given
with its values, and stays open with the message in red when the core refuses (no asset
in scope, unknown organisation…), so nothing typed is lost."""
from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QVBoxLayout)

from assets.campaigns import confirmable_kinds
from assets.errors import XiuCityError
from assets.kinds import kind

DEFAULT_DAYS = 30  # a month to answer is what the bureau usually gives (domain.md: offline clerks)


def _checkable(items: list[tuple[str, str]], checked=()) -> QListWidget:
    view = QListWidget()
    for key, text in items:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked)
        view.addItem(item)
    return view


def _checked(view: QListWidget) -> list[str]:
    return [view.item(i).data(Qt.ItemDataRole.UserRole) for i in range(view.count())
            if view.item(i).checkState() == Qt.CheckState.Checked]


def _set_checked(view: QListWidget, keys) -> None:
    keys = set(keys)
    for i in range(view.count()):
        item = view.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in keys
                           else Qt.CheckState.Unchecked)


class NewCampaignDialog(QDialog):
    """Collects a campaign's settings; ``create(name, kinds, orgs, deadline, area)`` makes it.

    After a successful :meth:`accept`, ``campaign`` holds what ``create`` returned."""

    def __init__(self, registry, create, parent=None):
        super().__init__(parent)
        self.create = create
        self.campaign = None
        self.setWindowTitle(self.tr("New confirmation campaign"))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. 2026 first batch of manhole covers"))
        self.kinds_view = _checkable([(k, kind(k).title()) for k in confirmable_kinds()], checked=confirmable_kinds())
        utilities_first = sorted(registry.organisations(), key=lambda o: o.get("role") != "utility")
        self.orgs_view = _checkable([(o["code"], f"{o['name']}（{o['code']}）") for o in utilities_first])
        self.deadline_edit = QDateEdit(QDate.currentDate().addDays(DEFAULT_DAYS))
        self.deadline_edit.setCalendarPopup(True)
        self.deadline_edit.setDisplayFormat("yyyy-MM-dd")
        from .confirm_arguments import subdistricts
        self.area_view = _checkable([(s["code"], s["name"]) for s in subdistricts(registry)])
        for view, rows in ((self.kinds_view, 3), (self.area_view, 3), (self.orgs_view, 8)):
            view.setMaximumHeight(view.sizeHintForRow(0) * rows + 8 if view.count() else 40)
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Kinds"), self.kinds_view)
        form.addRow(self.tr("Organisations invited"), self.orgs_view)
        form.addRow(self.tr("Deadline"), self.deadline_edit)
        form.addRow(self.tr("Area (subdistricts; none = everywhere)"), self.area_view)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create and offer"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        for signal in (self.name_edit.textChanged, self.orgs_view.itemChanged, self.kinds_view.itemChanged):
            signal.connect(self._update_ok)
        self._update_ok()

    def set_values(self, *, name=None, kinds=None, orgs=None, deadline=None, subdistricts=None) -> None:
        """Fill the dialog as a user would (``deadline`` as ``"YYYY-MM-DD"``)."""
        if name is not None:
            self.name_edit.setText(name)
        if kinds is not None:
            _set_checked(self.kinds_view, kinds)
        if orgs is not None:
            _set_checked(self.orgs_view, orgs)
        if deadline is not None:
            self.deadline_edit.setDate(QDate.fromString(str(deadline), "yyyy-MM-dd"))
        if subdistricts is not None:
            _set_checked(self.area_view, subdistricts)

    def values(self) -> dict:
        area = _checked(self.area_view)
        return {"name": self.name_edit.text().strip(), "kinds": _checked(self.kinds_view),
                "orgs": _checked(self.orgs_view), "deadline": self.deadline_edit.date().toString("yyyy-MM-dd"),
                "area": area or None}

    def _update_ok(self, *_):
        values = self.values()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(values["name"] and values["orgs"] and values["kinds"]))

    def accept(self) -> None:
        try:
            self.campaign = self.create(**self.values())
        except XiuCityError as error:
            self.error_label.setText(str(error))
            return
        super().accept()
