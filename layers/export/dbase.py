"""The .dbf of a shapefile (dBASE III as GDAL writes it), built column by column.

Types: C text (width in BYTES of the encoding, at most 254), N numbers (integers at
their widest; reals 24 wide with 15 decimals, as GDAL writes them), D dates (YYYYMMDD),
L booleans (T/F, ``?`` for unknown). Missing values are blanks, which readers take as null.

Kept rather than GDAL (pyogrio): GDAL gives every text field 80 or 254 bytes, so the .dbf
of a registry export came out 5x larger, and shrinking it afterwards (RESIZE=YES) took
longer than the whole export; its dates also cost ~1.3 us per value through pyogrio.
Ledger columns repeat a few values (roads, owners, statuses), so each distinct value is
rendered once and numpy lays the cells out into records."""
from __future__ import annotations

import datetime as dt
import itertools
import struct

import numpy as np

from .errors import BadExportTable
from .field_names import cut_to_bytes

# dBASE "language driver" byte: 0x4D is code page 936 (GBK). UTF-8 has none; its .cpg says it.
LANGUAGE_DRIVER = {"gbk": 0x4D}
REAL_WIDTH, REAL_DECIMALS = 24, 15
INTEGER_MAX_WIDTH = 18
TEXT_MAX_BYTES = 254


def _distinct(values: list) -> tuple[list, np.ndarray]:
    """The distinct values (first appearance order) and, per value, its position among them."""
    first: dict = {}
    # setdefault with the row number keeps each value's first row: one C-level pass
    rows = np.fromiter(map(first.setdefault, values, itertools.count()), dtype=np.int64, count=len(values))
    firsts, inverse = np.unique(rows, return_inverse=True)
    return [values[i] for i in firsts.tolist()], inverse.reshape(-1)


def _cells(values: list, render, align: str = "left") -> tuple[int, np.ndarray]:
    """(width, cells): each distinct value rendered once as bytes, padded to the widest."""
    distinct, inverse = _distinct(values)
    rendered = [render(v) for v in distinct]
    width = max(1, max(map(len, rendered), default=1))
    padded = [r.ljust(width) if align == "left" else r.rjust(width) for r in rendered]
    table = np.array(padded, dtype=f"S{width}") if padded else np.empty(0, dtype=f"S{width}")
    return width, table[inverse]


def encode_column(kind: str, values: list, encoding: str, layer: str, title: str,
                  text_max: int = TEXT_MAX_BYTES) -> tuple[str, int, int, np.ndarray]:
    """(type char, width, decimals, cells: one ``width``-byte string per value) for one column."""
    if kind == "text":
        def text(v) -> bytes:
            if v is None:
                return b""
            raw = v.encode(encoding)   # UnicodeEncodeError is turned into NotEncodable by the caller
            return cut_to_bytes(v, text_max, encoding).encode(encoding) if len(raw) > text_max else raw
        width, cells = _cells(values, text)
        return "C", width, 0, cells
    if kind == "integer":
        width, cells = _cells(values, lambda v: b"" if v is None else b"%d" % v, "right")
        if width > INTEGER_MAX_WIDTH:
            raise BadExportTable(layer=layer, detail=f"{title}: a number longer than {INTEGER_MAX_WIDTH} digits "
                                 "does not fit a shapefile; export identifiers as text")
        return "N", width, 0, cells
    if kind == "real":
        _, cells = _cells(values, _real)
        return "N", REAL_WIDTH, REAL_DECIMALS, cells.astype(f"S{REAL_WIDTH}")
    if kind == "date":
        _, cells = _cells(values, lambda v: b"        " if v is None else v.strftime("%Y%m%d").encode())
        return "D", 8, 0, cells.astype("S8")
    if kind == "boolean":
        _, cells = _cells(values, lambda v: b"?" if v is None else (b"T" if v else b"F"))
        return "L", 1, 0, cells.astype("S1")
    raise ValueError(kind)


def _real(value) -> bytes:
    if value is None:
        return b" " * REAL_WIDTH
    text = b"%.*f" % (REAL_DECIMALS, value)
    if len(text) > REAL_WIDTH:   # a large number: fewer decimals so it still fits
        text = (b"%.*f" % (max(0, REAL_DECIMALS - (len(text) - REAL_WIDTH)), value))[:REAL_WIDTH]
    return text.rjust(REAL_WIDTH)


def dbf_header(names: list[str], specs: list[tuple[str, int, int]], count: int, encoding: str) -> bytes:
    """The header and field descriptors for fields ``(type char, width, decimals)``;
    ``names`` are already at most 10 bytes in ``encoding``."""
    today = dt.date.today()
    record_length = 1 + sum(width for _, width, _ in specs)
    header_length = 32 + 32 * len(specs) + 1
    header = struct.pack("<BBBBIHH17xB2x", 0x03, today.year - 1900, today.month, today.day, count,
                         header_length, record_length, LANGUAGE_DRIVER.get(encoding.lower(), 0))
    fields = b"".join(
        struct.pack("<11sc4xBB14x", name.encode(encoding), kind.encode(), width, decimals)
        for name, (kind, width, decimals) in zip(names, specs))
    return header + fields + b"\r"


def write_dbf(path, names: list[str], columns: list[tuple[str, int, int, np.ndarray]], count: int,
              encoding: str) -> None:
    """Write the table; ``names`` are already at most 10 bytes in ``encoding``."""
    # one record = the deletion flag (a blank) and every cell at its width, packed end to end
    records = np.empty(count, dtype=np.dtype([("deleted", "S1")] + [(f"f{i}", f"S{width}")
                                                                      for i, (_, width, _, _) in enumerate(columns)]))
    records["deleted"] = b" "
    for i, (_, _, _, cells) in enumerate(columns):
        records[f"f{i}"] = cells
    with open(path, "wb") as f:
        f.write(dbf_header(names, [c[:3] for c in columns], count, encoding))
        f.write(records.tobytes())
        f.write(b"\x1a")
