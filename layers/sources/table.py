"""The uniform in-memory table every delivered file becomes."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np

from assets.i18n import QT_TRANSLATE_NOOP, translate

WARNINGS = "Import"


def warn(text: str, **values: object) -> str:
    """A warning for the user, translated now (tables are shown soon after reading)."""
    return translate(WARNINGS, text, **values)


__all__ = ["SourceTable", "warn", "QT_TRANSLATE_NOOP", "normalise_header"]


@dataclass
class SourceTable:
    """One layer of a delivered file: attribute rows, geometries and how they were read.

    ``geometries`` are shapely geometries (or None) in ``crs``; ``crs`` is a pyproj CRS,
    the :data:`layers.crs.GCJ02` marker, or None when unknown. ``crs_guessed`` says the
    CRS came from the numbers, not from the file or the user; ``xy_swapped`` says the X and
    Y columns were exchanged to make X the easting/longitude."""

    path: str
    layer: str | None
    driver: str
    columns: list[str]
    rows: list[dict]
    geometries: list
    crs: object = None
    crs_guessed: bool = False
    xy_swapped: bool = False
    encoding: str | None = None
    encoding_source: str | None = None
    warnings: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def points(self) -> tuple[np.ndarray, np.ndarray]:
        """x, y as float64 arrays; NaN where a row has no point geometry (lines and
        polygons are not points and give NaN too)."""
        n = len(self.geometries)
        x = np.full(n, np.nan)
        y = np.full(n, np.nan)
        for i, geom in enumerate(self.geometries):
            if geom is not None and geom.geom_type == "Point" and not geom.is_empty:
                x[i], y[i] = geom.x, geom.y
        return x, y


_BRACKETS = re.compile(r"[\(（\[【].*?[\)）\]】]")
_SPACES = re.compile(r"[\s_\-·.:：]+")


def normalise_header(text: object) -> str:
    """A header as it is compared with synonyms: full-width folded, case-folded, units
    in brackets and spaces, underscores and dashes removed ("X坐标（m）" → "x坐标")."""
    s = unicodedata.normalize("NFKC", str(text or "")).casefold()
    stripped = _BRACKETS.sub("", s)
    s = stripped if stripped.strip() else s
    return _SPACES.sub("", s)
