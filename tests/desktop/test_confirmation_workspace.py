"""The confirmation desk as the bureau uses it: a campaign made in the dialog, packages
written and received on the worker thread, a clear report, disputes settled in one click,
the progress chart per organisation, the map coloured by ownership state."""
import pytest
from PySide6.QtWidgets import QDialog

from assets.campaigns import campaign_status, create_campaign
from layers import package_format as fmt
from tests.confirmation_clerk import fill, rows

ORGS = ["GDGS", "LTGS", "DXGS"]


@pytest.fixture
def cover(small_demo):
    """A telecom cover marked only 通信 with no recorded owner: both telecom companies are asked."""
    c = [a for a in small_demo.query("manholes") if a["subtype"] == "0107"][0]
    small_demo.update(c.code, {"inscription": "通信", "owner_code": None})
    return c.code


@pytest.fixture
def workspace(qtbot, small_demo):
    from desktop.confirmation_workspace import ConfirmationWorkspace
    ws = ConfirmationWorkspace(small_demo)
    qtbot.addWidget(ws)
    ws.resize(1300, 520)
    return ws


def _write(qtbot, ws, org, path):
    with qtbot.waitSignal(ws.package_written, timeout=15000) as done:
        ws.write_package(org, path)
    return done.args[0]


def _receive(qtbot, ws, path, **kwargs):
    with qtbot.waitSignal(ws.receipt_shown, timeout=15000) as shown:
        ws.receive_file(path, **kwargs)
    return shown.args[0]


def test_new_campaign_dialog_creates_and_offers(workspace, small_demo):
    assert "还没有确权批次" in workspace.state_label.text()
    dialog = workspace.open_new_campaign_dialog()
    assert dialog.windowTitle() == "新建确权批次"
    dialog.set_values(name="兴隆街道电力井", kinds=["manholes"], orgs=["GDGS"], deadline="2099-12-31",
                      subdistricts=["210323002"])
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.campaign is not None
    assert workspace.campaign_table.rowCount() == 1 and workspace.current_campaign_id() == dialog.campaign.campaign_id
    offered = small_demo.conn.execute(
        "SELECT subdistrict_code, count(*) FROM manholes WHERE ownership = 'offered' GROUP BY 1").fetchall()
    assert [code for code, _ in offered] == ["210323002"]
    assert workspace.status["orgs"]["GDGS"]["offered"] == offered[0][1]
    # nothing in scope for the postal bureau: the dialog says why and stays open
    second = workspace.open_new_campaign_dialog()
    second.set_values(name="邮政", kinds=["manholes"], orgs=["YZJ"], deadline="2099-12-31")
    second.accept()
    assert second.campaign is None and second.isVisible()
    assert "未创建确权批次" in second.error_label.text()
    assert workspace.campaign_table.rowCount() == 1


def test_receive_report_dispute_and_one_click_resolution(qtbot, workspace, small_demo, cover, tmp_path):
    c = create_campaign(small_demo, "2026年第一批", ["manholes", "poles", "boxes"], ORGS, "2099-12-31")
    workspace.refresh(select=c.campaign_id)
    packages = {org: _write(qtbot, workspace, org, tmp_path / f"{org}.xlsx") for org in ("LTGS", "DXGS")}
    assert "第 1 版" in workspace.message_label.text()
    ltgs = fill(packages["LTGS"].path, tmp_path / "LTGS_回.xlsx", lambda code: "是",
                comments={cover: "联通管道井"})
    dialog = _receive(qtbot, workspace, ltgs)
    assert not dialog.refusal and dialog.windowTitle() == "确权包已接收"
    text = dialog.summary.text()
    assert "县联通公司" in text and f"回答：是 {packages['LTGS'].n_assets}，否 0" in text and "已认领" in text
    dxgs = fill(packages["DXGS"].path, tmp_path / "DXGS_回.xlsx", lambda code: "是" if code == cover else "否",
                comments={cover: "我单位光缆井"})
    _receive(qtbot, workspace, dxgs)
    assert small_demo.get(cover)["ownership"] == "disputed"
    disputes = workspace.dispute_list
    assert disputes.codes() == [cover] and disputes.claimants(cover) == ["DXGS", "LTGS"]
    assert workspace.tabs.tabText(1) == "有争议（1）"
    assert disputes.table.horizontalHeaderItem(2).text() == "认领单位 1"
    cells = [disputes.table.cellWidget(0, col) for col in (2, 3)]
    texts = [" ".join(w.text() for w in cell.findChildren(type(workspace.state_label))) for cell in cells]
    assert "县电信公司" in texts[0] and "我单位光缆井" in texts[0] and "联通管道井" in texts[1]
    button = disputes.buttons[(cover, "LTGS")]
    assert button.text() == "判给县联通公司"
    button.click()
    asset = small_demo.get(cover)
    assert (asset["ownership"], asset["owner_code"]) == ("transferred", "LTGS")
    assert disputes.codes() == [] and disputes.empty_label.text() == "没有有争议的部件。"
    assert small_demo.history(cover)[-1]["note"].startswith("争议由住建局裁定")
    # the main window's Undo takes the decision back (it went through the shared registry)
    small_demo.undo()
    assert small_demo.get(cover)["ownership"] == "disputed"


