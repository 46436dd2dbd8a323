"""GeoJSON writer (RFC 7946): WGS84 lon/lat by default; another CRS only when asked, then
declared with the (pre-RFC, GDAL-read) ``crs`` member. One file per layer.

Written with the json module rather than fiona: the format is plain text and this is
~3x faster (tests/benchmarks/bench_export.py)."""
from __future__ import annotations

import json
from pathlib import Path

from .context import WriteContext, layer_paths, remove_existing
from .errors import ExportWriteFailed
from .geojson_copy import property_chunks
from .table import ExportLayer

_CHUNK = 10_000


def write(layers: list[ExportLayer], out_path: Path, ctx: WriteContext) -> list[Path]:
    return [_write_layer(layer, path, ctx) for layer, path in zip(layers, layer_paths(layers, out_path, "geojson"))]


def _write_layer(layer: ExportLayer, path: Path, ctx: WriteContext) -> Path:
    target = ctx.target
    x, y = target.xy(layer)
    digits = target.decimals
    head = {"type": "FeatureCollection", "name": layer.name}
    if target.epsg != 4326:
        head["crs"] = {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{target.epsg}"}}
    sql_chunks = property_chunks(layer)
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    chunks = sql_chunks if sql_chunks is not None else _python_chunks(layer, dumps)
    remove_existing(path)
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(dumps(head)[:-1] + ',"features":[\n')
            xs, ys = x.tolist(), y.tolist()
            start = 0
            for props in chunks:
                parts = []
                for i, p in enumerate(props, start):
                    px, py = xs[i], ys[i]
                    geometry = (f'{{"type":"Point","coordinates":[{px:.{digits}f},{py:.{digits}f}]}}'
                                if px == px and py == py else "null")
                    parts.append(f'{{"type":"Feature","id":{i + 1},"geometry":{geometry},"properties":{p}}}')
                f.write((",\n" if start else "") + ",\n".join(parts))
                start += len(parts)
                ctx.advance(len(parts), layer.title)
            f.write("\n]}\n")
    except OSError as exc:
        remove_existing(path)
        raise ExportWriteFailed(path=str(path), detail=exc.strerror or str(exc)) from None
    return path


def _python_chunks(layer: ExportLayer, dumps):
    """The ``properties`` JSON of every record through Python (layers not read from SQLite,
    or with values to convert)."""
    values = layer.columns()
    names = [f.name for f in layer.fields]
    columns = []
    for f in layer.fields:
        column = values[f.name]
        if f.type == "date":
            column = [v.isoformat() if v is not None else None for v in column]
        columns.append(column)
    for start in range(0, len(layer), _CHUNK):
        yield [dumps(dict(zip(names, (c[i] for c in columns)))) for i in range(start, min(start + _CHUNK, len(layer)))]
