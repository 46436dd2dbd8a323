"""Registry benchmarks: building a registry, a 1%-of-area bounding-box query, `info`,
file size and peak memory, each beside fiona and ogr2ogr on the same points."""
from __future__ import annotations

import csv
import json
import shutil
import subprocess
import time
from pathlib import Path

from records import record, run_child, value_record

from assets.kinds import KIND_NAMES

BUILD = r"""
import json, sys, time, resource
from assets.demo_town import generate, build_demo
n, path = int(sys.argv[1]), sys.argv[2]
generated = generate(n, seed=1)
start = time.perf_counter()
build_demo(path, n, generated=generated, overwrite=True).close()
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_mb": int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024}))
"""

EXPORT_POINTS = r"""
import csv, json, sys
from pathlib import Path
from assets.registry import Registry
from assets.kinds import KIND_NAMES, kind
reg = Registry.open(sys.argv[1], readonly=True)
out = Path(sys.argv[2])
# one file of every point with 5 fields (the fiona anchor), and one file per kind with every
# field the registry holds (the ogr2ogr anchor: the same data, not a thinner table)
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["x", "y", "kind", "subtype", "owner", "road", "status"])
    for name in KIND_NAMES:
        fields = [fl.name for fl in kind(name).fields]
        pts = reg.points(name, columns=tuple(fields))
        for row in zip(pts["x"], pts["y"], pts["subtype"], pts["owner_code"], pts["road"], pts["status"]):
            w.writerow([f"{row[0]:.3f}", f"{row[1]:.3f}", name, *row[2:]])
        with open(out.with_name(out.stem + f"_{name}.csv"), "w", newline="", encoding="utf-8") as g:
            wk = csv.writer(g)
            wk.writerow(["x", "y", *fields])
            for i in range(len(pts["x"])):
                wk.writerow([f"{pts['x'][i]:.3f}", f"{pts['y'][i]:.3f}", *(pts[c][i] for c in fields)])
print(json.dumps({}))
"""

FIONA_WRITE = r"""
import csv, json, sys, time, resource
import fiona
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
schema = {"geometry": "Point", "properties": {"kind": "str", "subtype": "str", "owner": "str", "road": "str",
                                              "status": "str"}}
start = time.perf_counter()
with fiona.open(sys.argv[2], "w", driver="GPKG", crs="EPSG:4550", schema=schema) as dst:
    dst.writerecords({"geometry": {"type": "Point", "coordinates": (float(r["x"]), float(r["y"]))},
                      "properties": {k: r[k] for k in ("kind", "subtype", "owner", "road", "status")}} for r in rows)
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mb": int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024}))
"""

QUERY = r"""
import json, sys, time
from assets.registry import Registry
from assets.kinds import KIND_NAMES
reg = Registry.open(sys.argv[1], readonly=True)
x0, y0, x1, y1 = reg.extent()
w, h = (x1 - x0) * 0.1, (y1 - y0) * 0.1
cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
def q():
    return sum(len(reg.fids(k, bbox=box)) for k in KIND_NAMES)
q()
times = []
for _ in range(5):
    s = time.perf_counter(); found = q(); times.append(time.perf_counter() - s)
print(json.dumps({"seconds": min(times), "found": found, "box": box}))
"""

FIONA_QUERY = r"""
import json, sys, time
import fiona
box = tuple(json.loads(sys.argv[2]))
def q():
    with fiona.open(sys.argv[1]) as src:
        return sum(1 for _ in src.filter(bbox=box))
q()
times = []
for _ in range(5):
    s = time.perf_counter(); found = q(); times.append(time.perf_counter() - s)
print(json.dumps({"seconds": min(times), "found": found}))
"""

INFO = r"""
import json, sys, time
start = time.perf_counter()
from assets.registry import Registry
from desktop.cli_registry import registry_info
t0 = time.perf_counter()
with Registry.open(sys.argv[1], readonly=True) as reg:
    registry_info(reg)
print(json.dumps({"seconds": time.perf_counter() - t0}))
"""

FIONA_INFO = r"""
import json, sys, time
import fiona
t0 = time.perf_counter()
for layer in fiona.listlayers(sys.argv[1]):
    with fiona.open(sys.argv[1], layer=layer) as src:
        len(src); src.bounds
print(json.dumps({"seconds": time.perf_counter() - t0}))
"""


def run(sizes: list[int], workdir: Path) -> list[dict]:
    records = []
    ogr2ogr = shutil.which("ogr2ogr")
    for n in sizes:
        ours = workdir / f"registry_{n}.gpkg"
        build = run_child(BUILD, n, ours)
        from assets.registry import Registry
        with Registry.open(ours, readonly=True) as reg:
            actual = sum(reg.counts().values())
        points = workdir / f"points_{n}.csv"
        run_child(EXPORT_POINTS, ours, points)
        fiona_path = workdir / f"fiona_{n}.gpkg"
        fiona_path.unlink(missing_ok=True)
        fiona_run = run_child(FIONA_WRITE, points, fiona_path)
        records.append(record("registry.build", actual, build["seconds"], "fiona GPKG", fiona_run["seconds"],
                              goal="<= ogr2ogr"))
        if ogr2ogr:
            ogr_path = workdir / f"ogr_{n}.gpkg"
            ogr_path.unlink(missing_ok=True)
            start = time.perf_counter()
            for name in KIND_NAMES:
                subprocess.run([ogr2ogr, "-f", "GPKG", *(["-update"] if ogr_path.exists() else []), str(ogr_path),
                                str(points.with_name(points.stem + f"_{name}.csv")), "-oo", "X_POSSIBLE_NAMES=x",
                                "-oo", "Y_POSSIBLE_NAMES=y", "-oo", "KEEP_GEOM_COLUMNS=NO", "-a_srs", "EPSG:4550",
                                "-nln", name], check=True, capture_output=True)
            records.append(record("registry.build", actual, build["seconds"], "ogr2ogr CSV->GPKG, all fields",
                                  time.perf_counter() - start, goal="ratio <= 1.0",
                                  max_ratio=1.0 if n >= 1_000_000 else None))
        query = run_child(QUERY, ours)
        fq = run_child(FIONA_QUERY, fiona_path, json.dumps(query["box"]))
        records.append(record("registry.bbox_query_1pct", actual, query["seconds"], "fiona bbox filter",
                              fq["seconds"], goal="<= 0.050 s at 1M", found=query["found"], max_seconds=0.050))
        info = run_child(INFO, ours)
        finfo = run_child(FIONA_INFO, fiona_path)
        records.append(record("registry.info", actual, info["seconds"], "fiona open+count+bounds",
                              finfo["seconds"], goal="<= 0.5 s at 1M", max_seconds=0.5))
        records.append(value_record("registry.file_size", actual, round(ours.stat().st_size / 2**20, 1), "MB",
                                    "fiona GPKG (5 fields)", round(fiona_path.stat().st_size / 2**20, 1)))
        records.append(value_record("registry.build_peak_memory", actual, round(build["peak_mb"]), "MB",
                                    "fiona write", round(fiona_run["peak_mb"])))
    return records
