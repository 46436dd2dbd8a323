"""Merge plans kept in the registry: plan the poles or boxes of an area, store the groups,
cut them into batches by road or area, edit them by hand within the rules, and count what
a plan or batch changes. Applying a batch to the assets is :mod:`assets.merge_apply`;
hand edits are :mod:`assets.merge_edits` (both re-exported here).

Examples
--------
>>> from assets.demo_town import build_demo
>>> reg = build_demo("/tmp/doc_plans.gpkg", "small", seed=3, overwrite=True)
>>> plan_id = create_plan(reg, "poles", "演示")
>>> get_plan(reg, plan_id)["kind"], plan_stats(reg, plan_id)["before"]["total"] > 0
('poles', True)
>>> reg.close()
"""
from __future__ import annotations

import tomllib
from collections import Counter
from functools import lru_cache

import resources

from .errors import XiuCityError
from .i18n import QT_TRANSLATE_NOOP
from .merge_assignment import collector_paused
from .merge_inputs import UnknownArea, box_inputs, pole_inputs, read_polygon, resolve_area, subdistrict_polygon
from .merge_invariants import check_plan_invariants
from .merge_plan_tables import BATCHES, GROUPS, PLANS, PlanRows, ensure_tables, next_id, select, write_rows
from .merge_planner import plan_boxes, plan_poles
from .merge_report import cost_estimate, count_by
from .merge_rules import load_rules
from .merge_spacing import group_spacing
from .progress import ensure
from .store import now_iso

KINDS = ("poles", "boxes")


class UnknownPlanKind(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "A merge plan is for poles or boxes, not {kind}.")


class PlanNotFound(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "No merge plan {ref} in this registry.")


class BatchNotFound(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "No merge batch {ref} in this registry.")


class PlanBroken(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "The planner made a plan that breaks its own rules ({n} problems, first: {first}); nothing was stored.")


class EmptyBatch(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "No free group of plan {plan} lies in {selector}; nothing was made.")


class BadSelector(XiuCityError):
    text = QT_TRANSLATE_NOOP("Errors", "Choose exactly one of road, subdistrict, polygon or codes for a batch.")


@lru_cache(maxsize=1)
def apply_settings() -> dict:
    """``resources/rules/merge_apply.toml``: what applying a batch writes."""
    with open(resources.path("rules", "merge_apply.toml"), "rb") as f:
        return tomllib.load(f)


# -- plans --------------------------------------------------------------------------------
def plan_rules(plan: dict):
    """The rules a stored plan was made with (the merged TOML is stored with the plan)."""
    return load_rules(overrides=plan["rules"])


def _pole_rows(plan_id, plan, data) -> tuple[list, list]:
    info = data.info
    code = {u: i["code"] for u, i in info.items()}   # planner id → identifier
    uid = {u: i["uuid"] for u, i in info.items()}    # planner id → registry uuid
    new_name = {g.host_id: f"NEW-{code.get(g.host_id[4:], g.host_id[4:])}" for g in plan.groups if g.new}
    rows = []
    for no, g in enumerate(plan.groups, start=1):
        host = new_name[g.host_id] if g.new else code[g.host_id]
        removed = [{"uuid": uid[r], "code": code[r], "subtype": info[r]["subtype"], "owner": info[r]["owner_code"],
                    "x": info[r]["x"], "y": info[r]["y"]} for r in g.removed]
        if g.new:  # a new pole stands on the road most of the poles it replaces stood on
            roads = Counter(info[r]["road"] for r in g.removed if info[r]["road"])
            road = roads.most_common(1)[0][0] if roads else None
        else:
            road = info[g.host_id]["road"]
        moves = [{"device": m.device_id, "type": m.type, "owner": m.owner, "from": uid[m.from_pole],
                  "from_code": code[m.from_pole], "from_x": info[m.from_pole]["x"], "from_y": info[m.from_pole]["y"],
                  "to": host, "distance_m": m.distance_m, "band": m.band,
                  "old_band": data.mounts[m.device_id]["band"], "over_capacity": m.over_capacity}
                 for m in g.devices]
        rows.append({"plan_id": plan_id, "group_no": no, "host_uuid": None if g.new else uid[g.host_id],
                     "host_code": host, "new": int(g.new), "x": g.x, "y": g.y,
                     "subtype": g.subtype, "host_owner": None if g.new else info[g.host_id]["owner_code"],
                     "powered": None, "road": road, "removed": removed, "moves": moves, "owners": g.owners,
                     "blocked": int(g.blocked), "unconfirmed": [code.get(u, u) for u in g.unconfirmed],
                     "component": g.component, "rules": g.rules, "reason": g.reason, "batch_id": None})
    kept = [(k.id, k.reason) for k in plan.kept] + [(p, "no_devices") for p in plan.empty_poles]
    kept = [{"uuid": uid[u], "code": code[u], "subtype": info[u]["subtype"], "owner": info[u]["owner_code"],
             "reason": reason, "x": info[u]["x"], "y": info[u]["y"], "road": info[u]["road"]} for u, reason in kept]
    return rows, kept


