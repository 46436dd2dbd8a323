"""From a delivered file to the registry: read (:mod:`layers.sources`), map columns to
fields (:mod:`layers.field_mapping`), bring coordinates into the registry's CRS
(:mod:`layers.crs`, GCJ-02 included), stage with findings (:mod:`assets.staging`) and
commit in one transaction.

>>> report = import_file(registry, "井盖台账.xlsx", kind="manholes", dry_run=True)  # doctest: +SKIP
>>> report.summary()                                                           # doctest: +SKIP

Mapping runs column by column over each column's distinct values (a ledger repeats its
owners and inscriptions), which gives the same records as
:func:`layers.field_mapping.map_record` row by row at a fraction of the cost."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import numpy as np
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError, ProjError

from assets import import_findings as F
from assets.errors import XiuCityError
from assets.i18n import QT_TRANSLATE_NOOP
from assets.import_report import ImportReport
from assets.kinds import KIND_NAMES, find_kind, kind as get_kind
from assets.progress import ensure
from assets.staging import Staging

from . import crs as crsmod
from .geopackage_points import read_point_layer
from .field_mapping import MOUNTS, MappingError, MappingTemplate, load_template, map_record, propose_mapping
from .sources import SourceTable, read_source
from .sources.table import LazyRows, normalise_header


class ImportFailed(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Cannot import {path}: {detail}")


class UnknownSourceCRS(ImportFailed):
    text = QT_TRANSLATE_NOOP(
        "Errors", "The coordinate system of {path} is unknown; give it with --crs (for example EPSG:4490 or gcj02).")


class KindNeeded(ImportFailed):
    text = QT_TRANSLATE_NOOP(
        "Errors", "Which kind of asset does {path} hold? Give --kind (manholes, poles, boxes, billboards, toilets, trees) or a column naming each row's kind.")  # noqa: E501


class UnknownKind(ImportFailed):
    text = QT_TRANSLATE_NOOP("Errors", "Unknown kind {kind}; use one of: {kinds}.")


class TemplateKindMismatch(ImportFailed):
    text = QT_TRANSLATE_NOOP("Errors", "The template {path} is for {template}, not for {kind}.")


class EmptySource(ImportFailed):
    text = QT_TRANSLATE_NOOP("Errors", "{path} holds no rows to import.")


class CRSNotConvertible(ImportFailed):
    text = QT_TRANSLATE_NOOP(
        "Errors", "Coordinates in {crs} cannot be converted to the registry's coordinate system ({detail}); give the right one with --crs.")  # noqa: E501


def resolve_kind(text: str | None) -> str | None:
    """An asset kind's table name from its name or Chinese/English label (检查井 → manholes)."""
    if text is None:
        return None
    found = find_kind(text)
    if found is None:
        raise UnknownKind(kind=text, kinds=", ".join(KIND_NAMES))
    return found.name


def first_row_number(table: SourceTable) -> int:
    """The number a user sees for the first data row (ledgers: the header is row 1)."""
    if table.driver in ("CSV", "XLSX"):
        return 1 + F.settings()["header_rows"]
    return 1


# -- kinds from a column -------------------------------------------------------------------
def kind_column(table: SourceTable) -> str | None:
    """The column that names each row's kind: one whose header says so and whose values are
    kinds; or any column whose every value is a kind name."""
    wanted = [normalise_header(t) for t in F.settings()["kind_columns"]]
    ordered = sorted(table.columns, key=lambda c: wanted.index(normalise_header(c))
                     if normalise_header(c) in wanted else len(wanted))
    for column in ordered:
        values = {str(v).strip() for v in table.column(column) if v not in (None, "")}
        if not values or len(values) > len(KIND_NAMES) * 6:
            continue
        known = sum(find_kind(v) is not None for v in values)
        if known == len(values) or (normalise_header(column) in wanted and known):
            return column
    return None


# -- mapping, column by column -------------------------------------------------------------
_PLAIN = ("text", "integer", "real", "date", "boolean")  # types map_record leaves as they are


