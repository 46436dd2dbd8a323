"""A first look at a GeoPackage (or other SQLite file) with Python's sqlite3 before GDAL
opens it. When the file's schema is damaged, GDAL's error messages carry the damaged
bytes; fiona 1.10 fails to decode them as UTF-8 in its error handler and the process dies
with a segmentation fault (seen with a GeoPackage with a few bytes flipped). Refusing
such a file here turns that crash into a clear message."""
from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from .errors import SourceDamaged
from .table import QT_TRANSLATE_NOOP

SQLITE_SUFFIXES = (".gpkg", ".sqlite")
_METADATA = ("gpkg_contents", "gpkg_geometry_columns", "gpkg_spatial_ref_sys")


def check_sqlite_source(path: str | Path, shown: str | None = None) -> None:
    """Raise :class:`SourceDamaged` when the schema or the GeoPackage tables GDAL reads
    first cannot be read or hold text that is not UTF-8. Reads only the schema and the
    small metadata tables (not the data), so a large file costs no more than a small one."""
    path = Path(path)
    shown = shown or str(path)
    if path.suffix.casefold() not in SQLITE_SUFFIXES or not path.is_file() or path.stat().st_size == 0:
        return
    # immutable: no locks and no -wal/-shm files, so a file on read-only media opens too
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as db:
            db.text_factory = bytes
            tables = set()
            for name, sql in db.execute("SELECT name, sql FROM sqlite_master"):
                tables.add(_text(name))
                _text(sql)
            for table in _METADATA:
                if table in tables:
                    for row in db.execute(f'SELECT * FROM "{table}"'):
                        for value in row:
                            _text(value)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        # sqlite3 decodes its own error messages, which quote the damaged names
        detail = str(exc) if isinstance(exc, sqlite3.DatabaseError) else QT_TRANSLATE_NOOP(
            "Errors", "its table definitions are damaged")
        raise SourceDamaged(path=shown, driver=path.suffix.lstrip(".").upper(), detail=detail) from None


def _text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else value
