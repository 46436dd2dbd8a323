"""Pole merge planning on hand-built streets whose best plan is known."""
import numpy as np
import pytest

from assets.errors import Cancelled
from assets.merge_candidates import MergeInputError
from assets.merge_invariants import assert_plan_invariants, check_plan_invariants
from assets.merge_planner import Barrier, Device, Pole, plan_poles
from assets.merge_rules import load_rules
from assets.progress import RecordingProgress

RULES = load_rules()


class Street:
    """Collects poles and devices: ``street.pole("L1", x, y, "0118", "street_light")``."""

    def __init__(self):
        self.poles, self.devices, self.barriers = [], [], []

    def pole(self, pid, x, y, subtype, *types, structure="ordinary", height=8.0, confirmed=True, owner=None):
        self.poles.append(Pole(pid, x, y, subtype, structure, height, "胜利街", confirmed, owner))
        for n, t in enumerate(types):
            self.devices.append(Device(f"{pid}-{n}", t, f"owner-{t}", pid))
        return self

    def road(self, *coords):
        self.barriers.append(Barrier(np.array(coords, dtype=float)))
        return self

    def plan(self, rules=RULES, **kw):
        plan = plan_poles(self.poles, self.devices, self.barriers, rules, **kw)
        assert_plan_invariants(plan, (self.poles, self.devices, self.barriers), rules)
        return plan


def hosts(plan):
    return sorted(g.host_id for g in plan.groups)


def cluster(street, name, x, y):
    """A street-light pole with a sign pole, a camera pole and a second sign pole near it."""
    street.pole(f"{name}L", x, y, "0118", "street_light")
    street.pole(f"{name}S", x + 4, y, "0209", "traffic_sign")
    street.pole(f"{name}C", x, y + 3, "0136", "camera")
    street.pole(f"{name}T", x - 5, y + 1, "0209", "traffic_sign")


def test_clear_clusters_each_become_one_street_light_pole():
    street = Street()
    for k in range(3):
        cluster(street, f"K{k}", 300.0 * k, 0.0)
    plan = street.plan()
    assert hosts(plan) == ["K0L", "K1L", "K2L"]
    assert all(c.optimal and c.lower_bound == c.hosts == 1 for c in plan.components)
    assert plan.stats["poles_before"]["total"] == 12 and plan.stats["poles_after"]["total"] == 3
    assert plan.stats["reduction_pct"] == 75.0
    g = plan.groups[0]
    assert g.removed == ["K0C", "K0S", "K0T"]
    moved = {m.device_id: (m.distance_m, m.band) for m in g.devices if m.moved}
    assert moved == {"K0S-0": (4.0, "middle"), "K0C-0": (3.0, "top"), "K0T-0": (pytest.approx(5.099, abs=1e-3), "middle")}


def test_cluster_split_by_a_road_gives_one_group_per_side():
    # Cameras reach 15 m in any direction: only the road keeps the two corners apart.
    street = Street().road((-100, 0), (100, 0))
    street.pole("N1", 0, 6, "0118", "street_light").pole("N2", 4, 6, "0136", "camera")
    street.pole("S1", 0, -6, "0118", "street_light").pole("S2", 3, -6, "0136", "camera")
    plan = street.plan()
    assert hosts(plan) == ["N1", "S1"]
    sides = {g.host_id: sorted(m.from_pole for m in g.devices) for g in plan.groups}
    assert sides == {"N1": ["N1", "N2"], "S1": ["S1", "S2"]}
    assert all("barrier" in g.rules for g in plan.groups)
    assert all(c.optimal for c in plan.components)


def test_without_the_road_the_same_poles_merge_into_one():
    street = Street()
    street.pole("N1", 0, 6, "0118", "street_light").pole("N2", 4, 6, "0136", "camera")
    street.pole("S1", 0, -6, "0118", "street_light").pole("S2", 3, -6, "0136", "camera")
    street.devices = [d for d in street.devices if d.type == "camera"]  # lights reach only 8 m
    assert len(street.plan().groups) == 1


def test_anchor_pole_is_the_host_and_the_signal_does_not_move():
    street = Street()
    street.pole("A1", 0, 0, "0210", "vehicle_signal")
    street.pole("L1", 3, 0, "0118", "street_light")
    street.pole("S1", -6, 2, "0209", "traffic_sign")
    plan = street.plan()
    assert hosts(plan) == ["A1"]
    g = plan.groups[0]
    assert g.reason == "anchor" and "devices.vehicle_signal.anchor" in g.rules
    signal = next(m for m in g.devices if m.type == "vehicle_signal")
    assert not signal.moved and signal.band == "upper"
    assert g.removed == ["L1", "S1"]


def test_two_anchors_both_stay_even_when_close():
    street = Street()
    street.pole("A1", 0, 0, "0210", "vehicle_signal")
    street.pole("A2", 5, 0, "0210", "ped_signal")
    plan = street.plan()
    assert hosts(plan) == ["A1", "A2"]
    assert plan.stats["devices_moved"] == 0


