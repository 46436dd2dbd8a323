"""Map canvas benchmark: our PointLayerItem against pyqtgraph's ScatterPlotItem (the anchor).

Run on demand (not collected by pytest):

    QT_QPA_PLATFORM=offscreen /work/venv/bin/python tests/benchmarks/bench_map.py [--sizes 10000,100000,1000000]

Offscreen, 1200×900 view, points uniform over 10 km × 10 km in EPSG:4550 (shifted to a
local origin), six categories (one symbol per asset kind). For each size: build (set the
data), frame (render the full extent), pan (shift by 10 % and render), zoom (render 1 % of
the area). Prints one JSON record per line, then a table. Goals: frame ≤ 50 ms at 100k
visible; ≤ 100 ms with 1M at full extent (the density level of detail takes over).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import numpy as np  # noqa: E402
import pyqtgraph as pg  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.map.map_canvas import MapCanvas  # noqa: E402
from desktop.map.symbology import Symbology  # noqa: E402

W, H = 1200, 900
EXTENT = 10_000.0


def timed(fn, repeat=3) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def points(n: int, seed: int = 7):
    rng = np.random.default_rng(seed)
    x = 500_000 + rng.uniform(0, EXTENT, n)
    y = 4_460_000 + rng.uniform(0, EXTENT, n)
    cats = rng.integers(0, 6, n).astype(np.int32)
    return x, y, cats


def ours(app, x, y, cats, sym):
    canvas = MapCanvas()
    canvas.resize(W, H)
    canvas.show()
    app.processEvents()
    styles = {k: sym.kind_style(kind) for k, kind in enumerate(sym.kinds())}
    canvas.set_origin(500_000, 4_460_000)
    build = timed(lambda: canvas.add_point_layer("assets", x, y, cats, symbols=styles), 1)
    item = canvas.layer("assets")
    return canvas, canvas.view_box, build, item


def anchor(app, x, y, cats, sym):
    view = pg.GraphicsView(background=sym.background)
    vb = pg.ViewBox(lockAspect=1.0, enableMenu=False)
    view.setCentralItem(vb)
    view.resize(W, H)
    view.show()
    app.processEvents()
    shapes = {"circle": "o", "ring_dot": "o", "square": "s", "rect": "s", "wc": "s", "tree": "o"}
    styles = [sym.kind_style(k) for k in sym.kinds()]
    symbol = np.array([shapes[s.shape] for s in styles], dtype=object)[cats]
    brushes = [pg.mkBrush(s.fill) for s in styles]
    brush = np.array(brushes, dtype=object)[cats]
    item = pg.ScatterPlotItem(size=sym.symbol_size_px, pen=pg.mkPen("#202020"))

    def build():
        item.setData(x - 500_000, y - 4_460_000, symbol=symbol, brush=brush)

    t = timed(build, 1)
    vb.addItem(item)
    return view, vb, t, None


def measure(app, maker, name, x, y, cats, sym) -> dict:
    view, vb, build, item = maker(app, x, y, cats, sym)
    vb.setRange(xRange=(0, EXTENT), yRange=(0, EXTENT), padding=0.02)
    app.processEvents()
    view.grab()  # warm-up: symbol pixmaps, caches
    frame = timed(view.grab)
    frame_mode = item.last_draw["mode"] if item is not None else "symbols"
    frame_no_lod = frame
    if item is not None:  # the same frame with every symbol drawn (level of detail off)
        keep, item.density_threshold = item.density_threshold, 10**12
        view.grab()
        frame_no_lod = timed(view.grab)
        item.density_threshold = keep
    step = [0.0]

    def pan():
        step[0] += 1
        d = EXTENT * 0.1 * (1 if step[0] % 2 else -1)
        vb.translateBy(x=d)
        view.grab()

    pan_t = timed(pan)
    vb.setRange(xRange=(4500, 5500), yRange=(4500, 5500), padding=0)
    app.processEvents()
    view.grab()
    zoom = timed(view.grab)
    view.close()
    view.deleteLater()
    app.processEvents()
    return {"build": build, "frame": frame, "frame_all_symbols": frame_no_lod, "pan": pan_t,
            "zoom_1pct": zoom, "mode": frame_mode}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--no-anchor-above", type=int, default=10**9,
                        help="skip the anchor for sizes above this (it is slow at 1M)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    sym = Symbology.default()
    records = []
    for n in (int(s) for s in args.sizes.split(",")):
        x, y, cats = points(n)
        mine = measure(app, ours, "ours", x, y, cats, sym)
        theirs = measure(app, anchor, "anchor", x, y, cats, sym) if n <= args.no_anchor_above else None
        for metric in ("build", "frame", "frame_all_symbols", "pan", "zoom_1pct"):
            rec = {
                "name": f"point_layer_{metric}",
                "n": n,
                "seconds": round(mine[metric], 5),
                "anchor": "pyqtgraph.ScatterPlotItem",
                "anchor_seconds": round(theirs[metric], 5) if theirs else None,
                "ratio": round(mine[metric] / theirs[metric], 4) if theirs and theirs[metric] else None,
                "mode": mine["mode"] if metric in ("frame", "pan") else ("symbols" if metric == "frame_all_symbols" else None),
            }
            records.append(rec)
            print(json.dumps(rec), flush=True)
    print()
    print(f"{'name':<32}{'n':>9}{'ours s':>10}{'anchor s':>10}{'ratio':>8}  mode")
    for r in records:
        a = f"{r['anchor_seconds']:.4f}" if r["anchor_seconds"] is not None else "-"
        q = f"{r['ratio']:.3f}" if r["ratio"] is not None else "-"
        print(f"{r['name']:<32}{r['n']:>9}{r['seconds']:>10.4f}{a:>10}{q:>8}  {r['mode'] or ''}")


FIRST_FRAME = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from desktop.app import make_window, prepare_app
from PySide6.QtWidgets import QApplication
app, settings = prepare_app()
import desktop.window_manager, desktop.main_window, desktop.confirmation_workspace, desktop.export_dialog  # noqa
started = time.perf_counter() - t0  # the program is up: imports, QApplication, language
t1 = time.perf_counter()  # the registry opened in the running app, as File → Open does
w = make_window(sys.argv[1], settings); w.resize(1200, 900); w.show(); QApplication.processEvents()
w.canvas.grab()
first = time.perf_counter() - t1
frames = []
for _ in range(3):
    s = time.perf_counter(); w.canvas.grab(); frames.append(time.perf_counter() - s)
print(json.dumps({"first": first, "started": started, "frame": min(frames),
                  "peak_mb": int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024}))
"""

