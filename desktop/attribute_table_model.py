"""A lazy table model over one asset kind.

The model holds only the ordered fid array the registry returns (8 bytes a row, so 1M rows
cost 8 MB) and fetches rows a page at a time through ``assets_by_fid``, keeping a few pages
in a small LRU cache. Sorting and filtering are registry queries (``order_by``, ``where``):
nothing is sorted in Python, which is what makes a header click on 1M rows take a fraction
of a second instead of QGIS's 17 s (shared/stack-notes.md).
"""
from __future__ import annotations

from collections import OrderedDict

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from assets.filters import Condition
from assets.kinds import kind as kind_of

from .value_labels import AREA_LAYERS, ValueLabels

PAGE_SIZE = 200
CACHED_PAGES = 16
_NUMERIC = ("integer", "real")


class AssetTableModel(QAbstractTableModel):
    """Rows = assets of one kind in registry order; columns = the kind's fields.

    DisplayRole gives labels (``县供电公司``), EditRole and UserRole the stored code
    (``GDGS``). Read-only: edits go through the form and the undo stack.
    """

    def __init__(self, registry, kind: str = "poles", parent=None):
        super().__init__(parent)
        self.registry = registry
        self.labels = ValueLabels(registry)
        self._kind = kind_of(kind)
        self._fields = self._kind.fields
        self._fids = np.empty(0, dtype=np.int64)
        self._sorter: np.ndarray | None = None
        self._pages: OrderedDict[int, list] = OrderedDict()
        self._order_by: str | None = None
        self._descending = False
        self._filter: list[Condition] = []
        self._search: list[Condition] = []
        self._query()

    # -- what is shown ------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return self._kind.name

    @property
    def fields(self):
        return self._fields

    def set_kind(self, kind: str) -> None:
        """Show another kind; sort, filter and search are dropped (their fields differ)."""
        new_kind = kind_of(kind)  # unknown kinds fail here, before the reset
        self.beginResetModel()
        self._kind = new_kind
        self._fields = self._kind.fields
        self._order_by, self._descending = None, False
        self._filter, self._search = [], []
        self._query()
        self.endResetModel()

    def set_filter(self, conditions) -> None:
        """Structured conditions (ANDed), e.g. ``[Condition("owner_code", "=", "GDGS")]``."""
        self._requery(filter_=list(conditions or []))

    def set_search(self, text: str) -> None:
        """What a user types in the search box: see :meth:`search_conditions`."""
        self._requery(search=self.search_conditions(text))

    def search_conditions(self, text: str) -> list[Condition]:
        """One condition per word, all of them must hold: digits search the identifier
        (``0118``), a word naming organisations searches the owner (``供电``, ``GDGS``),
        any other word searches the road (``迎宾``)."""
        conditions = []
        orgs = self.labels.organisations()
        for word in (text or "").split():
            if word.isdigit():
                conditions.append(Condition("code", "contains", word))
                continue
            folded = word.casefold()
            owners = [c for c, name in orgs.items() if folded == c.casefold() or folded in name.casefold()]
            if owners:
                conditions.append(Condition("owner_code", "in", owners))
            else:
                conditions.append(Condition("road", "contains", word))
        return conditions

    def conditions(self) -> list[Condition]:
        return [*self._filter, *self._search]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._fields):
            return
        name, descending = self._fields[column].name, order == Qt.SortOrder.DescendingOrder
        if (name, descending) == (self._order_by, self._descending):
            return  # the view asks again when the header's indicator is set: one query is enough
        self._requery(order_by=name, descending=descending)

    def refresh(self, kinds=None) -> None:
        """Re-read after a change (``kinds`` = what changed; others are ignored). Rows keep
        their place when the set and order of fids did not change."""
        if kinds is not None and self.kind not in kinds:
            return
        self.labels.forget()
        fids = self._fetch_fids()
        if np.array_equal(fids, self._fids):
            self._pages.clear()
            if len(fids):
                self.dataChanged.emit(self.index(0, 0), self.index(len(fids) - 1, len(self._fields) - 1))
            return
        self.beginResetModel()
        self._set_fids(fids)
        self.endResetModel()

    # -- selection sync -----------------------------------------------------------------
    def fid_of_row(self, row: int) -> int:
        return int(self._fids[row])

    def fids_of_rows(self, rows) -> np.ndarray:
        return self._fids[np.asarray(rows, dtype=np.int64)]

    def fids_between(self, first: int, last: int) -> np.ndarray:
        """Fids of rows ``first..last`` inclusive (a selection range)."""
        return self._fids[first:last + 1]

    def row_of_fid(self, fid: int) -> int:
        """Row showing ``fid``, or -1 when it is filtered out or gone."""
        rows = self.rows_of_fids([fid])
        return int(rows[0]) if rows.size else -1

    def rows_of_fids(self, fids) -> np.ndarray:
        """Rows (sorted) of those ``fids`` that are shown; vectorised for big selections."""
        fids = np.asarray(fids, dtype=np.int64)
        if not self._fids.size or not fids.size:
            return np.empty(0, dtype=np.int64)
        if self._sorter is None:
            self._sorter = np.argsort(self._fids, kind="stable")
        ordered = self._fids[self._sorter]
        pos = np.clip(np.searchsorted(ordered, fids), 0, ordered.size - 1)
        found = ordered[pos] == fids
        return np.sort(self._sorter[pos[found]])

    def asset(self, row: int):
        """The :class:`assets.reading.Asset` on ``row`` (None if it was deleted meanwhile)."""
        return self._row(row)

    # -- Qt model interface -------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else int(self._fids.size)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._fields)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self._fields):
                return None
            field = self._fields[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return field.title()
            if role == Qt.ItemDataRole.ToolTipRole:
                return field.name
            if role == Qt.ItemDataRole.UserRole:
                return field.name
            return None
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < self._fids.size:
            return str(section + 1)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self._fids.size or index.column() >= len(self._fields):
            return None
        field = self._fields[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if field.type in _NUMERIC:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.UserRole,
                        Qt.ItemDataRole.ToolTipRole):
            return None
        asset = self._row(index.row())
        if asset is None:
            return None
        value = asset.values.get(field.name)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.labels.text(self._kind, field, value)
        if role == Qt.ItemDataRole.ToolTipRole:
            coded = field.type in ("vocab", "org", "subtype") or field.name in AREA_LAYERS
            return None if value is None or not coded else str(value)
        return value

    # -- internals ----------------------------------------------------------------------
    def _requery(self, *, order_by=..., descending=None, filter_=None, search=None) -> None:
        saved = (self._order_by, self._descending, self._filter, self._search)
        if order_by is not ...:
            self._order_by = order_by
        if descending is not None:
            self._descending = descending
        if filter_ is not None:
            self._filter = filter_
        if search is not None:
            self._search = search
        try:
            fids = self._fetch_fids()  # before the reset: a refused filter leaves the view intact
        except Exception:
            self._order_by, self._descending, self._filter, self._search = saved
            raise
        self.beginResetModel()
        self._set_fids(fids)
        self.endResetModel()

    def _query(self) -> None:
        self._set_fids(self._fetch_fids())

    def _fetch_fids(self) -> np.ndarray:
        return self.registry.fids(self.kind, where=self.conditions() or None, order_by=self._order_by,
                                  descending=self._descending)

    def _set_fids(self, fids: np.ndarray) -> None:
        self._fids = fids
        self._sorter = None
        self._pages.clear()

    def _row(self, row: int):
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            fids = self._fids[number * PAGE_SIZE:(number + 1) * PAGE_SIZE]
            found = {a.fid: a for a in self.registry.assets_by_fid(self.kind, fids)}
            page = [found.get(int(f)) for f in fids]
            self._pages[number] = page
            while len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[row - number * PAGE_SIZE]
