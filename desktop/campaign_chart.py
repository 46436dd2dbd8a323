"""A campaign's progress per organisation as grouped bars: offered / returned / claimed /
rejected / pending, one group per organisation (pyqtgraph, one BarGraphItem per series
drawn from numpy arrays)."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication

SERIES = ("offered", "returned", "claimed", "rejected", "pending")
# a presentation choice (not a rule): grey = asked, blue = answered, green/red = yes/no, orange = waiting
COLOURS = {"offered": "#9e9e9e", "returned": "#1f77b4", "claimed": "#2ca02c", "rejected": "#d62728",
           "pending": "#ff7f0e"}
GROUP_WIDTH = 0.8


def series_label(key: str) -> str:
    labels = {"offered": QCoreApplication.translate("CampaignChart", "Offered"),
              "returned": QCoreApplication.translate("CampaignChart", "Returned"),
              "claimed": QCoreApplication.translate("CampaignChart", "Claimed (yes)"),
              "rejected": QCoreApplication.translate("CampaignChart", "Rejected (no)"),
              "pending": QCoreApplication.translate("CampaignChart", "Pending")}
    return labels[key]


class CampaignChart(pg.PlotWidget):
    """``set_status(campaign_status(...))`` draws it; ``bars[series]`` are the items."""

    def __init__(self, parent=None):
        super().__init__(parent, background="w")
        self.orgs: list[str] = []
        self.bars: dict[str, pg.BarGraphItem] = {}
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.showGrid(y=True, alpha=0.3)
        plot.setMouseEnabled(x=False, y=False)
        plot.setLabel("left", self.tr("Assets"))
        plot.setLabel("bottom", self.tr("Organisation"))
        # one row above the bars, so the legend never hides a tall group
        self.legend = plot.addLegend(offset=(60, 4), colCount=len(SERIES), labelTextColor="#222",
                                     brush=pg.mkBrush(255, 255, 255, 230))
        for axis in ("left", "bottom"):
            plot.getAxis(axis).setTextPen("#222")
            plot.getAxis(axis).setPen("#666")

    def set_status(self, status: dict | None) -> None:
        plot = self.getPlotItem()
        for item in self.bars.values():
            plot.removeItem(item)
        self.legend.clear()
        self.bars = {}
        orgs = (status or {}).get("orgs", {})
        self.orgs = list(orgs)
        x = np.arange(len(self.orgs), dtype=float)
        width = GROUP_WIDTH / len(SERIES)
        for i, key in enumerate(SERIES):
            heights = np.array([orgs[o][key] for o in self.orgs], dtype=float)
            item = pg.BarGraphItem(x=x - GROUP_WIDTH / 2 + (i + 0.5) * width, height=heights, width=width * 0.95,
                                   brush=COLOURS[key], pen=pg.mkPen("#ffffff", width=0.5))
            plot.addItem(item)
            self.legend.addItem(item, series_label(key))
            self.bars[key] = item
        ticks = [(float(i), orgs[o]["name"]) for i, o in enumerate(self.orgs)]
        plot.getAxis("bottom").setTicks([ticks])
        top = max([orgs[o]["offered"] for o in self.orgs] or [1])
        plot.setXRange(-0.6, max(len(self.orgs) - 0.4, 0.6), padding=0)
        plot.setYRange(0, top * 1.2 + 1, padding=0)  # headroom for the legend row

    def heights(self, series: str) -> list[float]:
        return [float(h) for h in self.bars[series].opts["height"]]

    def groups(self) -> int:
        """How many organisation groups are drawn (every series has one bar per group)."""
        counts = {len(item.opts["x"]) for item in self.bars.values()}
        return counts.pop() if len(counts) == 1 else -1
