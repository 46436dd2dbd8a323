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
from collections import Counter
from dataclasses import asdict, dataclass

import numpy as np

from .merge_assignment import ItemTable, SiteTable, assign, collector_paused
# Box planning lives in its own module; re-exported so callers need one import.
from .merge_boxes import Box, BoxGroup, BoxMergePlan, Compartment, CompartmentMove, plan_boxes  # noqa: F401
from .merge_candidates import Barriers, MergeInputError, check_points
from .merge_capacity import BandCapacity
from .merge_pole_groups import group_rule_keys, removed_into, split_pairs
from .merge_report import ComponentReport, component_reports, cost_estimate, count_by
from .merge_rules import MergeRules
from .merge_spacing import spacing_critical, spacing_report
from .progress import ensure
from .vocabularies import vocabulary

DEFAULT_EXACT_LIMIT = 40

__all__ = ["Barrier", "Box", "BoxGroup", "BoxMergePlan", "Compartment", "CompartmentMove", "Device",
           "DeviceMove", "KeptPole", "Pole", "PoleGroup", "PoleMergePlan", "never_merged", "plan_boxes",
           "plan_poles"]


@dataclass(slots=True)
class Device:
    id: str
    type: str
    owner: str | None
    pole_id: str


@dataclass(slots=True)
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
    """A road centre line or the river, (N, 2) coordinates: no device moves across it.
    A road's class (vocabularies.toml [road_class]) gives its target pole spacing."""

    coords: np.ndarray
    road_class: str | None = None
    name: str | None = None


@dataclass(slots=True)
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


@dataclass(slots=True)
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


@dataclass(slots=True)
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
    """The poles' coordinates as an (N, 2) array, once the input is known to be sound:
    checked a set at a time (a pole at a time was a tenth of planning at 100k poles), the
    first offender named."""
    types = set(vocabulary("device_type").codes())
    if not {d.type for d in devices} <= types:
        d = next(d for d in devices if d.type not in types)
        raise MergeInputError(what=f"device {d.id}", detail=f"unknown device type {d.type!r}")
    structures = set(vocabulary("pole_structure").codes()) | {None}
    if not {p.structure for p in poles} <= structures:
        p = next(p for p in poles if p.structure not in structures)
        raise MergeInputError(what=f"pole {p.id}", detail=f"unknown structure {p.structure!r}")
    heights = [p.height_m for p in poles]
    if not set(map(type, heights)) <= {int, float, type(None)} or not np.isfinite(
            np.array([h for h in heights if h is not None], dtype=float)).all():
        for p in poles:  # some height is not a plain finite number: name the first that is no number
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
    if not {d.pole_id for d in devices} <= known:
        d = next(d for d in devices if d.pole_id not in known)
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
    with collector_paused():
        return _plan_poles(poles, devices, barriers, rules, exact_limit, exact_always, ensure(progress))