def _box_rows(plan_id, plan, data) -> tuple[list, list]:
    info = data.info
    rows = []
    for no, g in enumerate(plan.groups, start=1):
        removed = [{"uuid": r, "code": info[r]["code"], "subtype": info[r]["subtype"], "owner": info[r]["owner_code"],
                    "x": info[r]["x"], "y": info[r]["y"]} for r in g.removed]
        moves = [{"device": m.compartment_id, "type": m.type, "owner": m.owner, "from": m.from_box,
                  "from_code": info[m.from_box]["code"], "from_x": info[m.from_box]["x"],
                  "from_y": info[m.from_box]["y"], "from_powered": info[m.from_box]["powered"],
                  "to": info[g.host_id]["code"], "distance_m": m.distance_m, "compartment": m.compartment,
                  "old_compartment": data.mounts[m.compartment_id]["compartment"], "over_capacity": m.over_capacity}
                 for m in g.compartments]
        rows.append({"plan_id": plan_id, "group_no": no, "host_uuid": g.host_id, "host_code": info[g.host_id]["code"],
                     "new": 0, "x": g.x, "y": g.y, "subtype": g.subtype, "host_owner": info[g.host_id]["owner_code"],
                     "powered": int(g.powered), "road": info[g.host_id]["road"], "removed": removed, "moves": moves,
                     "owners": g.owners, "blocked": int(g.blocked),
                     "unconfirmed": [info[u]["code"] if u in info else u for u in g.unconfirmed],
                     "component": g.component, "rules": g.rules, "reason": "", "batch_id": None})
    return rows, []


def create_plan(reg, kind: str, name: str, rules=None, area=None, progress=None, *, overrides: dict | None = None,
                exact_limit: int = 40) -> str:
    """Plan the poles or boxes of ``area`` (everything when None), check the plan against
    the rules independently, and store it with its groups. Returns the plan id (MP001...).

    ``rules`` is a TOML path (default ``resources/rules/merge.toml``), ``overrides`` a
    nested dict over it; ``area`` see :func:`assets.merge_inputs.resolve_area`."""
    if kind not in KINDS:
        raise UnknownPlanKind(kind=kind)
    with collector_paused():  # reading, planning and checking 100k poles make many small objects
        return _create_plan(reg, kind, name, rules, area, ensure(progress), overrides, exact_limit)


