"""Symbols for exported layers, read from ``resources/export_symbols.toml``: a shape and colour
per kind, and colours per category value (status, ownership) when a layer is styled by one."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

import resources
from assets.vocabularies import all_vocabularies

from .table import ExportLayer


@lru_cache(maxsize=1)
def symbology() -> dict:
    with open(resources.path("export_symbols.toml"), "rb") as f:
        return tomllib.load(f)


@dataclass(frozen=True)
class Category:
    value: str | None     # the field value as written (None = the layer's single symbol)
    label: str            # what a legend shows
    colour: str           # "#RRGGBB"
    key: str              # a name safe for ids (KML style ids, QML symbol names)


def kind_symbol(kind: str) -> dict:
    """shape, colour, size_mm, dxf_colour, dxf_block for a kind (defaults filled in)."""
    data = symbology()
    return {**data["default"], **data.get("kinds", {}).get(kind, {})}


def categories(layer: ExportLayer, values=None) -> list[Category]:
    """The symbol classes of a layer: one per distinct value of its style field (in first
    appearance order), or a single class for the kind when it has none. ``values``: those
    distinct values when the caller already knows them (else the rows are read)."""
    base = kind_symbol(layer.name)
    by = layer.style_field
    if by is None:
        return [Category(None, layer.title, base["colour"], "default")]
    colours = symbology().get(by, {})
    vocab = all_vocabularies().get(by)
    out: list[Category] = []
    seen: set = set()
    for value in (values if values is not None else (row.get(by) for row in layer.rows)):
        value = None if value is None else str(value)
        if value in seen:
            continue
        seen.add(value)
        entry = vocab.lookup(value) if (vocab is not None and value is not None) else None
        code = entry.code if entry else value
        label = entry.label if entry else (value if value is not None else "—")
        colour = colours.get(code, base["colour"]) if code is not None else base["colour"]
        out.append(Category(value, label, colour, f"c{len(out)}"))
    return out or [Category(None, layer.title, base["colour"], "default")]


def category_index(layer: ExportLayer, cats: list[Category]) -> list[int]:
    """For each row, the index of its category in ``cats``."""
    by = layer.style_field
    if by is None:
        return [0] * len(layer)
    where = {c.value: i for i, c in enumerate(cats)}
    return [where.get(None if row.get(by) is None else str(row.get(by)), 0) for row in layer.rows]


def rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)
