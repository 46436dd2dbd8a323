"""The fixed SQL of a GeoPackage 1.2 (OGC 12-128r15): core tables, the schema extension
(gpkg_data_columns for Chinese titles), the R-tree extension and QGIS's layer_styles.

Written out here because the exporter writes GeoPackages with sqlite3 directly: fiona's
per-feature path is 1.6× slower than ogr2ogr (see tests/benchmarks/bench_export.py)."""
from __future__ import annotations

from assets.geopackage import CORE_DDL  # the same core tables as the registry

APPLICATION_ID = 0x47504B47   # "GPKG"
USER_VERSION = 10200          # GeoPackage 1.2
SPEC = "http://www.geopackage.org/spec120/"

CORE = CORE_DDL + """
CREATE TABLE layer_styles (
  id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256), f_table_schema TEXT(256),
  f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30), styleQML TEXT,
  styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30),
  update_time DATETIME DEFAULT CURRENT_TIMESTAMP);
"""

# Required rows of gpkg_spatial_ref_sys (spec 1.2 requirement 11); 4326 gets its WKT at write time.
UNDEFINED_SRS = [
    ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
    ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
]

SCHEMA_EXTENSION = [
    ("gpkg_data_columns", None, "gpkg_schema", SPEC + "#extension_schema", "read-write"),
    ("gpkg_data_column_constraints", None, "gpkg_schema", SPEC + "#extension_schema", "read-write"),
]

SQL_TYPES = {"text": "TEXT", "integer": "INTEGER", "real": "REAL", "date": "DATE", "boolean": "BOOLEAN"}


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def rtree_sql(table: str, column: str = "geom", fid: str = "fid") -> list[str]:
    """The R-tree virtual table and its seven maintenance triggers (spec 1.2 Annex F.3),
    created after the bulk fill so loading is not done one trigger call per row."""
    t, c, i = table, column, fid
    r = quote(f"rtree_{t}_{c}")
    qt, qc, qi = quote(t), quote(c), quote(i)
    bbox = f"NEW.{qi}, ST_MinX(NEW.{qc}), ST_MaxX(NEW.{qc}), ST_MinY(NEW.{qc}), ST_MaxY(NEW.{qc})"
    name = lambda suffix: quote(f"rtree_{t}_{c}_{suffix}")  # noqa: E731
    return [
        f"CREATE TRIGGER {name('insert')} AFTER INSERT ON {qt} "
        f"WHEN (new.{qc} NOT NULL AND NOT ST_IsEmpty(NEW.{qc})) "
        f"BEGIN INSERT OR REPLACE INTO {r} VALUES ({bbox}); END",
        f"CREATE TRIGGER {name('update1')} AFTER UPDATE OF {qc} ON {qt} "
        f"WHEN OLD.{qi} = NEW.{qi} AND (NEW.{qc} NOTNULL AND NOT ST_IsEmpty(NEW.{qc})) "
        f"BEGIN INSERT OR REPLACE INTO {r} VALUES ({bbox}); END",
        f"CREATE TRIGGER {name('update2')} AFTER UPDATE OF {qc} ON {qt} "
        f"WHEN OLD.{qi} = NEW.{qi} AND (NEW.{qc} IS NULL OR ST_IsEmpty(NEW.{qc})) "
        f"BEGIN DELETE FROM {r} WHERE id = OLD.{qi}; END",
        f"CREATE TRIGGER {name('update3')} AFTER UPDATE ON {qt} "
        f"WHEN OLD.{qi} != NEW.{qi} AND (NEW.{qc} NOTNULL AND NOT ST_IsEmpty(NEW.{qc})) "
        f"BEGIN DELETE FROM {r} WHERE id = OLD.{qi}; INSERT OR REPLACE INTO {r} VALUES ({bbox}); END",
        f"CREATE TRIGGER {name('update4')} AFTER UPDATE ON {qt} "
        f"WHEN OLD.{qi} != NEW.{qi} AND (NEW.{qc} IS NULL OR ST_IsEmpty(NEW.{qc})) "
        f"BEGIN DELETE FROM {r} WHERE id IN (OLD.{qi}, NEW.{qi}); END",
        f"CREATE TRIGGER {name('delete')} AFTER DELETE ON {qt} "
        f"WHEN old.{qc} NOT NULL "
        f"BEGIN DELETE FROM {r} WHERE id = OLD.{qi}; END",
    ]
