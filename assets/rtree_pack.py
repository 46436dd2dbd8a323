"""Packing a GeoPackage R-tree in one go.

Filling SQLite's R*Tree row by row is the slowest part of writing a GeoPackage (10 s of a
1M-point build even in spatial order). For a bulk load we build the tree ourselves with
Sort-Tile-Recursive packing in numpy and write SQLite's own node format into the shadow
tables (``<rtree>_node``, ``_rowid``, ``_parent``), which SQLite then reads and updates as
usual. ``SELECT rtreecheck(...)`` verifies the result (the tests do).

Node format (sqlite/ext/rtree/rtree.c): 2-byte depth (root only), 2-byte cell count, then
cells of an 8-byte id and, per dimension, a float32 min and max, all big-endian; nodes are
zero-padded to the table's node size, which the root node's length tells.
"""
from __future__ import annotations

import math

import numpy as np

from .geopackage import q

_CELL = np.dtype([("id", ">i8"), ("minx", ">f4"), ("maxx", ">f4"), ("miny", ">f4"), ("maxy", ">f4")])


def _down(v: np.ndarray) -> np.ndarray:
    f = v.astype(np.float32)
    return np.where(f.astype(np.float64) > v, np.nextafter(f, np.float32(-np.inf)), f)


def _up(v: np.ndarray) -> np.ndarray:
    f = v.astype(np.float32)
    return np.where(f.astype(np.float64) < v, np.nextafter(f, np.float32(np.inf)), f)


def str_order(cx: np.ndarray, cy: np.ndarray, capacity: int) -> np.ndarray:
    """Sort-Tile-Recursive: slices by x, each slice sorted by y (also FlatGeobuf's packing)."""
    n = len(cx)
    leaves = math.ceil(n / capacity)
    slices = max(1, math.ceil(math.sqrt(leaves)))
    per_slice = slices and math.ceil(n / slices)
    by_x = np.argsort(cx, kind="stable")
    slice_of = np.empty(n, dtype=np.int64)
    slice_of[by_x] = np.arange(n) // max(1, per_slice)
    return np.lexsort((cy, slice_of))


def pack(conn, rtree: str, ids: np.ndarray, minx, maxx, miny, maxy) -> None:
    """Replace the content of R-tree table ``rtree`` with the given boxes (float64)."""
    ids = np.asarray(ids, dtype=np.int64)
    node_size = conn.execute(f"SELECT length(data) FROM {q(rtree + '_node')} WHERE nodeno = 1").fetchone()[0]
    capacity = (node_size - 4) // _CELL.itemsize
    conn.execute(f"DELETE FROM {q(rtree + '_node')}")
    conn.execute(f"DELETE FROM {q(rtree + '_rowid')}")
    conn.execute(f"DELETE FROM {q(rtree + '_parent')}")
    n = len(ids)
    if n == 0:
        conn.execute(f"INSERT INTO {q(rtree + '_node')} VALUES (1, zeroblob({node_size}))")
        return
    lo_x, hi_x = _down(np.asarray(minx, float)), _up(np.asarray(maxx, float))
    lo_y, hi_y = _down(np.asarray(miny, float)), _up(np.asarray(maxy, float))
    order = str_order((lo_x + hi_x) / 2, (lo_y + hi_y) / 2, capacity)
    level = np.empty(n, dtype=_CELL)
    level["id"], level["minx"], level["maxx"] = ids[order], lo_x[order], hi_x[order]
    level["miny"], level["maxy"] = lo_y[order], hi_y[order]

    levels = []  # per tree level (leaves first): the cells, grouped into nodes of `capacity`
    while True:
        levels.append(level)
        if len(level) <= capacity:
            break
        groups = math.ceil(len(level) / capacity)
        starts = np.arange(groups) * capacity
        parent = np.empty(groups, dtype=_CELL)
        parent["minx"] = np.minimum.reduceat(level["minx"], starts)
        parent["maxx"] = np.maximum.reduceat(level["maxx"], starts)
        parent["miny"] = np.minimum.reduceat(level["miny"], starts)
        parent["maxy"] = np.maximum.reduceat(level["maxy"], starts)
        if len(levels) == 1:
            pass
        level = parent
        if groups > 1:
            # re-tile the parents too, so upper levels stay compact
            order = str_order((parent["minx"] + parent["maxx"]) / 2, (parent["miny"] + parent["maxy"]) / 2, capacity)
            levels.append(("order", order))
            level = parent[order]

    _write(conn, rtree, levels, capacity, node_size)


def _write(conn, rtree: str, levels: list, capacity: int, node_size: int) -> None:
    """Number the nodes (root = 1), set child ids, and store nodes, rowids and parents."""
    # unfold the ("order", perm) markers: each marks that the following level's cells were permuted
    cell_levels = []
    perms = []
    for item in levels:
        if isinstance(item, tuple):
            perms.append(item[1])
        else:
            cell_levels.append(item)
            if len(perms) < len(cell_levels) - 1:
                perms.append(None)
    depth = len(cell_levels) - 1
    # node numbers: the root is 1; other levels top-down after it
    next_no = 2
    node_numbers = []  # per level: node number of each node at that level (leaves first)
    for lvl in range(depth, -1, -1):
        nodes = math.ceil(len(cell_levels[lvl]) / capacity)
        if lvl == depth:
            node_numbers.insert(0, np.array([1], dtype=np.int64))
        else:
            node_numbers.insert(0, np.arange(next_no, next_no + nodes, dtype=np.int64))
            next_no += nodes
    node_rows = []
    parent_rows = []
    for lvl in range(depth + 1):
        cells = cell_levels[lvl].copy()
        numbers = node_numbers[lvl]
        if lvl > 0:
            # cells of this level are the nodes of the level below, in (permuted) order
            child_numbers = node_numbers[lvl - 1]
            perm = perms[lvl - 1]
            cells["id"] = child_numbers if perm is None else child_numbers[perm]
            owner = np.repeat(numbers, capacity)[: len(cells)]
            parent_rows.extend(zip(cells["id"].tolist(), owner.tolist()))
        else:
            owner = np.repeat(numbers, capacity)[: len(cells)]
            by_id = np.argsort(cells["id"], kind="stable")  # appends to the rowid B-tree, not random inserts
            conn.executemany(f"INSERT INTO {q(rtree + '_rowid')} (rowid, nodeno) VALUES (?, ?)",
                             zip(cells["id"][by_id].tolist(), owner[by_id].tolist()))
        raw = cells.tobytes()
        step = capacity * _CELL.itemsize
        for k, number in enumerate(numbers.tolist()):
            chunk = raw[k * step:(k + 1) * step]
            count = len(chunk) // _CELL.itemsize
            header = (depth if number == 1 else 0).to_bytes(2, "big") + count.to_bytes(2, "big")
            blob = header + chunk
            node_rows.append((number, blob + bytes(node_size - len(blob))))
    conn.executemany(f"INSERT INTO {q(rtree + '_node')} (nodeno, data) VALUES (?, ?)", node_rows)
    conn.executemany(f"INSERT INTO {q(rtree + '_parent')} (nodeno, parentnode) VALUES (?, ?)", parent_rows)
