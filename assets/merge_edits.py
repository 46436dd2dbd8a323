"""Hand edits of a stored merge plan, each checked against the plan's rules before it is
kept: move one device to another group, split removed poles off a group (they stay and
keep their devices), join two groups. A move that breaks a rule (too far, across the road,
across a barrier, no free band / compartment, powered with passive) is refused with a
message saying which rule and by how much.
"""
from __future__ import annotations

import math

import numpy as np

from .errors import XiuCityError
from .i18n import QT_TRANSLATE_NOOP, current_language
from .merge_candidates import Barriers
from .merge_inputs import CONFIRMED_STATES, barriers
from .merge_plan_tables import BATCHES, GROUPS, PlanRows, select, write_rows
from .vocabularies import vocabulary

TOL = 1e-6


class GroupNotFound(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Plan {plan} has no group {group}.")


class DeviceNotInPlan(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Device {device} is not part of plan {plan}.")


class GroupLocked(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Group {group} belongs to batch {batch}, which is already applied; revert the batch before editing it.")


class MoveTooFar(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "{device} ({type}) would move {distance} m to {host}; the rule allows {limit} m ({rule}).")


class MoveAcrossRoad(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "{device} ({type}) would move {distance} m across the road to {host}; the rule allows {limit} m ({rule}).")


class MoveCrossesBarrier(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "{device} would move across a road or the river to {host}; devices never move across the road.")


class NoRoomOnHost(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "{host} has no free place for {device} ({type}) in {places} ({rule}).")


class DeviceDeferred(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "{device} ({type}) stays for a later batch by rule ({rule}); it cannot move.")


class PoweredWithPassive(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "{device} would put powered and passive equipment in one cabinet {host} (boxes.combine_powered_with_passive).")


class NotARemovedPole(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "{code} is not a removed pole or box of group {group}; only those can be split off.")


class SameGroup(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Groups {group} and {other} must be different and in the same batch.")


def _type_label(code: str) -> str:
    """A device type as the user reads it (路灯, Street light), for messages."""
    entry = vocabulary("device_type").get(code)
    if entry is None:
        return str(code)
    return entry.label_en if current_language() == "en" else entry.label


def _load(reg, plan_id: str, group_nos=(), device: str | None = None):
    """The plan, the groups an edit touches (by number, and the one holding ``device``),
    the plan's rules and the states of those groups' batches. Only those groups are read:
    a county plan has tens of thousands, and decoding them all made every edit take seconds."""
    from .merge_plans import get_batch, get_plan, plan_rules
    plan = get_plan(reg, plan_id)
    numbers = []
    for no in group_nos:
        try:
            numbers.append(int(no))
        except (TypeError, ValueError):
            pass  # no such group: _group says so
    where = f"plan_id = ? AND group_no IN ({', '.join('?' * len(numbers))})"
    params: list = [plan_id, *numbers]
    if device is not None:  # the group whose moves name the device (checked again on the decoded rows)
        where = f"({where}) OR (plan_id = ? AND instr(moves, ?) > 0)"
        params += [plan_id, device]
    groups = {g["group_no"]: g for g in select(reg.conn, GROUPS, where, tuple(params), order="group_no")}
    states = {}
    for g in groups.values():
        if g["batch_id"] and g["batch_id"] not in states:
            states[g["batch_id"]] = get_batch(reg, g["batch_id"])["state"]
    return plan, groups, plan_rules(plan), states


def _next_group_no(reg, plan_id: str) -> int:
    row = reg.conn.execute(f"SELECT max(group_no) FROM {GROUPS} WHERE plan_id = ?", (plan_id,)).fetchone()
    return (row[0] or 0) + 1


def _group(plan_id, groups, no):
    try:
        return groups[int(no)]
    except (KeyError, TypeError, ValueError):
        raise GroupNotFound(plan=plan_id, group=no) from None


def _unlocked(states, *groups):
    for g in groups:
        if g["batch_id"] and states.get(g["batch_id"]) in ("applied", "executed"):
            raise GroupLocked(group=g["group_no"], batch=g["batch_id"])


class _Checker:
    """Validates one device placed on one host, with the plan's rules and the registry's barriers."""

    def __init__(self, reg, kind, rules, points):
        self.kind, self.rules = kind, rules
        xy = np.array(points, dtype=float).reshape(-1, 2)
        bbox = (xy[:, 0].min(), xy[:, 1].min(), xy[:, 0].max(), xy[:, 1].max()) if len(xy) else None
        self.bars = Barriers(barriers(reg, bbox))

    def place(self, m: dict, host: dict, label: str) -> None:
        """Check ``m`` can go to ``host`` and set its target, distance and band/compartment.
        ``host`` is the group dict; its other moves are already placed."""
        a = np.array([[m["from_x"], m["from_y"]]])
        b = np.array([[host["x"], host["y"]]])
        dist = float(math.hypot(host["x"] - m["from_x"], host["y"] - m["from_y"]))
        names = {"device": label, "type": _type_label(m["type"]), "host": host["host_code"],
                 "distance": round(dist, 1)}
        if dist > TOL and self.bars.crossing(a, b)[0]:  # the absolute rule first
            raise MoveCrossesBarrier(device=label, host=host["host_code"])
        if self.kind == "poles":
            rule = self.rules.device(m["type"])
            key = f"devices.{rule.type if rule.type in self.rules.devices else 'other'}"
            if rule.defer and dist > TOL:
                raise DeviceDeferred(device=label, type=names["type"], rule=f"{key}.defer")
            if dist > rule.max_move_m + TOL:
                raise MoveTooFar(**names, limit=rule.max_move_m, rule=f"{key}.max_move_m")
            if rule.max_across_m < rule.max_move_m and dist > TOL:
                d = self.bars.direction(a, self.rules.road_snap_m)[0]
                if not np.isnan(d).any():
                    across = abs((b[0, 0] - a[0, 0]) * d[1] - (b[0, 1] - a[0, 1]) * d[0])
                    if across > rule.max_across_m + TOL:
                        raise MoveAcrossRoad(**{**names, "distance": round(float(across), 1)},
                                             limit=rule.max_across_m, rule=f"{key}.max_across_m")
        else:
            br = self.rules.boxes
            if dist > br.max_move_m + TOL:
                raise MoveTooFar(**names, limit=br.max_move_m, rule="boxes.max_move_m")
            if (not br.combine_powered_with_passive and host["powered"] is not None
                    and bool(m.get("from_powered")) != bool(host["powered"])):
                raise PoweredWithPassive(device=label, host=host["host_code"])
        m["to"], m["distance_m"], m["over_capacity"] = host["host_code"], round(dist, 3), False
        (self._band if self.kind == "poles" else self._compartment)(m, host, label)

    def _band(self, m, host, label):
        rule = self.rules.device(m["type"])
        used: dict[str, int] = {}
        for other in host["moves"]:
            if other is not m and not other["over_capacity"] and other["band"]:
                used[other["band"]] = used.get(other["band"], 0) + 1
        for band in rule.bands:
            if used.get(band, 0) < self.rules.band_capacity[band]:
                m["band"] = band
                return
        bands = vocabulary("band")
        places = "/".join(bands.get(b).label if bands.get(b) and current_language() != "en" else b for b in rule.bands)
        raise NoRoomOnHost(host=host["host_code"], device=label, type=_type_label(m["type"]), places=places,
                           rule="bands.capacity")

    def _compartment(self, m, host, label):
        numbers = {}
        for other in host["moves"]:
            if other is not m and not other["over_capacity"]:
                numbers.setdefault(other["owner"] or "", other["compartment"])
        key = m["owner"] or ""
        if key in numbers:
            m["compartment"] = numbers[key]
            return
        if len(numbers) >= self.rules.boxes.owners_per_cabinet:
            raise NoRoomOnHost(host=host["host_code"], device=label, type=_type_label(m["type"]),
                               places=str(self.rules.boxes.owners_per_cabinet), rule="boxes.owners_per_cabinet")
        m["compartment"] = max(numbers.values(), default=0) + 1


def _refresh(reg, kind: str, g: dict) -> None:
    """Owners and blocked flag of a group after an edit, from the registry as it is now."""
    involved = ({g["host_uuid"]} if g["host_uuid"] else set()) | {r["uuid"] for r in g["removed"]} \
        | {m["from"] for m in g["moves"]}
    bad = []
    owners = {m["owner"] for m in g["moves"] if m["owner"]} | {r["owner"] for r in g["removed"] if r["owner"]}
    if g["host_owner"]:
        owners.add(g["host_owner"])
    for u in sorted(involved):
        asset = reg.get(u, kind)
        if asset.values.get("ownership") not in CONFIRMED_STATES:
            bad.append(asset.code)
    g.update(owners=sorted(owners), blocked=int(bool(bad)), unconfirmed=sorted(bad))


def _dissolve_if_empty(source: dict, target: dict, deleted: list) -> None:
    """A group left without devices goes into ``target``: its host pole (if it exists)
    and its removed poles are removed there."""
    if source["moves"]:
        return
    if not source["new"]:
        target["removed"].append({"uuid": source["host_uuid"], "code": source["host_code"],
                                  "subtype": source["subtype"], "owner": source["host_owner"],
                                  "x": source["x"], "y": source["y"]})
    target["removed"] += source["removed"]
    source["removed"] = []
    deleted.append(source)


def _save(reg, plan_id: str, kind: str, changed: list, deleted: list, action: str, summary: dict) -> None:
    for g in changed:
        _refresh(reg, kind, g)
    write_rows(reg, PlanRows(GROUPS, put=changed, remove=[{"plan_id": plan_id, "group_no": g["group_no"]}
                                                          for g in deleted],
                             action=action, ref=plan_id, summary={"plan": plan_id, **summary}))


def _points(*groups):
    return [(g["x"], g["y"]) for g in groups] + [(m["from_x"], m["from_y"]) for g in groups for m in g["moves"]]


def move_device(reg, plan_id: str, device_mount_uuid: str, to_group: int) -> dict:
    """Move one device (by its mount uuid) to another group of the plan. Returns the target group."""
    plan, groups, rules, states = _load(reg, plan_id, [to_group], device=device_mount_uuid)
    target = _group(plan_id, groups, to_group)
    source = next((g for g in groups.values() for m in g["moves"] if m["device"] == device_mount_uuid), None)
    if source is None:
        raise DeviceNotInPlan(device=device_mount_uuid, plan=plan_id)
    if source is target:
        return target
    _unlocked(states, source, target)
    m = next(m for m in source["moves"] if m["device"] == device_mount_uuid)
    checker = _Checker(reg, plan["kind"], rules, _points(source, target))
    placed = dict(m)
    target["moves"].append(placed)
    checker.place(placed, target, m["from_code"])
    source["moves"] = [x for x in source["moves"] if x["device"] != device_mount_uuid]
    deleted: list = []
    _dissolve_if_empty(source, target, deleted)
    changed = [target] + ([] if deleted else [source])
    _save(reg, plan_id, plan["kind"], changed, deleted, "merge_plan_move",
          {"device": device_mount_uuid, "from_group": source["group_no"], "to_group": target["group_no"]})
    return target


def split_group(reg, plan_id: str, group_no: int, poles) -> dict:
    """Keep removed poles (codes or uuids) of a group: the first becomes the host of a new
    group, taking back the devices of all of them (checked against the rules). Returns it."""
    plan, groups, rules, states = _load(reg, plan_id, [group_no])
    source = _group(plan_id, groups, group_no)
    _unlocked(states, source)
    wanted = [str(p).strip() for p in ([poles] if isinstance(poles, str) else poles)]
    keep = []
    for ref in wanted:
        found = next((r for r in source["removed"] if ref in (r["uuid"], r["code"])), None)
        if found is None:
            raise NotARemovedPole(code=ref, group=source["group_no"])
        keep.append(found)
    host = keep[0]
    road = reg.get(host["uuid"], plan["kind"]).values.get("road")
    new = {"plan_id": plan_id, "group_no": _next_group_no(reg, plan_id), "host_uuid": host["uuid"], "host_code": host["code"],
           "new": 0, "x": host["x"], "y": host["y"], "subtype": host["subtype"], "host_owner": host["owner"],
           "powered": source["powered"], "road": road, "removed": keep[1:], "moves": [], "owners": [], "blocked": 0,
           "unconfirmed": [], "component": source["component"], "rules": source["rules"], "reason": "split",
           "batch_id": source["batch_id"]}
    taken = {r["uuid"] for r in keep}
    checker = _Checker(reg, plan["kind"], rules, _points(source, new))
    for m in [m for m in source["moves"] if m["from"] in taken]:
        placed = dict(m)
        new["moves"].append(placed)
        checker.place(placed, new, m["from_code"])
    source["moves"] = [m for m in source["moves"] if m["from"] not in taken]
    source["removed"] = [r for r in source["removed"] if r["uuid"] not in taken]
    deleted: list = []
    _dissolve_if_empty(source, new, deleted)
    _save(reg, plan_id, plan["kind"], [new] + ([] if deleted else [source]), deleted, "merge_plan_split",
          {"group": source["group_no"], "new_group": new["group_no"], "poles": [r["code"] for r in keep]})
    return new


def join_groups(reg, plan_id: str, group_no: int, other_no: int) -> dict:
    """Move every device of group ``other_no`` onto the host of ``group_no``; the other
    host is removed. Refused (nothing changes) if any device breaks a rule."""
    plan, groups, rules, states = _load(reg, plan_id, [group_no, other_no])
    target, other = _group(plan_id, groups, group_no), _group(plan_id, groups, other_no)
    if target is other or target["batch_id"] != other["batch_id"]:
        raise SameGroup(group=group_no, other=other_no)
    _unlocked(states, target, other)
    checker = _Checker(reg, plan["kind"], rules, _points(target, other))
    for m in other["moves"]:
        placed = dict(m)
        target["moves"].append(placed)
        checker.place(placed, target, m["from_code"])
    other["moves"] = []
    deleted: list = []
    _dissolve_if_empty(other, target, deleted)
    _save(reg, plan_id, plan["kind"], [target], deleted, "merge_plan_join",
          {"group": target["group_no"], "joined": other["group_no"]})
    return target


def set_batch_phase(reg, batch_id: str, phase: int) -> list[str]:
    """Put batch ``batch_id`` at position ``phase`` (1 = first) of its plan's order of
    works and renumber the others 1, 2, … around it; returns the plan's batch ids in the
    new order. Applied batches may be moved too: the phase is the order of works, not a
    state."""
    from .merge_plans import get_batch
    plan_id = get_batch(reg, batch_id)["plan_id"]   # BatchNotFound for an unknown batch
    rows = {b["batch_id"]: b for b in select(reg.conn, BATCHES, "plan_id = ?", (plan_id,), order="phase, id")}
    order = [bid for bid in rows if bid != batch_id]   # as list_batches orders them
    position = min(max(int(phase), 1), len(order) + 1)
    order.insert(position - 1, batch_id)
    changed = []
    for number, bid in enumerate(order, 1):
        if rows[bid]["phase"] != number:
            changed.append({**rows[bid], "phase": number})
    if changed:
        write_rows(reg, PlanRows(BATCHES, put=changed, action="merge_batch_phase", ref=batch_id,
                                 summary={"plan": plan_id, "order": order}))
    return order
