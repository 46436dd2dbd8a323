"""Returned packages that must not be taken as they are: each gives a clear Chinese
message and leaves the registry exactly as it was."""
from __future__ import annotations

import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from assets.campaigns import create_campaign
from assets.registry import Registry
from layers import package_format as fmt
from layers.confirmation_package import write_package
from layers.package_receipt import (NotAPackage, PackageFromAnotherRegistry, PackageRowsInvalid,
                                    PackageSignatureInvalid, PackageSuperseded, PackageUnreadable, receive_package)
from tests.confirmation_clerk import fill, rows, snapshot

YES = lambda code: "是"  # noqa: E731


@pytest.fixture
def issued(small_demo, tmp_path):
    reg = small_demo
    c = create_campaign(reg, "第一批", ["manholes", "poles", "boxes"], ["LTGS", "GDGS"], "2026-12-31")
    info = write_package(reg, c.campaign_id, "LTGS", tmp_path / "联通.xlsx", gpkg=False)
    return reg, c, info


def _refused(reg, path, error, words, **kwargs):
    before = snapshot(reg)
    with pytest.raises(error) as caught:
        receive_package(reg, path, **kwargs)
    message = str(caught.value)
    assert words in message, message
    assert snapshot(reg) == before
    return caught.value


def _set_meta(key, value):
    def edit(wb):
        ws = wb[fmt.META_SHEET]
        for row in ws.iter_rows():
            if row[0].value == key:
                row[1].value = value
    return edit


def test_changed_metadata(issued, tmp_path):
    reg, c, info = issued
    path = fill(info.path, tmp_path / "改了单位.xlsx", YES, edit=_set_meta("org_code", "GDGS"))
    _refused(reg, path, PackageSignatureInvalid, "签名不符")
    path = fill(info.path, tmp_path / "改了摘要.xlsx", YES, edit=_set_meta("n_assets", 1))
    _refused(reg, path, PackageSignatureInvalid, "隐藏信息被改动")


def test_changed_locked_cell(issued, tmp_path):
    reg, c, info = issued
    code = rows(info.path)[2][fmt.CODE]

    def edit(wb):
        wb[fmt.SHEET].cell(4, fmt.KEYS.index("road") + 1).value = "别的路"
    path = fill(info.path, tmp_path / "改了道路.xlsx", YES, edit=edit)
    error = _refused(reg, path, PackageRowsInvalid, "第 4 行“所在道路”列由")
    assert "别的路" in str(error) and error.problems[0].code == code
    # the bureau may take the good rows and leave the edited one out
    report = receive_package(reg, path, accept_valid_rows=True)
    assert report.answers["yes"] == info.n_assets - 1 and len(report.problems) == 1
    assert reg.get(code)["ownership"] == "offered"


def test_changed_coordinate_is_caught_even_when_tiny(issued, tmp_path):
    reg, c, info = issued

    def edit(wb):
        cell = wb[fmt.SHEET].cell(2, fmt.KEYS.index("lon") + 1)
        cell.value = cell.value + 0.0001
    _refused(reg, fill(info.path, tmp_path / "挪了.xlsx", YES, edit=edit), PackageRowsInvalid, "经度")


def test_row_added(issued, tmp_path):
    reg, c, info = issued
    other = reg.query("manholes", limit=1)[0]

    def edit(wb):
        row = [999, other.code, "井盖", "0101", "上水井盖", "给水", "迎宾路", 123.28, 40.29, None, "", "是", None,
               other.uuid]
        wb[fmt.SHEET].append(row)
    path = fill(info.path, tmp_path / "加了一行.xlsx", YES, edit=edit)
    _refused(reg, path, PackageRowsInvalid, "不在发放的确权包中（增加了行）")


def test_row_deleted(issued, tmp_path):
    reg, c, info = issued
    gone = rows(info.path)[1][fmt.CODE]
    path = fill(info.path, tmp_path / "删了一行.xlsx", YES, edit=lambda wb: wb[fmt.SHEET].delete_rows(3))
    error = _refused(reg, path, PackageRowsInvalid, "被从确权包中删除")
    assert gone in str(error)


