"""The bulk path: many assets in one transaction, for imports and the demo town.

Per-row R-tree triggers are the slowest part of filling a GeoPackage (stack-notes: 16-27 s
for 1M rows), so the triggers are dropped for the load, the index is packed once at the
end (:mod:`assets.rtree_pack`; or filled in spatial order when the load is small beside
what is there), and the triggers are put back, all inside the same transaction: a crash or
a cancel leaves the registry exactly as it was.
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field

import numpy as np

from . import geopackage as gpkg
from .commands import Command
from .errors import XiuCityError
from .geopackage import q, rtree_name
from .i18n import QT_TRANSLATE_NOOP
from .kinds import kind, mount_fields
from .progress import check_cancelled, ensure
from .rtree_pack import pack
from .schema import CODE_COUNTERS, MOUNTS
from .staging_columns import Coded
from .store import DuplicateCode, Transaction, today

CHUNK = 20_000
BULK_CACHE_KIB = -65_536  # 64 MiB while loading: index sorts stay in memory, the rest spills to the file


class BulkInputError(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Cannot insert these assets: {reason}")


def _is_constant(values) -> bool:
    first = values[0]
    return isinstance(first, (str, int, float, bool, type(None))) and values.count(first) == len(values) \
        and all(type(v) is type(first) for v in values[:1000])


def _literal(value) -> str:
    """An SQL literal for a plain value (strings quoted, quotes doubled)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def new_uuids(n: int) -> list[str]:
    """``n`` random (version 4) UUID strings, made in bulk."""
    raw = np.frombuffer(os.urandom(16 * n), dtype=np.uint8).reshape(n, 16).copy()
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x40
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    text = raw.tobytes().hex()
    out = []
    for i in range(0, 32 * n, 32):
        h = text[i:i + 32]
        out.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return out


def spatial_order(x: np.ndarray, y: np.ndarray, cell: float = 200.0) -> np.ndarray:
    """Row order that visits the points cell by cell: R-tree inserts in this order touch
    far fewer pages."""
    return np.lexsort((np.floor(x / cell), np.floor(y / cell)))


@dataclass
class _Columns:
    """What each stored column holds, made a chunk at a time: a million-row load never
    exists as whole Python lists beside the caller's (each list is 8 MB of pointers before
    its values), nor as a million blobs, UUIDs or identifiers at once."""

    constant: dict          # name → the one value of every row (written into the statement)
    varying: dict           # name → (the caller's sequence, default for its None values or None)
    codes: "_Codes"

    def chunk(self, lo: int, hi: int) -> list[list]:
        out = []
        for values, default in self.varying.values():
            part = values[lo:hi]
            out.append(part if default is None else [default if v is None else v for v in part])
        return out


@dataclass
class _Codes:
    """Identifiers per row: the ones given, else prefix + serial allocated in bulk."""

    given: object                 # sequence of code or None, or None for no codes given
    missing: np.ndarray           # bool per row: allocate one
    prefix_index: np.ndarray      # per row: index into prefixes
    prefixes: list[str]
    serial: np.ndarray            # per row: the allocated serial (where missing)
    width: int

    def chunk(self, lo: int, hi: int) -> list:
        out = list(self.given[lo:hi]) if self.given is not None else [None] * (hi - lo)
        prefixes, width = self.prefixes, self.width
        for j in np.flatnonzero(self.missing[lo:hi]).tolist():
            out[j] = f"{prefixes[self.prefix_index[lo + j]]}{int(self.serial[lo + j]):0{width}d}"
        return out


