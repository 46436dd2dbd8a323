"""Registry records as the rows of an export table: the matching records of one layer read
in bulk (one query per kind, plus one for the mounts when a filter looks at them), and
values brought into the form people read — names beside codes, dates as dates, booleans
as booleans, identifiers as text.

Used by :mod:`layers.registry_export`; nothing here writes files."""
from __future__ import annotations

import datetime as dt
import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

import resources
from assets.filters import Condition as FilterCondition
from assets.filters import to_sql
from assets.geopackage import decode_points, q
from assets.kinds import kind, mount_fields
from assets.progress import check_cancelled
from assets.schema import MOUNTS
from layers.export.profiles import ProfileLayer
from layers.export.table import _NATIVE, ExportField, ExportLayer, SqliteSource

CODED = ("vocab", "subtype", "org")
# profile ops that SQL can narrow down first; the profile's own test still decides
_SQL_OPS = {"=": "=", "!=": "!=", "in": "in", "startswith": "startswith"}


@lru_cache(maxsize=1)
def settings() -> dict:
    with open(resources.path("registry_export.toml"), "rb") as f:
        return tomllib.load(f)


@dataclass
class Column:
    """One output column: where its values come from and how they are shown."""

    field: ExportField
    source: str             # registry field name
    convert: object = None  # function list -> list, or None to pass values through
    labels: dict | None = None   # code -> name, for a column that shows names


def columns_for(layer: ProfileLayer, values: str, organisations: dict[str, str]) -> list[Column]:
    """The output columns of a profile layer; coded fields become code and/or name columns."""
    opts = settings()["values"]
    k = kind(layer.kind)
    taken = {f.output for f in layer.fields}
    out: list[Column] = []
    for pf in layer.fields:
        f = k.field_map[pf.name]
        if f.type not in CODED or values == "codes":
            out.append(Column(ExportField(pf.output, pf.alias, pf.type), pf.name, _CONVERTERS.get(pf.type)))
            continue
        labels = _labels(k, f, organisations)
        convert = _labeller(labels)
        if values == "labels":
            out.append(Column(ExportField(pf.output, pf.alias, "text"), pf.name, convert, labels))
            continue
        stem = pf.output[:-len("_code")] if pf.output.endswith("_code") else pf.output
        name = stem + opts["name_suffix"]
        while name in taken:
            name += "_"
        taken.add(name)
        out.append(Column(ExportField(pf.output, pf.alias + opts["code_title_suffix"], "text"), pf.name))
        out.append(Column(ExportField(name, pf.alias, "text"), pf.name, convert, labels))
    return out


def _labels(k, f, organisations: dict[str, str]) -> dict[str, str]:
    if f.type == "org":
        return organisations
    vocab = k.subtypes if f.type == "subtype" else f.vocabulary()
    return {e.code: e.label for e in vocab.entries} if vocab is not None else {}


def _labeller(labels: dict[str, str]):
    def convert(values: list) -> list:
        # get(v, v): the name, or the code itself when it has none (None stays None); map
        # with two iterables keeps the loop in C
        return list(map(labels.get, values, values))
    return convert


def _dates(values: list) -> list:
    """ISO text as stored → dates; anything else passes on for the table to judge (it
    names the row it cannot read)."""
    cache: dict = {None: None}
    out = []
    for v in values:
        if v not in cache:
            try:
                cache[v] = dt.date.fromisoformat(v) if isinstance(v, str) else v
            except ValueError:
                cache[v] = v
        out.append(cache[v])
    return out


def _booleans(values: list) -> list:
    return [v if v is None or isinstance(v, str) else bool(v) for v in values]


_CONVERTERS = {"date": _dates, "boolean": _booleans}


# -- which records ----------------------------------------------------------------------------
def sql_conditions(layer: ProfileLayer) -> list[FilterCondition]:
    """The profile's record conditions that SQL can narrow down (mount ones cannot)."""
    return [FilterCondition(c.field, _SQL_OPS[c.op], list(c.value) if c.op == "in" else c.value)
            for c in layer.filter if not c.on_mounts and c.op in _SQL_OPS]


def mounts_by_host(reg, kind_name: str) -> dict[str, list[dict]]:
    """Every mount on hosts of one kind, by host UUID: one read-only query."""
    names = [f.name for f in mount_fields()]
    rows = reg.conn.execute(
        f"SELECT {', '.join(q(n) for n in names)} FROM {MOUNTS} WHERE host_kind = ? ORDER BY id", (kind_name,))
    host = names.index("host_uuid")
    out: dict[str, list[dict]] = {}
    for row in rows:
        out.setdefault(row[host], []).append(dict(zip(names, row)))
    return out


