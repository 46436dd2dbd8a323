"""The planning workspace in the main window: plan on a worker, groups on the map, the
inspector, a batch applied and reverted, the before/after chart."""
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from assets import merge_plans as mp

sys.path.insert(0, str(Path(__file__).parents[1] / "assets"))
from merge_scenes import confirm, involved  # noqa: E402


@pytest.fixture
def window(qtbot, small_demo, tmp_path):
    from desktop.main_window import MainWindow
    from desktop.planning_workspace import add_planning_dock
    from desktop.settings import Settings
    window = MainWindow(small_demo, Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    if not hasattr(window, "planning_workspace"):
        add_planning_dock(window)
    return window


def run_plan(qtbot, ws):
    ws.parameters.name.setText("全城杆件")
    with qtbot.waitSignal(ws.plan_created, timeout=20000) as blocker:
        ws.run_plan()
    return blocker.args[0]


def test_a_plan_run_from_the_workspace_fills_groups_and_draws_moves(qtbot, window):
    ws = window.planning_workspace
    plan_id = run_plan(qtbot, ws)
    assert ws.current_plan() == plan_id and mp.get_plan(window.registry, plan_id)["name"] == "全城杆件"
    assert ws.groups.count() > 0
    assert "plan_moves" in window.canvas._layers and "plan_hosts" in window.canvas._layers
    ws.groups.setCurrentRow(0)
    group = ws.shown_groups[0]
    assert ws.inspector.devices.rowCount() == len(group["moves"])
    assert ws.inspector.devices.item(0, 1).text() == group["moves"][0]["from_code"]
    assert "杆" in ws.inspector.summary.text() or group["host_code"] in ws.inspector.summary.text()
    heights = list(ws.chart.before_bars.opts["height"]), list(ws.chart.after_bars.opts["height"])
    assert sum(heights[0]) > sum(heights[1])  # fewer poles after the plan
    spacing = mp.plan_stats(window.registry, plan_id)["spacing"]
    assert f"{spacing['roads_met']} 条道路" in ws.status.text() and spacing["roads"] > 0
    ws.clear_map()
    assert "plan_moves" not in window.canvas._layers


def test_a_batch_applied_removes_poles_and_revert_restores_them(qtbot, window):
    ws, reg = window.planning_workspace, window.registry
    plan_id = run_plan(qtbot, ws)
    road = next(g["road"] for g in mp.plan_groups(reg, plan_id) if g["removed"] and g["road"])
    batch = ws.create_batch(road, road=road)
    assert ws.current_batch() == batch
    groups = [g for g in mp.batch_groups(reg, batch) if mp.changes_anything(g)]
    confirm(reg, involved(groups))
    gone = next(g for g in groups if g["removed"])["removed"][0]["uuid"]
    assert reg.get(gone)["status"] != "removed"
    planned_text = ws.batches.currentItem().text()
    ws.apply(batch)
    assert reg.get(gone)["status"] == "removed"
    assert mp.get_batch(reg, batch)["state"] == "applied" and ws.batches.currentItem().text() != planned_text
    assert window.undo_stack.count() > 0  # Edit → Undo reaches the apply
    ws.revert(batch)
    assert reg.get(gone)["status"] != "removed"
    assert mp.get_batch(reg, batch)["state"] == "reverted"


def test_the_current_batch_report_is_written_as_a_workbook(qtbot, window, tmp_path):
    import openpyxl
    ws = window.planning_workspace
    plan_id = run_plan(qtbot, ws)
    road = next(g["road"] for g in mp.plan_groups(window.registry, plan_id) if g["removed"] and g["road"])
    batch = ws.create_batch(road, road=road)
    out = ws.write_report(tmp_path / "batch.xlsx")
    book = openpyxl.load_workbook(out)
    text = " ".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value)
    assert batch in text
