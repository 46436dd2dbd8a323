"""``xiucity check``: is the registry sound? SQLite integrity, GeoPackage structure, the
spatial index against the geometries, identifier uniqueness and format, orphan mounts."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import geopackage as gpkg
from .codes import CodeError, scheme
from .geopackage import q, rtree_name
from .i18n import QT_TRANSLATE_NOOP, translate
from .kinds import KIND_NAMES
from .schema import MOUNTS, REFERENCE_LAYERS

# float32 storage of the R-tree: about 0.6 m at Gauss-Kruger coordinates (stack-notes)
RTREE_TOLERANCE = 2.0

_REQUIRED_TABLES = ("gpkg_spatial_ref_sys", "gpkg_contents", "gpkg_geometry_columns", "gpkg_extensions")


@dataclass
class Finding:
    ok: bool
    check: str
    text: str
    values: dict

    def message(self, language: str | None = None) -> str:
        return translate("Check", self.text, language=language, **self.values)

    def to_dict(self) -> dict:
        return {"ok": self.ok, "check": self.check, "message": self.message()}


def _finding(ok, check, text, **values) -> Finding:
    return Finding(ok, check, text, values)


def check_registry(registry, *, full: bool = True) -> list[Finding]:
    conn = registry.conn
    findings: list[Finding] = []
    result = conn.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchone()[0]
    findings.append(_finding(result == "ok", "sqlite",
                             QT_TRANSLATE_NOOP("Check", "SQLite integrity: {result}"), result=result))
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    findings.append(_finding(app_id == gpkg.APPLICATION_ID and version >= 10200, "geopackage",
                             QT_TRANSLATE_NOOP("Check", "GeoPackage header: application id {app}, version {version}"),
                             app=hex(app_id), version=version))
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    missing = [t for t in _REQUIRED_TABLES if t not in tables]
    findings.append(_finding(not missing, "geopackage",
                             QT_TRANSLATE_NOOP("Check", "GeoPackage tables present (missing: {missing})"),
                             missing=", ".join(missing) or "-"))
    registered = {r[0] for r in conn.execute("SELECT table_name FROM gpkg_geometry_columns")}
    for table in (*KIND_NAMES, *REFERENCE_LAYERS):
        if table not in tables or table not in registered:
            findings.append(_finding(False, "geopackage", QT_TRANSLATE_NOOP(
                "Check", "Layer {table} is missing or not registered"), table=table))
            continue
        findings.append(_check_rtree(conn, table))
    findings.extend(_check_codes(registry))
    orphans = conn.execute(
        f"SELECT count(*) FROM {MOUNTS} m WHERE NOT EXISTS ("
        + " UNION ALL ".join(f"SELECT 1 FROM {q(k)} WHERE uuid = m.host_uuid" for k in KIND_NAMES) + ")"
    ).fetchone()[0]
    findings.append(_finding(orphans == 0, "mounts",
                             QT_TRANSLATE_NOOP("Check", "Mounts without a pole or cabinet: {n}"), n=orphans))
    return findings


def _check_rtree(conn, table: str) -> Finding:
    rtree = rtree_name(table)
    rows = conn.execute(f"SELECT fid, geom FROM {q(table)} WHERE geom IS NOT NULL ORDER BY fid").fetchall()
    index = conn.execute(f"SELECT id, minx, maxx, miny, maxy FROM {q(rtree)} ORDER BY id").fetchall()
    bad = 0
    if len(rows) != len(index):
        bad = abs(len(rows) - len(index)) or 1
    elif rows:
        fids = np.array([r[0] for r in rows])
        ids = np.array([r[0] for r in index])
        if not np.array_equal(fids, ids):
            bad = int((fids != ids).sum())
        else:
            env = np.array([r[1:] for r in index], dtype=float)
            if table in KIND_NAMES:
                x, y = gpkg.decode_points([r[1] for r in rows])
                expected = np.column_stack([x, x, y, y])
            else:
                expected = np.array([gpkg._envelope(r[1]) for r in rows], dtype=float)
            bad = int((np.abs(env - expected) > RTREE_TOLERANCE).any(axis=1).sum())
    return _finding(bad == 0, "rtree", QT_TRANSLATE_NOOP(
        "Check", "Spatial index of {table}: {n} features, {bad} wrong"), table=table, n=len(rows), bad=bad)


def _check_codes(registry) -> list[Finding]:
    conn = registry.conn
    union = " UNION ALL ".join(f"SELECT code, uuid FROM {q(k)}" for k in KIND_NAMES)
    dup_codes = conn.execute(f"SELECT count(*) FROM (SELECT code FROM ({union}) GROUP BY code HAVING count(*) > 1)"
                             ).fetchone()[0]
    dup_uuids = conn.execute(f"SELECT count(*) FROM (SELECT uuid FROM ({union}) GROUP BY uuid HAVING count(*) > 1)"
                             ).fetchone()[0]
    code_scheme = scheme(registry.code_scheme)
    malformed = 0
    for (code,) in conn.execute(f"SELECT code FROM ({union})"):
        try:
            code_scheme.split(code)
        except CodeError:
            malformed += 1
    return [
        _finding(dup_codes == 0, "codes", QT_TRANSLATE_NOOP("Check", "Identifiers used twice: {n}"), n=dup_codes),
        _finding(dup_uuids == 0, "codes", QT_TRANSLATE_NOOP("Check", "UUIDs used twice: {n}"), n=dup_uuids),
        _finding(malformed == 0, "codes", QT_TRANSLATE_NOOP(
            "Check", "Identifiers not matching the {scheme} scheme: {n}"), scheme=registry.code_scheme, n=malformed),
    ]
