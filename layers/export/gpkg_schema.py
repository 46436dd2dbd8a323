"""The fixed SQL of a GeoPackage 1.2 (OGC 12-128r15): core tables, the schema extension
(gpkg_data_columns for Chinese titles), the R-tree extension and QGIS's layer_styles.

Written out here because the exporter writes GeoPackages with sqlite3 directly: fiona's
per-feature path is 1.6× slower than ogr2ogr (see tests/benchmarks/bench_export.py)."""
from __future__ import annotations

APPLICATION_ID = 0x47504B47   # "GPKG"
USER_VERSION = 10200          # GeoPackage 1.2
SPEC = "http://www.geopackage.org/spec120/"

CORE = """
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE gpkg_extensions (
  table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
  scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
CREATE TABLE gpkg_data_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT, title TEXT, description TEXT,
  mime_type TEXT, constraint_name TEXT,
  CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name),
  CONSTRAINT gdc_tn UNIQUE (table_name, name));
CREATE TABLE gpkg_data_column_constraints (
  constraint_name TEXT NOT NULL, constraint_type TEXT NOT NULL, value TEXT, min NUMERIC,
  min_is_inclusive BOOLEAN, max NUMERIC, max_is_inclusive BOOLEAN, description TEXT,
  CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value));
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
