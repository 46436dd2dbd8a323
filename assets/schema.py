"""The registry's tables: one feature table per asset kind, reference layers, and the
business tables, all registered in the GeoPackage so other GIS software sees them.

The schema has a version (``xiucity_meta.schema_version``); :data:`MIGRATIONS` brings an
older registry up to date inside one transaction when it is opened.
"""
from __future__ import annotations

from . import geopackage as gpkg
from .kinds import all_kinds, mount_fields
from .geopackage import q

SCHEMA_VERSION = 1

META_TABLE = "xiucity_meta"

# Reference layers: (table, geometry type, columns, titles zh/en)
REFERENCE_LAYERS = {
    "roads": ("LINESTRING", {"name": ("TEXT", "道路名称", "Road name"),
                             "road_class": ("TEXT", "道路等级", "Road class"),
                             "width_m": ("REAL", "路宽(m)", "Width (m)")},
              ("道路中心线", "Road centre lines")),
    "rivers": ("MULTIPOLYGON", {"name": ("TEXT", "名称", "Name")}, ("河流水面", "Rivers")),
    "subdistricts": ("MULTIPOLYGON", {"code": ("TEXT", "街道代码", "Subdistrict code"),
                                      "name": ("TEXT", "街道名称", "Subdistrict name")},
                     ("街道", "Subdistricts")),
    "communities": ("MULTIPOLYGON", {"code": ("TEXT", "社区代码", "Community code"),
                                     "name": ("TEXT", "社区名称", "Community name"),
                                     "subdistrict_code": ("TEXT", "街道代码", "Subdistrict code")},
                    ("社区", "Communities")),
    "grids": ("MULTIPOLYGON", {"code": ("TEXT", "单元网格代码", "Grid code"),
                               "subdistrict_code": ("TEXT", "街道代码", "Subdistrict code"),
                               "community_code": ("TEXT", "社区代码", "Community code")},
              ("单元网格", "Unit grids")),
}

ORGANISATIONS = "organisations"
MOUNTS = "mounts"
HISTORY = "history"
CODE_COUNTERS = "xiucity_code_counters"

# Indexed for the lookups that need one: subtype and owner (filters, exports, packages) and the
# ownership state (campaigns). Road, grid and status are filtered by LIKE or != (no index
# helps) or rarely; each index costs about a second per million assets on a bulk load.
_INDEXED = ("subtype", "owner_code", "ownership")


def create_schema(conn, srs_id: int) -> None:
    """Create every XiuCity table in a fresh GeoPackage (inside the caller's transaction)."""
    gpkg.add_attribute_table(conn, META_TABLE, "key TEXT NOT NULL UNIQUE, value TEXT",
                             META_TABLE, "XiuCity registry settings")
    for k in all_kinds():
        columns = ", ".join(f"{q(f.name)} {f.sql_type}" for f in k.fields)
        gpkg.add_feature_table(conn, k.table, columns, "POINT", srs_id, k.title("zh_CN"), k.title("en"))
        conn.execute(f"CREATE UNIQUE INDEX {q('idx_' + k.table + '_code')} ON {q(k.table)} (code)")
        conn.execute(f"CREATE UNIQUE INDEX {q('idx_' + k.table + '_uuid')} ON {q(k.table)} (uuid)")
        for col in _INDEXED:
            conn.execute(f"CREATE INDEX {q('idx_' + k.table + '_' + col)} ON {q(k.table)} ({q(col)})")
        gpkg.set_column_titles(conn, k.table, {f.name: (f.label, f.label_en) for f in k.fields})
    for table, (geom_type, cols, (title, title_en)) in REFERENCE_LAYERS.items():
        columns = ", ".join(f"{q(c)} {t}" for c, (t, _, _) in cols.items())
        gpkg.add_feature_table(conn, table, columns, geom_type, srs_id, title, title_en)
        gpkg.set_column_titles(conn, table, {c: (zh, en) for c, (_, zh, en) in cols.items()})
    gpkg.add_attribute_table(
        conn, ORGANISATIONS,
        "code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, name_en TEXT, role TEXT, contact TEXT",
        "单位", "Organisations: owners, maintainers, departments")
    gpkg.set_column_titles(conn, ORGANISATIONS, {
        "code": ("单位代码", "Code"), "name": ("单位名称", "Name"), "name_en": ("英文名称", "English name"),
        "role": ("类别", "Role"), "contact": ("联系方式", "Contact")})
    mount_cols = ", ".join(f"{q(f.name)} {f.sql_type}" for f in mount_fields())
    gpkg.add_attribute_table(conn, MOUNTS, mount_cols, "挂载设备", "Devices mounted on poles and in cabinets")
    conn.execute(f"CREATE UNIQUE INDEX idx_mounts_uuid ON {MOUNTS} (uuid)")
    conn.execute(f"CREATE INDEX idx_mounts_host ON {MOUNTS} (host_uuid)")
    conn.execute(f"CREATE INDEX idx_mounts_owner ON {MOUNTS} (owner_code)")
    gpkg.set_column_titles(conn, MOUNTS, {f.name: (f.label, f.label_en) for f in mount_fields()})
    gpkg.add_attribute_table(
        conn, HISTORY,
        "at TEXT NOT NULL, who TEXT, action TEXT NOT NULL, kind TEXT, asset_uuid TEXT, code TEXT, "
        "before TEXT, after TEXT, command_id TEXT, note TEXT",
        "变更历史", "Every change: who, when, what, before and after")
    conn.execute(f"CREATE INDEX idx_history_asset ON {HISTORY} (asset_uuid)")
    conn.execute(f"CREATE INDEX idx_history_code ON {HISTORY} (code)")
    conn.execute(f"CREATE INDEX idx_history_command ON {HISTORY} (command_id)")
    gpkg.set_column_titles(conn, HISTORY, {
        "at": ("时间", "When"), "who": ("操作人", "Who"), "action": ("操作", "Action"),
        "kind": ("类型", "Kind"), "asset_uuid": ("部件UUID", "Asset UUID"), "code": ("标识码", "Identifier"),
        "before": ("变更前", "Before"), "after": ("变更后", "After"), "command_id": ("操作批号", "Command"),
        "note": ("说明", "Note")})
    gpkg.add_attribute_table(conn, CODE_COUNTERS, "prefix TEXT NOT NULL UNIQUE, last_serial INTEGER NOT NULL",
                             CODE_COUNTERS, "Last serial number allocated per identifier prefix")


def _migrate_0_to_1(conn) -> None:  # pragma: no cover - placeholder for the first real migration
    raise NotImplementedError


# version n → function bringing n to n + 1; run in order inside one transaction on open
MIGRATIONS: dict[int, callable] = {}