def map_columns(rows, mapping: dict[str, str], kind_name: str, *, values=None, organisations=None,
                source_columns: dict[str, list] | None = None
                ) -> tuple[dict[str, list], list | None, dict[int, XiuCityError]]:
    """(field → values, mounts per row or None, {row index: mapping error}) for ``rows``.

    Each distinct value of a column goes through :func:`map_record` once; what an
    inscription suggests (subtype, owner) fills only rows that name none themselves.
    ``source_columns`` gives the rows as columns instead (a reader that keeps them so)."""
    columns: dict[str, list] = {}
    suggested: dict[str, list] = {}
    mounts = None
    errors: dict[int, XiuCityError] = {}
    k = get_kind(kind_name)
    for source, target in mapping.items():
        f = k.field_map.get(target)
        if (f is not None and f.type in _PLAIN and target != "inscription"
                and not (values or {}).get(target)):
            # map_record passes these through, only emptiness becomes None
            columns[target] = [None if v is None or (isinstance(v, str) and not v.strip()) else v
                               for v in _column(rows, source, source_columns)]
            continue
        raw = _column(rows, source, source_columns)
        # distinct values: by value when the column has one type (the usual case), else
        # by (type, value) so 1 and "1" stay apart
        one_type = len(set(map(type, raw)) - {type(None)}) <= 1 and not any(isinstance(v, (list, dict))
                                                                              for v in raw[:1])
        keys = raw if one_type else [(type(v), repr(v)) for v in raw]
        table = {}
        # each distinct value once, by its first row (C-level: the walk over a million rows
        # is the cost here, not the few distinct values)
        for key, value in dict(zip(reversed(keys), reversed(raw))).items():
            try:
                table[key] = map_record({source: value}, {source: target}, kind_name, values=values,
                                        organisations=organisations)
            except MappingError as error:
                table[key] = error
        empty = [] if target == MOUNTS else None
        if any(isinstance(hit, XiuCityError) for hit in table.values()):
            for i, key in enumerate(keys):
                if isinstance(table[key], XiuCityError):
                    errors[i] = table[key]
        mapped = {key: empty if isinstance(hit, XiuCityError) else hit.get(target) for key, hit in table.items()}
        out = list(map(mapped.__getitem__, keys))
        extra_out: dict[str, list] = {}
        for name in {name for hit in table.values() if isinstance(hit, dict) for name in hit if name != target}:
            mapped = {key: hit.get(name) if isinstance(hit, dict) else None for key, hit in table.items()}
            extra_out[name] = list(map(mapped.__getitem__, keys))
        if target == MOUNTS:
            mounts = out
        else:
            columns[target] = out
        for name, col in extra_out.items():
            suggested.setdefault(name, col)
    for name, col in suggested.items():
        own = columns.get(name)
        columns[name] = col if own is None else [o if o not in (None, "") else s for o, s in zip(own, col)]
    return columns, mounts, errors


def _column(rows, source: str, source_columns) -> list:
    if source_columns is not None:
        return source_columns.get(source) or [None] * len(rows)
    return [row.get(source) for row in rows]


# -- coordinates ---------------------------------------------------------------------------
@lru_cache(maxsize=32)
def _transformer(src_wkt: str, dst: int) -> Transformer:
    return Transformer.from_crs(CRS.from_user_input(src_wkt), CRS.from_epsg(dst), always_xy=True)


def to_registry_crs(x, y, src, dst: int):
    """Like :func:`layers.crs.transform`, but a pyproj CRS goes straight to a cached
    Transformer: comparing a CRS with the "gcj02" marker makes pyproj parse the string
    (~0.1 s a comparison)."""
    if isinstance(src, str):  # the GCJ-02 marker
        return crsmod.transform(x, y, src, dst)
    epsg = src.to_epsg()
    if epsg == dst:
        return np.asarray(x, float).copy(), np.asarray(y, float).copy()
    try:
        return _transformer(f"EPSG:{epsg}" if epsg else src.to_wkt(), dst).transform(x, y)
    except (ProjError, CRSError) as exc:  # a .prj of another planet, an engineering CRS, ...
        raise CRSNotConvertible(crs=crs_label(src), detail=str(exc).splitlines()[0][:200]) from None


def crs_label(crs) -> str:
    if isinstance(crs, str):
        return "GCJ-02"
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.name


