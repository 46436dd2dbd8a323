"""Assign items on sites to host sites: the part pole and box planning share.

Sites are existing poles or cabinets (sorted by id by the caller); items are devices or
compartments, each on one site. This module builds each item's candidate hosts (within
its reach, same class, not across a barrier, within its across-the-road limit), splits
the compatibility graph into connected components, optionally offers one new host site
per component, solves the components whose optimum needs no search for all of them at
once (:func:`_direct`), and the rest one by one with :mod:`assets.merge_cover`.
Candidates live in flat numpy arrays until a component needs the general solver.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np

from .merge_candidates import Barriers, across, near_pairs
from .merge_cover import Component, Solution, solve_component
from .progress import check_cancelled


@contextmanager
def collector_paused():
    """Planning makes a few hundred thousand small objects that hold no cycles; Python's
    cycle collector would walk all live objects again and again while they are made
    (about a third of planning time at 100k poles). It is paused for the call and
    resumed after (nested calls leave it to the outermost)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@dataclass
class SiteTable:
    xy: np.ndarray            # (n, 2)
    forced: np.ndarray        # bool: must stay as a host (anchor, deferred device)
    penalty: np.ndarray       # preference penalty in metres per opened host
    klass: np.ndarray         # int: items only go to sites of their own class


@dataclass
class ItemTable:
    site: np.ndarray          # int: the site each item is on
    reach: np.ndarray         # max straight-line move (m)
    across: np.ndarray        # max move across the road direction (m)
    fixed: np.ndarray         # bool: stays on its own site
    keys: list                # capacity key per item


@dataclass
class Assignment:
    """Result in global indices; new sites are numbered after the existing ones."""

    host: np.ndarray                      # item -> site
    slot: list                            # item -> band index / owner
    over_capacity: np.ndarray             # bool per item
    open_sites: np.ndarray                # bool per site (existing + new)
    new_xy: np.ndarray                    # (k, 2) positions of new sites
    new_component: np.ndarray             # component of each new site
    component: np.ndarray                 # component per existing site (-1: none)
    distance: np.ndarray                  # per item
    barrier_pruned: np.ndarray            # bool per item: a candidate was cut by a barrier
    reports: list = field(default_factory=list)   # (solution, n_sites, n_items) per component


