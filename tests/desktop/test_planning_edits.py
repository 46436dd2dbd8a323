"""Hand edits of a merge plan in the planning workspace of the real main window, on the
small demo town: an accepted move changes the groups shown, a refused one says which rule,
undo and redo go through the window's Edit menu stack, split and join."""
import math

import pytest
from PySide6.QtCore import QSettings, Qt

from assets import merge_plans as mp
from assets.errors import XiuCityError


@pytest.fixture
def window(qtbot, small_demo, tmp_path):
    from desktop.main_window import MainWindow
    from desktop.settings import Settings
    window = MainWindow(small_demo, Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    return window


@pytest.fixture
def ws(qtbot, window):
    ws = window.planning_workspace
    ws.parameters.name.setText("手工调整")
    with qtbot.waitSignal(ws.plan_created, timeout=20000):
        ws.run_plan()
    return ws


def texts(ws) -> list[str]:
    return [ws.groups.item(i).text() for i in range(ws.groups.count())]


def choose_device(ws, group_no: int, device: str) -> None:
    """Click the group in the list and the device's row in the inspector, as a user does."""
    ws.groups.setCurrentRow(next(i for i, g in enumerate(ws.shown_groups) if g["group_no"] == group_no))
    row = next(i for i, m in enumerate(ws.edit_panel.group["moves"]) if m["device"] == device)
    ws.inspector.devices.setCurrentCell(row, 0)


def nearest(ws, x, y, but, n=4):
    others = [g for g in ws.all_groups if g["group_no"] != but]
    return sorted(others, key=lambda g: math.hypot(g["x"] - x, g["y"] - y))[:n]


def accepted_move(ws, window):
    """Try the devices that the plan moves, onto the nearest other groups, through the panel,
    until the rules accept one. Returns (source group, device move, target group no)."""
    for g in list(ws.shown_groups):
        for m in [m for m in g["moves"] if mp.moved(m)]:
            for target in nearest(ws, m["from_x"], m["from_y"], g["group_no"]):
                choose_device(ws, g["group_no"], m["device"])
                ws.edit_panel.set_target(target["group_no"])
                steps = window.undo_stack.count()
                ws.edit_panel.move_button.click()
                if window.undo_stack.count() > steps:
                    return g, m, target["group_no"]
    raise AssertionError("no accepted move in the demo plan")


def test_an_accepted_move_changes_the_groups_shown_and_undo_restores_them(ws, window, tmp_path):
    reg = window.registry
    plan_id = ws.current_plan()
    before_rows = mp.plan_groups(reg, plan_id)
    before_texts = texts(ws)
    source, move, target = accepted_move(ws, window)
    after = {g["group_no"]: g for g in mp.plan_groups(reg, plan_id)}
    assert any(m["device"] == move["device"] for m in after[target]["moves"])
    assert texts(ws) != before_texts  # the source group lost a device: its counts changed
    assert f"#{target}" in ws.edit_panel.message.text() and not ws.edit_panel.refused
    assert window.undo_stack.undoText()  # Edit → Undo names the move
    ws.grab().save(str(tmp_path / "after_move.png"))

    window.undo_stack.undo()
    assert mp.plan_groups(reg, plan_id) == before_rows
    assert texts(ws) == before_texts
    window.undo_stack.redo()
    assert any(m["device"] == move["device"] for m in
               next(g for g in mp.plan_groups(reg, plan_id) if g["group_no"] == target)["moves"])
    assert texts(ws) != before_texts
    history = [row[0] for row in reg.conn.execute("SELECT action FROM history")]
    assert "undo:merge_plan_move" in history and "redo:merge_plan_move" in history


def test_a_refused_move_shows_the_rule_and_changes_nothing(ws, window):
    reg = window.registry
    plan_id = ws.current_plan()
    g = ws.shown_groups[0]
    m = next(m for m in g["moves"] if mp.moved(m))
    far = max(ws.all_groups, key=lambda h: math.hypot(h["x"] - m["from_x"], h["y"] - m["from_y"]))
    with pytest.raises(XiuCityError) as refusal:  # the core's own answer, which changes nothing
        mp.move_device(reg, plan_id, m["device"], far["group_no"])
    before_rows, before_texts, steps = mp.plan_groups(reg, plan_id), texts(ws), window.undo_stack.count()
    choose_device(ws, g["group_no"], m["device"])
    ws.edit_panel.set_target(far["group_no"])
    ws.edit_panel.move_button.click()
    message = ws.edit_panel.message.text()
    assert message == str(refusal.value) and ws.edit_panel.refused  # the rule that refused it
    assert any("\u4e00" <= c <= "\u9fff" for c in message)  # in the user's language (Chinese)
    assert mp.plan_groups(reg, plan_id) == before_rows and texts(ws) == before_texts
    assert window.undo_stack.count() == steps


def test_split_then_join_and_undo_both(ws, window):
    reg = window.registry
    plan_id = ws.current_plan()
    g = next(g for g in ws.shown_groups if len(g["removed"]) >= 2)
    original = mp.plan_groups(reg, plan_id)
    row_text = texts(ws)[ws.shown_groups.index(g)]
    ws.groups.setCurrentRow(ws.shown_groups.index(g))
    ws.edit_panel.removed.item(0).setCheckState(Qt.CheckState.Checked)
    kept = ws.edit_panel.checked_poles()[0]
    ws.edit_panel.split_button.click()
    groups = {x["group_no"]: x for x in mp.plan_groups(reg, plan_id)}
    new = max(groups)
    assert new not in {x["group_no"] for x in original}
    assert groups[new]["host_code"] == kept and kept in ws.edit_panel.message.text()
    assert len(groups[g["group_no"]]["removed"]) == len(g["removed"]) - 1
    shown = next(x for x in ws.shown_groups if x["group_no"] == g["group_no"])
    assert texts(ws)[ws.shown_groups.index(shown)] != row_text
    assert len(shown["removed"]) == len(g["removed"]) - 1  # the list shows the group as it is now

    # join the split-off pole back: its devices go to the host again, within their rules
    assert ws.edit_panel.group["group_no"] == g["group_no"]
    ws.edit_panel.set_target(new)
    ws.edit_panel.join_button.click()
    groups = {x["group_no"]: x for x in mp.plan_groups(reg, plan_id)}
    assert new not in groups and len(groups[g["group_no"]]["removed"]) == len(g["removed"])

    window.undo_stack.undo()  # the join
    assert new in {x["group_no"] for x in mp.plan_groups(reg, plan_id)}
    window.undo_stack.undo()  # the split
    assert mp.plan_groups(reg, plan_id) == original


def test_join_refused_by_a_rule_names_it(ws, window):
    reg = window.registry
    plan_id = ws.current_plan()
    g = ws.shown_groups[0]
    far = max(ws.all_groups, key=lambda h: math.hypot(h["x"] - g["x"], h["y"] - g["y"]))
    ws.groups.setCurrentRow(0)
    ws.edit_panel.set_target(far["group_no"])
    before = mp.plan_groups(reg, plan_id)
    ws.edit_panel.join_button.click()
    assert ws.edit_panel.refused and ws.edit_panel.message.text()
    assert mp.plan_groups(reg, plan_id) == before


def test_a_target_is_picked_by_clicking_its_host_on_the_map(ws, window):
    g = ws.shown_groups[0]
    ws.groups.setCurrentRow(0)
    other = nearest(ws, g["x"], g["y"], g["group_no"], n=1)[0]
    ws.edit_panel.pick_button.setChecked(True)
    window.canvas.clicked.emit(other["x"] + 0.5, other["y"], None)
    assert ws.edit_panel.target_group() == other["group_no"]
    assert not ws.edit_panel.pick_button.isChecked()


def test_a_right_click_on_a_host_offers_its_group_for_the_edits(qtbot, ws, window):
    from PySide6.QtCore import QPointF, QTimer
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication
    g = ws.shown_groups[0]
    m = next(m for m in g["moves"] if mp.moved(m))
    choose_device(ws, g["group_no"], m["device"])
    other = nearest(ws, g["x"], g["y"], g["group_no"], n=1)[0]
    menu = ws.map_menu.menu_for(other["x"], other["y"])
    texts_ = [a.text() for a in menu.actions()]
    assert len(texts_) == 4 and all(f"#{other['group_no']}" in t for t in texts_)
    assert menu.actions()[1].isEnabled()  # a device is chosen: "move it here" is offered
    menu.actions()[3].trigger()  # make it the target
    assert ws.edit_panel.target_group() == other["group_no"]
    menu.actions()[0].trigger()  # show it, even when it changes nothing and is not listed
    assert ws.edit_panel.group["group_no"] == other["group_no"]
    assert other["host_code"] in ws.inspector.summary.text()
    assert ws.map_menu.menu_for(other["x"] + 500, other["y"] + 500) is None  # no host there

    # a real right-click on the host's symbol opens the menu
    canvas = window.canvas
    window.show()
    qtbot.waitExposed(window)
    canvas.zoom_to(other["x"] - 40, other["y"] - 40, other["x"] + 40, other["y"] + 40)
    lx, ly = canvas.to_local(other["x"], other["y"])
    pos = canvas.mapFromScene(canvas.view_box.mapViewToScene(QPointF(float(lx), float(ly))))
    seen = []

    def close_popup():
        popup = QApplication.activePopupWidget()
        if popup is not None:
            seen.extend(a.text() for a in popup.actions())
            popup.close()
    QTimer.singleShot(200, close_popup)
    QApplication.sendEvent(canvas.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos,
                                                                 canvas.viewport().mapToGlobal(pos)))
    assert seen and f"#{other['group_no']}" in seen[0]
