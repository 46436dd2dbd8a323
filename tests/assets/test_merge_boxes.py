"""Box merge planning: cabinets with one compartment per owner."""
import numpy as np
import pytest

from assets.merge_candidates import MergeInputError
from assets.merge_invariants import assert_plan_invariants
from assets.merge_planner import Barrier, Box, Compartment, plan_boxes
from assets.merge_rules import load_rules

RULES = load_rules()


def make(specs, barriers=()):
    boxes, comps = [], []
    for bid, x, y, subtype, powered, owners in specs:
        boxes.append(Box(bid, x, y, subtype, powered, owners[0] if owners else None, True))
        for n, owner in enumerate(owners):
            comps.append(Compartment(f"{bid}-{n}", "telecom_equipment", owner, bid))
    return boxes, comps, [Barrier(np.array(b, dtype=float)) for b in barriers]


def plan(specs, barriers=(), rules=RULES, **kw):
    boxes, comps, bars = make(specs, barriers)
    result = plan_boxes(boxes, comps, bars, rules, **kw)
    assert_plan_invariants(result, (boxes, comps, bars), rules)
    return result


def test_powered_and_passive_side_by_side_are_not_combined():
    result = plan([("B1", 0, 0, "0116", True, ["县供电公司"]), ("B2", 2, 0, "0115", False, ["县联通公司"])])
    assert sorted(g.host_id for g in result.groups) == ["B1", "B2"]
    assert result.stats["boxes_after"]["total"] == 2
    assert all("boxes.combine_powered_with_passive" in g.rules for g in result.groups)


def test_nearby_powered_boxes_share_a_cabinet_with_a_compartment_per_owner():
    specs = [("B1", 0, 0, "0713", True, ["县供电公司"]), ("B2", 5, 0, "0712", True, ["县公安局"]),
             ("B3", 0, 6, "0711", True, ["县城乡建设事务服务中心", "县城乡建设事务服务中心"])]
    result = plan(specs)
    # B3 holds two compartments already: hosting there moves least (14.8 m against 17 m).
    assert [g.host_id for g in result.groups] == ["B3"]
    g = result.groups[0]
    assert g.removed == ["B1", "B2"]
    numbers = {m.owner: m.compartment for m in g.compartments}
    assert numbers == {"县供电公司": 1, "县公安局": 2, "县城乡建设事务服务中心": 3}  # owners in code-point order
    assert result.stats["cost_cny"]["low"] == 2 * 60000 and result.stats["cost_cny"]["high"] == 2 * 86000
    # A stronger preference for existing integrated cabinets (0713) wins over movement.
    prefer = load_rules(overrides={"boxes": {"host_penalty_m": {"other": 20.0}}})
    assert [g.host_id for g in plan(specs, rules=prefer).groups] == ["B1"]


def test_owner_limit_forces_a_second_cabinet():
    specs = [(f"B{k}", 2.0 * k, 0, "0116", True, [f"owner{k}"]) for k in range(5)]
    result = plan(specs)
    assert len(result.groups) == 2 and result.components[0].lower_bound == 2
    assert result.components[0].optimal


def test_boxes_do_not_move_across_a_road_or_too_far():
    result = plan([("B1", 0, 5, "0116", True, ["a"]), ("B2", 0, -5, "0116", True, ["b"]),
                   ("B3", 100, 5, "0116", True, ["c"])], barriers=[[(-50, 0), (50, 0)]])
    assert sorted(g.host_id for g in result.groups) == ["B1", "B2", "B3"]


def test_box_input_errors_are_clear():
    boxes, comps, _ = make([("B1", 0, 0, "0116", True, ["a"])])
    boxes[0].powered = None
    with pytest.raises(MergeInputError) as info:
        plan_boxes(boxes, comps, [], RULES)
    assert "powered" in info.value.message("en")
    boxes, comps, _ = make([("B1", 0, 0, "0116", True, ["a"])])
    comps.append(Compartment("X", "other", "a", "B9"))
    with pytest.raises(MergeInputError):
        plan_boxes(boxes, comps, [], RULES)


def test_a_box_already_over_the_owner_limit_stays_and_is_flagged():
    owners = [f"owner{k}" for k in range(6)]
    result = plan([("B1", 0, 0, "0116", True, owners), ("B2", 500, 0, "0116", True, ["a"])])
    g = next(g for g in result.groups if g.host_id == "B1")
    assert sum(m.over_capacity for m in g.compartments) == 2
    assert not any(m.moved for m in g.compartments)
