"""Target spacing of integrated poles by road class (merge.toml [spacing_m]) on
hand-built streets whose answer is known."""
import numpy as np

from assets.merge_candidates import Barriers
from assets.merge_invariants import assert_plan_invariants
from assets.merge_planner import Barrier, Device, Pole, plan_poles
from assets.merge_rules import load_rules
from assets.merge_spacing import spacing_critical, spacing_report

RULES = load_rules()


def _street(road_class="main"):
    """A main road along y = 0 (target 35 m). North side: street lights at x = 0 and 62,
    a camera pole at 36 and a sign pole at 30, 6 m apart: one of the two must go (three
    hosts either way, equal movement). Keeping the camera pole (S1, the lower id) leaves
    a 36 m gap; keeping the sign pole (S2) leaves 30 m and 32 m."""
    poles = [Pole("L0", 0.0, 7.0, "0118", "ordinary", 8.0, "胜利街", True),
             Pole("S1", 36.0, 7.0, "0209", "ordinary", 4.0, "胜利街", True),
             Pole("S2", 30.0, 7.0, "0209", "ordinary", 4.0, "胜利街", True),
             Pole("L1", 62.0, 7.0, "0118", "ordinary", 8.0, "胜利街", True)]
    devices = [Device("D0", "street_light", "路灯所", "L0"), Device("D1", "camera", "公安", "S1"),
               Device("D2", "traffic_sign", "交警", "S2"), Device("D3", "street_light", "路灯所", "L1")]
    barriers = [Barrier(np.array([[-50.0, 0.0], [200.0, 0.0]]), road_class=road_class, name="胜利街")]
    return poles, devices, barriers


def _plan(rules=RULES, road_class="main"):
    poles, devices, barriers = _street(road_class)
    plan = plan_poles(poles, devices, barriers, rules)
    assert_plan_invariants(plan, (poles, devices, barriers), rules)
    return plan


def test_host_that_keeps_the_target_spacing_is_preferred():
    plan = _plan()
    assert sorted(g.host_id for g in plan.groups) == ["L0", "L1", "S2"]
    assert plan.stats["hosts"] == plan.stats["lower_bound_hosts"] == 3
    spacing = plan.stats["spacing"]
    assert spacing["met"] and spacing["roads"] == spacing["roads_met"] == 1
    assert spacing["by_road"] == [{"road": "胜利街", "road_class": "main", "target_m": 35.0, "poles": 3,
                                   "max_gap_m": 32.0, "gaps_over_target": 0, "met": True}]


def test_without_the_spacing_preference_the_tie_goes_to_the_lower_id_and_the_gap_is_reported():
    rules = load_rules(overrides={"poles": {"host_penalty_m": {"spacing": 3.0}}})
    plan = _plan(rules)
    assert sorted(g.host_id for g in plan.groups) == ["L0", "L1", "S1"]
    spacing = plan.stats["spacing"]
    assert not spacing["met"] and spacing["gaps_over_target"] == 1
    assert spacing["by_road"][0]["max_gap_m"] == 36.0


def test_a_tighter_class_target_changes_the_verdict():
    # branch roads: 30 m; the same street keeps S2 (gaps 30 and 32) and still misses it
    plan = _plan(road_class="branch")
    spacing = plan.stats["spacing"]
    assert spacing["by_road"][0]["target_m"] == 30.0
    assert not spacing["met"] and spacing["gaps_over_target"] == 1


def test_roads_without_a_class_are_not_judged():
    plan = _plan(road_class=None)
    assert plan.stats["spacing"] == {"roads": 0, "roads_met": 0, "gaps": 0, "gaps_over_target": 0,
                                     "met": True, "by_road": []}


def test_sides_of_the_road_are_judged_apart_and_critical_poles_found():
    bars = Barriers([Barrier(np.array([[0.0, 0.0], [100.0, 0.0], [100.0, 100.0]]), road_class="main",
                             name="东街")])
    # left side at 0, 25, 60 (gaps 25, 35: met) and, past the bend on the same side,
    # at chainage 100 + 20 (gap 60: over); right side at 10, 50 (gap 40: over)
    xy = np.array([[0, 6], [25, 6], [60, 6], [10, -6], [50, -6], [94, 20]], dtype=float)
    report = spacing_report(bars, xy, RULES)
    assert report["gaps"] == 4 and report["gaps_over_target"] == 2
    assert report["by_road"][0]["max_gap_m"] == 60.0 and report["by_road"][0]["poles"] == 6
    # removing the pole at 25 leaves 0 -> 60, the one at 60 leaves 25 -> 120: both over
    # 35 m; the others end a side
    assert spacing_critical(bars, xy, RULES).tolist() == [False, True, True, False, False, False]
