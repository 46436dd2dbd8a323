"""The registry: one GeoPackage file holding the county's street assets. This class is the
only door to storage; the GUI and the command line call it and never write SQL.

>>> reg = Registry.create("/tmp/doc_example.gpkg", overwrite=True)
>>> pole = reg.add("poles", {"subtype": "0118", "height_m": 10}, 523800.0, 4461760.0)
>>> pole.code
'2103230118000001'
>>> reg.update(pole.code, {"height_m": 12}).values["height_m"]
12.0
>>> _ = reg.undo(); reg.get(pole.code).values["height_m"]
10.0
>>> reg.close()
"""
from __future__ import annotations

import getpass
import json
import os
import sqlite3
import uuid as uuidlib
from contextlib import contextmanager
from pathlib import Path

import shapely

from . import geopackage as gpkg
from . import point_cache
from .codes import scheme
from .commands import AddAsset, AddMount, Command, Composite, DeleteAsset, DeleteMount, EditAsset, EditMount
from .errors import (AssetNotFound, NotARegistry, RegistryBusy, RegistryCorrupt, RegistryExists, RegistryNotFound,
                     RegistryReadOnly, SchemaTooNew, ValidationError, XiuCityError)
from .geopackage import q
from .i18n import QT_TRANSLATE_NOOP
from .kinds import KIND_NAMES, kind, mount_kind
from .reading import Asset, RegistryReads
from .schema import MIGRATIONS, SCHEMA_VERSION, META_TABLE, ORGANISATIONS, create_schema
from .store import Transaction, today

DEFAULT_TIMEOUT = 3.0
DEFAULT_CRS = 4550
DEFAULT_REGION = "210323"
KNOWN_SRS = (4490, 4550, 4529)


class RegistryFull(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "The disk is full: the registry could not be written; nothing was changed.")


def default_user() -> str:
    try:
        return os.environ.get("XIUCITY_USER") or getpass.getuser()
    except Exception:  # no login name on some service accounts
        return "unknown"


def _translate_sqlite_error(error: sqlite3.Error, path) -> XiuCityError:
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return RegistryBusy()
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return RegistryReadOnly(path=path)
    if "full" in text:
        return RegistryFull()
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return RegistryCorrupt(path=path, detail=str(error))
    return RegistryCorrupt(path=path, detail=str(error))


