"""The covering/assignment solver behind pole and box merge planning.

One connected component at a time: items (devices or compartments) must each go to one
open host among their candidates; hosts have a capacity (height bands, or owners per
cabinet); minimise the number of open hosts, then their preference penalty plus the
total movement. Chaining clustering (DBSCAN and the like) is not used on purpose: it
makes groups of unbounded size (shared/domain.md, "Clustering note").

Small components are solved exactly with integer programming (scipy's HiGHS); larger
ones by lazy greedy set cover plus local improvement (empty a host by reassigning its
items, or open one and close two). Every component reports a lower bound on its host count, so a plan can say
where it is proven optimal. No randomness: ties break on indices, and callers index
items and hosts in sorted-id order.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from .merge_capacity import CapacityModel
from .merge_exact import lp_bound, solve_exact


@dataclass
class Component:
    """One independent sub-problem, with local indices.

    ``cands[i]`` lists ``(distance, host)`` pairs for item ``i`` sorted by distance then
    host; ``keys[i]`` is what the capacity model needs (a band mask or an owner).
    """

    cands: list[list[tuple[float, int]]]
    keys: list
    forced: list[bool]
    penalty: list[float]
    home: list[int]  # each item's current host (the fallback when nothing has room)


@dataclass
class Solution:
    host_of: list[int]              # item -> host
    slot_of: list                   # item -> band / compartment label
    open_hosts: list[int]
    lower_bound: int
    optimal: bool
    solver: str                     # "greedy" or "exact"
    over_capacity: list[int] = field(default_factory=list)  # items left at home without room


def _nearest_fitting(comp: Component, model: CapacityModel, states: dict, i: int, skip: int = -1):
    for dist, h in comp.cands[i]:
        if h != skip and h in states and model.fits(states[h], comp.keys[i]):
            return h
    return None


def lower_bound(comp: Component, model: CapacityModel, *, capacity: bool = True) -> int:
    """A valid lower bound on the number of open hosts.

    The best of: forced hosts plus a packing of items (outside forced hosts' reach)
    whose candidate sets are pairwise disjoint, and the capacity model's own bound.
    """
    used = list(comp.forced)
    forced = sum(used)
    order = sorted(range(len(comp.cands)), key=lambda i: (len(comp.cands[i]), i))
    packed = 0
    for i in order:
        cands = comp.cands[i]
        if not any(used[h] for _, h in cands):
            packed += 1
            for _, h in cands:
                used[h] = True
    # An over-full component (more devices than all candidates hold) keeps the excess at
    # home; the capacity bound then exceeds what any plan can use, so cap it.
    by_capacity = model.bound(comp.keys) if capacity else 0
    return min(max(forced + packed, by_capacity, 1 if comp.cands else 0),
               len({h for c in comp.cands for _, h in c}))


def solve_greedy(comp: Component, model: CapacityModel, bound: int = 0) -> tuple[list[int], list[int], dict]:
    """Lazy greedy set cover with capacities, then local improvement (its host-closing
    passes are skipped when the greedy already reached ``bound``, a valid lower bound:
    nothing can close then).

    Returns ``(host_of, over_capacity, states)``.
    """
    n = len(comp.cands)
    flex = [model.flexibility(k) for k in comp.keys]
    # (flexibility, distance, item) per host: items with fewest band/owner options first
    # so a host's rank is reached; plain tuples sort without a key function.
    by_host: dict[int, list[tuple[int, float, int]]] = {}
    for i, cands in enumerate(comp.cands):
        f = flex[i]
        for dist, h in cands:
            lst = by_host.get(h)
            if lst is None:
                by_host[h] = [(f, dist, i)]
            else:
                lst.append((f, dist, i))
    for lst in by_host.values():
        lst.sort()
    host_of = [-1] * n
    states: dict[int, object] = {}
    for h, f in enumerate(comp.forced):
        if f:
            states[h] = model.new_state()
    order = sorted(range(n), key=lambda i: (len(comp.cands[i]), i))
    remaining = n  # items without a host yet: once none is left, every gain is zero
    for i in order:
        h = _nearest_fitting(comp, model, states, i)
        if h is not None:
            model.add(states[h], comp.keys[i])
            host_of[i] = h
            remaining -= 1

    keys, try_add = comp.keys, model.try_add

    def gain(h: int) -> tuple[int, float, list[int]]:
        state = model.new_state()
        taken, dist_sum = [], 0.0
        for _, dist, i in by_host.get(h, ()):
            if host_of[i] < 0 and try_add(state, keys[i]):
                taken.append(i)
                dist_sum += dist
        return len(taken), dist_sum, taken

    heap = []
    for h in (sorted(by_host) if remaining else ()):
        if h not in states:
            g, d, _ = gain(h)
            if g:
                heap.append((-g, comp.penalty[h] + d, h))
    heapq.heapify(heap)
    while heap and remaining:
        neg, cost, h = heapq.heappop(heap)
        g, d, taken = gain(h)
        if not g:
            continue
        if (-g, comp.penalty[h] + d) != (neg, cost):
            heapq.heappush(heap, (-g, comp.penalty[h] + d, h))  # stale: re-rank
            continue
        states[h] = model.new_state()
        for i in taken:
            model.add(states[h], comp.keys[i])
            host_of[i] = h
        remaining -= len(taken)

    over = [i for i in range(n) if host_of[i] < 0]
    for i in over:  # nobody has room: it stays where it is, flagged
        h = comp.home[i]
        states.setdefault(h, model.new_state())
        model.add(states[h], comp.keys[i])
        host_of[i] = h
    if not over and len(set(host_of)) <= bound:
        _shorten_moves(comp, model, host_of, states, set())
    else:
        _improve(comp, model, host_of, states, set(over))
    return host_of, over, states


def _move(model, states, comp, host_of, i, h):
    model.remove(states[host_of[i]], comp.keys[i])
    model.add(states[h], comp.keys[i])
    host_of[i] = h


def _shorten_moves(comp, model, host_of, states, frozen) -> None:
    """Send each item to the nearest open host with room."""
    for i in range(len(host_of)):
        if i in frozen:
            continue
        current = next(d for d, h in comp.cands[i] if h == host_of[i])
        for dist, h in comp.cands[i]:  # sorted by distance: stop at the current one
            if dist >= current or h == host_of[i]:
                break
            if h in states and model.fits(states[h], comp.keys[i]):
                _move(model, states, comp, host_of, i, h)
                break


def _improve(comp, model, host_of, states, frozen) -> None:
    """Close hosts whose items all fit elsewhere (fewest items first); repeat passes
    until nothing closes; then shorten moves."""
    members: dict[int, set[int]] = {h: set() for h in states}
    for i, h in enumerate(host_of):
        members[h].add(i)
    changed = True
    while changed:
        changed = False
        order = sorted((h for h in states if not comp.forced[h]),
                       key=lambda h: (len(members[h]), -comp.penalty[h], h))
        for h in order:
            items = members[h]
            if h not in states or any(i in frozen for i in items):
                continue
            moved = []
            for i in sorted(items, key=lambda i: (len(comp.cands[i]), i)):
                target = _nearest_fitting(comp, model, states, i, skip=h)
                if target is None:
                    break
                _move(model, states, comp, host_of, i, target)
                moved.append((i, target))
            if len(moved) == len(items):
                for i, target in moved:
                    members[target].add(i)
                del states[h], members[h]
                changed = True
                continue
            for i, _ in moved:  # roll back
                _move(model, states, comp, host_of, i, h)
    _shorten_moves(comp, model, host_of, states, frozen)


def _swap_two_for_one(comp, model, host_of, states, frozen, max_passes: int = 3) -> bool:
    """Open one closed candidate host and close two open ones when all their items fit
    (in the new host or elsewhere). Greedy plus single closes miss these; they are
    the usual gap on dense streets. Returns whether anything changed."""
    by_host: dict[int, list[int]] = {}
    for i, cands in enumerate(comp.cands):
        for _, h in cands:
            by_host.setdefault(h, []).append(i)
    members: dict[int, list[int]] = {}
    for i, h in enumerate(host_of):
        members.setdefault(h, []).append(i)
    busy = {host_of[i] for i in frozen}
    changed = False
    for _ in range(max_passes):
        progress = False
        for c in sorted(by_host):
            if c in states:
                continue
            near = sorted({host_of[i] for i in by_host[c]} - busy)
            near = [h for h in near if not comp.forced[h]]
            done = False
            for a in range(len(near)):
                for b in range(a + 1, len(near)):
                    moved = _try_swap(comp, model, host_of, states, members, c, (near[a], near[b]))
                    if moved is not None:
                        for h in (near[a], near[b]):
                            del members[h]
                        for i, target in moved:
                            members.setdefault(target, []).append(i)
                        done = progress = changed = True
                        break
                if done:
                    break
        if not progress:
            break
    return changed


def _try_swap(comp, model, host_of, states, members, c, closing):
    """Items of the two ``closing`` hosts moved with ``c`` open, or None (rolled back)."""
    items = members[closing[0]] + members[closing[1]]
    for i in items:  # cheap test first: somewhere to go at all, ignoring capacity
        if not any(h == c or (h in states and h not in closing) for _, h in comp.cands[i]):
            return None
    states[c] = model.new_state()
    moved = []
    for i in sorted(items, key=lambda i: (len(comp.cands[i]), i)):
        target = None
        for _, h in comp.cands[i]:
            if h not in closing and h in states and model.fits(states[h], comp.keys[i]):
                target = h
                break
        if target is None:
            for i2, h2 in reversed(moved):  # roll back
                _move(model, states, comp, host_of, i2, h2)
            del states[c]
            return None
        old = host_of[i]
        _move(model, states, comp, host_of, i, target)
        moved.append((i, old))
    del states[closing[0]], states[closing[1]]
    return [(i, host_of[i]) for i, _ in moved]


# Components up to this many candidate hosts also get the two-for-one swap search and
# the linear-relaxation bound; beyond it both grow too fast (a planner setting, measured
# on the dense benchmark: a 5000-host component took 10 s with the swap unbounded).
SEARCH_LIMIT = 400


def solve_component(comp: Component, model: CapacityModel, *, exact_limit: int,
                    exact_always: bool = False, lp_limit: int = SEARCH_LIMIT,
                    swap_limit: int = SEARCH_LIMIT) -> Solution:
    """Greedy first; integer programming when the greedy host count is not proven
    by the lower bound (or always, with ``exact_always``) and the component has at
    most ``exact_limit`` candidate hosts."""
    if len(comp.forced) == 1:  # one candidate host: nothing to choose
        state, over = model.new_state(), []
        for i in sorted(range(len(comp.keys)), key=lambda i: (model.flexibility(comp.keys[i]), i)):
            if model.fits(state, comp.keys[i]):
                model.add(state, comp.keys[i])
            else:
                over.append(i)
        host_of = [0] * len(comp.keys)
        slot_of = model.assign_slots(host_of, comp.keys, set(over))
        return Solution(host_of, slot_of, [0], 1, True, "greedy", sorted(over))
    bound = lower_bound(comp, model)
    host_of, over, states = solve_greedy(comp, model, bound)
    hosts = sorted(set(host_of))
    if (len(hosts) > bound and len(comp.forced) <= swap_limit
            and _swap_two_for_one(comp, model, host_of, states, set(over))):
        _improve(comp, model, host_of, states, set(over))
        hosts = sorted(set(host_of))
    solver = "greedy"
    small = len(comp.forced) <= exact_limit
    if over:
        # Some items fit nowhere and stay at home over capacity: the capacity bound
        # assumes every item placed, so only the packing bound still holds.
        bound = lower_bound(comp, model, capacity=False)
    if small and (over or exact_always or len(hosts) > bound):
        exact = solve_exact(comp, model)
        if exact is not None:
            e_host_of, e_slot_of, proven, e_bound = exact
            bound = max(bound, e_bound)
            if proven or len(set(e_host_of)) < len(hosts):
                hosts = sorted(set(e_host_of))
                if proven:
                    bound = max(bound, len(hosts))
                return Solution(e_host_of, e_slot_of, hosts, bound, len(hosts) <= bound, "exact")
    if not over and len(hosts) > bound and len(comp.forced) <= lp_limit:
        # Too big to solve exactly: the linear relaxation still tightens the bound.
        relaxed = lp_bound(comp, model)
        if relaxed is not None:
            bound = max(bound, min(relaxed, len(hosts)))
    slot_of = model.assign_slots(host_of, comp.keys, set(over))
    return Solution(host_of, slot_of, hosts, bound, len(hosts) <= bound, solver, over)
