"""The coordinate system an export writes in, and the coordinates of a layer in it."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

import resources
from layers.crs import GCJ02, parse_crs, wgs84_to_gcj02

from .errors import UnsupportedCrs
from .table import ExportLayer


@lru_cache(maxsize=1)
def settings() -> dict:
    with open(resources.path("export.toml"), "rb") as f:
        return tomllib.load(f)


@lru_cache(maxsize=32)
def _transformer(src, dst) -> Transformer:
    """Same transforms as layers.crs.transform (always_xy: x = easting/longitude), called
    directly because that function compares CRS objects with the "gcj02" string, which
    pyproj answers by trying to parse it (~0.1 s per comparison)."""
    return Transformer.from_crs(CRS.from_user_input(src), CRS.from_user_input(dst), always_xy=True)


@dataclass(frozen=True)
class Target:
    """A resolved output CRS. ``gcj02`` is lon/lat on the GCJ-02 offset (no EPSG code)."""

    crs: CRS | str
    label: str
    epsg: int | None
    geographic: bool

    @property
    def is_gcj02(self) -> bool:
        # isinstance, not ==: pyproj's CRS.__eq__ tries to parse "gcj02" and costs ~0.1 s
        return isinstance(self.crs, str)

    @property
    def decimals(self) -> int:
        key = "geographic_decimals" if self.geographic else "projected_decimals"
        return settings()["coordinates"][key]

    def xy(self, layer: ExportLayer) -> tuple[np.ndarray, np.ndarray]:
        """The layer's coordinates in this CRS (x = easting or longitude)."""
        if len(layer) == 0:
            return np.empty(0), np.empty(0)
        if self.is_gcj02:
            lon, lat = _transformer(layer.crs, 4326).transform(layer.x, layer.y)
            return wgs84_to_gcj02(lon, lat)
        if self.epsg is not None and self.epsg == layer.crs:
            return layer.x.copy(), layer.y.copy()
        return _transformer(layer.crs, self.epsg or self.crs.to_wkt()).transform(layer.x, layer.y)

    def wkt(self, version: str = "WKT1_GDAL") -> str:
        """WKT for file headers: WKT1_GDAL for GeoPackage (spec 1.2 table 21), WKT1_ESRI
        for a shapefile .prj (what ArcGIS reads)."""
        return self.crs.to_wkt(version)


def resolve(crs, format_name: str) -> Target:
    """Turn ``"EPSG:4550"``, ``4550``, ``"gcj02"`` into a :class:`Target`."""
    try:
        parsed = parse_crs(crs)
    except (CRSError, ValueError, TypeError) as exc:
        raise UnsupportedCrs(format=format_name, crs=str(crs), reason=str(exc)) from None
    if isinstance(parsed, str):
        return Target(GCJ02, "GCJ-02", None, True)
    epsg = parsed.to_epsg()
    return Target(parsed, f"EPSG:{epsg}" if epsg else parsed.name, epsg, parsed.is_geographic)
