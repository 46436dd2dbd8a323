"""From the solver's per-device hosts to the groups a pole merge plan lists.

Everything a group says (poles removed into it, owners, unconfirmed poles, the rules
that constrained it) is computed for all groups at once as sorted (group, value) pairs
and cut into per-group lists; only the result objects are made one by one. Building
these per group in Python loops cost as much as the planning itself at 100k poles.
"""
from __future__ import annotations

import numpy as np


def split_pairs(rank: np.ndarray, values: np.ndarray, n_groups: int, names=None) -> list:
    """Unique ``(rank, value)`` pairs cut into one ascending list per group (of
    ``names[value]`` when names, an object array, are given)."""
    if not len(rank):
        return [[] for _ in range(n_groups)]
    width = int(values.max()) + 1
    key = np.sort(rank.astype(np.int64) * width + values)
    key = key[np.r_[True, key[1:] != key[:-1]]]
    g, v = key // width, key % width
    v = (names[v] if names is not None else v).tolist()
    cut = np.searchsorted(g, np.arange(n_groups + 1)).tolist()
    return [v[cut[k]:cut[k + 1]] for k in range(n_groups)]


def removed_into(site_of: np.ndarray, host: np.ndarray, open_sites: np.ndarray):
    """Each pole that is not kept (it had devices and is not a host) and the host it
    joins: the one that takes most of its devices (ties: the lowest host index)."""
    gone = ~open_sites[site_of]
    s, h = site_of[gone], host[gone]
    if not len(s):
        return s, h
    width = int(h.max()) + 1
    pair, count = np.unique(s.astype(np.int64) * width + h, return_counts=True)
    ps, ph = pair // width, pair % width
    order = np.lexsort((ph, -count, ps))
    ps, ph = ps[order], ph[order]
    first = np.r_[True, ps[1:] != ps[:-1]]
    return ps[first], ph[first]


def group_rule_keys(rules, rule_of, types, rank, moved, slot, over, pruned, n_groups) -> list:
    """Per group, the sorted rule keys (merge.toml) that constrained it: anchors and
    deferred devices, the move limits of devices that moved, full bands (or a device
    over capacity), and barriers that cut a candidate."""
    band_order = rules.band_order
    per_type = {}
    for t, r in rule_of.items():
        always = [k for k, on in ((f"devices.{t}.anchor", r.anchor), (f"devices.{t}.defer", r.defer)) if on]
        when_moved = [f"devices.{t}.max_move_m"] + ([f"devices.{t}.max_across_m"] if r.max_across_m < r.max_move_m
                                                   else [])
        per_type[t] = (always, when_moved)
    universe = sorted({k for a, m in per_type.values() for k in a + m}
                      | {"barrier"} | {f"bands.capacity.{b}" for b in band_order})
    code = {k: n for n, k in enumerate(universe)}
    ranks, values = [], []
    type_code = {t: n for n, t in enumerate(sorted(per_type))}
    item_type = np.array([type_code[t] for t in types], dtype=np.int64)
    for t, (always, when_moved) in per_type.items():
        mine = item_type == type_code[t]
        for key in always:
            ranks.append(rank[mine]); values.append(np.full(mine.sum(), code[key]))
        for key in when_moved:
            sel = mine & moved
            ranks.append(rank[sel]); values.append(np.full(sel.sum(), code[key]))
    band_code = np.array([code[f"bands.capacity.{b}"] for b in band_order], dtype=np.int64)
    has_band = slot >= 0
    ranks.append(rank[over & has_band]); values.append(band_code[slot[over & has_band]])
    ranks.append(rank[pruned]); values.append(np.full(pruned.sum(), code["barrier"]))
    # Full bands: as many devices as the band holds.
    width = len(band_order)
    pair, count = np.unique(rank[has_band].astype(np.int64) * width + slot[has_band], return_counts=True)
    capacity = np.array([rules.band_capacity[b] for b in band_order])
    full = count >= capacity[pair % width]
    ranks.append(pair[full] // width); values.append(band_code[pair[full] % width])
    return split_pairs(np.concatenate(ranks), np.concatenate(values).astype(np.int64), n_groups,
                       np.array(universe, dtype=object))
