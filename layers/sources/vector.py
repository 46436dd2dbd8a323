"""Vector files GDAL reads through fiona: Shapefile, GeoPackage, GeoJSON, GPX, FlatGeobuf,
MapInfo, GML and the like.

Shapefiles get their encoding from :mod:`layers.encoding` (fiona alone turns unmarked GBK
into Latin-1 mojibake); one without ``.shx`` is copied to a temporary folder and read with
GDAL's SHAPE_RESTORE_SHX, so the user's folder is never written to. A GeoPackage in WAL
mode needs its folder writable even for reading (SQLite's -wal/-shm files); on read-only
media (a CD, a write-protected share) it is read from a temporary copy."""
from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from contextlib import ExitStack, closing
from pathlib import Path

import fiona
import fiona.errors
from shapely.geometry import shape

from assets.progress import check_cancelled, ensure
from layers import encoding as enc

from .coordinates import file_crs
from .errors import EncodingMismatch, LayerChoiceNeeded, LayerNotFound, NoLayers, SourceDamaged
from .table import QT_TRANSLATE_NOOP, SourceTable, warn

# errors fiona/GDAL raise for files they cannot make sense of
_FIONA_ERRORS = (fiona.errors.FionaError, fiona.errors.DriverError, fiona.errors.FionaValueError,
                 fiona.errors.CRSError, ValueError, OSError, RuntimeError, KeyError)
_STEP = 1000


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK)


def readable_location(path: Path, stack: ExitStack) -> Path:
    """``path``, or a temporary copy of it when SQLite could not open it where it is."""
    if path.suffix.casefold() not in (".gpkg", ".sqlite") or _writable(path.parent):
        return path
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="xiucity-gpkg-")))
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            shutil.copy2(part, folder / part.name)
    return folder / path.name


def vector_layers(path: str | Path, shown: str | None = None) -> list[str]:
    shown = shown or str(path)
    try:
        with ExitStack() as stack:
            return list(fiona.listlayers(str(readable_location(Path(path), stack))))
    except _FIONA_ERRORS as exc:
        if Path(path).suffix.casefold() == ".gpkg" and _empty_geopackage(path):
            raise NoLayers(path=shown) from None
        raise SourceDamaged(path=shown, driver=_driver(path), detail=_short(exc)) from None


def _driver(path) -> str:
    return Path(path).suffix.lstrip(".").upper() or "GDAL"


def _empty_geopackage(path) -> bool:
    """A valid GeoPackage with no tables, which GDAL refuses to open for reading."""
    try:
        with closing(sqlite3.connect(f"file:{Path(path).resolve().as_posix()}?mode=ro", uri=True)) as db:
            return db.execute("SELECT count(*) FROM gpkg_contents").fetchone()[0] == 0
    except sqlite3.Error:
        return False


def choose_layer(path: str | Path, layer: str | None, layers: list[str], shown: str | None = None) -> str | None:
    """``layer`` checked against ``layers``; when None, the only layer or the only one with
    features, else :class:`LayerChoiceNeeded`."""
    shown = shown or str(path)
    if layer is not None:
        if layer not in layers:
            raise LayerNotFound(path=shown, layer=layer, layers=", ".join(layers))
        return layer
    if len(layers) <= 1:
        return layers[0] if layers else None
    non_empty = [name for name in layers if _has_features(path, name)]
    if len(non_empty) == 1:
        return non_empty[0]
    raise LayerChoiceNeeded(shown, layers)


def _has_features(path, layer) -> bool:
    # not len(): some drivers (GPX) cannot count without reading everything
    try:
        with fiona.open(str(path), layer=layer) as c:
            return next(iter(c), None) is not None
    except Exception:  # a layer GDAL cannot open counts as empty here; reading it will say why
        return False


