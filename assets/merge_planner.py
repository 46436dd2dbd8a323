"""Pole merge planning (多杆合一): which devices move to which pole, which poles go.

Qt-free and deterministic: plain in-memory inputs, ids sorted, no randomness. The lead
wires it to the registry, batches and reports; this module only plans.

How it decides: never-merged poles (mast, trolley-bus, overhead-line, over 15 m) are left
alone with their devices; poles carrying anchored (signals) or deferred devices stay as
hosts; every other device goes to a host within its rule's reach, never across a
barrier, within its across-the-road limit, into a free height band. The number of hosts
is minimised first (existing poles preferred: anchors, then street-light poles, then
others, then a new integrated pole at a group's median), total movement second. See
:mod:`assets.merge_cover` for the solver and :mod:`assets.merge_invariants` for the
checks every plan passes (``assert_plan_invariants(plan, (poles, devices, barriers),
rules)`` before applying one).

Examples
--------
>>> import numpy as np
>>> from assets.merge_rules import load_rules
>>> poles = [Pole("P1", 0, 0, "0118", "ordinary", 10, "A", True),
...          Pole("P2", 4, 0, "0209", "ordinary", 4, "A", True)]
>>> devices = [Device("D1", "street_light", "路灯所", "P1"),
...            Device("D2", "traffic_sign", "交警", "P2")]
>>> plan = plan_poles(poles, devices, [], load_rules())
>>> [(g.host_id, g.removed) for g in plan.groups]
[('P1', ['P2'])]
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

from .merge_assignment import ItemTable, SiteTable, assign
# Box planning lives in its own module; re-exported so callers need one import.
from .merge_boxes import Box, BoxGroup, BoxMergePlan, Compartment, CompartmentMove, plan_boxes  # noqa: F401
from .merge_candidates import Barriers, MergeInputError, check_points
from .merge_capacity import BandCapacity
from .merge_report import ComponentReport, component_reports, cost_estimate, count_by
from .merge_rules import MergeRules
from .progress import ensure
from .vocabularies import vocabulary

DEFAULT_EXACT_LIMIT = 40

__all__ = ["Barrier", "Box", "BoxGroup", "BoxMergePlan", "Compartment", "CompartmentMove", "Device",
           "DeviceMove", "KeptPole", "Pole", "PoleGroup", "PoleMergePlan", "never_merged", "plan_boxes",
           "plan_poles"]


@dataclass
class Device:
    id: str
    type: str
    owner: str | None
    pole_id: str


@dataclass
class Pole:
    id: str
    x: float
    y: float
    subtype: str
    structure: str
    height_m: float | None
    road: str | None
    confirmed: bool  # ownership confirmed (已确权)
    owner: str | None = None


@dataclass
class Barrier:
    """A road centre line or the river, (N, 2) coordinates: no device moves across it."""

    coords: np.ndarray


@dataclass
class DeviceMove:
    device_id: str
    type: str
    owner: str | None
    from_pole: str
    to_pole: str
    distance_m: float
    band: str | None
    over_capacity: bool = False  # no host had room: it stays where it is

    @property
    def moved(self) -> bool:
        return self.from_pole != self.to_pole


@dataclass
class PoleGroup:
    """One host after merging and what it gains."""

    host_id: str
    new: bool                     # a new integrated pole (position to be surveyed)
    x: float
    y: float
    subtype: str
    component: int
    removed: list[str]            # poles removed into this group
    devices: list[DeviceMove]     # every device on the host afterwards
    owners: list[str]
    rules: list[str]              # rule keys (merge.toml) that constrained the group
    blocked: bool                 # a pole in the group is not ownership-confirmed
    unconfirmed: list[str]
    reason: str = ""              # "anchor", "deferred" or ""


@dataclass
class KeptPole:
    id: str
    reason: str                   # "never_merge_structure", "never_merge_height"


@dataclass
class PoleMergePlan:
    groups: list[PoleGroup]
    kept: list[KeptPole]          # never-merged poles, untouched with their devices
    empty_poles: list[str]        # no devices recorded: check in the field
    components: list[ComponentReport]
    stats: dict
    rules_source: str = ""

    def moves(self) -> list[DeviceMove]:
        return [m for g in self.groups for m in g.devices if m.moved]

    def to_dict(self) -> dict:
        return asdict(self)


def never_merged(pole: Pole, rules: MergeRules) -> str | None:
    """Why a pole is never merged, or None."""
    if pole.structure in rules.never_merge_structures:
        return "never_merge_structure"
    if pole.height_m is not None and pole.height_m > rules.never_merge_height_m:
        return "never_merge_height"
    return None


def _validate(poles, devices):
    types = set(vocabulary("device_type").codes())
    for d in devices:
        if d.type not in types:
            raise MergeInputError(what=f"device {d.id}", detail=f"unknown device type {d.type!r}")
    structures = set(vocabulary("pole_structure").codes())
    for p in poles:
        if p.structure is not None and p.structure not in structures:
            raise MergeInputError(what=f"pole {p.id}", detail=f"unknown structure {p.structure!r}")
        if p.height_m is not None and (isinstance(p.height_m, bool) or not isinstance(p.height_m, (int, float))
                                       or not math.isfinite(p.height_m)):
            raise MergeInputError(what=f"pole {p.id}", detail=f"height {p.height_m!r} is not a number")
    ids = [p.id for p in poles]
    try:
        xy = np.fromiter((c for p in poles for c in (p.x, p.y)), dtype=float, count=2 * len(poles))
    except (TypeError, ValueError):
        raise MergeInputError(what="poles", detail="coordinates must be numbers") from None
    xy = xy.reshape(-1, 2)
    check_points(ids, xy, "poles")
    check_points([d.id for d in devices], np.zeros((0, 2)), "devices")
    known = set(ids)
    for d in devices:
        if d.pole_id not in known:
            raise MergeInputError(what=f"device {d.id}", detail=f"its pole {d.pole_id!r} is not in the input")
    return xy


def plan_poles(poles, devices, barriers, rules: MergeRules, *, exact_limit: int = DEFAULT_EXACT_LIMIT,
               exact_always: bool = False, progress=None) -> PoleMergePlan:
    """Plan which devices move onto which poles.

    Parameters
    ----------
    poles, devices : the street's poles and the devices they carry.
    barriers : road centre lines and rivers (``Barrier`` or (N, 2) arrays).
    rules : from :func:`assets.merge_rules.load_rules`.
    exact_limit : components with at most this many candidate hosts are solved by
        integer programming when the greedy result is not proven optimal.
    exact_always : also solve small components exactly when the host count is proven,
        to minimise total movement too (slower).
    progress : see :mod:`assets.progress`; cancelling raises ``Cancelled``.
    """
    progress = ensure(progress)
    poles = sorted(poles, key=lambda p: p.id)
    devices = sorted(devices, key=lambda d: d.id)
    all_xy = _validate(poles, devices)
    bars = Barriers(barriers)
    kept = [KeptPole(p.id, never_merged(p, rules)) for p in poles if never_merged(p, rules)]
    kept_ids = {k.id for k in kept}
    sites = [p for p in poles if p.id not in kept_ids]
    index = {p.id: k for k, p in enumerate(sites)}
    movable = [d for d in devices if d.pole_id in index]
    rule_for = {t: rules.device(t) for t in {d.type for d in movable}}
    rule_of = [rule_for[d.type] for d in movable]
    site_of = np.array([index[d.pole_id] for d in movable], dtype=int)
    anchor_site = np.zeros(len(sites), dtype=bool)
    defer_site = np.zeros(len(sites), dtype=bool)
    anchor_site[site_of[[r.anchor for r in rule_of]]] = True
    defer_site[site_of[[r.defer for r in rule_of]]] = True
    penalty = np.array([rules.pole_penalty(p.subtype, anchor=bool(anchor_site[k]))
                        for k, p in enumerate(sites)])
    band_order = rules.band_order
    band_index = {b: k for k, b in enumerate(band_order)}
    key_for = {t: tuple(band_index[b] for b in r.bands) for t, r in rule_for.items()}
    table = SiteTable(
        xy=all_xy[[k for k, p in enumerate(poles) if p.id not in kept_ids]].reshape(-1, 2),
        forced=anchor_site | defer_site, penalty=penalty, klass=np.zeros(len(sites), dtype=int))
    items = ItemTable(
        site=site_of, reach=np.array([r.max_move_m for r in rule_of]),
        across=np.array([r.max_across_m for r in rule_of]),
        fixed=np.array([r.defer for r in rule_of], dtype=bool),
        keys=[key_for[d.type] for d in movable])
    model = BandCapacity([rules.band_capacity[b] for b in rules.band_order])
    result = assign(table, items, bars, model, snap_m=rules.road_snap_m,
                    new_sites=rules.new_pole_candidates, new_penalty=rules.pole_penalty("", new=True),
                    new_site_max_group=rules.new_pole_max_group,
                    exact_limit=exact_limit, exact_always=exact_always, progress=progress)

    # Who is where afterwards (plain lists: numpy scalars are slow in loops).
    texts = {r.type: _rule_texts(r) for r in rule_for.values()}
    n_old = len(sites)
    host_l, slot_l = result.host.tolist(), result.slot
    dist_l = np.round(result.distance, 3).tolist()
    over_l, pruned_l = result.over_capacity.tolist(), result.barrier_pruned.tolist()
    open_l, anchor_l, defer_l = result.open_sites.tolist(), anchor_site.tolist(), defer_site.tolist()
    comp_l, xy_l = result.component.tolist(), table.xy.tolist()
    first_site: dict[int, int] = {}
    for k, comp in enumerate(comp_l):
        first_site.setdefault(comp, k)
    new_ids = {n_old + k: f"NEW-{sites[first_site[comp]].id}"
               for k, comp in enumerate(result.new_component.tolist())}
    members: dict[int, list[int]] = {}
    for i, h in enumerate(host_l):
        members.setdefault(h, []).append(i)
    # A removed pole joins the group that takes most of its devices (ties: lowest index).
    device_idx_by_site: dict[int, list[int]] = {}
    for i, s in enumerate(site_of.tolist()):
        device_idx_by_site.setdefault(s, []).append(i)
    removed_to: dict[int, int] = {}
    for s, idxs in sorted(device_idx_by_site.items()):
        if open_l[s]:
            continue
        counts: dict[int, int] = {}
        for i in idxs:
            counts[host_l[i]] = counts.get(host_l[i], 0) + 1
        removed_to[s] = min(counts, key=lambda h: (-counts[h], h))
    removed_into: dict[int, list[int]] = {}
    for s, h in sorted(removed_to.items()):  # site order is id order
        removed_into.setdefault(h, []).append(s)

    ids = [p.id for p in sites]
    confirmed = [p.confirmed for p in sites]
    pole_owner = [p.owner for p in sites]
    site_l = site_of.tolist()
    groups = []
    for h in sorted(members, key=lambda h: (h >= n_old, h if h < n_old else new_ids[h])):
        is_new = h >= n_old
        host_id = new_ids[h] if is_new else ids[h]
        xy = result.new_xy[h - n_old].tolist() if is_new else xy_l[h]
        its = members[h]  # ascending, and movable is sorted by id
        moves = []
        for i in its:
            d = movable[i]
            slot = slot_l[i]
            moves.append(DeviceMove(d.id, d.type, d.owner, d.pole_id, host_id, dist_l[i],
                                    band_order[slot] if slot is not None else None, over_l[i]))
        gone = removed_into.get(h, [])
        involved = {site_l[i] for i in its}.union(gone)
        if not is_new:
            involved.add(h)
        unconfirmed = sorted(ids[k] for k in involved if not confirmed[k])
        owners = {d.owner for d in (movable[i] for i in its) if d.owner}
        owners.update(pole_owner[k] for k in involved if pole_owner[k])
        groups.append(PoleGroup(
            host_id=host_id, new=is_new, x=xy[0], y=xy[1],
            subtype=rules.new_pole_subtype if is_new else sites[h].subtype,
            component=int(result.new_component[h - n_old]) if is_new else comp_l[h],
            removed=[ids[k] for k in gone], devices=moves, owners=sorted(owners),
            rules=_group_rules(rules, moves, [rule_of[i] for i in its], [pruned_l[i] for i in its], texts),
            blocked=bool(unconfirmed), unconfirmed=unconfirmed,
            reason="anchor" if not is_new and anchor_l[h] else
                   "deferred" if not is_new and defer_l[h] else ""))

    empty = sorted(p.id for k, p in enumerate(sites) if k not in device_idx_by_site and not open_l[k])
    comps = component_reports(result.reports)
    stats = _statistics(poles, devices, groups, kept, rules, comps)
    return PoleMergePlan(groups, kept, empty, comps, stats, rules.source)


def _rule_texts(rule) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Rule keys a device of this rule always brings to its group, and those it brings
    when it moves (precomputed once per type: this runs for every device)."""
    always = tuple(k for k, on in ((f"devices.{rule.type}.anchor", rule.anchor),
                                   (f"devices.{rule.type}.defer", rule.defer)) if on)
    moved = (f"devices.{rule.type}.max_move_m",)
    if rule.max_across_m < rule.max_move_m:
        moved += (f"devices.{rule.type}.max_across_m",)
    return always, moved