ANCHOR_FIRST_FRAME = r"""
import json, resource, sys, time
import fiona, numpy as np, pyqtgraph as pg
from PySide6.QtWidgets import QApplication
app = QApplication.instance() or QApplication([])
t0 = time.perf_counter()  # like ours: from the running app
xs, ys = [], []
for layer in ("manholes", "poles", "boxes", "billboards", "toilets", "trees"):
    with fiona.open(sys.argv[1], layer=layer) as src:
        for f in src:
            c = f.geometry.coordinates
            xs.append(c[0]); ys.append(c[1])
x = np.array(xs) - min(xs); y = np.array(ys) - min(ys)
view = pg.GraphicsView(); vb = pg.ViewBox(lockAspect=True); view.setCentralItem(vb)
view.resize(1200, 900); view.show()
vb.addItem(pg.ScatterPlotItem(x=x, y=y, size=10, pxMode=True))
vb.autoRange(); app.processEvents(); view.grab()
first = time.perf_counter() - t0
s = time.perf_counter(); view.grab(); frame = time.perf_counter() - s
print(json.dumps({"first": first, "frame": frame,
                  "peak_mb": int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024}))
"""


def run(sizes, workdir) -> list[dict]:
    """For tests/benchmarks/run.py: the window opened on a demo registry (open to first
    frame, frame, peak memory) against fiona + ScatterPlotItem on the same points, then
    the point layer alone against ScatterPlotItem at 10k, 100k and 1M visible points."""
    from records import record, run_child, value_record
    from bench_registry import BUILD
    records = []
    for n in sizes:
        path = Path(workdir) / f"registry_{n}.gpkg"
        if not path.exists():
            run_child(BUILD, n, path)
        mine = run_child(FIRST_FRAME, path)
        theirs = run_child(ANCHOR_FIRST_FRAME, path) if n <= 200_000 else None
        big = n >= 1_000_000
        records.append(record("map.open_to_first_frame", n, mine["first"], "fiona + ScatterPlotItem",
                              theirs and theirs["first"], goal="<= 1.0 s at 1M", max_seconds=1.0 if big else None))
        records.append(record("map.app_start", n, mine["started"], goal="imports, QApplication, language (not in the open figure)"))
        records.append(record("map.frame_full_extent", n, mine["frame"], "ScatterPlotItem",
                              theirs and theirs["frame"], goal="<= 0.100 s at 1M", max_seconds=0.100))
        records.append(value_record("map.peak_memory", n, round(mine["peak_mb"]), "MB", "fiona + ScatterPlotItem",
                                    theirs and round(theirs["peak_mb"]), goal="<= 1024 MB at 1M", max_value=1024))
    app = QApplication.instance() or QApplication([])
    sym = Symbology.default()
    for n in (10_000, 100_000, 1_000_000):
        x, y, cats = points(n)
        mine = measure(app, ours, "ours", x, y, cats, sym)
        theirs = measure(app, anchor, "anchor", x, y, cats, sym) if n <= 100_000 else None
        for metric in ("frame", "pan", "zoom_1pct"):
            frame_goal = metric == "frame" and n == 100_000
            records.append(record(f"map.point_layer_{metric}", n, mine[metric], "pyqtgraph.ScatterPlotItem",
                                  theirs and theirs[metric], goal="<= 0.050 s at 100k" if frame_goal else None,
                                  max_seconds=0.050 if frame_goal else None, mode=mine["mode"]))
    return records


if __name__ == "__main__":
    main()
