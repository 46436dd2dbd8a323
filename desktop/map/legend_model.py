"""The layers of the map and their symbols as a Qt item model (for the layer panel and export)."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIcon, QStandardItem, QStandardItemModel

from .legend_entry import LegendEntry
from .point_layer_item import PointLayerItem
from .symbol_renderer import SymbolRenderer
from .symbol_style import SymbolStyle

LAYER_NAME_ROLE = Qt.UserRole + 1


class LegendModel(QStandardItemModel):
    """Top-level rows are layers (checkable: visible or not); their children are the symbol
    categories with counts. Emits ``visibility_changed(layer name, visible)`` when a layer's
    check box changes (from the user or from :meth:`set_layer_visible`)."""

    visibility_changed = Signal(str, bool)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: dict[str, QStandardItem] = {}
        self._entries: dict[str, list[LegendEntry]] = {}
        self._titles: dict[str, str] = {}
        self.itemChanged.connect(self._item_changed)

    @staticmethod
    def entries_from_layer(item: PointLayerItem, labels: dict[int, str],
                           renderer: SymbolRenderer | None = None, icon_px: float = 16) -> list[LegendEntry]:
        """Entries for a point layer's categories: its symbols, ``labels[category]``, counts."""
        renderer = renderer or SymbolRenderer()
        counts = item.category_counts()
        out = []
        for category, symbol in sorted(item.symbols().items()):
            icon = renderer.icon(replace(symbol, size_px=icon_px)) if isinstance(symbol, SymbolStyle) else QIcon(symbol)
            out.append(LegendEntry(labels.get(category, str(category)), icon, counts.get(category, 0)))
        return out

    def set_layer(self, name: str, title: str, entries: list[LegendEntry], visible: bool | None = None) -> None:
        """Add a layer or replace its entries (e.g. after the colouring changed)."""
        row = self._rows.get(name)
        if row is None:
            row = QStandardItem()
            row.setCheckable(True)
            row.setEditable(False)
            row.setData(name, LAYER_NAME_ROLE)
            row.setCheckState(Qt.Checked)
            self._rows[name] = row
            self.appendRow(row)
        self._entries[name] = list(entries)
        self._titles[name] = title
        total = sum(e.count or 0 for e in entries)
        self.blockSignals(True)  # a text change is not a visibility change
        row.setText(f"{title} ({total:,})" if any(e.count is not None for e in entries) else title)
        if entries and entries[0].icon is not None:
            row.setIcon(QIcon(entries[0].icon))
        row.removeRows(0, row.rowCount())
        if len(entries) > 1:
            for entry in entries:
                child = QStandardItem(entry.text())
                child.setEditable(False)
                if entry.icon is not None:
                    child.setIcon(QIcon(entry.icon))
                row.appendRow(child)
        if visible is not None:
            row.setCheckState(Qt.Checked if visible else Qt.Unchecked)
        self.blockSignals(False)
        self.layoutChanged.emit()

    def remove_layer(self, name: str) -> None:
        row = self._rows.pop(name, None)
        if row is not None:
            self.removeRow(row.row())
            self._entries.pop(name, None)
            self._titles.pop(name, None)

    def layer_names(self) -> list[str]:
        return list(self._rows)

    def layer_visible(self, name: str) -> bool:
        row = self._rows.get(name)
        return row is not None and row.checkState() == Qt.Checked

    def set_layer_visible(self, name: str, visible: bool) -> None:
        row = self._rows.get(name)
        if row is not None:
            row.setCheckState(Qt.Checked if visible else Qt.Unchecked)

    def legend_entries(self, visible_only: bool = True) -> list[LegendEntry]:
        """Flat entries for a printed legend; a single-symbol layer is shown by its title."""
        out = []
        for name in self._rows:
            if visible_only and not self.layer_visible(name):
                continue
            entries = self._entries.get(name, [])
            if len(entries) == 1:
                out.append(replace(entries[0], label=self._titles[name]))
            else:
                out.extend(entries)
        return out

    def _item_changed(self, item: QStandardItem) -> None:
        name = item.data(LAYER_NAME_ROLE)
        if name is not None and item.parent() is None:
            self.visibility_changed.emit(str(name), item.checkState() == Qt.Checked)