def read_columns(reg, kind_name: str, conditions, columns: list[str]) -> dict:
    """``fid``, ``x``, ``y`` (arrays) and ``columns`` (lists) of the records matching
    structured ``conditions``, in fid order: one read-only query, transposed in C."""
    k = kind(kind_name)
    sql, params = to_sql(conditions, set(k.field_map) | {"fid"}, "t")
    cols = "".join(f", t.{q(c)}" for c in columns)
    rows = reg.conn.execute(
        f"SELECT t.fid, t.geom{cols} FROM {q(kind_name)} t WHERE {sql} ORDER BY t.fid", params).fetchall()
    if not rows:
        return {"fid": np.empty(0, dtype=np.int64), "x": np.empty(0), "y": np.empty(0), **{c: [] for c in columns}}
    fids, blobs, *values = zip(*rows)
    del rows
    x, y = decode_points(blobs)
    return {"fid": np.array(fids, dtype=np.int64), "x": x, "y": y,
            **{c: list(v) for c, v in zip(columns, values)}}


def read_matching(reg, layer: ProfileLayer, where: list[FilterCondition], fids, columns: list[str],
                  progress) -> dict:
    """``fid``, ``x``, ``y`` and ``columns`` of the records of ``layer.kind`` that satisfy
    ``where`` (structured, validated), lie among ``fids`` (None: all) and pass the profile
    layer's own filter, in fid order."""
    filter_fields = [c.field for c in layer.filter if not c.on_mounts]
    on_mounts = any(c.on_mounts for c in layer.filter)
    wanted = list(dict.fromkeys([*columns, *filter_fields, *(["uuid"] if on_mounts else [])]))
    conditions = [*sql_conditions(layer), *where]
    if fids is None:
        data = read_columns(reg, layer.kind, conditions, wanted)
    else:
        data = _read_fids(reg, layer.kind, conditions, fids, wanted, progress)
    if layer.filter:
        data = take(data, _passing(reg, layer, data, filter_fields, on_mounts))
    check_cancelled(progress)
    return data


def take(data: dict, keep) -> dict:
    """The rows ``keep`` (indices, ascending) of columnar ``data``."""
    keep = np.asarray(keep, dtype=np.int64)
    out = {}
    for name, values in data.items():
        out[name] = values[keep] if isinstance(values, np.ndarray) else [values[i] for i in keep.tolist()]
    return out


def _read_fids(reg, kind_name: str, conditions, fids, columns, progress) -> dict:
    fids = np.unique(np.asarray(list(fids) if not isinstance(fids, np.ndarray) else fids, dtype=np.int64))
    chunk = settings()["reading"]["selection_chunk"]
    parts = [read_columns(reg, kind_name, [*conditions, FilterCondition("fid", "in", [])], columns)]
    for start in range(0, len(fids), chunk):
        part = [int(f) for f in fids[start:start + chunk]]
        parts.append(read_columns(reg, kind_name, [*conditions, FilterCondition("fid", "in", part)], columns))
        check_cancelled(progress)
    # chunks are ascending fid ranges, so joined they stay in fid order
    return {name: (np.concatenate([p[name] for p in parts]) if isinstance(parts[0][name], np.ndarray)
                   else [v for p in parts for v in p[name]]) for name in parts[0]}


def _passing(reg, layer: ProfileLayer, data: dict, filter_fields: list[str], on_mounts: bool) -> list[int]:
    """Where the profile layer's filter holds: ``ProfileLayer.matches`` on each record that
    survived SQL, with its mounts."""
    n = len(data["fid"])
    candidates = range(n)
    mounts: dict[str, list[dict]] = {}
    uuids = data.get("uuid")
    if on_mounts:
        mounts = mounts_by_host(reg, layer.kind)
        # hosts where every mount condition holds for some mount: the only ones to test fully
        tests = [c for c in layer.filter if c.on_mounts]
        hosts = {h for h, ms in mounts.items() if all(c.matches({}, ms) for c in tests)}
        candidates = [i for i in range(n) if uuids[i] in hosts]
    arrays = [(name, data[name]) for name in filter_fields]
    return [i for i in candidates
            if layer.matches({name: values[i] for name, values in arrays},
                             mounts.get(uuids[i], ()) if uuids is not None else ())]


def column_values(data: dict, columns: list[Column]) -> dict[str, list]:
    """Output name → values, converted (names for codes, dates, booleans)."""
    return {c.field.name: (c.convert(data[c.source]) if c.convert is not None else data[c.source])
            for c in columns}


