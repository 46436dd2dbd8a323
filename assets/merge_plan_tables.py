"""The tables that keep merge plans in the registry: plans, their groups and batches, and
the command that writes their rows (with history) inside a registry transaction.

Created on first use (:func:`ensure_tables`), as GeoPackage attribute tables so QGIS and
ArcGIS list them beside the assets. JSON columns hold lists and dicts.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from .commands import Command
from .geopackage import q
from .store import Transaction
from .workflow_tables import column_names, create_missing, table_exists

PLANS = "merge_plans"
GROUPS = "merge_groups"
BATCHES = "merge_batches"

# table → (columns SQL, key columns, Chinese title, English description, indexes, JSON columns)
TABLES = {
    PLANS: ("plan_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kind TEXT NOT NULL, created TEXT NOT NULL, "
            "created_by TEXT, rules_source TEXT, rules_overrides TEXT, rules TEXT, area TEXT, stats TEXT, "
            "kept TEXT, state TEXT NOT NULL",
            ("plan_id",), "合杆合箱方案", "Pole and box merge plans", (),
            ("rules_overrides", "rules", "area", "stats", "kept")),
    GROUPS: ("plan_id TEXT NOT NULL, group_no INTEGER NOT NULL, host_uuid TEXT, host_code TEXT NOT NULL, "
             "new INTEGER NOT NULL, x REAL, y REAL, subtype TEXT, host_owner TEXT, powered INTEGER, road TEXT, removed TEXT, moves TEXT, "
             "owners TEXT, blocked INTEGER NOT NULL, unconfirmed TEXT, component INTEGER, rules TEXT, "
             "reason TEXT, batch_id TEXT",
             ("plan_id", "group_no"), "合并分组", "Groups of a merge plan: one host and what it gains",
             (("plan_id", "group_no"), ("batch_id",)), ("removed", "moves", "owners", "unconfirmed", "rules")),
    BATCHES: ("batch_id TEXT NOT NULL UNIQUE, plan_id TEXT NOT NULL, name TEXT NOT NULL, phase INTEGER, "
              "selector TEXT, state TEXT NOT NULL, created TEXT, applied_at TEXT, reverted_at TEXT, "
              "command_id TEXT, command TEXT",
              ("batch_id",), "合并批次", "Batches of a merge plan, applied to the registry together",
              (("plan_id",),), ("selector", "command")),
}

BATCH_STATES = ("planned", "executed", "applied", "reverted")


def ensure_tables(reg) -> None:
    """Create the merge-plan tables if this registry has none yet (one transaction)."""
    create_missing(reg, "merge_plan_schema",
                   {t: (cols, title, desc, idx) for t, (cols, _key, title, desc, idx, _json) in TABLES.items()})


_COLUMNS: dict[str, tuple[str, ...]] = {}


def columns(table: str) -> tuple[str, ...]:
    if table not in _COLUMNS:   # asked once per row when a plan is stored
        _COLUMNS[table] = tuple(column_names(TABLES[table][0]))
    return _COLUMNS[table]


def _decode(table: str, row: dict) -> dict:
    for name in TABLES[table][5]:
        if row.get(name) is not None:
            row[name] = json.loads(row[name])
    return row


# one encoder for every value (json.dumps with options builds a new one per call)
_to_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str).encode


def _encode(table: str, row: dict) -> list:
    json_cols = TABLES[table][5]
    return [_to_json(row[n]) if n in json_cols and row.get(n) is not None else row.get(n) for n in columns(table)]


def select(conn, table: str, where: str = "1", params=(), order: str = "id") -> list[dict]:
    """Rows of one merge table as dicts, JSON decoded (empty when the tables do not exist)."""
    if not table_exists(conn, table):
        return []
    names = columns(table)
    rows = conn.execute(f"SELECT {', '.join(q(n) for n in names)} FROM {q(table)} WHERE {where} ORDER BY {order}",
                        params).fetchall()
    return [_decode(table, dict(zip(names, r))) for r in rows]


def next_id(conn, table: str, column: str, prefix: str) -> str:
    """``prefix`` + the next 3-digit number not used yet in ``column`` (MP001, MB001, ...)."""
    used = {r[0] for r in conn.execute(f"SELECT {q(column)} FROM {q(table)}")} if table_exists(conn, table) else set()
    n = len(used) + 1
    while f"{prefix}{n:03d}" in used:
        n += 1
    return f"{prefix}{n:03d}"


def _json(value) -> str | None:
    return None if value is None else _to_json(value)


@dataclass
class PlanRows(Command):
    """Put rows into (or take rows out of) a merge table, keyed by its key columns, with
    one history row describing the change. Applying remembers what was replaced, so the
    inverse restores it exactly."""

    table: str
    put: list = field(default_factory=list)
    remove: list = field(default_factory=list)
    action: str = "merge_plan"
    ref: str | None = None
    summary: dict | None = None
    replaced: list | None = None

    @property
    def label(self) -> str:  # type: ignore[override]
        return self.action

    def apply(self, tx: Transaction) -> None:
        key = TABLES[self.table][1]
        names = columns(self.table)
        where = " AND ".join(f"{q(k)} = ?" for k in key)
        keys = [tuple(r[k] for k in key) for r in [*self.put, *self.remove]]
        wanted = set(keys)
        replaced = []
        # the rows about to be replaced, read by key (an edit of two groups reads two rows,
        # not the plan's tens of thousands): by the first key column and, for two-column
        # keys, the second in chunks
        select_sql = f"SELECT {', '.join(q(n) for n in names)} FROM {q(self.table)} WHERE {q(key[0])} = ?"
        for first in sorted({k[0] for k in keys}, key=str):
            if len(key) == 2:
                seconds = sorted({k[1] for k in keys if k[0] == first})
                rows = []
                for lo in range(0, len(seconds), 500):
                    part = seconds[lo:lo + 500]
                    rows += tx.conn.execute(f"{select_sql} AND {q(key[1])} IN ({', '.join('?' * len(part))})",
                                            (first, *part)).fetchall()
            else:
                rows = tx.conn.execute(select_sql, (first,)).fetchall()
            replaced += [_decode(self.table, dict(zip(names, r))) for r in rows
                         if tuple(r[names.index(k)] for k in key) in wanted]
        tx.conn.executemany(f"DELETE FROM {q(self.table)} WHERE {where}", keys)
        if self.put:
            tx.conn.executemany(
                f"INSERT INTO {q(self.table)} ({', '.join(q(n) for n in names)}) "
                f"VALUES ({', '.join('?' * len(names))})", [_encode(self.table, r) for r in self.put])
        self.replaced = replaced
        tx.record(self.action, None, None, self.ref, None, self.summary or {"table": self.table,
                                                                            "rows": len(self.put)})

    def inverse(self) -> "Command":
        key = TABLES[self.table][1]
        return PlanRows(self.table, put=list(self.replaced or []), remove=[{k: r[k] for k in key} for r in self.put],
                        action=self.action, ref=self.ref, summary=self.summary)


def write_rows(reg, *commands: PlanRows, label: str = "merge_plan") -> None:
    """Run row commands in one transaction (not on the undo list: plans are not asset edits)."""
    ensure_tables(reg)
    from .commands import Composite
    reg.execute(Composite(list(commands), label), undoable=False)


_ = _json
