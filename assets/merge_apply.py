"""Applying a merge batch to the registry, and taking it back.

Applying is ONE transaction made of the core's own commands (so every asset gets its
history rows): removed poles/boxes → status 移除 with ``change_ref`` naming the batch; the
host → 综合杆 0701 / 综合设备箱 0713; every device's mount moves onto its host (the mount
keeps its uuid: its ``host_uuid`` and band/compartment change); new integrated poles are
added. The applied command is stored with the batch; reverting runs its inverse, and is
refused once anything newer touched those assets.
"""
from __future__ import annotations

import dataclasses
import json
import uuid as uuidlib
from dataclasses import dataclass

from . import commands as core
from .commands import Command, Composite, EditMount
from .errors import XiuCityError
from .geopackage import q
from .i18n import QT_TRANSLATE_NOOP
from .merge_inputs import CONFIRMED_STATES
from .merge_plan_tables import BATCHES, GROUPS, ensure_tables
from .schema import HISTORY, MOUNTS
from .store import Transaction, now_iso


class BatchBlocked(XiuCityError):
    text = QT_TRANSLATE_NOOP(
        "Errors", "Batch {batch} cannot be applied: {n} groups involve assets whose ownership is not confirmed ({codes}). Confirm ownership (确权) first.")


class BatchAlreadyApplied(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Batch {batch} is already applied; revert it first to apply it again.")


class BatchNotApplied(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Batch {batch} is not applied ({state}); there is nothing to revert.")


class BatchExecuted(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Batch {batch} is already carried out in the field; it can no longer be reverted.")


class BatchOutOfDate(XiuCityError):
    text = QT_TRANSLATE_NOOP(
        "Errors", "Batch {batch} no longer matches the registry: {code} or its devices changed since the plan was made. Make a new plan for this area.")


class RevertRefused(XiuCityError):
    text = QT_TRANSLATE_NOOP(
        "Errors", "Batch {batch} cannot be reverted: {code} was changed after the batch was applied ({action}, {at}). Undo that change first.")


_COMMANDS = {c.__name__: c for c in (core.AddAsset, core.DeleteAsset, core.EditAsset, core.AddMount,
                                     core.DeleteMount, core.EditMount, core.Composite)}


def command_from_dict(data: dict) -> Command:
    """Rebuild a stored command (``Command.to_dict``) of the core's classes."""
    cls = _COMMANDS[data["type"]]
    names = {f.name for f in dataclasses.fields(cls)}
    values = {k: v for k, v in data.items() if k in names}
    if cls is Composite:
        values["commands"] = [command_from_dict(c) for c in data["commands"]]
    return cls(**values)


@dataclass
class BatchApplication(Command):
    """The batch's asset commands plus the batch row's new state, in one transaction."""

    batch_id: str
    changes: Composite
    revert: bool = False
    new_hosts: list = dataclasses.field(default_factory=list)  # [plan id, group no, new uuid, "NEW-…" label]

    @property
    def label(self) -> str:  # type: ignore[override]
        return "merge_revert" if self.revert else "merge_apply"

    def apply(self, tx: Transaction) -> None:
        self.changes.apply(tx)
        at = now_iso()
        if self.revert:
            tx.conn.execute(f"UPDATE {q(BATCHES)} SET state = 'reverted', reverted_at = ? WHERE batch_id = ?",
                            (at, self.batch_id))
        else:
            snapshot = json.dumps({**self.changes.to_dict(), "new_hosts": self.new_hosts}, ensure_ascii=False,
                                  default=str)
            tx.conn.execute(f"UPDATE {q(BATCHES)} SET state = 'applied', applied_at = ?, reverted_at = NULL, "
                            "command_id = ?, command = ? WHERE batch_id = ?",
                            (at, tx.command_id, snapshot, self.batch_id))
        # the plan's groups name the new poles by their real identifier while applied
        for plan_id, group_no, uuid, label in self.new_hosts:
            code = None if self.revert else tx.snapshot("poles", uuid)["code"]
            tx.conn.execute(f"UPDATE {q(GROUPS)} SET host_uuid = ?, host_code = ? WHERE plan_id = ? AND group_no = ?",
                            (None if self.revert else uuid, label if self.revert else code, plan_id, group_no))
        tx.record(self.label, None, None, self.batch_id, None,
                  {"batch": self.batch_id, "commands": len(self.changes.commands)})

    def inverse(self) -> "Command":
        return BatchApplication(self.batch_id, self.changes.inverse(), not self.revert, self.new_hosts)


def _settings():
    from .merge_plans import apply_settings
    return apply_settings()


def _involved(groups: list[dict]) -> set[str]:
    out = set()
    for g in groups:
        if g["host_uuid"]:
            out.add(g["host_uuid"])
        out.update(r["uuid"] for r in g["removed"])
        out.update(m["from"] for m in g["moves"])
    return out


def _check_current(reg, batch_id: str, kind: str, groups: list[dict]) -> dict:
    """Registry state of every involved asset and mount: still there, not removed, the
    mounts still where the plan found them, ownership confirmed. Returns assets by uuid."""
    from .merge_plans import changes_anything
    assets = {}
    for u in sorted(_involved(groups)):
        try:
            assets[u] = reg.get(u, kind)
        except XiuCityError:
            raise BatchOutOfDate(batch=batch_id, code=u) from None
        if assets[u].values.get("status") in ("removed", "missing"):
            raise BatchOutOfDate(batch=batch_id, code=assets[u].code)
    mounts = [m["device"] for g in groups for m in g["moves"]]
    where = {}
    for start in range(0, len(mounts), 500):
        chunk = mounts[start:start + 500]
        where.update(reg.conn.execute(f"SELECT uuid, host_uuid FROM {q(MOUNTS)} WHERE uuid IN "
                                      f"({','.join('?' * len(chunk))})", chunk).fetchall())
    for g in groups:
        for m in g["moves"]:
            if where.get(m["device"]) != m["from"]:
                raise BatchOutOfDate(batch=batch_id, code=m["from_code"])
    blocked = []
    for g in groups:
        if not changes_anything(g):
            continue
        bad = sorted({assets[u].code for u in _involved([g])
                      if assets[u].values.get("ownership") not in CONFIRMED_STATES})
        if bad:
            blocked.append(bad)
    if blocked:
        codes = sorted({c for b in blocked for c in b})
        raise BatchBlocked(batch=batch_id, n=len(blocked), codes=", ".join(codes[:5]) + ("…" if len(codes) > 5 else ""))
    return assets


def _pole_commands(reg, g: dict, assets: dict, ref: str, rules, settings) -> list[Command]:
    s = settings["poles"]
    out: list[Command] = []
    min_h = rules.min_integrated_height_m
    if g["new"]:
        host_uuid = str(uuidlib.uuid4())
        first = assets.get(g["removed"][0]["uuid"]) if g["removed"] else None
        values = {"subtype": s["integrated_subtype"], "structure": s["integrated_structure"], "height_m": min_h,
                  "road": g["road"], "remarks": s["new_pole_remarks"]}
        if first is not None:
            values.update({k: first.values.get(k) for k in ("subdistrict_code", "community_code", "grid_code",
                                                             "dept_code", "side") if first.values.get(k)})
        add = reg.add_command("poles", values, g["x"], g["y"])
        add.uuid = host_uuid
        add.values["change_ref"] = ref
        out.append(add)
    else:
        host_uuid = g["host_uuid"]
        changes = {"subtype": s["integrated_subtype"], "structure": s["integrated_structure"], "change_ref": ref}
        height = assets[host_uuid].values.get("height_m")
        if s.get("raise_to_min_height") and (height is None or height < min_h):
            changes["height_m"] = min_h
        out.append(reg.edit_command(host_uuid, changes, action="merge_host", note=ref, allow_system=True))
    for m in g["moves"]:
        if m["over_capacity"]:
            continue
        if m["from_code"] != m["to"]:
            out.append(EditMount("poles", host_uuid, m["device"], {"host_uuid": m["from"], "band": m["old_band"]},
                                 {"host_uuid": host_uuid, "band": m["band"]}))
        elif m["band"] and m["band"] != m["old_band"]:
            out.append(EditMount("poles", host_uuid, m["device"], {"band": m["old_band"]}, {"band": m["band"]}))
    for r in g["removed"]:
        out.append(reg.edit_command(r["uuid"], {"status": "removed", "change_ref": ref}, action="merge_remove",
                                    note=ref, allow_system=True))
    return out


def _box_commands(reg, g: dict, assets: dict, ref: str, rules, settings) -> list[Command]:
    host_uuid = g["host_uuid"]
    owners = {m["compartment"] for m in g["moves"] if not m["over_capacity"]}
    changes = {"subtype": settings["boxes"]["integrated_subtype"], "change_ref": ref,
               "compartments": max(1, len(owners))}
    out: list[Command] = [reg.edit_command(host_uuid, changes, action="merge_host", note=ref, allow_system=True)]
    for m in g["moves"]:
        if m["over_capacity"]:
            continue
        if m["from_code"] != m["to"]:
            out.append(EditMount("boxes", host_uuid, m["device"],
                                 {"host_uuid": m["from"], "compartment": m["old_compartment"]},
                                 {"host_uuid": host_uuid, "compartment": m["compartment"]}))
        elif m["compartment"] != m["old_compartment"]:
            out.append(EditMount("boxes", host_uuid, m["device"], {"compartment": m["old_compartment"]},
                                 {"compartment": m["compartment"]}))
    for r in g["removed"]:
        out.append(reg.edit_command(r["uuid"], {"status": "removed", "change_ref": ref}, action="merge_remove",
                                    note=ref, allow_system=True))
    return out


def apply_batch(reg, batch_id: str) -> dict:
    """Apply a batch to the registry in one transaction (see module doc). Refuses a batch
    with a group whose assets are not ownership-confirmed (now, not only when planned).
    Returns the batch's statistics."""
    from .merge_plans import batch_groups, batch_stats, changes_anything, get_batch, get_plan, plan_rules
    ensure_tables(reg)
    batch = get_batch(reg, batch_id)
    if batch["state"] in ("applied", "executed"):
        raise BatchAlreadyApplied(batch=batch_id)
    plan = get_plan(reg, batch["plan_id"])
    groups = [g for g in batch_groups(reg, batch_id) if changes_anything(g)]
    assets = _check_current(reg, batch_id, plan["kind"], groups)
    settings = _settings()
    rules = plan_rules(plan)
    ref = settings["batch"]["change_ref"].format(batch_id=batch_id, plan_id=plan["plan_id"])
    build = _pole_commands if plan["kind"] == "poles" else _box_commands
    # new hosts first (mounts move onto them), removals last (their mounts have left)
    commands, new_hosts = [], []
    for g in groups:
        made = build(reg, g, assets, ref, rules, settings)
        if g["new"]:  # the first command adds the new pole
            new_hosts.append([g["plan_id"], g["group_no"], made[0].uuid, g["host_code"]])
        commands += made
    ordered = ([c for c in commands if isinstance(c, core.AddAsset)]
               + [c for c in commands if not isinstance(c, core.AddAsset) and getattr(c, "action", "") != "merge_remove"]
               + [c for c in commands if getattr(c, "action", "") == "merge_remove"])
    reg.execute(BatchApplication(batch_id, Composite(ordered, "merge_batch"), new_hosts=new_hosts))
    return batch_stats(reg, batch_id)


def _newer_change(reg, batch: dict, uuids: set[str]):
    row = reg.conn.execute(f"SELECT max(id) FROM {q(HISTORY)} WHERE command_id = ?", (batch["command_id"],)).fetchone()
    last = row[0] or 0
    uuids = sorted(uuids)
    for start in range(0, len(uuids), 500):
        chunk = uuids[start:start + 500]
        found = reg.conn.execute(
            f"SELECT code, action, at FROM {q(HISTORY)} WHERE id > ? AND asset_uuid IN "
            f"({','.join('?' * len(chunk))}) ORDER BY id LIMIT 1", (last, *chunk)).fetchone()
        if found:
            return found
    return None


def _touched_uuids(changes: Command) -> set[str]:
    out = set()
    for c in getattr(changes, "commands", [changes]):
        if isinstance(c, Composite):
            out |= _touched_uuids(c)
        elif isinstance(c, EditMount):
            out.update({c.host_uuid, c.before.get("host_uuid"), c.after.get("host_uuid")} - {None})
        elif hasattr(c, "uuid"):
            out.add(c.uuid)
    return out


def revert_batch(reg, batch_id: str) -> dict:
    """Take an applied batch back exactly (the stored command's inverse), in one
    transaction. Refused when any asset it changed has history newer than the apply."""
    from .merge_plans import batch_stats, get_batch
    batch = get_batch(reg, batch_id)
    if batch["state"] == "executed":
        raise BatchExecuted(batch=batch_id)
    if batch["state"] != "applied" or not batch["command"]:
        raise BatchNotApplied(batch=batch_id, state=batch["state"])
    changes = command_from_dict(batch["command"])
    new_hosts = batch["command"].get("new_hosts", [])
    newer = _newer_change(reg, batch, _touched_uuids(changes))
    if newer:
        raise RevertRefused(batch=batch_id, code=newer[0] or "?", action=newer[1], at=newer[2])
    reg.execute(BatchApplication(batch_id, changes.inverse(), revert=True, new_hosts=new_hosts))
    return batch_stats(reg, batch_id)




def mark_batch_executed(reg, batch_id: str) -> None:
    """The field work of an applied batch is done (已实施): its state becomes ``executed``
    and it can no longer be reverted."""
    from .merge_plan_tables import PlanRows, write_rows
    from .merge_plans import get_batch
    batch = get_batch(reg, batch_id)
    if batch["state"] != "applied":
        raise BatchNotApplied(batch=batch_id, state=batch["state"])
    write_rows(reg, PlanRows(BATCHES, put=[{**batch, "state": "executed"}], action="merge_batch_executed",
                             ref=batch_id, summary={"batch": batch_id, "state": "executed"}))