@dataclass
class BulkInsert(Command):
    kind: str
    columns: dict
    x: np.ndarray
    y: np.ndarray
    mounts: list = field(default_factory=list)   # (row index, mount values)
    note: str | None = None
    progress: object = None
    fid_min: int | None = None
    fid_max: int | None = None
    label = "bulk_insert"

    def apply(self, tx: Transaction) -> None:
        k = kind(self.kind)
        n = len(self.x)
        progress = ensure(self.progress)
        progress.set_total(n)
        if n == 0:
            return
        x = np.asarray(self.x, dtype=float)
        y = np.asarray(self.y, dtype=float)
        if not (np.isfinite(x).all() and np.isfinite(y).all()):
            raise BulkInputError(reason=QT_TRANSLATE_NOOP("Errors", "some coordinates are missing or not numbers"))
        columns = self._plan_columns(k, n, tx)
        start = tx.conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (k.table,)).fetchone()
        start = (start[0] if start else 0) + 1
        fids = np.arange(start, start + n, dtype=np.int64)
        gpkg.drop_rtree_triggers(tx.conn, k.table)
        existing = tx.conn.execute(f"SELECT count(*) FROM {q(k.table)}").fetchone()[0]
        # a larger page cache for the load: index builds sort in memory instead of spilling
        cache = tx.conn.execute("PRAGMA cache_size").fetchone()[0]
        tx.conn.execute(f"PRAGMA cache_size = {BULK_CACHE_KIB}")
        # building an index once by sorting beats updating it row by row when the load is
        # larger than what is there; both happen inside this transaction
        indexes = self._drop_indexes(tx, k.table) if n >= existing else []
        varying = list(columns.varying)
        constant = list(columns.constant)
        sql = (f"INSERT INTO {q(k.table)} (fid, geom, uuid, code{''.join(', ' + q(c) for c in varying + constant)}) "
               f"VALUES (?, ?, ?, ?{', ?' * len(varying)}"
               f"{''.join(', ' + _literal(columns.constant[c]) for c in constant)})")
        hosts = self._mount_hosts()
        uuids_of_hosts: dict[int, str] = {}
        try:
            for lo in range(0, n, CHUNK):
                hi = min(n, lo + CHUNK)
                uuids = new_uuids(hi - lo)
                for i in hosts[np.searchsorted(hosts, lo):np.searchsorted(hosts, hi)].tolist():
                    uuids_of_hosts[i] = uuids[i - lo]
                blobs = gpkg.encode_points(x[lo:hi], y[lo:hi], tx.srs_id)
                tx.conn.executemany(sql, zip(range(start + lo, start + hi), blobs, uuids,
                                             columns.codes.chunk(lo, hi), *columns.chunk(lo, hi)))
                progress.advance(hi)
                check_cancelled(progress)
            for sql_text in indexes:
                tx.conn.execute(sql_text)
        except sqlite3.IntegrityError:
            raise DuplicateCode(code=self._duplicate(tx, k.table)) from None
        self._index(tx, k.table, fids, x, y, rebuild=bool(indexes) or existing == 0)
        tx.conn.execute(f"PRAGMA cache_size = {cache}")
        gpkg.create_rtree_triggers(tx.conn, k.table)
        check_cancelled(progress)
        self._insert_mounts(tx, uuids_of_hosts)
        tx.touched.add(k.table)
        self.fid_min, self.fid_max = int(fids[0]), int(fids[-1])
        tx.record(self.label, self.kind, None, None, None,
                  {"fid_min": self.fid_min, "fid_max": self.fid_max, "count": n}, self.note)

    def _mount_hosts(self) -> np.ndarray:
        return np.unique(np.array([index for index, _ in self.mounts], dtype=np.int64))

    @staticmethod
    def _index(tx: Transaction, table: str, fids, x, y, rebuild: bool) -> None:
        """Pack the whole R-tree anew when the load dominates, else insert in spatial order."""
        rtree = rtree_name(table)
        if rebuild:
            old = tx.conn.execute(f"SELECT fid, geom FROM {q(table)} WHERE fid < ? AND geom IS NOT NULL",
                                  (int(fids[0]),)).fetchall()
            if old:
                ox, oy = gpkg.decode_points([r[1] for r in old])
                keep = np.isfinite(ox)
                fids = np.concatenate([np.array([r[0] for r in old])[keep], fids])
                x, y = np.concatenate([ox[keep], x]), np.concatenate([oy[keep], y])
            pack(tx.conn, rtree, fids, x, x, y, y)
            order = np.argsort(fids, kind="stable")
            tx.fresh_points[table] = (fids[order], x[order], y[order])
            return
        order = spatial_order(x, y)
        xs, ys, ids = x[order].tolist(), y[order].tolist(), fids[order].tolist()
        tx.conn.executemany(f"INSERT INTO {q(rtree)} VALUES (?,?,?,?,?)", zip(ids, xs, xs, ys, ys))

    @staticmethod
    def _drop_indexes(tx: Transaction, table: str) -> list[str]:
        rows = tx.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
                               "AND sql IS NOT NULL", (table,)).fetchall()
        for name, _ in rows:
            tx.conn.execute(f"DROP INDEX {q(name)}")
        return [sql_text for _, sql_text in rows]

    @staticmethod
    def _duplicate(tx: Transaction, table: str) -> str:
        row = tx.conn.execute(f"SELECT code FROM {q(table)} GROUP BY code HAVING count(*) > 1 LIMIT 1").fetchone()
        return row[0] if row else "?"

    def _plan_columns(self, k, n: int, tx: Transaction) -> _Columns:
        # a tuple or an array becomes a list (they lack count()); lists and Coded columns stay shared
        given = {name: col if isinstance(col, (list, Coded)) else list(col) for name, col in self.columns.items()}
        unknown = set(given) - set(k.field_map)
        if unknown:
            raise BulkInputError(reason=", ".join(sorted(unknown)))
        for name, col in given.items():
            if len(col) != n:
                raise BulkInputError(reason=QT_TRANSLATE_NOOP("Errors", "columns of different lengths"))
        if "subtype" not in given:
            raise BulkInputError(reason=QT_TRANSLATE_NOOP("Errors", "the subtype column is missing"))
        given.pop("uuid", None)
        codes = self._codes(tx, given.pop("code", None), given["subtype"], n)
        defaults = {**k.defaults(), "init_date": today(), "change_date": today(), "ownership": "unconfirmed"}
        constant: dict = {}
        varying: dict = {}
        for name, col in given.items():
            default = defaults.get(name) if name != "ownership" else None
            if _is_constant(col):
                # columns with one value for every row go into the statement once
                constant[name] = default if col[0] is None and default is not None else col[0]
            else:
                # rows that left a defaulted field empty get the default
                varying[name] = (col, default if default is not None and None in col else None)
        for name, value in defaults.items():
            if name not in given:
                constant[name] = value
        return _Columns(constant, varying, codes)

    @staticmethod
    def _codes(tx: Transaction, given, subtypes, n: int) -> _Codes:
        top: dict[str, int] = {}
        if given is not None:
            for code in given:
                if code:
                    prefix, serial = tx.scheme.split(code)  # CodeError for a malformed one
                    top[prefix] = max(top.get(prefix, 0), serial)
            missing = np.fromiter((not code for code in given), dtype=bool, count=n)
        else:
            missing = np.ones(n, dtype=bool)
        distinct = list(dict.fromkeys(subtypes))
        prefixes = sorted({tx.scheme.prefix(tx.region, st) for st in distinct})
        prefix_of = {st: prefixes.index(tx.scheme.prefix(tx.region, st)) for st in distinct}
        if len(distinct) == 1:
            prefix_index = np.full(n, prefix_of[distinct[0]], dtype=np.int32)
        else:
            prefix_index = np.fromiter(map(prefix_of.__getitem__, subtypes), dtype=np.int32, count=n)
        serial = np.zeros(n, dtype=np.int64)
        wanted = {prefixes[i]: np.flatnonzero(missing & (prefix_index == i)) for i in range(len(prefixes))}
        for prefix in sorted(set(top) | {p for p, rows in wanted.items() if len(rows)}):
            row = tx.conn.execute(f"SELECT last_serial FROM {CODE_COUNTERS} WHERE prefix = ?", (prefix,)).fetchone()
            last = max(row[0] if row else 0, top.get(prefix, 0))
            rows = wanted.get(prefix, np.empty(0, dtype=np.int64))
            if len(rows):
                tx.scheme.make(prefix, last + len(rows))  # raises when the serials run out
                serial[rows] = np.arange(last + 1, last + 1 + len(rows))
            tx.conn.execute(
                f"INSERT INTO {CODE_COUNTERS} (prefix, last_serial) VALUES (?, ?) "
                "ON CONFLICT(prefix) DO UPDATE SET last_serial = excluded.last_serial", (prefix, last + len(rows)))
        return _Codes(given, missing, prefix_index, prefixes, serial, tx.scheme.serial_digits)

    def _insert_mounts(self, tx: Transaction, uuids: dict[int, str]) -> None:
        if not self.mounts:
            return
        names = [f.name for f in mount_fields()]
        mounts = self.mounts
        columns = {name: [m.get(name) for _, m in mounts] for name in names
                   if name not in ("uuid", "host_kind", "host_uuid")}
        columns["uuid"] = new_uuids(len(mounts))
        columns["host_kind"] = [self.kind] * len(mounts)
        columns["host_uuid"] = [uuids[index] for index, _ in mounts]
        constant = [c for c in columns if c != "uuid" and _is_constant(columns[c])]
        varying = [c for c in columns if c not in constant]
        slots = ["?"] * len(varying) + [_literal(columns[c][0]) for c in constant]
        tx.conn.executemany(
            f"INSERT INTO {MOUNTS} ({', '.join(q(c) for c in varying + constant)}) VALUES ({', '.join(slots)})",
            zip(*(columns[c] for c in varying)))

    def inverse(self) -> Command:
        return BulkDelete(self.kind, self.fid_min, self.fid_max)


