"""The covering solver on small hand-made components."""
from assets.merge_capacity import BandCapacity, OwnerCapacity
from assets.merge_cover import Component, lower_bound, solve_component, solve_greedy

# Greedy opens host 2 first (two items, least movement), then needs hosts 4 and 1;
# closing any single host fails, but opening host 3 lets hosts 2 and 4 close.
TRAP = Component(
    cands=[[(2.0, 1), (2.0, 2)], [(4.0, 4), (6.0, 3)], [(3.0, 3), (5.0, 2)], [(6.0, 1)]],
    keys=["a"] * 4, forced=[False] * 5, penalty=[0.0] * 5, home=[1, 4, 3, 1])


def test_plain_greedy_falls_into_the_trap():
    host_of, _, _ = solve_greedy(TRAP, OwnerCapacity(9))
    assert len(set(host_of)) == 3


def test_two_for_one_swap_reaches_the_optimum_without_integer_programming():
    sol = solve_component(TRAP, OwnerCapacity(9), exact_limit=0)
    assert sorted(sol.open_hosts) == [1, 3] and sol.solver == "greedy"
    assert sol.lower_bound == 2 and sol.optimal
    assert sol.host_of == [1, 3, 3, 1]


def test_integer_programming_agrees_and_minimises_movement():
    sol = solve_component(TRAP, OwnerCapacity(9), exact_limit=40, exact_always=True)
    assert sol.solver == "exact" and sol.optimal and sorted(sol.open_hosts) == [1, 3]


def test_band_capacity_bound_and_exact_band_assignment():
    # Four devices that may only use the top band (capacity 2) and one that may use
    # top or middle: two hosts at least, and the flexible one goes to the middle.
    model = BandCapacity([2, 1])
    comp = Component(cands=[[(0.0, 0), (1.0, 1)]] * 5, keys=[(0,)] * 4 + [(0, 1)],
                     forced=[False, False], penalty=[0.0, 0.0], home=[0] * 5)
    assert lower_bound(comp, model) == 2
    sol = solve_component(comp, model, exact_limit=0)
    assert len(sol.open_hosts) == 2 and not sol.over_capacity
    for h in sol.open_hosts:
        assert sum(1 for i, x in enumerate(sol.host_of) if x == h and sol.slot_of[i] == 0) <= 2
