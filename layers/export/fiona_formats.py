"""Formats written through fiona (GDAL): FlatGeobuf, whose binary layout (flatbuffers and
a packed Hilbert R-tree) is GDAL's business.

fiona costs ~15-25 µs per feature here, 3x ogr2ogr (tests/benchmarks/bench_export.py)."""
from __future__ import annotations

from pathlib import Path

import fiona
from fiona.errors import FionaError

from .context import WriteContext, layer_paths, remove_existing
from .errors import ExportWriteFailed
from .table import ExportLayer

_CHUNK = 10_000
# GDAL's FlatGeobuf has no Date type (only DateTime): ISO text keeps the day exact
_FIONA_TYPES = {"text": "str", "integer": "int", "real": "float", "date": "str", "boolean": "bool"}


def _records(layer: ExportLayer, x, y):
    values = layer.columns()
    names = [f.name for f in layer.fields]
    columns = [[v.isoformat() if v is not None else None for v in values[f.name]] if f.type == "date"
               else values[f.name] for f in layer.fields]
    xs, ys = x.tolist(), y.tolist()
    for i in range(len(layer)):
        px, py = xs[i], ys[i]
        geometry = {"type": "Point", "coordinates": (px, py)} if px == px and py == py else None
        yield {"geometry": geometry, "properties": dict(zip(names, (c[i] for c in columns)))}


def _write_layer(path: Path, layer: ExportLayer, ctx: WriteContext) -> Path:
    x, y = ctx.target.xy(layer)
    remove_existing(path)
    schema = {"geometry": "Point", "properties": {f.name: _FIONA_TYPES[f.type] for f in layer.fields}}
    crs = f"EPSG:{ctx.target.epsg}" if ctx.target.epsg is not None else ctx.target.wkt()
    # the packed Hilbert R-tree cannot hold features without geometry
    index = "YES" if bool(layer.valid_xy().all()) else "NO"
    try:
        with fiona.open(path, "w", driver="FlatGeobuf", schema=schema, crs=crs, encoding="UTF-8",
                        layer=layer.name, SPATIAL_INDEX=index) as sink:
            batch = []
            for record in _records(layer, x, y):
                batch.append(record)
                if len(batch) == _CHUNK:
                    sink.writerecords(batch)
                    ctx.advance(len(batch), layer.title)
                    batch = []
            if batch:
                sink.writerecords(batch)
                ctx.advance(len(batch), layer.title)
    except (FionaError, OSError, ValueError) as exc:
        remove_existing(path)
        raise ExportWriteFailed(path=str(path), detail=str(exc)) from None
    return path


def write_flatgeobuf(layers: list[ExportLayer], out_path: Path, ctx: WriteContext) -> list[Path]:
    return [_write_layer(path, layer, ctx) for layer, path in zip(layers, layer_paths(layers, out_path, "fgb"))]
