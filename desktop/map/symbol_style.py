"""How one map symbol looks: shape, colours, size (a hashable value, a cache key)."""
from __future__ import annotations

from dataclasses import dataclass, replace

SHAPES = ("circle", "ring_dot", "square", "rect", "wc", "tree", "ring")


@dataclass(frozen=True)
class SymbolStyle:
    """A point symbol. Colours are Qt colour strings ("#rrggbb" or "#aarrggbb").

    ``size_px`` is the nominal size in logical screen pixels.
    """

    shape: str = "circle"
    fill: str = "#808080"
    stroke: str = "#202020"
    stroke_width: float = 1.2
    size_px: float = 12.0

    def with_fill(self, fill: str) -> "SymbolStyle":
        return replace(self, fill=fill)

    def scaled(self, factor: float) -> "SymbolStyle":
        return replace(self, size_px=self.size_px * factor)
