"""Finding coordinates in ledger columns and deciding the CRS of what was read.

Rules shared by every reader: the user's CRS wins; otherwise the file's own CRS; otherwise
:func:`layers.crs.guess_crs` on the numbers (which also says when X and Y are swapped, as
in Chinese survey sheets where X is the northing)."""
from __future__ import annotations

import math
import re
import tomllib
from functools import lru_cache

import numpy as np
import shapely
from pyproj import CRS
from pyproj.exceptions import CRSError

import resources
from layers import crs as crsmod

from .errors import ColumnNotFound, UnknownCRS
from .table import QT_TRANSLATE_NOOP, AsciiColumn, SourceTable, normalise_header, warn


@lru_cache(maxsize=1)
def _spec() -> dict:
    with open(resources.path("import", "coordinate_columns.toml"), "rb") as f:
        data = tomllib.load(f)
    pairs = [([normalise_header(s) for s in p["x"]], [normalise_header(s) for s in p["y"]]) for p in data["pairs"]]
    return {"pairs": pairs, "wkt": [normalise_header(s) for s in data["wkt"]["names"]]}


def _first(columns: list[str], wanted: list[str]) -> str | None:
    norm = {c: normalise_header(c) for c in columns}
    for name in wanted:  # synonym order is priority order
        for column in columns:
            if norm[column] == name:
                return column
    return None


def find_coordinate_columns(columns: list[str]) -> tuple[str | None, str | None, str | None]:
    """(x column, y column, WKT column) found by name; a pair of columns beats WKT."""
    for xs, ys in _spec()["pairs"]:
        x, y = _first(columns, xs), _first(columns, ys)
        if x and y and x != y:
            return x, y, None
    return None, None, _first(columns, _spec()["wkt"])