def test_a_package_with_problems_offers_the_valid_rows(qtbot, workspace, small_demo, tmp_path):
    c = create_campaign(small_demo, "第一批", ["manholes"], ["LTGS", "GDGS"], "2099-12-31")
    workspace.refresh(select=c.campaign_id)
    info = _write(qtbot, workspace, "LTGS", tmp_path / "联通.xlsx")
    code = rows(info.path)[1][fmt.CODE]

    def edit(wb):
        wb[fmt.SHEET].cell(3, fmt.KEYS.index("road") + 1).value = "别的路"
    path = fill(info.path, tmp_path / "改了道路.xlsx", lambda code: "是", edit=edit)
    refusal = _receive(qtbot, workspace, path)
    assert refusal.refusal and refusal.windowTitle() == "确权包未接收"
    assert "有 1 处问题，未接收" in refusal.summary.text()
    assert refusal.problem_list.count() == 1 and "别的路" in refusal.problem_list.item(0).text()
    assert refusal.accept_button.text() == "只接收有效行"
    assert small_demo.get(code)["ownership"] == "offered"
    with qtbot.waitSignal(workspace.receipt_shown, timeout=15000) as shown:
        refusal.accept_button.click()
    report = shown.args[0]
    assert not report.refusal and report.problem_list.count() == 1
    assert small_demo.get(code)["ownership"] == "offered"
    assert workspace.status["orgs"]["LTGS"]["claimed"] == info.n_assets - 1


def test_chart_has_one_bar_group_per_organisation(workspace, small_demo, tmp_path):
    c = create_campaign(small_demo, "第一批", ["manholes", "poles"], ORGS + ["CJJT"], "2099-12-31")
    workspace.refresh(select=c.campaign_id)
    chart = workspace.chart
    status = campaign_status(small_demo, c.campaign_id)
    assert chart.groups() == 4 and set(chart.bars) == {"offered", "returned", "claimed", "rejected", "pending"}
    assert chart.heights("offered") == [status["orgs"][o]["offered"] for o in ORGS + ["CJJT"]]
    ticks = chart.getPlotItem().getAxis("bottom")._tickLevels[0]
    assert [label for _, label in ticks] == ["县供电公司", "县联通公司", "县电信公司", "县城建集团"]
    assert chart.getPlotItem().getAxis("left").labelText == "部件数（个）"
    # closing moves the unanswered ones to 无主; the ownerless tab lists them
    assert workspace.close_current(force=True)
    assert workspace.tabs.tabText(2) == f"无主（{len(workspace.status['ownerless'])}）"
    assert workspace.ownerless_list.list.count() == len(workspace.status["ownerless"]) > 0
    assert not workspace.package_button.isEnabled() and workspace.approve_button.isEnabled()
    workspace.show()
    assert workspace.grab().save(str(tmp_path / "confirm.png"))


def test_dock_in_the_main_window_colours_the_map(qtbot, small_demo, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop.main_window import MainWindow
    from desktop.settings import Settings
    window = MainWindow(small_demo, Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    dock = window.confirmation_dock
    assert dock.windowTitle() == "确权" and window.confirmation_workspace.registry_map is window.map
    window.confirmation_workspace.map_check.setChecked(True)
    assert window.map.colouring == "ownership"
    ws = window.confirmation_workspace
    dialog = ws.open_new_campaign_dialog()
    dialog.set_values(name="电力", kinds=["manholes"], orgs=["GDGS"], deadline="2099-12-31")
    legend = window.layer_panel.legend

    def manhole_entries():
        row = next(legend.item(r) for r in range(legend.rowCount()) if legend.item(r).text().startswith("检查井"))
        return [row.child(i).text() for i in range(row.rowCount())]
    assert not any("待认领" in text for text in manhole_entries())
    dialog.accept()
    # the map was refreshed after the campaign offered the power company's covers
    assert any("待认领" in text for text in manhole_entries())
    # and the window's Edit → Undo takes the campaign's offers back
    assert window.undo_stack.canUndo()
    window.undo_stack.undo()
    assert not any("待认领" in text for text in manhole_entries())