def test_full_band_forces_a_second_host():
    # Three road-name plates at one corner; the lower band holds two.
    street = Street()
    street.pole("R1", 0, 0, "0213", "road_name_plate")
    street.pole("R2", 2, 0, "0213", "road_name_plate")
    street.pole("R3", 0, 2, "0213", "road_name_plate")
    plan = street.plan()
    assert len(plan.groups) == 2
    assert plan.components[0].lower_bound == 2 and plan.components[0].optimal
    full = [g for g in plan.groups if len(g.devices) == 2]
    assert len(full) == 1 and "bands.capacity.lower" in full[0].rules


def test_larger_band_capacity_lets_one_host_take_all():
    rules = load_rules(overrides={"bands": {"capacity": {"lower": 3}}})
    street = Street()
    street.pole("R1", 0, 0, "0213", "road_name_plate")
    street.pole("R2", 2, 0, "0213", "road_name_plate")
    street.pole("R3", 0, 2, "0213", "road_name_plate")
    assert len(street.plan(rules).groups) == 1


def test_never_merged_mast_keeps_its_devices_and_hosts_nobody():
    street = Street()
    street.pole("M1", 0, 0, "0118", "camera", "street_light", structure="mast", height=20.0)
    street.pole("H1", 1, 1, "0117", "other", height=18.0)        # over 15 m: never merged
    street.pole("W1", 2, 0, "0117", "other", structure="overhead_line")
    street.pole("L1", 5, 0, "0118", "street_light")
    street.pole("S1", 8, 0, "0209", "traffic_sign")
    plan = street.plan()
    assert sorted((k.id, k.reason) for k in plan.kept) == [
        ("H1", "never_merge_height"), ("M1", "never_merge_structure"), ("W1", "never_merge_structure")]
    assert hosts(plan) == ["L1"]
    carried = {m.device_id for g in plan.groups for m in g.devices}
    assert carried == {"L1-0", "S1-0"}
    assert plan.stats["poles_after"]["total"] == 4


def test_deferred_micro_cell_stays_on_its_pole():
    rules = load_rules(overrides={"devices": {"micro_cell": {"defer": True}}})
    street = Street()
    street.pole("C1", 0, 0, "0703", "micro_cell")
    street.pole("L1", 3, 0, "0118", "street_light")
    plan = street.plan(rules)
    cell = next(m for g in plan.groups for m in g.devices if m.type == "micro_cell")
    assert not cell.moved
    assert any(g.host_id == "C1" and g.reason == "deferred" for g in plan.groups)
    # Without deferral the cell moves onto the street-light pole.
    moved = Street().pole("C1", 0, 0, "0703", "micro_cell").pole("L1", 3, 0, "0118", "street_light").plan()
    assert hosts(moved) == ["L1"]


def test_a_sign_moves_along_the_road_but_not_away_from_it():
    street = Street().road((-200, 0), (200, 0))
    street.pole("S1", 0, 5, "0209", "traffic_sign")
    street.pole("F1", 0, 25, "0118", "street_light")     # 20 m across the road direction
    assert hosts(street.plan()) == ["F1", "S1"]
    street = Street().road((-200, 0), (200, 0))
    street.pole("S1", 0, 5, "0209", "traffic_sign")
    street.pole("F1", 40, 6, "0118", "street_light")     # 40 m along, 1 m across
    plan = street.plan()
    assert hosts(plan) == ["F1"]
    assert "devices.traffic_sign.max_across_m" in plan.groups[0].rules


def test_new_integrated_pole_when_no_existing_pole_covers_all():
    # Cameras reach 15 m: they cannot meet on each other's pole (28 m) nor on the sign
    # pole (19.8 m), but all three reach a new pole at the median of the group.
    street = Street()
    street.pole("C1", 0, 0, "0136", "camera")
    street.pole("C2", 28, 0, "0136", "camera")
    street.pole("S1", 14, 14, "0209", "traffic_sign")
    plan = street.plan()
    assert len(plan.groups) == 1
    g = plan.groups[0]
    assert g.new and g.host_id == "NEW-C1" and (g.x, g.y) == (14.0, 0.0)
    assert g.removed == ["C1", "C2", "S1"] and g.subtype == "0701"
    assert plan.stats["new_poles"] == 1 and plan.stats["cost_cny"]["items"]["new_integrated_pole"]["count"] == 1
    assert plan.components[0].optimal
    off = load_rules(overrides={"poles": {"new_pole_candidates": False}})
    assert len(street.plan(off).groups) == 2


