"""Export speed against ogr2ogr (GDAL's command line) on 100k synthetic manholes.

Not collected by pytest. Run on demand:

    cd <worktree> && PYTHONPATH=. /work/venv/bin/python tests/benchmarks/bench_export.py [N [FORMAT...]]

For each format it times our writer (from the in-memory table, including value
conversion and any CRS transform) and ogr2ogr converting the GeoPackage we wrote to the
same format with the same CRS, and prints the ratio (ours / ogr2ogr; goal: GeoPackage
<= 1.0, the others <= 1.5). Medians of 3 runs (1 for the slow KML/DXF/XLSX).
"""
from __future__ import annotations

import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from layers.export import ExportField, ExportLayer, export_layers

FIELDS = [
    ExportField("code", "标识码", "text"), ExportField("name", "名称", "text"),
    ExportField("subtype", "小类", "text"), ExportField("owner_code", "权属单位", "text"),
    ExportField("road", "所在道路", "text"), ExportField("status", "部件状态", "text"),
    ExportField("init_date", "初始日期", "date"), ExportField("height_diff_mm", "高差(mm)", "real"),
    ExportField("cover_size_mm", "井盖尺寸(mm)", "integer"), ExportField("anti_fall_net", "防坠网", "boolean"),
]
ROADS = ["迎宾路", "阜昌路", "兴隆大街", "雅河路", "北环路"]
OWNERS = ["GDGS", "LTGS", "CJJT", "RQGS"]
STATUSES = ["intact", "damaged", "missing", "occupied"]

# (our format, ogr2ogr driver, ogr2ogr extra args, runs). KML, DXF and XLSX anchors are
# looser: GDAL's KML has no per-status styles, its DXF no blocks/attributes, its XLSX no
# coordinates or cell formats; they still give the order of magnitude.
CASES = [
    ("gpkg", "GPKG", [], 3),
    ("shp", "ESRI Shapefile", ["-lco", "ENCODING=UTF-8"], 3),
    ("geojson", "GeoJSON", ["-t_srs", "EPSG:4326", "-lco", "RFC7946=YES"], 3),
    ("csv", "CSV", ["-lco", "GEOMETRY=AS_XY"], 3),
    ("fgb", "FlatGeobuf", [], 3),
    ("kml", "KML", ["-t_srs", "EPSG:4326"], 1),
    ("dxf", "DXF", [], 1),
    ("xlsx", "XLSX", [], 1),
]


def synthetic(n: int) -> ExportLayer:
    rng = np.random.default_rng(42)
    x = rng.uniform(520_000, 530_000, n)
    y = rng.uniform(4_455_000, 4_465_000, n)
    day0 = dt.date(2024, 1, 1)
    rows = [{
        "code": f"2103230105{i:06d}", "name": f"{ROADS[i % 5]}井{i}", "subtype": "0105",
        "owner_code": OWNERS[i % 4], "road": ROADS[i % 5], "status": STATUSES[i % 4],
        "init_date": day0 + dt.timedelta(days=i % 700), "height_diff_mm": (i % 61) - 30.0,
        "cover_size_mm": 700, "anti_fall_net": bool(i % 2),
    } for i in range(n)]
    return ExportLayer("manholes", "检查井", FIELDS, rows, x, y, crs=4550, style={"by": "status"})


def timed(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(n: int = 100_000, formats: list[str] | None = None) -> None:
    ogr2ogr = shutil.which("ogr2ogr")
    layer = synthetic(n)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        source = export_layers([layer], "gpkg", tmp / "source.gpkg").paths[0]
        print(f"{n} points, 10 fields; seconds (median of 3 up to 200k points, else 1 run)")
        print(f"{'format':8} {'ours':>7} {'ogr2ogr':>8} {'ratio':>6}")
        for fmt, driver, args, runs in CASES:
            if formats and fmt not in formats:
                continue
            runs = runs if n <= 200_000 else 1
            ours = timed(lambda: export_layers([layer], fmt, tmp / f"ours.{fmt}"), repeat=runs)
            anchor = float("nan")
            if ogr2ogr:
                def convert():
                    out = tmp / f"ogr.{fmt}"
                    for old in tmp.glob("ogr.*"):
                        shutil.rmtree(old) if old.is_dir() else old.unlink()
                    subprocess.run([ogr2ogr, "-f", driver, str(out), str(source), "manholes", *args], check=True,
                                   capture_output=True)
                anchor = timed(convert, repeat=runs)
            print(f"{fmt:8} {ours:7.2f} {anchor:8.2f} {ours / anchor:6.2f}", flush=True)

if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000, sys.argv[2:] or None)
