"""A whole campaign on the demo town, with real files: packages for the power company, two
telecom companies and the construction group, filled the way their clerks would, received,
a dispute, an ownerless asset after closing, the bureau's decisions, and ledgers whose
counts match the registry."""
from __future__ import annotations

import fiona
import pytest
from openpyxl import load_workbook

from assets.campaigns import campaign_status, create_campaign, scope_assets
from assets.ownership import approve, close_campaign, resolve
from layers import package_format as fmt
from layers.confirmation_package import EmptyPackage, OrganisationNotInvited, write_package
from layers.ownership_ledger import ledger_data, write_campaign_summary, write_ledger
from layers.package_receipt import receive_package
from tests.confirmation_clerk import fill, rows, snapshot

ORGS = ["GDGS", "LTGS", "CJJT", "DXGS"]


@pytest.fixture
def campaign(small_demo):
    reg = small_demo
    # a telecom cover marked only 通信 with no recorded owner: both telecom companies are asked
    cover = [a for a in reg.query("manholes") if a["subtype"] == "0107"][0]
    reg.update(cover.code, {"inscription": "通信", "owner_code": None})
    c = create_campaign(reg, "2026年检查井与杆箱确权", ["manholes", "poles", "boxes"], ORGS, "2026-12-31")
    return reg, c, cover


def test_package_workbook_is_locked_except_decisions(campaign, tmp_path):
    reg, c, _ = campaign
    info = write_package(reg, c.campaign_id, "LTGS", tmp_path / "联通.xlsx")
    wb = load_workbook(info.path)
    ws = wb[fmt.SHEET]
    assert ws.protection.sheet
    assert wb[fmt.META_SHEET].sheet_state == "veryHidden" and wb.security.lockStructure
    assert [cell.value for cell in ws[1]] == fmt.HEADERS
    for row in ws.iter_rows(min_row=2):
        for i, cell in enumerate(row):
            assert cell.protection.locked == (i not in fmt.EDITABLE), (cell.coordinate, cell.value)
    validation = ws.data_validations.dataValidation[0]
    assert validation.formula1 == '"是,否,不确定"'
    letter = ws.cell(1, fmt.DECISION + 1).column_letter
    assert str(validation.sqref) == f"{letter}2:{letter}{info.n_assets + 1}"
    # coordinates are CGCS2000 lon/lat near the county town
    for r in rows(info.path):
        assert 123.2 < r[fmt.KEYS.index("lon")] < 123.4 and 40.2 < r[fmt.KEYS.index("lat")] < 40.4
    # the GeoPackage beside it holds the same assets
    with fiona.open(info.gpkg_path) as src:
        assert [f["properties"]["code"] for f in src] == [r[fmt.CODE] for r in rows(info.path)]
        assert src.crs.to_epsg() == reg.crs


def test_packages_show_only_the_organisations_own_candidates(campaign, tmp_path):
    reg, c, cover = campaign
    # the bureau (ZJJ) issues the package; no other organisation may appear in it
    others = [o[key] for o in reg.organisations() if o["code"] not in ("LTGS", "ZJJ") for key in ("name", "code")]
    info = write_package(reg, c.campaign_id, "LTGS", tmp_path / "联通.xlsx")
    listed = {r[fmt.UUID] for r in rows(info.path)}
    expected = {a["uuid"] for a in scope_assets(reg, c.campaign_id, "LTGS")}
    assert listed == expected and cover.uuid in listed
    wb = load_workbook(info.path)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for value in row:
                if isinstance(value, str):
                    assert not any(o in value for o in others), value
    # every listed asset has evidence for LTGS: recorded, inscription, a mount or the subtype
    recorded = {u for (u,) in reg.conn.execute("SELECT uuid FROM manholes WHERE owner_code = 'GDGS'")}
    assert not listed & recorded
    with pytest.raises(OrganisationNotInvited):
        write_package(reg, c.campaign_id, "RQGS", tmp_path / "燃气.xlsx")


