"""Confirmation-package benchmarks: writing a 2,000-asset package (goal < 2 s) beside
openpyxl writing a plain sheet of the same rows, and receiving it back beside openpyxl
reading that file.

    python tests/benchmarks/run.py --only confirmation
    python tests/benchmarks/bench_confirmation.py        # alone, prints JSON records
"""
from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from records import best_of, record  # noqa: E402

PACKAGE_SIZES = (2000,)


def _registry(path: Path, n: int):
    from assets.campaigns import create_campaign
    from assets.registry import Registry
    reg = Registry.create(path, overwrite=True)
    rng = np.random.default_rng(1)
    x = 523800.0 + rng.uniform(-2000, 2000, n)
    y = 4461760.0 + rng.uniform(-1500, 1500, n)
    reg.bulk_insert("manholes", {"subtype": ["0101"] * n, "owner_code": ["CJJT"] * n, "inscription": ["给水"] * n,
                                 "road": ["迎宾路"] * n}, x, y, undoable=False)
    campaign = create_campaign(reg, "基准", ["manholes"], ["CJJT"], "2026-12-31")
    return reg, campaign


def _plain_sheet(rows: list[list], headers: list[str], path: Path) -> None:
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)


def run(sizes=None, workdir: Path | None = None) -> list[dict]:
    from openpyxl import load_workbook
    from layers import package_format as fmt
    from layers.confirmation_package import write_package
    from layers.package_receipt import receive_package
    workdir = Path(workdir or tempfile.mkdtemp(prefix="xiucity-bench-"))
    records = []
    for n in PACKAGE_SIZES:
        reg, campaign = _registry(workdir / f"confirmation_{n}.gpkg", n)
        paths = iter(range(100))
        xlsx = best_of(lambda: write_package(reg, campaign.campaign_id, "CJJT",
                                             workdir / f"package_{n}_{next(paths)}.xlsx", gpkg=False))
        both = best_of(lambda: write_package(reg, campaign.campaign_id, "CJJT",
                                             workdir / f"package_{n}_{next(paths)}.xlsx", gpkg=True))
        package = workdir / f"package_{n}_0.xlsx"
        rows = [list(r) for r in load_workbook(package)[fmt.SHEET].iter_rows(min_row=2, values_only=True)]
        plain = workdir / f"plain_{n}.xlsx"
        anchor = best_of(lambda: _plain_sheet(rows, fmt.HEADERS, plain))
        records.append(record("confirmation.write_package_xlsx", n, xlsx, "openpyxl plain sheet", anchor,
                              goal="< 2 s"))
        records.append(record("confirmation.write_package_xlsx_gpkg", n, both, "openpyxl plain sheet", anchor,
                              goal="< 2 s"))
        wb = load_workbook(package)
        ws = wb[fmt.SHEET]
        for r in range(2, n + 2):
            ws.cell(r, fmt.DECISION + 1).value = "是"
        returned = workdir / f"returned_{n}.xlsx"
        wb.save(returned)
        start = time.perf_counter()
        report = receive_package(reg, returned)
        receive = time.perf_counter() - start
        assert report.answers["yes"] == n, report
        read = best_of(lambda: load_workbook(returned, data_only=True))
        records.append(record("confirmation.receive_package", n, receive, "openpyxl load_workbook", read,
                              goal="< 3 s"))
        reg.close()
    records.append(_campaign_record(workdir))
    return records


def _campaign_record(workdir: Path) -> dict:
    """Creating a county-wide campaign (every confirmable asset offered, one history row
    each) beside a bare SQL UPDATE of the same column: the floor any way of doing it has."""
    import shutil
    import sqlite3
    from assets.campaigns import create_campaign
    from assets.demo_town import build_demo
    path = workdir / "confirmation_county.gpkg"
    build_demo(path, "county", seed=3, overwrite=True).close()
    bare = workdir / "confirmation_county_bare.gpkg"
    shutil.copy(path, bare)
    from assets.registry import Registry
    with Registry.open(path) as reg:
        start = time.perf_counter()
        campaign = create_campaign(reg, "全县", [], [o["code"] for o in reg.organisations()], "2026-12-31")
        seconds = time.perf_counter() - start
        offered = reg.conn.execute("SELECT count(*) FROM confirmation_scope WHERE campaign_id = ?",
                                   (campaign.campaign_id,)).fetchone()[0]
    from assets.geopackage import register_functions
    conn = sqlite3.connect(bare, isolation_level=None)
    register_functions(conn)  # the R-tree triggers call them
    start = time.perf_counter()
    conn.execute("BEGIN")
    for table in ("manholes", "poles", "boxes"):
        conn.execute(f"UPDATE {table} SET ownership = 'offered' WHERE ownership = 'unconfirmed'")
    conn.execute("COMMIT")
    anchor = time.perf_counter() - start
    conn.close()
    return record("confirmation.create_campaign", offered, seconds, "bare SQL UPDATE", anchor, goal="< 2 s")


if __name__ == "__main__":
    for rec in run():
        print(json.dumps(rec, ensure_ascii=False))
