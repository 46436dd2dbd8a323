"""The ownership-confirmation tables (campaigns, their scope and candidates, issued
packages, receipts, claims) and the two commands that change them with history.

The tables are created the first time a campaign is made (:func:`ensure_tables`), as
GeoPackage attribute tables so QGIS and ArcGIS list them beside the assets.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .commands import Command
from .geopackage import q
from .kinds import kind
from .store import StaleEdit, Transaction
from .workflow_tables import column_names, create_missing, table_exists

CAMPAIGNS = "confirmation_campaigns"
SCOPE = "confirmation_scope"
CANDIDATES = "confirmation_candidates"
PACKAGES = "confirmation_packages"
RECEIPTS = "confirmation_receipts"
CLAIMS = "confirmation_claims"

# table → (columns SQL, key columns, Chinese title, English description, indexes)
TABLES = {
    CAMPAIGNS: ("campaign_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kinds TEXT NOT NULL, area TEXT, "
                "orgs TEXT NOT NULL, deadline TEXT NOT NULL, status TEXT NOT NULL, created TEXT, "
                "created_by TEXT, closed TEXT",
                ("campaign_id",), "确权批次", "Ownership-confirmation campaigns", ()),
    SCOPE: ("campaign_id TEXT NOT NULL, kind TEXT NOT NULL, asset_uuid TEXT NOT NULL, code TEXT",
            ("campaign_id", "asset_uuid"), "确权范围", "Assets offered by a campaign",
            (("campaign_id", "asset_uuid"),)),
    CANDIDATES: ("campaign_id TEXT NOT NULL, asset_uuid TEXT NOT NULL, org_code TEXT NOT NULL, reason TEXT",
                 ("campaign_id", "asset_uuid", "org_code"), "认领候选", "Which organisation may own which asset, and why",
                 (("campaign_id", "org_code"), ("campaign_id", "asset_uuid"))),
    PACKAGES: ("package_id TEXT NOT NULL UNIQUE, campaign_id TEXT NOT NULL, org_code TEXT NOT NULL, "
               "version INTEGER NOT NULL, created TEXT NOT NULL, asset_digest TEXT, locked_digest TEXT, "
               "n_assets INTEGER, rows TEXT",
               ("package_id",), "确权包发放记录", "Packages issued to organisations",
               (("campaign_id", "org_code"),)),
    RECEIPTS: ("package_id TEXT NOT NULL, campaign_id TEXT NOT NULL, org_code TEXT NOT NULL, "
               "version INTEGER NOT NULL, package_created TEXT, received TEXT NOT NULL, received_by TEXT, "
               "decisions_digest TEXT, n_rows INTEGER, n_applied INTEGER, problems TEXT",
               ("package_id", "received"), "确权包回收记录", "Packages received back",
               (("campaign_id", "org_code"),)),
    CLAIMS: ("campaign_id TEXT NOT NULL, asset_uuid TEXT NOT NULL, kind TEXT, code TEXT, org_code TEXT NOT NULL, "
             "decision TEXT NOT NULL, comment TEXT, package_id TEXT, received TEXT",
             ("campaign_id", "asset_uuid", "org_code"), "认领意见", "Each organisation's answer per asset",
             (("campaign_id", "asset_uuid"),)),
}


def tables_exist(reg) -> bool:
    return table_exists(reg.conn, CAMPAIGNS)


def ensure_tables(reg) -> None:
    """Create the confirmation tables if this registry has none yet (one transaction)."""
    create_missing(reg, "confirmation_schema",
                   {t: (cols, title, desc, idx) for t, (cols, _key, title, desc, idx) in TABLES.items()})


def columns(table: str) -> list[str]:
    return column_names(TABLES[table][0])


def select(conn, table: str, where: str = "1", params=(), order: str = "id") -> list[dict]:
    """Rows of one confirmation table as dicts (empty when the tables do not exist yet)."""
    if not table_exists(conn, table):
        return []
    names = columns(table)
    rows = conn.execute(f"SELECT {', '.join(q(n) for n in names)} FROM {q(table)} WHERE {where} ORDER BY {order}",
                        params).fetchall()
    return [dict(zip(names, r)) for r in rows]


def write_history(tx: Transaction, entries: list[tuple]) -> None:
    """History rows (action, kind, uuid, code, before, after, note) in one statement."""
    tx.record_many(entries)


@dataclass
class TableRows(Command):
    """Put rows into (or take rows out of) a confirmation table, keyed by the table's key
    columns. ``put`` rows replace rows with the same key; ``remove`` are keys to delete.
    Applying remembers what was there, so the inverse restores it exactly."""

    table: str
    put: list = field(default_factory=list)
    remove: list = field(default_factory=list)
    history: list = field(default_factory=list)   # (action, kind, uuid, code, before, after, note)
    replaced: list | None = None
    label = "confirmation"

    def apply(self, tx: Transaction) -> None:
        key = TABLES[self.table][1]
        names = columns(self.table)
        where = " AND ".join(f"{q(k)} = ?" for k in key)
        keys = [tuple(r[k] for k in key) for r in self.put] + [tuple(r[k] for k in key) for r in self.remove]
        replaced = []
        for k in keys:
            rows = tx.conn.execute(f"SELECT {', '.join(q(n) for n in names)} FROM {q(self.table)} WHERE {where}",
                                   k).fetchall()
            replaced += [dict(zip(names, r)) for r in rows]
        tx.conn.executemany(f"DELETE FROM {q(self.table)} WHERE {where}", keys)
        if self.put:
            tx.conn.executemany(
                f"INSERT INTO {q(self.table)} ({', '.join(q(n) for n in names)}) VALUES ({', '.join('?' * len(names))})",
                [[r.get(n) for n in names] for r in self.put])
        self.replaced = replaced
        if self.history:
            write_history(tx, self.history)

    def inverse(self) -> "Command":
        key = TABLES[self.table][1]
        back = [(a, k, u, c, af, b, n) for a, k, u, c, b, af, n in self.history]
        return TableRows(self.table, put=list(self.replaced or []),
                         remove=[{k: r[k] for k in key} for r in self.put], history=back)


@dataclass
class OwnershipChange(Command):
    """Ownership state (and owner) of many assets in one statement per kind, one history
    row per asset. ``rows``: (kind, uuid, code, before, after) with ``before``/``after``
    dicts over ``ownership``, ``owner_code``, ``change_date``. Applying checks ``before``
    is still current, like :class:`EditAsset`."""

    rows: list
    action: str = "ownership"
    note: str | None = None

    @property
    def label(self) -> str:  # type: ignore[override]
        return self.action

    def apply(self, tx: Transaction) -> None:
        by_kind: dict[str, list] = {}
        for row in self.rows:
            by_kind.setdefault(row[0], []).append(row)
        for kind_name, rows in by_kind.items():
            table = kind(kind_name).table
            for names in {tuple(sorted(r[4])) for r in rows}:
                group = [r for r in rows if tuple(sorted(r[4])) == names]
                current = {}
                uuids = [r[1] for r in group]
                for start in range(0, len(uuids), 500):
                    chunk = uuids[start:start + 500]
                    for u, *vals in tx.conn.execute(
                            f"SELECT uuid, {', '.join(q(n) for n in names)} FROM {q(table)} "
                            f"WHERE uuid IN ({','.join('?' * len(chunk))})", chunk):
                        current[u] = dict(zip(names, vals))
                for _k, uuid, code, before, _after in group:
                    now = current.get(uuid, {})
                    for n, old in before.items():
                        if now.get(n) != old:
                            raise StaleEdit(code=code, field=n)
                sets = ", ".join(f"{q(n)} = ?" for n in names)
                tx.conn.executemany(f"UPDATE {q(table)} SET {sets} WHERE uuid = ?",
                                    [[r[4][n] for n in names] + [r[1]] for r in group])
            tx.touched.add(table)
        write_history(tx, [(self.action, k, u, c, b, a, self.note) for k, u, c, b, a in self.rows])

    def inverse(self) -> "Command":
        return OwnershipChange([(k, u, c, a, b) for k, u, c, b, a in self.rows], self.action, self.note)
