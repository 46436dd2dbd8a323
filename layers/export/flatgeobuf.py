"""FlatGeobuf writer (https://flatgeobuf.org, spec v3): magic bytes, a size-prefixed
header flatbuffer (columns carry the Chinese titles), a packed R-tree index (node size
16), then one size-prefixed Feature flatbuffer per point.

Written directly: through fiona the same export took 3-6x as long as ogr2ogr
(tests/benchmarks/bench_export.py). Every Point feature has the same flatbuffer layout up
to its properties, so the fixed part is filled for all features at once with numpy."""
from __future__ import annotations

import math
import struct
from pathlib import Path

import numpy as np

from .context import WriteContext, layer_paths
from .errors import ExportWriteFailed
from .flatbuffer import Builder, Table, Vector
from assets.rtree_pack import str_order
from .table import ExportLayer

MAGIC = b"fgb\x03fgb\x00"
NODE_SIZE = 16
_POINT = 1
# ColumnType enum of header.fbs
_BOOL, _LONG, _DOUBLE, _STRING = 2, 7, 10, 11
_COLUMN_TYPES = {"text": _STRING, "integer": _LONG, "real": _DOUBLE, "date": _STRING, "boolean": _BOOL}

# A Point Feature flatbuffer up to its properties bytes (offsets relative to its start):
#  0 root uoffset -> 12 | 4 Feature vtable (geometry @4, properties @8) | 12 Feature table
# 24 Geometry vtable (xy @4, type @8) | 44 Geometry table | 60 xy vector (2 doubles)
# 80 properties vector length, then the bytes
_FIXED = np.dtype([("root", "<u4"), ("fvt", "<u2", 4), ("ftable", "<i4"), ("fgeom", "<u4"), ("fprops", "<u4"),
                   ("gvt", "<u2", 9), ("pad1", "u1", 2), ("gtable", "<i4"), ("gxy", "<u4"), ("gtype", "u1"),
                   ("pad2", "u1", 7), ("xylen", "<u4"), ("x", "<f8"), ("y", "<f8"), ("plen", "<u4")])
assert _FIXED.itemsize == 84


def _fixed_parts(x: np.ndarray, y: np.ndarray, lengths: np.ndarray, has_geometry: np.ndarray) -> np.ndarray:
    n = len(x)
    fixed = np.zeros(n, dtype=_FIXED)
    fixed["root"] = 12
    fixed["fvt"] = (8, 12, 4, 8)
    fixed["fvt"][~has_geometry, 2] = 0          # no position: the geometry field is absent
    fixed["ftable"] = 12 - 4
    fixed["fgeom"] = 44 - 16
    fixed["fprops"] = 80 - 20
    fixed["gvt"] = (18, 9, 0, 4, 0, 0, 0, 0, 8)  # slots: ends, xy, z, m, t, tm, type
    fixed["gtable"] = 44 - 24
    fixed["gxy"] = 60 - 48
    fixed["gtype"] = _POINT
    fixed["xylen"] = 2
    fixed["x"] = np.where(has_geometry, x, 0)
    fixed["y"] = np.where(has_geometry, y, 0)
    fixed["plen"] = lengths
    return fixed


def _property_bytes(layer: ExportLayer) -> list[bytes]:
    """The properties vector of each feature: (uint16 column index, value) for each
    non-null value; strings as uint32 length + UTF-8."""
    values = layer.columns()
    pieces = []
    for index, f in enumerate(layer.fields):
        key = struct.pack("<H", index)
        column = values[f.name]
        if f.type in ("text", "date"):
            texts = [None if v is None else (v.isoformat() if f.type == "date" else v).encode("utf-8") for v in column]
            pieces.append([b"" if t is None else key + struct.pack("<I", len(t)) + t for t in texts])
        else:
            code = {"integer": "<q", "real": "<d", "boolean": "<?"}[f.type]
            pack = struct.Struct(code).pack
            pieces.append([b"" if v is None else key + pack(v) for v in column])
    if not pieces:
        return [b""] * len(layer)
    return [b"".join(row) for row in zip(*pieces)]


