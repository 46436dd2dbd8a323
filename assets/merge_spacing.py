"""Target spacing of integrated poles along roads (merge.toml ``[spacing_m]`` by road class).

The guideline wants integrated poles on road segments no farther apart than a target
for the road's class (domain.md: about 35 m on main and secondary roads, 30 m on branch
roads). Poles are placed on their nearest road centre line within ``poles.road_snap_m``
(side by side of the line) and ordered by chainage; a gap is the distance along the line
between neighbours on the same side. Used twice: before planning, a pole whose removal
would open a gap over the target is "spacing-critical" and preferred as a host
(``poles.host_penalty_m.spacing``); after planning, every plan and batch reports per road
whether the poles that stand afterwards meet the target.

Roads without a class (or a class without a target) and rivers are not judged. Gaps
are measured along each barrier line on its own: a road split into several lines, and
the corner of an intersection, are not joined.
"""
from __future__ import annotations

import numpy as np

from .merge_candidates import Barriers


def _targets(bars: Barriers, rules) -> np.ndarray:
    return np.array([rules.spacing_m.get(c, np.nan) if c else np.nan for c in bars.road_class], dtype=float)


def _sides(bars: Barriers, xy: np.ndarray, rules):
    """Points on judged roads ordered by (line, side, chainage): (point index, line,
    side, chainage, target) arrays."""
    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    target = _targets(bars, rules)
    if not len(xy) or not np.isfinite(target).any():
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0), np.zeros(0), np.zeros(0)
    line, chain, side = bars.locate(xy, rules.road_snap_m)
    idx = np.flatnonzero(line >= 0)
    idx = idx[np.isfinite(target[line[idx]])]
    order = np.lexsort((idx, chain[idx], side[idx], line[idx]))
    idx = idx[order]
    return idx, line[idx], side[idx], chain[idx], target[line[idx]]


def spacing_critical(bars: Barriers, xy: np.ndarray, rules) -> np.ndarray:
    """Per point: would removing it leave its two neighbours on the same side of the
    road farther apart than the target? (End points of a side never are.)"""
    out = np.zeros(len(xy), dtype=bool)
    idx, line, side, chain, target = _sides(bars, xy, rules)
    if len(idx) < 3:
        return out
    same = (line[2:] == line[:-2]) & (side[2:] == side[:-2]) & (line[1:-1] == line[:-2]) & (side[1:-1] == side[:-2])
    out[idx[1:-1][same & (chain[2:] - chain[:-2] > target[1:-1] + 1e-9)]] = True
    return out


def spacing_report(bars: Barriers, xy: np.ndarray, rules) -> dict:
    """Whether the poles at ``xy`` meet the target spacing, per judged road line.

    Returns ``{"roads", "roads_met", "gaps", "gaps_over_target", "met", "by_road": [{"road",
    "road_class", "target_m", "poles", "max_gap_m", "gaps_over_target", "met"}]}``; ``met``
    is true when no gap on any judged road exceeds its target (or nothing is judged)."""
    idx, line, side, chain, target = _sides(bars, xy, rules)
    by_road = []
    gaps_total = over_total = 0
    if len(idx) >= 2:
        same = (line[1:] == line[:-1]) & (side[1:] == side[:-1])
        gap = np.where(same, chain[1:] - chain[:-1], np.nan)
        for ln in np.unique(line).tolist():
            mine = np.flatnonzero(line[:-1] == ln)
            g = gap[mine][np.isfinite(gap[mine])]
            if not len(g):
                continue
            t = float(target[np.flatnonzero(line == ln)[0]])
            over = int((g > t + 1e-9).sum())
            gaps_total += len(g)
            over_total += over
            by_road.append({"road": bars.name[ln] or f"line {ln}", "road_class": bars.road_class[ln],
                            "target_m": t, "poles": int((line == ln).sum()), "max_gap_m": round(float(g.max()), 1),
                            "gaps_over_target": over, "met": over == 0})
    met = sum(r["met"] for r in by_road)
    return {"roads": len(by_road), "roads_met": met, "gaps": gaps_total, "gaps_over_target": over_total,
            "met": over_total == 0, "by_road": by_road}


def group_spacing(reg, groups: list[dict], rules) -> dict:
    """:func:`spacing_report` for the hosts of stored pole groups (``x``, ``y``), on the
    registry's roads around them (their road classes give the targets)."""
    from .merge_inputs import barriers  # merge_inputs imports the planner, which imports this
    xy = np.array([(g["x"], g["y"]) for g in groups], dtype=float).reshape(-1, 2)
    bbox = (xy[:, 0].min(), xy[:, 1].min(), xy[:, 0].max(), xy[:, 1].max()) if len(xy) else None
    return spacing_report(Barriers(barriers(reg, bbox) if bbox else []), xy, rules)
