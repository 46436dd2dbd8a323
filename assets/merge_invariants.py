"""What every merge plan must satisfy, checked independently of how it was made.

Used by the tests on every plan and usable by the lead before applying a plan: each
device assigned once, every move within its rule's distance, no move across a barrier,
capacities held, anchors and never-merged poles respected. The barrier test here uses
plain shapely geometry, not the planner's segment index, so the two can disagree.
"""
from __future__ import annotations

import math

import numpy as np
import shapely

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
    if hasattr(plan, "kept"):
        return _check_poles(plan, *inputs, rules)
    return _check_boxes(plan, *inputs, rules)


def assert_plan_invariants(plan, inputs, rules) -> None:
    problems = check_plan_invariants(plan, inputs, rules)
    if problems:
        raise AssertionError("merge plan broken:\n" + "\n".join(problems[:20]))


def _check_poles(plan, poles, devices, barriers, rules) -> list[str]:
    out: list[str] = []
    pole = {p.id: p for p in poles}
    kept = {k.id for k in plan.kept}
    union = _barrier_union(barriers)
    bars = Barriers(barriers)
    hosts = [g.host_id for g in plan.groups]
    if len(set(hosts)) != len(hosts):
        out.append("a host appears in two groups")
    new_hosts = {g.host_id: g for g in plan.groups if g.new}
    for h in new_hosts:
        if h in pole:
            out.append(f"new host id {h} collides with an existing pole")
    position = {p.id: (p.x, p.y) for p in poles}
    position.update({h: (g.x, g.y) for h, g in new_hosts.items()})
    seen: dict[str, int] = {}
    for g in plan.groups:
        if g.host_id in kept:
            out.append(f"never-merged pole {g.host_id} is a host")
        load: dict[str, int] = {}
        for m in g.devices:
            seen[m.device_id] = seen.get(m.device_id, 0) + 1
            if m.to_pole != g.host_id:
                out.append(f"{m.device_id} listed under {g.host_id} but goes to {m.to_pole}")
            r = rules.device(m.type)
            a, b = position.get(m.from_pole), position.get(g.host_id)
            if a is None or b is None:
                out.append(f"{m.device_id}: unknown pole")
                continue
            dist = math.hypot(b[0] - a[0], b[1] - a[1])
            if abs(dist - m.distance_m) > 1e-3:
                out.append(f"{m.device_id}: reported {m.distance_m} m, really {dist:.3f} m")
            if dist > r.max_move_m + TOL:
                out.append(f"{m.device_id} ({m.type}) moves {dist:.1f} m > {r.max_move_m} m")
            if r.max_across_m < r.max_move_m and dist > 0:
                d = bars.direction(np.array([a], dtype=float), rules.road_snap_m)[0]
                if not np.isnan(d).any():
                    acr = abs((b[0] - a[0]) * d[1] - (b[1] - a[1]) * d[0])
                    if acr > r.max_across_m + 1e-6:
                        out.append(f"{m.device_id} moves {acr:.1f} m across the road > {r.max_across_m} m")
            if _crosses(union, a, b):
                out.append(f"{m.device_id} moves across a barrier ({m.from_pole} -> {g.host_id})")
            if r.defer and m.moved:
                out.append(f"deferred device {m.device_id} moved")
            if m.over_capacity:
                if m.moved:
                    out.append(f"over-capacity device {m.device_id} moved")
                continue
            if m.band not in r.bands:
                out.append(f"{m.device_id} ({m.type}) in band {m.band}, allowed {r.bands}")
            load[m.band] = load.get(m.band, 0) + 1
        for band, n in load.items():
            if n > rules.band_capacity.get(band, 0):
                out.append(f"host {g.host_id}: band {band} holds {n} > {rules.band_capacity.get(band, 0)}")
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
    staying_on = {}
    for g in plan.groups:
        for m in g.devices:
            if not m.moved:
                staying_on[m.from_pole] = True
    for r in removed:
        if staying_on.get(r):
            out.append(f"removed pole {r} still carries a device")
    with_devices = {d.pole_id for d in devices} - kept
    for p in sorted(with_devices - host_set - set(removed)):
        out.append(f"pole {p} is neither host nor removed")
    for d in devices:
        r = rules.device(d.type)
        if (r.anchor or r.defer) and d.pole_id not in kept and d.pole_id not in host_set:
            out.append(f"pole {d.pole_id} with {d.type} ({'anchor' if r.anchor else 'deferred'}) is not kept as host")
    for g in plan.groups:
        involved = [g.host_id] + g.removed + [m.from_pole for m in g.devices]
        bad = sorted({p for p in involved if p in pole and not pole[p].confirmed})
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
