"""Before/after bars of a plan's or batch's statistics, by pole or box type."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QVBoxLayout, QWidget


class PlanChart(QWidget):
    """A grouped bar chart: grey before, green after, one pair per subtype."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot = pg.PlotWidget(background="w")
        self.plot.setMinimumHeight(160)
        self.plot.addLegend(offset=(-10, 10))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot)
        self.before_bars = self.after_bars = None
        self.labels: list[str] = []

    def show_stats(self, stats: dict | None, names: dict | None = None) -> None:
        """``names``: subtype code → Chinese label shown under the bars."""
        self.plot.clear()
        self.before_bars = self.after_bars = None
        if not stats:
            return
        names = names or {}
        before, after = stats["before"]["by_subtype"], stats["after"]["by_subtype"]
        codes = sorted(set(before) | set(after))
        self.labels = [names.get(c, c) for c in codes]
        xs = list(range(len(codes)))
        self.before_bars = pg.BarGraphItem(x=[x - 0.2 for x in xs], height=[before.get(c, 0) for c in codes],
                                           width=0.4, brush="#9e9e9e", name=self.tr("Before"))
        self.after_bars = pg.BarGraphItem(x=[x + 0.2 for x in xs], height=[after.get(c, 0) for c in codes],
                                          width=0.4, brush="#2e7d32", name=self.tr("After"))
        self.plot.addItem(self.before_bars)
        self.plot.addItem(self.after_bars)
        self.plot.getAxis("bottom").setTicks([list(zip(xs, self.labels))])
        self.plot.setLabel("left", self.tr("Count"))
        self.plot.setTitle(self.tr("Before {0} → after {1} (−{2}%)").format(
            stats["before"]["total"], stats["after"]["total"], stats["reduction_pct"]), color="k")


__all__ = ["PlanChart"]