# where a stored value is not already in the form the Python path would write (then the
# GeoPackage writer does not copy the layer in SQL: the Python path converts it, or names the
# row it cannot read). Columns declared TEXT need no check: SQLite stores only text in them.
_NEEDS_PYTHON = {
    "text": "typeof({v}) NOT IN ('text', 'null')",
    "integer": "typeof({v}) NOT IN ('integer', 'null')",
    "real": "typeof({v}) NOT IN ('integer', 'real', 'null') OR abs({v}) > 1.7976931348623157e308",
    "date": "{v} IS NOT NULL AND (typeof({v}) != 'text' OR date({v}) IS NOT {v})",
    "boolean": "typeof({v}) NOT IN ('integer', 'null') OR {v} NOT IN (0, 1)",
}


def _literal(value) -> str:
    return "NULL" if value is None else "'" + str(value).replace("'", "''") + "'"


def sql_source(reg, kind_name: str, fids: np.ndarray, columns: list[Column]) -> SqliteSource:
    """The columns as SQL over the registry's table of ``kind_name``, for writers that copy
    inside SQLite. Names come from a CASE over the (short) vocabulary or organisation list:
    measured 4x faster than a lookup table."""
    declared = {row[1]: row[2].upper() for row in reg.conn.execute(f"PRAGMA table_info({q(kind_name)})")}
    expressions, checks = {}, {}
    for c in columns:
        raw = f"t.{q(c.source)}"
        name = c.field.name
        kind_type = "text" if c.labels is not None else c.field.type
        if not (kind_type == "text" and any(t in declared.get(c.source, "") for t in ("CHAR", "CLOB", "TEXT"))):
            checks[name] = _NEEDS_PYTHON[kind_type].format(v=raw)
        if c.labels is None:
            expressions[name] = raw
            continue
        # labels.get(v, v): the name, or the code itself when it has none (None stays None);
        # a code that is not text can never equal a stored text, as in Python
        cases = " ".join(f"WHEN {_literal(code)} THEN {_literal(label)}"
                         for code, label in c.labels.items() if isinstance(code, str))
        expressions[name] = f"CASE {raw} {cases} ELSE {raw} END" if cases else raw
    return SqliteSource(reg.path, kind_name, fids, expressions, checks)


class LazyColumns(Mapping):
    """Output name → values, read from the registry only when a writer first asks for
    them (a writer that copies in SQL never does). ``load`` returns the whole dict."""

    def __init__(self, names: list[str], load):
        self._names = list(names)
        self._load = load
        self._values: dict | None = None

    def _data(self) -> dict:
        if self._values is None:
            self._values, self._load = self._load(), None
        return self._values

    def __getitem__(self, name):
        return self._data()[name]

    def get(self, name, default=None):
        return self._data()[name] if name in self._names else default

    def __iter__(self):
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


class _Row(Mapping):
    """One row seen through the columns (what writers' ``row.get(name)`` reads)."""

    __slots__ = ("_columns", "_i")

    def __init__(self, columns: dict, i: int):
        self._columns = columns
        self._i = i

    def __getitem__(self, name):
        return self._columns[name][self._i]

    def get(self, name, default=None):
        values = self._columns.get(name)
        return default if values is None else values[self._i]

    def __iter__(self):
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)


class _Rows(Sequence):
    def __init__(self, columns: dict, n: int):
        self._columns = columns
        self._n = n

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [_Row(self._columns, j) for j in range(self._n)[i]]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        return _Row(self._columns, i)

    def __iter__(self):
        columns = self._columns
        return (_Row(columns, i) for i in range(self._n))


@dataclass
class ColumnarLayer(ExportLayer):
    """An export table kept by column, as it is read from the registry: writers ask for
    columns, so building a dict per row only to take them apart again is skipped (at 100k
    rows and 40 columns that was a third of the export). ``rows`` still reads row by row."""

    values: Mapping | None = None
    source: SqliteSource | None = None

    @classmethod
    def from_columns(cls, name: str, title: str, fields: list[ExportField], values: Mapping, x, y,
                     crs: int, style: dict | None, source: SqliteSource | None = None) -> "ColumnarLayer":
        return cls(name, title, fields, _Rows(values, len(x)), x, y, crs, style, values, source)

    def column(self, name: str) -> list:
        values = (self.values or {}).get(name)
        if values is not None:
            f = next(f for f in self.fields if f.name == name)
            if set(map(type, values)) <= {_NATIVE[f.type], type(None)}:
                if f.type != "real" or all(map(math.isfinite, [v for v in values if v is not None])):
                    return values
        return super().column(name)   # converts, and names the row it cannot read
