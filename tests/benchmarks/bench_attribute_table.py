"""Attribute table benchmarks: model load, sort by code (header click), filter by owner,
jump to the last row, each beside QGIS 3.22's attribute table on the same machine class
(figures from shared/stack-notes.md; QGIS cannot run in this venv, so they are quoted,
not re-measured)."""
from __future__ import annotations

from records import record, run_child

# shared/stack-notes.md, "What the established tools achieve here" (medians of 3)
QGIS = {
    "load": {100_000: 0.50, 1_000_000: 4.9},
    "sort": {100_000: 1.1, 1_000_000: 16.8},
    "filter": {100_000: 0.03, 1_000_000: 0.13},
}
ANCHOR = "QGIS 3.22 attribute table (stack-notes)"

BUILD = r"""
import json, sys
import numpy as np
from assets.registry import Registry
n, path = int(sys.argv[1]), sys.argv[2]
rng = np.random.default_rng(1)
owners = np.array(["GDGS", "LTGS", "FWZX", "DXGS"])[rng.integers(0, 4, n)].tolist()
with Registry.create(path, overwrite=True) as reg:
    # a subtype has 999,999 serials in the 16-digit scheme: split 1M over both tree subtypes
    subtypes = np.where(np.arange(n) % 2 == 0, "0402", "0401").tolist()
    reg.bulk_insert("trees", {"subtype": subtypes, "species": ["国槐"] * n, "owner_code": owners,
                              "road": ["迎宾路"] * n},
                    523000 + rng.random(n) * 10000, 4456000 + rng.random(n) * 10000, undoable=False)
print(json.dumps({}))
"""

MEASURE = r"""
import json, os, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from assets.filters import Condition
from assets.registry import Registry
from desktop.attribute_table import AttributeTable
from desktop.selection_model import AssetSelection
app = QApplication([])
reg = Registry.open(sys.argv[1], readonly=True)
out = {}
t = time.perf_counter()
table = AttributeTable(reg, AssetSelection(), "trees")
table.resize(1200, 900); table.show(); app.processEvents()
out["load"] = time.perf_counter() - t
code = [f.name for f in table.model.fields].index("code")
t = time.perf_counter()
table.view.sortByColumn(code, Qt.SortOrder.DescendingOrder); app.processEvents()
out["sort"] = time.perf_counter() - t
t = time.perf_counter()
table.view.scrollToBottom(); table.view.viewport().repaint(); app.processEvents()
out["last_row"] = time.perf_counter() - t
t = time.perf_counter()
table.set_filter([Condition("owner_code", "=", "GDGS")]); app.processEvents()
out["filter"] = time.perf_counter() - t
out["rows_after_filter"] = table.model.rowCount()
t = time.perf_counter()
reg.count("trees", [Condition("owner_code", "=", "GDGS")])
out["count"] = time.perf_counter() - t
print(json.dumps(out))
"""


def run(sizes, workdir) -> list[dict]:
    records = []
    for n in sizes:
        path = workdir / f"table_{n}.gpkg"
        if not path.exists():
            partial = path.with_name(path.name + ".building")  # a failed build leaves no file behind
            run_child(BUILD, n, partial)
            partial.rename(path)
        result = run_child(MEASURE, path)
        big = n >= 1_000_000
        for name in ("load", "sort"):
            records.append(record(f"table.{name}", n, result[name], ANCHOR, QGIS[name].get(n),
                                  goal="first page <= 0.200 s at 1M" if name == "sort" else None,
                                  max_seconds=0.200 if name == "sort" and big else None))
        # QGIS's figure is a filtered count; the table's filter also re-reads the ordered fids
        records.append(record("table.count_owner_filter", n, result["count"], ANCHOR, QGIS["filter"].get(n)))
        records.append(record("table.filter_by_owner", n, result["filter"], goal="first page <= 0.200 s at 1M",
                              max_seconds=0.200 if big else None))
        records.append(record("table.jump_to_last_row", n, result["last_row"], goal="<= 0.200 s",
                              max_seconds=0.200, peak_mb=result.get("peak_mb")))
    return records
