"""The uniform in-memory table every delivered file becomes."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely

from assets.i18n import QT_TRANSLATE_NOOP, translate

WARNINGS = "Import"


def warn(text: str, **values: object) -> str:
    """A warning for the user, translated now (tables are shown soon after reading)."""
    return translate(WARNINGS, text, **values)


__all__ = ["SourceTable", "LazyRows", "LazyPoints", "AsciiColumn", "warn", "QT_TRANSLATE_NOOP", "normalise_header"]


@dataclass
class SourceTable:
    """One layer of a delivered file: attribute rows, geometries and how they were read.

    ``geometries`` are shapely geometries (or None) in ``crs``; ``crs`` is a pyproj CRS,
    the :data:`layers.crs.GCJ02` marker, or None when unknown. ``crs_guessed`` says the
    CRS came from the numbers, not from the file or the user; ``xy_swapped`` says the X and
    Y columns were exchanged to make X the easting/longitude.

    Readers of large tables (ledgers, GeoPackage point layers) keep the values as columns
    instead: ``column_values`` maps each column to its list of values and ``xy`` holds the
    coordinates as two float arrays (NaN where a row has none); ``rows`` and
    ``geometries`` are then :class:`LazyRows` and :class:`LazyPoints` views of them, so a
    million rows never become a million dicts and shapely points."""

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
    column_values: dict | None = None
    xy: tuple = ()

    def __len__(self) -> int:
        return len(self.rows)

    def set_columns(self, columns: dict[str, list], n: int) -> None:
        """Hold the attribute values as columns (``n`` rows)."""
        self.column_values = columns
        self.rows = LazyRows(columns, n)

    def set_xy(self, x: np.ndarray, y: np.ndarray) -> None:
        """Hold the positions as coordinate arrays (NaN for none)."""
        self.xy = (x, y)
        self.geometries = LazyPoints(x, y)

    def column(self, name: str) -> list:
        """One column's values, from the columns when the table holds them."""
        if self.column_values is not None:
            return self.column_values.get(name) or [None] * len(self)
        return [row.get(name) for row in self.rows]

    def points(self) -> tuple[np.ndarray, np.ndarray]:
        """x, y as float64 arrays; NaN where a row has no point geometry (lines and
        polygons are not points and give NaN too)."""
        if self.xy:
            x, y = (np.array(a, dtype=float) for a in self.xy)
            bad = ~(np.isfinite(x) & np.isfinite(y))
            x[bad] = y[bad] = np.nan
            return x, y
        n = len(self.geometries)
        x = np.full(n, np.nan)
        y = np.full(n, np.nan)
        for i, geom in enumerate(self.geometries):
            if geom is not None and geom.geom_type == "Point" and not geom.is_empty:
                x[i], y[i] = geom.x, geom.y
        return x, y


class LazyRows(Sequence):
    """Row dicts made on demand from columns (a million dicts would be most of the memory)."""

    def __init__(self, columns: dict[str, list], n: int):
        self._columns, self._n = columns, n

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        return {name: col[i] for name, col in self._columns.items()}

    def __iter__(self):
        return (self[i] for i in range(self._n))

    def clear(self) -> None:
        self._columns, self._n = {}, 0


class LazyPoints(Sequence):
    """Shapely points made on demand from coordinate arrays (None where there is none)."""

    def __init__(self, x: np.ndarray, y: np.ndarray):
        self._x, self._y = x, y

    def __len__(self) -> int:
        return len(self._x)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        x, y = self._x[i], self._y[i]
        return shapely.Point(x, y) if np.isfinite(x) and np.isfinite(y) else None

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def clear(self) -> None:
        self._x = self._y = np.empty(0)


class AsciiColumn(Sequence):
    """A column of short ASCII texts (coordinates as delivered) in one numpy bytes array:
    a million "4456123.120" cost 11 MB here and about 70 MB as Python strings."""

    def __init__(self, missing: np.ndarray, data: np.ndarray):
        self._missing, self._data = missing, data

    @classmethod
    def of(cls, values):
        """``values`` compacted, or unchanged when some are not ASCII text."""
        if not isinstance(values, list) or not all(type(v) is str for v in values if v is not None):
            return values
        missing = np.fromiter((v is None for v in values), dtype=bool, count=len(values))
        try:
            data = np.array(["" if v is None else v for v in values], dtype="S")
        except UnicodeEncodeError:
            return values
        return cls(missing, data)

    def __len__(self) -> int:
        return len(self._data)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return None if self._missing[i] else self._data[i].decode("ascii")

    def __iter__(self):
        return (self[i] for i in range(len(self)))


_BRACKETS = re.compile(r"[\(（\[【].*?[\)）\]】]")
_SPACES = re.compile(r"[\s_\-·.:：]+")


def normalise_header(text: object) -> str:
    """A header as it is compared with synonyms: full-width folded, case-folded, units
    in brackets and spaces, underscores and dashes removed ("X坐标（m）" → "x坐标")."""
    s = unicodedata.normalize("NFKC", str(text or "")).casefold()
    stripped = _BRACKETS.sub("", s)
    s = stripped if stripped.strip() else s
    return _SPACES.sub("", s)
