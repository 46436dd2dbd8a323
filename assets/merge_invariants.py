"""What every merge plan must satisfy, checked independently of how it was made.

Used by the tests on every plan and usable by the lead before applying a plan: each
device assigned once, every move within its rule's distance, no move across a barrier,
capacities held, anchors and never-merged poles respected. The barrier test here uses
plain shapely geometry, not the planner's segment index, so the two can disagree.
"""
from __future__ import annotations

import math
from collections import Counter

import numpy as np
import shapely

from .merge_assignment import collector_paused
from .merge_candidates import Barriers

TOL = 1e-6


def _barrier_union(barriers):
    lines = [shapely.LineString(np.asarray(getattr(b, "coords", b), dtype=float)) for b in barriers]
    return shapely.union_all(lines) if lines else None


def _crosses(union, a, b) -> bool:
    if union is None or (a[0] == b[0] and a[1] == b[1]):
        return False
    return bool(shapely.intersects(shapely.LineString([a, b]), union))


def check_plan_invariants(plan, inputs, rules) -> list[str]:
    """Problems with ``plan`` (empty list when it is sound).

    ``inputs`` is ``(poles, devices, barriers)`` for a pole plan or
    ``(boxes, compartments, barriers)`` for a box plan.
    """
    with collector_paused():
        if hasattr(plan, "kept"):
            return _check_poles(plan, *inputs, rules)
        return _check_boxes(plan, *inputs, rules)


def assert_plan_invariants(plan, inputs, rules) -> None:
    problems = check_plan_invariants(plan, inputs, rules)
    if problems:
        raise AssertionError("merge plan broken:\n" + "\n".join(problems[:20]))


