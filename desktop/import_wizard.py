"""The "Import…" wizard: what surveyors and utilities deliver, step by step — file and
layer, a preview on a small map, the column mapping, the findings to review, then the
commit on a worker thread (its own Registry) with progress and cancel.

Each step is its own page widget (``import_*_page.py``); the wizard ties them together
and keeps the state (the table read, the staging). The work itself is in
:mod:`layers.importer` (staging, then one transaction)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWizard

from assets.errors import XiuCityError
from layers.field_mapping import MappingTemplate, load_template, save_template
from layers.importer import import_file, stage_file
from layers.sources import read_source

from .import_commit_page import ImportCommitPage
from .import_file_page import CRS_CHOICES, ENCODINGS, FROM_COLUMN, ImportFilePage  # noqa: F401 - re-exported
from .import_findings_page import ON_DUPLICATE, ImportFindingsPage  # noqa: F401 - re-exported
from .import_mapping_page import ImportMappingPage
from .import_preview_page import DELIVERY_SYMBOL, PREVIEW_ROWS, ImportPreviewPage  # noqa: F401 - re-exported
from .task_runner import TaskRunner


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
        self.file_page = ImportFilePage(self)
        self.preview_page = ImportPreviewPage(self)
        self.mapping_page = ImportMappingPage(self)
        self.findings_page = ImportFindingsPage(self)
        self.commit_page = ImportCommitPage(self)
        for page in (self.file_page, self.preview_page, self.mapping_page, self.findings_page, self.commit_page):
            self.addPage(page)
        # the pages' widgets, by the names callers and tests have used
        self.path_edit, self.layer_box, self.file_error = (self.file_page.path_edit, self.file_page.layer_box,
                                                           self.file_page.file_error)
        self.encoding_box, self.crs_box, self.kind_box = (self.file_page.encoding_box, self.file_page.crs_box,
                                                          self.file_page.kind_box)
        self.preview_table, self.preview_canvas, self.preview_label = (
            self.preview_page.preview_table, self.preview_page.preview_canvas, self.preview_page.preview_label)
        self.mapping_table = self.mapping_page.mapping_table
        self.counts_label, self.findings_table = self.findings_page.counts_label, self.findings_page.findings_table
        self.duplicate_box, self.outside_box = self.findings_page.duplicate_box, self.findings_page.outside_box
        self.commit_button, self.result_label = self.commit_page.commit_button, self.commit_page.result_label
        self.mapping_page.template_requested.connect(self._ask_template)
        self.findings_page.choices_changed.connect(self.review)
        self.commit_button.clicked.connect(self.commit)
        self.currentIdChanged.connect(self._entered)

    # -- step 1 ---------------------------------------------------------------------------
    def choose_file(self) -> None:
        self.file_page.choose_file()

    def set_file(self, path) -> bool:
        """Choose ``path``; fill the layer picker. False (with the reason shown) on bad input."""
        return self.file_page.set_file(path)

    def set_kind(self, name: str | None) -> None:
        """``None`` means "from a column of the file"."""
        self.file_page.set_kind(name)

    def set_crs(self, crs: str | None) -> None:
        self.file_page.set_crs(crs)

    def kind_name(self) -> str | None:
        return self.file_page.kind_name()

    def options(self) -> dict:
        """The keyword options for :func:`layers.importer.stage_file`/``import_file``."""
        kind_name = self.kind_name()
        opts = dict(layer=self.layer_box.currentData(), crs=self.crs_box.currentData(),
                    encoding=self.encoding_box.currentData(), on_duplicate=self.findings_page.on_duplicate(),
                    allow_outside=self.findings_page.allow_outside(), kind=kind_name)
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
        self.preview_page.show_table(self.table, self.registry)
        self._fill_mapping()

    # -- step 3 ---------------------------------------------------------------------------
    def _fill_mapping(self, mapping: dict | None = None) -> None:
        self.mapping_page.fill(self.table.columns if self.table is not None else [], self.kind_name(), mapping)

    def mapping(self) -> dict[str, str]:
        """source column → registry field, as edited."""
        return self.mapping_page.mapping()

    def set_mapping(self, column: str, field: str | None) -> None:
        self.mapping_page.set_mapping(column, field)

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
        self.dry_report = self.staging.report(dry_run=True)
        self.findings_page.show_report(self.dry_report)

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
        self.commit_page.show_done(report.summary())
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
