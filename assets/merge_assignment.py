"""Assign items on sites to host sites: the part pole and box planning share.

Sites are existing poles or cabinets (sorted by id by the caller); items are devices or
compartments, each on one site. This module builds each item's candidate hosts (within
its reach, same class, not across a barrier, within its across-the-road limit), splits
the compatibility graph into connected components, optionally offers one new host site
per component, and solves the components one by one with :mod:`assets.merge_cover`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from .merge_candidates import Barriers, across, pairs_within
from .merge_cover import Component, Solution, solve_component
from .progress import check_cancelled


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
    within the across-the-road limit, not across a barrier. The across filter runs
    first because it is cheap and removes most long-reach pairs (signs)."""
    n = len(sites.xy)
    occupied = np.unique(items.site)
    limited = items.across < items.reach
    reach_free = np.zeros(n)      # items that may move in any direction
    np.maximum.at(reach_free, items.site[~limited], items.reach[~limited])
    reach_lim = np.zeros(n)       # items limited across the road
    across_lim = np.zeros(n)
    np.maximum.at(reach_lim, items.site[limited], items.reach[limited])
    np.maximum.at(across_lim, items.site[limited], items.across[limited])
    radius = np.maximum(reach_free, reach_lim)
    src, host, dist = pairs_within(sites.xy[occupied], radius[occupied], sites.xy)
    src = occupied[src]
    keep = sites.klass[src] == sites.klass[host]
    src, host, dist = src[keep], host[keep], dist[keep]
    across_len = np.zeros(len(src))
    if limited.any():
        direction = np.full((n, 2), np.nan)
        idx = np.unique(items.site[limited])
        direction[idx] = barriers.direction(sites.xy[idx], snap_m)
        across_len = across(sites.xy[host] - sites.xy[src], direction[src])
        keep = (dist <= reach_free[src] + 1e-9) | (across_len <= across_lim[src] + 1e-9)
        src, host, dist, across_len = src[keep], host[keep], dist[keep], across_len[keep]
    cut = barriers.crossing(sites.xy[src], sites.xy[host])
    pruned_site = np.zeros(n, dtype=bool)
    pruned_site[src[cut]] = True
    return src[~cut], host[~cut], dist[~cut], across_len[~cut], pruned_site


def _item_candidates(items, src, host, dist, across_len):
    """Per item, its candidates as ``[(distance, site), ...]`` sorted by distance, site."""
    starts = np.searchsorted(src, np.arange(src.max() + 2 if len(src) else 1))
    host_l, dist_l, across_l = host.tolist(), dist.tolist(), across_len.tolist()
    cache: dict[tuple, list] = {}
    out = []
    for s, reach, acr, fixed in zip(items.site.tolist(), items.reach.tolist(),
                                    items.across.tolist(), items.fixed.tolist()):
        if fixed:
            out.append([(0.0, s)])
            continue
        key = (s, reach, acr)
        cands = cache.get(key)
        if cands is None:
            lo, hi = starts[s], starts[s + 1]
            cands = sorted((dist_l[k], host_l[k]) for k in range(lo, hi)
                           if dist_l[k] <= reach + 1e-9 and across_l[k] <= acr + 1e-9)
            cache[key] = cands
        out.append(cands)
    return out


def _new_sites(sites, items, cands, comp_of, barriers, snap_m, max_group):
    """One new host per component of two or more sites, at the median of its item
    sites; each item may use it if within reach, not across a barrier, not too far
    across the road. Returns positions, components and per-item extra candidates."""
    n_comp = comp_of.max() + 1 if len(comp_of) else 0
    size = np.bincount(comp_of[comp_of >= 0], minlength=n_comp)
    # A median of a long chain (a whole road side) reaches few of its items: skip those.
    comps = np.flatnonzero((size >= 2) & (size <= max_group))
    if not len(comps):
        return np.zeros((0, 2)), np.zeros(0, dtype=int), {}
    item_comp = comp_of[items.site]
    occupied = np.unique(items.site)
    order = occupied[np.argsort(comp_of[occupied], kind="stable")]
    bounds = np.searchsorted(comp_of[order], np.r_[comps, comps + 1])
    xy = np.zeros((len(comps), 2))
    for j in range(len(comps)):
        xy[j] = np.median(sites.xy[order[bounds[j]:bounds[j + len(comps)]]], axis=0)
    local = {int(c): j for j, c in enumerate(comps)}
    movable = np.flatnonzero(~items.fixed & np.isin(item_comp, comps))
    target = np.array([local[int(c)] for c in item_comp[movable]], dtype=int)
    a, b = sites.xy[items.site[movable]], xy[target] if len(movable) else np.zeros((0, 2))
    dist = np.hypot(*(b - a).T) if len(movable) else np.zeros(0)
    ok = dist <= items.reach[movable] + 1e-9
    ok[ok] = ~barriers.crossing(a[ok], b[ok])
    limited = ok & (items.across[movable] < items.reach[movable])
    if limited.any():
        direction = barriers.direction(a[limited], snap_m)
        ok[np.flatnonzero(limited)] &= across(b[limited] - a[limited], direction) <= items.across[movable][limited] + 1e-9
    extra = {}
    base = len(sites.xy)
    for i, t, d in zip(movable[ok].tolist(), target[ok].tolist(), dist[ok].tolist()):
        extra[i] = (d, base + t)
    return xy, comps, extra


