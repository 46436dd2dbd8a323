"""The GeoPackage container: its metadata tables, the standard geometry blob, the R-tree
spatial index extension and column titles.

Written against OGC GeoPackage 1.4 (``PRAGMA application_id`` 'GPKG', user_version 10400)
so that QGIS, ArcGIS and GDAL open a registry directly. SQLite here cannot load
SpatiaLite, so the ``ST_*`` functions the R-tree triggers call are registered in Python on
every connection (:func:`register_functions`).
"""
from __future__ import annotations

import math
import sqlite3
import struct
from typing import Iterable

import numpy as np
import shapely
from pyproj import CRS

APPLICATION_ID = 0x47504B47  # "GPKG"
USER_VERSION = 10400         # GeoPackage 1.4.0

_HEADER = struct.Struct("<2sBBi")       # magic, version, flags, srs_id
_ENVELOPE_XY = struct.Struct("<4d")
_POINT_WKB = struct.Struct("<BIdd")      # byte order, type 1, x, y
_POINT_FLAGS = 0x01                      # little endian, no envelope, not empty
_ENVELOPE_FLAGS = 0x03                   # little endian, xy envelope
_EMPTY_FLAG = 0x10

# Point blob as numpy record: 8-byte header then a 21-byte WKB point
POINT_BLOB_DTYPE = np.dtype([
    ("magic", "S2"), ("version", "u1"), ("flags", "u1"), ("srs", "<i4"),
    ("order", "u1"), ("wkb_type", "<u4"), ("x", "<f8"), ("y", "<f8"),
])
assert POINT_BLOB_DTYPE.itemsize == 29


def encode_point(x: float, y: float, srs_id: int) -> bytes:
    return _HEADER.pack(b"GP", 0, _POINT_FLAGS, srs_id) + _POINT_WKB.pack(1, 1, x, y)


def encode_points(x: np.ndarray, y: np.ndarray, srs_id: int) -> list[bytes]:
    """Blobs for many points at once (numpy builds them; Python only slices)."""
    n = len(x)
    rec = np.empty(n, dtype=POINT_BLOB_DTYPE)
    rec["magic"] = b"GP"
    rec["version"] = 0
    rec["flags"] = _POINT_FLAGS
    rec["srs"] = srs_id
    rec["order"] = 1
    rec["wkb_type"] = 1
    rec["x"] = x
    rec["y"] = y
    raw = rec.tobytes()
    size = POINT_BLOB_DTYPE.itemsize
    return [raw[i:i + size] for i in range(0, n * size, size)]


def encode_geometry(geom, srs_id: int) -> bytes | None:
    """Any shapely geometry as a GeoPackage blob (points without, others with an envelope)."""
    if geom is None:
        return None
    if geom.is_empty:
        return _HEADER.pack(b"GP", 0, _POINT_FLAGS | _EMPTY_FLAG, srs_id) + shapely.to_wkb(geom, byte_order=1)
    if geom.geom_type == "Point" and not geom.has_z:
        return encode_point(geom.x, geom.y, srs_id)
    minx, miny, maxx, maxy = geom.bounds
    return (_HEADER.pack(b"GP", 0, _ENVELOPE_FLAGS, srs_id) + _ENVELOPE_XY.pack(minx, maxx, miny, maxy)
            + shapely.to_wkb(geom, byte_order=1, output_dimension=2))


_ENVELOPE_SIZES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


def _wkb_offset(blob: bytes) -> int:
    flags = blob[3]
    return 8 + _ENVELOPE_SIZES.get((flags >> 1) & 0x07, 0)


def decode_geometry(blob: bytes | None):
    """A GeoPackage blob as a shapely geometry (None for NULL)."""
    if blob is None:
        return None
    if blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry blob")
    return shapely.from_wkb(bytes(blob[_wkb_offset(blob):]))


