"""GeoJSON ``properties`` of a layer whose values lie in an SQLite file (registry exports,
:class:`~layers.export.table.SqliteSource`) composed inside SQLite, so 1M records do not
become 40M Python objects (the Python path peaked near 2 GB at 1M).

Each value becomes its JSON text in SQL: text and dates through ``json_quote``, booleans as
``true``/``false``, reals as the shortest of 15 or 17 significant digits that reads back as
the same number (what ``repr(float)`` guarantees), integers as digits, NULL as ``null``."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from .gpkg_copy import keep_table
from .gpkg_schema import quote
from .table import ExportLayer

_CHUNK = 10_000


def _json(kind: str, value: str) -> str:
    if kind in ("text", "date"):
        return f"json_quote({value})"
    if kind == "boolean":
        return f"CASE {value} WHEN 1 THEN 'true' WHEN 0 THEN 'false' ELSE 'null' END"
    if kind == "real":
        # a whole number keeps its ".0" (as Python writes it), so readers still see a real field
        return (f"CASE WHEN {value} IS NULL OR abs({value}) > 1.7e308 THEN 'null' "
                f"WHEN abs({value}) < 1e15 AND {value} = CAST({value} AS INTEGER) THEN printf('%.1f', {value}) "
                f"WHEN CAST(printf('%.15g', {value}) AS REAL) = {value} THEN printf('%.15g', {value}) "
                f"ELSE printf('%!.17g', {value}) END")
    return f"coalesce({value}, 'null')"


def _object(pairs: list[tuple[str, str]]) -> str:
    """``{"name":value,...}`` as SQL: one printf per 100 members (SQLite functions take at
    most 127 arguments)."""
    if not pairs:
        return "'{}'"
    groups = [pairs[i:i + 100] for i in range(0, len(pairs), 100)]
    parts = []
    for group in groups:
        template = ",".join(json.dumps(name, ensure_ascii=False).replace("'", "''").replace("%", "%%") + ":%s"
                            for name, _ in group)
        parts.append(f"printf('{template}', {', '.join(sql for _, sql in group)})")
    return "'{' || " + " || ',' || ".join(parts) + " || '}'"


def property_chunks(layer: ExportLayer):
    """The ``properties`` JSON text of every record of ``layer``, in output order, as lists
    of up to 10,000; None when this path cannot (no SQLite source, or values not yet in their
    written form), and the caller takes the Python path."""
    source = getattr(layer, "source", None)
    if source is None:
        return None
    try:
        con = sqlite3.connect(Path(source.path).resolve().as_uri() + "?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        con.execute("PRAGMA temp_store=MEMORY")
        keep_table(con, source.fids)
        join = f"FROM temp.export_keep k JOIN {quote(source.table)} t ON t.rowid = k.fid"
        checks = [f"({source.checks[f.name]})" for f in layer.fields if source.checks.get(f.name)]
        if checks and con.execute(f"SELECT EXISTS (SELECT 1 {join} WHERE {' OR '.join(checks)})").fetchone()[0]:
            con.close()
            return None
    except sqlite3.Error:   # the source is not what it claims (moved, changed)
        con.close()
        return None
    props = _object([(f.name, _json(f.type, source.expressions[f.name])) for f in layer.fields])
    query = f"SELECT {props} {join} WHERE k.seq BETWEEN ? AND ? ORDER BY k.seq"

    def chunks():
        try:
            for start in range(1, len(layer) + 1, _CHUNK):
                end = min(len(layer), start + _CHUNK - 1)
                yield [row[0] for row in con.execute(query, (start, end))]
        finally:
            con.close()
    return chunks()
