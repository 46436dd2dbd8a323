"""Reading what surveyors and utilities deliver into one uniform table.

>>> table = read_source("井盖.csv", crs=4550)          # doctest: +SKIP
>>> table.columns, table.crs, table.warnings          # doctest: +SKIP

One module per source family: :mod:`.vector` (fiona), :mod:`.kml`, :mod:`.tabular`
(CSV/XLSX), :mod:`.dxf`, :mod:`.photos`; archives are unpacked by
:mod:`layers.safe_archive`. Every failure a user can cause is a
:class:`~layers.sources.errors.SourceError`.
"""
from __future__ import annotations

from pathlib import Path

from assets.errors import XiuCityError

from .errors import (EmptyArchive, LayerChoiceNeeded, LayerNotFound, SourceDamaged, SourceError,
                     SourceNotFound, UnsupportedSource)
from .gdal_guard import check_before_gdal
from .table import SourceTable

__all__ = ["SourceTable", "list_layers", "read_source", "SourceError", "READABLE_SUFFIXES"]

VECTOR_SUFFIXES = (".shp", ".gpkg", ".geojson", ".json", ".gpx", ".fgb", ".tab", ".mif", ".gml", ".sqlite")
KML_SUFFIXES = (".kml", ".kmz")
TABLE_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")
CAD_SUFFIXES = (".dxf",)
READABLE_SUFFIXES = VECTOR_SUFFIXES + KML_SUFFIXES + TABLE_SUFFIXES + CAD_SUFFIXES + (".zip",)


def list_layers(path) -> list[str]:
    """Names that can be passed as ``layer=`` to :func:`read_source` (sheets of a workbook,
    tables of a GeoPackage, files in a zip, layers of a drawing); [] when there is no choice."""
    p = _existing(path)
    try:
        return _layers(p)
    except XiuCityError:
        raise
    except Exception as exc:  # a reader library failing in a way we did not foresee
        raise SourceDamaged(path=str(p), driver=p.suffix.lstrip(".").upper(), detail=str(exc)) from exc


def _layers(p: Path) -> list[str]:
    from . import dxf, tabular, vector
    from layers.safe_archive import unpacked
    suffix = p.suffix.casefold()
    if p.is_dir():
        return []
    if suffix == ".zip":
        with unpacked(p) as folder:
            entries = _archive_entries(folder)
            if len(entries) == 1:
                return _layers(entries[0][1])
            return [name for name, _ in entries]
    if suffix in (".xlsx", ".xlsm"):
        return tabular.xlsx_sheets(p)
    if suffix in CAD_SUFFIXES:
        return dxf.dxf_layers(p)
    if suffix in VECTOR_SUFFIXES:
        check_before_gdal(p)
        return vector.vector_layers(p)
    if suffix in KML_SUFFIXES + (".csv", ".txt"):
        return []
    raise UnsupportedSource(path=str(p))


def read_source(path, *, layer=None, encoding=None, crs=None, x_column=None, y_column=None,
                progress=None) -> SourceTable:
    """Read one layer of a delivered file (or a folder of geotagged photos).

    Parameters
    ----------
    path : a file or folder.
    layer : which layer/sheet/zip entry, when the file holds several (see :func:`list_layers`).
    encoding : the text encoding, overriding what the file says or detection finds.
    crs : the coordinate system (EPSG int, "EPSG:n", WKT, "gcj02"), overriding the file's.
    x_column, y_column : the coordinate columns of a CSV/XLSX (found by name otherwise);
        ``x_column`` alone names a WKT column.
    progress : an :class:`assets.progress.Progress`; cancelling raises ``Cancelled``.
    """
    from .coordinates import settle_crs, user_crs
    p = _existing(path)
    wanted = user_crs(crs)
    try:
        table, found = _read(p, str(p), layer, encoding, x_column, y_column, progress)
    except XiuCityError:
        raise
    except Exception as exc:  # a reader library failing in a way we did not foresee
        raise SourceDamaged(path=str(p), driver=p.suffix.lstrip(".").upper(), detail=str(exc)) from exc
    settle_crs(table, found, wanted)
    return table


def _existing(path) -> Path:
    p = Path(path)
    if not p.exists():
        raise SourceNotFound(path=str(p))
    return p


def _read(p: Path, shown: str, layer, encoding, x_column, y_column, progress):
    """(table, the file's own CRS or None) for one file."""
    # each reader imported when its kind of file comes (fiona alone is 40 ms of a CSV import)
    from .coordinates import locate_in_columns
    suffix = p.suffix.casefold()
    if p.is_dir():
        from . import photos
        if not photos.photo_files(p):
            raise UnsupportedSource(path=shown)
        return photos.read_photos(p, shown=shown, progress=progress)
    if suffix == ".zip":
        return _read_zip(p, layer, encoding, x_column, y_column, progress)
    if suffix in KML_SUFFIXES:
        from . import kml
        return kml.read_kml(p, shown=shown, progress=progress)
    if suffix in (".csv", ".txt"):
        from . import tabular
        table = tabular.read_csv(p, encoding=encoding, shown=shown, progress=progress)
        locate_in_columns(table, x_column, y_column)
        return table, None
    if suffix in (".xlsx", ".xlsm"):
        from . import tabular
        table = tabular.read_xlsx(p, layer=layer, shown=shown, progress=progress)
        locate_in_columns(table, x_column, y_column)
        return table, None
    if suffix in CAD_SUFFIXES:
        from . import dxf
        return dxf.read_dxf(p, layer=layer, shown=shown, progress=progress), None
    if suffix in VECTOR_SUFFIXES:
        check_before_gdal(p, shown)  # a damaged file can crash fiona's error handler
        from . import vector
        return vector.read_vector(p, layer=layer, encoding=encoding, shown=shown, progress=progress)
    raise UnsupportedSource(path=shown)


def _archive_entries(folder: Path) -> list[tuple[str, Path]]:
    """(layer name, file) for every readable file unpacked from an archive. A shapefile is
    named by its path without ``.shp`` (as GDAL names it); other files keep their suffix."""
    entries = []
    for f in sorted(folder.rglob("*")):
        rel = f.relative_to(folder).as_posix()
        if not f.is_file() or rel.startswith("__MACOSX/") or f.suffix.casefold() not in READABLE_SUFFIXES:
            continue
        if f.suffix.casefold() in (".zip", ".txt"):
            continue  # nested archives are not opened (one level of trust); .txt in a zip is a readme
        entries.append((rel[: -len(f.suffix)] if f.suffix.casefold() == ".shp" else rel, f))
    return entries


def _read_zip(p: Path, layer, encoding, x_column, y_column, progress):
    from layers.safe_archive import unpacked
    with unpacked(p) as folder:
        entries = _archive_entries(folder)
        if not entries:
            raise EmptyArchive(path=str(p))
        names = [name for name, _ in entries]
        inner_layer = None
        if len(entries) == 1:
            chosen, inner_layer = entries[0], layer
        elif layer is None:
            raise LayerChoiceNeeded(str(p), names)
        elif layer in names:
            chosen = entries[names.index(layer)]
        else:
            raise LayerNotFound(path=str(p), layer=layer, layers=", ".join(names))
        name, file = chosen
        if inner_layer is not None and file.suffix.casefold() == ".shp" and inner_layer == name:
            inner_layer = None
        table, found = _read(file, str(p), inner_layer, encoding, x_column, y_column, progress)
        if table.layer is None or len(entries) > 1:
            table.layer = name
        return table, found
