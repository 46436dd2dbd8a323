"""Every change to the registry is a command: plain data that knows how to apply itself
inside a transaction and what its inverse is. The registry runs commands in one
transaction each and writes history; undo runs the inverse. Qt's undo stack only adapts
these (see ``desktop``)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .kinds import kind
from .store import Transaction

_SNAPSHOT_EXTRA = ("fid", "x", "y", "mounts")


def _fields_only(snapshot: dict) -> dict:
    return {k: v for k, v in snapshot.items() if k not in _SNAPSHOT_EXTRA}


class Command:
    """Base: ``apply`` inside a transaction, ``inverse`` for undo, ``to_dict`` for storage."""

    label = "change"

    def apply(self, tx: Transaction) -> None:
        raise NotImplementedError

    def inverse(self) -> "Command":
        raise NotImplementedError

    def to_dict(self) -> dict:
        data = {k: v for k, v in self.__dict__.items()}
        data["type"] = type(self).__name__
        if isinstance(self, Composite):
            data["commands"] = [c.to_dict() for c in self.commands]
        return data


@dataclass
class AddAsset(Command):
    kind: str
    values: dict
    x: float
    y: float
    mounts: list = field(default_factory=list)
    uuid: str | None = None
    fid: int | None = None
    label = "add"

    def apply(self, tx: Transaction) -> None:
        k = kind(self.kind)
        values = dict(self.values)
        if self.uuid:
            values["uuid"] = self.uuid
        stored = tx.insert_asset(k, values, self.x, self.y, fid=self.fid)
        # remember what was allocated so redo gives the same identity
        self.uuid, self.values = stored["uuid"], stored
        for mount in self.mounts:
            tx.insert_mount({**mount, "host_kind": self.kind, "host_uuid": self.uuid})
        snap = tx.snapshot(self.kind, self.uuid)
        self.fid = snap["fid"]
        self.mounts = snap["mounts"]
        tx.record(self.label, self.kind, self.uuid, stored["code"], None, snap)

    def inverse(self) -> "Command":
        return DeleteAsset(self.kind, self.uuid)


@dataclass
class DeleteAsset(Command):
    kind: str
    uuid: str
    snapshot: dict | None = None
    label = "delete"

    def apply(self, tx: Transaction) -> None:
        self.snapshot = tx.snapshot(self.kind, self.uuid)
        tx.delete_asset(kind(self.kind), self.uuid)
        tx.record(self.label, self.kind, self.uuid, self.snapshot.get("code"), self.snapshot, None)

    def inverse(self) -> "Command":
        s = self.snapshot
        return AddAsset(self.kind, _fields_only(s), s["x"], s["y"],
                        mounts=[{k: v for k, v in m.items() if k not in ("host_kind", "host_uuid")} for m in s["mounts"]],
                        uuid=self.uuid, fid=s["fid"])


@dataclass
class EditAsset(Command):
    """Change fields and/or position (``x``, ``y`` keys). ``before`` holds the old values of
    exactly the changed keys; applying checks they are still current (no lost updates)."""

    kind: str
    uuid: str
    before: dict
    after: dict
    action: str = "update"
    note: str | None = None

    @property
    def label(self) -> str:  # type: ignore[override]
        return self.action

    def apply(self, tx: Transaction) -> None:
        k = kind(self.kind)
        tx.update_asset(k, self.uuid, self.after, before=self.before)
        code = self.after.get("code") or tx.snapshot(self.kind, self.uuid)["code"]
        tx.record(self.action, self.kind, self.uuid, code, self.before, self.after, self.note)

    def inverse(self) -> "Command":
        return EditAsset(self.kind, self.uuid, self.after, self.before, self.action, self.note)


@dataclass
class AddMount(Command):
    host_kind: str
    host_uuid: str
    values: dict
    label = "add_mount"

    def apply(self, tx: Transaction) -> None:
        self.values = tx.insert_mount({**self.values, "host_kind": self.host_kind, "host_uuid": self.host_uuid})
        code = tx.snapshot(self.host_kind, self.host_uuid)["code"]
        tx.record(self.label, self.host_kind, self.host_uuid, code, None, {"mount": self.values})

    def inverse(self) -> "Command":
        return DeleteMount(self.host_kind, self.host_uuid, self.values["uuid"], self.values)


@dataclass
class DeleteMount(Command):
    host_kind: str
    host_uuid: str
    mount_uuid: str
    values: dict | None = None
    label = "delete_mount"

    def apply(self, tx: Transaction) -> None:
        mounts = {m["uuid"]: m for m in tx.mounts(self.host_uuid)}
        self.values = mounts.get(self.mount_uuid, self.values)
        tx.delete_mount(self.mount_uuid)
        code = tx.snapshot(self.host_kind, self.host_uuid)["code"]
        tx.record(self.label, self.host_kind, self.host_uuid, code, {"mount": self.values}, None)

    def inverse(self) -> "Command":
        values = {k: v for k, v in (self.values or {}).items() if k not in ("host_kind", "host_uuid")}
        return AddMount(self.host_kind, self.host_uuid, values)


@dataclass
class EditMount(Command):
    host_kind: str
    host_uuid: str
    mount_uuid: str
    before: dict
    after: dict
    label = "update_mount"

    def apply(self, tx: Transaction) -> None:
        tx.update_mount(self.mount_uuid, self.after)
        code = tx.snapshot(self.host_kind, self.host_uuid)["code"]
        tx.record(self.label, self.host_kind, self.host_uuid, code,
                  {"mount": self.mount_uuid, **self.before}, {"mount": self.mount_uuid, **self.after})

    def inverse(self) -> "Command":
        return EditMount(self.host_kind, self.host_uuid, self.mount_uuid, self.after, self.before)


@dataclass
class Composite(Command):
    """Several commands as one user action (multi-edit, a merge batch); one undo step."""

    commands: list
    name: str = "composite"

    @property
    def label(self) -> str:  # type: ignore[override]
        return self.name

    def apply(self, tx: Transaction) -> None:
        for command in self.commands:
            command.apply(tx)

    def inverse(self) -> "Command":
        return Composite([c.inverse() for c in reversed(self.commands)], self.name)