_DMS = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[°度]\s*(?:(\d+(?:\.\d+)?)\s*['′分]\s*)?"
                  r"(?:(\d+(?:\.\d+)?)\s*(?:\"|″|''|秒)\s*)?([NSEW东西南北]?)\s*$", re.IGNORECASE)


def to_number(value: object) -> float:
    """A coordinate value as float (NaN when empty or unreadable). Accepts numbers,
    numeric text with thousands separators or full-width digits, and 度分秒 text."""
    if value is None or isinstance(value, bool):
        return math.nan
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    import unicodedata
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
    if not text:
        return math.nan
    try:
        return float(text)
    except ValueError:
        pass
    m = _DMS.match(text)
    if not m:
        return math.nan
    deg, minutes, seconds, hemi = m.groups()
    number = abs(float(deg)) + float(minutes or 0) / 60 + float(seconds or 0) / 3600
    negative = deg.startswith("-") or hemi.upper() in ("S", "W", "西", "南")
    return -number if negative else number


def numbers(values) -> np.ndarray:
    """A column of coordinate values as floats (NaN when empty or unreadable): numpy
    parses plain numbers in one call; a column it refuses goes value by value."""
    try:
        return np.array(["nan" if v is None else v for v in values], dtype=float)
    except (ValueError, TypeError):
        return np.array([to_number(v) for v in values], dtype=float)


def column_values(rows: list[dict], column: str) -> np.ndarray:
    return np.array([to_number(r.get(column)) for r in rows], dtype=float)


def check_column(table_path: str, columns: list[str], name: str | None) -> None:
    if name is not None and name not in columns:
        raise ColumnNotFound(path=table_path, column=name, columns=", ".join(columns))


def user_crs(value) -> object:
    """The user's CRS choice as a pyproj CRS or the GCJ-02 marker."""
    if value is None:
        return None
    try:
        return crsmod.parse_crs(value)
    except (CRSError, ValueError, TypeError):
        raise UnknownCRS(crs=str(value)) from None


def file_crs(wkt: str | None) -> CRS | None:
    if not wkt:
        return None
    try:
        return CRS.from_user_input(wkt)
    except CRSError:
        return None


def _same(a, b) -> bool:
    if a is None or b is None or isinstance(a, str) or isinstance(b, str):
        return a == b
    try:
        return a.equals(b, ignore_axis_order=True)
    except TypeError:
        return a == b


def settle_crs(table: SourceTable, found, wanted) -> None:
    """Set ``table.crs`` from the file's CRS ``found`` and the user's ``wanted``; guess
    from the coordinates when neither is known; swap X/Y when the guess says so."""
    if wanted is not None:
        if found is not None and not _same(found, wanted):
            table.warnings.append(warn(QT_TRANSLATE_NOOP(
                "Import", "The file says its coordinates are in {found}; using {wanted} as you chose."),
                found=crsmod.crs_label(found), wanted=crsmod.crs_label(wanted)))
        table.crs = wanted
        _swap_if_guess_agrees(table, wanted)
        return
    if found is not None:
        table.crs = found
        return
    xy = _all_coordinates(table)
    if not len(xy):
        if table.driver not in ("CSV", "XLSX"):  # ledgers have already said which columns are missing
            table.warnings.append(warn(QT_TRANSLATE_NOOP("Import", "The file has no coordinates to read.")))
        return
    epsg, swapped = crsmod.guess_crs(xy[:, 0], xy[:, 1])
    if epsg is None:
        table.warnings.append(warn(QT_TRANSLATE_NOOP(
            "Import", "The coordinate system is unknown and could not be guessed from the numbers; choose it.")))
        return
    table.crs = CRS.from_epsg(epsg)
    table.crs_guessed = True
    table.warnings.append(warn(QT_TRANSLATE_NOOP(
        "Import", "The file does not say its coordinate system; {crs} was guessed from the numbers. Check it."),
        crs=f"EPSG:{epsg}"))
    if swapped:
        _swap(table)


def _swap_if_guess_agrees(table: SourceTable, wanted) -> None:
    """With a CRS the user chose, still notice X/Y given the surveyors' way round: swap
    only when the guess from the numbers names the same CRS with the axes exchanged."""
    xy = _all_coordinates(table)
    if not len(xy):
        return
    epsg, swapped = crsmod.guess_crs(xy[:, 0], xy[:, 1])
    if not swapped or epsg is None:
        return
    if wanted == crsmod.GCJ02:
        same = epsg == crsmod.CGCS2000
    else:
        # lon/lat in either datum: WGS84 and CGCS2000 are treated as equal (shared/domain.md)
        geographic = {crsmod.CGCS2000, crsmod.WGS84}
        code = wanted.to_epsg()
        same = code == epsg or (code in geographic and epsg in geographic)
    if same:
        _swap(table)


def _swap(table: SourceTable) -> None:
    if table.xy:
        table.set_xy(table.xy[1], table.xy[0])
    else:
        geometries = np.array(table.geometries, dtype=object)
        table.geometries = list(shapely.transform(geometries, lambda c: c[:, ::-1]))
    table.xy_swapped = True
    table.warnings.append(warn(QT_TRANSLATE_NOOP(
        "Import", "X and Y looked exchanged (X holding the northing, as surveyors write it); they were swapped.")))


def _all_coordinates(table: SourceTable) -> np.ndarray:
    if table.xy:
        x, y = (np.asarray(a, dtype=float) for a in table.xy)
        ok = np.isfinite(x) & np.isfinite(y)
        return np.column_stack([x[ok], y[ok]])
    present = [g for g in table.geometries if g is not None]
    if not present:
        return np.empty((0, 2))
    return shapely.get_coordinates(np.array(present, dtype=object))


def points_from_columns(table: SourceTable, x_column: str, y_column: str) -> None:
    """Set the table's positions from two columns (as coordinate arrays, no shapely points);
    warn about rows without."""
    xs = numbers(table.column(x_column))
    ys = numbers(table.column(y_column))
    ok = np.isfinite(xs) & np.isfinite(ys)
    xs[~ok] = ys[~ok] = np.nan
    table.set_xy(xs, ys)
    if table.column_values is not None:  # the texts stay for the preview, in a fraction of the memory
        for name in {x_column, y_column}:
            table.column_values[name] = AsciiColumn.of(table.column_values[name])
    _report_missing(table, int((~ok).sum()), f"{x_column}/{y_column}")


def geometries_from_wkt(table: SourceTable, column: str) -> None:
    geoms = []
    bad = 0
    for text in table.column(column):
        try:
            geom = shapely.from_wkt(str(text)) if text not in (None, "") else None
        except shapely.errors.GEOSException:
            geom = None
        if geom is not None and (geom.is_empty or not np.isfinite(shapely.get_coordinates(geom)).all()):
            geom = None
        bad += geom is None
        geoms.append(geom)
    table.geometries = geoms
    _report_missing(table, bad, column)


def _report_missing(table: SourceTable, count: int, columns: str) -> None:
    if count:
        table.warnings.append(warn(QT_TRANSLATE_NOOP(
            "Import", "{count} of {total} rows have no readable coordinates in {columns}; they are kept without a position."),
            count=count, total=len(table.rows), columns=columns))


def locate_in_columns(table: SourceTable, x_column: str | None, y_column: str | None) -> None:
    """Build the geometries of a ledger from the user's columns or the ones found by name."""
    for name in (x_column, y_column):
        check_column(table.path, table.columns, name)
    if x_column and y_column:
        points_from_columns(table, x_column, y_column)
        return
    if x_column or y_column:
        geometries_from_wkt(table, x_column or y_column)
        return
    x, y, wkt = find_coordinate_columns(table.columns)
    if x and y:
        points_from_columns(table, x, y)
    elif wkt:
        geometries_from_wkt(table, wkt)
    else:
        table.geometries = [None] * len(table.rows)
        table.warnings.append(warn(QT_TRANSLATE_NOOP(
            "Import", "No coordinate columns were recognised; choose the X and Y columns. Columns: {columns}"),
            columns=", ".join(table.columns)))
