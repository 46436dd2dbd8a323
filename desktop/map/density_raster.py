"""Counts points per screen cell and colours the counts: the map's far-zoom level of detail."""
from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor, QImage


class DensityRaster:
    """A colour ramp (from ``symbology.toml``) and the binning that uses it.

    Counting uses ``np.bincount`` on flattened cell numbers: the same result as
    ``np.histogram2d`` with equal-width bins, several times faster.
    """

    def __init__(self, ramp: list[str], alpha: int = 220, levels: int = 256):
        stops = np.array([QColor(c).getRgb()[:3] for c in ramp], dtype=np.float64)
        t = np.linspace(0.0, 1.0, len(stops))
        u = np.linspace(0.0, 1.0, levels)
        rgb = np.stack([np.interp(u, t, stops[:, k]) for k in range(3)], axis=1).astype(np.uint32)
        lut = (np.uint32(alpha) << 24) | (rgb[:, 0] << 16) | (rgb[:, 1] << 8) | rgb[:, 2]
        lut[0] = 0  # empty cells stay transparent, so reference layers show through
        self.lut = lut.astype(np.uint32)
        self.levels = levels

    def counts(self, px: np.ndarray, py: np.ndarray, left: float, top: float,
               width: int, height: int, cell: float) -> np.ndarray:
        """Points per cell, shape (rows, columns); ``px``/``py`` are device pixels."""
        cols = max(1, int(np.ceil(width / cell)))
        rows = max(1, int(np.ceil(height / cell)))
        ix = ((px - left) / cell).astype(np.int64)
        iy = ((py - top) / cell).astype(np.int64)
        inside = (ix >= 0) & (ix < cols) & (iy >= 0) & (iy < rows)
        flat = iy[inside] * cols + ix[inside]
        return np.bincount(flat, minlength=rows * cols).reshape(rows, cols)

    def image(self, counts: np.ndarray) -> QImage:
        """A premultiplication-free ARGB32 image of the counts (log scale, so sparse areas show)."""
        top = counts.max() if counts.size else 0
        if top <= 0:
            level = np.zeros(counts.shape, np.int64)
        else:
            scaled = np.log1p(counts) / np.log1p(top)
            level = np.where(counts > 0, 1 + (scaled * (self.levels - 2)).astype(np.int64), 0)
        argb = np.ascontiguousarray(self.lut[level])
        rows, cols = argb.shape
        img = QImage(argb.data, cols, rows, cols * 4, QImage.Format_ARGB32)
        return img.copy()  # detach from the numpy buffer, which is about to be freed
