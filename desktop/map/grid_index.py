"""A uniform-grid spatial index over point arrays, built and queried with numpy only.

Points are sorted by grid cell once (``argsort``); a rectangle query takes one slice of
that order per grid row it covers, so it costs ~rows + candidates, never a Python loop
over points. Qt-free.
"""
from __future__ import annotations

import math

import numpy as np


class GridIndex:
    """Index of points ``(x[i], y[i])``; queries return positions ``i`` into the arrays.

    Examples
    --------
    >>> idx = GridIndex(np.array([0.0, 5.0, 10.0]), np.array([0.0, 5.0, 10.0]))
    >>> idx.in_rect(4, 4, 11, 11).tolist()
    [1, 2]
    >>> idx.nearest(9.0, 9.5, 2.0)
    2
    """

    def __init__(self, x: np.ndarray, y: np.ndarray, points_per_cell: float = 8.0):
        self.x = np.asarray(x, dtype=np.float64)
        self.y = np.asarray(y, dtype=np.float64)
        n = self.x.size
        if n == 0:
            self.x0 = self.y0 = 0.0
            self.cell = 1.0
            self.nx = self.ny = 1
            self.order = np.empty(0, np.int64)
            self.starts = np.zeros(2, np.int64)
            return
        self.x0, self.y0 = float(self.x.min()), float(self.y.min())
        w = float(self.x.max()) - self.x0
        h = float(self.y.max()) - self.y0
        cells = max(1.0, n / points_per_cell)
        if w > 0 and h > 0:
            cell = math.sqrt(w * h / cells)
        else:  # all points on one line or one spot
            cell = max(w, h) / cells if max(w, h) > 0 else 1.0
        # Cap the grid so a few far outliers cannot make the cell table huge.
        cell = max(cell, max(w, h) / 4096.0, 1e-9)
        self.cell = cell
        self.nx = int(w // cell) + 1
        self.ny = int(h // cell) + 1
        ids = self._cell_ids(self.x, self.y)
        self.order = np.argsort(ids, kind="stable")
        self.starts = np.searchsorted(ids[self.order], np.arange(self.nx * self.ny + 1))

    def _cell_ids(self, x, y) -> np.ndarray:
        ix = np.clip(((x - self.x0) / self.cell).astype(np.int64), 0, self.nx - 1)
        iy = np.clip(((y - self.y0) / self.cell).astype(np.int64), 0, self.ny - 1)
        return iy * self.nx + ix

    def candidates(self, xmin: float, ymin: float, xmax: float, ymax: float) -> np.ndarray:
        """Positions of points in the grid cells the rectangle touches (a superset)."""
        if self.order.size == 0:
            return self.order
        gx0 = math.floor((xmin - self.x0) / self.cell)
        gx1 = math.floor((xmax - self.x0) / self.cell)
        gy0 = math.floor((ymin - self.y0) / self.cell)
        gy1 = math.floor((ymax - self.y0) / self.cell)
        if gx1 < 0 or gy1 < 0 or gx0 >= self.nx or gy0 >= self.ny:
            return np.empty(0, np.int64)
        gx0, gy0 = max(gx0, 0), max(gy0, 0)
        gx1, gy1 = min(gx1, self.nx - 1), min(gy1, self.ny - 1)
        rows = np.arange(gy0, gy1 + 1, dtype=np.int64) * self.nx
        begin = self.starts[rows + gx0]
        end = self.starts[rows + gx1 + 1]
        lengths = end - begin
        total = int(lengths.sum())
        if total == 0:
            return np.empty(0, np.int64)
        # Concatenate the row slices without a loop: offset each run by its start.
        run_start = np.cumsum(lengths) - lengths
        pos = np.arange(total, dtype=np.int64) + np.repeat(begin - run_start, lengths)
        return self.order[pos]

    def in_rect(self, xmin: float, ymin: float, xmax: float, ymax: float) -> np.ndarray:
        """Positions of the points inside the rectangle (edges included), ascending."""
        xmin, xmax = min(xmin, xmax), max(xmin, xmax)
        ymin, ymax = min(ymin, ymax), max(ymin, ymax)
        c = self.candidates(xmin, ymin, xmax, ymax)
        x, y = self.x[c], self.y[c]
        keep = (x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax)
        return np.sort(c[keep])

    def nearest(self, x: float, y: float, radius: float, among: np.ndarray | None = None) -> int | None:
        """Position of the point nearest to (x, y) within ``radius``, or None.

        ``among`` (a boolean mask over all points) restricts the search, e.g. to selected points.
        """
        c = self.candidates(x - radius, y - radius, x + radius, y + radius)
        if among is not None and c.size:
            c = c[among[c]]
        if c.size == 0:
            return None
        d2 = (self.x[c] - x) ** 2 + (self.y[c] - y) ** 2
        best = int(np.argmin(d2))
        return int(c[best]) if d2[best] <= radius * radius else None
