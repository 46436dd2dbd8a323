"""Batches formed in the planning workspace of the real main window: a polygon drawn on the
map with the mouse (clicks, double-click, Esc), the map selection, a road; each new batch
is an undo step."""
import numpy as np
import pytest
import shapely
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtWidgets import QPushButton

from assets import merge_plans as mp
from desktop.map.map_tool import MapTool
from desktop.planning_batch_form import POLYGON, ROAD, SELECTION


@pytest.fixture
def window(qtbot, small_demo, tmp_path):
    from desktop.main_window import MainWindow
    from desktop.settings import Settings
    window = MainWindow(small_demo, Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def ws(qtbot, window):
    ws = window.planning_workspace
    with qtbot.waitSignal(ws.plan_created, timeout=20000):
        ws.run_plan()
    return ws


def pixel(canvas, x, y) -> QPoint:
    """Where map point (x, y) is on the canvas's viewport."""
    lx, ly = canvas.to_local(x, y)
    scene = canvas.view_box.mapViewToScene(QPointF(float(lx), float(ly)))
    return canvas.mapFromScene(scene)


def area_around(ws, n=3):
    """A rectangle (map coordinates) around the hosts of the first n shown groups of one road."""
    road = ws.shown_groups[0]["road"]
    hosts = [g for g in ws.shown_groups if g["road"] == road][:n]
    xy = np.array([(g["x"], g["y"]) for g in hosts])
    (x0, y0), (x1, y1) = xy.min(axis=0) - 15, xy.max(axis=0) + 15
    return x0, y0, x1, y1


def blue_near(image, point, reach=3) -> bool:
    """Is the sketch's blue (#2962ff) within ``reach`` pixels of ``point``?"""
    for dx in range(-reach, reach + 1):
        for dy in range(-reach, reach + 1):
            c = image.pixelColor(point.x() + dx, point.y() + dy)
            if c.blue() > 200 and c.red() < 120 and c.green() < 160:
                return True
    return False


def draw(qtbot, canvas, corners) -> None:
    """Click each corner, double-click the last one, as a user draws."""
    viewport = canvas.viewport()
    for x, y in corners[:-1]:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=pixel(canvas, x, y))
    last = pixel(canvas, *corners[-1])
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=last)
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=last)


def test_a_polygon_drawn_on_the_map_makes_a_batch_of_exactly_the_groups_inside(qtbot, ws, window, tmp_path):
    canvas, reg = window.canvas, window.registry
    x0, y0, x1, y1 = area_around(ws)
    canvas.zoom_to(x0 - 60, y0 - 60, x1 + 60, y1 + 60)
    window.set_tool(MapTool.SELECT)
    ws.batch_form.choose(POLYGON)
    ws.batch_form.name.setText("画框批次")
    ws.batch_form.create_button.click()
    sketch = ws.batch_maker.sketch
    assert sketch.active and canvas.tool() == MapTool.PAN  # clicks only add corners now
    assert window.statusBar().currentMessage()  # how to finish, where the eye is
    with qtbot.waitSignal(sketch.finished) as drawn:
        draw(qtbot, canvas, [(x0, y0), (x1, y0), (x1, y1), (x0, y1)])
    vertices = drawn.args[0]
    assert len(vertices) == 4  # the double-click did not add a fifth corner
    assert not sketch.active and canvas.tool() == MapTool.SELECT  # the user's tool is back
    batch = ws.current_batch()
    assert batch is not None and mp.get_batch(reg, batch)["name"] == "画框批次"
    polygon = shapely.Polygon(vertices)
    inside = {g["group_no"] for g in mp.plan_groups(reg, ws.current_plan())
              if polygon.contains(shapely.Point(g["x"], g["y"]))}
    assert len(inside) >= 3
    assert {g["group_no"] for g in mp.batch_groups(reg, batch)} == inside
    assert "plan_batch_polygon" in canvas.layer_names()
    ws.grab().save(str(tmp_path / "polygon_batch.png"))
    window.undo_stack.undo()  # the new batch is one undo step
    assert mp.list_batches(reg, ws.current_plan()) == [] and ws.batches.count() == 0
    assert "plan_batch_polygon" not in canvas.layer_names()  # the area went with its batch
    assert all(g["batch_id"] is None for g in mp.plan_groups(reg, ws.current_plan()))


