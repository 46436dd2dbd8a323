"""Import benchmarks: a manhole ledger of n points (CSV, and the same rows as a
GeoPackage) imported into an empty registry with `layers.importer.import_file` (read,
map, stage with findings, one-transaction commit, report), beside `ogr2ogr` converting
the same file to a GeoPackage in the same run. Peak memory is the child process's.

    /work/venv/bin/python tests/benchmarks/run.py --only import --sizes 100000
"""
from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import numpy as np

from records import record, run_child, value_record

IMPORT = r"""
import json, sys, time, resource
from assets.registry import Registry
from layers.importer import import_file
source, target = sys.argv[1], sys.argv[2]
reg = Registry.create(target, overwrite=True)
start = time.perf_counter()
report = import_file(reg, source, kind="manholes")
seconds = time.perf_counter() - start
reg.close()
print(json.dumps({"seconds": seconds, "imported": report.imported, "read": report.read,
                  "peak_mb": int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024}))
"""

INSCRIPTIONS = ["电力", "通信", "燃气", "雨", "污", "热力"]
OWNERS = ["县供电公司", "县联通公司", "燃气公司", "", "县城建集团", "热力公司"]


def make_ledger(n: int, folder: Path) -> tuple[Path, Path]:
    """A surveyors' CSV (X = northing, as they write it) and the same rows as a GeoPackage."""
    rng = np.random.default_rng(1)
    # a jittered grid over 10 km x 10 km: points at least 40% of a cell apart, as real
    # covers are (uniform random points would put thousands within the 0.5 m at which
    # staging takes two rows of a file for the same cover)
    side = int(np.ceil(np.sqrt(n)))
    cell = 10_000 / side
    k = rng.permutation(side * side)[:n]
    e = 518_000 + (k % side + 0.5 + rng.uniform(-0.3, 0.3, n)) * cell
    north = 4_456_000 + (k // side + 0.5 + rng.uniform(-0.3, 0.3, n)) * cell
    csv_path = folder / f"井盖_{n}.csv"
    kinds = rng.integers(0, len(INSCRIPTIONS), n)
    with open(csv_path, "w", encoding="utf-8-sig") as f:
        f.write("编号,井盖标识,权属单位,井盖材质,备注,X坐标,Y坐标\n")
        lines = (f"JG{i:07d},{INSCRIPTIONS[k]},{OWNERS[k]},铸铁,第{i}号,{north[i]:.3f},{e[i]:.3f}\n"
                 for i, k in enumerate(kinds.tolist()))
        f.writelines(lines)
    gpkg_path = folder / f"井盖_{n}.gpkg"
    gpkg_path.unlink(missing_ok=True)
    subprocess.run(["ogr2ogr", "-f", "GPKG", str(gpkg_path), str(csv_path), "-oo", "X_POSSIBLE_NAMES=Y坐标",
                    "-oo", "Y_POSSIBLE_NAMES=X坐标", "-a_srs", "EPSG:4550", "-nln", "manholes"],
                   check=True, capture_output=True)
    return csv_path, gpkg_path


def ogr2ogr(source: Path, target: Path, *options: str) -> float:
    target.unlink(missing_ok=True)
    start = time.perf_counter()
    subprocess.run(["ogr2ogr", "-f", "GPKG", str(target), str(source), *options], check=True, capture_output=True)
    return time.perf_counter() - start


def run(sizes: list[int], workdir: Path) -> list[dict]:
    if not shutil.which("ogr2ogr"):
        raise RuntimeError("ogr2ogr (gdal-bin) is needed as the anchor")
    records = []
    for n in sizes:
        csv_path, gpkg_path = make_ledger(n, workdir)
        for label, source, options in (
                ("csv", csv_path, ["-oo", "X_POSSIBLE_NAMES=Y坐标", "-oo", "Y_POSSIBLE_NAMES=X坐标",
                                   "-a_srs", "EPSG:4550"]),
                ("gpkg", gpkg_path, [])):
            ours = run_child(IMPORT, source, workdir / f"registry_{label}_{n}.gpkg")
            assert ours["imported"] == n, ours
            anchor = ogr2ogr(source, workdir / f"ogr_{label}_{n}.gpkg", *options)
            records.append(record(f"import.{label}", n, ours["seconds"], f"ogr2ogr {label.upper()}->GPKG", anchor,
                                  goal="ratio <= 1.5", max_ratio=1.5))
            memory = value_record(f"import.{label}.peak_memory", n, round(ours["peak_mb"]), "MB",
                                  goal="<= 1024 MB at 1M")
            if n >= 1_000_000:
                memory["met"] = ours["peak_mb"] <= 1024
            records.append(memory)
    return records