def _plan_poles(poles, devices, barriers, rules, exact_limit, exact_always, progress) -> PoleMergePlan:
    poles = sorted(poles, key=lambda p: p.id)
    devices = sorted(devices, key=lambda d: d.id)
    all_xy = _validate(poles, devices)
    bars = Barriers(barriers)
    why = [never_merged(p, rules) for p in poles]
    kept = [KeptPole(p.id, w) for p, w in zip(poles, why) if w]
    kept_ids = {k.id for k in kept}
    sites = [p for p, w in zip(poles, why) if not w]
    index = {p.id: k for k, p in enumerate(sites)}
    movable = [d for d in devices if d.pole_id in index]
    rule_for = {t: rules.device(t) for t in {d.type for d in movable}}
    rule_of = [rule_for[d.type] for d in movable]
    site_of = np.array([index[d.pole_id] for d in movable], dtype=int)
    anchor_site = np.zeros(len(sites), dtype=bool)
    defer_site = np.zeros(len(sites), dtype=bool)
    anchor_site[site_of[[r.anchor for r in rule_of]]] = True
    defer_site[site_of[[r.defer for r in rule_of]]] = True
    by_subtype = {t: rules.pole_penalty(t) for t in {p.subtype for p in sites}}
    penalty = np.where(anchor_site, rules.pole_penalty("", anchor=True),
                       np.array([by_subtype[p.subtype] for p in sites], dtype=float).reshape(-1))
    site_xy = all_xy[[k for k, w in enumerate(why) if not w]].reshape(-1, 2)
    if "spacing" in rules.host_penalty_m:
        # A pole whose removal would open a gap over the road's target spacing is the
        # better host when the host count is the same.
        critical = spacing_critical(bars, site_xy, rules)
        penalty = np.where(critical, np.minimum(penalty, rules.pole_penalty("", spacing=True)), penalty)
    band_order = rules.band_order
    band_index = {b: k for k, b in enumerate(band_order)}
    key_for = {t: tuple(band_index[b] for b in r.bands) for t, r in rule_for.items()}
    table = SiteTable(xy=site_xy, forced=anchor_site | defer_site, penalty=penalty,
                      klass=np.zeros(len(sites), dtype=int))
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

    groups, empty = _groups(sites, movable, site_of, rule_for, result, rules, anchor_site, defer_site, table.xy)
    comps = component_reports(result.reports)
    stats = _statistics(poles, devices, groups, kept, rules, comps)
    stats["spacing"] = spacing_report(bars, np.array([(g.x, g.y) for g in groups], dtype=float), rules)
    return PoleMergePlan(groups, kept, empty, comps, stats, rules.source)


def _groups(sites, movable, site_of, rule_for, result, rules, anchor_site, defer_site, xy):
    """The plan's groups (hosts in id order, new poles last) and the poles left empty."""
    n_old, n_items = len(sites), len(movable)
    ids = [p.id for p in sites]
    host = result.host
    comp_l = result.component.tolist()
    first_site: dict[int, int] = {}
    for k, comp in enumerate(comp_l):
        first_site.setdefault(comp, k)
    name = {n_old + k: f"NEW-{ids[first_site[comp]]}" for k, comp in enumerate(result.new_component.tolist())}
    used = np.zeros(n_old + len(result.new_xy), dtype=bool)
    used[host] = True
    hosts = sorted(np.flatnonzero(used).tolist(), key=lambda h: (h >= n_old, h if h < n_old else name[h]))
    n_groups = len(hosts)
    rank_of = np.zeros(n_old + len(result.new_xy), dtype=np.int64)
    rank_of[hosts] = np.arange(n_groups)
    rank = rank_of[host]
    order = np.argsort(rank, kind="stable")          # by group, then device id
    cut = np.searchsorted(rank[order], np.arange(n_groups + 1)).tolist()
    host_names = [name[h] if h >= n_old else ids[h] for h in hosts]

    # Devices after the plan, in group order (columns permuted once, objects made by map).
    slot = np.array([-1 if v is None else v for v in result.slot], dtype=np.int64)
    band_names = np.array(list(rules.band_order) + [None], dtype=object)
    dev = np.array([(d.id, d.type, d.owner, d.pole_id) for d in movable], dtype=object).reshape(-1, 4)[order]
    moves = list(map(DeviceMove, dev[:, 0].tolist(), dev[:, 1].tolist(), dev[:, 2].tolist(), dev[:, 3].tolist(),
                     np.array(host_names, dtype=object)[rank[order]].tolist(),
                     np.round(result.distance[order], 3).tolist(), band_names[slot[order]].tolist(),
                     result.over_capacity[order].tolist()))

    gone_site, gone_host = removed_into(site_of, host, result.open_sites)
    id_names = np.array(ids, dtype=object)
    removed = split_pairs(rank_of[gone_host], gone_site, n_groups, id_names)
    # Poles involved in each group: its host, its devices' poles, the poles removed into it.
    existing = np.array([h for h in hosts if h < n_old], dtype=np.int64)
    inv_rank = np.concatenate([rank, rank_of[gone_host], rank_of[existing]])
    inv_site = np.concatenate([site_of, gone_site, existing])
    confirmed = np.array([p.confirmed for p in sites], dtype=bool)
    bad = ~confirmed[inv_site]
    unconfirmed = split_pairs(inv_rank[bad], inv_site[bad], n_groups, id_names)
    owner_names = sorted({d.owner for d in movable if d.owner} | {p.owner for p in sites if p.owner})
    owner_code = {o: k for k, o in enumerate(owner_names)}
    dev_owner = np.array([owner_code.get(d.owner, -1) if d.owner else -1 for d in movable], dtype=np.int64)
    pole_owner = np.array([owner_code[p.owner] if p.owner else -1 for p in sites], dtype=np.int64)
    o_rank = np.concatenate([rank, inv_rank])
    o_code = np.concatenate([dev_owner, pole_owner[inv_site]])
    owners = split_pairs(o_rank[o_code >= 0], o_code[o_code >= 0], n_groups, np.array(owner_names, dtype=object))
    moved = host != site_of
    rule_keys = group_rule_keys(rules, rule_for, [d.type for d in movable], rank, moved, slot,
                                result.over_capacity, result.barrier_pruned, n_groups)

    xy_l, new_xy_l, new_comp_l = xy.tolist(), result.new_xy.tolist(), result.new_component.tolist()
    anchor_l, defer_l = anchor_site.tolist(), defer_site.tolist()
    groups = []
    for g, h in enumerate(hosts):
        is_new = h >= n_old
        where = new_xy_l[h - n_old] if is_new else xy_l[h]
        bad_ids = unconfirmed[g]
        groups.append(PoleGroup(
            host_id=host_names[g], new=is_new, x=where[0], y=where[1],
            subtype=rules.new_pole_subtype if is_new else sites[h].subtype,
            component=new_comp_l[h - n_old] if is_new else comp_l[h],
            removed=removed[g], devices=moves[cut[g]:cut[g + 1]], owners=owners[g], rules=rule_keys[g],
            blocked=bool(bad_ids), unconfirmed=bad_ids,
            reason="anchor" if not is_new and anchor_l[h] else "deferred" if not is_new and defer_l[h] else ""))
    has_device = np.zeros(n_old, dtype=bool)
    has_device[site_of] = True
    empty = [ids[k] for k in np.flatnonzero(~has_device & ~result.open_sites[:n_old]).tolist()]
    return groups, empty