class Registry(RegistryReads):
    def __init__(self, path: Path, conn: sqlite3.Connection, readonly: bool, who: str | None):
        self.path = Path(path)
        self.conn = conn
        self.readonly = readonly
        self.who = who or default_user()
        self._undo: list[Command] = []
        self._redo: list[Command] = []
        self._meta = dict(conn.execute(f"SELECT key, value FROM {META_TABLE}").fetchall())

    # -- opening ------------------------------------------------------------------------
    @staticmethod
    def _connect(path: Path, readonly: bool, timeout: float) -> sqlite3.Connection:
        uri = f"{path.resolve().as_uri()}?mode={'ro' if readonly else 'rw'}"
        conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
        gpkg.register_functions(conn)
        return conn

    @classmethod
    def create(cls, path, *, crs: int = DEFAULT_CRS, region: str = DEFAULT_REGION, code_scheme: str = "legacy16",
               overwrite: bool = False, organisations: bool = True, who: str | None = None) -> "Registry":
        """A new, empty registry (a valid GeoPackage) at ``path``."""
        path = Path(path)
        scheme(code_scheme)  # validates the name
        if path.exists():
            if not overwrite:
                raise RegistryExists(path=str(path))
            path.unlink()
        tmp = path.with_name(path.name + ".creating")
        tmp.unlink(missing_ok=True)
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            gpkg.register_functions(conn)
            conn.execute("BEGIN")
            gpkg.create_base(conn, sorted({*KNOWN_SRS, crs}))
            create_schema(conn, crs)
            meta = {"schema_version": str(SCHEMA_VERSION), "registry_id": str(uuidlib.uuid4()),
                    "crs": str(crs), "region": region, "code_scheme": code_scheme,
                    "secret": os.urandom(32).hex(), "created": today()}
            conn.executemany(f"INSERT INTO {META_TABLE} (key, value) VALUES (?, ?)", meta.items())
            if organisations:
                from .organisations import default_organisations
                conn.executemany(
                    f"INSERT INTO {ORGANISATIONS} (code, name, name_en, role) VALUES (?,?,?,?)",
                    [(o["code"], o["name"], o.get("name_en"), o.get("role")) for o in default_organisations()])
            conn.execute("COMMIT")
        finally:
            conn.close()
        os.replace(tmp, path)  # the file appears complete or not at all
        return cls.open(path, who=who)

    @classmethod
    def open(cls, path, *, readonly: bool = False, timeout: float = DEFAULT_TIMEOUT,
             who: str | None = None) -> "Registry":
        path = Path(path)
        if not path.is_file():
            raise RegistryNotFound(path=str(path))
        if not readonly and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
            readonly = True
        try:
            conn = cls._connect(path, readonly, timeout)
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            has_meta = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (META_TABLE,)).fetchone()
        except sqlite3.DatabaseError as error:
            text = str(error).lower()
            if "not a database" in text or "file is encrypted" in text:
                raise NotARegistry(path=str(path)) from None
            raise _translate_sqlite_error(error, str(path)) from None
        if app_id != gpkg.APPLICATION_ID or not has_meta:
            conn.close()
            raise NotARegistry(path=str(path))
        registry = cls(path, conn, readonly, who)
        registry._migrate()
        return registry

    def _migrate(self) -> None:
        version = int(self._meta.get("schema_version", "0"))
        if version > SCHEMA_VERSION:
            self.conn.close()
            raise SchemaTooNew(found=version, known=SCHEMA_VERSION)
        if version == SCHEMA_VERSION or self.readonly:
            return
        with self._transaction("migrate"):
            while version < SCHEMA_VERSION:
                MIGRATIONS[version](self.conn)
                version += 1
            self.conn.execute(f"UPDATE {META_TABLE} SET value = ? WHERE key = 'schema_version'", (str(version),))
        self._meta["schema_version"] = str(version)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Registry":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- settings -----------------------------------------------------------------------
    @property
    def crs(self) -> int:
        """EPSG code of the working (projected) CRS; coordinates are stored in it."""
        return int(self._meta["crs"])

    @property
    def region(self) -> str:
        return self._meta["region"]

    @property
    def registry_id(self) -> str:
        return self._meta["registry_id"]

    @property
    def code_scheme(self) -> str:
        return self._meta["code_scheme"]

    @property
    def schema_version(self) -> int:
        return int(self._meta["schema_version"])

    def meta(self, key: str, default=None):
        return self._meta.get(key, default)

    def set_meta(self, key: str, value) -> None:
        with self._transaction("settings"):
            self.conn.execute(f"INSERT INTO {META_TABLE} (key, value) VALUES (?, ?) "
                              "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, str(value)))
        self._meta[key] = str(value)

    def set_code_scheme(self, name: str) -> None:
        scheme(name)
        self.set_meta("code_scheme", name)

    def area(self):
        """The registry's area (outside-area checks): the set polygon, else the union of subdistricts."""
        wkt = self._meta.get("area_wkt")
        if wkt:
            return shapely.from_wkt(wkt)
        polygons = [g for g, _ in self.reference("subdistricts")]
        return shapely.union_all(polygons) if polygons else None

    def set_area(self, geometry) -> None:
        self.set_meta("area_wkt", "" if geometry is None else shapely.to_wkt(geometry, rounding_precision=3))

    # -- transactions -------------------------------------------------------------------
    @contextmanager
    def _transaction(self, label: str, action_prefix: str = ""):
        """One write transaction: BEGIN IMMEDIATE (waits up to the timeout for another
        writer, then 'busy'), COMMIT on success, ROLLBACK on any error."""
        if self.readonly:
            raise RegistryReadOnly(path=str(self.path))
        tx = Transaction(self.conn, self.crs, self.region, scheme(self.code_scheme), self.who,
                         str(uuidlib.uuid4()), action_prefix)
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise _translate_sqlite_error(error, str(self.path)) from None
        try:
            yield tx
            for table in tx.touched:
                gpkg.update_extent(self.conn, table)
            for table in tx.touched:
                point_cache.bump(self.conn, table)
            for kind_name, (fids, x, y) in tx.fresh_points.items():  # a bulk load knows every point
                point_cache.write(self.conn, kind_name, fids, x, y)
            self.conn.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            raise _translate_sqlite_error(error, str(self.path)) from None
        except BaseException:
            self._rollback()
            raise

    def transaction(self, label: str):
        """A write transaction for workflow modules that write their own tables (one
        transaction, 'busy'/'read-only' errors translated, rollback on any error)."""
        return self._transaction(label)

    def _rollback(self) -> None:
        try:
            self.conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    def execute(self, command: Command, *, undoable: bool = True, action_prefix: str = "") -> Command:
        """Run a command in one transaction, with history; it becomes the next undo step.

        ``undoable=False`` leaves the core's own undo list alone (the GUI keeps its own
        stack); ``action_prefix`` marks the history rows (``"undo:"``, ``"redo:"``)."""
        with self._transaction(command.label, action_prefix) as tx:
            command.apply(tx)
        if undoable:
            self._undo.append(command)
            self._redo.clear()
        return command

    def undo(self) -> Command | None:
        if not self._undo:
            return None
        command = self._undo[-1]
        with self._transaction("undo", "undo:") as tx:
            command.inverse().apply(tx)
        self._redo.append(self._undo.pop())
        return command

    def redo(self) -> Command | None:
        if not self._redo:
            return None
        command = self._redo[-1]
        with self._transaction("redo", "redo:") as tx:
            command.apply(tx)
        self._undo.append(self._redo.pop())
        return command

    def take_undo_steps(self) -> list[Command]:
        """Hand the core's undo steps to another undo stack (the window's), oldest first."""
        steps, self._undo, self._redo = self._undo, [], []
        return steps

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    # -- edits --------------------------------------------------------------------------
    def add(self, kind_name: str, values: dict, x: float, y: float, mounts=()) -> Asset:
        command = self.execute(self.add_command(kind_name, values, x, y, mounts))
        return self.get(command.uuid, kind_name)

    def add_command(self, kind_name: str, values: dict, x: float, y: float, mounts=()) -> AddAsset:
        """The command that would add an asset (validated), not yet run."""
        k = kind(kind_name)
        cleaned = k.clean(values, organisations=self.organisation_codes())
        cleaned["ownership"] = "unconfirmed"
        cleaned["change_date"] = today()
        if values.get("code"):
            cleaned["code"] = str(values["code"]).strip()
        return AddAsset(kind_name, cleaned, float(x), float(y), mounts=[self.clean_mount(m) for m in mounts])

    def edit_command(self, ref, changes: dict, *, action: str = "update", note: str | None = None,
                     allow_system: bool = False) -> EditAsset:
        """The command that would apply ``changes`` (validated) to an asset, not yet run."""
        asset = self.get(ref)
        k = kind(asset.kind)
        given = {n: v for n, v in changes.items() if n not in ("x", "y")}
        system = {n: v for n, v in given.items() if n in k.field_map and k.field(n).system}
        if system and not allow_system:
            k.clean(system, partial=True)  # raises: unknown or not editable
        plain = {n: v for n, v in given.items() if n not in system}
        try:
            cleaned = k.clean(plain, partial=True, organisations=self.organisation_codes()) if plain else {}
        except ValidationError as error:
            # report every problem at once: the rules across fields too, on the record as given
            seen = {p.field for p in error.problems}
            cross = [p for p in k.check_record({**asset.values, **plain}) if p.field not in seen]
            raise ValidationError(error.problems + cross) from None
        problems = k.check_record({**asset.values, **cleaned})  # rules across fields see the whole record
        if problems:
            raise ValidationError(problems)
        cleaned.update(system)
        after = {n: v for n, v in cleaned.items() if asset.values.get(n) != v}
        if "x" in changes or "y" in changes:
            x, y = float(changes.get("x", asset.x)), float(changes.get("y", asset.y))
            if (x, y) != (asset.x, asset.y):
                after.update(x=x, y=y)
        if after and "change_date" not in after:
            after["change_date"] = today()
        before = {n: (getattr(asset, n) if n in ("x", "y") else asset.values.get(n)) for n in after}
        return EditAsset(asset.kind, asset.uuid, before, after, action, note)

    def update(self, ref, changes: dict, *, note: str | None = None) -> Asset:
        command = self.edit_command(ref, changes, note=note)
        if command.after:
            self.execute(command)
        return self.get(command.uuid, command.kind)

    def move(self, ref, x: float, y: float) -> Asset:
        command = self.edit_command(ref, {"x": x, "y": y}, action="move")
        if command.after:
            self.execute(command)
        return self.get(command.uuid, command.kind)

    def retire(self, ref, *, note: str | None = None, change_ref: str | None = None) -> Asset:
        """Mark an asset removed (移除); it stays in the registry with its history."""
        changes = {"status": "removed", **({"change_ref": change_ref} if change_ref else {})}
        command = self.edit_command(ref, changes, action="retire", note=note, allow_system=True)
        if command.after:
            self.execute(command)
        return self.get(command.uuid, command.kind)

    def delete(self, ref) -> None:
        asset = self.get(ref)
        self.execute(DeleteAsset(asset.kind, asset.uuid))

    def set_field(self, refs, field: str, value) -> int:
        """Multi-edit: one field to one value for many assets, as one undo step."""
        commands = [c for c in (self.edit_command(r, {field: value}) for r in refs) if c.after]
        if commands:
            self.execute(Composite(commands, "multi_edit"))
        return len(commands)

    # -- mounts -------------------------------------------------------------------------
    def clean_mount(self, values: dict) -> dict:
        return mount_kind().clean(values, partial=True, organisations=self.organisation_codes())

    def add_mount(self, host_ref, values: dict) -> dict:
        host = self.get(host_ref)
        command = self.execute(AddMount(host.kind, host.uuid, self.clean_mount(values)))
        return command.values

    def update_mount(self, host_ref, mount_uuid: str, changes: dict) -> None:
        host = self.get(host_ref)
        current = {m["uuid"]: m for m in self.mounts(host.uuid)}[mount_uuid]
        cleaned = self.clean_mount(changes)
        after = {k: v for k, v in cleaned.items() if current.get(k) != v}
        if after:
            self.execute(EditMount(host.kind, host.uuid, mount_uuid, {k: current.get(k) for k in after}, after))

    def delete_mount(self, host_ref, mount_uuid: str) -> None:
        host = self.get(host_ref)
        self.execute(DeleteMount(host.kind, host.uuid, mount_uuid))

    # -- organisations and reference layers ----------------------------------------------
    def add_organisation(self, code: str, name: str, name_en: str | None = None, role: str | None = None) -> None:
        with self._transaction("organisation") as tx:
            self.conn.execute(f"INSERT INTO {ORGANISATIONS} (code, name, name_en, role) VALUES (?,?,?,?)",
                              (code, name, name_en, role))
            tx.record("add_organisation", None, None, code, None, {"code": code, "name": name})
        self._org_codes = None

    def set_reference(self, layer: str, features, *, replace: bool = True, progress=None) -> int:
        """Replace (or extend) a reference layer with ``(shapely geometry, attributes)`` pairs."""
        from .schema import REFERENCE_LAYERS
        geom_type, cols, _ = REFERENCE_LAYERS[layer]
        names = list(cols)
        count = 0
        with self._transaction("reference") as tx:
            if replace:
                self.conn.execute(f"DELETE FROM {q(layer)}")
            rows = []
            for geom, attrs in features:
                if geom_type.startswith("MULTI") and geom.geom_type in ("Polygon", "LineString"):
                    geom = shapely.multipolygons([geom]) if geom.geom_type == "Polygon" else geom
                rows.append((gpkg.encode_geometry(geom, self.crs), *(attrs.get(n) for n in names)))
            self.conn.executemany(
                f"INSERT INTO {q(layer)} (geom, {', '.join(q(n) for n in names)}) "
                f"VALUES (?{', ?' * len(names)})", rows)
            count = len(rows)
            tx.touched.add(layer)
            tx.record("set_reference", layer, None, None, None, {"count": count, "replace": replace})
        return count

    def map_points(self, kind_name: str) -> dict:
        """``fid``, ``x``, ``y`` of every asset of a kind, through the registry's point cache
        (rebuilt when stale; a read-only or busy registry just reads the table)."""
        cached = point_cache.load(self.conn, kind_name)
        if cached is not None:
            return {"fid": cached[0], "x": cached[1], "y": cached[2]}
        pts = self.points(kind_name)
        if not self.readonly:
            try:
                point_cache.store(self.conn, kind_name, pts["fid"], pts["x"], pts["y"])
            except sqlite3.Error:
                pass  # another writer holds the registry: no cache this time, nothing lost
        return pts

    def bulk_insert(self, kind_name: str, columns: dict, x, y, **options):
        """Many assets at once, the spatial index filled once at the end; see :mod:`assets.bulk`."""
        from .bulk import bulk_insert
        return bulk_insert(self, kind_name, columns, x, y, **options)

    def history_json(self, ref) -> str:
        return json.dumps(self.history(ref), ensure_ascii=False, indent=2)


__all__ = ["Registry", "Asset", "KIND_NAMES", "AssetNotFound"]
