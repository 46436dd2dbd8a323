"""Integer programming for small merge components (scipy's HiGHS through ``milp``).

Variables: x (item, host, slot) binaries, y (host open) binaries, plus whatever the
capacity model needs (owners per cabinet). The host count is put first by weighting
each open host with more than any possible movement sum.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .merge_capacity import CapacityModel
    from .merge_cover import Component

def _program(comp: Component, model: CapacityModel):
    """The integer program's pieces: columns x (item, host, slot), then y (host), then
    the capacity model's own variables; rows: each item once, x <= y, capacities."""
    from scipy.sparse import coo_array

    n, m = len(comp.cands), len(comp.forced)
    cols, cost = [], []  # (item, host, slot)
    for i, cands in enumerate(comp.cands):
        for dist, h in cands:
            for slot in model.slots(comp.keys[i]):
                cols.append((i, h, slot))
                cost.append(dist)
    nx = len(cols)
    extra_names, extra_rows = model.milp_rows(cols, m, nx)
    nv = nx + m + len(extra_names)
    rows, cidx, vals, lo, hi = [], [], [], [], []
    for k, (i, _, _) in enumerate(cols):  # rows 0..n-1: each item exactly once
        rows.append(i); cidx.append(k); vals.append(1.0)
    lo += [1.0] * n
    hi += [1.0] * n
    r = n
    pair_rows: dict[tuple[int, int], int] = {}
    for k, (i, h, _) in enumerate(cols):  # x <= y
        if (i, h) not in pair_rows:
            pair_rows[(i, h)] = r
            rows.append(r); cidx.append(nx + h); vals.append(-1.0)
            lo.append(-np.inf); hi.append(0.0); r += 1
        rows.append(pair_rows[(i, h)]); cidx.append(k); vals.append(1.0)
    for terms, upper in extra_rows:  # capacity rows from the model
        for var, coef in terms:
            rows.append(r); cidx.append(var); vals.append(coef)
        lo.append(-np.inf); hi.append(upper); r += 1
    a = coo_array((vals, (rows, cidx)), shape=(r, nv)).tocsr()
    lb = np.zeros(nv)
    lb[nx:nx + m] = [1.0 if f else 0.0 for f in comp.forced]
    return cols, np.array(cost), nx, nv, a, np.array(lo), np.array(hi), lb


def lp_bound(comp: Component, model: CapacityModel) -> int | None:
    """Lower bound on hosts from the linear relaxation (HiGHS), or None if it fails."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    cols, _, nx, nv, a, lo, hi, lb = _program(comp, model)
    c = np.zeros(nv)
    c[nx:nx + len(comp.forced)] = 1.0
    res = milp(c, integrality=np.zeros(nv), bounds=Bounds(lb, np.ones(nv)),
               constraints=LinearConstraint(a, lo, hi))
    if res.status != 0 or res.fun is None:
        return None
    return math.ceil(res.fun - 1e-6)


def solve_exact(comp: Component, model: CapacityModel, node_limit: int = 20000):
    """Integer program with HiGHS: ``min Σ y_h (B + p_h) + Σ d x``, B larger than any
    movement sum so host count comes first. Returns ``(host_of, slot_of, proven, bound)``
    or None if HiGHS found nothing within its node limit."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    n, m = len(comp.cands), len(comp.forced)
    big = 1.0 + sum(max(d for d, _ in c) for c in comp.cands) + sum(comp.penalty)
    cols, cost, nx, nv, a, lo, hi, lb = _program(comp, model)
    c = np.zeros(nv)
    c[:nx] = cost
    c[nx:nx + m] = [big + p for p in comp.penalty]
    res = milp(c, integrality=np.ones(nv), bounds=Bounds(lb, np.ones(nv)),
               constraints=LinearConstraint(a, lo, hi),
               options={"node_limit": node_limit, "mip_rel_gap": 0.0, "presolve": True})
    if res.x is None:
        return None
    x = np.round(res.x).astype(int)
    host_of = [-1] * n
    slot_of = [None] * n
    for k, (i, h, slot) in enumerate(cols):
        if x[k]:
            host_of[i], slot_of[i] = h, slot
    if min(host_of) < 0:
        return None
    proven = res.status == 0
    dual = getattr(res, "mip_dual_bound", None)
    max_move = big - 1.0 - sum(comp.penalty)
    if proven or dual is None or not math.isfinite(dual):
        bound = len(set(host_of)) if proven else 0
    else:
        bound = max(0, math.ceil((dual - max_move) / (big + max(comp.penalty, default=0)) - 1e-9))
    return host_of, slot_of, proven, bound
