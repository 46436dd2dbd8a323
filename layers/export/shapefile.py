"""Shapefile writer: one file set per layer (.shp .shx .dbf .prj .cpg), text in UTF-8 or
GBK, field names cut to 10 bytes in that encoding, and ``<name>.fields.csv`` mapping the
short names back to full names and Chinese titles.

fiona is always given the encoding: without it GDAL writes ISO-8859-1 and Chinese turns
into ``???`` (shared/stack-notes.md)."""
from __future__ import annotations

import csv
from pathlib import Path

from .context import WriteContext, layer_paths, remove_existing
from .errors import ExportWriteFailed, NotEncodable
from .field_names import cut_to_bytes, short_names
from .fiona_formats import write_layer
from .table import ExportLayer
from .target import settings

_SIDECAR_FILES = (".shx", ".dbf", ".prj", ".cpg")


def write(layers: list[ExportLayer], out_path: Path, ctx: WriteContext) -> list[Path]:
    opts = settings()["shapefile"]
    by_title = ctx.options.get("shp_field_names", "name") == "title"
    out: list[Path] = []
    for layer, path in zip(layers, layer_paths(layers, out_path, "shp")):
        for suffix in _SIDECAR_FILES:
            remove_existing(path.with_suffix(suffix))
        wanted = [f.title or f.name for f in layer.fields] if by_title else [f.name for f in layer.fields]
        names = short_names(wanted, ctx.encoding, opts["field_name_bytes"])
        values = layer.columns()
        widths = _fit_text(layer, values, ctx.encoding, opts["text_field_bytes"])
        write_layer(path, layer, ctx, driver="ESRI Shapefile", names=names, encoding=ctx.encoding,
                    values=values, text_widths=widths)
        files = [path] + [path.with_suffix(s) for s in _SIDECAR_FILES if path.with_suffix(s).exists()]
        files.append(_write_field_map(path, layer, names))
        out.extend(files)
    return out


def _fit_text(layer: ExportLayer, values: dict[str, list], encoding: str, limit: int) -> dict[str, int]:
    """Check every text encodes, cut over-long ones on a character boundary (dBASE holds
    254 bytes), and return each text field's width in bytes."""
    widths = {}
    for f in layer.fields:
        if f.type != "text":
            continue
        column = values[f.name]
        widest = 1
        for i, value in enumerate(column):
            if value is None:
                continue
            try:
                size = len(value.encode(encoding))
            except UnicodeEncodeError:
                raise NotEncodable(layer=layer.title, value=value, encoding=encoding) from None
            if size > limit:
                column[i] = value = cut_to_bytes(value, limit, encoding)
                size = len(value.encode(encoding))
            widest = max(widest, size)
        widths[f.name] = widest
    return widths


def _write_field_map(path: Path, layer: ExportLayer, names: list[str]) -> Path:
    """``<name>.fields.csv`` (UTF-8 with BOM so Excel shows the Chinese)."""
    target = path.with_name(path.stem + ".fields.csv")
    try:
        with open(target, "w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(["short_name", "name", "title", "type"])
            for short, field in zip(names, layer.fields):
                writer.writerow([short, field.name, field.title, field.type])
    except OSError as exc:
        raise ExportWriteFailed(path=str(target), detail=exc.strerror or str(exc)) from None
    return target