def _moves_crossing(barriers, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """For each move a[i] -> b[i] (of non-zero length): does its shapely line intersect a
    barrier line? All moves at once through an STRtree of the barrier lines."""
    out = np.zeros(len(a), dtype=bool)
    lines = [shapely.LineString(np.asarray(getattr(x, "coords", x), dtype=float)) for x in barriers]
    moving = np.flatnonzero((a != b).any(axis=1)) if len(a) else np.zeros(0, dtype=int)
    if not lines or not len(moving):
        return out
    segs = shapely.linestrings(np.stack([a[moving], b[moving]], axis=1))
    hit, _ = shapely.STRtree(lines).query(segs, predicate="intersects")
    out[moving[hit]] = True
    return out


def _check_poles(plan, poles, devices, barriers, rules) -> list[str]:
    """Every move checked at once as arrays (at 100k poles a per-move loop with a shapely
    line each took longer than planning); the messages are the same as one by one."""
    out: list[str] = []
    pole = {p.id: p for p in poles}
    kept = {k.id for k in plan.kept}
    bars = Barriers(barriers)
    hosts = [g.host_id for g in plan.groups]
    if len(set(hosts)) != len(hosts):
        out.append("a host appears in two groups")
    new_hosts = {g.host_id: g for g in plan.groups if g.new}
    for h in new_hosts:
        if h in pole:
            out.append(f"new host id {h} collides with an existing pole")
    for h in hosts:
        if h in kept:
            out.append(f"never-merged pole {h} is a host")
    position = {p.id: (p.x, p.y) for p in poles}
    position.update({h: (g.x, g.y) for h, g in new_hosts.items()})

    moves = [(g_no, m) for g_no, g in enumerate(plan.groups) for m in g.devices]
    for g_no, m in moves:
        if m.to_pole != hosts[g_no]:
            out.append(f"{m.device_id} listed under {hosts[g_no]} but goes to {m.to_pole}")
    known = [m.from_pole in position and hosts[g] in position for g, m in moves]
    for (g, m), ok in zip(moves, known):
        if not ok:
            out.append(f"{m.device_id}: unknown pole")
    checked = [(g, m) for (g, m), ok in zip(moves, known) if ok]
    rule = {t: rules.device(t) for t in {m.type for _, m in checked}}
    a = np.array([position[m.from_pole] for _, m in checked], dtype=float).reshape(-1, 2)
    b = np.array([position[hosts[g]] for g, _ in checked], dtype=float).reshape(-1, 2)
    reported = np.array([m.distance_m for _, m in checked], dtype=float)
    reach = np.array([rule[m.type].max_move_m for _, m in checked], dtype=float)
    across_max = np.array([rule[m.type].max_across_m for _, m in checked], dtype=float)
    dist = np.hypot(*(b - a).T) if len(a) else np.zeros(0)
    wrong = np.abs(dist - reported) > 1e-3
    too_far = dist > reach + TOL
    limited = (across_max < reach) & (dist > 0)
    across_len = np.zeros(len(a))
    if limited.any():
        d = bars.direction(a[limited], rules.road_snap_m)
        v = b[limited] - a[limited]
        across_len[limited] = np.where(np.isnan(d).any(axis=1), 0.0, np.abs(v[:, 0] * d[:, 1] - v[:, 1] * d[:, 0]))
    too_wide = limited & (across_len > across_max + 1e-6)
    crossed = _moves_crossing(barriers, a, b)
    load: dict[tuple[int, str], int] = {}
    for k in np.flatnonzero(wrong | too_far | too_wide | crossed).tolist() or ():
        g, m = checked[k]
        if wrong[k]:
            out.append(f"{m.device_id}: reported {m.distance_m} m, really {dist[k]:.3f} m")
        if too_far[k]:
            out.append(f"{m.device_id} ({m.type}) moves {dist[k]:.1f} m > {rule[m.type].max_move_m} m")
        if too_wide[k]:
            out.append(f"{m.device_id} moves {across_len[k]:.1f} m across the road > {rule[m.type].max_across_m} m")
        if crossed[k]:
            out.append(f"{m.device_id} moves across a barrier ({m.from_pole} -> {hosts[g]})")
    for g, m in checked:
        r = rule[m.type]
        if r.defer and m.moved:
            out.append(f"deferred device {m.device_id} moved")
        if m.over_capacity:
            if m.moved:
                out.append(f"over-capacity device {m.device_id} moved")
            continue
        if m.band not in r.bands:
            out.append(f"{m.device_id} ({m.type}) in band {m.band}, allowed {r.bands}")
        load[(g, m.band)] = load.get((g, m.band), 0) + 1
    for (g, band), n in load.items():
        if n > rules.band_capacity.get(band, 0):
            out.append(f"host {hosts[g]}: band {band} holds {n} > {rules.band_capacity.get(band, 0)}")
    seen = Counter(m.device_id for _, m in moves)
    for d in devices:
        expected = 0 if d.pole_id in kept else 1
        if seen.get(d.id, 0) != expected:
            out.append(f"device {d.id} assigned {seen.get(d.id, 0)} times, expected {expected}")
    removed = [r for g in plan.groups for r in g.removed]
    if len(set(removed)) != len(removed):
        out.append("a pole is removed twice")
    host_set = set(hosts)
    for r in removed:
        if r in host_set or r in kept:
            out.append(f"removed pole {r} is also a host or never-merged")
    staying_on = {m.from_pole for _, m in moves if not m.moved}
    for r in removed:
        if r in staying_on:
            out.append(f"removed pole {r} still carries a device")
    with_devices = {d.pole_id for d in devices} - kept
    for p in sorted(with_devices - host_set - set(removed)):
        out.append(f"pole {p} is neither host nor removed")
    for d in devices:
        r = rules.device(d.type)
        if (r.anchor or r.defer) and d.pole_id not in kept and d.pole_id not in host_set:
            out.append(f"pole {d.pole_id} with {d.type} ({'anchor' if r.anchor else 'deferred'}) is not kept as host")
    unconfirmed = {p.id for p in poles if not p.confirmed}
    for g in plan.groups:
        involved = {g.host_id, *g.removed, *(m.from_pole for m in g.devices)}
        bad = sorted(involved & unconfirmed)
        if bool(bad) != g.blocked:
            out.append(f"group {g.host_id}: blocked={g.blocked} but unconfirmed poles {bad}")
    s = plan.stats
    if s["poles_after"]["total"] != len(poles) - len(removed) + len(new_hosts):
        out.append("poles_after total does not add up")
    return out


def _check_boxes(plan, boxes, compartments, barriers, rules) -> list[str]:
    out: list[str] = []
    box = {b.id: b for b in boxes}
    union = _barrier_union(barriers)
    br = rules.boxes
    seen: dict[str, int] = {}
    for g in plan.groups:
        owners: dict[str, int] = {}
        over_owners: set[str] = set()
        for m in g.compartments:
            seen[m.compartment_id] = seen.get(m.compartment_id, 0) + 1
            a, b = box[m.from_box], box[g.host_id]
            dist = math.hypot(b.x - a.x, b.y - a.y)
            if dist > br.max_move_m + TOL:
                out.append(f"{m.compartment_id} moves {dist:.1f} m > {br.max_move_m} m")
            if bool(a.powered) != bool(b.powered) and not br.combine_powered_with_passive:
                out.append(f"{m.compartment_id}: powered and passive combined in {g.host_id}")
            if _crosses(union, (a.x, a.y), (b.x, b.y)):
                out.append(f"{m.compartment_id} moves across a barrier")
            key = "" if m.owner is None else m.owner
            if m.over_capacity:
                if m.moved:
                    out.append(f"over-capacity compartment {m.compartment_id} moved")
                over_owners.add(key)
            if owners.setdefault(key, m.compartment) != m.compartment:
                out.append(f"host {g.host_id}: owner {key} in two compartments")
        if len(set(owners) - over_owners) > br.owners_per_cabinet:
            out.append(f"host {g.host_id}: {len(owners)} owners > {br.owners_per_cabinet}")
        if len(set(owners.values())) != len(owners):
            out.append(f"host {g.host_id}: two owners share a compartment")
    for c in compartments:
        if seen.get(c.id, 0) != 1:
            out.append(f"compartment {c.id} assigned {seen.get(c.id, 0)} times")
    hosts = {g.host_id for g in plan.groups}
    for g in plan.groups:
        for r in g.removed:
            if r in hosts:
                out.append(f"removed box {r} is also a host")
    return out