def registry_points(table: SourceTable, registry, crs=None) -> tuple[np.ndarray, np.ndarray, dict]:
    """x, y in the registry's CRS (NaN where a row has no point) and ``{row index:
    (reason, values)}`` for geometries that are not points."""
    src = crsmod.parse_crs(crs) if crs is not None else table.crs
    if getattr(table, "xy", None):  # a reader that kept the coordinates as arrays
        x, y = (np.array(a, dtype=float) for a in table.xy)
        return _moved(table, registry, src, x, y, {})
    geoms = np.array(table.geometries, dtype=object)
    n = len(geoms)
    x = np.full(n, np.nan)
    y = np.full(n, np.nan)
    issues: dict = {}
    if n:
        present = ~shapely.is_missing(geoms) & ~shapely.is_empty(geoms)
        types = shapely.get_type_id(geoms)
        single = present & (types == 4) & (shapely.get_num_geometries(geoms) == 1)  # a MultiPoint of one
        geoms[single] = shapely.get_geometry(geoms[single], 0)
        types[single] = 0
        point = present & (types == 0)
        x[point], y[point] = shapely.get_x(geoms[point]), shapely.get_y(geoms[point])
        for i in np.flatnonzero(present & ~point):
            issues[int(i)] = (F.NOT_A_POINT, {"geometry": geoms[i].geom_type})
    return _moved(table, registry, src, x, y, issues)


def _moved(table, registry, src, x, y, issues):
    if not len(x) or not np.isfinite(x).any():
        return x, y, issues
    if src is None:
        raise UnknownSourceCRS(path=table.path)
    ok = np.isfinite(x) & np.isfinite(y)
    with np.errstate(all="ignore"):
        tx, ty = to_registry_crs(x[ok], y[ok], src, registry.crs)
    x[ok], y[ok] = np.where(np.isfinite(tx), tx, np.inf), np.where(np.isfinite(ty), ty, np.inf)
    return x, y, issues


# -- the whole way -------------------------------------------------------------------------
def stage_file(registry, path, *, kind: str | None = None, layer: str | None = None, template=None,
               crs=None, encoding: str | None = None, on_duplicate: str = "skip", allow_outside: bool = False,
               subtype: str | None = None, progress=None, table: SourceTable | None = None) -> Staging:
    """Read ``path`` and stage its rows (nothing is written). See :func:`import_file`."""
    progress = ensure(progress)
    tpl: MappingTemplate | None = load_template(template) if isinstance(template, (str, Path)) else template
    kind_name = resolve_kind(kind) if kind else None
    if tpl is not None:
        if kind_name and tpl.kind != kind_name:
            raise TemplateKindMismatch(path=str(template), template=tpl.kind, kind=kind_name)
        kind_name = tpl.kind
        crs = crs if crs is not None else tpl.crs
        encoding = encoding or tpl.encoding
        layer = layer or tpl.layer
    owned = table is None
    if table is None:
        wanted = None
        if kind_name is not None:  # the mapping is known from the names: read only its columns
            wanted = (lambda columns: list(tpl.columns)) if tpl else (lambda columns: list(propose_mapping(columns, kind_name)))
        table = read_point_layer(path, layer=layer, crs=crs, progress=progress, wanted=wanted)
    if table is None:
        table = read_source(path, layer=layer, encoding=encoding, crs=crs, progress=progress,
                            x_column=tpl.x_column if tpl else None, y_column=tpl.y_column if tpl else None)
    if not len(table):
        raise EmptySource(path=table.path)
    x, y, issues = registry_points(table, registry)
    staging = Staging(registry, source=str(table.path), layer=table.layer,
                      crs=crs_label(table.crs) if table.crs is not None else None,
                      on_duplicate=on_duplicate, allow_outside=allow_outside, warnings=table.warnings,
                      note=Path(str(table.path)).name)
    start = first_row_number(table)
    groups = _kind_groups(table, kind_name, staging, start)
    organisations = registry.organisations()
    photos = _photos(table) if table.driver == "photos" else None
    full = getattr(table, "column_values", None)
    total = len(table.rows)
    last = len(groups) - 1
    for g, (name, index) in enumerate(groups.items()):
        whole = len(index) == total
        source_columns = None if full is None else (
            full if whole else {c: [col[i] for i in index.tolist()] for c, col in full.items()})
        if source_columns is not None:  # row dicts only on demand
            rows = LazyRows(source_columns, len(index))
        else:
            rows = table.rows if whole else [table.rows[i] for i in index]
        mapping = dict(tpl.columns) if tpl else propose_mapping(table.columns, name)
        if table.driver == "photos":
            mapping = {c: f for c, f in mapping.items() if f != "photo"}  # the file, not its path, is kept
        columns, mounts, errors = map_columns(rows, mapping, name, values=tpl.values if tpl else None,
                                              organisations=organisations, source_columns=source_columns)
        n = len(rows)
        if subtype is not None:
            columns["subtype"] = [v if v not in (None, "") else subtype for v in columns.get("subtype", [None] * n)]
        if table.driver == "photos":
            columns["init_date"] = [r.get("taken_at") for r in rows]
        del rows, source_columns
        if owned and g == last:
            # the mapped columns hold what staging needs: let the file's own columns (and
            # its unmapped ones) go before staging makes its own
            _release(table)
        local_issues = {j: issues[i] for j, i in enumerate(index.tolist()) if i in issues} if issues else {}
        batch_photos = [photos[i] for i in index] if photos is not None else None
        staging.add(name, np.asarray(index) + start, columns, x[index], y[index], mounts=mounts,
                    photos=batch_photos, position_issues=local_issues, row_errors=errors)
        del columns
    if owned:
        _release(table)
    return staging


