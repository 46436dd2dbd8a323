"""Benchmark records and their table: every figure beside an anchor measured in the same run.

A record: ``{"name", "n", "seconds", "anchor", "anchor_seconds", "ratio"}``; figures that
are not times (sizes, memory) use ``value``/``anchor_value`` with a ``unit`` instead.
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from contextlib import contextmanager


def record(name, n, seconds, anchor=None, anchor_seconds=None, goal=None, **extra) -> dict:
    ratio = (seconds / anchor_seconds) if (seconds is not None and anchor_seconds) else None
    rec = {"name": name, "n": n, "seconds": _round(seconds), "anchor": anchor,
           "anchor_seconds": _round(anchor_seconds), "ratio": _round(ratio)}
    if goal:
        rec["goal"] = goal
    rec.update(extra)
    return rec


def value_record(name, n, value, unit, anchor=None, anchor_value=None, goal=None) -> dict:
    ratio = (value / anchor_value) if (value is not None and anchor_value) else None
    rec = {"name": name, "n": n, "seconds": None, "value": _round(value), "unit": unit, "anchor": anchor,
           "anchor_seconds": None, "anchor_value": _round(anchor_value), "ratio": _round(ratio)}
    if goal:
        rec["goal"] = goal
    return rec


def _round(v):
    return None if v is None else round(float(v), 4)


@contextmanager
def timer():
    box = {}
    start = time.perf_counter()
    yield box
    box["seconds"] = time.perf_counter() - start


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def run_child(code: str, *args) -> dict:
    """Run Python code in a fresh process; it prints one JSON object as its last line. Adds
    the child's peak memory (MB) as ``peak_mb``."""
    proc = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    return out


CHILD_PEAK = "import resource; _peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024"


def table(records: list[dict]) -> str:
    lines = [f"{'name':<34}{'n':>9}{'value':>12}{'anchor':>22}{'anchor value':>14}{'ratio':>8}  goal"]
    for r in records:
        if r.get("seconds") is not None:
            value, anchor_value = f"{r['seconds']:.3f} s", (f"{r['anchor_seconds']:.3f} s" if r["anchor_seconds"]
                                                              is not None else "-")
        else:
            unit = r.get("unit", "")
            value = f"{r.get('value')} {unit}"
            anchor_value = f"{r['anchor_value']} {unit}" if r.get("anchor_value") is not None else "-"
        ratio = f"{r['ratio']:.2f}" if r.get("ratio") is not None else "-"
        lines.append(f"{r['name']:<34}{r['n']:>9}{value:>12}{str(r.get('anchor') or '-'):>22}{anchor_value:>14}"
                     f"{ratio:>8}  {r.get('goal', '')}")
    return "\n".join(lines)


_ = resource
