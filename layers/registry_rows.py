"""Registry records as the rows of an export table: the matching records of one layer read
in bulk (one query per kind, plus one for the mounts when a filter looks at them), and
values brought into the form people read — names beside codes, dates as dates, booleans
as booleans, identifiers as text.

Used by :mod:`layers.registry_export`; nothing here writes files."""
from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

import resources
from assets.filters import Condition as FilterCondition
from assets.geopackage import q
from assets.kinds import kind, mount_fields
from assets.progress import check_cancelled
from assets.schema import MOUNTS
from layers.export.profiles import ProfileLayer
from layers.export.table import ExportField

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
            out.append(Column(ExportField(pf.output, pf.alias, "text"), pf.name, convert))
            continue
        stem = pf.output[:-len("_code")] if pf.output.endswith("_code") else pf.output
        name = stem + opts["name_suffix"]
        while name in taken:
            name += "_"
        taken.add(name)
        out.append(Column(ExportField(pf.output, pf.alias + opts["code_title_suffix"], "text"), pf.name))
        out.append(Column(ExportField(name, pf.alias, "text"), pf.name, convert))
    return out


def _labels(k, f, organisations: dict[str, str]) -> dict[str, str]:
    if f.type == "org":
        return organisations
    vocab = k.subtypes if f.type == "subtype" else f.vocabulary()
    return {e.code: e.label for e in vocab.entries} if vocab is not None else {}


def _labeller(labels: dict[str, str]):
    def convert(values: list) -> list:
        get = labels.get
        return [v if v is None else get(v, v) for v in values]
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


def read_matching(reg, layer: ProfileLayer, where: list[FilterCondition], fids, columns: list[str],
                  progress) -> dict[str, np.ndarray]:
    """``fid``, ``x``, ``y`` and ``columns`` of the records of ``layer.kind`` that satisfy
    ``where`` (structured, validated), lie among ``fids`` (None: all) and pass the profile
    layer's own filter, in fid order."""
    filter_fields = [c.field for c in layer.filter if not c.on_mounts]
    on_mounts = any(c.on_mounts for c in layer.filter)
    wanted = list(dict.fromkeys([*columns, *filter_fields, *(["uuid"] if on_mounts else [])]))
    conditions = [*sql_conditions(layer), *where]
    if fids is None:
        data = reg.points(layer.kind, where=conditions, columns=tuple(wanted))
    else:
        data = _points_of(reg, layer.kind, conditions, fids, wanted, progress)
    order = np.argsort(data["fid"], kind="stable")
    data = {name: values[order] for name, values in data.items()}
    if layer.filter:
        keep = _passing(reg, layer, data, filter_fields, on_mounts)
        data = {name: values[keep] for name, values in data.items()}
    check_cancelled(progress)
    return data


def _points_of(reg, kind_name: str, conditions, fids, columns, progress) -> dict[str, np.ndarray]:
    fids = np.unique(np.asarray(list(fids) if not isinstance(fids, np.ndarray) else fids, dtype=np.int64))
    chunk = settings()["reading"]["selection_chunk"]
    parts = []
    for start in range(0, len(fids), chunk):
        part = [int(f) for f in fids[start:start + chunk]]
        parts.append(reg.points(kind_name, where=[*conditions, FilterCondition("fid", "in", part)],
                                columns=tuple(columns)))
        check_cancelled(progress)
    if not parts:
        parts.append(reg.points(kind_name, where=[FilterCondition("fid", "in", [])], columns=tuple(columns)))
    return {name: np.concatenate([p[name] for p in parts]) for name in parts[0]}


def _passing(reg, layer: ProfileLayer, data: dict, filter_fields: list[str], on_mounts: bool) -> np.ndarray:
    """Where the profile layer's filter holds: ``ProfileLayer.matches`` on each record that
    survived SQL, with its mounts."""
    n = len(data["fid"])
    candidates = np.arange(n)
    mounts: dict[str, list[dict]] = {}
    if on_mounts:
        mounts = mounts_by_host(reg, layer.kind)
        # hosts where every mount condition holds for some mount: the only ones to test fully
        tests = [c for c in layer.filter if c.on_mounts]
        hosts = {h for h, ms in mounts.items() if all(c.matches({}, ms) for c in tests)}
        uuids = data["uuid"]
        candidates = np.fromiter((i for i in range(n) if uuids[i] in hosts), dtype=np.int64)
    names = filter_fields
    arrays = [data[name] for name in names]
    uuids = data.get("uuid")
    keep = [i for i in candidates
            if layer.matches({name: arr[i] for name, arr in zip(names, arrays)},
                             mounts.get(uuids[i], ()) if uuids is not None else ())]
    return np.asarray(keep, dtype=np.int64)


def rows_of(data: dict, columns: list[Column]) -> list[dict]:
    """Row dicts keyed by output name, built column-wise (one pass per column, then one zip)."""
    names = [c.field.name for c in columns]
    values = []
    for c in columns:
        raw = data[c.source].tolist()
        values.append(c.convert(raw) if c.convert is not None else raw)
    return [dict(zip(names, row)) for row in zip(*values)]
