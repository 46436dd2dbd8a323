"""CSV writer: one file per layer, Chinese headers (the field titles), coordinates as the
last two columns, UTF-8 with BOM (what Excel needs to show Chinese) or GBK.

Identifiers are written as the digits they are; a CSV has no types, so a spreadsheet user
who needs the 16-17 digit codes safe from Excel's number conversion takes the XLSX ledger."""
from __future__ import annotations

import csv
from pathlib import Path

from . import csv_copy
from .context import WriteContext, layer_paths, remove_existing
from .errors import ExportWriteFailed, NotEncodable
from .table import ExportLayer
from .target import Target, settings

_CHUNK = 10_000


def coordinate_headers(target: Target) -> list[str]:
    return list(settings()["headers"]["geographic" if target.geographic else "projected"])


def write(layers: list[ExportLayer], out_path: Path, ctx: WriteContext) -> list[Path]:
    return [_write_layer(layer, path, ctx) for layer, path in zip(layers, layer_paths(layers, out_path, "csv"))]


def _column(values: list, kind: str) -> list:
    """Cells of one column; the csv module itself writes None as empty, str() for text
    and integers and repr() for reals, so only dates and booleans need converting."""
    if kind == "date":
        return [None if v is None else v.isoformat() for v in values]
    if kind == "boolean":
        return [None if v is None else ("是" if v else "否") for v in values]
    return values


def _write_rows(writer, layer: ExportLayer, xs: list[str], ys: list[str], ctx: WriteContext) -> None:
    values = layer.columns()
    columns = [_column(values[f.name], f.type) for f in layer.fields]
    rows = list(zip(*columns, xs, ys))
    for start in range(0, len(rows), _CHUNK):
        chunk = rows[start:start + _CHUNK]
        writer.writerows(chunk)
        ctx.advance(len(chunk), layer.title)


def _write_layer(layer: ExportLayer, path: Path, ctx: WriteContext) -> Path:
    x, y = ctx.target.xy(layer)
    digits = ctx.target.decimals
    xs = ["" if v != v else f"{v:.{digits}f}" for v in x.tolist()]
    ys = ["" if v != v else f"{v:.{digits}f}" for v in y.tolist()]
    remove_existing(path)
    encoding = ctx.encoding.lower()
    try:
        with open(path, "w", encoding=encoding, newline="") as f:
            writer = csv.writer(f)
            try:
                writer.writerow([fld.title or fld.name for fld in layer.fields] + coordinate_headers(ctx.target))
                if not csv_copy.write_rows(f, layer, xs, ys, ctx):
                    _write_rows(writer, layer, xs, ys, ctx)
            except UnicodeEncodeError as exc:
                raise NotEncodable(layer=layer.title, value=exc.object[exc.start:exc.end],
                                   encoding=ctx.encoding) from None
    except OSError as exc:
        raise ExportWriteFailed(path=str(path), detail=exc.strerror or str(exc)) from None
    except NotEncodable:
        f.close()
        remove_existing(path)
        raise
    return path
