"""The layout of a confirmation package workbook and how it is signed; shared by the writer
(:mod:`layers.confirmation_package`) and the reader (:mod:`layers.package_receipt`).

A package is an XLSX workbook with a visible sheet of candidate assets (only the decision
and comment columns are editable), an instructions sheet and a very hidden metadata sheet.
The metadata carries a SHA-256 digest of the asset list (code, UUID, kind per row, in
order) and of every locked cell, and an HMAC-SHA256 over all of it keyed with the
registry's secret: a copy that was edited outside the two columns, or made by another
registry, does not verify.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from functools import lru_cache

FORMAT = "xiucity-confirmation-package"
FORMAT_VERSION = 1
SHEET = "待认领清单"
HELP_SHEET = "填写说明"
META_SHEET = "_xiucity"

# (key, header) in sheet order; the two editable columns are DECISION and COMMENT
COLUMNS = [
    ("no", "序号"), ("code", "标识码"), ("kind", "部件类型"), ("subtype", "小类代码"),
    ("subtype_label", "小类名称"), ("inscription", "井盖标识"), ("road", "所在道路"),
    ("lon", "经度(CGCS2000)"), ("lat", "纬度(CGCS2000)"), ("photo", "图片"), ("hint", "认领依据"),
    ("decision", "是否本单位所有（是/否/不确定）"), ("comment", "说明"), ("uuid", "UUID"),
]
KEYS = [k for k, _ in COLUMNS]
HEADERS = [h for _, h in COLUMNS]
DECISION, COMMENT = KEYS.index("decision"), KEYS.index("comment")
EDITABLE = (DECISION, COMMENT)
LOCKED = [i for i in range(len(COLUMNS)) if i not in EDITABLE]
CODE, KIND, UUID = KEYS.index("code"), KEYS.index("kind"), KEYS.index("uuid")
WIDTHS = [6, 19, 9, 8, 14, 12, 12, 14, 14, 16, 24, 18, 30, 38]

# metadata keys, in the order they are written
META_KEYS = ["format", "format_version", "package_id", "version", "registry_id", "campaign_id", "campaign_name",
             "org_code", "org_name", "issuer", "deadline", "created", "n_assets", "asset_digest", "locked_digest"]


def canon(value) -> str:
    """One cell as text for digests: numbers in a fixed form (Excel may rewrite 123.28 as
    123.28000000000001 when it saves), blanks as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e17:
            return str(int(value))
        return f"{value:.7f}".rstrip("0").rstrip(".")
    return str(value)


def locked_cells(row) -> list[str]:
    return [canon(row[i] if i < len(row) else None) for i in LOCKED]


def asset_digest(entries) -> str:
    """SHA-256 of (code, UUID, kind) per row, in order."""
    text = "\n".join(f"{canon(c)}\t{canon(u)}\t{canon(k)}" for c, u, k in entries)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def locked_digest(rows) -> str:
    """SHA-256 of every locked cell (header row included), row by row."""
    h = hashlib.sha256()
    for row in rows:
        h.update("\x1f".join(locked_cells(row)).encode("utf-8"))
        h.update(b"\x1e")
    return h.hexdigest()


def sign(meta: dict, secret_hex: str) -> str:
    """HMAC-SHA256 over the metadata (which holds both digests), keyed with the registry secret."""
    message = json.dumps({k: canon(meta.get(k)) for k in META_KEYS}, ensure_ascii=False, sort_keys=True)
    return hmac.new(bytes.fromhex(secret_hex), message.encode("utf-8"), hashlib.sha256).hexdigest()


def verify(meta: dict, secret_hex: str) -> bool:
    return hmac.compare_digest(sign(meta, secret_hex), str(meta.get("signature") or ""))


LONLAT_CRS = 4490  # CGCS2000 geographic; lon/lat shown to clerks


@lru_cache(maxsize=8)
def _to_lonlat(crs: int):
    from pyproj import Transformer
    return Transformer.from_crs(crs, LONLAT_CRS, always_xy=True)


def to_lonlat(x, y, crs: int):
    """Registry coordinates → CGCS2000 lon/lat arrays. A cached transformer: building the
    CRS objects costs ~0.1 s a time, more than the whole sheet of 2,000 rows."""
    import numpy as np
    return _to_lonlat(int(crs)).transform(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
