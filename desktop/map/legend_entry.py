"""One line of a map legend: a symbol, its label and how many assets it stands for."""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QIcon, QPixmap


@dataclass
class LegendEntry:
    """``icon`` is a QIcon or QPixmap of the symbol; ``count`` None means "not shown"."""

    label: str
    icon: QIcon | QPixmap | None = None
    count: int | None = None

    def pixmap(self, size_px: int) -> QPixmap | None:
        if isinstance(self.icon, QPixmap):
            return self.icon
        if isinstance(self.icon, QIcon) and not self.icon.isNull():
            return self.icon.pixmap(size_px, size_px)
        return None

    def text(self) -> str:
        return self.label if self.count is None else f"{self.label} ({self.count:,})"
