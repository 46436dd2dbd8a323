"""Tables that workflows (ownership confirmation, merge planning) add to a registry the
first time they are used, registered as GeoPackage attribute tables."""
from __future__ import annotations

from . import geopackage as gpkg
from .geopackage import q


def table_exists(conn, table: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone() is not None


def column_names(columns_sql: str) -> list[str]:
    """Column names of a ``"name TYPE, name TYPE"`` definition."""
    return [c.strip().split()[0] for c in columns_sql.split(",") if c.strip()]


def create_missing(reg, label: str, specs: dict) -> None:
    """Create the tables of ``specs`` (table → (columns_sql, title, description, indexes))
    that the registry lacks, all in one transaction; nothing happens when all exist."""
    if all(table_exists(reg.conn, t) for t in specs):
        return
    with reg.transaction(label):
        for table, (columns_sql, title, description, indexes) in specs.items():
            if table_exists(reg.conn, table):
                continue
            gpkg.add_attribute_table(reg.conn, table, columns_sql, title, description)
            for i, cols in enumerate(indexes):
                reg.conn.execute(f"CREATE INDEX {q(f'idx_{table}_{i}')} ON {q(table)} "
                                 f"({', '.join(q(c) for c in cols)})")
