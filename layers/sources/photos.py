"""A folder of geotagged photos: each JPEG becomes a point from its EXIF GPS tags (WGS84,
as phones and cameras record it), with the photo's path and when it was taken."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from pyproj import CRS
from shapely.geometry import Point

from assets.progress import check_cancelled, ensure

from .table import QT_TRANSLATE_NOOP, SourceTable, warn

PHOTO_SUFFIXES = (".jpg", ".jpeg")
_GPS_IFD = 0x8825
_EXIF_IFD = 0x8769
_DATETIME_ORIGINAL = 36867
_DATETIME = 306


def photo_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.casefold() in PHOTO_SUFFIXES)


def _degrees(values, ref) -> float | None:
    try:
        d, m, s = (float(v) for v in values)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    number = d + m / 60 + s / 3600
    return -number if str(ref).strip().upper() in ("S", "W") else number


def _taken_at(exif) -> dt.datetime | None:
    text = exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
    try:
        return dt.datetime.strptime(str(text).strip("\x00 "), "%Y:%m:%d %H:%M:%S")
    except (TypeError, ValueError):
        return None


def photo_position(path: Path) -> tuple[Point | None, dt.datetime | None]:
    """(point in WGS84 lon/lat or None, time taken or None) of one photo."""
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(path) as img:
            exif = img.getexif()
    except (OSError, UnidentifiedImageError, ValueError):
        return None, None
    gps = exif.get_ifd(_GPS_IFD)
    lat = _degrees(gps.get(2), gps.get(1, "N"))
    lon = _degrees(gps.get(4), gps.get(3, "E"))
    point = Point(lon, lat) if lat is not None and lon is not None and (lat, lon) != (0.0, 0.0) else None
    return point, _taken_at(exif)


def read_photos(folder: Path, *, shown: str | None = None, progress=None) -> tuple[SourceTable, CRS]:
    progress = ensure(progress)
    files = photo_files(folder)
    table = SourceTable(path=shown or str(folder), layer=None, driver="photos", columns=["photo", "taken_at"],
                        rows=[], geometries=[])
    progress.set_total(len(files))
    missing = []
    for n, path in enumerate(files, start=1):
        point, taken = photo_position(path)
        table.rows.append({"photo": str(path), "taken_at": taken})
        table.geometries.append(point)
        if point is None:
            missing.append(path.name)
        check_cancelled(progress)
        progress.advance(n)
    if missing:
        table.warnings.append(warn(QT_TRANSLATE_NOOP(
            "Import", "{count} photos have no GPS position and are kept without one: {names}"),
            count=len(missing), names=", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")))
    return table, CRS.from_epsg(4326)
