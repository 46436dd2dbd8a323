"""The bureau's confirmation desk (确权工作台): campaigns on the left; for the selected one,
packages out, returned workbooks in, progress per organisation, disputes and ownerless
assets to settle.

Quick decisions (create, approve, close, resolve) run on the GUI thread through the shared
registry, so the main window's Undo takes them back; writing and checking packages run on
a worker thread (:class:`TaskRunner`) with their own connection.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDockWidget, QFileDialog, QGridLayout,
                               QHBoxLayout, QLabel, QMessageBox, QPushButton, QSplitter, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from assets.campaigns import campaign_status, claims, create_campaign, get_campaign, list_campaigns, scope_assets
from assets.errors import XiuCityError
from assets.kinds import kind
from assets.ownership import approve, close_campaign, resolve
from layers.confirmation_package import write_package
from layers.package_receipt import PackageRowsInvalid, receive_package

from .campaign_details import CampaignDetails
from .campaign_dialog import NewCampaignDialog
from .receipt_dialog import ReceiptDialog
from .task_runner import TaskRunner

CONFIRMABLE_KINDS = ("manholes", "poles", "boxes")


class ConfirmationWorkspace(QWidget):
    """Everything about ownership campaigns for one registry.

    Parameters
    ----------
    registry : the open :class:`assets.registry.Registry` (the GUI thread's).
    registry_map : optional :class:`desktop.registry_map.RegistryMap`; when given, the map
        can be coloured by ownership state and is refreshed after every change.
    """

    changed = Signal()                 # the registry changed (states, campaigns)
    package_written = Signal(object)   # PackageInfo
    receipt_shown = Signal(object)     # the ReceiptDialog just opened (a receipt or a refusal)
    task_failed = Signal(object)       # an error a worker raised, after it was shown

    def __init__(self, registry, registry_map=None, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.registry_map = registry_map
        self.status: dict | None = None
        self.dialog: NewCampaignDialog | None = None
        self.receipt_dialog: ReceiptDialog | None = None
        self.message_box: QMessageBox | None = None
        self.runner = TaskRunner(self, show_errors=False)
        self.runner.finished.connect(self._task_finished)
        self.runner.failed.connect(self._task_failed)
        self._on_finished = None
        self._on_failed = None
        self._build()
        self.refresh()

    # -- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        self.campaign_table = QTableWidget(0, 5)
        self.campaign_table.setHorizontalHeaderLabels(
            [self.tr("Campaign"), self.tr("Name"), self.tr("Deadline"), self.tr("State"), self.tr("Assets")])
        self.campaign_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.campaign_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.campaign_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.campaign_table.verticalHeader().setVisible(False)
        self.campaign_table.horizontalHeader().setStretchLastSection(True)
        self.campaign_table.itemSelectionChanged.connect(self._campaign_selected)

        self.new_button = QPushButton(self.tr("New campaign…"))
        self.close_button = QPushButton(self.tr("Close campaign"))
        self.org_combo = QComboBox()
        self.package_button = QPushButton(self.tr("Write package…"))
        self.ledger_button = QPushButton(self.tr("Write ledger…"))
        self.receive_button = QPushButton(self.tr("Receive returned package…"))
        self.approve_button = QPushButton(self.tr("Approve all claims"))
        self.summary_button = QPushButton(self.tr("Campaign summary…"))
        self.map_check = QCheckBox(self.tr("Colour the map by ownership state"))
        self.map_check.setVisible(self.registry_map is not None)
        self.map_check.toggled.connect(self._colour_map)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        for button, slot in ((self.new_button, self.open_new_campaign_dialog), (self.close_button, self._close_clicked),
                             (self.package_button, self._package_clicked), (self.ledger_button, self._ledger_clicked),
                             (self.receive_button, self._receive_clicked), (self.approve_button, self.approve_claims),
                             (self.summary_button, self._summary_clicked)):
            button.clicked.connect(lambda _=False, slot=slot: slot())

        grid = QGridLayout()
        grid.addWidget(self.new_button, 0, 0)
        grid.addWidget(self.close_button, 0, 1)
        grid.addWidget(QLabel(self.tr("Organisation")), 1, 0)
        grid.addWidget(self.org_combo, 1, 1)
        grid.addWidget(self.package_button, 2, 0)
        grid.addWidget(self.ledger_button, 2, 1)
        grid.addWidget(self.receive_button, 3, 0)
        grid.addWidget(self.approve_button, 3, 1)
        grid.addWidget(self.summary_button, 4, 0)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.campaign_table, 1)
        left_layout.addLayout(grid)
        left_layout.addWidget(self.map_check)
        left_layout.addWidget(self.message_label)

        self.details = CampaignDetails()
        self.details.dispute_list.resolve_requested.connect(self.resolve_dispute)
        self.details.ownerless_list.assign_requested.connect(self.assign_ownerless)
        # the parts tests and the main window reach for
        self.tabs, self.state_label, self.chart = self.details, self.details.state_label, self.details.chart
        self.dispute_list, self.ownerless_list = self.details.dispute_list, self.details.ownerless_list

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([480, 720])
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)

    # -- reading -----------------------------------------------------------------------
    def current_campaign_id(self) -> str | None:
        row = self.campaign_table.currentRow()
        item = self.campaign_table.item(row, 0) if row >= 0 else None
        return item.text() if item else None

    def refresh(self, select: str | None = None) -> None:
        """Reload the campaign list (keeping or changing the selection) and the details."""
        keep = select or self.current_campaign_id()
        campaigns = list_campaigns(self.registry) if self._has_tables() else []
        self.campaign_table.blockSignals(True)
        self.campaign_table.setRowCount(len(campaigns))
        for row, c in enumerate(campaigns):
            state = self.tr("open") if c.is_open else self.tr("closed {date}").format(date=c.closed or "")
            cells = [c.campaign_id, c.name, c.deadline, state, str(len(scope_assets(self.registry, c.campaign_id)))]
            for col, text in enumerate(cells):
                self.campaign_table.setItem(row, col, QTableWidgetItem(text))
        target = next((r for r, c in enumerate(campaigns) if c.campaign_id == keep), len(campaigns) - 1)
        self.campaign_table.setCurrentCell(target, 0) if campaigns else None
        self.campaign_table.blockSignals(False)
        self.campaign_table.resizeColumnsToContents()
        self._campaign_selected()

    def _has_tables(self) -> bool:
        from assets.campaign_tables import tables_exist
        return tables_exist(self.registry)

    def _campaign_selected(self) -> None:
        cid = self.current_campaign_id()
        self.status = campaign_status(self.registry, cid) if cid else None
        self._show_status()

    def _show_status(self) -> None:
        status = self.status
        open_ = bool(status and status["campaign"]["status"] == "open")
        for button in (self.package_button, self.receive_button, self.close_button):
            button.setEnabled(open_)
        for button in (self.ledger_button, self.approve_button, self.summary_button):
            button.setEnabled(status is not None)
        current = self.org_combo.currentData()
        self.org_combo.clear()
        for org, o in (status or {}).get("orgs", {}).items():
            self.org_combo.addItem(f"{o['name']}（{org}）", org)
        if current and self.org_combo.findData(current) >= 0:
            self.org_combo.setCurrentIndex(self.org_combo.findData(current))
        self.details.show_status(status, self._dispute_items(status) if status else [], self.registry.organisations())

    def _dispute_items(self, status: dict) -> list[dict]:
        by_asset: dict[tuple, dict] = {}
        for c in claims(self.registry, status["campaign"]["campaign_id"]):
            by_asset[(c["asset_uuid"], c["org_code"])] = c
        items = []
        for d in status["disputed"]:
            claimants = []
            for org in d["claimants"]:
                c = by_asset.get((d["uuid"], org), {})
                claimants.append({"org": org, "name": self.registry.organisation_name(org),
                                  "comment": c.get("comment"), "received": c.get("received")})
            items.append({"code": d["code"], "kind_title": kind(d["kind"]).item_title(), "claimants": claimants})
        return items

    # -- decisions on the GUI thread ---------------------------------------------------
    def _decide(self, action, done_message=None) -> bool:
        try:
            result = action()
        except XiuCityError as error:
            self.message_label.setText(f"<span style='color:#b00020'>{error}</span>")
            return False
        if done_message:
            self.message_label.setText(done_message(result))
        self._changed()
        return True

    def _changed(self) -> None:
        self.refresh()
        if self.registry_map is not None:
            self.registry_map.refresh(CONFIRMABLE_KINDS)
        self.changed.emit()

    def open_new_campaign_dialog(self) -> NewCampaignDialog:
        self.dialog = NewCampaignDialog(self.registry, self.create_campaign, self)
        self.dialog.open()
        return self.dialog

    def create_campaign(self, name, kinds, orgs, deadline, area=None):
        """What the dialog calls: create and offer, then show the new campaign."""
        campaign = create_campaign(self.registry, name, kinds, orgs, deadline, area)
        self.message_label.setText(self.tr("Created campaign {campaign}.").format(campaign=campaign.campaign_id))
        self.refresh(select=campaign.campaign_id)
        if self.registry_map is not None:
            self.registry_map.refresh(CONFIRMABLE_KINDS)
        self.changed.emit()
        return campaign

    def approve_claims(self, org: str | None = None) -> bool:
        cid = self.current_campaign_id()
        return bool(cid) and self._decide(lambda: approve(self.registry, cid, org),
                                          lambda n: self.tr("Approved {n} claims.").format(n=n))

    def close_current(self, force: bool = False) -> bool:
        cid = self.current_campaign_id()
        return bool(cid) and self._decide(
            lambda: close_campaign(self.registry, cid, force=force),
            lambda r: self.tr("Closed; {n} assets nobody claimed are now ownerless.").format(n=r["ownerless"]))

    def resolve_dispute(self, code: str, org: str) -> bool:
        cid = self.current_campaign_id() or ""
        note = self.tr("Dispute settled by the bureau (campaign {campaign})").format(campaign=cid)
        return self._decide(lambda: resolve(self.registry, code, org, note=note),
                            lambda a: self.tr("{code} assigned to {org}.").format(
                                code=code, org=self.registry.organisation_name(org)))

    def assign_ownerless(self, codes: list, org: str) -> bool:
        cid = self.current_campaign_id() or ""
        note = self.tr("Ownerless asset handed over by the bureau (campaign {campaign})").format(campaign=cid)
        return self._decide(lambda: [resolve(self.registry, code, org, note=note) for code in codes],
                            lambda done: self.tr("{n} assets assigned to {org}.").format(
                                n=len(done), org=self.registry.organisation_name(org)))

    def export_ledger(self, org: str | None, path) -> bool:
        """An organisation's ledger, or the campaign summary when ``org`` is None."""
        from layers.ownership_ledger import write_campaign_summary, write_ledger
        cid = self.current_campaign_id()
        if not cid:
            return False
        action = (lambda: write_ledger(self.registry, cid, org, path)) if org else (
            lambda: write_campaign_summary(self.registry, cid, path))
        try:
            written = action()
        except XiuCityError as error:
            self.message_label.setText(f"<span style='color:#b00020'>{error}</span>")
            return False
        self.message_label.setText(self.tr("Wrote {path}").format(path=written))
        return True

    # -- long work on the worker thread ------------------------------------------------
    def _run(self, function, *args, label: str, on_finished, on_failed=None, **kwargs) -> None:
        self._on_finished, self._on_failed = on_finished, on_failed
        self.runner.run_on_registry(self.registry.path, function, *args, label=label, who=self.registry.who,
                                    **kwargs)

    def _task_finished(self, result) -> None:
        if self._on_finished:
            self._on_finished(result)

    def _task_failed(self, error) -> None:
        if not (self._on_failed and self._on_failed(error)):
            self.message_box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Error"), str(error),
                                           QMessageBox.StandardButton.Ok, self)
            self.message_box.open()
            self.message_label.setText(f"<span style='color:#b00020'>{error}</span>")
        self.task_failed.emit(error)

    def write_package(self, org: str, path, pdf: bool = False) -> None:
        cid = self.current_campaign_id()
        name = self.registry.organisation_name(org)

        def written(info):
            self.message_label.setText(self.tr("Wrote the package of {org}: {n} assets, version {version}.").format(
                org=name, n=info.n_assets, version=info.version))
            self.refresh()
            self.package_written.emit(info)
        self._run(write_package, cid, org, Path(path), pdf=pdf, on_finished=written,
                  label=self.tr("Writing the package of {org}…").format(org=name))

    def receive_file(self, path, accept_valid_rows: bool = False) -> None:
        path = Path(path)

        def received(report):
            self._changed()
            self._show_receipt(ReceiptDialog(self, report=report,
                                             org_name=self.registry.organisation_name(report.org_code)))

        def refused(error) -> bool:
            if not isinstance(error, PackageRowsInvalid):
                return False
            dialog = ReceiptDialog(self, problems=[p.message() for p in error.problems], file_name=path.name)
            dialog.accepted.connect(lambda: self.receive_file(path, accept_valid_rows=True))
            self._show_receipt(dialog)
            return True
        self._run(receive_package, path, accept_valid_rows=accept_valid_rows, on_finished=received,
                  on_failed=refused, label=self.tr("Checking {file}…").format(file=path.name))

    def _show_receipt(self, dialog: ReceiptDialog) -> None:
        self.receipt_dialog = dialog
        dialog.open()
        self.receipt_shown.emit(dialog)

    # -- buttons that ask first --------------------------------------------------------
    def _package_clicked(self) -> None:
        org = self.org_combo.currentData()
        if not org:
            return
        default = f"{self.registry.organisation_name(org)}_{self.current_campaign_id()}_确权包.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Write package"), default, self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.write_package(org, path)

    def _receive_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Receive returned package"), "",
                                              self.tr("Excel workbook (*.xlsx)"))
        if path:
            self.receive_file(path)

    def _ledger_clicked(self) -> None:
        org = self.org_combo.currentData()
        if not org:
            return
        default = f"{self.registry.organisation_name(org)}_{self.current_campaign_id()}_确权清单.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Write ledger"), default,
                                              self.tr("Excel workbook (*.xlsx);;PDF (*.pdf)"))
        if path:
            self.export_ledger(org, path)

    def _summary_clicked(self) -> None:
        default = f"{self.current_campaign_id()}_确权汇总.xlsx"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Campaign summary"), default,
                                              self.tr("Excel workbook (*.xlsx);;PDF (*.pdf)"))
        if path:
            self.export_ledger(None, path)

    def _close_clicked(self) -> None:
        cid = self.current_campaign_id()
        if not cid:
            return
        campaign = get_campaign(self.registry, cid)
        early = dt.date.today().isoformat() < campaign.deadline
        question = (self.tr("The deadline {deadline} has not come yet. Close campaign {campaign} now? Assets "
                            "nobody claimed become ownerless.") if early else
                    self.tr("Close campaign {campaign}? Assets nobody claimed become ownerless."))
        answer = QMessageBox.question(self, self.tr("Close campaign"),
                                      question.format(deadline=campaign.deadline, campaign=cid))
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.close_current(force=early)

    def _colour_map(self, on: bool) -> None:
        if self.registry_map is not None:
            self.registry_map.set_colouring("ownership" if on else "kind")


def add_confirmation_dock(window) -> QDockWidget:
    """Dock the confirmation workspace at the bottom of the main window (colouring its map
    by ownership state on request) and keep the window's views in step with it."""
    workspace = ConfirmationWorkspace(window.registry, getattr(window, "map", None), window)
    dock = QDockWidget(QCoreApplication.translate("ConfirmationWorkspace", "Ownership confirmation"), window)
    dock.setObjectName("confirmation")
    dock.setWidget(workspace)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    actions = getattr(window, "actions_", None)
    if actions is not None and hasattr(actions, "update_undo_state"):
        workspace.changed.connect(actions.update_undo_state)
    window.confirmation_workspace = workspace
    return dock


__all__ = ["ConfirmationWorkspace", "add_confirmation_dock"]
