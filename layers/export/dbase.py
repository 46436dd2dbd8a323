"""The .dbf of a shapefile (dBASE III as GDAL writes it), built column by column.

Types: C text (width in BYTES of the encoding, at most 254), N numbers (integers at
their widest; reals 24 wide with 15 decimals, as GDAL writes them), D dates (YYYYMMDD),
L booleans (T/F, ``?`` for unknown). Missing values are blanks, which readers take as null."""
from __future__ import annotations

import datetime as dt
import struct

from .errors import BadExportTable
from .field_names import cut_to_bytes

# dBASE "language driver" byte: 0x4D is code page 936 (GBK). UTF-8 has none; its .cpg says it.
LANGUAGE_DRIVER = {"gbk": 0x4D}
REAL_WIDTH, REAL_DECIMALS = 24, 15
INTEGER_MAX_WIDTH = 18
TEXT_MAX_BYTES = 254


def encode_column(kind: str, values: list, encoding: str, layer: str, title: str,
                  text_max: int = TEXT_MAX_BYTES) -> tuple[str, int, int, list[bytes]]:
    """(type char, width, decimals, cell bytes padded to width) for one column."""
    if kind == "text":
        # ledgers repeat their texts (roads, owners, statuses): encode each distinct one once
        encoded: dict = {None: b""}
        for v in set(values):
            if v is None:
                continue
            raw = v.encode(encoding)   # UnicodeEncodeError is turned into NotEncodable by the caller
            if len(raw) > text_max:
                raw = cut_to_bytes(v, text_max, encoding).encode(encoding)
            encoded[v] = raw
        width = max(1, max((len(c) for c in encoded.values()), default=1))
        padded = {v: raw.ljust(width) for v, raw in encoded.items()}
        return "C", width, 0, [padded[v] for v in values]
    if kind == "integer":
        texts = [b"" if v is None else b"%d" % v for v in values]
        width = max(1, max((len(t) for t in texts), default=1))
        if width > INTEGER_MAX_WIDTH:
            raise BadExportTable(layer=layer, detail=f"{title}: a number longer than {INTEGER_MAX_WIDTH} digits "
                                 "does not fit a shapefile; export identifiers as text")
        return "N", width, 0, [t.rjust(width) for t in texts]
    if kind == "real":
        cache: dict = {}
        return "N", REAL_WIDTH, REAL_DECIMALS, [cache[v] if v in cache else cache.setdefault(v, _real(v))
                                                for v in values]
    if kind == "date":
        days = {v: b"        " if v is None else v.strftime("%Y%m%d").encode() for v in set(values)}
        return "D", 8, 0, [days[v] for v in values]
    if kind == "boolean":
        return "L", 1, 0, [b"?" if v is None else (b"T" if v else b"F") for v in values]
    raise ValueError(kind)


def _real(value) -> bytes:
    if value is None:
        return b" " * REAL_WIDTH
    text = b"%.*f" % (REAL_DECIMALS, value)
    if len(text) > REAL_WIDTH:   # a large number: fewer decimals so it still fits
        text = (b"%.*f" % (max(0, REAL_DECIMALS - (len(text) - REAL_WIDTH)), value))[:REAL_WIDTH]
    return text.rjust(REAL_WIDTH)


def write_dbf(path, names: list[str], columns: list[tuple[str, int, int, list[bytes]]], count: int,
              encoding: str) -> None:
    """Write the table; ``names`` are already at most 10 bytes in ``encoding``."""
    today = dt.date.today()
    record_length = 1 + sum(width for _, width, _, _ in columns)
    header_length = 32 + 32 * len(columns) + 1
    header = struct.pack("<BBBBIHH17xB2x", 0x03, today.year - 1900, today.month, today.day, count,
                         header_length, record_length, LANGUAGE_DRIVER.get(encoding.lower(), 0))
    fields = b"".join(
        struct.pack("<11sc4xBB14x", name.encode(encoding), kind.encode(), width, decimals)
        for name, (kind, width, decimals, _) in zip(names, columns))
    cells = [c for _, _, _, c in columns]
    with open(path, "wb") as f:
        f.write(header + fields + b"\r")
        rows = zip(*cells) if cells else ([] for _ in range(count))
        f.write(b"".join(b" " + b"".join(row) for row in rows))
        f.write(b"\x1a")