def _candidate_pairs(sites, items, barriers, snap_m):
    """(site, host) pairs that some item on the site may use: within reach, same class,
    within the across-the-road limit, not across a barrier; sorted by site then host,
    self pairs included. Pairs are found once unordered (a k-d tree) and each direction
    is filtered on its own site's reach; the barrier test runs once per unordered pair
    (a move and its reverse cross the same lines) and skips moves too short to reach a
    barrier from either end. The across filter runs before the barrier test because it
    is cheap and removes most long-reach pairs (signs)."""
    n = len(sites.xy)
    has_item = np.zeros(n, dtype=bool)   # masks, not np.unique: a hash of 100k+ ids is slower
    has_item[items.site] = True
    occupied = np.flatnonzero(has_item)
    limited = items.across < items.reach
    reach_free = np.zeros(n)      # items that may move in any direction
    np.maximum.at(reach_free, items.site[~limited], items.reach[~limited])
    reach_lim = np.zeros(n)       # items limited across the road
    across_lim = np.zeros(n)
    np.maximum.at(reach_lim, items.site[limited], items.reach[limited])
    np.maximum.at(across_lim, items.site[limited], items.across[limited])
    radius = np.maximum(reach_free, reach_lim)
    i, j, dist = near_pairs(sites.xy, radius * (1 + 1e-12) + 1e-9)
    same = sites.klass[i] == sites.klass[j]
    fwd = same & has_item[i] & (dist <= radius[i])   # an item on i may go to j
    bwd = same & has_item[j] & (dist <= radius[j])   # an item on j may go to i
    keep = fwd | bwd
    i, j, dist, fwd, bwd = i[keep], j[keep], dist[keep], fwd[keep], bwd[keep]
    acr_f, acr_b = np.zeros(len(i)), np.zeros(len(i))
    if limited.any():
        direction = np.full((n, 2), np.nan)
        idx = _distinct(items.site[limited], n)
        direction[idx] = barriers.direction(sites.xy[idx], snap_m)
        move = sites.xy[j] - sites.xy[i]
        acr_f, acr_b = across(move, direction[i]), across(move, direction[j])
        fwd &= (dist <= reach_free[i] + 1e-9) | (acr_f <= across_lim[i] + 1e-9)
        bwd &= (dist <= reach_free[j] + 1e-9) | (acr_b <= across_lim[j] + 1e-9)
        keep = fwd | bwd
        i, j, dist, fwd, bwd, acr_f, acr_b = (v[keep] for v in (i, j, dist, fwd, bwd, acr_f, acr_b))
    clear = np.zeros(n)
    ends = _distinct(np.r_[i, j], n)
    clear[ends] = barriers.clearance(sites.xy[ends])
    cut = barriers.crossing_near(sites.xy[i], sites.xy[j], clear[i], clear[j])
    pruned_site = np.zeros(n, dtype=bool)
    pruned_site[i[fwd & cut]] = True
    pruned_site[j[bwd & cut]] = True
    fwd &= ~cut
    bwd &= ~cut
    src = np.concatenate([i[fwd], j[bwd], occupied])
    host = np.concatenate([j[fwd], i[bwd], occupied])
    d = np.concatenate([dist[fwd], dist[bwd], np.zeros(len(occupied))])
    acr = np.concatenate([acr_f[fwd], acr_b[bwd], np.zeros(len(occupied))])
    order = np.argsort(src * max(n, 1) + host, kind="stable")
    return src[order], host[order], d[order], acr[order], pruned_site


def _item_candidates(items, src, host, dist, across_len):
    """Every item's candidates as flat arrays ``(item, host, distance)`` (unsorted): the site pairs of the item's site cut to its own reach and across
    limit; a fixed item's only candidate is its own site."""
    starts = np.searchsorted(src, np.arange(src.max() + 2 if len(src) else 1))
    free = np.flatnonzero(~items.fixed)
    s = items.site[free]
    owner, k = _expand(starts[s + 1] - starts[s])
    pair = starts[s][owner] + k
    item = free[owner]
    ok = (dist[pair] <= items.reach[item] + 1e-9) & (across_len[pair] <= items.across[item] + 1e-9)
    fixed = np.flatnonzero(items.fixed)
    item = np.concatenate([item[ok], fixed])
    c_host = np.concatenate([host[pair[ok]], items.site[fixed]])
    c_dist = np.concatenate([dist[pair[ok]], np.zeros(len(fixed))])
    return item, c_host, c_dist


def _sorted_candidates(item, host, dist, n_items):
    order = np.lexsort((host, dist, item))
    item, host, dist = item[order], host[order], dist[order]
    ptr = np.searchsorted(item, np.arange(n_items + 1))
    return item, host, dist, ptr


def _distinct(values: np.ndarray, n: int) -> np.ndarray:
    """The distinct values in ``0..n-1``, ascending."""
    seen = np.zeros(n, dtype=bool)
    seen[values] = True
    return np.flatnonzero(seen)


def _expand(counts):
    """For ``counts = [2, 0, 3]``: owners ``[0, 0, 2, 2, 2]`` and ranks ``[0, 1, 0, 1, 2]``."""
    counts = np.asarray(counts, dtype=np.int64)
    owner = np.repeat(np.arange(len(counts)), counts)
    first = np.cumsum(counts) - counts
    return owner, np.arange(len(owner)) - first[owner]


