"""A cache of each kind's point coordinates inside the registry, so the map opens a
million-asset registry in a fraction of a second instead of decoding every geometry.

One row per kind: the fids and coordinates as numpy bytes, and a signature of the table
(row count, largest fid, the GeoPackage's ``last_change`` for it, and the registry's data
version of that table, which every XiuCity write to it raises). Any change, by XiuCity or by other software that
keeps ``gpkg_contents.last_change`` (GDAL, QGIS), makes the signature differ and the cache
is rebuilt on the next read. It is never the record of truth: the feature tables are.
"""
from __future__ import annotations

import sqlite3

import numpy as np

from .geopackage import q

TABLE = "xiucity_point_cache"
VERSION_KEY = "data_version"


def signature(conn: sqlite3.Connection, kind: str) -> str:
    count, top = conn.execute(f"SELECT count(*), max(fid) FROM {q(kind)}").fetchone()
    changed = conn.execute("SELECT last_change FROM gpkg_contents WHERE table_name = ?", (kind,)).fetchone()
    version = conn.execute("SELECT value FROM xiucity_meta WHERE key = ?", (f"{VERSION_KEY}:{kind}",)).fetchone()
    return f"{count}|{top}|{changed[0] if changed else ''}|{version[0] if version else 0}"


def load(conn: sqlite3.Connection, kind: str):
    """(fids, x, y) from the cache when it is current, else None."""
    try:
        row = conn.execute(f"SELECT signature, fids, xy FROM {TABLE} WHERE kind = ?", (kind,)).fetchone()
    except sqlite3.OperationalError:  # no cache table yet
        return None
    if row is None or row[0] != signature(conn, kind):
        return None
    fids = np.frombuffer(row[1], dtype="<i8").astype(np.int64)
    xy = np.frombuffer(row[2], dtype="<f8").reshape(-1, 2)
    return fids, xy[:, 0].copy(), xy[:, 1].copy()


def write(conn: sqlite3.Connection, kind: str, fids, x, y) -> None:
    """Write the cache inside the caller's transaction, after its last change to ``kind``."""
    xy = np.column_stack([np.asarray(x, "<f8"), np.asarray(y, "<f8")])
    conn.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (kind TEXT PRIMARY KEY, signature TEXT, fids BLOB, xy BLOB)")
    conn.execute(f"INSERT OR REPLACE INTO {TABLE} VALUES (?, ?, ?, ?)",
                 (kind, signature(conn, kind), np.asarray(fids, "<i8").tobytes(), xy.tobytes()))


def store(conn: sqlite3.Connection, kind: str, fids, x, y) -> None:
    """Write the cache in its own short transaction (the caller holds none)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        write(conn, kind, fids, x, y)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def bump(conn: sqlite3.Connection, table: str) -> None:
    """Inside a write transaction: ``table`` changed (its cache is now stale)."""
    conn.execute("INSERT INTO xiucity_meta (key, value) VALUES (?, '1') ON CONFLICT(key) DO UPDATE SET "
                 "value = CAST(value AS INTEGER) + 1", (f"{VERSION_KEY}:{table}",))