def _header(layer: ExportLayer, ctx: WriteContext, bbox, count: int, indexed: bool) -> bytes:
    columns = [Table({0: f.name, 1: ("ubyte", _COLUMN_TYPES[f.type]), 2: f.title or f.name}) for f in layer.fields]
    target = ctx.target
    crs = Table({0: "EPSG", 1: ("int", target.epsg)}) if target.epsg else Table({4: target.wkt("WKT2_2019")})
    fields = {0: layer.name, 2: ("ubyte", _POINT), 8: ("ulong", count),
              9: ("ushort", NODE_SIZE if indexed else 0), 10: crs, 11: layer.title or layer.name}
    if columns:
        fields[7] = Vector("table", columns)
    if bbox is not None:
        fields[1] = Vector("double", list(bbox))
    body = Builder().finish(Table(fields))
    return struct.pack("<I", len(body)) + body


def _level_bounds(count: int) -> list[tuple[int, int]]:
    """Node ranges per level, leaves first, as stored (root first) - packedrtree.cpp."""
    sizes = [count]
    n = count
    while True:
        n = math.ceil(n / NODE_SIZE)
        sizes.append(n)
        if n == 1:
            break
    total = sum(sizes)
    bounds, end = [], total
    for size in sizes:
        bounds.append((end - size, end))
        end -= size
    return bounds


def _index(x: np.ndarray, y: np.ndarray, offsets: np.ndarray) -> bytes:
    """The packed R-tree: NodeItems (minx, miny, maxx, maxy, offset) root first; leaf
    offsets are byte offsets of features, inner offsets the index of the first child."""
    bounds = _level_bounds(len(x))
    total = bounds[0][1]
    nodes = np.zeros(total, dtype=[("minx", "<f8"), ("miny", "<f8"), ("maxx", "<f8"), ("maxy", "<f8"),
                                   ("offset", "<u8")])
    start, end = bounds[0]
    leaves = nodes[start:end]
    leaves["minx"], leaves["maxx"], leaves["miny"], leaves["maxy"] = x, x, y, y
    leaves["offset"] = offsets
    for (start, end), (parent_start, _) in zip(bounds[:-1], bounds[1:]):
        firsts = np.arange(start, end, NODE_SIZE)
        children = nodes[start:end]
        relative = firsts - start
        parents = nodes[parent_start:parent_start + len(firsts)]
        parents["minx"] = np.minimum.reduceat(children["minx"], relative)
        parents["miny"] = np.minimum.reduceat(children["miny"], relative)
        parents["maxx"] = np.maximum.reduceat(children["maxx"], relative)
        parents["maxy"] = np.maximum.reduceat(children["maxy"], relative)
        parents["offset"] = firsts
    return nodes.tobytes()


def _write_layer(path: Path, layer: ExportLayer, ctx: WriteContext) -> Path:
    x, y = ctx.target.xy(layer)
    has_geometry = np.isfinite(x) & np.isfinite(y)
    # the packed R-tree cannot hold features without a position: then no index, as GDAL does
    indexed = bool(len(layer)) and bool(has_geometry.all())
    order = str_order(x, y, NODE_SIZE) if indexed else np.arange(len(layer))
    props = _property_bytes(layer)
    props = [props[i] for i in order.tolist()]
    lengths = np.fromiter((len(p) for p in props), dtype=np.int64, count=len(props))
    fixed = _fixed_parts(x[order], y[order], lengths, has_geometry[order]).tobytes()
    pads = (-(84 + lengths)) % 8
    sizes = 84 + lengths + pads
    bbox = None
    if has_geometry.any():
        bbox = (float(x[has_geometry].min()), float(y[has_geometry].min()),
                float(x[has_geometry].max()), float(y[has_geometry].max()))
    try:
        with open(path, "wb") as f:
            f.write(MAGIC + _header(layer, ctx, bbox, len(layer), indexed))
            if indexed:
                offsets = np.concatenate(([0], np.cumsum(sizes + 4)[:-1]))
                f.write(_index(x[order], y[order], offsets))
            zero = b"\0" * 8
            chunk = []
            for i, (size, p, pad) in enumerate(zip(sizes.tolist(), props, pads.tolist())):
                chunk.append(struct.pack("<I", size) + fixed[i * 84:(i + 1) * 84] + p + zero[:pad])
                if len(chunk) == 20_000:
                    f.write(b"".join(chunk))
                    ctx.advance(len(chunk), layer.title)
                    chunk = []
            f.write(b"".join(chunk))
            ctx.advance(len(chunk), layer.title)
    except OSError as exc:
        raise ExportWriteFailed(path=str(path), detail=exc.strerror or str(exc)) from None
    return path


def write(layers: list[ExportLayer], out_path: Path, ctx: WriteContext) -> list[Path]:
    return [_write_layer(path, layer, ctx) for layer, path in zip(layers, layer_paths(layers, out_path, "fgb"))]