def test_esc_cancels_the_drawing_and_makes_nothing(qtbot, ws, window):
    canvas = window.canvas
    x0, y0, x1, y1 = area_around(ws)
    canvas.zoom_to(x0 - 60, y0 - 60, x1 + 60, y1 + 60)
    ws.batch_form.choose(POLYGON)
    ws.batch_form.create_button.click()
    sketch = ws.batch_maker.sketch
    edge = pixel(canvas, (x0 + x1) / 2, y0)
    assert not blue_near(canvas.viewport().grab().toImage(), edge)
    for x, y in [(x0, y0), (x1, y0)]:
        qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=pixel(canvas, x, y))
    assert len(sketch.vertices()) == 2 and "2" in ws.batch_form.hint.text()
    assert blue_near(canvas.viewport().grab().toImage(), edge)  # the outline is drawn while drawing
    with qtbot.waitSignal(sketch.cancelled):
        qtbot.keyClick(canvas, Qt.Key.Key_Escape)
    assert not sketch.active and mp.list_batches(window.registry, ws.current_plan()) == []
    assert window.undo_stack.count() == 0


def test_the_selected_poles_make_a_batch_of_their_groups(ws, window):
    reg = window.registry
    g = next(g for g in ws.shown_groups if g["removed"])
    removed = reg.get(g["removed"][0]["uuid"], "poles")
    window.selection.set("poles", [removed.fid])
    ws.batch_form.choose(SELECTION)
    ws.batch_form.create_button.click()
    batch = ws.current_batch()
    assert [x["group_no"] for x in mp.batch_groups(reg, batch)] == [g["group_no"]]


def test_nothing_selected_says_so_instead_of_making_a_batch(ws, window):
    window.selection.clear()
    ws.batch_form.choose(SELECTION)
    ws.batch_form.create_button.click()
    assert ws.current_batch() is None and ws.batch_form.hint.text()


def test_a_road_batch_from_the_list_of_roads(ws, window):
    reg = window.registry
    ws.batch_form.choose(ROAD)
    road = ws.batch_form.value.itemText(0)
    assert road in {g["road"] for g in ws.all_groups}
    ws.batch_form.create_button.click()
    batch = ws.current_batch()
    assert {g["road"] for g in mp.batch_groups(reg, batch)} == {road}
    assert ws.batch_form.hint.text() and batch in ws.batch_form.hint.text()


def test_batches_are_put_in_order_of_works_and_undo_restores_it(ws, window):
    reg = window.registry
    ws.batch_form.choose(ROAD)
    made = []
    for i in range(2):
        ws.batch_form.value.setCurrentIndex(i)
        ws.batch_form.create_button.click()
        made.append(ws.current_batch())
    first, second = made
    assert ws.batches.item(0).text().startswith(f"1. {first}") and ws.batches.item(1).text().startswith(f"2. {second}")
    earlier = next(b for b in ws.findChildren(QPushButton) if b.text() == "提前")
    earlier.click()   # the current batch (the second) goes first
    assert [b["batch_id"] for b in mp.list_batches(reg, ws.current_plan())] == [second, first]
    assert ws.batches.item(0).text().startswith(f"1. {second}") and ws.current_batch() == second
    window.undo_stack.undo()
    assert [b["batch_id"] for b in mp.list_batches(reg, ws.current_plan())] == [first, second]
    assert ws.batches.item(0).text().startswith(f"1. {first}")   # the list follows the undo


def test_undo_of_an_apply_in_the_edit_menu_shows_the_batch_state_again(ws, window):
    import sys
    from pathlib import Path
    sys.path.insert(0, str(Path(__file__).parents[1] / "assets"))
    from merge_scenes import confirm, involved
    reg = window.registry
    window.planning_dock.raise_()
    ws.batch_form.choose(ROAD)
    ws.batch_form.create_button.click()
    batch = ws.current_batch()
    confirm(reg, involved(mp.batch_groups(reg, batch)))
    ws.apply(batch)
    applied_text = ws.batches.currentItem().text()
    window.undo_stack.undo()  # Edit → Undo: the apply
    assert mp.get_batch(reg, batch)["state"] != "applied"
    assert ws.current_batch() == batch and ws.batches.currentItem().text() != applied_text


def test_a_double_click_after_two_corners_is_no_area(qtbot, ws, window):
    canvas = window.canvas
    x0, y0, x1, y1 = area_around(ws)
    canvas.zoom_to(x0 - 60, y0 - 60, x1 + 60, y1 + 60)
    ws.batch_form.choose(POLYGON)
    ws.batch_form.create_button.click()
    sketch = ws.batch_maker.sketch
    with qtbot.waitSignal(sketch.cancelled):
        draw(qtbot, canvas, [(x0, y0), (x1, y1)])
    assert not sketch.active and ws.current_batch() is None
    assert "plan_batch_polygon" not in canvas.layer_names()