def test_full_round_trip(campaign, tmp_path):
    reg, c, cover = campaign
    packages = {org: write_package(reg, c.campaign_id, org, tmp_path / f"{org}.xlsx") for org in ORGS}
    power = [r[fmt.CODE] for r in rows(packages["GDGS"].path)]
    water = [r[fmt.CODE] for r in rows(packages["CJJT"].path)]
    # the power company leaves one row blank; the construction group rejects one cover
    returned = {
        "GDGS": fill(packages["GDGS"].path, tmp_path / "GDGS_回.xlsx", lambda code: None if code == power[0] else "是"),
        "CJJT": fill(packages["CJJT"].path, tmp_path / "CJJT_回.xlsx", lambda code: "否" if code == water[0] else "是",
                     comments={water[0]: "非我单位管线"}),
        "LTGS": fill(packages["LTGS"].path, tmp_path / "LTGS_回.xlsx", lambda code: "是"),
        "DXGS": fill(packages["DXGS"].path, tmp_path / "DXGS_回.xlsx",
                     lambda code: "是" if code == cover.code else "不确定"),
    }
    reports = {org: receive_package(reg, path) for org, path in returned.items()}
    assert reports["GDGS"].answers == {"yes": len(power) - 1, "no": 0, "unsure": 0, "blank": 1}
    assert reports["CJJT"].answers["no"] == 1 and not any(r.problems for r in reports.values())
    assert reg.get(water[0])["ownership"] == "offered"
    assert reg.conn.execute("SELECT comment FROM confirmation_claims WHERE code = ?",
                            (water[0],)).fetchone()[0] == "非我单位管线"
    assert reg.get(power[1])["ownership"] == "claimed" and reg.get(power[1])["owner_code"] == "GDGS"
    # two telecom companies claim the same cover
    assert reg.get(cover.code)["ownership"] == "disputed"
    status = campaign_status(reg, c.campaign_id)
    assert [d["claimants"] for d in status["disputed"]] == [["DXGS", "LTGS"]]
    assert status["orgs"]["GDGS"]["pending"] == 1 and status["orgs"]["CJJT"]["rejected"] == 1
    # the same files again: nothing changes
    before = snapshot(reg)
    assert receive_package(reg, returned["GDGS"]).duplicate
    assert snapshot(reg) == before
    # after the deadline: nobody claimed the blank, the rejected and the 不确定 ones
    still_offered = {a["code"] for a in scope_assets(reg, c.campaign_id) if a["ownership"] == "offered"}
    dxgs_unsure = {r[fmt.CODE] for r in rows(packages["DXGS"].path)} - {cover.code}
    assert {power[0], water[0]} | dxgs_unsure == still_offered
    close_campaign(reg, c.campaign_id, today="2027-01-05")
    assert reg.get(power[0])["ownership"] == "ownerless" and reg.get(water[0])["ownership"] == "ownerless"
    confirmed = approve(reg, c.campaign_id)
    assert confirmed == sum(1 for a in scope_assets(reg, c.campaign_id) if a["ownership"] == "confirmed")
    resolve(reg, cover.code, "LTGS", note="县住建局协调：联通")
    resolve(reg, water[0], "FWZX")
    final = campaign_status(reg, c.campaign_id)
    assert final["disputed"] == [] and final["states"].get("claimed", 0) == 0
    assert {d["code"] for d in final["ownerless"]} == still_offered - {water[0]}
    # ledgers: what each organisation signs matches the registry
    for org in ORGS:
        xlsx = write_ledger(reg, c.campaign_id, org, tmp_path / f"{org}_确权清单.xlsx")
        pdf = write_ledger(reg, c.campaign_id, org, tmp_path / f"{org}_确权清单.pdf")
        owned = reg.conn.execute(
            "SELECT count(*) FROM (SELECT owner_code, ownership, uuid FROM manholes UNION ALL "
            "SELECT owner_code, ownership, uuid FROM poles UNION ALL SELECT owner_code, ownership, uuid FROM boxes) t "
            "JOIN confirmation_scope s ON s.asset_uuid = t.uuid WHERE t.owner_code = ? AND t.ownership IN "
            "('confirmed', 'claimed', 'transferred')", (org,)).fetchone()[0]
        data = ledger_data(reg, c.campaign_id, org)
        assert data["total"] == owned == len(data["rows"])
        ws = load_workbook(xlsx).active
        values = [r for r in ws.iter_rows(values_only=True)]
        total_row = [r for r in values if r[0] == "合计"][0]
        assert [v for v in total_row if v is not None][-1] == owned
        assert any(r[0] == "权属单位（盖章）：" and r[1] == "经办人（签字）：" for r in values)
        assert pdf.read_bytes()[:5] == b"%PDF-" and b"STSong-Light" in pdf.read_bytes()
    ltgs = ledger_data(reg, c.campaign_id, "LTGS")
    assert final["orgs"]["LTGS"]["owned"] == ltgs["total"] == sum(sum(v.values()) for v in ltgs["counts"].values())
    assert ltgs["counts"]["manholes"]["transferred"] == 1  # the disputed cover the bureau gave to LTGS
    summary = load_workbook(write_campaign_summary(reg, c.campaign_id, tmp_path / "汇总.xlsx"))
    by_org = {r[0]: r for r in summary["汇总"].iter_rows(min_row=3, values_only=True) if r and r[0] in ORGS}
    assert by_org["GDGS"][2:8] == (len(power), len(power) - 1, len(power) - 1, 0, 0, 1)
    assert {r[0] for r in summary["无主"].iter_rows(min_row=3, values_only=True)} == still_offered - {water[0]}
    pdf = write_campaign_summary(reg, c.campaign_id, tmp_path / "汇总.pdf").read_bytes()
    assert pdf[:5] == b"%PDF-" and b"STSong-Light" in pdf


