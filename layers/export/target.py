"""The coordinate system an export writes in, and the coordinates of a layer in it."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from pyproj import CRS
from pyproj.exceptions import CRSError

import resources
from layers.crs import GCJ02, crs_label, parse_crs, transform

from .errors import UnsupportedCrs
from .table import ExportLayer


@lru_cache(maxsize=1)
def settings() -> dict:
    with open(resources.path("export.toml"), "rb") as f:
        return tomllib.load(f)


@dataclass(frozen=True)
class Target:
    """A resolved output CRS. ``gcj02`` is lon/lat on the GCJ-02 offset (no EPSG code)."""

    crs: CRS | str
    label: str
    epsg: int | None
    geographic: bool

    @property
    def is_gcj02(self) -> bool:
        return self.crs == GCJ02

    @property
    def decimals(self) -> int:
        key = "geographic_decimals" if self.geographic else "projected_decimals"
        return settings()["coordinates"][key]

    def xy(self, layer: ExportLayer) -> tuple[np.ndarray, np.ndarray]:
        """The layer's coordinates in this CRS (x = easting or longitude)."""
        if len(layer) == 0:
            return np.empty(0), np.empty(0)
        return transform(layer.x, layer.y, layer.crs, self.crs)

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
    if parsed == GCJ02:
        return Target(GCJ02, crs_label(GCJ02), None, True)
    return Target(parsed, crs_label(parsed), parsed.to_epsg(), parsed.is_geographic)