def decode_points(blobs: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """x, y of many point blobs. Blobs written by XiuCity (29 bytes) decode in one numpy
    call; others (with envelopes, big-endian, from other software) one by one."""
    n = len(blobs)
    if n == 0:
        return np.empty(0), np.empty(0)
    try:
        joined = b"".join(blobs)  # C speed; a NULL geometry raises TypeError
    except TypeError:
        joined = b""
    if len(joined) == 29 * n:
        rec = np.frombuffer(joined, dtype=POINT_BLOB_DTYPE)
        if (rec["flags"] == _POINT_FLAGS).all() and (rec["order"] == 1).all() and (rec["wkb_type"] == 1).all():
            return rec["x"].astype(float), rec["y"].astype(float)
    x = np.full(n, np.nan)
    y = np.full(n, np.nan)
    for i, blob in enumerate(blobs):
        if blob is None:
            continue
        geom = decode_geometry(blob)
        if geom is not None and not geom.is_empty:
            p = geom.representative_point() if geom.geom_type != "Point" else geom
            x[i], y[i] = p.x, p.y
    return x, y


def _envelope(blob):
    """(minx, maxx, miny, maxy) of a blob, or None for NULL/empty."""
    if blob is None or len(blob) < 8 or blob[3] & _EMPTY_FLAG:
        return None
    flags = blob[3]
    if (flags >> 1) & 0x07:
        if flags & 0x01:
            return _ENVELOPE_XY.unpack_from(blob, 8)
        return struct.unpack_from(">4d", blob, 8)
    if len(blob) == 29 and blob[8] == 1:
        _, wkb_type, x, y = _POINT_WKB.unpack_from(blob, 8)
        if wkb_type == 1:
            return (x, x, y, y)
    geom = decode_geometry(blob)
    if geom is None or geom.is_empty:
        return None
    minx, miny, maxx, maxy = geom.bounds
    return (minx, maxx, miny, maxy)


def _st_is_empty(blob):
    if blob is None:
        return None
    return 1 if _envelope(blob) is None else 0


def _envelope_part(index):
    def fn(blob):
        env = _envelope(blob)
        return None if env is None else env[index]
    return fn


def register_functions(conn: sqlite3.Connection) -> None:
    """The SQL functions GeoPackage R-tree triggers call; needed on every writing connection."""
    conn.create_function("ST_IsEmpty", 1, _st_is_empty, deterministic=True)
    conn.create_function("ST_MinX", 1, _envelope_part(0), deterministic=True)
    conn.create_function("ST_MaxX", 1, _envelope_part(1), deterministic=True)
    conn.create_function("ST_MinY", 1, _envelope_part(2), deterministic=True)
    conn.create_function("ST_MaxY", 1, _envelope_part(3), deterministic=True)


# -- metadata tables ---------------------------------------------------------------------

CORE_DDL = """
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE gpkg_extensions (
  table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
  scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
CREATE TABLE gpkg_data_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT, title TEXT,
  description TEXT, mime_type TEXT, constraint_name TEXT,
  CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name),
  CONSTRAINT gdc_tn UNIQUE (table_name, name));
CREATE TABLE gpkg_data_column_constraints (
  constraint_name TEXT NOT NULL, constraint_type TEXT NOT NULL, value TEXT, min NUMERIC,
  min_is_inclusive BOOLEAN, max NUMERIC, max_is_inclusive BOOLEAN, description TEXT,
  CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value));
"""

_SCHEMA_EXTENSION = ("gpkg_schema", "http://www.geopackage.org/spec/#extension_schema", "read-write")
_RTREE_EXTENSION = ("gpkg_rtree_index", "http://www.geopackage.org/spec/#extension_rtree", "write-only")


def srs_row(epsg: int) -> tuple:
    crs = CRS.from_epsg(epsg)
    return (crs.name, epsg, "EPSG", epsg, crs.to_wkt("WKT1_GDAL"), crs.name)


def create_base(conn: sqlite3.Connection, epsg_codes: Iterable[int]) -> None:
    """Turn an empty SQLite database into an empty GeoPackage with the given CRSs."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {USER_VERSION}")
    for statement in CORE_DDL.split(";"):
        if statement.strip():
            conn.execute(statement)
    rows = [
        ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
        ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
    ]
    rows += [srs_row(code) for code in sorted(set([4326, *epsg_codes]))]
    conn.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", rows)
    conn.executemany(
        "INSERT INTO gpkg_extensions VALUES (?,?,?,?,?)",
        [(t, None, *_SCHEMA_EXTENSION) for t in ("gpkg_data_columns", "gpkg_data_column_constraints")],
    )


def ensure_srs(conn: sqlite3.Connection, epsg: int) -> None:
    if conn.execute("SELECT 1 FROM gpkg_spatial_ref_sys WHERE srs_id = ?", (epsg,)).fetchone() is None:
        conn.execute("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", srs_row(epsg))


def q(name: str) -> str:
    """An SQL identifier, quoted."""
    return '"' + name.replace('"', '""') + '"'


def add_feature_table(conn, table: str, columns_sql: str, geometry_type: str, srs_id: int,
                      identifier: str, description: str = "") -> None:
    """Create a feature table (``fid`` + ``geom`` + ``columns_sql``), register it and index it."""
    conn.execute(
        f"CREATE TABLE {q(table)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
        f"geom {geometry_type}{', ' + columns_sql if columns_sql else ''})"
    )
    conn.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
        "VALUES (?, 'features', ?, ?, ?)", (table, identifier, description, srs_id))
    conn.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)",
                 (table, geometry_type, srs_id))
    create_rtree(conn, table)


def add_attribute_table(conn, table: str, columns_sql: str, identifier: str, description: str = "",
                        primary_key: str = "id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL") -> None:
    conn.execute(f"CREATE TABLE {q(table)} ({primary_key}, {columns_sql})")
    conn.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) "
        "VALUES (?, 'attributes', ?, ?)", (table, identifier, description))


def set_column_titles(conn, table: str, titles: dict[str, tuple[str, str]]) -> None:
    """Chinese column titles (and English descriptions) through ``gpkg_data_columns``."""
    conn.executemany(
        "INSERT OR REPLACE INTO gpkg_data_columns (table_name, column_name, name, title, description) "
        "VALUES (?, ?, ?, ?, ?)",
        [(table, col, col, title, desc) for col, (title, desc) in titles.items()],
    )


def rtree_name(table: str, column: str = "geom") -> str:
    return f"rtree_{table}_{column}"


def create_rtree(conn, table: str, column: str = "geom", pk: str = "fid") -> None:
    rtree = rtree_name(table, column)
    conn.execute(f"CREATE VIRTUAL TABLE {q(rtree)} USING rtree(id, minx, maxx, miny, maxy)")
    conn.execute("INSERT INTO gpkg_extensions VALUES (?, ?, ?, ?, ?)", (table, column, *_RTREE_EXTENSION))
    create_rtree_triggers(conn, table, column, pk)


def _rtree_triggers(table: str, c: str, i: str) -> dict[str, str]:
    t, r = q(table), q(rtree_name(table, c))
    c, i = q(c), q(i)
    values = f"NEW.{i}, ST_MinX(NEW.{c}), ST_MaxX(NEW.{c}), ST_MinY(NEW.{c}), ST_MaxY(NEW.{c})"
    new_ok = f"(NEW.{c} NOTNULL AND NOT ST_IsEmpty(NEW.{c}))"
    new_none = f"(NEW.{c} ISNULL OR ST_IsEmpty(NEW.{c}))"
    old_ok = f"(OLD.{c} NOTNULL AND NOT ST_IsEmpty(OLD.{c}))"
    old_none = f"(OLD.{c} ISNULL OR ST_IsEmpty(OLD.{c}))"
    return {
        "insert": f"AFTER INSERT ON {t} WHEN {new_ok} BEGIN INSERT OR REPLACE INTO {r} VALUES ({values}); END",
        "update2": f"AFTER UPDATE OF {c} ON {t} WHEN OLD.{i} = NEW.{i} AND {new_none} "
                   f"BEGIN DELETE FROM {r} WHERE id = OLD.{i}; END",
        "update4": f"AFTER UPDATE ON {t} WHEN OLD.{i} != NEW.{i} AND {new_none} "
                   f"BEGIN DELETE FROM {r} WHERE id IN (OLD.{i}, NEW.{i}); END",
        "update5": f"AFTER UPDATE ON {t} WHEN OLD.{i} != NEW.{i} AND {new_ok} "
                   f"BEGIN DELETE FROM {r} WHERE id = OLD.{i}; INSERT OR REPLACE INTO {r} VALUES ({values}); END",
        "update6": f"AFTER UPDATE OF {c} ON {t} WHEN OLD.{i} = NEW.{i} AND {new_ok} AND {old_ok} "
                   f"BEGIN UPDATE {r} SET minx = ST_MinX(NEW.{c}), maxx = ST_MaxX(NEW.{c}), "
                   f"miny = ST_MinY(NEW.{c}), maxy = ST_MaxY(NEW.{c}) WHERE id = NEW.{i}; END",
        "update7": f"AFTER UPDATE OF {c} ON {t} WHEN OLD.{i} = NEW.{i} AND {new_ok} AND {old_none} "
                   f"BEGIN INSERT INTO {r} VALUES ({values}); END",
        "delete": f"AFTER DELETE ON {t} WHEN OLD.{c} NOT NULL BEGIN DELETE FROM {r} WHERE id = OLD.{i}; END",
    }


def create_rtree_triggers(conn, table: str, column: str = "geom", pk: str = "fid") -> None:
    for suffix, body in _rtree_triggers(table, column, pk).items():
        conn.execute(f"CREATE TRIGGER {q(rtree_name(table, column) + '_' + suffix)} {body}")


def drop_rtree_triggers(conn, table: str, column: str = "geom") -> None:
    for suffix in _rtree_triggers(table, column, "fid"):
        conn.execute(f"DROP TRIGGER IF EXISTS {q(rtree_name(table, column) + '_' + suffix)}")


def update_extent(conn, table: str) -> tuple | None:
    """Refresh the table's extent in gpkg_contents from its R-tree; returns it."""
    row = conn.execute(
        f"SELECT min(minx), min(miny), max(maxx), max(maxy) FROM {q(rtree_name(table))}").fetchone()
    if row[0] is not None:
        # the R-tree holds float32; widen to whole metres so the extent surely contains all
        row = (math.floor(row[0]), math.floor(row[1]), math.ceil(row[2]), math.ceil(row[3]))
    conn.execute(
        "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ?, "
        "last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE table_name = ?", (*row, table))
    return None if row[0] is None else row


def touch(conn, table: str) -> None:
    conn.execute("UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now') "
                 "WHERE table_name = ?", (table,))
