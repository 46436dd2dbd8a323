"""`xiucity confirm` as a bureau clerk runs it: real processes on a copy of the demo town,
packages filled the way utility clerks fill them, exit codes and Chinese messages."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from assets.registry import Registry
from layers import package_format as fmt
from tests.confirmation_clerk import fill, rows, snapshot

SCRIPT = [sys.executable, "-m", "desktop.cli"]
ROOT = Path(__file__).resolve().parents[2]
ORGS = ("GDGS", "LTGS", "DXGS")


def run(*args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("XIUCITY_LANG", None)
    return subprocess.run([*SCRIPT, *map(str, args)], capture_output=True, text=True, env=env, cwd=ROOT)


def ok(*args):
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def refused(*args, words: str):
    result = run(*args)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("错误") and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert words in result.stderr, result.stderr
    return result


@pytest.fixture
def town(small_demo_path):
    """The demo town with a telecom cover marked only 通信 and no recorded owner, so both
    telecom companies are asked about it."""
    with Registry.open(small_demo_path) as reg:
        cover = [a for a in reg.query("manholes") if a["subtype"] == "0107"][0]
        reg.update(cover.code, {"inscription": "通信", "owner_code": None})
    return small_demo_path, cover.code


def test_full_round_trip(town, tmp_path):
    path, cover = town
    made = ok("confirm", "campaign", "new", path, "--name", "2026年第一批确权", "--kinds", "manholes,杆件,boxes",
              "--orgs", "GDGS,县联通公司,县电信公司", "--deadline", "2099-12-31")
    assert "已创建确权批次" in made.stdout and "县联通公司（LTGS）" in made.stdout
    listed = json.loads(ok("confirm", "campaign", "list", path, "--json").stdout)
    assert [c["orgs"] for c in listed] == [list(ORGS)] and listed[0]["status"] == "open"
    cid = listed[0]["campaign_id"]
    assert "进行中" in ok("confirm", "campaign", "list", path).stdout

    packages = {}
    for org in ORGS:
        out = tmp_path / f"{org}.xlsx"
        written = ok("confirm", "package", path, "--campaign", cid, "--org", org, "-o", out,
                     *(["--pdf"] if org == "LTGS" else []))
        assert "已生成" in written.stdout and out.is_file()
        packages[org] = out
    assert (tmp_path / "LTGS.pdf").read_bytes()[:5] == b"%PDF-"
    power = [r[fmt.CODE] for r in rows(packages["GDGS"])]
    returned = {
        "GDGS": fill(packages["GDGS"], tmp_path / "GDGS_回.xlsx", lambda code: None if code == power[0] else "是"),
        "LTGS": fill(packages["LTGS"], tmp_path / "LTGS_回.xlsx", lambda code: "是"),
        "DXGS": fill(packages["DXGS"], tmp_path / "DXGS_回.xlsx", lambda code: "是" if code == cover else "不确定",
                     comments={cover: "我单位光缆井"}),
    }
    report = json.loads(ok("confirm", "receive", path, returned["GDGS"], "--json").stdout)
    assert report["answers"] == {"yes": len(power) - 1, "no": 0, "unsure": 0, "blank": 1}
    assert report["org_name"] == "县供电公司" and report["states"] == {"claimed": len(power) - 1}
    text = ok("confirm", "receive", path, returned["LTGS"]).stdout
    assert "已接收县联通公司的确权包" in text and "回答：是" in text and "已认领" in text
    ok("confirm", "receive", path, returned["DXGS"])
    again = ok("confirm", "receive", path, returned["GDGS"]).stdout
    assert "此前已接收过" in again

    status = json.loads(ok("confirm", "status", path, "--campaign", cid, "--json").stdout)
    assert [(d["code"], d["claimants"]) for d in status["disputed"]] == [(cover, ["DXGS", "LTGS"])]
    assert status["orgs"]["GDGS"]["pending"] == 1 and status["orgs"]["GDGS"]["returned"] == len(power) - 1

    refused("confirm", "campaign", "close", path, cid, words="此前不能结束")
    closed = ok("confirm", "campaign", "close", path, cid, "--force").stdout
    assert "现为无主" in closed
    status = json.loads(ok("confirm", "status", path, "--campaign", cid, "--json").stdout)
    ownerless = {d["code"] for d in status["ownerless"]}
    assert power[0] in ownerless  # the row the power company left blank

    resolved = ok("confirm", "resolve", path, cover, "--owner", "县联通公司", "--note", "协调会决定").stdout
    assert f"{cover} 已归属县联通公司（已移交）" in resolved
    ok("confirm", "resolve", path, power[0], "--owner", "FWZX")
    approved = ok("confirm", "approve", path, "--campaign", cid, "--org", "供电公司").stdout
    assert f"已批准 {len(power) - 1} 条认领" in approved

    final = json.loads(ok("confirm", "status", path, "--campaign", cid, "--json").stdout)
    with Registry.open(path, readonly=True) as reg:
        assert reg.get(cover)["owner_code"] == "LTGS" and reg.get(cover)["ownership"] == "transferred"
        assert reg.get(power[0])["owner_code"] == "FWZX"
        counted = dict(reg.conn.execute(
            "SELECT t.ownership, count(*) FROM (SELECT uuid, ownership FROM manholes UNION ALL SELECT uuid, "
            "ownership FROM poles UNION ALL SELECT uuid, ownership FROM boxes) t JOIN confirmation_scope s "
            "ON s.asset_uuid = t.uuid AND s.campaign_id = ? GROUP BY 1", (cid,)).fetchall())
        ltgs_owned = reg.conn.execute(
            "SELECT count(*) FROM (SELECT uuid, owner_code, ownership FROM manholes UNION ALL SELECT uuid, "
            "owner_code, ownership FROM poles UNION ALL SELECT uuid, owner_code, ownership FROM boxes) t JOIN "
            "confirmation_scope s ON s.asset_uuid = t.uuid WHERE t.owner_code = 'LTGS' AND t.ownership IN "
            "('claimed', 'confirmed', 'transferred')").fetchone()[0]
    assert final["states"] == counted and final["disputed"] == []
    assert final["states"]["confirmed"] == len(power) - 1
    assert {d["code"] for d in final["ownerless"]} == ownerless - {power[0]}
    assert final["orgs"]["LTGS"]["owned"] == ltgs_owned
    text = ok("confirm", "status", path, "--campaign", cid).stdout
    assert "有争议（0）" in text and "已结束" in text and "县电信公司（DXGS）" in text

    ledger = tmp_path / "联通确权清单.xlsx"
    assert "已写出" in ok("confirm", "ledger", path, "--campaign", cid, "--org", "县联通公司", "-o", ledger).stdout
    values = list(load_workbook(ledger).active.iter_rows(values_only=True))
    total = [r for r in values if r[0] == "合计"][0]
    assert [v for v in total if v is not None][-1] == ltgs_owned
    assert any(r[1] == cover for r in values)
    summary = tmp_path / "汇总.xlsx"
    ok("confirm", "ledger", path, "--campaign", cid, "--summary", "-o", summary)
    by_org = {r[0]: r for r in load_workbook(summary)["汇总"].iter_rows(min_row=3, values_only=True) if r[0] in ORGS}
    assert by_org["GDGS"][2:8] == (len(power), len(power) - 1, len(power) - 1, 0, 0, 1)
    pdf = tmp_path / "供电.pdf"
    ok("confirm", "ledger", path, "--campaign", cid, "--org", "GDGS", "-o", pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_tampered_package_is_refused_in_chinese(town, tmp_path):
    path, _ = town
    ok("confirm", "campaign", "new", path, "--name", "第一批", "--kinds", "manholes", "--orgs", "LTGS,GDGS",
       "--deadline", "2099-12-31")
    package = tmp_path / "联通.xlsx"
    ok("confirm", "package", path, "-c", "第一批", "--org", "LTGS", "-o", package)

    def forge(wb):  # the clerk tries to pass the package off as the power company's
        for row in wb[fmt.META_SHEET].iter_rows():
            if row[0].value == "org_code":
                row[1].value = "GDGS"
    with Registry.open(path, readonly=True) as reg:
        before = snapshot(reg)
    forged = fill(package, tmp_path / "改了单位.xlsx", lambda code: "是", edit=forge)
    refused("confirm", "receive", path, forged, words="签名不符")

    code = rows(package)[1][fmt.CODE]

    def edit_road(wb):
        wb[fmt.SHEET].cell(3, fmt.KEYS.index("road") + 1).value = "别的路"
    edited = fill(package, tmp_path / "改了道路.xlsx", lambda code: "是", edit=edit_road)
    result = refused("confirm", "receive", path, edited, words="未予接收")
    assert "别的路" in result.stdout and "--accept-valid-rows" in result.stdout
    as_json = run("confirm", "receive", path, edited, "--json")
    assert as_json.returncode != 0 and json.loads(as_json.stdout)["received"] is False
    with Registry.open(path, readonly=True) as reg:
        assert snapshot(reg) == before
    taken = ok("confirm", "receive", path, edited, "--accept-valid-rows").stdout
    assert "未采用的行（1）" in taken and "别的路" in taken
    with Registry.open(path, readonly=True) as reg:
        assert reg.get(code)["ownership"] == "offered"


def test_bad_arguments_give_one_chinese_line(town, tmp_path):
    path, _ = town
    new = ("confirm", "campaign", "new", path, "--name", "x", "--deadline", "2099-12-31")
    refused(*new, "--orgs", "公司", words="可能指多个单位")
    refused(*new, "--orgs", "自来水厂", words="没有名为 自来水厂 的单位")
    refused(*new, "--orgs", "GDGS", "--kinds", "trees", words="不是可确权的部件类型")
    refused(*new, "--orgs", "GDGS", "--area", "河西街道", words="阜昌街道")
    refused(*new[:-1], "明年", "--orgs", "GDGS", words="不是有效日期")
    refused("confirm", "status", path, "--campaign", "2026-999", words="没有确权批次 2026-999")
    refused("confirm", "ledger", path, "--campaign", "x", "-o", tmp_path / "a.xlsx", words="--summary")
    refused("confirm", "campaign", "list", tmp_path / "missing.gpkg", words="不存在")


def test_every_confirm_verb_has_an_example():
    import click
    from desktop.cli import cli

    def verbs(group, prefix):
        for name, command in group.commands.items():
            yield f"{prefix} {name}", command
            if isinstance(command, click.Group):
                yield from verbs(command, f"{prefix} {name}")
    found = dict(verbs(cli.commands["confirm"], "confirm"))
    assert {"confirm campaign new", "confirm campaign list", "confirm campaign close", "confirm package",
            "confirm receive", "confirm approve", "confirm resolve", "confirm status", "confirm ledger"} <= set(found)
    for name, command in found.items():
        assert f"xiucity {name}" in (command.help or ""), f"{name} has no example"
