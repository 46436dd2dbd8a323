"""The "Import…" wizard: what surveyors and utilities deliver, step by step — file and
layer, a preview on a small map, the column mapping, the findings to review, then the
commit on a worker thread (its own Registry) with progress and cancel.

Each step is a plain QWizardPage filled here, so the wizard stays one widget class; the
work itself is in :mod:`layers.importer` (staging, then one transaction)."""
from __future__ import annotations

from collections import Counter

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWizard,
                               QWizardPage)

from assets.errors import XiuCityError
from assets.import_report import REASON_LABELS
from assets.i18n import translate
from assets.kinds import KIND_NAMES, kind
from layers.field_mapping import MappingTemplate, load_template, propose_mapping, save_template
from layers.importer import import_file, registry_points, stage_file
from layers.sources import list_layers, read_source

from .map.map_canvas import MapCanvas
from .map.symbol_style import SymbolStyle
from .task_runner import TaskRunner

CRS_CHOICES = ("EPSG:4550", "EPSG:4529", "EPSG:4490", "EPSG:4326", "gcj02")
ENCODINGS = ("UTF-8", "GBK", "GB18030")
ON_DUPLICATE = ("skip", "update", "insert")
PREVIEW_ROWS = 50          # enough to recognise the columns, few enough to fill instantly
FROM_COLUMN = "__column__"
DELIVERY_SYMBOL = SymbolStyle(fill="#1f6fd1", stroke="#ffffff", size_px=8.0)


