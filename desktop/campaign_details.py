"""The right half of the confirmation desk: one campaign's progress, disputes and ownerless
assets, as tabs."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from assets.kinds import kind
from assets.ownership import state_label

from .campaign_chart import CampaignChart
from .dispute_list import DisputeList
from .ownerless_list import OwnerlessList


class CampaignDetails(QTabWidget):
    """Tabs 进度 / 争议 / 无主 for the campaign status :func:`assets.campaigns.campaign_status`
    returns; the lists' signals (resolve, assign) are for the workspace to act on."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.chart = CampaignChart()
        progress = QWidget()
        layout = QVBoxLayout(progress)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.state_label)
        layout.addWidget(self.chart, 1)
        self.dispute_list = DisputeList()
        self.ownerless_list = OwnerlessList()
        self.addTab(progress, self.tr("Progress"))
        self.addTab(self.dispute_list, self.tr("Disputed"))
        self.addTab(self.ownerless_list, self.tr("Ownerless"))

    def show_status(self, status: dict | None, disputes: list[dict], organisations=()) -> None:
        """Show ``status`` (None: no campaign) with ``disputes`` as the dispute list items
        and ``organisations`` as the owners an ownerless asset can be given to."""
        self.chart.set_status(status)
        if status is None:
            self.state_label.setText(self.tr("No campaign yet: start one with “New campaign…”."))
            self.dispute_list.set_disputes([])
            self.ownerless_list.set_assets([], [])
            return
        c = status["campaign"]
        states = "，".join(f"{state_label(s)} {n}" for s, n in status["states"].items())
        self.state_label.setText(self.tr("<b>{campaign} {name}</b>　deadline {deadline}　{n} assets: {states}").format(
            campaign=c["campaign_id"], name=c["name"], deadline=c["deadline"], n=status["assets"], states=states))
        self.dispute_list.set_disputes(disputes)
        self.ownerless_list.set_assets(
            [{"code": d["code"], "kind_title": kind(d["kind"]).item_title()} for d in status["ownerless"]],
            organisations)
        self.setTabText(1, self.tr("Disputed ({n})").format(n=len(status["disputed"])))
        self.setTabText(2, self.tr("Ownerless ({n})").format(n=len(status["ownerless"])))