def _statistics(poles, devices, groups, kept, rules, comps) -> dict:
    # one pass over the groups' devices: the moves are what most statistics count
    moves, upgraded, over = [], [], 0
    for g in groups:
        host_moves = [m for m in g.devices if m.moved]
        moves += host_moves
        if host_moves and not g.new:
            upgraded.append(g)
        over += sum(m.over_capacity for m in g.devices)
    removed = {r for g in groups for r in g.removed}
    new = [g for g in groups if g.new]
    by_id = {p.id: p for p in poles}
    gone = [by_id[r] for r in removed]
    # after = before - removed + new (Counter arithmetic drops the kinds that reach zero)
    sub_before = Counter(p.subtype for p in poles)
    own_before = Counter(p.owner or "" for p in poles)
    sub_after = sub_before - Counter(p.subtype for p in gone) + Counter(g.subtype for g in new)
    own_after = own_before - Counter(p.owner or "" for p in gone) + Counter({"": len(new)})
    before = {"by_subtype": count_by(sub_before), "by_owner": count_by(own_before), "total": len(poles)}
    after = {"by_subtype": count_by(sub_after), "by_owner": count_by(own_after),
             "total": len(poles) - len(gone) + len(new)}
    cosign = {m.owner for m in moves if m.owner}
    cosign |= {p.owner for p in gone if p.owner}
    cosign |= {by_id[g.host_id].owner for g in upgraded if by_id[g.host_id].owner}
    counts = {"new_integrated_pole": len(new), "host_upgrade": len(upgraded),
              "move_device": len(moves), "remove_pole": len(removed)}
    total = before["total"]
    return {
        "poles_before": before, "poles_after": after,
        "reduction_pct": round(100.0 * (total - after["total"]) / total, 1) if total else 0.0,
        "devices": len(devices), "devices_moved": len(moves),
        "devices_over_capacity": over,
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
