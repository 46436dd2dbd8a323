"""Campaigns and ownership states on the demo town: scope, candidates, settling claims,
closing, approval, assignment, history and undo."""
from __future__ import annotations

import pytest

from assets.campaign_tables import CANDIDATES, SCOPE
from assets.campaigns import (BadArea, BadDeadline, CampaignNotFound, EmptyCampaign, KindNotConfirmable,
                              NoOrganisations, UnknownOrganisation, campaign_status, create_campaign,
                              get_campaign, list_campaigns, scope_assets)
from assets.candidates import candidates_for, decision_of, inscription_owners
from assets.ownership import (DeadlineNotReached, OwnershipTransitionError, approve, close_campaign,
                              record_decisions, resolve, settle)
from assets.store import now_iso

ORGS = ["GDGS", "LTGS", "CJJT", "DXGS"]


def _states(reg, kind_name="manholes") -> dict:
    return dict(reg.conn.execute(f"SELECT ownership, count(*) FROM {kind_name} GROUP BY 1").fetchall())


def _answer(reg, campaign, org, decisions: dict):
    """Record answers as a received package would (code → 'yes'/'no'/'unsure')."""
    rows = []
    for a in scope_assets(reg, campaign.campaign_id, org):
        if a["code"] in decisions:
            rows.append({"kind": a["kind"], "uuid": a["uuid"], "code": a["code"], "decision": decisions[a["code"]]})
    receipt = {"package_id": f"test-{org}", "campaign_id": campaign.campaign_id, "org_code": org, "version": 1,
               "received": now_iso(), "decisions_digest": str(len(rows))}
    return record_decisions(reg, campaign, org, rows, receipt)


def test_inscriptions_name_the_most_specific_owner():
    assert inscription_owners("通信联通") == ["LTGS"]
    assert set(inscription_owners("通信")) == {"LTGS", "YDGS", "DXGS", "TTGS"}
    assert inscription_owners("电力") == ["GDGS"]
    assert inscription_owners("") == [] and inscription_owners(None) == []


def test_candidates_only_invited_and_specific_evidence_first():
    values = {"subtype": "0107", "owner_code": None, "inscription": "通信"}
    assert set(candidates_for("manholes", values, [], ["LTGS", "DXGS", "GDGS"])) == {"LTGS", "DXGS"}
    recorded = {"subtype": "0107", "owner_code": "LTGS", "inscription": "通信联通"}
    assert candidates_for("manholes", recorded, [], ["LTGS", "DXGS"]) == {"LTGS": ["recorded_owner", "inscription"]}
    # nothing names an owner: every invited organisation is asked
    nothing = {"subtype": "0114", "owner_code": None, "inscription": ""}
    assert candidates_for("manholes", nothing, [], ["LTGS", "CJJT"]) == {"LTGS": ["unknown_owner"],
                                                                         "CJJT": ["unknown_owner"]}
    # a device on a pole makes its owner a candidate for the pole
    pole = {"subtype": "0703", "owner_code": "TTGS"}
    assert candidates_for("poles", pole, ["LTGS"], ["LTGS"]) == {"LTGS": ["mount_owner"]}


def test_decisions_accept_what_clerks_type():
    assert decision_of("是") == "yes" and decision_of(" 否 ") == "no" and decision_of("不确定") == "unsure"
    assert decision_of("y") == "yes" and decision_of(None) is None and decision_of("  ") is None
    assert decision_of("也许") == "?"


def test_creating_a_campaign_offers_assets_with_history(small_demo):
    reg = small_demo
    before = _states(reg)
    campaign = create_campaign(reg, "2026年第一批", ["manholes"], ORGS, "2026-12-31")
    assets = scope_assets(reg, campaign.campaign_id)
    assert assets and all(a["ownership"] == "offered" for a in assets)
    assert _states(reg).get("offered") == len(assets) <= before["unconfirmed"]
    history = reg.history(assets[0]["code"])
    assert history[-1]["action"] == "offer" and history[-1]["after"] == {"ownership": "offered"}
    assert campaign.campaign_id in history[-1]["note"]
    assert [c.campaign_id for c in list_campaigns(reg)] == [campaign.campaign_id]
    # gas and heating covers are nobody's business in this campaign: not offered
    gas = reg.conn.execute("SELECT ownership FROM manholes WHERE owner_code = 'RQGS'").fetchall()
    assert {g[0] for g in gas} == {"unconfirmed"}
    # one undo takes it all back
    reg.undo()
    assert _states(reg) == before
    assert reg.conn.execute(f"SELECT count(*) FROM {SCOPE}").fetchone()[0] == 0


def test_area_by_subdistrict_grid_and_polygon(small_demo):
    reg = small_demo
    c1 = create_campaign(reg, "阜昌", ["manholes"], ["CJJT"], "2026-12-31", area=["210323001"])
    codes = [a["code"] for a in scope_assets(reg, c1.campaign_id)]
    subs = {reg.get(c)["subdistrict_code"] for c in codes}
    assert subs == {"210323001"}
    grid = reg.conn.execute("SELECT grid_code FROM manholes WHERE ownership = 'unconfirmed' AND owner_code = 'CJJT' "
                            "LIMIT 1").fetchone()[0]
    c2 = create_campaign(reg, "一个网格", ["manholes"], ["CJJT"], "2026-12-31", area=[grid])
    assert {reg.get(a["code"])["grid_code"] for a in scope_assets(reg, c2.campaign_id)} == {grid}
    some = reg.query("poles", where=None, limit=1)[0]
    box = (f"POLYGON(({some.x - 80} {some.y - 80}, {some.x + 80} {some.y - 80}, {some.x + 80} {some.y + 80}, "
           f"{some.x - 80} {some.y + 80}, {some.x - 80} {some.y - 80}))")
    c3 = create_campaign(reg, "一块", ["poles"], ["GDGS", "LTGS", "CJJT"] + ["FWZX", "GAJ", "MZJ"], "2026-12-31",
                         area=box)
    for a in scope_assets(reg, c3.campaign_id):
        asset = reg.get(a["code"])
        assert abs(asset.x - some.x) <= 80 and abs(asset.y - some.y) <= 80


