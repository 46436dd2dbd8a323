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


def record(name, n, seconds, anchor=None, anchor_seconds=None, goal=None, *, max_seconds=None,
           max_ratio=None, **extra) -> dict:
    """One figure beside its anchor. ``max_seconds``/``max_ratio`` make the goal checkable:
    the record then says whether it was ``met``."""
    ratio = (seconds / anchor_seconds) if (seconds is not None and anchor_seconds) else None
    rec = {"name": name, "n": n, "seconds": _round(seconds), "anchor": anchor,
           "anchor_seconds": _round(anchor_seconds), "ratio": _round(ratio)}
    if goal:
        rec["goal"] = goal
    checks = []
    if max_seconds is not None and seconds is not None:
        checks.append(seconds <= max_seconds)
    if max_ratio is not None and ratio is not None:
        checks.append(ratio <= max_ratio)
    if checks:
        rec["met"] = all(checks)
    rec.update(extra)
    return rec


def value_record(name, n, value, unit, anchor=None, anchor_value=None, goal=None, *, max_value=None) -> dict:
    ratio = (value / anchor_value) if (value is not None and anchor_value) else None
    rec = {"name": name, "n": n, "seconds": None, "value": _round(value), "unit": unit, "anchor": anchor,
           "anchor_seconds": None, "anchor_value": _round(anchor_value), "ratio": _round(ratio)}
    if goal:
        rec["goal"] = goal
    if max_value is not None and value is not None:
        rec["met"] = value <= max_value
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


# Peak memory of a child: VmHWM of its own address space. (ru_maxrss is not it: on Linux a
# child starts with the peak its parent had when it forked, which hid the child's own figure.)
CHILD_PEAK = "_peak = lambda: int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0]) / 1024"


def markdown(records: list[dict], machine: dict) -> str:
    """The performance report: every figure, its anchor in the same run, the ratio, the goal."""
    lines = [f"# XiuCity performance report", "",
             f"Machine: {machine.get('platform')}, {machine.get('cpus')} CPUs, Python {machine.get('python')}; "
             f"run {machine.get('when')}. Single runs: use the ratios, which were measured in the same run.", "",
             "| name | n | figure | anchor | anchor figure | ratio | goal | met |", "|---|---|---|---|---|---|---|---|"]
    for r in records:
        if r.get("seconds") is not None:
            fig = f"{r['seconds']:.3f} s"
            anc = f"{r['anchor_seconds']:.3f} s" if r.get("anchor_seconds") is not None else "–"
        else:
            fig = f"{r.get('value')} {r.get('unit', '')}"
            anc = f"{r['anchor_value']} {r.get('unit', '')}" if r.get("anchor_value") is not None else "–"
        ratio = f"{r['ratio']:.2f}" if r.get("ratio") is not None else "–"
        met = {True: "yes", False: "**no**"}.get(r.get("met"), "")
        lines.append(f"| {r['name']} | {r['n']:,} | {fig} | {r.get('anchor') or '–'} | {anc} | {ratio} | "
                     f"{r.get('goal', '')} | {met} |")
    missed = [r for r in records if r.get("met") is False]
    lines += ["", f"Goals missed: {len(missed)}" + (": " + ", ".join(f"{r['name']} ({r['n']:,})" for r in missed)
                                                  if missed else "")]
    return "\n".join(lines) + "\n"


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
        met = {True: "  ok", False: "  MISSED"}.get(r.get("met"), "")
        lines.append(f"{r['name']:<34}{r['n']:>9}{value:>12} {str(r.get('anchor') or '-')[:28]:>28}{anchor_value:>14}"
                     f"{ratio:>8}  {r.get('goal', '')}{met}")
    return "\n".join(lines)


_ = resource
