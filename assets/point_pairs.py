"""Pairs of points closer than a distance, found on a uniform grid with numpy alone.

Import staging asks this once per delivery for points a surveyor shot twice; a k-d tree
answers the same, but loading scipy costs more than the whole search at 100k points."""
from __future__ import annotations

import numpy as np

# forward neighbours of a cell (itself and the four cells after it), so each pair of
# cells is visited once
_NEIGHBOURS = ((0, 0), (0, 1), (1, -1), (1, 0), (1, 1))
_MAX_CELLS = 2 ** 30   # cells per axis: keys stay within int64


def close_pairs(x: np.ndarray, y: np.ndarray, distance: float) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs ``(i, j)`` with ``i < j`` of points at most ``distance`` apart; points
    with a coordinate that is not finite have no neighbours."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    empty = np.empty(0, dtype=np.int64)
    finite = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
    if len(finite) < 2 or not distance >= 0:
        return empty, empty
    fx, fy = x[finite], y[finite]
    span = max(float(fx.max() - fx.min()), float(fy.max() - fy.min()))
    cell = max(float(distance), span / _MAX_CELLS, np.finfo(float).tiny)
    cx = np.floor((fx - fx.min()) / cell).astype(np.int64)
    cy = np.floor((fy - fy.min()) / cell).astype(np.int64)
    width = int(cy.max()) + 3       # room for the -1/+1 row offsets without wrapping
    key = cx * width + cy + 1
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    firsts, seconds = [], []
    for dx, dy in _NEIGHBOURS:
        target = sorted_key + dx * width + dy
        lo = np.searchsorted(sorted_key, target, "left")
        count = np.searchsorted(sorted_key, target, "right") - lo
        src = np.repeat(np.arange(len(order)), count)
        if not len(src):
            continue
        start = np.cumsum(count) - count
        dst = lo[src] + np.arange(len(src)) - start[src]
        if (dx, dy) == (0, 0):
            src, dst = src[dst > src], dst[dst > src]
        a, b = order[src], order[dst]
        near = np.hypot(fx[a] - fx[b], fy[a] - fy[b]) <= distance
        a, b = finite[a[near]], finite[b[near]]
        firsts.append(np.minimum(a, b))
        seconds.append(np.maximum(a, b))
    if not firsts:
        return empty, empty
    return np.concatenate(firsts), np.concatenate(seconds)