def _create_plan(reg, kind, name, rules, area, progress, overrides, exact_limit) -> str:
    merged = load_rules(rules, overrides)
    area = resolve_area(reg, area)
    if kind == "poles":
        data = pole_inputs(reg, area)
        plan = plan_poles(data.poles, data.devices, data.barriers, merged, exact_limit=exact_limit, progress=progress)
        problems = check_plan_invariants(plan, (data.poles, data.devices, data.barriers), merged)
    else:
        data = box_inputs(reg, area)
        plan = plan_boxes(data.boxes, data.compartments, data.barriers, merged, exact_limit=exact_limit,
                          progress=progress)
        problems = check_plan_invariants(plan, (data.boxes, data.compartments, data.barriers), merged)
    if problems:
        raise PlanBroken(n=len(problems), first=problems[0])
    ensure_tables(reg)
    plan_id = next_id(reg.conn, PLANS, "plan_id", "MP")
    rows, kept = (_pole_rows if kind == "poles" else _box_rows)(plan_id, plan, data)
    stats = dict(plan.stats)
    stats["components_detail"] = [c.__dict__ for c in plan.components]
    row = {"plan_id": plan_id, "name": str(name or plan_id), "kind": kind, "created": now_iso(), "created_by": reg.who,
           "rules_source": merged.source, "rules_overrides": overrides or {}, "rules": merged.raw,
           "area": area.to_dict() if area else None, "stats": stats, "kept": kept, "state": "planned"}
    write_rows(reg, PlanRows(PLANS, put=[row], action="merge_plan", ref=plan_id,
                             summary={"plan": plan_id, "kind": kind, "groups": len(rows)}),
               PlanRows(GROUPS, put=rows, action="merge_plan_groups", ref=plan_id,
                        summary={"plan": plan_id, "groups": len(rows)}))
    return plan_id


def get_plan(reg, plan_id: str) -> dict:
    rows = select(reg.conn, PLANS, "plan_id = ?", (str(plan_id).strip(),))
    if not rows:
        raise PlanNotFound(ref=plan_id)
    return rows[0]


def list_plans(reg) -> list[dict]:
    return [{k: p[k] for k in ("plan_id", "name", "kind", "created", "state")} for p in select(reg.conn, PLANS)]


def plan_groups(reg, plan_id: str) -> list[dict]:
    get_plan(reg, plan_id)
    return select(reg.conn, GROUPS, "plan_id = ?", (plan_id,), order="group_no")


# -- batches ------------------------------------------------------------------------------
def get_batch(reg, batch_id: str) -> dict:
    rows = select(reg.conn, BATCHES, "batch_id = ?", (str(batch_id).strip(),))
    if not rows:
        raise BatchNotFound(ref=batch_id)
    return rows[0]


def list_batches(reg, plan_id: str | None = None) -> list[dict]:
    where, params = ("plan_id = ?", (plan_id,)) if plan_id else ("1", ())
    return [{k: b[k] for k in ("batch_id", "plan_id", "name", "phase", "selector", "state", "applied_at")}
            for b in select(reg.conn, BATCHES, where, params, order="phase, id")]


def batch_groups(reg, batch_id: str) -> list[dict]:
    get_batch(reg, batch_id)
    return select(reg.conn, GROUPS, "batch_id = ?", (batch_id,), order="group_no")


def _selector_mask(reg, groups, road, subdistrict, polygon, codes) -> tuple[list[bool], dict]:
    import numpy as np
    import shapely
    given = [v for v in (road, subdistrict, polygon, codes) if v not in (None, "", [], ())]
    if len(given) != 1:
        raise BadSelector()
    x = np.array([g["x"] for g in groups], dtype=float)
    y = np.array([g["y"] for g in groups], dtype=float)
    if road:
        return [g["road"] == road for g in groups], {"road": road}
    if codes:
        wanted = {str(c).strip() for c in codes}
        return ([g["host_code"] in wanted or any(r["code"] in wanted for r in g["removed"]) for g in groups],
                {"codes": sorted(wanted)})
    if subdistrict:
        shape = subdistrict_polygon(reg, subdistrict)
        if shape is None:
            shape = resolve_area(reg, str(subdistrict)).polygon  # a polygon given instead; junk raises
        if shape is None:
            raise UnknownArea(area=str(subdistrict)[:80])
        return shapely.contains_xy(shape, x, y).tolist(), {"subdistrict": str(subdistrict)}
    shape = polygon if hasattr(polygon, "geom_type") else read_polygon(str(polygon))
    if shape is None:
        resolve_area(reg, str(polygon))  # raises UnknownArea
    return shapely.contains_xy(shape, x, y).tolist(), {"polygon": shapely.to_wkt(shape, rounding_precision=3)}


