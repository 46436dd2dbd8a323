"""Export layers for other departments: format writers over a generic in-memory table.

>>> from layers.export import export_layers, ExportLayer, ExportField
>>> result = export_layers([layer], "gpkg", "out/power.gpkg", crs=4550)  # doctest: +SKIP

Every export also writes ``<out>.meta.json`` (what, when, CRS, format, checksums).

Formats and how they are written (figures: tests/benchmarks/bench_export.py, where each
is measured against ogr2ogr): gpkg (sqlite3, packed R-tree), shp (.shp/.shx/.dbf bytes),
geojson (json), fgb (flatbuffers by hand), kml/kmz (XML text), dxf (ezdxf skeleton +
streamed entities), csv (csv module), xlsx (SpreadsheetML in a zip). fiona and openpyxl
are the independent readers in the tests.

Layers read from the registry say where their values lie (``SqliteSource``): the gpkg,
shp (UTF-8) and csv writers then copy or compose them inside SQLite instead of taking each
value through Python (gpkg_copy.py, dbf_copy.py, csv_copy.py;
tests/benchmarks/bench_export_registry.py). GDAL through pyogrio was measured for these
and not used: see geopackage.py and dbase.py."""
from __future__ import annotations

import codecs
import os
import shutil
from pathlib import Path

from assets.progress import ensure

from .context import Writer, WriteContext, make_folder
from .errors import (BadExportTable, ExportError, ExportWriteFailed, GcjNotDeclarable, NeedsGeographicCrs,
                     NeedsProjectedCrs, UnknownFormat, UnknownOption, UnsupportedEncoding)
from .sidecar import sha256, write_sidecar
from .table import ExportField, ExportLayer, ExportResult
from .target import Target, resolve, settings

# format options and their allowed values (the first is the default)
OPTIONS: dict[str, tuple[str, ...]] = {
    "dxf_layer_by": ("kind", "owner"),        # one CAD layer per kind, or per kind and owner
    "shp_field_names": ("name", "title"),     # shapefile columns from field names or Chinese titles
}

_CSV = tuple(settings()["csv"]["encodings"])
_SHP = tuple(settings()["shapefile"]["encodings"])

FORMATS: dict[str, Writer] = {w.name: w for w in (
    Writer("gpkg", "GeoPackage", "gpkg", "geopackage:write", one_file=True, copies_sqlite=True),
    Writer("shp", "ESRI Shapefile", "shp", "shapefile:write", one_file=False, encodings=_SHP, copies_sqlite=True),
    Writer("geojson", "GeoJSON", "geojson", "geojson:write", one_file=False,
           default_crs=settings()["geojson"]["default_crs"], copies_sqlite=True),
    Writer("kml", "KML", "kml", "kml:write_kml", one_file=True,
           default_crs=settings()["kml"]["default_crs"], gcj02=True, geographic_only=True),
    Writer("kmz", "KMZ", "kmz", "kml:write_kmz", one_file=True,
           default_crs=settings()["kml"]["default_crs"], gcj02=True, geographic_only=True),
    Writer("dxf", "AutoCAD DXF", "dxf", "dxf:write", one_file=True, projected_only=True),
    Writer("csv", "CSV", "csv", "csv_table:write", one_file=False, encodings=_CSV, gcj02=True,
           copies_sqlite=True),
    Writer("xlsx", "Excel 台账", "xlsx", "xlsx_ledger:write", one_file=True, gcj02=True),
    Writer("fgb", "FlatGeobuf", "fgb", "flatgeobuf:write", one_file=False),
)}