def _release(table: SourceTable) -> None:
    """Empty a table read for staging only: its rows are most of the memory."""
    table.rows.clear()
    table.geometries.clear()
    if table.column_values is not None:
        table.column_values, table.xy = {}, ()


def _kind_groups(table: SourceTable, kind_name: str | None, staging: Staging, start: int) -> dict[str, np.ndarray]:
    n = len(table.rows)
    if kind_name:
        return {kind_name: np.arange(n)}
    column = kind_column(table)
    if column is None:
        raise KindNeeded(path=table.path)
    given = table.column(column)
    memo: dict = {}
    names = []
    for value in given:
        key = value if isinstance(value, (str, int, float, type(None))) else str(value)
        if key not in memo:
            found = find_kind(str(value)) if value not in (None, "") else None
            memo[key] = found.name if found else None
        names.append(memo[key])
    names = np.array(names, dtype=object)
    unknown = np.flatnonzero(names == None)  # noqa: E711 - elementwise on an object array
    for i in unknown.tolist():
        staging.reject([i + start], F.UNKNOWN_KIND, value=given[i] or "")
    return {name: np.flatnonzero(names == name) for name in KIND_NAMES if (names == name).any()}


def _photos(table: SourceTable) -> list:
    from .photo_store import photo_from_file
    return [photo_from_file(Path(r["photo"]), r.get("taken_at")) for r in table.rows]


def import_file(registry, path, *, dry_run: bool = False, progress=None, **options) -> ImportReport:
    """Import a delivered file into ``registry``: read, map, stage, then (unless
    ``dry_run``) commit in ONE transaction with the report stored beside the assets.

    Options: ``kind`` (a kind name or label; else a column naming each row's kind),
    ``layer``, ``template`` (a saved :class:`MappingTemplate` or its path), ``crs``
    (overrides the file's; ``"gcj02"`` for 高德/腾讯 picks), ``encoding``,
    ``on_duplicate`` (skip | update | insert), ``allow_outside`` (take rows outside the
    registry's area), ``subtype`` (for rows that give none). Nothing is written on
    ``dry_run`` or on any error."""
    progress = ensure(progress)
    with _collector_paused():
        staging = stage_file(registry, path, progress=Phase(progress, 0, 2), **options)
        if dry_run:
            return staging.report(dry_run=True)
        return staging.commit(Phase(progress, 1, 2))


class Phase:
    """One of ``count`` equal parts of a progress bar: reading fills the first half,
    writing the second, so the bar a user watches moves once, from left to right."""

    SCALE = 1000

    def __init__(self, outer, index: int, count: int):
        self.outer, self.index, self.count = outer, index, count
        self.total = None
        if index == 0:
            outer.set_total(self.SCALE * count)

    def set_total(self, total) -> None:
        self.total = total

    def advance(self, done, message=None) -> None:
        part = min(1.0, done / self.total) if self.total else 0.0
        self.outer.advance(int(self.SCALE * (self.index + part)), message)

    def cancelled(self) -> bool:
        return self.outer.cancelled()


@contextmanager
def _collector_paused():
    """Staging makes millions of small objects and no cycles; Python's cyclic collector
    would walk them all again and again (a fifth of a 100k-row import)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
