"""Which text encoding a delivered file uses.

Shapefiles: the user's choice wins; then the ``.cpg`` file; then the DBF language-driver
byte; then the DBF's own text bytes are examined (strict UTF-8 first, then a statistical
choice between GB18030 and Western code pages). GBK shapefiles with no marker at all are
common in Chinese agencies and GDAL alone reads them as Latin-1 mojibake.

Codec names returned are ones both Python and GDAL's iconv understand.
"""
from __future__ import annotations

import codecs
import struct
import tomllib
from functools import lru_cache
from pathlib import Path

import charset_normalizer

import resources

CPG, DBF, DETECTED, USER, BOM = "cpg", "dbf", "detected", "user", "bom"


@lru_cache(maxsize=1)
def _table() -> dict:
    with open(resources.path("import", "encodings.toml"), "rb") as f:
        return tomllib.load(f)


def normalise(name: str) -> str | None:
    """A codec name for what a ``.cpg`` or a user wrote ("936", "utf8", "GBK"), or None."""
    key = " ".join(name.strip().lower().split())
    known = _table()["cpg"]
    if key in known:
        return known[key]
    try:
        return codecs.lookup(key).name.upper()
    except (LookupError, ValueError):  # ValueError: a NUL byte in what a .cpg or a user wrote
        return None


def _ldid_table() -> dict[int, str]:
    return {int(k, 16): v for k, v in _table()["ldid"].items()}


def detect_bytes(data: bytes) -> str:
    """UTF-8 if ``data`` decodes strictly as UTF-8 (plain ASCII included), otherwise the
    best of the configured candidates (GB18030 for Chinese text)."""
    try:
        data.decode("utf-8")
        return "UTF-8"
    except UnicodeDecodeError as exc:
        # a sample cut mid-character is still UTF-8
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            return "UTF-8"
    spec = _table()["detect"]
    best = charset_normalizer.from_bytes(data, cp_isolation=spec["candidates"]).best()
    if best is None:
        return spec["gb_name"]
    name = best.encoding.lower()
    if name in spec["prefer_gb_over"]:
        try:
            data.decode("gb18030")
            return spec["gb_name"]
        except UnicodeDecodeError:
            pass
    return spec["gb_name"] if name in ("gb18030", "gbk", "gb2312") else best.encoding.upper().replace("_", "-")


def dbf_text_sample(dbf: Path | None, limit: int | None = None) -> bytes:
    """The raw bytes of the character fields of the first records of ``dbf``."""
    limit = limit or _table()["detect"]["sample_bytes"]
    if dbf is None:
        return b""
    with open(dbf, "rb") as f:
        head = f.read(32)
        if len(head) < 32:
            return b""
        n_records, header_len, record_len = struct.unpack("<IHH", head[4:12])
        descriptors = f.read(max(header_len - 32, 0))
        fields = []
        offset = 1  # the deletion flag
        for i in range(0, len(descriptors) - 31, 32):
            d = descriptors[i:i + 32]
            if d[0] == 0x0D:
                break
            ftype, flen = chr(d[11]), d[16]
            if ftype in "CM":
                fields.append((offset, flen))
            offset += flen
        if not fields or record_len <= 0:
            return b""
        f.seek(header_len)
        body = f.read(min(limit, max(n_records, 1) * record_len))
    parts = []
    for start in range(0, len(body) - record_len + 1, record_len):
        record = body[start:start + record_len]
        parts.extend(record[o:o + n].rstrip(b" \x00") for o, n in fields)
    return b"\n".join(p for p in parts if p)


def dbf_of(shp: str | Path) -> Path | None:
    """The ``.dbf`` beside a ``.shp`` (any letter case), or None."""
    return _sibling(Path(shp), ".dbf")


def shapefile_encoding(shp: str | Path, user: str | None = None) -> tuple[str | None, str | None]:
    """(encoding, how it was found) for the shapefile whose ``.shp`` (or ``.dbf``) is ``shp``.

    ``how`` is "user", "cpg", "dbf" or "detected"; (None, None) when there is no DBF."""
    if user:
        return normalise(user) or user, USER
    base = Path(shp)
    cpg = _sibling(base, ".cpg")
    if cpg is not None:
        try:
            text = cpg.read_text("ascii", errors="ignore").strip()
        except OSError:
            text = ""
        found = normalise(text) if text else None
        if found:
            return found, CPG
    dbf = _sibling(base, ".dbf")
    if dbf is None:
        return None, None
    with open(dbf, "rb") as f:
        head = f.read(32)
    if len(head) >= 32:
        ldid = head[29]
        found = _ldid_table().get(ldid)
        if found and ldid not in _table()["ldid_ambiguous"]["codes"]:
            return found, DBF
    return detect_bytes(dbf_text_sample(dbf)), DETECTED


def text_encoding(data: bytes, user: str | None = None) -> tuple[str, str]:
    """(encoding, how) for a text file (CSV): user, then a BOM, then detection."""
    if user:
        return normalise(user) or user, USER
    if data.startswith(codecs.BOM_UTF8):
        return "UTF-8-SIG", BOM
    for bom, name in ((codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16")):
        if data.startswith(bom):
            return name, BOM
    return detect_bytes(data[:_table()["detect"]["sample_bytes"]]), DETECTED


def _sibling(path: Path, suffix: str) -> Path | None:
    """The file next to ``path`` with ``suffix``, in any letter case (.CPG, .Dbf)."""
    for candidate in (path.with_suffix(suffix), path.with_suffix(suffix.upper())):
        if candidate.exists():
            return candidate
    stem = path.stem.casefold()
    try:
        for other in path.parent.iterdir():
            if other.stem.casefold() == stem and other.suffix.casefold() == suffix:
                return other
    except OSError:
        pass
    return None
