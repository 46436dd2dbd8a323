"""Where a device may go: nearby hosts, never across a road or the river.

Everything here works on numpy arrays (no Python loop over geometries): a k-d tree
(scipy) for the "within distance" query, a uniform grid of barrier pieces for the "does
the move cross a road centre line" test and for each point's clearance from the
barriers (moves shorter than their ends' clearances cannot cross and are not tested),
and an STRtree of barrier segments for the road direction used by the across-the-road
limit and for placing poles along a road (spacing).
"""
from __future__ import annotations

import numpy as np
import shapely

from .errors import XiuCityError
from .i18n import QT_TRANSLATE_NOOP


class MergeInputError(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Merge planning input {what}: {detail}")


def barrier_segments(barriers, owners: list | None = None) -> np.ndarray:
    """All barrier lines exploded into segments, shape (k, 4): x0, y0, x1, y1 (and, into
    ``owners`` when given, the barrier index of each segment's line)."""
    parts = []
    for n, barrier in enumerate(barriers):
        try:
            coords = np.asarray(getattr(barrier, "coords", barrier), dtype=float)
        except (TypeError, ValueError):
            raise MergeInputError(what=f"barrier {n}", detail="coordinates must be numbers") from None
        if coords.ndim != 2 or coords.shape[1] != 2 or len(coords) < 2:
            raise MergeInputError(what=f"barrier {n}", detail="needs at least two (x, y) points")
        if not np.isfinite(coords).all():
            raise MergeInputError(what=f"barrier {n}", detail="has coordinates that are not numbers")
        parts.append(np.hstack([coords[:-1], coords[1:]]))
        if owners is not None:
            owners.append(np.full(len(coords) - 1, n))
    return np.vstack(parts) if parts else np.zeros((0, 4))


class Barriers:
    """Road centre lines and the river as a segment index."""

    def __init__(self, barriers):
        barriers = list(barriers)
        owners: list = []
        self.segments = barrier_segments(barriers, owners)
        # Which line each segment belongs to, where along it the segment starts, and each
        # line's road class and name (None for rivers and plain coordinate arrays).
        self.segment_line = np.concatenate(owners) if owners else np.zeros(0, dtype=np.int64)
        length = np.hypot(self.segments[:, 2] - self.segments[:, 0], self.segments[:, 3] - self.segments[:, 1])
        start = np.cumsum(length) - length
        first = np.searchsorted(self.segment_line, self.segment_line)
        self.segment_start = start - start[first] if len(start) else start
        self.road_class = [getattr(b, "road_class", None) for b in barriers]
        self.name = [getattr(b, "name", None) for b in barriers]
        seg = self.segments.reshape(-1, 2, 2)
        self.lines = shapely.linestrings(seg) if len(seg) else np.array([], dtype=object)
        self.tree = shapely.STRtree(self.lines)
        self._build_grid()

    def crossing(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """For each move from ``a[i]`` to ``b[i]``: does it cross (or touch) a barrier?

        Pure numpy on a uniform grid of barrier pieces: building a shapely line per move
        cost more than the whole rest of planning at 100k poles."""
        out = np.zeros(len(a), dtype=bool)
        if not len(a) or not len(self.segments):
            return out
        moving = np.flatnonzero((a != b).any(axis=1))
        if not len(moving):
            return out
        a, b = a[moving], b[moving]
        cx0, cy0 = _cells(np.minimum(a, b), self.cell)
        cx1, cy1 = _cells(np.maximum(a, b), self.cell)
        ny = cy1 - cy0 + 1
        move, k = _expand((cx1 - cx0 + 1) * ny)
        q = _key(cx0[move] + k // ny[move], cy0[move] + k % ny[move])
        lo = np.searchsorted(self.keys, q, "left")
        hi = np.searchsorted(self.keys, q, "right")
        pair, k2 = _expand(hi - lo)
        move, piece = move[pair], self.key_piece[lo[pair] + k2]
        p0, p1 = self.pieces[piece, :2], self.pieces[piece, 2:]
        hit = _segments_touch(a[move], b[move], p0, p1)
        out[moving[move[hit]]] = True
        return out

    def clearance(self, xy: np.ndarray) -> np.ndarray:
        """A lower bound on the distance from each point to the nearest barrier: the
        distance to the nearest barrier piece in the point's own grid cell, or to the
        cell's edge if that is nearer (a barrier outside the cell is at least that far);
        infinite when there are no barriers.

        A move from a to b can only meet a barrier if its length is at least the sum of
        its ends' clearances (the meeting point is that far from both), so callers test
        only those moves: most merge moves stay well inside a street corner."""
        out = np.full(len(xy), np.inf)
        if not len(xy) or not len(self.segments):
            return out
        cell = self.clear_cell
        pieces, keys, key_piece = self.clear_grid
        cx, cy = _cells(xy, cell)
        inside = xy - np.stack([cx, cy], axis=1) * cell
        out[:] = np.minimum(inside, cell - inside).min(axis=1)
        point = np.arange(len(xy))
        q = _key(cx, cy)
        lo = np.searchsorted(keys, q, "left")
        hi = np.searchsorted(keys, q, "right")
        pair, k2 = _expand(hi - lo)
        point, piece = point[pair], key_piece[lo[pair] + k2]
        a, b, p = pieces[piece, :2], pieces[piece, 2:], xy[point]
        ab = b - a
        denom = (ab * ab).sum(axis=1)
        t = np.clip(((p - a) * ab).sum(axis=1) / np.where(denom > 0, denom, 1.0), 0.0, 1.0)
        dist = np.hypot(*(p - a - t[:, None] * ab).T)
        np.minimum.at(out, point, dist)
        return out

    def crossing_near(self, a: np.ndarray, b: np.ndarray, clear_a: np.ndarray, clear_b: np.ndarray) -> np.ndarray:
        """:meth:`crossing` for moves whose ends have the given :meth:`clearance`; moves
        shorter than the two clearances together cannot reach a barrier and are skipped."""
        out = np.zeros(len(a), dtype=bool)
        length = np.hypot(*(b - a).T) if len(a) else np.zeros(0)
        maybe = np.flatnonzero(length >= clear_a + clear_b - 1e-6)
        out[maybe] = self.crossing(a[maybe], b[maybe])
        return out

    def _build_grid(self, cell: float = 32.0, clearance_cell: float = 96.0) -> None:
        """Index barrier pieces on a grid for the crossing test, and on a coarser one for
        :meth:`clearance` (there, larger cells give larger bounds for the same work)."""
        self.cell = cell
        self.pieces, self.keys, self.key_piece = _grid(self.segments, cell)
        self.clear_cell = clearance_cell
        self.clear_grid = _grid(self.segments, clearance_cell)

    def nearest_segment(self, xy: np.ndarray, snap_m: float) -> np.ndarray:
        """Index of the nearest barrier segment within ``snap_m`` of each point, -1 where
        there is none. Ties go to the lowest segment index (deterministic)."""
        out = np.full(len(xy), -1, dtype=np.int64)
        if not len(xy) or not len(self.lines):
            return out
        pts = shapely.points(xy)
        near = self.tree.query(pts, predicate="dwithin", distance=snap_m)
        if not near.shape[1]:
            return out
        src, seg = near
        dist = shapely.distance(pts[src], self.lines[seg])
        order = np.lexsort((seg, dist, src))
        src, seg = src[order], seg[order]
        first = np.r_[True, src[1:] != src[:-1]]
        out[src[first]] = seg[first]
        return out

    def locate(self, xy: np.ndarray, snap_m: float):
        """Where each point stands along its nearest barrier line within ``snap_m``:
        ``(line, chainage_m, side)``; line -1 where none is near, side +1 left, -1 right."""
        seg = self.nearest_segment(xy, snap_m)
        line, chain, side = np.full(len(xy), -1, dtype=np.int64), np.full(len(xy), np.nan), np.zeros(len(xy))
        ok = np.flatnonzero(seg >= 0)
        if len(ok):
            s = seg[ok]
            a, b = self.segments[s, :2], self.segments[s, 2:]
            ab, ap = b - a, xy[ok] - a
            denom = (ab * ab).sum(axis=1)
            t = np.clip((ap * ab).sum(axis=1) / np.where(denom > 0, denom, 1.0), 0.0, 1.0)
            line[ok] = self.segment_line[s]
            chain[ok] = self.segment_start[s] + t * np.sqrt(denom)
            side[ok] = np.sign(ab[:, 0] * ap[:, 1] - ab[:, 1] * ap[:, 0])
        return line, chain, side

    def direction(self, xy: np.ndarray, snap_m: float) -> np.ndarray:
        """Unit direction of the nearest barrier segment within ``snap_m`` of each point;
        NaN where there is none. Ties go to the lowest segment index (deterministic)."""
        out = np.full((len(xy), 2), np.nan)
        near = self.nearest_segment(xy, snap_m)
        src = np.flatnonzero(near >= 0)
        if not len(src):
            return out
        seg = near[src]
        vec = self.segments[seg, 2:] - self.segments[seg, :2]
        norm = np.hypot(vec[:, 0], vec[:, 1])
        ok = norm > 0
        out[src[ok]] = vec[ok] / norm[ok, None]
        return out


def _grid(seg: np.ndarray, cell: float):
    """Cut segments into pieces no longer than a cell and index each piece under every
    cell its bounding box meets (at most 2 x 2): (pieces, sorted cell keys, piece of each key)."""
    length = np.hypot(seg[:, 2] - seg[:, 0], seg[:, 3] - seg[:, 1])
    n = np.maximum(1, np.ceil(length / cell)).astype(int)
    idx, k = _expand(n)
    t0, t1 = (k / n[idx])[:, None], ((k + 1) / n[idx])[:, None]
    start, vec = seg[idx, :2], seg[idx, 2:] - seg[idx, :2]
    pieces = np.hstack([start + t0 * vec, start + t1 * vec])
    cx0, cy0 = _cells(np.minimum(pieces[:, :2], pieces[:, 2:]), cell)
    cx1, cy1 = _cells(np.maximum(pieces[:, :2], pieces[:, 2:]), cell)
    ny = cy1 - cy0 + 1
    piece, k = _expand((cx1 - cx0 + 1) * ny)
    keys = _key(cx0[piece] + k // ny[piece], cy0[piece] + k % ny[piece])
    order = np.argsort(keys, kind="stable")
    return pieces, keys[order], piece[order]


def _cells(xy: np.ndarray, cell: float):
    c = np.floor(xy / cell).astype(np.int64)
    return c[:, 0], c[:, 1]


def _key(cx, cy):
    return cx * (1 << 32) + (cy + (1 << 31))


def _expand(counts: np.ndarray):
    """For ``counts = [2, 0, 3]`` return owners ``[0, 0, 2, 2, 2]`` and ranks ``[0, 1, 0, 1, 2]``."""
    counts = np.asarray(counts, dtype=np.int64)
    owner = np.repeat(np.arange(len(counts)), counts)
    starts = np.cumsum(counts) - counts
    return owner, np.arange(len(owner)) - starts[owner]


def _orient(p, q, r):
    return (q[:, 0] - p[:, 0]) * (r[:, 1] - p[:, 1]) - (q[:, 1] - p[:, 1]) * (r[:, 0] - p[:, 0])


def _segments_touch(a0, a1, b0, b1) -> np.ndarray:
    """Do segments a0-a1 and b0-b1 share a point (crossing or touching)? The second
    orientation test and the overlap of collinear pairs run only where the first test
    leaves it open (most moves have both ends on one side of a nearby barrier piece)."""
    d1, d2 = _orient(b0, b1, a0), _orient(b0, b1, a1)
    out = np.zeros(len(d1), dtype=bool)
    straddle = np.flatnonzero(np.sign(d1) * np.sign(d2) <= 0)
    a0, a1, b0, b1 = a0[straddle], a1[straddle], b0[straddle], b1[straddle]
    d3, d4 = _orient(a0, a1, b0), _orient(a0, a1, b1)
    touch = np.sign(d3) * np.sign(d4) <= 0
    collinear = np.flatnonzero((d1[straddle] == 0) & (d2[straddle] == 0))
    if len(collinear):
        a0, a1, b0, b1 = a0[collinear], a1[collinear], b0[collinear], b1[collinear]
        touch[collinear] = (np.maximum(np.minimum(a0, a1), np.minimum(b0, b1))
                            <= np.minimum(np.maximum(a0, a1), np.maximum(b0, b1))).all(axis=1)
    out[straddle] = touch
    return out


def pairs_within(src_xy: np.ndarray, radius: np.ndarray, host_xy: np.ndarray):
    """All (source, host) index pairs with distance <= the source's radius, sorted by
    source then host, with their distances."""
    radius = np.broadcast_to(np.asarray(radius, dtype=float), (len(src_xy),))
    if not len(src_xy) or not len(host_xy):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    from scipy.spatial import cKDTree   # here, not at import: scipy costs the window 0.5 s to start
    pairs = cKDTree(src_xy).sparse_distance_matrix(cKDTree(host_xy), float(radius.max()) * (1 + 1e-12) + 1e-9,
                                                   output_type="ndarray")
    src, host = pairs["i"].astype(np.int64), pairs["j"].astype(np.int64)
    order = np.lexsort((host, src))
    src, host = src[order], host[order]
    dist = np.hypot(*(host_xy[host] - src_xy[src]).T)
    keep = dist <= radius[src]
    return src[keep], host[keep], dist[keep]


def near_pairs(xy: np.ndarray, radius):
    """Unordered pairs ``i < j`` of points within reach of each other, in no set order,
    with their distances. ``radius`` is one distance, or one per point: then every pair
    whose distance is at most the larger of its two radii is returned, and others may be
    (those within the common reach, the largest radius short of the longest): callers
    filter each direction by their own rules.

    A k-d tree (several times faster than shapely points in an STRtree at 100k poles).
    With radii per point, when few points reach far (signs: 50 m, most devices 20 m or
    less), pairs are found within the common reach and only the far-reaching points
    look further: a third fewer pairs for the callers to filter."""
    radius = np.asarray(radius, dtype=float)
    if len(xy) < 2 or float(radius.max()) <= 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    from scipy.spatial import cKDTree
    tree = cKDTree(xy)
    far_reach = float(radius.max())
    common = float(radius[radius < far_reach].max(initial=0.0)) if radius.ndim else far_reach
    far = np.flatnonzero(radius > common) if radius.ndim else np.zeros(0, dtype=np.int64)
    if common <= 0 or len(far) * 3 > len(xy):   # one query is cheaper
        common, far = far_reach, np.zeros(0, dtype=np.int64)
    pairs = tree.query_pairs(common, output_type="ndarray")
    i, j = pairs[:, 0].astype(np.int64), pairs[:, 1].astype(np.int64)
    if len(far):
        found = cKDTree(xy[far]).sparse_distance_matrix(tree, far_reach, output_type="ndarray")
        a, b, d = far[found["i"]], found["j"].astype(np.int64), found["v"]
        is_far = np.zeros(len(xy), dtype=bool)
        is_far[far] = True
        # beyond the common reach only; a pair of two far points once (from its lower index)
        keep = (d > common) & ~(is_far[b] & (b < a))
        a, b = a[keep], b[keep]
        i, j = np.concatenate([i, np.minimum(a, b)]), np.concatenate([j, np.maximum(a, b)])
    return i, j, np.hypot(*(xy[j] - xy[i]).T)


def across(move: np.ndarray, direction: np.ndarray) -> np.ndarray:
    """Length of each move's component across the road direction (0 where unknown)."""
    cross = np.abs(move[:, 0] * direction[:, 1] - move[:, 1] * direction[:, 0])
    return np.where(np.isnan(cross), 0.0, cross)


def check_points(ids, xy, what: str) -> None:
    """Clear errors for duplicate ids and non-finite coordinates."""
    if len(set(ids)) != len(ids):
        seen = set()
        for i in ids:
            if i in seen:
                raise MergeInputError(what=what, detail=f"id {i!r} appears twice")
            seen.add(i)
    if len(xy) and not np.isfinite(xy).all():
        bad = ids[int(np.flatnonzero(~np.isfinite(xy).all(axis=1))[0])]
        raise MergeInputError(what=what, detail=f"{bad!r} has coordinates that are not numbers")
