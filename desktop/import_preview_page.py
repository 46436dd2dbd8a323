"""Step 2 of the import wizard: the first rows of the delivered file in a table, and its
points over the registry's area on a small map."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWizardPage

from layers.importer import registry_points

from .map.map_canvas import MapCanvas
from .map.symbol_style import SymbolStyle

PREVIEW_ROWS = 50          # enough to recognise the columns, few enough to fill instantly
DELIVERY_SYMBOL = SymbolStyle(fill="#1f6fd1", stroke="#ffffff", size_px=8.0)


class ImportPreviewPage(QWizardPage):
    """Shows a :class:`layers.sources.SourceTable` (texts in the "ImportWizard" context)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(QCoreApplication.translate("ImportWizard", "Preview"))
        self.setSubTitle(QCoreApplication.translate(
            "ImportWizard", "The first rows of the file, and its points (blue) over the registry's area (purple outline)."))
        self.preview_table = QTableWidget(self)
        self.preview_canvas = MapCanvas(self)
        self.preview_canvas.setMinimumHeight(200)
        self.preview_label = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview_table, 1)
        layout.addWidget(self.preview_canvas, 1)

    def show_table(self, table, registry) -> None:
        """The first rows of ``table`` and its points in ``registry``'s CRS."""
        rows = table.rows[:PREVIEW_ROWS]
        self.preview_table.clear()
        self.preview_table.setColumnCount(len(table.columns))
        self.preview_table.setRowCount(len(rows))
        self.preview_table.setHorizontalHeaderLabels(table.columns)
        for r, row in enumerate(rows):
            for c, column in enumerate(table.columns):
                value = row.get(column)
                self.preview_table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
        self.preview_label.setText(QCoreApplication.translate(
            "ImportWizard", "{n} rows in the file; the first {shown} are shown.").format(n=len(table), shown=len(rows)))
        self._map(table, registry)

    def _map(self, table, registry) -> None:
        canvas = self.preview_canvas
        for name in ("area", "delivery"):
            canvas.remove_layer(name)
        x, y, _ = registry_points(table, registry)
        ok = np.isfinite(x) & np.isfinite(y)
        area = registry.area()
        boxes = []
        if area is not None:
            parts = getattr(area, "geoms", [area])
            rings = [[np.asarray(p.exterior.coords)] for p in parts if p.geom_type == "Polygon"]
            canvas.add_polygon_layer("area", rings, style="subdistricts", z=0)
            boxes.append(area.bounds)
        if ok.any():
            canvas.add_point_layer("delivery", x[ok], y[ok], categories=np.zeros(int(ok.sum()), int),
                                   symbols={0: DELIVERY_SYMBOL}, z=1)
            boxes.append((x[ok].min(), y[ok].min(), x[ok].max(), y[ok].max()))
        if boxes:
            b = np.array(boxes)
            canvas.zoom_to(b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max(), padding=0.05)