def create_batch(reg, plan_id: str, name: str, road=None, subdistrict=None, polygon=None, codes=None,
                 phase: int | None = None) -> str:
    """A batch of the plan's groups whose host lies on ``road`` (the road recorded for the
    host pole), in ``subdistrict`` (code or name), inside ``polygon`` (shapely, WKT, GeoJSON
    or a file), or that involve one of ``codes``. Groups already in a batch are left out.
    Returns the batch id (MB001...)."""
    plan = get_plan(reg, plan_id)
    groups = plan_groups(reg, plan_id)
    mask, selector = _selector_mask(reg, groups, road, subdistrict, polygon, codes)
    chosen = [g for g, m in zip(groups, mask) if m and not g["batch_id"]]
    if not chosen:
        label = next(iter(selector.values()))
        raise EmptyBatch(plan=plan_id, selector=str(label)[:60])
    batch_id = next_id(reg.conn, BATCHES, "batch_id", "MB")
    if phase is None:
        phase = len(select(reg.conn, BATCHES, "plan_id = ?", (plan_id,))) + 1
    row = {"batch_id": batch_id, "plan_id": plan["plan_id"], "name": str(name or batch_id), "phase": int(phase),
           "selector": selector, "state": "planned", "created": now_iso()}
    for g in chosen:
        g["batch_id"] = batch_id
    write_rows(reg, PlanRows(BATCHES, put=[row], action="merge_batch", ref=batch_id,
                             summary={"plan": plan_id, "batch": batch_id, "groups": len(chosen)}),
               PlanRows(GROUPS, put=chosen, action="merge_batch_groups", ref=batch_id,
                        summary={"batch": batch_id, "groups": [g["group_no"] for g in chosen]}))
    return batch_id


# -- statistics ---------------------------------------------------------------------------
def changes_anything(group: dict) -> bool:
    """Does applying this group change the registry (a device moves or a pole goes)?"""
    return bool(group["new"] or group["removed"] or any(moved(m) for m in group["moves"]))


def moved(move: dict) -> bool:
    return move["from_code"] != move["to"]


def summarise(groups: list[dict], kind: str, rules, unchanged=()) -> dict:
    """Before/after counts by subtype and owner, reduction %, moves, co-signing owners,
    cost estimate, for a list of stored groups (``unchanged``: poles left as they are)."""
    settings = apply_settings()[kind]
    integrated = settings["integrated_subtype"]
    before, after = [], []
    for u in unchanged:
        before.append((u["subtype"], u["owner"] or ""))
        after.append((u["subtype"], u["owner"] or ""))
    upgraded = 0
    for g in groups:
        changes = changes_anything(g)
        if not g["new"]:
            before.append((g["subtype"], g["host_owner"] or ""))
        before += [(r["subtype"], r["owner"] or "") for r in g["removed"]]
        if g["new"]:
            after.append((integrated, ""))
        elif changes:
            upgraded += 1
            after.append((integrated, g["host_owner"] or ""))
        else:
            after.append((g["subtype"], g["host_owner"] or ""))
    moves = [m for g in groups for m in g["moves"] if moved(m)]
    removed = [r for g in groups for r in g["removed"]]
    new = sum(bool(g["new"]) for g in groups)
    cosign = {m["owner"] for m in moves if m["owner"]} | {r["owner"] for r in removed if r["owner"]}
    cosign |= {g["host_owner"] for g in groups if not g["new"] and changes_anything(g) and g["host_owner"]}
    if kind == "poles":
        counts = {"new_integrated_pole": new, "host_upgrade": upgraded, "move_device": len(moves),
                  "remove_pole": len(removed)}
    else:
        counts = {"box_relocation": len(removed)}
    n_before, n_after = len(before), len(after)
    return {
        "kind": kind,
        "before": {"by_subtype": count_by([s for s, _ in before]), "by_owner": count_by([o for _, o in before]),
                   "total": n_before},
        "after": {"by_subtype": count_by([s for s, _ in after]), "by_owner": count_by([o for _, o in after]),
                  "total": n_after},
        "reduction_pct": round(100.0 * (n_before - n_after) / n_before, 1) if n_before else 0.0,
        "groups": len(groups), "groups_changing": sum(changes_anything(g) for g in groups),
        "removed": len(removed), "new": new, "upgraded": upgraded,
        "devices_moved": len(moves), "moves_by_owner": count_by([m["owner"] or "" for m in moves]),
        "owners_cosign": sorted(cosign),
        "blocked_groups": sum(bool(g["blocked"]) and changes_anything(g) for g in groups),
        "cost_cny": cost_estimate(counts, rules.costs),
    }