def export_layers(layers: list[ExportLayer], fmt: str, out_path, *, crs=None, encoding: str | None = None,
                  progress=None, metadata: dict | None = None, **options) -> ExportResult:
    """Write ``layers`` to ``out_path`` in format ``fmt`` (a key of :data:`FORMATS`).

    Parameters
    ----------
    crs : ``"EPSG:4550"``, ``4550``, ``"gcj02"`` or None for the format's default (WGS84
        for GeoJSON/KML/KMZ, else the layers' own CRS).
    encoding : text encoding for Shapefile (UTF-8 | GBK) and CSV (UTF-8 with BOM | GBK);
        the other formats are always UTF-8.
    metadata : ``registry``, ``profile``, ``filter`` and anything else for the sidecar.
    options : format options, e.g. ``dxf_layer_by="owner"``.

    Returns
    -------
    ExportResult
        Files written, features per layer, CRS label, sha256 per file, sidecar path.
    """
    writer = FORMATS.get(str(fmt).lower().lstrip("."))
    if writer is None:
        raise UnknownFormat(fmt=fmt, known=", ".join(FORMATS))
    layers = list(layers)
    if not layers:
        raise BadExportTable(layer="-", detail="nothing to export")
    names = [layer.name for layer in layers]
    if len(set(names)) != len(names):
        raise BadExportTable(layer=", ".join(names), detail="two layers have the same name")
    for layer in layers:
        layer.check()
    check_options(options)
    target = _target(writer, crs, layers)
    encoding = _encoding(writer, encoding)
    progress = ensure(progress)
    progress.set_total(sum(len(layer) for layer in layers))
    ctx = WriteContext(target, encoding, progress, options)
    out_path = Path(out_path)
    make_folder(out_path.parent)
    paths = _write_staged(writer, layers, out_path, ctx)
    checksums = {str(p): sha256(p) for p in paths}
    sidecar = write_sidecar(writer.output_path(out_path, layers), fmt=writer.name, layers=layers, paths=paths,
                            checksums=checksums, crs=target.label, encoding=encoding, metadata=metadata)
    return ExportResult(writer.name, paths, {layer.name: len(layer) for layer in layers}, target.label,
                        encoding, checksums, sidecar)


def _write_staged(writer: Writer, layers: list[ExportLayer], out_path: Path, ctx: WriteContext) -> list[Path]:
    """Write into a hidden folder beside the output and move the files into place only
    when all are written: a cancelled or failed export leaves no half-written file and
    does not destroy the previous export of the same name."""
    staging = out_path.parent / f".{out_path.name}.writing"
    shutil.rmtree(staging, ignore_errors=True)
    make_folder(staging)
    try:
        written = [Path(p) for p in writer.writer()(layers, staging / out_path.name, ctx)]
        paths = []
        for path in written:
            final = out_path.parent / path.relative_to(staging)
            make_folder(final.parent)
            try:
                os.replace(path, final)
            except OSError as exc:
                raise ExportWriteFailed(path=str(final), detail=exc.strerror or str(exc)) from None
            paths.append(final)
        return paths
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def check_options(options: dict) -> None:
    """Raise :class:`UnknownOption` for an option or value the writers do not know."""
    for key, value in options.items():
        if key not in OPTIONS or value not in OPTIONS[key]:
            known = "; ".join(f"{k}={'|'.join(v)}" for k, v in OPTIONS.items())
            raise UnknownOption(option=key, value=value, known=known)


def _target(writer: Writer, crs, layers: list[ExportLayer]) -> Target:
    wanted = crs if crs is not None else (writer.default_crs or layers[0].crs)
    target = resolve(wanted, writer.title)
    if target.is_gcj02 and not writer.gcj02:
        raise GcjNotDeclarable(format=writer.title, crs=target.label)
    if writer.geographic_only and not target.geographic:
        raise NeedsGeographicCrs(format=writer.title, crs=target.label)
    if writer.projected_only and target.geographic:
        raise NeedsProjectedCrs(format=writer.title, crs=target.label)
    return target


def _encoding(writer: Writer, encoding: str | None) -> str:
    if encoding is None:
        return writer.encodings[0]
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        name = None
    if writer.name == "csv" and name == "utf-8":
        name = "utf-8-sig"  # plain UTF-8 CSV garbles in Excel; the BOM is what makes it work
    for known in writer.encodings:
        if name == codecs.lookup(known).name:
            return known
    raise UnsupportedEncoding(format=writer.title, encoding=encoding, known=", ".join(writer.encodings))


__all__ = ["FORMATS", "ExportError", "ExportField", "ExportLayer", "ExportResult", "Writer", "export_layers"]
