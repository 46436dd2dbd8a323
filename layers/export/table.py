"""The generic in-memory table every format writer takes: one layer per asset kind, point
coordinates as numpy arrays, rows as dicts, fields with Chinese titles and a value type.

Writers never look at the registry; the lead's export code fills these tables."""
from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .errors import BadExportTable

# floats hold every integer below 2**53 exactly (16-digit codes fit; 17-digit ones may not)
_EXACT_FLOAT_INT = 2 ** 53
FIELD_TYPES = ("text", "integer", "real", "date", "boolean")


@dataclass
class ExportField:
    """One output column. ``type`` is text|integer|real|date|boolean; identifiers such as
    the 16-17 digit 标识码 are ``text`` and every writer keeps them as text."""

    name: str
    title: str
    type: str = "text"


@dataclass
class ExportLayer:
    """The features of one kind to write.

    ``x``/``y`` are in ``crs`` (an EPSG code, the registry's working CRS, usually 4550).
    ``style`` names the field whose value picks a symbol, e.g. ``{"by": "status"}``."""

    name: str
    title: str
    fields: list[ExportField]
    rows: list[dict]
    x: np.ndarray
    y: np.ndarray
    crs: int = 4550
    style: dict | None = None

    def __post_init__(self):
        self.x = np.asarray(self.x, dtype=float)
        self.y = np.asarray(self.y, dtype=float)

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def style_field(self) -> str | None:
        by = (self.style or {}).get("by")
        return by if by in {f.name for f in self.fields} else None

    def check(self) -> None:
        """Raise :class:`BadExportTable` if the table cannot be written as it is."""
        if not self.name or not str(self.name).strip():
            raise BadExportTable(layer="?", detail="empty layer name")
        if self.x.shape != (len(self.rows),) or self.y.shape != (len(self.rows),):
            raise BadExportTable(layer=self.name, detail=(
                f"{len(self.rows)} rows but {self.x.size} x and {self.y.size} y values"))
        seen: set[str] = set()
        for f in self.fields:
            if f.type not in FIELD_TYPES:
                raise BadExportTable(layer=self.name, detail=f"field {f.name}: unknown type {f.type!r}")
            if f.name in seen:
                raise BadExportTable(layer=self.name, detail=f"field {f.name} appears twice")
            seen.add(f.name)

    def column(self, name: str) -> list:
        """The values of one field, brought to its type (``None`` for missing)."""
        f = next(f for f in self.fields if f.name == name)
        native = _NATIVE[f.type]
        convert = _CONVERTERS[f.type]
        values = [row.get(name) for row in self.rows]
        # values already of the right type (the usual case) pass through untouched: one
        # C-level pass over their types instead of a Python check per value
        if set(map(type, values)) <= {native, type(None)}:
            if f.type != "real" or all(map(math.isfinite, [v for v in values if v is not None])):
                return values
        try:
            return [v if type(v) is native and v == v and f.type != "real" else _convert(v, convert, f.type)
                    for v in values]
        except (TypeError, ValueError):
            pass
        for i, row in enumerate(self.rows):   # again, slowly, to say which row is wrong
            value = row.get(name)
            try:
                _convert(value, convert, f.type)
            except (TypeError, ValueError):
                raise BadExportTable(layer=self.name, detail=(
                    f"row {i + 1}, field {f.title or f.name}: cannot read {value!r} as {f.type}")) from None
        raise AssertionError("unreachable")

    def columns(self) -> dict[str, list]:
        return {f.name: self.column(f.name) for f in self.fields}

    def valid_xy(self) -> np.ndarray:
        """True where the feature has a position (NaN means no geometry)."""
        return np.isfinite(self.x) & np.isfinite(self.y)


def _text(value) -> str:
    if isinstance(value, (float, np.floating)) and float(value).is_integer() and abs(value) < _EXACT_FLOAT_INT:
        # a code that went through a spreadsheet as a number: "2103230105000001", not
        # "2103230105000001.0" or "2.10323e+15"
        return str(int(value))
    return str(value)


def _integer(value) -> int:
    if isinstance(value, bool):
        return int(value)
    number = float(value)
    if not number.is_integer():
        raise ValueError(value)
    return int(value) if isinstance(value, (int, np.integer)) else int(number)


def _real(value) -> float:
    number = float(value)
    if not math.isfinite(number):   # no format can carry infinity (JSON, dBASE, Excel)
        raise ValueError(value)
    return number


def _date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(text[:10] if fmt == "%Y-%m-%d" else text, fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


def _boolean(value) -> bool:
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)) and value in (0, 1):
        return bool(value)
    text = str(value).strip().casefold()
    if text in ("1", "true", "yes", "是", "有", "t", "y"):
        return True
    if text in ("0", "false", "no", "否", "无", "f", "n"):
        return False
    raise ValueError(value)


def _convert(value, convert, kind: str):
    if value is None or (kind != "text" and isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (float, np.floating)) and value != value:
        return None   # NaN: a missing number (pandas/numpy habit), written as empty
    return convert(value)


_NATIVE = {"text": str, "integer": int, "real": float, "date": dt.date, "boolean": bool}
_CONVERTERS = {"text": _text, "integer": _integer, "real": _real, "date": _date, "boolean": _boolean}


@dataclass
class SqliteSource:
    """Where a layer's values already lie in an SQLite file, so a writer that itself writes
    SQLite (the GeoPackage writer) can copy them with one ``INSERT ... SELECT`` instead of
    taking every value through Python (at 100k rows and 40 columns that was most of the
    export). The layer's ``rows`` still hold the same values for every other writer.

    ``expressions`` give each output field as SQL over the source table aliased ``t``;
    ``checks`` (field → SQL) are true where a value is not yet in its written form, so the
    writer must take the Python path. ``fids`` are the source rowids in output order."""

    path: Path
    table: str
    fids: np.ndarray
    expressions: dict[str, str]
    checks: dict[str, str] = field(default_factory=dict)


@dataclass
class ExportResult:
    """What an export wrote: files, features per layer, the CRS label, sha256 per file and
    the metadata sidecar."""

    format: str
    paths: list[Path]
    counts: dict[str, int]
    crs: str
    encoding: str | None
    checksums: dict[str, str] = field(default_factory=dict)
    sidecar: Path | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())