def test_unconfirmed_pole_blocks_its_group_and_owners_must_cosign():
    street = Street()
    street.pole("L1", 0, 0, "0118", "street_light", owner="县城乡建设事务服务中心")
    street.pole("S1", 4, 0, "0209", "traffic_sign", confirmed=False, owner="县公安局交警")
    street.pole("L2", 500, 0, "0118", "street_light")
    plan = street.plan()
    blocked = {g.host_id: (g.blocked, g.unconfirmed) for g in plan.groups}
    assert blocked == {"L1": (True, ["S1"]), "L2": (False, [])}
    assert plan.stats["owners_cosign"] == ["owner-traffic_sign", "县公安局交警", "县城乡建设事务服务中心"]
    assert plan.stats["poles_before"]["by_owner"] == {"": 1, "县公安局交警": 1, "县城乡建设事务服务中心": 1}


def test_exact_solver_agrees_and_reports_optimal():
    street = Street()
    cluster(street, "A", 0, 0)
    cluster(street, "B", 30, 0)
    greedy = street.plan(exact_limit=0)
    exact = street.plan(exact_always=True)
    assert {c.solver for c in exact.components} == {"exact"}
    assert len(exact.groups) == len(greedy.groups) == exact.components[0].lower_bound
    assert sum(m.distance_m for m in exact.moves()) <= sum(m.distance_m for m in greedy.moves()) + 1e-9


def test_same_input_in_any_order_gives_the_same_plan():
    street = Street().road((-100, 0), (400, 0))
    for k in range(4):
        cluster(street, f"K{k}", 25.0 * k, 5.0 if k % 2 else -5.0)
    first = street.plan().to_dict()
    street.poles.reverse()
    street.devices.reverse()
    assert street.plan().to_dict() == first


def test_invariant_checker_catches_a_broken_plan():
    street = Street().road((-100, 0), (100, 0))
    street.pole("N1", 0, 6, "0118", "street_light").pole("S1", 0, -6, "0118", "street_light")
    plan = street.plan()
    plan.groups[0].devices[0].band = "lower"
    plan.groups[1].removed.append("N1")
    problems = check_plan_invariants(plan, (street.poles, street.devices, street.barriers), RULES)
    assert any("band lower" in p for p in problems)
    assert any("removed pole N1 is also a host" in p for p in problems)


def test_cancelling_stops_planning():
    street = Street()
    cluster(street, "A", 0, 0)
    with pytest.raises(Cancelled):
        plan_poles(street.poles, street.devices, [], RULES, progress=RecordingProgress(cancel_after=0))


@pytest.mark.parametrize("change, words", [
    (lambda s: s.devices.append(Device("X", "spaceship", None, "A1")), "unknown device type"),
    (lambda s: s.devices.append(Device("X", "camera", None, "nowhere")), "not in the input"),
    (lambda s: s.pole("A1", 9, 9, "0118"), "appears twice"),
    (lambda s: s.pole("Z", float("nan"), 0, "0118"), "not numbers"),
    (lambda s: s.barriers.append(Barrier(np.array([[0.0, 0.0]]))), "two (x, y) points"),
    (lambda s: s.barriers.append(Barrier([["a", "b"], [1, 2]])), "must be numbers"),
    (lambda s: s.pole("Z", "east", 0, "0118"), "must be numbers"),
    (lambda s: s.pole("Z", 0, 0, "0118", height="tall"), "not a number"),
    (lambda s: s.pole("Z", 0, 0, "0118", structure="tower"), "unknown structure"),
])
def test_bad_input_gives_a_clear_error(change, words):
    street = Street().pole("A1", 0, 0, "0118", "street_light")
    change(street)
    with pytest.raises(MergeInputError) as info:
        plan_poles(street.poles, street.devices, street.barriers, RULES)
    assert words in info.value.message("en")


def test_empty_street_gives_an_empty_plan():
    plan = plan_poles([], [], [], RULES)
    assert plan.groups == [] and plan.stats["reduction_pct"] == 0.0
    lone = Street().pole("E1", 0, 0, "0118").plan()
    assert lone.groups == [] and lone.empty_poles == ["E1"]


def test_plan_serialises_to_json_and_reports_progress():
    import json
    street = Street()
    for k in range(3):
        cluster(street, f"K{k}", 300.0 * k, 0.0)
    progress = RecordingProgress()
    plan = plan_poles(street.poles, street.devices, [], RULES, progress=progress)
    assert progress.total == 3 and progress.done == 3
    text = json.dumps(plan.to_dict(), ensure_ascii=False)
    assert '"host_id": "K1L"' in text and "县" not in text  # owners here are plain codes


def test_over_full_pole_keeps_the_excess_where_it_is():
    street = Street().pole("R1", 0, 0, "0213", "road_name_plate", "road_name_plate", "place_name_plate")
    plan = street.plan()
    over = [m for m in plan.groups[0].devices if m.over_capacity]
    assert len(over) == 1 and not over[0].moved
    assert plan.stats["devices_over_capacity"] == 1 and "bands.capacity.lower" in plan.groups[0].rules
