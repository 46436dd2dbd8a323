"""GeoPackage writer: one table per kind, Chinese column titles in gpkg_data_columns, a
QGIS style per layer in layer_styles, an R-tree spatial index.

Written with sqlite3 directly (GeoPackage binary = "GP", version, flags, srs_id, WKB):
a point blob is built for all rows at once with numpy, and the R-tree is bulk-loaded
as a packed tree (assets.rtree_pack), which is what makes it faster than ogr2ogr. Layers
whose values lie in an SQLite file (registry exports) are copied from it inside SQLite
(gpkg_copy.py). GDAL through pyogrio was measured too and not used: it writes a 100k x 40
column registry export in about the time ogr2ogr takes, before reading the registry."""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import numpy as np

from . import gpkg_schema as S
from . import gpkg_copy
from assets.geopackage import encode_points
from assets.rtree_pack import pack
from .context import WriteContext, remove_existing, with_extension
from .errors import BadExportTable, ExportWriteFailed
from .qml import layer_qml
from .table import ExportLayer
from .target import Target

_CHUNK = 20_000
_RESERVED = {"fid", "geom"}
_CUSTOM_SRS_ID = 100_000

def point_blobs(x: np.ndarray, y: np.ndarray, srs_id: int) -> list[bytes | None]:
    """GeoPackage geometry blobs for points; None where x or y is NaN (no position)."""
    blobs: list[bytes | None] = encode_points(x, y, srs_id)
    for i in np.flatnonzero(~(np.isfinite(x) & np.isfinite(y))):
        blobs[i] = None
    return blobs


def write(layers: list[ExportLayer], out_path: Path, ctx: WriteContext) -> list[Path]:
    path = with_extension(out_path, "gpkg")
    part = path.with_name(path.name + ".part")
    remove_existing(part)
    try:
        # a URI connection, so registry files can be attached read-only (gpkg_copy)
        con = sqlite3.connect(part.resolve().as_uri(), isolation_level=None, uri=True)
    except sqlite3.Error as exc:
        raise ExportWriteFailed(path=str(path), detail=str(exc)) from None
    try:
        # the file is a temporary until renamed, so durability while writing buys nothing
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        con.execute(f"PRAGMA application_id={S.APPLICATION_ID}")
        con.execute(f"PRAGMA user_version={S.USER_VERSION}")
        con.execute("PRAGMA temp_store=MEMORY")
        attached = gpkg_copy.attach_sources(con, layers)
        con.execute("BEGIN")
        for statement in S.CORE.split(";"):
            if statement.strip():
                con.execute(statement)
        srs_id = _write_srs(con, ctx.target)
        con.executemany("INSERT INTO gpkg_extensions VALUES (?,?,?,?,?)", S.SCHEMA_EXTENSION)
        con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description) "
                    "VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS layer styles')")
        for layer in layers:
            _write_layer(con, layer, srs_id, ctx, gpkg_copy.source_schema(layer, attached))
        con.execute("COMMIT")
    except sqlite3.Error as exc:
        con.close()
        remove_existing(part)
        raise ExportWriteFailed(path=str(path), detail=str(exc)) from None
    except BaseException:
        con.close()
        remove_existing(part)
        raise
    con.close()
    remove_existing(path)
    os.replace(part, path)
    return [path]


def _write_srs(con: sqlite3.Connection, target: Target) -> int:
    from pyproj import CRS
    con.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", S.UNDEFINED_SRS)
    wgs84 = CRS.from_epsg(4326)
    rows = {4326: (wgs84.name, 4326, "EPSG", 4326, wgs84.to_wkt("WKT1_GDAL"),
                   "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid")}
    srs_id = target.epsg if target.epsg is not None else _CUSTOM_SRS_ID
    if srs_id not in rows:
        org = "EPSG" if target.epsg is not None else "NONE"
        rows[srs_id] = (target.crs.name, srs_id, org, srs_id, target.wkt("WKT1_GDAL"), target.label)
    con.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", list(rows.values()))
    return srs_id


def _write_layer(con: sqlite3.Connection, layer: ExportLayer, srs_id: int, ctx: WriteContext,
                 schema: str | None = None) -> None:
    table = layer.name
    clash = [f.name for f in layer.fields if f.name.lower() in _RESERVED]
    if clash:
        raise BadExportTable(layer=table, detail=f"field name {clash[0]} is reserved in GeoPackage")
    x, y = ctx.target.xy(layer)
    columns = ", ".join(f"{S.quote(f.name)} {S.SQL_TYPES[f.type]}" for f in layer.fields)
    con.execute(f"CREATE TABLE {S.quote(table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
                f"geom POINT{', ' + columns if columns else ''})")
    blobs = point_blobs(x, y, srs_id)
    style_values = None
    if schema is not None and gpkg_copy.copy_layer(con, layer, schema, blobs, ctx, _CHUNK):
        style_values = gpkg_copy.style_values(con, layer)
    else:
        _insert_rows(con, layer, blobs, ctx)
    _write_rtree(con, table, x, y)
    ok = np.isfinite(x) & np.isfinite(y)
    bbox = (float(x[ok].min()), float(y[ok].min()), float(x[ok].max()), float(y[ok].max())) if ok.any() else (None,) * 4
    con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, "
                "min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?, ?)",
                (table, layer.title or table, layer.title, _now(), *bbox, srs_id))
    con.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POINT', ?, 0, 0)", (table, srs_id))
    con.executemany("INSERT INTO gpkg_data_columns (table_name, column_name, name, title) VALUES (?,?,?,?)",
                    [(table, f.name, f.name, f.title) for f in layer.fields])
    con.execute("INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, "
                "styleName, styleQML, styleSLD, useAsDefault, description, owner, ui) "
                "VALUES ('', '', ?, 'geom', ?, ?, '', 1, ?, '', '')",
                (table, layer.title or table, layer_qml(layer, style_values), f"XiuCity {layer.title}"))


def _insert_rows(con: sqlite3.Connection, layer: ExportLayer, blobs: list, ctx: WriteContext) -> None:
    values = [_sql_values(layer, f) for f in layer.fields]
    fids = range(1, len(layer) + 1)
    marks = ", ".join("?" * (len(layer.fields) + 2))
    insert = f"INSERT INTO {S.quote(layer.name)} VALUES ({marks})"
    rows = list(zip(fids, blobs, *values))
    for start in range(0, len(rows), _CHUNK):
        con.executemany(insert, rows[start:start + _CHUNK])
        ctx.advance(min(_CHUNK, len(rows) - start), layer.title)


def _write_rtree(con: sqlite3.Connection, table: str, x: np.ndarray, y: np.ndarray) -> None:
    name = f"rtree_{table}_geom"
    con.execute(f"CREATE VIRTUAL TABLE {S.quote(name)} USING rtree(id, minx, maxx, miny, maxy)")
    ok = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
    pack(con, name, ok + 1, x[ok], x[ok], y[ok], y[ok])
    for statement in S.rtree_sql(table):
        con.execute(statement)
    con.execute("INSERT INTO gpkg_extensions VALUES (?, 'geom', 'gpkg_rtree_index', ?, 'write-only')",
                (table, S.SPEC + "#extension_rtree"))


def _sql_values(layer: ExportLayer, field) -> list:
    values = layer.column(field.name)
    if field.type == "date":
        return [v.isoformat() if v is not None else None for v in values]
    if field.type == "boolean":
        return [None if v is None else int(v) for v in values]
    return values


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