def test_unknown_answer(issued, tmp_path):
    reg, c, info = issued
    path = fill(info.path, tmp_path / "也许.xlsx", lambda code: "也许")
    _refused(reg, path, PackageRowsInvalid, "不是可选答复")


def test_package_of_another_registry(issued, tmp_path):
    reg, c, info = issued
    with Registry.create(tmp_path / "别的县.gpkg") as other:
        other.add("manholes", {"subtype": "0107", "inscription": "通信联通", "owner_code": "LTGS"},
                  523800.0, 4461760.0)
        oc = create_campaign(other, "别的批次", ["manholes"], ["LTGS"], "2026-12-31")
        foreign = write_package(other, oc.campaign_id, "LTGS", tmp_path / "别的县_联通.xlsx", gpkg=False)
    path = fill(foreign.path, tmp_path / "别的县_回.xlsx", YES)
    _refused(reg, path, PackageFromAnotherRegistry, "其他登记库")


def test_replayed_older_package(issued, tmp_path):
    reg, c, info = issued
    first = fill(info.path, tmp_path / "v1_回.xlsx", lambda code: "不确定")
    receive_package(reg, first)
    second = write_package(reg, c.campaign_id, "LTGS", tmp_path / "v2.xlsx", gpkg=False)
    receive_package(reg, fill(second.path, tmp_path / "v2_回.xlsx", YES))
    _refused(reg, first, PackageSuperseded, "旧版本（第 1 版），第 2 版已经接收")


def test_same_package_twice_changes_nothing(issued, tmp_path):
    reg, c, info = issued
    path = fill(info.path, tmp_path / "回.xlsx", YES)
    first = receive_package(reg, path)
    before = snapshot(reg)
    again = receive_package(reg, path)
    assert again.duplicate and not first.duplicate and snapshot(reg) == before


def test_not_a_package(issued, tmp_path):
    reg, c, info = issued
    plain = tmp_path / "台账.xlsx"
    wb = Workbook()
    wb.active.append(["标识码", "是否认领"])
    wb.save(plain)
    _refused(reg, plain, NotAPackage, "不是绣城确权包")
    text = tmp_path / "假的.xlsx"
    text.write_text("这不是表格", encoding="utf-8")
    _refused(reg, text, PackageUnreadable, "无法作为 Excel 工作簿")
    _refused(reg, tmp_path / "不存在.xlsx", PackageUnreadable, "无法作为 Excel 工作簿")
    damaged = tmp_path / "坏了.xlsx"
    with zipfile.ZipFile(damaged, "w") as z:
        z.writestr("[Content_Types].xml", "<Types><broken")
        z.writestr("xl/workbook.xml", "not xml at all")
    _refused(reg, damaged, PackageUnreadable, "无法作为 Excel 工作簿")


def test_a_receipt_is_one_undo_step(issued, tmp_path):
    reg, c, info = issued
    before = snapshot(reg)
    path = fill(info.path, tmp_path / "回.xlsx", YES)
    receive_package(reg, path)
    assert snapshot(reg)[0] != before[0]
    reg.undo()
    after = snapshot(reg)
    assert after[0] == before[0] and after[2:] == before[2:]  # states, claims, receipts as they were
    assert not receive_package(reg, path).duplicate  # and it can be received again


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=73.0, max_value=136.0), st.integers(min_value=-3, max_value=3))
def test_digests_survive_a_spreadsheet_rewriting_floats(lon, ulps):
    """Excel may save 123.2812345 as 123.28123450000001: the same cell for the signature."""
    import math
    written = round(lon, 7)
    resaved = written
    for _ in range(abs(ulps)):
        resaved = math.nextafter(resaved, math.inf if ulps > 0 else -math.inf)
    assert fmt.canon(resaved) == fmt.canon(written)
    assert fmt.canon(written + 0.0000002) != fmt.canon(written)


def test_cancelled_receipt_changes_nothing(issued, tmp_path):
    from assets.errors import Cancelled
    from assets.progress import RecordingProgress
    reg, c, info = issued
    path = fill(info.path, tmp_path / "回.xlsx", YES)
    before = snapshot(reg)
    with pytest.raises(Cancelled):
        receive_package(reg, path, progress=RecordingProgress(cancel_after=1))
    assert snapshot(reg) == before
