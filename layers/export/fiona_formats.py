"""Formats written through fiona (GDAL): the shared schema/record building, and FlatGeobuf.

fiona costs ~15 µs per feature here; see tests/benchmarks/bench_export.py for figures."""
from __future__ import annotations

from pathlib import Path

import fiona
from fiona.errors import FionaError

from .context import WriteContext, layer_paths, remove_existing
from .errors import ExportWriteFailed
from .table import ExportLayer

_CHUNK = 10_000
_FIONA_TYPES = {"text": "str", "integer": "int", "real": "float", "date": "date", "boolean": "bool"}


def schema(layer: ExportLayer, names: list[str], text_widths: dict[str, int] | None = None,
           dates_as_text: bool = False) -> dict:
    props = {}
    for f, out in zip(layer.fields, names):
        kind = _FIONA_TYPES[f.type]
        if dates_as_text and f.type == "date":
            kind = "str"
        if text_widths and f.type == "text":
            kind = f"str:{text_widths[f.name]}"
        if text_widths is not None and f.type == "integer":
            kind = "int:18"   # dBASE numeric width: 16-17 digit numbers must fit
        props[out] = kind
    return {"geometry": "Point", "properties": props}


def records(layer: ExportLayer, names: list[str], x, y, values: dict[str, list]):
    """fiona feature dicts, built lazily; dates as ISO text (what every driver accepts)."""
    columns = []
    for f in layer.fields:
        column = values[f.name]
        if f.type == "date":
            column = [v.isoformat() if v is not None else None for v in column]
        columns.append(column)
    xs, ys = x.tolist(), y.tolist()
    for i in range(len(layer)):
        px, py = xs[i], ys[i]
        geometry = {"type": "Point", "coordinates": (px, py)} if px == px and py == py else None
        yield {"geometry": geometry, "properties": dict(zip(names, (c[i] for c in columns)))}


def write_layer(path: Path, layer: ExportLayer, ctx: WriteContext, *, driver: str, names: list[str],
                encoding: str = "UTF-8", values: dict[str, list] | None = None,
                text_widths: dict[str, int] | None = None, dates_as_text: bool = False, **creation) -> Path:
    x, y = ctx.target.xy(layer)
    values = values if values is not None else layer.columns()
    remove_existing(path)
    crs = ctx.target.crs.to_wkt() if ctx.target.epsg is None else f"EPSG:{ctx.target.epsg}"
    try:
        with fiona.open(path, "w", driver=driver, schema=schema(layer, names, text_widths, dates_as_text), crs=crs,
                        encoding=encoding, layer=layer.name if driver != "ESRI Shapefile" else None,
                        **creation) as sink:
            batch = []
            for record in records(layer, names, x, y, values):
                batch.append(record)
                if len(batch) == _CHUNK:
                    sink.writerecords(batch)
                    ctx.advance(len(batch), layer.title)
                    batch = []
            if batch:
                sink.writerecords(batch)
                ctx.advance(len(batch), layer.title)
    except (FionaError, OSError, ValueError) as exc:
        raise ExportWriteFailed(path=str(path), detail=str(exc)) from None
    return path


def write_flatgeobuf(layers: list[ExportLayer], out_path: Path, ctx: WriteContext) -> list[Path]:
    out = []
    for layer, path in zip(layers, layer_paths(layers, out_path, "fgb")):
        # GDAL's FlatGeobuf has no Date type (only DateTime): ISO text keeps the day exact.
        # The packed Hilbert R-tree cannot hold features without geometry.
        index = "YES" if bool(layer.valid_xy().all()) else "NO"
        out.append(write_layer(path, layer, ctx, driver="FlatGeobuf", names=[f.name for f in layer.fields],
                               dates_as_text=True, SPATIAL_INDEX=index))
    return out
