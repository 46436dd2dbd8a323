"""Benchmark: pole merge planning on a synthetic town of 10k and 100k poles.

Run on demand (not collected by pytest)::

    /work/venv/bin/python tests/benchmarks/bench_planner.py [10000 100000 ...]

Prints one JSON record per line ``{"name", "n", "seconds", "anchor", "anchor_seconds",
"ratio", ...}`` and then a table. The anchor is chaining clustering (poles within 10 m
joined transitively, STRtree + connected components: what DBSCAN with min_samples=1
does): fast, but its groups have unbounded size and ignore bands, anchors and barriers,
which is why the planner does not use it. ``gap`` is hosts minus the proven lower bound.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "assets")]

import numpy as np  # noqa: E402
import shapely  # noqa: E402
from scipy.sparse import coo_matrix  # noqa: E402
from scipy.sparse.csgraph import connected_components  # noqa: E402

from assets.merge_invariants import check_plan_invariants  # noqa: E402
from assets.merge_planner import Box, Compartment, plan_boxes, plan_poles  # noqa: E402
from assets.merge_rules import load_rules  # noqa: E402
from merge_town import town  # noqa: E402


def chaining(poles, distance=10.0):
    """Cluster-within-distance: the naive method the domain notes warn about."""
    xy = np.array([[p.x, p.y] for p in poles])
    pts = shapely.points(xy)
    a, b = shapely.STRtree(pts).query(pts, predicate="dwithin", distance=distance)
    graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(len(xy), len(xy)))
    n, labels = connected_components(graph, directed=False)
    return n, int(np.bincount(labels).max())


def best_of(repeats, fn):
    times, result = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def bench_poles(n, rules, repeats):
    poles, devices, barriers = town(n, seed=7, unconfirmed=0.05)
    seconds, plan = best_of(repeats, lambda: plan_poles(poles, devices, barriers, rules))
    anchor_seconds, (clusters, biggest) = best_of(repeats, lambda: chaining(poles))
    problems = check_plan_invariants(plan, (poles, devices, barriers), rules)
    s = plan.stats
    return {
        "name": "plan_poles", "n": len(poles), "seconds": round(seconds, 3),
        "anchor": "chaining_10m", "anchor_seconds": round(anchor_seconds, 3),
        "ratio": round(seconds / anchor_seconds, 2),
        "devices": len(devices), "hosts": s["hosts"], "lower_bound": s["lower_bound_hosts"],
        "gap": s["gap_hosts"], "gap_pct": round(100.0 * s["gap_hosts"] / max(1, s["lower_bound_hosts"]), 2),
        "components": s["components"], "components_optimal": s["components_optimal"],
        "exact_components": sum(c.solver == "exact" for c in plan.components),
        "largest_component": max((c.candidate_hosts for c in plan.components), default=0),
        "reduction_pct": s["reduction_pct"], "new_poles": s["new_poles"],
        "anchor_clusters": clusters, "anchor_largest_cluster": biggest,
        "invariants_ok": not problems,
    }


def dense_street(n, seed=9):
    """Poles scattered at random (one per ~150 m²) between roads 100 m apart, with
    random devices: large tangled components, where greedy and bound can differ."""
    from assets.merge_planner import Barrier, Device, Pole
    rng = np.random.default_rng(seed)
    side = float(np.sqrt(n * 150.0))
    types = ["street_light", "traffic_sign", "camera", "road_name_plate", "micro_cell", "guidance_screen",
             "traffic_sign", "camera", "vehicle_signal"]
    weights = np.array([5, 4, 3, 2, 1, 1, 0, 0, 0.3])
    poles, devices = [], []
    for k, (x, y) in enumerate(rng.uniform(0, side, (n, 2))):
        pid = f"P{k:07d}"
        poles.append(Pole(pid, float(x), float(y), "0118" if k % 3 else "0209", "ordinary", 8.0, None, True))
        for j in range(int(rng.integers(1, 3))):
            t = types[int(rng.choice(len(types), p=weights / weights.sum()))]
            devices.append(Device(f"{pid}-{j}", t, f"owner{int(rng.integers(0, 5))}", pid))
    barriers = [Barrier(np.array([[-10.0, v], [side + 10, v]])) for v in np.arange(0, side, 100.0)]
    barriers += [Barrier(np.array([[v, -10.0], [v, side + 10]])) for v in np.arange(0, side, 100.0)]
    return poles, devices, barriers


def bench_dense(n, rules, repeats, exact_limit=40, roads=True):
    poles, devices, barriers = dense_street(n)
    if not roads:  # one tangled component of n poles: the solver's worst case
        barriers = []
    seconds, plan = best_of(repeats, lambda: plan_poles(poles, devices, barriers, rules, exact_limit=exact_limit))
    anchor_seconds, _ = best_of(repeats, lambda: chaining(poles))
    s = plan.stats
    problems = check_plan_invariants(plan, (poles, devices, barriers), rules)
    return {"name": f"dense_x{exact_limit}" if roads else "blob_noroad", "n": n, "seconds": round(seconds, 3), "anchor": "chaining_10m",
            "anchor_seconds": round(anchor_seconds, 3), "ratio": round(seconds / anchor_seconds, 2),
            "hosts": s["hosts"], "lower_bound": s["lower_bound_hosts"], "gap": s["gap_hosts"],
            "gap_pct": round(100.0 * s["gap_hosts"] / max(1, s["lower_bound_hosts"]), 2),
            "components": s["components"], "components_optimal": s["components_optimal"],
            "exact_components": sum(c.solver == "exact" for c in plan.components),
            "largest_component": max((c.candidate_hosts for c in plan.components), default=0),
            "reduction_pct": s["reduction_pct"], "invariants_ok": not problems}


def bench_boxes(n, rules, repeats):
    rng = np.random.default_rng(5)
    side = np.sqrt(n) * 40.0
    boxes = [Box(f"B{k:07d}", float(x), float(y), "0116", bool(rng.random() < 0.6), None, True)
             for k, (x, y) in enumerate(rng.uniform(0, side, (n, 2)))]
    comps = [Compartment(f"C{k:07d}", "other", f"owner{int(rng.integers(0, 8))}", boxes[k % n].id)
             for k in range(int(n * 1.3))]
    seconds, plan = best_of(repeats, lambda: plan_boxes(boxes, comps, [], rules))
    anchor_seconds, _ = best_of(repeats, lambda: chaining(boxes, rules.boxes.max_move_m))
    s = plan.stats
    return {"name": "plan_boxes", "n": n, "seconds": round(seconds, 3), "anchor": "chaining_30m",
            "anchor_seconds": round(anchor_seconds, 3), "ratio": round(seconds / anchor_seconds, 2),
            "hosts": len(plan.groups), "lower_bound": s["lower_bound_hosts"], "gap": s["gap_hosts"],
            "reduction_pct": s["reduction_pct"]}


def registry_town(n, path):
    """A registry holding the synthetic town of about ``n`` poles (ownership confirmed), its
    roads as the reference layer; returns the open registry and the in-memory inputs."""
    from assets.registry import Registry
    poles, devices, barriers = town(n, seed=7)
    ox, oy = 520000.0, 4455000.0
    reg = Registry.create(path, overwrite=True)
    reg.set_reference("roads", [(shapely.LineString(b.coords + [ox, oy]), {"name": f"路{k}", "road_class": "main"})
                                for k, b in enumerate(barriers)])
    index = {p.id: i for i, p in enumerate(poles)}
    columns = {"subtype": [p.subtype for p in poles], "structure": [p.structure for p in poles],
               "height_m": [p.height_m for p in poles], "road": [f"路{int(p.y // 150)}" for p in poles],
               "ownership": ["confirmed"] * len(poles)}
    bands = {"street_light": "top", "micro_cell": "top", "camera": "top", "vehicle_signal": "upper",
             "ped_signal": "lower", "road_name_plate": "lower"}
    mounts = [(index[d.pole_id], {"device_type": d.type, "band": bands.get(d.type, "middle")}) for d in devices]
    reg.bulk_insert("poles", columns, np.array([p.x for p in poles]) + ox, np.array([p.y for p in poles]) + oy,
                    mounts=mounts, undoable=False)
    return reg, (poles, devices, barriers)


def run(sizes, workdir):
    """Records for tests/benchmarks/run.py: merge planning through the registry (read the
    poles and mounts, plan, check, store the groups; cut a batch; apply it and revert it)
    at 10k and 100k poles (sizes above 100k are planned at 100k: the planner is measured
    on its own above). Anchor: ``plan_poles`` alone on the same poles in memory, so the
    ratio is what the registry around it costs; ``plan_poles`` itself is recorded too,
    against chaining clustering, with the 2 s goal at 100k and the invariant check time."""
    from assets import merge_plans as mp
    from records import record
    rules = load_rules()
    out = []
    for n in sorted({min(int(s), 100_000) for s in sizes} | {10_000}):
        reg, (poles, devices, barriers) = registry_town(n, Path(workdir) / f"planner_{n}.gpkg")
        try:
            anchor, plan = best_of(2, lambda: plan_poles(poles, devices, barriers, rules))
            chain_seconds, _ = best_of(2, lambda: chaining(poles))
            check_seconds, problems = best_of(1, lambda: check_plan_invariants(plan, (poles, devices, barriers),
                                                                                rules))
            s = plan.stats
            out.append(record("plan_poles", len(poles), anchor, "chaining_10m", chain_seconds,
                              "plan in memory within 2 s at 100k poles", max_seconds=2.0,
                              check_seconds=round(check_seconds, 3), invariants_ok=not problems,
                              hosts=s["hosts"], lower_bound=s["lower_bound_hosts"], gap_hosts=s["gap_hosts"],
                              components=s["components"], components_optimal=s["components_optimal"],
                              direct_components=sum(c.solver == "direct" for c in plan.components),
                              exact_components=sum(c.solver == "exact" for c in plan.components)))
            t = time.perf_counter()
            plan_id = mp.create_plan(reg, "poles", "bench")
            seconds = time.perf_counter() - t
            stats = mp.plan_stats(reg, plan_id)
            out.append(record("merge_plan_registry", len(poles), seconds, "plan_poles in memory", anchor,
                              "read + plan + check + store within 4x the planner alone", max_ratio=4.0,
                              reduction_pct=stats["reduction_pct"], groups=stats["groups"],
                              components_optimal=stats["components_optimal"], components=stats["components"],
                              gap_hosts=stats["gap_hosts"]))
            # a planner's hand edit on the whole plan: split a removed pole off a group
            group = next(g for g in mp.plan_groups(reg, plan_id) if g["removed"])
            t = time.perf_counter()
            mp.split_group(reg, plan_id, group["group_no"], [group["removed"][0]["code"]])
            out.append(record("merge_plan_edit", len(poles), time.perf_counter() - t,
                              goal="a hand edit (split) within 0.5 s", max_seconds=0.5))
            t = time.perf_counter()
            batch = mp.create_batch(reg, plan_id, "bench", road="路1")
            batch_seconds = time.perf_counter() - t
            t = time.perf_counter()
            applied = mp.apply_batch(reg, batch)
            apply_seconds = time.perf_counter() - t
            t = time.perf_counter()
            mp.revert_batch(reg, batch)
            revert_seconds = time.perf_counter() - t
            out.append(record("merge_batch_create", len(poles), batch_seconds, groups=applied["groups"]))
            out.append(record("merge_batch_apply", len(poles), apply_seconds, "merge_batch_revert", revert_seconds,
                              "a road batch applies in under 2 s", max_seconds=2.0,
                              groups=applied["groups_changing"], removed=applied["removed"],
                              moved=applied["devices_moved"]))
        finally:
            reg.close()
        for r in out[-4:]:
            print(json.dumps(r, ensure_ascii=False), file=sys.stderr, flush=True)
    return out


def main(argv):
    sizes = [int(a) for a in argv] or [10_000, 100_000]
    rules = load_rules()
    records = []
    for n in sizes:
        records.append(bench_poles(n, rules, repeats=3 if n <= 20_000 else 1))
        print(json.dumps(records[-1], ensure_ascii=False), flush=True)
    for limit in (40, 100):  # default exact limit, and a larger one: how far greedy is from optimal
        records.append(bench_dense(min(sizes), rules, repeats=1, exact_limit=limit))
        print(json.dumps(records[-1], ensure_ascii=False), flush=True)
    records.append(bench_dense(min(sizes), rules, repeats=1, roads=False))
    print(json.dumps(records[-1], ensure_ascii=False), flush=True)
    records.append(bench_boxes(min(sizes), rules, repeats=3))
    print(json.dumps(records[-1], ensure_ascii=False), flush=True)
    print()
    print(f"{'name':<12}{'n':>8}{'seconds':>9}{'anchor s':>10}{'ratio':>7}{'hosts':>8}{'bound':>8}{'gap':>6}{'reduct%':>9}")
    for r in records:
        print(f"{r['name']:<12}{r['n']:>8}{r['seconds']:>9.3f}{r['anchor_seconds']:>10.3f}{r['ratio']:>7.1f}"
              f"{r['hosts']:>8}{r['lower_bound']:>8}{r['gap']:>6}{r['reduction_pct']:>9.1f}")


if __name__ == "__main__":
    main(sys.argv[1:])