def read_vector(path: str | Path, *, layer: str | None = None, encoding: str | None = None,
                shown: str | None = None, progress=None):
    """(table, the file's own CRS or None). ``shown`` is the path reported to the user
    (the archive's, when ``path`` was unpacked from one)."""
    progress = ensure(progress)
    path = Path(path)
    shown = shown or str(path)
    warnings: list[str] = []
    text_encoding, source = (None, None)
    with ExitStack() as stack:
        options = {}
        if path.suffix.casefold() == ".shp":
            text_encoding, source = enc.shapefile_encoding(path, encoding)
            if source == enc.DETECTED and not enc.dbf_text_sample(enc.dbf_of(path)).isascii():
                warnings.append(warn(QT_TRANSLATE_NOOP(
                    "Import", "The file does not say its text encoding; {encoding} was detected. Check the names."),
                    encoding=text_encoding))
            if _sibling_missing(path, ".shx"):
                path = _copy_shapefile(path, stack)
                options["SHAPE_RESTORE_SHX"] = "YES"
                warnings.append(warn(QT_TRANSLATE_NOOP(
                    "Import", "The shapefile's index file (.shx) is missing; it was rebuilt from the .shp.")))
        else:
            path = readable_location(path, stack)
            layer = choose_layer(path, layer, vector_layers(path, shown), shown)
        try:
            stack.enter_context(fiona.Env(**options))
            kwargs = {"encoding": text_encoding} if text_encoding else {}
            collection = stack.enter_context(fiona.open(str(path), layer=layer, **kwargs))
            columns = list(collection.schema.get("properties", {}))  # field names decode here
        except _FIONA_ERRORS as exc:
            if isinstance(exc, UnicodeDecodeError) and text_encoding:  # field names not in that encoding
                raise EncodingMismatch(path=shown, encoding=text_encoding) from None
            raise SourceDamaged(path=shown, driver=_driver(path), detail=_short(exc)) from None
        table = SourceTable(path=shown, layer=layer, driver=collection.driver,
                            columns=columns, rows=[], geometries=[],
                            encoding=text_encoding, encoding_source=source, warnings=warnings)
        found = file_crs(collection.crs_wkt)
        try:
            progress.set_total(len(collection))
        except Exception:  # "Layer does not support counting" (GPX and other streams)
            progress.set_total(None)
        _read_features(collection, table, progress)
    return table, found


def _read_features(collection, table: SourceTable, progress) -> None:
    bad_geometry = 0
    iterator = iter(collection)
    while True:
        try:
            feature = next(iterator)
        except StopIteration:
            break
        except _FIONA_ERRORS as exc:
            table.warnings.append(warn(QT_TRANSLATE_NOOP(
                "Import", "Reading stopped after {count} features: {detail}"), count=len(table.rows), detail=_short(exc)))
            break
        table.rows.append(dict(feature.properties or {}))
        geom = None
        if feature.geometry is not None:
            try:
                geom = shape(feature.geometry)
                geom = None if geom.is_empty else geom
            except (ValueError, TypeError, AttributeError, KeyError):
                bad_geometry += 1
        table.geometries.append(geom)
        if len(table.rows) % _STEP == 0:
            check_cancelled(progress)
            progress.advance(len(table.rows))
    progress.advance(len(table.rows))
    if bad_geometry:
        table.warnings.append(warn(QT_TRANSLATE_NOOP(
            "Import", "{count} geometries could not be read; those rows are kept without a position."),
            count=bad_geometry))
    missing = sum(g is None for g in table.geometries) - bad_geometry
    if missing and table.geometries and missing < len(table.geometries):
        table.warnings.append(warn(QT_TRANSLATE_NOOP(
            "Import", "{count} of {total} features have no geometry; they are kept without a position."),
            count=missing, total=len(table.geometries)))


def _sibling_missing(path: Path, suffix: str) -> bool:
    return not any(p.suffix.casefold() == suffix and p.stem == path.stem for p in path.parent.iterdir())


def _copy_shapefile(path: Path, stack: ExitStack) -> Path:
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="xiucity-shp-")))
    for part in path.parent.iterdir():
        if part.stem == path.stem and part.is_file():
            shutil.copy2(part, folder / part.name)
    return folder / path.name


def _short(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:300]