def test_reissued_package_carries_earlier_answers(campaign, tmp_path):
    reg, c, _ = campaign
    first = write_package(reg, c.campaign_id, "LTGS", tmp_path / "v1.xlsx")
    codes = [r[fmt.CODE] for r in rows(first.path)]
    receive_package(reg, fill(first.path, tmp_path / "v1_回.xlsx", lambda code: "否" if code == codes[0] else None))
    second = write_package(reg, c.campaign_id, "LTGS", tmp_path / "v2.xlsx")
    assert second.version == 2
    again = {r[fmt.CODE]: r[fmt.DECISION] for r in rows(second.path)}
    assert again[codes[0]] == "否" and again[codes[1]] is None


def test_closed_campaign_takes_no_more_packages(campaign, tmp_path):
    reg, c, _ = campaign
    info = write_package(reg, c.campaign_id, "GDGS", tmp_path / "GDGS.xlsx")
    close_campaign(reg, c.campaign_id, force=True)
    with pytest.raises(Exception, match="已于 .* 结束"):
        write_package(reg, c.campaign_id, "GDGS", tmp_path / "GDGS2.xlsx")
    with pytest.raises(Exception, match="已于 .* 结束"):
        receive_package(reg, fill(info.path, tmp_path / "晚了.xlsx", lambda code: "是"))


def test_empty_package_is_refused(small_demo, tmp_path):
    reg = small_demo
    c = create_campaign(reg, "电力", ["manholes"], ["GDGS", "LTGS"], "2026-12-31")
    info = write_package(reg, c.campaign_id, "GDGS", tmp_path / "GDGS.xlsx")
    receive_package(reg, fill(info.path, tmp_path / "回.xlsx", lambda code: "是"))
    assert approve(reg, c.campaign_id, "GDGS") == info.n_assets
    with pytest.raises(EmptyPackage, match="没有待认领的部件"):
        write_package(reg, c.campaign_id, "GDGS", tmp_path / "again.xlsx")


def test_printable_map_of_a_package(campaign, tmp_path):
    reg, c, _ = campaign
    info = write_package(reg, c.campaign_id, "LTGS", tmp_path / "联通.xlsx", gpkg=False, pdf=True)
    data = info.pdf_path.read_bytes()
    assert info.pdf_path.suffix == ".pdf" and data[:5] == b"%PDF-" and b"STSong-Light" in data


def test_a_corrected_copy_of_the_same_package_replaces_the_answers(campaign, tmp_path):
    reg, c, _ = campaign
    info = write_package(reg, c.campaign_id, "GDGS", tmp_path / "GDGS.xlsx", gpkg=False)
    codes = [r[fmt.CODE] for r in rows(info.path)]
    receive_package(reg, fill(info.path, tmp_path / "回1.xlsx", lambda code: "是"))
    assert reg.get(codes[0])["ownership"] == "claimed"
    corrected = fill(info.path, tmp_path / "回2.xlsx", lambda code: "否" if code == codes[0] else "是")
    report = receive_package(reg, corrected)
    assert report.changed == 1 and report.states == {"offered": 1} and not report.duplicate
    assert reg.get(codes[0])["ownership"] == "offered" and reg.get(codes[1])["ownership"] == "claimed"
    decisions = [h for h in reg.history(codes[0]) if h["action"] == "claim_decision"]
    assert [h["after"]["decision"] for h in decisions] == ["yes", "no"]


def test_cancelled_package_leaves_nothing(campaign, tmp_path):
    from assets.campaigns import issued_packages
    from assets.errors import Cancelled
    from assets.progress import RecordingProgress
    reg, c, _ = campaign
    with pytest.raises(Cancelled):
        write_package(reg, c.campaign_id, "CJJT", tmp_path / "CJJT.xlsx", progress=RecordingProgress(cancel_after=0))
    assert not (tmp_path / "CJJT.xlsx").exists() and issued_packages(reg, c.campaign_id) == []


def test_assets_confirmed_to_someone_else_leave_the_other_packages(campaign, tmp_path):
    reg, c, cover = campaign
    first = write_package(reg, c.campaign_id, "DXGS", tmp_path / "DXGS_1.xlsx", gpkg=False)
    assert cover.code in {r[fmt.CODE] for r in rows(first.path)}
    unicom = write_package(reg, c.campaign_id, "LTGS", tmp_path / "LTGS.xlsx", gpkg=False)
    receive_package(reg, fill(unicom.path, tmp_path / "LTGS_回.xlsx", lambda code: "是"))
    # claimed by LTGS but not yet confirmed: DXGS may still object (a dispute), so it stays listed
    second = write_package(reg, c.campaign_id, "DXGS", tmp_path / "DXGS_2.xlsx", gpkg=False)
    assert cover.code in {r[fmt.CODE] for r in rows(second.path)}
    approve(reg, c.campaign_id, "LTGS")
    third = write_package(reg, c.campaign_id, "DXGS", tmp_path / "DXGS_3.xlsx", gpkg=False)
    assert cover.code not in {r[fmt.CODE] for r in rows(third.path)}
