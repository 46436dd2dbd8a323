"""The layers panel: each layer with its symbols, counts and a visibility box; colouring choice."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QTreeView, QVBoxLayout, QWidget

from .legend_model import LegendModel
from .symbology import COLOURINGS


class LayerPanel(QWidget):
    """Emits ``colouring_changed(code)`` (one of :data:`~desktop.map.symbology.COLOURINGS`)
    and ``visibility_changed(layer name, visible)``."""

    colouring_changed = Signal(str)
    visibility_changed = Signal(str, bool)

    def __init__(self, parent=None, model: LegendModel | None = None):
        super().__init__(parent)
        self.legend = model or LegendModel(self)
        titles = {
            "kind": self.tr("Asset kind"),
            "subtype": self.tr("Subtype"),
            "status": self.tr("Status"),
            "owner": self.tr("Owner"),
            "ownership": self.tr("Ownership state"),
        }
        self.colouring_box = QComboBox(self)
        for code in COLOURINGS:
            self.colouring_box.addItem(titles[code], code)
        self.tree = QTreeView(self)
        self.tree.setModel(self.legend)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        form = QFormLayout()
        form.addRow(self.tr("Colour by"), self.colouring_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(form)
        layout.addWidget(self.tree)
        self.colouring_box.currentIndexChanged.connect(self._colouring_index_changed)
        self.legend.visibility_changed.connect(self.visibility_changed)
        self.legend.layoutChanged.connect(self.tree.expandAll)

    def colouring(self) -> str:
        return self.colouring_box.currentData()

    def set_colouring(self, code: str) -> None:
        i = self.colouring_box.findData(code)
        if i < 0:
            raise ValueError(f"unknown colouring {code!r}; known: {', '.join(COLOURINGS)}")
        self.colouring_box.setCurrentIndex(i)

    def connect_canvas(self, canvas) -> None:
        """Show and hide the canvas's layers from the check boxes."""
        self.visibility_changed.connect(canvas.set_layer_visible)

    def _colouring_index_changed(self, index: int) -> None:
        self.colouring_changed.emit(self.colouring_box.itemData(index))
