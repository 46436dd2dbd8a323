"""Box merge planning (多箱合一，分仓使用): equipment into shared cabinets.

Each compartment (the equipment of one owner in one box) moves to a host cabinet within
the rules' distance, never across a barrier, never between powered and passive cabinets;
a host gives one compartment per owner, up to ``owners_per_cabinet`` owners.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from .merge_assignment import ItemTable, SiteTable, assign, collector_paused
from .merge_candidates import Barriers, MergeInputError, check_points
from .merge_capacity import OwnerCapacity
from .merge_report import ComponentReport, component_reports, cost_estimate, count_by
from .merge_rules import MergeRules
from .progress import ensure


@dataclass
class Box:
    id: str
    x: float
    y: float
    subtype: str
    powered: bool               # 有源 (True) or 无源 (False)
    owner: str | None
    confirmed: bool


@dataclass
class Compartment:
    """Equipment in a box (a device), of one owner."""

    id: str
    type: str
    owner: str | None
    box_id: str


@dataclass
class CompartmentMove:
    compartment_id: str
    type: str
    owner: str | None
    from_box: str
    to_box: str
    distance_m: float
    compartment: int            # 1-based compartment number in the host, one per owner
    over_capacity: bool = False  # no cabinet had room for another owner: stays where it is

    @property
    def moved(self) -> bool:
        return self.from_box != self.to_box


@dataclass
class BoxGroup:
    host_id: str
    x: float
    y: float
    subtype: str
    powered: bool
    component: int
    removed: list[str]
    compartments: list[CompartmentMove]
    owners: list[str]
    rules: list[str]
    blocked: bool
    unconfirmed: list[str]


@dataclass
class BoxMergePlan:
    groups: list[BoxGroup]
    components: list[ComponentReport]
    stats: dict
    rules_source: str = ""

    def moves(self) -> list[CompartmentMove]:
        return [m for g in self.groups for m in g.compartments if m.moved]

    def to_dict(self) -> dict:
        return asdict(self)


def plan_boxes(boxes, compartments, barriers, rules: MergeRules, *, exact_limit: int = 40,
               exact_always: bool = False, progress=None) -> BoxMergePlan:
    """Plan which compartments move into which cabinets (see module doc)."""
    with collector_paused():
        return _plan_boxes(boxes, compartments, barriers, rules, exact_limit, exact_always, ensure(progress))


def _plan_boxes(boxes, compartments, barriers, rules, exact_limit, exact_always, progress) -> BoxMergePlan:
    boxes = sorted(boxes, key=lambda b: b.id)
    compartments = sorted(compartments, key=lambda c: c.id)
    try:
        xy = np.array([[float(b.x), float(b.y)] for b in boxes]).reshape(-1, 2)
    except (TypeError, ValueError):
        raise MergeInputError(what="boxes", detail="coordinates must be numbers") from None
    check_points([b.id for b in boxes], xy, "boxes")
    check_points([c.id for c in compartments], np.zeros((0, 2)), "compartments")
    for b in boxes:
        if not isinstance(b.powered, (bool, np.bool_)):
            raise MergeInputError(what=f"box {b.id}", detail="powered must be true or false (有源/无源)")
    index = {b.id: k for k, b in enumerate(boxes)}
    for c in compartments:
        if c.box_id not in index:
            raise MergeInputError(what=f"compartment {c.id}", detail=f"its box {c.box_id!r} is not in the input")
    br = rules.boxes
    # Powered and passive get different classes unless the rules allow combining them.
    klass = np.array([1 if (b.powered and not br.combine_powered_with_passive) else 0 for b in boxes], dtype=int)
    penalty = np.array([br.host_penalty_m.get(b.subtype, br.host_penalty_m.get("other", 0.0)) for b in boxes])
    site_of = np.array([index[c.box_id] for c in compartments], dtype=int)
    n = len(compartments)
    table = SiteTable(xy=xy, forced=np.zeros(len(boxes), dtype=bool), penalty=penalty, klass=klass)
    items = ItemTable(site=site_of, reach=np.full(n, br.max_move_m), across=np.full(n, br.max_move_m),
                      fixed=np.zeros(n, dtype=bool), keys=[c.owner for c in compartments])
    model = OwnerCapacity(br.owners_per_cabinet)
    result = assign(table, items, Barriers(barriers), model, snap_m=rules.road_snap_m, new_sites=False,
                    new_penalty=0.0, exact_limit=exact_limit, exact_always=exact_always, progress=progress)

    members: dict[int, list[int]] = {}
    for i, h in enumerate(result.host.tolist()):
        members.setdefault(h, []).append(i)
    by_site: dict[int, list[int]] = {}
    for i, s in enumerate(site_of.tolist()):
        by_site.setdefault(s, []).append(i)
    removed_to = {}
    for s, idxs in sorted(by_site.items()):
        if not result.open_sites[s]:
            counts: dict[int, int] = {}
            for i in idxs:
                counts[int(result.host[i])] = counts.get(int(result.host[i]), 0) + 1
            removed_to[s] = min(counts, key=lambda h: (-counts[h], h))
    removed_into: dict[int, list[str]] = {}
    for s, t in removed_to.items():
        removed_into.setdefault(t, []).append(boxes[s].id)
    groups = []
    for h in sorted(members):
        host = boxes[h]
        owners = sorted({"" if compartments[i].owner is None else compartments[i].owner for i in members[h]})
        number = {o: k + 1 for k, o in enumerate(owners)}
        moves = [CompartmentMove(c.id, c.type, c.owner, c.box_id, host.id, round(float(result.distance[i]), 3),
                                 number["" if c.owner is None else c.owner], bool(result.over_capacity[i]))
                 for i in sorted(members[h], key=lambda i: compartments[i].id) for c in [compartments[i]]]
        gone = sorted(removed_into.get(h, ()))
        involved = [host] + [boxes[index[m.from_box]] for m in moves if m.moved] + [boxes[index[g]] for g in gone]
        unconfirmed = sorted({b.id for b in involved if not b.confirmed})
        rules_used = {"boxes.combine_powered_with_passive"}
        if any(m.moved for m in moves):
            rules_used.add("boxes.max_move_m")
        if len(owners) >= br.owners_per_cabinet:
            rules_used.add("boxes.owners_per_cabinet")
        if any(result.barrier_pruned[i] for i in members[h]):
            rules_used.add("barrier")
        groups.append(BoxGroup(host.id, float(host.x), float(host.y), host.subtype, bool(host.powered),
                               int(result.component[h]), gone, moves,
                               sorted({o for o in owners if o} | {b.owner for b in involved if b.owner}),
                               sorted(rules_used), bool(unconfirmed), unconfirmed))
    comps = component_reports(result.reports)
    removed = [r for g in groups for r in g.removed]
    removed_set = set(removed)
    moved = [m for g in groups for m in g.compartments if m.moved]
    stats = {
        "boxes_before": {"by_subtype": count_by([b.subtype for b in boxes]),
                         "by_owner": count_by([b.owner or "" for b in boxes]), "total": len(boxes)},
        "boxes_after": {"by_subtype": count_by([b.subtype for b in boxes if b.id not in removed_set]),
                        "by_owner": count_by([b.owner or "" for b in boxes if b.id not in removed_set]),
                        "total": len(boxes) - len(removed)},
        "reduction_pct": round(100.0 * len(removed) / len(boxes), 1) if boxes else 0.0,
        "compartments_moved": len(moved),
        "owners_cosign": sorted({m.owner for m in moved if m.owner}
                                | {boxes[index[r]].owner for r in removed if boxes[index[r]].owner}),
        "blocked_groups": sum(g.blocked for g in groups),
        "lower_bound_hosts": sum(c.lower_bound for c in comps),
        "gap_hosts": sum(c.hosts - c.lower_bound for c in comps),
        "cost_cny": cost_estimate({"box_relocation": len(removed)}, rules.costs),
    }
    return BoxMergePlan(groups, comps, stats, rules.source)
