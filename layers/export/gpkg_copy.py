"""Copying a layer's values into the GeoPackage being written straight from the SQLite file
they come from (:class:`~layers.export.table.SqliteSource`): the source is attached
read-only and each chunk of rows is one ``INSERT ... SELECT`` run inside SQLite, so no
value becomes a Python object. The output fids and geometry blobs (already in the target
CRS) are handed over through a temporary table.

Measured on a 100k-record registry export (tests/benchmarks/bench_export_registry.py):
reading every value into Python and inserting it again was ~1.6 s of a 2.3 s export."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from .gpkg_schema import quote
from .table import ExportLayer


def attach_sources(con: sqlite3.Connection, layers: list[ExportLayer]) -> dict[str, str]:
    """ATTACH each distinct source file read-only (outside any transaction, as SQLite
    requires); returns resolved path → schema name. A file that cannot be attached is left
    out: its layers are then written through Python as any other layer."""
    attached: dict[str, str] = {}
    for layer in layers:
        source = getattr(layer, "source", None)
        if source is None:
            continue
        key = str(Path(source.path).resolve())
        if key in attached:
            continue
        name = f"export_src{len(attached)}"
        try:
            con.execute(f"ATTACH DATABASE ? AS {name}", (Path(key).as_uri() + "?mode=ro",))
        except sqlite3.Error:
            continue
        attached[key] = name
    return attached


def source_schema(layer: ExportLayer, attached: dict[str, str]) -> str | None:
    source = getattr(layer, "source", None)
    return None if source is None else attached.get(str(Path(source.path).resolve()))


def keep_table(con: sqlite3.Connection, fids) -> None:
    """``temp.export_keep(seq, fid)``: the source rowids to write, numbered 1.. in output
    order. Filled from one JSON array (json_each, in C), not one bound row per record."""
    con.execute("DROP TABLE IF EXISTS temp.export_keep")
    con.execute("CREATE TEMP TABLE export_keep (seq INTEGER PRIMARY KEY, fid INTEGER NOT NULL)")
    con.execute("INSERT INTO temp.export_keep (seq, fid) SELECT key + 1, value FROM json_each(?)",
                ("[" + ",".join(map(str, fids.tolist())) + "]",))


def copy_layer(con: sqlite3.Connection, layer: ExportLayer, schema: str, blobs: list, ctx, chunk: int) -> bool:
    """Copy ``layer`` into its (already created) table; ``blobs`` are its geometry blobs (None
    for no position), all the same size. Returns False, having written nothing, when some
    source value is not already in its written form (the checks of the source say so): the
    caller then writes the layer through Python, which converts it or names the row it
    cannot read."""
    source = layer.source
    n = len(layer)
    size = len(next((b for b in blobs if b is not None), b"")) or 1
    keep_table(con, source.fids)
    join = f"FROM temp.export_keep k JOIN {schema}.{quote(source.table)} t ON t.rowid = k.fid"
    checks = [f"({source.checks[f.name]})" for f in layer.fields if source.checks.get(f.name)]
    try:
        if checks and con.execute(f"SELECT EXISTS (SELECT 1 {join} WHERE {' OR '.join(checks)})").fetchone()[0]:
            return False
    except sqlite3.Error:   # the source is not what it claims (moved, changed): take Python's path
        return False
    # each chunk's geometries travel as one blob cut apart in SQL; all-zero bytes (never a
    # GeoPackage blob, which starts "GP") stand for no position
    empty = bytes(size)
    geometry = f"nullif(substr(?, (k.seq - ?) * {size} + 1, {size}), zeroblob({size}))"
    names = "".join(", " + quote(f.name) for f in layer.fields)
    values = "".join(", " + source.expressions[f.name] for f in layer.fields)
    insert = (f"INSERT INTO {quote(layer.name)} (fid, geom{names}) SELECT k.seq, {geometry}{values} {join} "
              "WHERE k.seq BETWEEN ? AND ? ORDER BY k.seq")
    for start in range(1, n + 1, chunk):
        end = min(n, start + chunk - 1)
        packed = b"".join(b if b is not None else empty for b in blobs[start - 1:end])
        con.execute(insert, (packed, start, start, end))
        ctx.advance(end - start + 1, layer.title)
    con.execute("DROP TABLE temp.export_keep")
    return True


def style_values(con: sqlite3.Connection, layer: ExportLayer) -> list | None:
    """The distinct values of the layer's style field in the written table, in first
    appearance order (what :func:`layers.export.styles.categories` reads from the rows)."""
    by = layer.style_field
    if by is None:
        return None
    return [row[0] for row in con.execute(
        f"SELECT {quote(by)} FROM {quote(layer.name)} GROUP BY {quote(by)} ORDER BY min(fid)")]
