"""Rows of one delivered file that repeat each other (a cover shot twice, a ledger row
pasted twice): real CSV and XLSX files into the demo town, each repeat a finding handled
as the chosen duplicate action says, counted in the report by reason."""
import csv

import numpy as np
import openpyxl
import pytest
import shapely

from assets.kinds import KIND_NAMES
from layers.importer import import_file

HEADER = ["编号", "部件类别", "小类", "井盖标识", "井盖材质", "备注", "X", "Y"]


def _free_spots(reg, n, seed=11, spacing=30.0):
    """``n`` places inside the registry's area, far from existing assets and each other."""
    rng = np.random.default_rng(seed)
    area = reg.area()
    x0, y0, x1, y1 = area.bounds
    pts = [reg.points(k) for k in KIND_NAMES]
    tree = shapely.STRtree(shapely.points(np.concatenate([p["x"] for p in pts]),
                                          np.concatenate([p["y"] for p in pts])))
    out = []
    while len(out) < n:
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        p = shapely.Point(x, y)
        if area.contains(p) and not len(tree.query(p, predicate="dwithin", distance=spacing)) \
                and all(np.hypot(x - a, y - b) > spacing for a, b in out):
            out.append((round(x, 3), round(y, 3)))
    return out


def _ledger(reg):
    """Row 3 lies 0.3 m from row 2 (within class A's 0.5 m: the same cover); row 4 repeats
    row 2's number elsewhere; row 5 is a pole on row 2's spot (another kind: no repeat);
    row 6 is 2 m from row 2 (a neighbouring cover)."""
    (ax, ay), (bx, by), (cx, cy) = _free_spots(reg, 3)
    return [
        ["JG001", "检查井", "0105", "电力", "铸铁", "初测", ax, ay],
        ["JG002", "检查井", "0105", "电力", "", "复测", ax + 0.3, ay],
        ["JG001", "检查井", "0107", "通信", "铸铁", "", bx, by],
        ["GJ001", "杆件", "0118", "", "", "", ax, ay],
        ["JG003", "检查井", "0103", "雨", "铸铁", "", ax + 2.0, ay],
        ["JG004", "检查井", "0102", "污", "铸铁", "", cx, cy],
    ]


def _write(path, rows):
    if path.suffix == ".csv":
        with open(path, "w", newline="", encoding="utf-8-sig") as f:
            csv.writer(f).writerows([HEADER] + [[*r[:6], f"{r[6]:.3f}", f"{r[7]:.3f}"] for r in rows])
    else:
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(HEADER)
        for r in rows:
            sheet.append(r)
        book.save(path)
    return path


def _by_row(report):
    return {f["row"]: f for f in report.findings}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_repeats_are_skipped_by_default_and_counted(small_demo, tmp_path, suffix):
    before = small_demo.counts()
    path = _write(tmp_path / f"井盖{suffix}", _ledger(small_demo))
    report = import_file(small_demo, path)
    assert report.read == 6 and report.imported == 4
    assert report.skipped == {"near_duplicate_in_file": 1, "duplicate_in_file": 1}
    found = _by_row(report)
    assert found[3]["reason"] == "near_duplicate_in_file" and found[3]["blocking"]
    assert "2" in found[3]["message"] and "0.30" in found[3]["message"]
    assert found[4]["reason"] == "duplicate_in_file" and "JG001" in found[4]["message"]
    assert 5 not in found and 6 not in found  # another kind on the spot; a cover 2 m away
    after = small_demo.counts()
    assert after["manholes"] == before["manholes"] + 3 and after["poles"] == before["poles"] + 1


def test_repeats_inserted_when_asked(small_demo, tmp_path):
    before = small_demo.counts()["manholes"]
    path = _write(tmp_path / "井盖.xlsx", _ledger(small_demo))
    report = import_file(small_demo, path, on_duplicate="insert")
    assert report.imported == 6 and report.skipped == {}
    found = _by_row(report)
    assert not found[3]["blocking"] and not found[4]["blocking"]
    assert small_demo.counts()["manholes"] == before + 5


def test_a_repeat_updates_the_first_row_when_asked(small_demo, tmp_path):
    (x, y), = _free_spots(small_demo, 1, seed=12)
    path = tmp_path / "复测.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["井盖标识", "井盖材质", "备注", "X", "Y"],
                                 ["电力", "铸铁", "初测", f"{x:.3f}", f"{y:.3f}"],
                                 ["电力", "", "复测：井盖破损", f"{x + 0.2:.3f}", f"{y:.3f}"]])
    start = small_demo.conn.execute("SELECT max(fid) FROM manholes").fetchone()[0]
    report = import_file(small_demo, path, kind="manholes", on_duplicate="update")
    assert (report.imported, report.skipped) == (1, {"near_duplicate_in_file": 1})
    (fid,), = small_demo.conn.execute("SELECT fid FROM manholes WHERE fid > ?", (start,)).fetchall()
    asset = small_demo.assets_by_fid("manholes", [fid])[0]
    assert asset.values["remarks"] == "复测：井盖破损"          # the later row's value
    assert asset.values["cover_material"] == "cast_iron"       # kept: the later row gave none
    assert (asset.x, asset.y) == pytest.approx((x, y))         # the first row's surveyed place


def test_dry_run_reports_repeats_and_writes_nothing(small_demo, tmp_path):
    before = small_demo.counts()
    path = _write(tmp_path / "井盖.csv", _ledger(small_demo))
    report = import_file(small_demo, path, dry_run=True)
    assert report.skipped == {"near_duplicate_in_file": 1, "duplicate_in_file": 1}
    assert small_demo.counts() == before
