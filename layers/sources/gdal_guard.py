"""A first look at a file before GDAL opens it. When a file is damaged, GDAL's error
messages quote the damaged bytes; fiona 1.10 fails to decode them as UTF-8 in its error
handler, prints "Exception ignored" and, with a GeoPackage whose schema has a few bytes
flipped, the process dies with a segmentation fault. So a GeoPackage's schema is read
with Python's sqlite3 first, and a GeoJSON file (UTF-8 by RFC 7946) is checked to be
UTF-8; a file that fails is refused with a clear message and GDAL never sees it."""
from __future__ import annotations

import codecs
import sqlite3
from contextlib import closing
from pathlib import Path

from .errors import SourceDamaged, SourceError
from .table import QT_TRANSLATE_NOOP



class NotUTF8(SourceError):
    text = QT_TRANSLATE_NOOP(
        "Errors", "{path} is not UTF-8 text (near byte {offset}); a GeoJSON file must be UTF-8. Save it again as UTF-8.")


SQLITE_SUFFIXES = (".gpkg", ".sqlite")
JSON_SUFFIXES = (".geojson", ".json")
_CHUNK = 1 << 20
_METADATA = ("gpkg_contents", "gpkg_geometry_columns", "gpkg_spatial_ref_sys")


def check_before_gdal(path: str | Path, shown: str | None = None) -> None:
    """Raise :class:`SourceDamaged` for a file GDAL (through fiona) cannot be trusted with."""
    suffix = Path(path).suffix.casefold()
    if suffix in SQLITE_SUFFIXES:
        check_sqlite_source(path, shown)
    elif suffix in JSON_SUFFIXES:
        check_utf8(path, shown)


def check_utf8(path: str | Path, shown: str | None = None) -> None:
    """Raise :class:`SourceDamaged` unless the file is UTF-8 (read in chunks: memory stays flat)."""
    path = Path(path)
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = 0
    try:
        with open(path, "rb") as f:
            while chunk := f.read(_CHUNK):
                decoder.decode(chunk)
                offset += len(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        raise NotUTF8(path=shown or str(path), offset=offset + exc.start) from None
    except OSError as exc:
        raise SourceDamaged(path=shown or str(path), driver=path.suffix.lstrip(".").upper(), detail=str(exc)) from None


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
