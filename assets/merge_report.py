"""Numbers a merge plan reports: per-component optimality, counts, cost estimate."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


@dataclass
class ComponentReport:
    """One independent part of the plan.

    ``lower_bound`` is a proven minimum number of hosts; ``optimal`` says the plan's
    host count equals it. ``solver`` is "direct" (the hosts that must stay, or a single
    host, take every item: optimal without a search), "greedy" (set cover + local
    improvement) or "exact" (integer programming, HiGHS)."""

    index: int
    candidate_hosts: int
    items: int
    hosts: int
    lower_bound: int
    optimal: bool
    solver: str


def component_reports(raw) -> list[ComponentReport]:
    return [ComponentReport(k, n_sites, n_items, len(sol.open_hosts), sol.lower_bound, sol.optimal, sol.solver)
            for k, (sol, n_sites, n_items) in enumerate(raw)]


def count_by(values) -> dict[str, int]:
    return dict(sorted(Counter(values).items()))


def cost_estimate(counts: dict[str, int], unit_costs: dict) -> dict:
    """Low/high estimate in CNY from counts and ``[low, high]`` unit costs."""
    items = {}
    low = high = 0.0
    for name, n in sorted(counts.items()):
        lo, hi = unit_costs[name]
        items[name] = {"count": n, "low": n * lo, "high": n * hi}
        low += n * lo
        high += n * hi
    return {"low": low, "high": high, "items": items}


def gap_summary(components: list[ComponentReport]) -> dict:
    """Totals over components: hosts, lower bound, gap, how many proven optimal."""
    hosts = sum(c.hosts for c in components)
    bound = sum(c.lower_bound for c in components)
    return {"hosts": hosts, "lower_bound": bound, "gap": hosts - bound,
            "gap_pct": round(100.0 * (hosts - bound) / bound, 2) if bound else 0.0,
            "components": len(components), "optimal": sum(c.optimal for c in components),
            "exact": sum(c.solver == "exact" for c in components)}