@dataclass
class BulkDelete(Command):
    """Undo of a bulk insert: the fids it made, and their mounts."""

    kind: str
    fid_min: int
    fid_max: int
    label = "bulk_delete"

    def apply(self, tx: Transaction) -> None:
        table = q(self.kind)
        tx.conn.execute(f"DELETE FROM {MOUNTS} WHERE host_uuid IN (SELECT uuid FROM {table} "
                        "WHERE fid BETWEEN ? AND ?)", (self.fid_min, self.fid_max))
        count = tx.conn.execute(f"DELETE FROM {table} WHERE fid BETWEEN ? AND ?",
                                (self.fid_min, self.fid_max)).rowcount
        tx.touched.add(self.kind)
        tx.record(self.label, self.kind, None, None, {"fid_min": self.fid_min, "fid_max": self.fid_max},
                  {"count": count})

    def inverse(self) -> Command:
        raise XiuCityError(QT_TRANSLATE_NOOP("Errors", "A bulk deletion cannot be undone."))


@dataclass
class BulkResult:
    kind: str
    count: int
    fid_min: int | None
    fid_max: int | None


def bulk_insert(registry, kind_name: str, columns: dict, x, y, *, mounts=(), note: str | None = None,
                progress=None, undoable: bool = True) -> BulkResult:
    command = BulkInsert(kind_name, columns, np.asarray(x, float), np.asarray(y, float), list(mounts), note, progress)
    registry.execute(command, undoable=undoable)
    if not undoable:
        command.columns = {}
    return BulkResult(kind_name, len(command.x), command.fid_min, command.fid_max)