@pytest.mark.parametrize("args, error, words", [
    (dict(kinds=["trees"]), KindNotConfirmable, "不能确权"),
    (dict(orgs=["NOPE"]), UnknownOrganisation, "没有单位 NOPE"),
    (dict(orgs=[]), NoOrganisations, "至少要邀请"),
    (dict(deadline="明年"), BadDeadline, "不是有效日期"),
    (dict(area="123"), BadArea, "无法识别确权范围"),
    (dict(area="POLYGON((0 0, 1 0, 1 1, 0 0))"), EmptyCampaign, "没有可向受邀单位"),
])
def test_bad_campaigns_are_refused_in_chinese_and_change_nothing(small_demo, args, error, words):
    reg = small_demo
    kwargs = dict(kinds=["manholes"], orgs=["CJJT"], deadline="2026-12-31") | args
    before = _states(reg)
    with pytest.raises(error) as caught:
        create_campaign(reg, "坏批次", **kwargs)
    assert words in str(caught.value)
    assert _states(reg) == before and list_campaigns(reg) == []


def test_settling_claims_dispute_close_approve_resolve(small_demo):
    reg = small_demo
    # one telecom cover whose inscription says only 通信 and whose owner is not recorded
    cover = [a for a in reg.query("manholes") if a["subtype"] == "0107"][0]
    reg.update(cover.code, {"inscription": "通信", "owner_code": None})
    campaign = create_campaign(reg, "第一批", ["manholes"], ORGS, "2026-12-31")
    offered_to = {o for (o,) in reg.conn.execute(f"SELECT org_code FROM {CANDIDATES} WHERE asset_uuid = ?",
                                                 (cover.uuid,))}
    assert offered_to == {"LTGS", "DXGS"}
    power = [a["code"] for a in scope_assets(reg, campaign.campaign_id, "GDGS")]
    counts = _answer(reg, campaign, "GDGS", {power[0]: "yes", power[1]: "no"} | {c: "yes" for c in power[2:]})
    assert counts["claimed"] == len(power) - 1
    assert reg.get(power[0])["ownership"] == "claimed" and reg.get(power[0])["owner_code"] == "GDGS"
    _answer(reg, campaign, "LTGS", {cover.code: "yes"})
    assert reg.get(cover.code)["ownership"] == "claimed"
    _answer(reg, campaign, "DXGS", {cover.code: "yes"})
    assert reg.get(cover.code)["ownership"] == "disputed"
    status = campaign_status(reg, campaign.campaign_id)
    assert status["disputed"] == [{"code": cover.code, "kind": "manholes", "uuid": cover.uuid,
                                   "claimants": ["DXGS", "LTGS"]}]
    actions = [h["action"] for h in reg.history(cover.code)]
    assert actions.count("claim_decision") == 2 and actions[-1] == "claim"
    with pytest.raises(DeadlineNotReached, match="此前不能结束"):
        close_campaign(reg, campaign.campaign_id, today="2026-12-01")
    result = close_campaign(reg, campaign.campaign_id, today="2027-01-02")
    assert reg.get(power[1])["ownership"] == "ownerless" and reg.get(power[1])["owner_code"] is None
    assert result["ownerless"] == status["states"]["offered"]  # nobody said 是, the rejected one included
    assert get_campaign(reg, campaign.campaign_id).status == "closed"
    assert approve(reg, campaign.campaign_id, "GDGS") == len(power) - 1
    assert reg.get(power[0])["ownership"] == "confirmed"
    settled = resolve(reg, cover.code, "DXGS", note="双方协商")
    assert settled["ownership"] == "transferred" and settled["owner_code"] == "DXGS"
    assert reg.history(cover.code)[-1]["note"] == "双方协商"
    handed = resolve(reg, power[1], "FWZX")
    assert handed["ownership"] == "transferred" and handed["owner_code"] == "FWZX"
    final = campaign_status(reg, campaign.campaign_id)
    assert sum(final["states"].values()) == final["assets"]
    assert final["orgs"]["GDGS"]["claimed"] == len(power) - 1 and final["orgs"]["GDGS"]["rejected"] == 1


def test_states_only_move_the_allowed_ways(small_demo):
    reg = small_demo
    asset = reg.query("poles", limit=1)[0]
    assert settle("confirmed", "GDGS", ["LTGS"]) == ("confirmed", "GDGS")
    with pytest.raises(OwnershipTransitionError, match="确权状态不能从“未确权”变为“已移交”"):
        resolve(reg, asset.code, "GDGS")
    with pytest.raises(UnknownOrganisation):
        resolve(reg, asset.code, "NOPE")
    with pytest.raises(CampaignNotFound):
        campaign_status(reg, "1999-001")
