"""Checks and packs lists of coordinate arrays (lines, rings) for the reference layer items."""
from __future__ import annotations

import numpy as np

from .errors import ShapeDataInvalid


class ShapeArrays:
    """Lines or rings as float64 (N, 2) arrays, with a bounding box per shape (for culling).

    Examples
    --------
    >>> s = ShapeArrays([[(0, 0), (10, 0)], [(5, 5), (5, 8), (6, 9)]])
    >>> s.boxes.tolist()
    [[0.0, 0.0, 10.0, 0.0], [5.0, 5.0, 6.0, 9.0]]
    """

    def __init__(self, shapes, min_points: int = 2):
        arrays = []
        for i, shape in enumerate(shapes):
            a = np.asarray(shape, dtype=np.float64)
            if a.ndim != 2 or a.shape[1] != 2 or a.shape[0] < min_points:
                raise ShapeDataInvalid(detail=f"shape {i} needs at least {min_points} (x, y) pairs")
            if not np.isfinite(a).all():
                raise ShapeDataInvalid(detail=f"shape {i} has empty or non-numeric coordinates")
            arrays.append(a)
        self.arrays = arrays
        if arrays:
            self.boxes = np.array([[a[:, 0].min(), a[:, 1].min(), a[:, 0].max(), a[:, 1].max()] for a in arrays])
        else:
            self.boxes = np.empty((0, 4))

    def __len__(self) -> int:
        return len(self.arrays)

    def bounds(self):
        """(xmin, ymin, xmax, ymax) of all shapes, or None."""
        if not self.arrays:
            return None
        b = self.boxes
        return float(b[:, 0].min()), float(b[:, 1].min()), float(b[:, 2].max()), float(b[:, 3].max())

    def in_view(self, xmin: float, ymin: float, xmax: float, ymax: float) -> np.ndarray:
        """Positions of the shapes whose box meets the rectangle."""
        b = self.boxes
        return np.flatnonzero((b[:, 2] >= xmin) & (b[:, 0] <= xmax) & (b[:, 3] >= ymin) & (b[:, 1] <= ymax))

    def shifted(self, dx: float, dy: float) -> list[np.ndarray]:
        return [a - (dx, dy) for a in self.arrays]
