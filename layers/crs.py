"""Coordinate systems at the edges of the registry: EPSG transforms (pyproj), GCJ-02 (the
offset used by 高德/腾讯 maps, which pyproj does not know), and guessing the CRS of bare
numbers.

Everything is vectorised over numpy arrays: a million points convert in well under a second.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from pyproj import CRS, Transformer

GCJ02 = "gcj02"
CGCS2000 = 4490
GK_ZONE41 = 4550          # CGCS2000 / 3-degree Gauss-Kruger CM 123E, false easting 500000
GK_ZONE41_PREFIXED = 4529  # the same zone with the zone number in front of the easting
WGS84 = 4326

# Krasovsky ellipsoid parameters of the published GCJ-02 algorithm
_A = 6378245.0
_EE = 0.00669342162296594323


def parse_crs(text: str | int | CRS) -> CRS | str:
    """``"EPSG:4550"``, ``4550``, ``"gcj02"`` or a pyproj CRS → a CRS (or the GCJ02 marker)."""
    if isinstance(text, CRS):
        return text
    if isinstance(text, str) and text.strip().lower().replace("-", "").replace("_", "") in ("gcj02", "gcj"):
        return GCJ02
    if isinstance(text, (int, np.integer)):
        return _crs_cached(int(text))
    return _crs_cached(text)


@lru_cache(maxsize=64)
def _crs_cached(text: str | int) -> CRS:
    # building a CRS from the database costs ~0.1 s; registries use a handful of them
    return CRS.from_epsg(text) if isinstance(text, int) else CRS.from_user_input(text)


def crs_label(crs: CRS | str) -> str:
    if isinstance(crs, str) and crs == GCJ02:
        return "GCJ-02"
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.name


@lru_cache(maxsize=64)
def _transformer(src: str, dst: str) -> Transformer:
    return Transformer.from_crs(CRS.from_user_input(src), CRS.from_user_input(dst), always_xy=True)


def _key(crs: CRS) -> str:
    return _key_cached(crs.srs) if crs.srs else crs.to_wkt()


@lru_cache(maxsize=64)
def _key_cached(srs: str) -> str:
    crs = _crs_cached(srs)
    epsg = crs.to_epsg()
    return f"EPSG:{epsg}" if epsg else crs.to_wkt()


def out_of_china(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    return (lon < 72.004) | (lon > 137.8347) | (lat < 0.8293) | (lat > 55.8271)


def _delta(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x = lon - 105.0
    y = lat - 35.0
    dlat = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * np.sqrt(np.abs(x))
            + (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
            + (20.0 * np.sin(y * np.pi) + 40.0 * np.sin(y / 3.0 * np.pi)) * 2.0 / 3.0
            + (160.0 * np.sin(y / 12.0 * np.pi) + 320 * np.sin(y * np.pi / 30.0)) * 2.0 / 3.0)
    dlon = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * np.sqrt(np.abs(x))
            + (20.0 * np.sin(6.0 * x * np.pi) + 20.0 * np.sin(2.0 * x * np.pi)) * 2.0 / 3.0
            + (20.0 * np.sin(x * np.pi) + 40.0 * np.sin(x / 3.0 * np.pi)) * 2.0 / 3.0
            + (150.0 * np.sin(x / 12.0 * np.pi) + 300.0 * np.sin(x / 30.0 * np.pi)) * 2.0 / 3.0)
    radlat = lat / 180.0 * np.pi
    magic = 1 - _EE * np.sin(radlat) ** 2
    sqrtmagic = np.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * np.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * np.cos(radlat) * np.pi)
    outside = out_of_china(lon, lat)
    return np.where(outside, 0.0, dlon), np.where(outside, 0.0, dlat)


def wgs84_to_gcj02(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    dlon, dlat = _delta(lon, lat)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon, lat, iterations: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """Inverse by fixed-point iteration: after a few steps the error is far below a centimetre."""
    glon = np.asarray(lon, dtype=float)
    glat = np.asarray(lat, dtype=float)
    wlon, wlat = glon.copy(), glat.copy()
    for _ in range(iterations):
        flon, flat = wgs84_to_gcj02(wlon, wlat)
        wlon = wlon - (flon - glon)
        wlat = wlat - (flat - glat)
    return wlon, wlat


def transform(x, y, src: CRS | str | int, dst: CRS | str | int) -> tuple[np.ndarray, np.ndarray]:
    """Transform coordinate arrays from ``src`` to ``dst`` (x = easting/longitude).

    GCJ-02 goes through WGS84, which this work treats as equal to CGCS2000."""
    src = parse_crs(src)
    dst = parse_crs(dst)
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if isinstance(src, str) and src == GCJ02:
        x, y = gcj02_to_wgs84(x, y)
        src = CRS.from_epsg(WGS84)
    if isinstance(dst, str) and dst == GCJ02:
        lon, lat = transform(x, y, src, WGS84)
        return wgs84_to_gcj02(lon, lat)
    if src == dst or _key(src) == _key(dst):
        return x.copy(), y.copy()
    return _transformer(_key(src), _key(dst)).transform(x, y)


def guess_crs(x, y) -> tuple[int | None, bool]:
    """Propose an EPSG code for bare numbers near the county, and whether X/Y look swapped.

    Lon/lat → 4490; easting ~500000 with northing ~4.46M → 4550; easting with the zone
    prefix 41 → 4529. Chinese surveyors often call the northing X: if the larger number is
    in the x column, the columns are swapped. Returns (None, False) when nothing fits."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    ok = np.isfinite(x) & np.isfinite(y)
    if not ok.any():
        return None, False
    mx, my = float(np.median(x[ok])), float(np.median(y[ok]))
    for a, b, swapped in ((mx, my, False), (my, mx, True)):
        if 70 <= a <= 140 and 0 <= b <= 60:
            return CGCS2000, swapped
        if 41_000_000 <= a <= 42_000_000 and 1_000_000 <= b <= 6_500_000:
            return GK_ZONE41_PREFIXED, swapped
        if 200_000 <= a <= 800_000 and 1_000_000 <= b <= 6_500_000:
            return GK_ZONE41, swapped
    return None, False
