"""The attribute table: a kind picker, a search box, the lazy table and its count, with the
selection kept in step with the shared :class:`AssetSelection` both ways."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QTableView, QVBoxLayout, QWidget)

from assets.kinds import KIND_NAMES
from assets.kinds import kind as kind_of

from .attribute_table_model import PAGE_SIZE, AssetTableModel
from .selection_model import AssetSelection

SEARCH_DELAY_MS = 300  # wait for a pause in typing before querying the registry
HIDDEN_FIELDS = ("uuid",)
MAX_COLUMN_WIDTH = 240  # px: long remarks are cut here; the form shows them whole


class AttributeTable(QWidget):
    """Table of one kind's assets.

    Signals
    -------
    asset_activated(str, int)
        ``(kind, fid)`` of a double-clicked row: focus the asset (map zoom, form).
    """

    asset_activated = Signal(str, int)

    def __init__(self, registry, selection: AssetSelection, kind: str = "poles", parent=None):
        super().__init__(parent)
        self.registry = registry
        self.selection = selection
        self._syncing = False
        self._fitted_kind: str | None = None
        self.model = AssetTableModel(registry, kind, self)

        self.kind_picker = QComboBox(self)
        for name in KIND_NAMES:
            self.kind_picker.addItem(kind_of(name).title(), name)
        self.kind_picker.setCurrentIndex(self.kind_picker.findData(kind))
        self.kind_picker.currentIndexChanged.connect(self._kind_picked)
        self.search_box = QLineEdit(self)
        self.search_box.setPlaceholderText(self.tr("Search identifier, road or owner…"))
        self.search_box.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search_box.textChanged.connect(lambda _: self._search_timer.start())
        self.search_box.returnPressed.connect(self.apply_search)
        self.count_label = QLabel(self)

        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        vertical = self.view.verticalHeader()
        # fixed row heights: the view then never measures rows, so 1M rows scroll freely
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.view.horizontalHeader().setSortIndicatorShown(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.doubleClicked.connect(self._activated)
        self.view.selectionModel().selectionChanged.connect(self._rows_selected)
        self.model.modelReset.connect(self._after_reset)
        selection.changed.connect(self._selection_changed)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Kind"), self))
        top.addWidget(self.kind_picker)
        top.addWidget(self.search_box, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self._after_reset()

    # -- public -------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return self.model.kind

    def set_kind(self, kind: str) -> None:
        self.kind_picker.setCurrentIndex(self.kind_picker.findData(kind))

    def apply_search(self) -> None:
        self._search_timer.stop()
        self.model.set_search(self.search_box.text())

    def set_filter(self, conditions) -> None:
        self.model.set_filter(conditions)

    def refresh(self, kinds=None) -> None:
        """Connect to ``RegistryUndoStack.registry_changed``."""
        self.model.refresh(kinds)
        self._update_count()

    # -- table → selection --------------------------------------------------------------
    def _rows_selected(self, *_) -> None:
        if self._syncing:
            return
        ranges = self.view.selectionModel().selection()
        parts = [self.model.fids_between(r.top(), r.bottom()) for r in ranges]
        fids = np.concatenate(parts) if parts else np.empty(0, dtype=np.int64)
        current = self.view.selectionModel().currentIndex()
        focus = self.model.fid_of_row(current.row()) if current.isValid() else None
        self._syncing = True
        try:
            self.selection.set(self.kind, fids, current=focus)
        finally:
            self._syncing = False

    def _activated(self, index) -> None:
        fid = self.model.fid_of_row(index.row())
        self.selection.set_current(self.kind, fid)
        self.asset_activated.emit(self.kind, fid)

    # -- selection → table --------------------------------------------------------------
    def _selection_changed(self) -> None:
        if self._syncing:
            return
        current = self.selection.current()
        if current and current[0] != self.kind and not self.selection.fids(self.kind).size:
            self.set_kind(current[0])  # follow a pick on the map into another kind
            return  # the reset re-selects
        self._select_rows()

    def _select_rows(self) -> None:
        rows = self.model.rows_of_fids(self.selection.fids(self.kind))
        selection = QItemSelection()
        last_column = self.model.columnCount() - 1
        if rows.size:
            # contiguous runs become one range each: cheap even for a whole-table selection
            breaks = np.flatnonzero(np.diff(rows) != 1)
            starts = np.concatenate(([rows[0]], rows[breaks + 1]))
            ends = np.concatenate((rows[breaks], [rows[-1]]))
            for a, b in zip(starts.tolist(), ends.tolist()):
                selection.select(self.model.index(a, 0), self.model.index(b, last_column))
        self._syncing = True
        try:
            model = self.view.selectionModel()
            model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            current = self.selection.current()
            if current and current[0] == self.kind:
                row = self.model.row_of_fid(current[1])
                if row >= 0:
                    index = self.model.index(row, max(self.view.currentIndex().column(), 0))
                    model.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
                    self.view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._syncing = False

    # -- internals ----------------------------------------------------------------------
    def _kind_picked(self, index: int) -> None:
        name = self.kind_picker.itemData(index)
        if name and name != self.model.kind:
            self.search_box.blockSignals(True)
            self.search_box.clear()
            self.search_box.blockSignals(False)
            self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            self.model.set_kind(name)

    def _after_reset(self) -> None:
        # a reset keeps the old scroll offset; past the new end, the row header then
        # paints every section of the model (25k header paints for one filter)
        self.view.scrollToTop()
        for column, field in enumerate(self.model.fields):
            self.view.setColumnHidden(column, field.name in HIDDEN_FIELDS)
        if self._fitted_kind != self.model.kind:  # a sort or filter keeps the widths the user sees
            self._fit_columns()
            self._fitted_kind = self.model.kind
        self._update_count()
        self._select_rows()

    def _fit_columns(self) -> None:
        # measure the first page only: the model fetches nothing more for it
        header = self.view.horizontalHeader()
        header.setResizeContentsPrecision(PAGE_SIZE)
        self.view.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            header.resizeSection(column, min(header.sectionSize(column), MAX_COLUMN_WIDTH))

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        total = self.registry.count(self.kind)
        if shown == total:
            self.count_label.setText(self.tr("{n} records").format(n=f"{shown:,}"))
        else:
            self.count_label.setText(self.tr("{n} of {total} records").format(n=f"{shown:,}", total=f"{total:,}"))