def _group_medians(xy, group, groups):
    """Median x and y of the points of each group in ``groups`` (as ``np.median``: the
    mean of the two middle values for an even count), without a loop over groups."""
    out = np.zeros((len(groups), 2))
    for axis in (0, 1):
        order = np.lexsort((xy[:, axis], group))
        g, v = group[order], xy[order, axis]
        lo = np.searchsorted(g, groups, "left")
        count = np.searchsorted(g, groups, "right") - lo
        out[:, axis] = (v[lo + (count - 1) // 2] + v[lo + count // 2]) / 2
    return out


def _new_sites(sites, items, comp_of, barriers, snap_m, max_group):
    """One new host per component of two or more sites, at the median of its item
    sites; each item may use it if within reach, not across a barrier, not too far
    across the road. Returns positions, components and the extra candidates as
    arrays (item, site, distance)."""
    n_comp = comp_of.max() + 1 if len(comp_of) else 0
    size = np.bincount(comp_of[comp_of >= 0], minlength=n_comp)
    none = np.zeros(0, dtype=np.int64)
    # A median of a long chain (a whole road side) reaches few of its items: skip those.
    comps = np.flatnonzero((size >= 2) & (size <= max_group))
    if not len(comps):
        return np.zeros((0, 2)), none, (none, none, np.zeros(0))
    item_comp = comp_of[items.site]
    occupied = _distinct(items.site, len(sites.xy))
    occupied = occupied[np.isin(comp_of[occupied], comps)]
    xy = _group_medians(sites.xy[occupied], comp_of[occupied], comps)
    local = np.full(n_comp, -1)
    local[comps] = np.arange(len(comps))
    movable = np.flatnonzero(~items.fixed & (local[item_comp] >= 0))
    target = local[item_comp[movable]]
    a, b = sites.xy[items.site[movable]], xy[target]
    dist = np.hypot(*(b - a).T) if len(movable) else np.zeros(0)
    ok = dist <= items.reach[movable] + 1e-9
    ok[ok] = ~barriers.crossing(a[ok], b[ok])
    limited = ok & (items.across[movable] < items.reach[movable])
    if limited.any():
        direction = barriers.direction(a[limited], snap_m)
        ok[np.flatnonzero(limited)] &= across(b[limited] - a[limited], direction) <= items.across[movable][limited] + 1e-9
    return xy, comps, (movable[ok], len(sites.xy) + target[ok], dist[ok])


def _components(n_sites, items, c_item, c_host):
    """Connected components of the compatibility graph (an item's site to each of its
    candidates), numbered by their smallest site index (sites are sorted by id); -1 for
    sites in no component."""
    a = items.site[c_item]
    from scipy.sparse import coo_matrix   # here, not at import: scipy costs the window 0.5 s to start
    from scipy.sparse.csgraph import connected_components
    graph = coo_matrix((np.ones(len(a)), (a, c_host)), shape=(n_sites, n_sites))
    _, labels = connected_components(graph, directed=False)
    in_graph = np.zeros(n_sites, dtype=bool)
    in_graph[items.site] = True
    in_graph[c_host] = True
    member = np.flatnonzero(in_graph)
    uniq, first_pos = np.unique(labels[member], return_index=True)
    rank = np.zeros(labels.max() + 1 if len(labels) else 0, dtype=np.int64)
    rank[uniq[np.argsort(first_pos)]] = np.arange(len(uniq))
    comp_of = np.full(n_sites, -1)
    comp_of[member] = rank[labels[member]]
    return comp_of, len(uniq)


def _direct(model, items, c_item, c_host, c_dist, ptr, site_comp, forced, penalty, n_comp):
    """Components whose optimum needs no search, solved for all components at once.

    A host is "needed" when it is forced (anchor, deferred device) or the only candidate
    of some item: every plan opens it. Two cases are proven optimal: the needed hosts
    take every item, each on its nearest needed candidate, with room for all of them
    (the host count is then the lower bound and, the hosts being fixed, movement is the
    least possible); or, with no needed host, one host is a candidate of every item and
    holds them all (the cheapest by penalty plus movement, then the lowest index). At
    100k poles these are most components; the rest go to
    :func:`assets.merge_cover.solve_component`.

    Returns the host of each item (-1 where its component is not solved here) and
    per component the solved flag and host count.
    """
    n_items, n_total = len(items.site), len(site_comp)
    host_of = np.full(n_items, -1, dtype=np.int64)
    if not n_comp:
        return host_of, np.zeros(0, dtype=bool), np.zeros(0, dtype=np.int64)
    item_comp = site_comp[items.site]
    n_items_comp = np.bincount(item_comp, minlength=n_comp)
    need = forced.copy()
    sole = np.flatnonzero(np.diff(ptr) == 1)
    need[c_host[ptr[sole]]] = True
    n_need = np.bincount(site_comp[need & (site_comp >= 0)], minlength=n_comp)
    comp = np.where(site_comp >= 0, site_comp, 0)

    # The needed hosts take everything.
    on_need = need[c_host]
    first, pos = np.unique(c_item[on_need], return_index=True)
    nearest = np.full(n_items, -1, dtype=np.int64)
    nearest[first] = c_host[on_need][pos]
    reached = nearest >= 0
    ok = (np.bincount(item_comp[reached], minlength=n_comp) == n_items_comp) & (n_need > 0)
    idx = np.flatnonzero(reached)
    fits = model.fit_together([items.keys[i] for i in idx], nearest[idx], n_total)
    load = np.bincount(nearest[idx], minlength=n_total)
    bad_host = need & (site_comp >= 0) & ~(fits & (load > 0))  # over full, or left empty
    ok &= np.bincount(comp[bad_host], minlength=n_comp) == 0
    by_need = ok
    take = by_need[item_comp]
    host_of[take] = nearest[take]

    # One host for everything (nothing needed).
    covers = np.bincount(c_host, minlength=n_total)
    movement = np.bincount(c_host, weights=c_dist, minlength=n_total)
    one = (site_comp >= 0) & (covers == n_items_comp[comp]) & (n_need[comp] == 0)
    one &= model.fit_together(items.keys, item_comp, n_comp)[comp]
    h = np.flatnonzero(one)
    h = h[np.lexsort((h, penalty[h] + movement[h], site_comp[h]))]
    lead = np.r_[True, site_comp[h][1:] != site_comp[h][:-1]] if len(h) else np.zeros(0, dtype=bool)
    best = np.full(n_comp, -1)
    best[site_comp[h[lead]]] = h[lead]
    single = best >= 0
    take = single[item_comp]
    host_of[take] = best[item_comp[take]]
    hosts = np.where(by_need, n_need, 1)
    return host_of, by_need | single, hosts


def assign(sites: SiteTable, items: ItemTable, barriers: Barriers, model, *, snap_m: float,
           new_sites: bool, new_penalty: float, exact_limit: int, exact_always: bool,
           progress, new_site_max_group: int = 40) -> Assignment:
    n_sites, n_items = len(sites.xy), len(items.site)
    src, host, dist, across_len, pruned_site = _candidate_pairs(sites, items, barriers, snap_m)
    c_item, c_host, c_dist = _item_candidates(items, src, host, dist, across_len)
    comp_of, n_comp = _components(n_sites, items, c_item, c_host)

    new_xy, new_comp = np.zeros((0, 2)), np.zeros(0, dtype=np.int64)
    if new_sites:
        new_xy, new_comp, (e_item, e_host, e_dist) = _new_sites(sites, items, comp_of, barriers, snap_m,
                                                                new_site_max_group)
        c_item, c_host, c_dist = np.r_[c_item, e_item], np.r_[c_host, e_host], np.r_[c_dist, e_dist]
    # Each item's candidates by distance, then host (the order the solver relies on).
    c_item, c_host, c_dist, ptr = _sorted_candidates(c_item, c_host, c_dist, n_items)
    total_sites = n_sites + len(new_xy)
    penalty = np.r_[sites.penalty, np.full(len(new_xy), new_penalty)]
    forced = np.r_[sites.forced, np.zeros(len(new_xy), dtype=bool)]
    site_comp = np.r_[comp_of, new_comp]

    # Sites and items of each component, ascending; each site's index within its component.
    comp_sites = np.flatnonzero(site_comp >= 0)
    comp_sites = comp_sites[np.argsort(site_comp[comp_sites], kind="stable")]
    site_ptr = np.searchsorted(site_comp[comp_sites], np.arange(n_comp + 1))
    local = np.zeros(total_sites, dtype=np.int64)
    local[comp_sites] = np.arange(len(comp_sites)) - site_ptr[site_comp[comp_sites]]
    item_comp = comp_of[items.site]
    comp_items = np.argsort(item_comp, kind="stable")
    item_ptr = np.searchsorted(item_comp[comp_items], np.arange(n_comp + 1))

    host_out = np.full(n_items, -1, dtype=np.int64)
    slot_out: list = [None] * n_items
    over_out = np.zeros(n_items, dtype=bool)
    open_out = np.zeros(total_sites, dtype=bool)
    solved, n_hosts = np.zeros(n_comp, dtype=bool), np.zeros(n_comp, dtype=np.int64)
    if not exact_always:  # exact_always asks for integer programming on every small component
        direct, solved, n_hosts = _direct(model, items, c_item, c_host, c_dist, ptr, site_comp, forced, penalty,
                                          n_comp)
        taken = np.flatnonzero(direct >= 0)
        host_out[taken] = direct[taken]
        open_out[direct[taken]] = True
        slots = model.assign_slots(direct[taken].tolist(), [items.keys[i] for i in taken], set())
        for i, slot in zip(taken.tolist(), slots):
            slot_out[i] = slot

    comp_sites_l, site_ptr_l, item_ptr_l = comp_sites.tolist(), site_ptr.tolist(), item_ptr.tolist()
    comp_items_l, ptr_l, site_l = comp_items.tolist(), ptr.tolist(), items.site.tolist()
    c_local_l, c_dist_l, local_l = local[c_host].tolist(), c_dist.tolist(), local.tolist()
    forced_l, penalty_l, keys = forced.tolist(), penalty.tolist(), items.keys
    solved_l, n_hosts_l = solved.tolist(), n_hosts.tolist()
    reports = []
    progress.set_total(n_comp)
    for c in range(n_comp):
        if c % 256 == 0:
            check_cancelled(progress)
            progress.advance(c)
        glob = comp_sites_l[site_ptr_l[c]:site_ptr_l[c + 1]]
        its = comp_items_l[item_ptr_l[c]:item_ptr_l[c + 1]]
        if solved_l[c]:
            hosts = list(range(n_hosts_l[c]))  # only their number is reported
            reports.append((Solution([], [], hosts, n_hosts_l[c], True, "direct"), len(glob), len(its)))
            continue
        comp = Component(
            cands=[list(zip(c_dist_l[ptr_l[i]:ptr_l[i + 1]], c_local_l[ptr_l[i]:ptr_l[i + 1]])) for i in its],
            keys=[keys[i] for i in its],
            forced=[forced_l[s] for s in glob],
            penalty=[penalty_l[s] for s in glob],
            home=[local_l[site_l[i]] for i in its],
        )
        sol: Solution = solve_component(comp, model, exact_limit=exact_limit, exact_always=exact_always)
        for k, i in enumerate(its):
            host_out[i] = glob[sol.host_of[k]]
            slot_out[i] = sol.slot_of[k]
        for k in sol.over_capacity:
            over_out[its[k]] = True
        for h in sol.open_hosts:
            open_out[glob[h]] = True
        reports.append((sol, len(glob), len(its)))
    progress.advance(n_comp)
    all_xy = np.vstack([sites.xy, new_xy]) if len(new_xy) else sites.xy
    dist_out = np.hypot(*(all_xy[host_out] - sites.xy[items.site]).T) if n_items else np.zeros(0)
    return Assignment(host_out, slot_out, over_out, open_out, new_xy, new_comp, comp_of,
                      dist_out, pruned_site[items.site], reports)
