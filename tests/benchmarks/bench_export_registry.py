"""Exporting from the registry (every kind, every field, names beside codes) to GPKG,
Shapefile, GeoJSON and CSV, beside ogr2ogr converting the registry's own layers to the
same format in the same run.

    python tests/benchmarks/run.py --only export_registry --sizes 100000,1000000 [--workdir W]

The registry is ``workdir/registry_{n}.gpkg`` as bench_registry builds it (reused when
present). Ours is timed from opening the registry to the last file written (sidecar
included), in a fresh process each run; ogr2ogr gets the same layers, the same target CRS
and the same encoding. ``values=codes`` writes the same columns ogr2ogr writes; the default
(``both``) adds a name column per coded field. Goals: ratio <= 1.0 for GPKG, <= 1.5 others.

Measured 2026-11-28 04:35-04:42 on the shared 2-core machine (load 3-4.5, so +-25% and
worse: the ratios of one run are what count), seconds, ours/ogr2ogr:

    format    100k both   100k codes  ogr2ogr |  1M both   1M codes  ogr2ogr
    gpkg      1.07 0.85   0.90 0.72   1.26    |   5.7 0.21   4.6 0.17  26.6
    shp       1.34 1.42   1.02 1.08   0.94    |   8.7 0.89   9.2 0.94   9.8
    geojson   2.82 0.84   2.22 0.66   3.38    |  44.7 1.34  34.0 1.02  33.5
    csv       1.52 1.32   1.38 1.20   1.15    |  20.9 1.22  16.1 0.94  17.1

(Before: gpkg 1.65/1.45 at 100k, shp 2.49/2.15, csv 1.63/1.48. Peak memory at 1M:
~200-250 MB for gpkg/shp/csv, ~2 GB for geojson, which still reads every value.)

GPKG, UTF-8 Shapefile and CSV no longer take the values through Python: the registry is
attached to the GeoPackage being written and each chunk is one INSERT ... SELECT (layers/export/gpkg_copy.py), and SQLite composes each .dbf
record or CSV row with one printf (dbf_copy.py, csv_copy.py); what Python still reads is
fid and geometry (for the target CRS, the R-tree and the .shp). Of a 100k Shapefile
export about 0.3 s is starting Python (assets.registry imports shapely and pyproj), 0.1 s
reading positions, and the rest two SQLite passes over the records (widths, then records;
the names shown beside codes are CASE expressions, about a third of it). A GBK Shapefile
takes the Python .dbf writer (SQLite pads only UTF-8), which is slower.
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from records import record, run_child

ROOT = Path(__file__).resolve().parents[2]
KINDS = ["manholes", "poles", "boxes", "billboards", "toilets", "trees"]

EXPORT = r"""
import json, resource, sys, time
start = time.perf_counter()
from assets.registry import Registry
from layers.registry_export import export_registry
path, fmt, out, values = sys.argv[1:5]
with Registry.open(path, readonly=True) as reg:
    result = export_registry(reg, kinds=%r, fmt=fmt, out_path=out, values=values)
print(json.dumps({"seconds": time.perf_counter() - start, "total": result.total,
                  "peak_mb": int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024}))
""" % (KINDS,)

# format → (ogr2ogr driver, extra args, one call per layer?, goal, max ratio)
CASES = {
    "gpkg": ("GPKG", [], False, "ratio <= 1.0", 1.0),
    "shp": ("ESRI Shapefile", ["-lco", "ENCODING=UTF-8"], False, "ratio <= 1.5", 1.5),
    "geojson": ("GeoJSON", ["-t_srs", "EPSG:4326", "-lco", "RFC7946=YES"], True, "ratio <= 1.5", 1.5),
    "csv": ("CSV", ["-lco", "GEOMETRY=AS_XY"], False, "ratio <= 1.5", 1.5),
}


def _clear(path: Path) -> None:
    """Remove an earlier output: the file(s), its sidecar, or the folder of per-layer files."""
    for p in [*path.parent.glob(path.name + "*"), *path.parent.glob(path.stem + ".meta.json"), path.with_suffix("")]:
        if p.is_dir():
            shutil.rmtree(p)
        elif p.exists():
            p.unlink()


def _ours(registry: Path, fmt: str, out: Path, values: str) -> dict:
    _clear(out)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", EXPORT, str(registry), fmt, str(out), values],
                          capture_output=True, text=True, env=env, cwd=ROOT)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _ogr2ogr(ogr2ogr: str, registry: Path, fmt: str, out: Path) -> float:
    driver, args, per_layer, _, _ = CASES[fmt]
    _clear(out)
    start = time.perf_counter()
    if per_layer:   # GeoJSON holds one layer per file
        out.mkdir(parents=True)
        for name in KINDS:
            subprocess.run([ogr2ogr, "-f", driver, str(out / f"{name}.{fmt}"), str(registry), name, *args],
                           check=True, capture_output=True)
    else:
        subprocess.run([ogr2ogr, "-f", driver, str(out), str(registry), *KINDS, *args], check=True,
                       capture_output=True)
    return time.perf_counter() - start


def run(sizes: list[int], workdir: Path, formats=tuple(CASES), modes=("both", "codes")) -> list[dict]:
    from bench_registry import BUILD
    ogr2ogr = shutil.which("ogr2ogr")
    records = []
    for n in sizes:
        registry = workdir / f"registry_{n}.gpkg"
        if not registry.exists():
            run_child(BUILD, n, registry)
        runs = 3 if n <= 200_000 else 1
        for fmt in formats:
            anchor = None
            if ogr2ogr:
                # several layers: GPKG holds them in one file, the others in a folder
                out = workdir / (f"ogr_{n}.{fmt}" if fmt == "gpkg" else f"ogr_{n}_{fmt}")
                anchor = statistics.median(_ogr2ogr(ogr2ogr, registry, fmt, out)
                                           for _ in range(runs))
            for values in modes:
                results = [_ours(registry, fmt, workdir / f"ours_{n}_{values}.{fmt}", values) for _ in range(runs)]
                seconds = statistics.median(r["seconds"] for r in results)
                records.append(record(f"export_registry.{fmt}.{values}", results[0]["total"], seconds,
                                      f"ogr2ogr GPKG->{CASES[fmt][0]}", anchor, goal=CASES[fmt][3],
                                      max_ratio=CASES[fmt][4], peak_mb=round(max(r["peak_mb"] for r in results))))
                print(f"  {fmt} {values} n={results[0]['total']}: {seconds:.2f} s vs {anchor or float('nan'):.2f} s",
                      file=sys.stderr, flush=True)
    return records


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from records import table
    work = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/tmp/xiucity-bench")
    work.mkdir(parents=True, exist_ok=True)
    print(table(run([int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "100000").split(",")], work)))