class ImportWizard(QWizard):
    """Import one delivered file into the window's registry.

    Parameters
    ----------
    registry : the open Registry (read on the GUI thread for preview and findings only).
    window : the main window to refresh after the commit (may be None in tests).

    Signals
    -------
    imported(report) : the commit finished; ``report`` is the ImportReport.
    """

    imported = Signal(object)

    def __init__(self, registry, window=None, parent=None):
        super().__init__(parent)
        self.registry, self.window = registry, window
        self.table = None          # SourceTable of the chosen file/layer
        self.staging = None
        self.report = None
        self.runner = TaskRunner(self)
        self.runner.finished.connect(self._committed)
        self.runner.failed.connect(lambda _e: self.commit_button.setEnabled(True))
        self.runner.cancelled.connect(lambda: self.commit_button.setEnabled(True))
        self.setWindowTitle(self.tr("Import a delivered file"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.resize(820, 600)
        self.file_page = self._file_page()
        self.preview_page = self._preview_page()
        self.mapping_page = self._mapping_page()
        self.findings_page = self._findings_page()
        self.commit_page = self._commit_page()
        for page in (self.file_page, self.preview_page, self.mapping_page, self.findings_page, self.commit_page):
            self.addPage(page)
        self.currentIdChanged.connect(self._entered)

    # -- pages ----------------------------------------------------------------------------
    def _file_page(self) -> QWizardPage:
        page = QWizardPage(self)
        page.setTitle(self.tr("File and layer"))
        page.setSubTitle(self.tr("Choose the delivered file; override its encoding or coordinate system if needed."))
        self.path_edit = QLineEdit(page)
        self.path_edit.editingFinished.connect(lambda: self.set_file(self.path_edit.text()))
        browse = QPushButton(self.tr("Browse…"), page)
        browse.clicked.connect(self.choose_file)
        self.layer_box = QComboBox(page)
        self.encoding_box = QComboBox(page)
        self.encoding_box.addItem(self.tr("Detect automatically"), None)
        for e in ENCODINGS:
            self.encoding_box.addItem(e, e)
        self.crs_box = QComboBox(page)
        self.crs_box.addItem(self.tr("From the file"), None)
        for c in CRS_CHOICES:
            self.crs_box.addItem(self.tr("GCJ-02 (Amap/Tencent)") if c == "gcj02" else c, c)
        self.kind_box = QComboBox(page)
        for name in KIND_NAMES:
            self.kind_box.addItem(kind(name).title(), name)
        self.kind_box.addItem(self.tr("From a column of the file"), FROM_COLUMN)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout(page)
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Layer"), self.layer_box)
        form.addRow(self.tr("Text encoding"), self.encoding_box)
        form.addRow(self.tr("Coordinate system"), self.crs_box)
        form.addRow(self.tr("Asset kind"), self.kind_box)
        self.file_error = QLabel(page)
        self.file_error.setWordWrap(True)
        self.file_error.setStyleSheet("color: #b00020")
        form.addRow("", self.file_error)
        page.isComplete = lambda: bool(self.path_edit.text()) and self.layer_box.count() > 0
        return page

    def _preview_page(self) -> QWizardPage:
        page = QWizardPage(self)
        page.setTitle(self.tr("Preview"))
        page.setSubTitle(self.tr("The first rows of the file, and its points (blue) over the registry's area (purple outline)."))
        self.preview_table = QTableWidget(page)
        self.preview_canvas = MapCanvas(page)
        self.preview_canvas.setMinimumHeight(200)
        self.preview_label = QLabel(page)
        layout = QVBoxLayout(page)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview_table, 1)
        layout.addWidget(self.preview_canvas, 1)
        return page

    def _mapping_page(self) -> QWizardPage:
        page = QWizardPage(self)
        page.setTitle(self.tr("Column mapping"))
        page.setSubTitle(self.tr("Which registry field each column of the file fills. Proposed automatically; change as needed."))
        self.mapping_table = QTableWidget(0, 2, page)
        self.mapping_table.setHorizontalHeaderLabels([self.tr("Column of the file"), self.tr("Registry field")])
        self.mapping_table.horizontalHeader().setStretchLastSection(True)
        self.mapping_table.setColumnWidth(0, 220)
        save = QPushButton(self.tr("Save template…"), page)
        load = QPushButton(self.tr("Load template…"), page)
        save.clicked.connect(lambda: self._ask_template(save=True))
        load.clicked.connect(lambda: self._ask_template(save=False))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(load)
        buttons.addWidget(save)
        layout = QVBoxLayout(page)
        layout.addWidget(self.mapping_table, 1)
        layout.addLayout(buttons)
        return page

    def _findings_page(self) -> QWizardPage:
        page = QWizardPage(self)
        page.setTitle(self.tr("Findings to review"))
        page.setSubTitle(self.tr("Rows with a blocking finding are not imported. Nothing has been written yet."))
        self.counts_label = QLabel(page)
        self.counts_label.setWordWrap(True)
        self.findings_table = QTableWidget(0, 3, page)
        self.findings_table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Reason"), self.tr("Message")])
        self.findings_table.horizontalHeader().setStretchLastSection(True)
        self.duplicate_box = QComboBox(page)
        for action, text in zip(ON_DUPLICATE, (self.tr("Skip them"), self.tr("Update them"), self.tr("Insert as new"))):
            self.duplicate_box.addItem(text, action)
        self.outside_box = QCheckBox(self.tr("Also import rows outside the registry's area"), page)
        self.duplicate_box.currentIndexChanged.connect(lambda _i: self.review())
        self.outside_box.toggled.connect(lambda _b: self.review())
        form = QFormLayout()
        form.addRow(self.tr("Assets already in the registry"), self.duplicate_box)
        form.addRow("", self.outside_box)
        layout = QVBoxLayout(page)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.findings_table, 1)
        layout.addLayout(form)
        return page

    def _commit_page(self) -> QWizardPage:
        page = QWizardPage(self)
        page.setTitle(self.tr("Import"))
        page.setSubTitle(self.tr("Write the rows into the registry in one step (undo is possible)."))
        self.commit_button = QPushButton(self.tr("Import now"), page)
        self.commit_button.clicked.connect(self.commit)
        self.result_label = QLabel(page)
        self.result_label.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.commit_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result_label, 1)
        page.setFinalPage(True)
        page.isComplete = lambda: self.report is not None   # Finish only once the import ran
        return page

    # -- step 1 ---------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a delivered file"), "",
                                              self.tr("Delivered files (*.csv *.xlsx *.xls *.shp *.zip *.gpkg *.kml *.kmz *.dxf *.geojson);;All files (*)"))
        if path:
            self.set_file(path)

    def set_file(self, path) -> bool:
        """Choose ``path``; fill the layer picker. False (with the reason shown) on bad input."""
        self.path_edit.setText(str(path))
        self.layer_box.clear()
        self.file_error.clear()
        try:
            layers = list_layers(path)
        except XiuCityError as error:
            self.file_error.setText(str(error))
            self.file_page.completeChanged.emit()
            return False
        for name in layers or [None]:
            self.layer_box.addItem(name or self.tr("(the only layer)"), name)
        self.file_page.completeChanged.emit()
        return True

    def set_kind(self, name: str | None) -> None:
        """``None`` means "from a column of the file"."""
        self.kind_box.setCurrentIndex(self.kind_box.findData(name or FROM_COLUMN))

    def set_crs(self, crs: str | None) -> None:
        self.crs_box.setCurrentIndex(self.crs_box.findData(crs))

    def kind_name(self) -> str | None:
        data = self.kind_box.currentData()
        return None if data == FROM_COLUMN else data

    def options(self) -> dict:
        """The keyword options for :func:`layers.importer.stage_file`/``import_file``."""
        kind_name = self.kind_name()
        opts = dict(layer=self.layer_box.currentData(), crs=self.crs_box.currentData(),
                    encoding=self.encoding_box.currentData(), on_duplicate=self.duplicate_box.currentData(),
                    allow_outside=self.outside_box.isChecked(), kind=kind_name)
        if kind_name is not None and self.mapping_table.rowCount():
            opts["template"] = MappingTemplate(kind=kind_name, columns=self.mapping())
        return opts

    # -- moving between steps -------------------------------------------------------------
    def validateCurrentPage(self) -> bool:
        try:
            if self.currentPage() is self.file_page:
                self.load_preview()
            elif self.currentPage() is self.mapping_page:
                self.review()
        except XiuCityError as error:
            QMessageBox.warning(self, self.windowTitle(), str(error))
            return False
        return True

    def _entered(self, _id: int) -> None:
        if self.currentPage() is self.commit_page:
            self.commit_button.setEnabled(self.report is None)

    # -- step 2 ---------------------------------------------------------------------------
    def load_preview(self) -> None:
        opts = self.options()
        self.table = read_source(self.path_edit.text(), layer=opts["layer"], encoding=opts["encoding"], crs=opts["crs"])
        rows = self.table.rows[:PREVIEW_ROWS]
        self.preview_table.clear()
        self.preview_table.setColumnCount(len(self.table.columns))
        self.preview_table.setRowCount(len(rows))
        self.preview_table.setHorizontalHeaderLabels(self.table.columns)
        for r, row in enumerate(rows):
            for c, column in enumerate(self.table.columns):
                value = row.get(column)
                self.preview_table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
        self.preview_label.setText(self.tr("{n} rows in the file; the first {shown} are shown.").format(
            n=len(self.table), shown=len(rows)))
        self._preview_map()
        self._fill_mapping()

    def _preview_map(self) -> None:
        canvas = self.preview_canvas
        for name in ("area", "delivery"):
            canvas.remove_layer(name)
        x, y, _ = registry_points(self.table, self.registry)
        ok = np.isfinite(x) & np.isfinite(y)
        area = self.registry.area()
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

    # -- step 3 ---------------------------------------------------------------------------
    def _fill_mapping(self, mapping: dict | None = None) -> None:
        kind_name = self.kind_name()
        self.mapping_table.setRowCount(0)
        if kind_name is None:   # one mapping per kind, proposed by the importer itself
            self.mapping_page.setSubTitle(self.tr("The kind comes from a column: each kind's columns are mapped automatically."))
            return
        mapping = propose_mapping(self.table.columns, kind_name) if mapping is None else mapping
        fields = [f for f in kind(kind_name).fields if not f.system or f.name in mapping.values()]
        self.mapping_table.setRowCount(len(self.table.columns))
        for r, column in enumerate(self.table.columns):
            self.mapping_table.setItem(r, 0, QTableWidgetItem(column))
            box = QComboBox(self.mapping_table)
            box.addItem(self.tr("(not imported)"), None)
            for f in fields:
                box.addItem(f"{f.title()} ({f.name})" if hasattr(f, "title") else f.label, f.name)
            for target in set(mapping.values()) - {f.name for f in fields}:
                box.addItem(target, target)   # e.g. x/y/mount columns the importer understands
            box.setCurrentIndex(max(0, box.findData(mapping.get(column))))
            self.mapping_table.setCellWidget(r, 1, box)

    def mapping(self) -> dict[str, str]:
        """source column → registry field, as edited."""
        out = {}
        for r in range(self.mapping_table.rowCount()):
            target = self.mapping_table.cellWidget(r, 1).currentData()
            if target:
                out[self.mapping_table.item(r, 0).text()] = target
        return out

    def set_mapping(self, column: str, field: str | None) -> None:
        for r in range(self.mapping_table.rowCount()):
            if self.mapping_table.item(r, 0).text() == column:
                box = self.mapping_table.cellWidget(r, 1)
                box.setCurrentIndex(max(0, box.findData(field)))

    def save_template(self, path) -> None:
        opts = self.options()
        save_template(MappingTemplate(kind=self.kind_name(), columns=self.mapping(), crs=opts["crs"],
                                      encoding=opts["encoding"], layer=opts["layer"]), path)

    def load_template(self, path) -> None:
        tpl = load_template(path)
        self.set_kind(tpl.kind)
        self._fill_mapping(dict(tpl.columns))

    def _ask_template(self, save: bool) -> None:
        caption = self.tr("Save mapping template") if save else self.tr("Load mapping template")
        pattern = self.tr("Mapping templates (*.toml *.json)")
        chooser = QFileDialog.getSaveFileName if save else QFileDialog.getOpenFileName
        path, _ = chooser(self, caption, "", pattern)
        if not path:
            return
        try:
            self.save_template(path) if save else self.load_template(path)
        except (XiuCityError, OSError) as error:
            QMessageBox.warning(self, caption, str(error))

    # -- step 4 ---------------------------------------------------------------------------
    def review(self) -> None:
        """Stage the file (nothing written) and show the findings."""
        if self.table is None:
            return
        self.staging = stage_file(self.registry, self.path_edit.text(), **self.options())
        dry = self.staging.report(dry_run=True)
        self.dry_report = dry
        counts = Counter(f["reason"] for f in dry.findings)
        parts = [f"{translate('Import', REASON_LABELS.get(r, r))} {n}" for r, n in counts.most_common()]
        self.counts_label.setText(dry.summary() + ("\n" + "；".join(parts) if parts else ""))
        self.findings_table.setRowCount(len(dry.findings))
        for i, f in enumerate(dry.findings):
            for c, value in enumerate((f["row"], translate("Import", REASON_LABELS.get(f["reason"], f["reason"])),
                                       f["message"])):
                self.findings_table.setItem(i, c, QTableWidgetItem(str(value)))
        self.findings_table.resizeColumnsToContents()
        self.findings_table.horizontalHeader().setStretchLastSection(True)

    # -- step 5 ---------------------------------------------------------------------------
    def commit(self) -> None:
        """Import on a worker thread with its own Registry; progress and cancel by TaskRunner."""
        if self.runner.is_running():
            return
        self.commit_button.setEnabled(False)
        opts = self.options()
        self.runner.run_on_registry(self.registry.path, import_with_undo, self.path_edit.text(),
                                    label=self.tr("Importing…"), **opts)

    def _committed(self, result) -> None:
        report, steps = result
        self.report = report
        self.result_label.setText(report.summary())
        self.commit_page.completeChanged.emit()
        if self.window is not None:
            stack = getattr(self.window, "undo_stack", None)
            if stack is not None and steps:
                stack.adopt(steps)    # Edit → Undo reaches the import made on the worker's connection
            kinds = list(report.kinds)
            for part in ("map", "table"):
                view = getattr(self.window, part, None)
                if view is not None and hasattr(view, "refresh"):
                    view.refresh(kinds)
        self.imported.emit(report)


def import_with_undo(registry, path, *, progress=None, **options):
    """Run on the worker thread: import and hand back the report with the undo steps the
    worker's Registry recorded (plain data, so the window's undo stack can adopt them)."""
    report = import_file(registry, path, progress=progress, **options)
    return report, registry.take_undo_steps()


def add_import_action(window) -> QAction:
    """Add "Import…" at the top of the window's File menu and return the action."""
    action = QAction(QCoreApplication.translate("ImportWizard", "&Import…"), window)
    action.setShortcut("Ctrl+I")

    def open_wizard():
        wizard = ImportWizard(window.registry, window, window)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()
        window.import_wizard = wizard   # reachable for tests and for the lead's wiring

    action.triggered.connect(lambda checked=False: open_wizard())
    menu = getattr(window, "file_menu", None)
    if menu is None:
        for candidate in window.menuBar().actions():
            if candidate.menu() is not None:
                menu = candidate.menu()
                break
    if menu is not None:
        first = menu.actions()[0] if menu.actions() else None
        menu.insertAction(first, action) if first is not None else menu.addAction(action)
    return action