def _group_rules(rules, moves, device_rules, pruned, texts) -> list[str]:
    out = set()
    used: dict[str, int] = {}
    for m, r, cut in zip(moves, device_rules, pruned):
        always, moved = texts[r.type]
        out.update(always)
        if m.from_pole != m.to_pole:
            out.update(moved)
        if m.over_capacity:
            out.add(f"bands.capacity.{m.band}")
        if cut:
            out.add("barrier")
        if m.band is not None:
            used[m.band] = used.get(m.band, 0) + 1
    for band, n in used.items():
        if n >= rules.band_capacity[band]:
            out.add(f"bands.capacity.{band}")
    return sorted(out)


def _statistics(poles, devices, groups, kept, rules, comps) -> dict:
    removed = {r for g in groups for r in g.removed}
    new = [g for g in groups if g.new]
    after_poles = [p for p in poles if p.id not in removed]

    def subtype_owner(ps, extra=()):
        return {"by_subtype": count_by([p.subtype for p in ps] + [g.subtype for g in extra]),
                "by_owner": count_by([p.owner or "" for p in ps] + ["" for _ in extra]),
                "total": len(ps) + len(extra)}

    before = subtype_owner(poles)
    after = subtype_owner(after_poles, new)
    moves = [m for g in groups for m in g.devices if m.moved]
    upgraded = [g for g in groups if not g.new and any(m.moved for m in g.devices)]
    cosign = {m.owner for m in moves if m.owner}
    by_id = {p.id: p for p in poles}
    cosign |= {by_id[r].owner for r in removed if by_id[r].owner}
    cosign |= {by_id[g.host_id].owner for g in upgraded if by_id[g.host_id].owner}
    counts = {"new_integrated_pole": len(new), "host_upgrade": len(upgraded),
              "move_device": len(moves), "remove_pole": len(removed)}
    total = before["total"]
    return {
        "poles_before": before, "poles_after": after,
        "reduction_pct": round(100.0 * (total - after["total"]) / total, 1) if total else 0.0,
        "devices": len(devices), "devices_moved": len(moves),
        "devices_over_capacity": sum(m.over_capacity for g in groups for m in g.devices),
        "moves_by_owner": count_by([m.owner or "" for m in moves]),
        "owners_cosign": sorted(cosign),
        "hosts": len(groups), "new_poles": len(new), "poles_removed": len(removed),
        "poles_kept_never_merged": len(kept),
        "blocked_groups": sum(g.blocked for g in groups),
        "lower_bound_hosts": sum(c.lower_bound for c in comps),
        "gap_hosts": sum(c.hosts - c.lower_bound for c in comps),
        "components": len(comps), "components_optimal": sum(c.optimal for c in comps),
        "cost_cny": cost_estimate(counts, rules.costs),
    }
