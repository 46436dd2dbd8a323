"""Row-level operations inside one write transaction. Only commands call these; nothing
outside ``assets`` writes SQL."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
import uuid as uuidlib
from dataclasses import dataclass, field

from . import geopackage as gpkg
from .codes import CodeError, CodeScheme
from .errors import AssetNotFound, XiuCityError
from .geopackage import q
from .i18n import QT_TRANSLATE_NOOP
from .kinds import AssetKind, kind, mount_fields
from .schema import CODE_COUNTERS, HISTORY, MOUNTS


class DuplicateCode(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Identifier {code} is already used by another asset.")


class StaleEdit(XiuCityError):
    text = QT_TRANSLATE_NOOP(
        "Errors", "{code} was changed by someone else in the meantime ({field}); reload and try again.")


def now_iso() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def today() -> str:
    return dt.date.today().isoformat()


@dataclass
class Transaction:
    """What a command needs while it runs: the connection, who acts, and where history goes."""

    conn: sqlite3.Connection
    srs_id: int
    region: str
    scheme: CodeScheme
    who: str
    command_id: str
    action_prefix: str = ""
    touched: set = field(default_factory=set)
    # kind → (fids, x, y) of all its points, when an operation (a bulk load) knows them all
    fresh_points: dict = field(default_factory=dict)

    # -- identifiers ------------------------------------------------------------------
    def allocate_codes(self, subtype: str, count: int = 1) -> list[str]:
        prefix = self.scheme.prefix(self.region, subtype)
        row = self.conn.execute(f"SELECT last_serial FROM {CODE_COUNTERS} WHERE prefix = ?", (prefix,)).fetchone()
        last = row[0] if row else 0
        codes = [self.scheme.make(prefix, last + i + 1) for i in range(count)]
        self.conn.execute(
            f"INSERT INTO {CODE_COUNTERS} (prefix, last_serial) VALUES (?, ?) "
            "ON CONFLICT(prefix) DO UPDATE SET last_serial = excluded.last_serial", (prefix, last + count))
        return codes

    def claim_code(self, code: str) -> None:
        """Accept an identifier given from outside (an import): well-formed, unused, and the
        counter moves past it so it is never allocated again."""
        prefix, serial = self.scheme.split(code)
        if not prefix.startswith(self.region):
            raise CodeError(code=code, reason=QT_TRANSLATE_NOOP("Errors", "another region's code"))
        if self.find_code(code) is not None:
            raise DuplicateCode(code=code)
        self.conn.execute(
            f"INSERT INTO {CODE_COUNTERS} (prefix, last_serial) VALUES (?, ?) "
            "ON CONFLICT(prefix) DO UPDATE SET last_serial = max(last_serial, excluded.last_serial)",
            (prefix, serial))

    def find_code(self, code: str) -> tuple[str, str] | None:
        from .kinds import KIND_NAMES
        for name in KIND_NAMES:
            row = self.conn.execute(f"SELECT uuid FROM {q(name)} WHERE code = ?", (code,)).fetchone()
            if row:
                return name, row[0]
        return None

    # -- assets -----------------------------------------------------------------------
    def snapshot(self, kind_name: str, uuid: str) -> dict:
        """Everything about an asset as plain data: fields, fid, x, y and its mounts."""
        k = kind(kind_name)
        cols = ", ".join(q(f.name) for f in k.fields)
        row = self.conn.execute(
            f"SELECT fid, geom, {cols} FROM {q(k.table)} WHERE uuid = ?", (uuid,)).fetchone()
        if row is None:
            raise AssetNotFound(ref=uuid)
        geom = gpkg.decode_geometry(row[1])
        values = dict(zip([f.name for f in k.fields], row[2:]))
        values["fid"] = row[0]
        values["x"], values["y"] = (geom.x, geom.y) if geom is not None and not geom.is_empty else (None, None)
        values["mounts"] = self.mounts(uuid)
        return values

    def insert_asset(self, k: AssetKind, values: dict, x: float, y: float, fid: int | None = None) -> dict:
        values = dict(values)
        values.setdefault("uuid", str(uuidlib.uuid4()))
        if values.get("code"):
            self.claim_code(values["code"])
        else:
            values["code"] = self.allocate_codes(values["subtype"])[0]
        values.setdefault("init_date", today())
        names = [f.name for f in k.fields if f.name in values]
        cols = ["geom", *names] + (["fid"] if fid is not None else [])
        params = [gpkg.encode_point(x, y, self.srs_id), *(values[n] for n in names)]
        if fid is not None:
            params.append(fid)
        self.conn.execute(
            f"INSERT INTO {q(k.table)} ({', '.join(q(c) for c in cols)}) VALUES ({', '.join('?' * len(cols))})",
            params)
        self.touched.add(k.table)
        return values

    def update_asset(self, k: AssetKind, uuid: str, changes: dict, before: dict | None = None) -> None:
        if before:
            current = self.snapshot(k.name, uuid)
            for name, old in before.items():
                if name != "mounts" and current.get(name) != old:
                    raise StaleEdit(code=current.get("code"), field=name)
        sets, params = [], []
        for name, value in changes.items():
            if name in ("x", "y", "fid", "mounts"):
                continue
            sets.append(f"{q(name)} = ?")
            params.append(value)
        if "x" in changes or "y" in changes:
            sets.append("geom = ?")
            params.append(gpkg.encode_point(changes["x"], changes["y"], self.srs_id))
        if not sets:
            return
        cur = self.conn.execute(f"UPDATE {q(k.table)} SET {', '.join(sets)} WHERE uuid = ?", (*params, uuid))
        if cur.rowcount == 0:
            raise AssetNotFound(ref=uuid)
        self.touched.add(k.table)

    def delete_asset(self, k: AssetKind, uuid: str) -> None:
        self.conn.execute(f"DELETE FROM {MOUNTS} WHERE host_uuid = ?", (uuid,))
        cur = self.conn.execute(f"DELETE FROM {q(k.table)} WHERE uuid = ?", (uuid,))
        if cur.rowcount == 0:
            raise AssetNotFound(ref=uuid)
        self.touched.add(k.table)

    # -- mounts -----------------------------------------------------------------------
    def mounts(self, host_uuid: str) -> list[dict]:
        names = [f.name for f in mount_fields()]
        rows = self.conn.execute(
            f"SELECT {', '.join(q(n) for n in names)} FROM {MOUNTS} WHERE host_uuid = ? ORDER BY id",
            (host_uuid,)).fetchall()
        return [dict(zip(names, r)) for r in rows]

    def insert_mount(self, values: dict) -> dict:
        values = dict(values)
        values.setdefault("uuid", str(uuidlib.uuid4()))
        names = [f.name for f in mount_fields() if f.name in values]
        self.conn.execute(
            f"INSERT INTO {MOUNTS} ({', '.join(q(n) for n in names)}) VALUES ({', '.join('?' * len(names))})",
            [values[n] for n in names])
        return values

    def update_mount(self, uuid: str, changes: dict) -> None:
        sets = ", ".join(f"{q(n)} = ?" for n in changes)
        self.conn.execute(f"UPDATE {MOUNTS} SET {sets} WHERE uuid = ?", (*changes.values(), uuid))

    def delete_mount(self, uuid: str) -> None:
        self.conn.execute(f"DELETE FROM {MOUNTS} WHERE uuid = ?", (uuid,))

    # -- history ----------------------------------------------------------------------
    def record(self, action: str, kind_name: str | None, uuid: str | None, code: str | None,
               before, after, note: str | None = None) -> None:
        self.record_many([(action, kind_name, uuid, code, before, after, note)])

    def record_many(self, entries) -> None:
        """History rows ``(action, kind, uuid, code, before, after, note)`` in one statement."""
        at = now_iso()
        self.conn.executemany(
            f"INSERT INTO {HISTORY} (at, who, action, kind, asset_uuid, code, before, after, command_id, note) "
            "VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(at, self.who, self.action_prefix + a, k, u, c, _json(b), _json(af), self.command_id, n)
             for a, k, u, c, b, af, n in entries])


def _json(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
