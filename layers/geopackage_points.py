"""A fast way into a delivered GeoPackage point layer: straight through SQLite, the
geometry blobs decoded in one numpy call (:func:`assets.geopackage.decode_points`).

fiona spends ~40 µs of Python per feature (stack-notes), most of an import of a large
GeoPackage. A point layer needs none of GDAL's generality, so the importer reads it here
and falls back to :func:`layers.sources.read_source` for anything else (other geometry
types, several layers, a file SQLite cannot open read-only)."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

from assets import geopackage as gpkg
from assets.progress import check_cancelled, ensure

from .sources import SourceTable
from .sources.table import LazyPoints, LazyRows  # noqa: F401 - their home was here
from .sources.coordinates import settle_crs, user_crs

_CHUNK = 50_000
_INTERN_LIMIT = 10_000  # distinct values kept per column before interning stops paying
_SAMPLE = 1_000  # rows looked at to tell a column of distinct values


def read_point_layer(path, *, layer: str | None = None, crs=None, progress=None, wanted=None) -> SourceTable | None:
    """The point layer of a GeoPackage as a :class:`SourceTable`, or None when this fast
    path does not apply (the caller then uses the general reader).

    ``wanted(columns) -> columns`` picks the attribute columns to read (an importer that
    knows its mapping reads only those: the others would cost time and memory for nothing)."""
    path = Path(path)
    if path.suffix.casefold() != ".gpkg" or not path.is_file():
        return None
    progress = ensure(progress)
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            return _read(conn, path, layer, crs, progress, wanted)
    except (sqlite3.Error, UnicodeDecodeError):  # damaged, or text not in UTF-8: GDAL's reader copes
        return None


def _read(conn, path: Path, layer, crs, progress, wanted=None) -> SourceTable | None:
    layers = conn.execute("SELECT c.table_name, g.column_name, g.geometry_type_name, g.srs_id FROM gpkg_contents c "
                          "JOIN gpkg_geometry_columns g ON g.table_name = c.table_name "
                          "WHERE c.data_type = 'features'").fetchall()
    chosen = [row for row in layers if layer is None or row[0] == layer]
    if len(chosen) != 1 or chosen[0][2].upper() != "POINT":
        return None
    table, geom_column, _, srs_id = chosen[0]
    pk = [r[1] for r in conn.execute(f"PRAGMA table_info({gpkg.q(table)})") if r[5]]
    columns = [r[1] for r in conn.execute(f"PRAGMA table_info({gpkg.q(table)})")
               if r[1] != geom_column and r[1] not in pk]
    if wanted is not None:
        keep = set(wanted(columns))
        columns = [c for c in columns if c in keep]
    total = conn.execute(f"SELECT count(*) FROM {gpkg.q(table)}").fetchone()[0]
    progress.set_total(total)
    select = ", ".join(gpkg.q(c) for c in [geom_column, *columns])
    values: list[list] = [[] for _ in columns]
    interned: list[dict] = [{} for _ in columns]  # a ledger repeats its owners: keep one copy of each
    xs: list = []
    ys: list = []
    done = 0
    cursor = conn.execute(f"SELECT {select} FROM {gpkg.q(table)} ORDER BY rowid")
    while True:
        chunk = cursor.fetchmany(_CHUNK)
        if not chunk:
            break
        parts = list(zip(*chunk))
        try:  # a chunk's blobs at a time: a million bytes objects would be ~70 MB
            x, y = gpkg.decode_points(parts[0])
        except (ValueError, shapely.errors.GEOSException):
            return None
        xs.append(x)
        ys.append(y)
        for col, memo, part in zip(values, interned, parts[1:]):
            col.extend(_shared(part, memo))
        done += len(chunk)
        progress.advance(done)
        check_cancelled(progress)
    x = np.concatenate(xs) if xs else np.empty(0)
    y = np.concatenate(ys) if ys else np.empty(0)
    result = PointTable(path=str(path), layer=table, driver="GPKG", columns=columns, rows=[], geometries=[],
                        encoding="UTF-8", encoding_source="file")
    result.set_columns(dict(zip(columns, values)), len(x))
    result.set_xy(x, y)
    settle_crs(result, _srs(conn, srs_id), user_crs(crs))
    return result


def _shared(part: tuple, memo: dict):
    """A chunk of one column with repeated values sharing one object (``memo`` across
    chunks); a column of one type only (1, 1.0 and True would share a key)."""
    if len(memo) >= _INTERN_LIMIT or len(set(part[:_SAMPLE])) * 2 > len(part[:_SAMPLE]):
        return part  # interning stopped paying, or a column of mostly distinct values
    kinds = set(map(type, part))
    kinds.discard(type(None))
    if len(kinds) > 1:
        return part
    distinct = set(part)
    if len(distinct) * 2 > len(part):
        return part
    for v in distinct:
        memo.setdefault(v, v)
    return map(memo.__getitem__, part)


@dataclass
class PointTable(SourceTable):
    """A :class:`SourceTable` read by this fast path (its columns and coordinates as arrays)."""


def _srs(conn, srs_id: int) -> CRS | None:
    row = conn.execute("SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys "
                       "WHERE srs_id = ?", (srs_id,)).fetchone()
    if row is None or srs_id in (0, -1):
        return None
    organization, code, definition = row
    try:
        if str(organization).upper() == "EPSG":
            return CRS.from_epsg(int(code))
        return CRS.from_user_input(definition)
    except (CRSError, ValueError, TypeError):
        return None
