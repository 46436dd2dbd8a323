"""Merge batch reports read back by independent readers: openpyxl for XLSX, fiona (and
GDAL's ogrinfo when installed) for the GeoPackage, the PDF header and its text."""
import shutil
import subprocess

import fiona
import pytest
from openpyxl import load_workbook

from assets import merge_plans as mp
from assets.registry import Registry
from layers.merge_report_files import UnknownReportFormat, write_merge_report
from tests.assets.merge_scenes import signalised_intersections


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    """The county demo with a pole plan, its signalised-intersection batch and a box plan."""
    from assets.demo_town import build_demo
    path = tmp_path_factory.mktemp("report") / "county.gpkg"
    with build_demo(path, "county", seed=11) as reg:
        plan_id = mp.create_plan(reg, "poles", "全县合杆")
        batch = mp.create_batch(reg, plan_id, "信号灯路口", polygon=signalised_intersections(reg))
        box_plan = mp.create_plan(reg, "boxes", "合箱", area="阜昌街道")
        box_batch = mp.create_batch(reg, box_plan, "阜昌街道", subdistrict="阜昌街道")
    return path, plan_id, batch, box_batch


def test_xlsx_counts_match_the_batch(planned, tmp_path):
    path, _plan, batch, _ = planned
    with Registry.open(path, readonly=True) as reg:
        out = write_merge_report(reg, batch, tmp_path / "批次.xlsx")
        stats = mp.batch_stats(reg, batch)
        groups = [g for g in mp.batch_groups(reg, batch) if mp.changes_anything(g)]
    wb = load_workbook(out)
    assert {"汇总", "按类型", "按权属单位", "分组", "拆除清单", "设备迁移", "保留锚点", "费用估算", "会签"} <= set(wb.sheetnames)
    summary = {r[0]: r[1] for r in wb["汇总"].iter_rows(min_row=3, values_only=True)}
    assert summary["合并前"] == stats["before"]["total"] and summary["合并后"] == stats["after"]["total"]
    assert summary["减少比例(%)"] == stats["reduction_pct"]
    assert summary["道路总长(m)"] > 0 and "m" in summary["道路及长度"]   # segments and length of the batch
    by_type = list(wb["按类型"].iter_rows(min_row=3, values_only=True))
    assert by_type[-1][:3] == ("合计", stats["before"]["total"], stats["after"]["total"])
    assert sum(r[1] for r in by_type[:-1]) == stats["before"]["total"]
    assert wb["分组"].max_row - 2 == len(groups)
    assert wb["拆除清单"].max_row - 2 == stats["removed"]
    assert wb["设备迁移"].max_row - 2 == stats["devices_moved"]
    signs = [c for row in wb["会签"].iter_rows(values_only=True) for c in row if c]
    assert sum("单位盖章" in c for c in signs) == len(stats["owners_cosign"]) >= 2
    assert any("县公安局" in c for c in signs) and sum("签字" in c for c in signs) == len(stats["owners_cosign"])


def test_pdf_is_a_pdf_with_the_map_tables_and_sign_off(planned, tmp_path):
    path, _plan, batch, _ = planned
    with Registry.open(path, readonly=True) as reg:
        out = write_merge_report(reg, batch, tmp_path / "批次.pdf")
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 5000
    assert b"STSong-Light" in data   # Chinese text in the built-in CID font


def test_geopackage_of_the_groups_reads_back_with_fiona(planned, tmp_path):
    path, _plan, batch, _ = planned
    with Registry.open(path, readonly=True) as reg:
        out = write_merge_report(reg, batch, tmp_path / "groups.gpkg")
        stats = mp.batch_stats(reg, batch)
        crs = reg.crs
    assert set(fiona.listlayers(out)) == {"hosts", "removed", "moves"}
    with fiona.open(out, layer="moves") as moves:
        assert len(moves) == stats["devices_moved"] and moves.crs.to_epsg() == crs
        first = next(iter(moves))
        assert first.geometry.type == "LineString" and first.properties["distance_m"] >= 0
    with fiona.open(out, layer="removed") as removed:
        assert len(removed) == stats["removed"]
    with fiona.open(out, layer="hosts") as hosts:
        assert len(hosts) == stats["groups_changing"]
    if shutil.which("ogrinfo"):
        info = subprocess.run(["ogrinfo", "-so", "-al", str(out)], capture_output=True, text=True)
        assert info.returncode == 0 and "moves" in info.stdout


def test_road_batch_lists_the_never_merged_poles_on_its_road(planned, tmp_path):
    master, plan_id, _batch, _ = planned
    path = tmp_path / "copy.gpkg"
    shutil.copy(master, path)   # this test adds a batch: keep the shared registry as it was
    with Registry.open(path) as reg:
        road = next(k["road"] for k in mp.get_plan(reg, plan_id)["kept"] if k["reason"] == "never_merge_structure")
        batch = mp.create_batch(reg, plan_id, road, road=road)
        kept = mp.batch_kept(reg, batch)
        segments = dict(mp.batch_segments(reg, batch))
        book = load_workbook(write_merge_report(reg, batch, tmp_path / "road.xlsx"))
    assert kept and all(k["road"] == road for k in kept) and list(segments) == [road]
    rows = list(book["保留锚点"].iter_rows(min_row=3, values_only=True))
    assert {k["code"] for k in kept} <= {r[0] for r in rows}


def test_box_batch_and_plan_reports(planned, tmp_path):
    path, plan_id, _batch, box_batch = planned
    with Registry.open(path, readonly=True) as reg:
        box = load_workbook(write_merge_report(reg, box_batch, tmp_path / "箱.xlsx"))
        whole = load_workbook(write_merge_report(reg, plan_id, tmp_path / "全县.xlsx"))
        stats = mp.plan_stats(reg, plan_id)
        with pytest.raises(UnknownReportFormat):
            write_merge_report(reg, plan_id, tmp_path / "x.docx")
        with pytest.raises(mp.PlanNotFound):
            write_merge_report(reg, "MP999", tmp_path / "x.xlsx")
    assert box["设备迁移"]["G2"].value == "仓位"
    summary = {r[0]: r[1] for r in whole["汇总"].iter_rows(min_row=3, values_only=True)}
    assert summary["合并前"] == stats["before"]["total"]
    assert "已证明最优的连通分量" in summary
    reasons = [r[2] for r in whole["保留锚点"].iter_rows(min_row=3, values_only=True)]
    assert any("架空线杆" in r for r in reasons)   # overhead-line poles are never merged