def plan_stats(reg, plan_id: str) -> dict:
    """:func:`summarise` over all groups of the plan (never-merged and empty poles count
    as unchanged), plus the planner's proof figures (components optimal, gap)."""
    plan = get_plan(reg, plan_id)
    stats = summarise(plan_groups(reg, plan_id), plan["kind"], plan_rules(plan), plan["kept"] or ())
    planner = plan["stats"] or {}
    comps = planner.get("components_detail", [])
    stats.update(plan_id=plan_id, name=plan["name"],
                 components=len(comps), components_optimal=sum(bool(c["optimal"]) for c in comps),
                 lower_bound_hosts=planner.get("lower_bound_hosts"), gap_hosts=planner.get("gap_hosts"),
                 batches=len(list_batches(reg, plan_id)))
    if plan["kind"] == "poles":
        stats["spacing"] = planner.get("spacing")
    return stats


def batch_stats(reg, batch_id: str) -> dict:
    """:func:`summarise` over the groups of one batch."""
    batch = get_batch(reg, batch_id)
    plan = get_plan(reg, batch["plan_id"])
    groups, rules = batch_groups(reg, batch_id), plan_rules(plan)
    stats = summarise(groups, plan["kind"], rules)
    stats.update(batch_id=batch_id, plan_id=plan["plan_id"], name=batch["name"], state=batch["state"],
                 selector=batch["selector"])
    if plan["kind"] == "poles":
        stats["spacing"] = group_spacing(reg, groups, rules)
    return stats


def _selector_shape(reg, selector: dict):
    import shapely
    if "polygon" in selector:
        return shapely.from_wkt(selector["polygon"])
    if "subdistrict" in selector:
        return subdistrict_polygon(reg, selector["subdistrict"])
    return None


def batch_kept(reg, batch_id: str) -> list[dict]:
    """Poles of the plan left as they are (never merged, no devices) within the batch's
    road or area: the report says which stay and why."""
    import shapely
    batch = get_batch(reg, batch_id)
    kept = [k for k in get_plan(reg, batch["plan_id"])["kept"] or [] if "x" in k]
    selector = batch["selector"] or {}
    if "road" in selector:
        return [k for k in kept if k["road"] == selector["road"]]
    if "codes" in selector:
        return [k for k in kept if k["code"] in set(selector["codes"])]
    shape = _selector_shape(reg, selector)
    return [k for k in kept if shape is not None and shapely.contains_xy(shape, k["x"], k["y"])]


def batch_segments(reg, batch_id: str) -> list[tuple[str, float]]:
    """(road name, length in metres) of the road centre lines a batch covers: the whole road
    for a road batch, the parts inside the area otherwise (roads of its hosts for codes)."""
    batch = get_batch(reg, batch_id)
    selector = batch["selector"] or {}
    shape = _selector_shape(reg, selector)
    names = ({selector["road"]} if "road" in selector else
             {g["road"] for g in batch_groups(reg, batch_id) if g["road"]} if "codes" in selector else None)
    lengths: dict[str, float] = {}
    for geom, attrs in reg.reference("roads"):
        name = attrs.get("name") or ""
        if geom is None or (names is not None and name not in names):
            continue
        length = geom.length if shape is None else geom.intersection(shape).length
        if length > 0:
            lengths[name] = lengths.get(name, 0.0) + round(length, 1)
    return sorted(lengths.items())


from .merge_apply import apply_batch, mark_batch_executed, revert_batch  # noqa: E402  (need the readers above)
from .merge_edits import join_groups, move_device, set_batch_phase, split_group  # noqa: E402

__all__ = ["apply_batch", "batch_groups", "batch_stats", "create_batch", "create_plan", "get_batch",
           "get_plan", "group_spacing", "join_groups", "list_batches", "list_plans", "mark_batch_executed",
           "move_device", "plan_groups", "plan_stats", "revert_batch", "set_batch_phase", "split_group",
           "summarise"]
