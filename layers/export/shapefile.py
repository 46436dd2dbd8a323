"""Shapefile writer: one file set per layer (.shp .shx .dbf .prj .cpg), text in UTF-8 or
GBK, field names cut to 10 bytes in that encoding, and ``<name>.fields.csv`` mapping the
short names back to full names and Chinese titles.

Written directly (points are fixed-size records; the .dbf is fixed-width text): through
fiona the same export took 3.6x as long as ogr2ogr (tests/benchmarks/bench_export.py).
The encoding is always declared, in the .cpg and, for GBK, in the DBF code-page byte
too, so readers that ignore .cpg files still get it right."""
from __future__ import annotations

import csv
import struct
from pathlib import Path

import numpy as np

from .context import WriteContext, layer_paths, remove_existing
from . import dbf_copy
from .dbase import encode_column, write_dbf
from .errors import ExportWriteFailed, NotEncodable
from .field_names import short_names
from .table import ExportLayer
from .target import settings

_SUFFIXES = (".shp", ".shx", ".dbf", ".prj", ".cpg")
_POINT, _NULL = 1, 0
_RECORD = np.dtype([("number", ">i4"), ("length", ">i4"), ("type", "<i4"), ("x", "<f8"), ("y", "<f8")])
_INDEX = np.dtype([("offset", ">i4"), ("length", ">i4")])


def write(layers: list[ExportLayer], out_path: Path, ctx: WriteContext) -> list[Path]:
    opts = settings()["shapefile"]
    by_title = ctx.options.get("shp_field_names", "name") == "title"
    out: list[Path] = []
    for layer, path in zip(layers, layer_paths(layers, out_path, "shp")):
        wanted = [f.title or f.name for f in layer.fields] if by_title else [f.name for f in layer.fields]
        names = short_names(wanted, ctx.encoding, opts["field_name_bytes"])
        try:
            out.extend(_write_layer(path, layer, names, ctx, opts["text_field_bytes"]))
        except OSError as exc:
            raise ExportWriteFailed(path=str(path), detail=exc.strerror or str(exc)) from None
    return out


def _write_layer(path: Path, layer: ExportLayer, names: list[str], ctx: WriteContext, text_max: int) -> list[Path]:
    files = [path.with_suffix(s) for s in _SUFFIXES]
    for file in files:
        remove_existing(file)
    x, y = ctx.target.xy(layer)
    _write_geometry(files[0], files[1], x, y)
    if not dbf_copy.write_dbf(files[2], layer, names, ctx.encoding, ctx, text_max):
        _write_dbf(files[2], layer, names, ctx, text_max)
    files[3].write_text(ctx.target.wkt("WKT1_ESRI"), encoding="ascii")
    files[4].write_text(ctx.encoding, encoding="ascii")
    files.append(_write_field_map(path, layer, names))
    return files


def _write_dbf(path: Path, layer: ExportLayer, names: list[str], ctx: WriteContext, text_max: int) -> None:
    values = layer.columns()
    columns = []
    for f in layer.fields:
        try:
            columns.append(encode_column(f.type, values[f.name], ctx.encoding, layer.title, f.title, text_max))
        except UnicodeEncodeError as exc:
            raise NotEncodable(layer=layer.title, value=exc.object, encoding=ctx.encoding) from None
    write_dbf(path, names, columns, len(layer), ctx.encoding)
    ctx.advance(len(layer), layer.title)


def _header(file_bytes: int, bbox: tuple[float, float, float, float]) -> bytes:
    return struct.pack(">7i", 9994, 0, 0, 0, 0, 0, file_bytes // 2) + struct.pack("<2i4d4d", 1000, _POINT, *bbox,
                                                                                  0, 0, 0, 0)


def _write_geometry(shp: Path, shx: Path, x: np.ndarray, y: np.ndarray) -> None:
    n = len(x)
    ok = np.isfinite(x) & np.isfinite(y)
    bbox = (float(x[ok].min()), float(y[ok].min()), float(x[ok].max()), float(y[ok].max())) if ok.any() else (0.0,) * 4
    records = np.zeros(n, dtype=_RECORD)
    records["number"] = np.arange(1, n + 1)
    records["length"] = np.where(ok, 10, 2)      # content length in 16-bit words
    records["type"] = np.where(ok, _POINT, _NULL)
    records["x"], records["y"] = np.where(ok, x, 0), np.where(ok, y, 0)
    sizes = np.where(ok, _RECORD.itemsize, 12)   # a null shape is header + type only
    if ok.all():
        body = records.tobytes()
    else:
        raw = records.tobytes()
        body = b"".join(raw[i * _RECORD.itemsize:i * _RECORD.itemsize + s] for i, s in enumerate(sizes.tolist()))
    index = np.zeros(n, dtype=_INDEX)
    index["offset"] = (100 + np.concatenate(([0], np.cumsum(sizes)[:-1]))) // 2 if n else []
    index["length"] = records["length"]
    with open(shp, "wb") as f:
        f.write(_header(100 + len(body), bbox) + body)
    with open(shx, "wb") as f:
        f.write(_header(100 + 8 * n, bbox) + index.tobytes())


def _write_field_map(path: Path, layer: ExportLayer, names: list[str]) -> Path:
    """``<name>.fields.csv`` (UTF-8 with BOM so Excel shows the Chinese)."""
    target = path.with_name(path.stem + ".fields.csv")
    with open(target, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["short_name", "name", "title", "type"])
        for short, field in zip(names, layer.fields):
            writer.writerow([short, field.name, field.title, field.type])
    return target