def assign(sites: SiteTable, items: ItemTable, barriers: Barriers, model, *, snap_m: float,
           new_sites: bool, new_penalty: float, exact_limit: int, exact_always: bool,
           progress, new_site_max_group: int = 40) -> Assignment:
    n_sites, n_items = len(sites.xy), len(items.site)
    src, host, dist, across_len, pruned_site = _candidate_pairs(sites, items, barriers, snap_m)
    cands = _item_candidates(items, src, host, dist, across_len)
    # Compatibility graph over sites: an item's site to each of its candidates.
    a = np.repeat(items.site, [len(c) for c in cands])
    b = np.fromiter((h for c in cands for _, h in c), dtype=np.int64, count=len(a))
    graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(n_sites, n_sites))
    _, labels = connected_components(graph, directed=False)
    has_item = np.zeros(n_sites, dtype=bool)
    has_item[items.site] = True
    in_graph = has_item.copy()
    in_graph[b] = True
    # Number components by their smallest site index (sites are sorted by id).
    member = np.flatnonzero(in_graph)
    uniq, first_pos = np.unique(labels[member], return_index=True)
    rank = np.zeros(labels.max() + 1 if len(labels) else 0, dtype=np.int64)
    rank[uniq[np.argsort(first_pos)]] = np.arange(len(uniq))
    comp_of = np.full(n_sites, -1)
    comp_of[member] = rank[labels[member]]

    new_xy, new_comp, extra = (np.zeros((0, 2)), np.zeros(0, dtype=int), {})
    if new_sites:
        new_xy, new_comp, extra = _new_sites(sites, items, cands, comp_of, barriers, snap_m,
                                             new_site_max_group)
        for i, cand in extra.items():
            cands[i] = sorted(cands[i] + [cand])
    total_sites = n_sites + len(new_xy)
    penalty = np.r_[sites.penalty, np.full(len(new_xy), new_penalty)]
    forced = np.r_[sites.forced, np.zeros(len(new_xy), dtype=bool)]
    site_comp = np.r_[comp_of, new_comp]

    n_comp = len(uniq)
    site_l = items.site.tolist()
    comp_l = comp_of.tolist()
    items_of = [[] for _ in range(n_comp)]
    for i, s in enumerate(site_l):
        items_of[comp_l[s]].append(i)
    sites_of = [[] for _ in range(n_comp)]
    for s in np.flatnonzero(site_comp >= 0).tolist():
        sites_of[int(site_comp[s])].append(s)
    forced_l, penalty_l, keys = forced.tolist(), penalty.tolist(), items.keys

    host_out = [-1] * n_items
    slot_out: list = [None] * n_items
    over_out = [False] * n_items
    open_out = np.zeros(total_sites, dtype=bool)
    dist_out = np.zeros(n_items)
    reports = []
    progress.set_total(n_comp)
    for c in range(n_comp):
        if c % 256 == 0:
            check_cancelled(progress)
            progress.advance(c)
        glob = sites_of[c]
        loc = {s: k for k, s in enumerate(glob)}
        its = items_of[c]
        comp = Component(
            cands=[[(d, loc[h]) for d, h in cands[i]] for i in its],
            keys=[keys[i] for i in its],
            forced=[forced_l[s] for s in glob],
            penalty=[penalty_l[s] for s in glob],
            home=[loc[site_l[i]] for i in its],
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
    host_out, over_out = np.array(host_out, dtype=np.int64), np.array(over_out, dtype=bool)
    all_xy = np.vstack([sites.xy, new_xy]) if len(new_xy) else sites.xy
    if n_items:
        dist_out = np.hypot(*(all_xy[host_out] - sites.xy[items.site]).T)
    return Assignment(host_out, slot_out, over_out, open_out, new_xy, new_comp, comp_of,
                      dist_out, pruned_site[items.site], reports)
