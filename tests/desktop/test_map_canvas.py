"""The map canvas as a user meets it: what it draws, zoom, pan, tools and their signals."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication

from desktop.map.map_tool import MapTool
from desktop.map.scale_bar_item import nice_length
from desktop.map.symbology import Symbology
from tests.desktop.map_helpers import (KINDS, X0, Y0, click, colour_count, drag, map_pos, pixels,
                                       screen_pos, town_canvas, wheel)


def test_canvas_draws_every_kind_in_its_own_colour(qtbot):
    canvas, x, y, kind_of = town_canvas(qtbot)
    full = pixels(canvas.grab().toImage())
    background = colour_count(full, Symbology.default().background, tolerance=2)
    assert background < 0.9 * full.shape[0] * full.shape[1], "the map looks blank"
    # A closer view, as a surveyor would look at a street block; kept for a human look.
    canvas.add_polygon_layer("subdistricts", [[[(X0 + 1500, Y0 + 1000), (X0 + 2300, Y0 + 1000),
                                                (X0 + 2300, Y0 + 2300), (X0 + 1500, Y0 + 2300)]]],
                             labels=["阜昌街道"], z=-2)
    canvas.add_line_layer("roads", [[(X0 + 1900, Y0 + 1720), (X0 + 2700, Y0 + 1760)],
                                    [(X0 + 2410, Y0 + 1400), (X0 + 2440, Y0 + 2000)]],
                          labels=["岫岩大街", "中心路"], z=-1)
    canvas.zoom_to(X0 + 2000, Y0 + 1500, X0 + 2600, Y0 + 1950)
    QApplication.processEvents()
    image = canvas.grab().toImage()
    image.save("/tmp/map_canvas.png")
    rgb = pixels(image)
    sym = Symbology.default()
    for kind in KINDS:
        assert colour_count(rgb, sym.kind_style(kind).fill, tolerance=6) > 20, f"no {kind} colour on the map"
    assert {canvas.layer(k).last_draw["mode"] for k in KINDS} == {"symbols"}
    assert canvas.layer("roads").last_labels == 2
    assert colour_count(rgb, sym.reference_style("roads")["stroke"], tolerance=6) > 200


def test_zooming_in_lowers_the_scale_denominator_and_says_so(qtbot):
    canvas, *_ = town_canvas(qtbot, n=600)
    seen = []
    canvas.scale_changed.connect(seen.append)
    before = canvas.scale_denominator()
    canvas.zoom_to(X0 + 1000, Y0 + 1000, X0 + 1300, Y0 + 1200)
    QApplication.processEvents()
    assert canvas.scale_denominator() < before / 5
    assert seen and seen[-1] == pytest.approx(canvas.scale_denominator())
    canvas.set_scale_denominator(2000)
    assert canvas.scale_denominator() == pytest.approx(2000, rel=1e-3)


def test_scale_bar_shows_a_round_length_of_the_right_size(qtbot):
    canvas, *_ = town_canvas(qtbot, n=600)
    bar = canvas.scale_bar
    assert bar.metres() == nice_length(bar.metres())
    assert bar.metres() / canvas.metres_per_pixel() <= bar.max_width_px + 1e-6
    assert bar.metres() / canvas.metres_per_pixel() > bar.max_width_px / 2.5


def test_wheel_zoom_keeps_the_point_under_the_cursor(qtbot):
    canvas, *_ = town_canvas(qtbot, n=600)
    cursor = QPointF(300, 250)
    before = map_pos(canvas, cursor)
    scale = canvas.scale_denominator()
    wheel(canvas, cursor, clicks=2)
    assert canvas.scale_denominator() < scale * 0.95
    after = screen_pos(canvas, *before)
    assert abs(after.x() - cursor.x()) <= 1.0 and abs(after.y() - cursor.y()) <= 1.0


def test_dragging_pans_the_map_with_the_mouse(qtbot):
    canvas, *_ = town_canvas(qtbot, n=600)
    start, end = QPointF(600, 450), QPointF(400, 350)
    grabbed = map_pos(canvas, start)
    extent = canvas.visible_extent()
    drag(qtbot, canvas, start, end)
    assert canvas.visible_extent() != extent
    now = screen_pos(canvas, *grabbed)  # the ground point followed the mouse
    assert abs(now.x() - end.x()) <= 1.5 and abs(now.y() - end.y()) <= 1.5


def test_shift_drag_selects_a_rectangle_of_assets(qtbot):
    canvas, x, y, kind_of = town_canvas(qtbot, n=3000)
    rects = []
    canvas.rect_selected.connect(lambda *r: rects.append(r))
    extent_before = canvas.visible_extent()
    drag(qtbot, canvas, QPointF(200, 200), QPointF(500, 420), modifiers=Qt.ShiftModifier)
    assert canvas.visible_extent() == extent_before, "a selection drag must not pan"
    assert len(rects) == 1
    xmin, ymin, xmax, ymax = rects[0]
    assert xmin < xmax and ymin < ymax
    inside = (x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax)
    found = canvas.ids_in_rect(xmin, ymin, xmax, ymax)
    for k, kind in enumerate(KINDS):
        assert sorted(found[kind].tolist()) == np.flatnonzero(inside & (kind_of == k)).tolist()
    assert sum(len(v) for v in found.values()) == inside.sum() > 0


def test_select_tool_drag_selects_and_click_picks(qtbot):
    canvas, x, y, kind_of = town_canvas(qtbot, n=300)
    canvas.set_tool(MapTool.SELECT)
    rects, picks = [], []
    canvas.rect_selected.connect(lambda *r: rects.append(r))
    canvas.picked.connect(lambda *p: picks.append(p))
    drag(qtbot, canvas, QPointF(100, 100), QPointF(300, 300))
    assert len(rects) == 1
    i = 123
    click(qtbot, canvas, screen_pos(canvas, x[i], y[i]))
    assert picks and picks[-1][:2] == (KINDS[kind_of[i]], i)
    canvas.set_tool(MapTool.IDENTIFY)
    j = 45
    click(qtbot, canvas, screen_pos(canvas, x[j], y[j]))
    assert picks[-1][:2] == (KINDS[kind_of[j]], j)
    assert len(rects) == 1


def test_hit_test_finds_the_asset_under_the_mouse(qtbot):
    canvas, x, y, kind_of = town_canvas(qtbot, n=2000)
    canvas.zoom_to(X0 + 2000, Y0 + 1500, X0 + 2600, Y0 + 1950)
    QApplication.processEvents()
    for i in (5, 777, 1999):
        if not (X0 + 2000 < x[i] < X0 + 2600):
            canvas.zoom_to(x[i] - 300, y[i] - 200, x[i] + 300, y[i] + 200)
        assert canvas.hit_test(x[i], y[i]) == (KINDS[kind_of[i]], i)
    assert canvas.hit_test(X0 - 500, Y0 - 500) is None


def test_centimetres_apart_stay_apart_after_the_local_origin(qtbot):
    canvas, *_ = town_canvas(qtbot, n=60)
    xs = np.array([X0 + 3000.00, X0 + 3000.05])
    ys = np.array([Y0 + 2000.00, Y0 + 2000.00])
    canvas.add_point_layer("probe", xs, ys, ids=[1, 2])
    canvas.set_scale_denominator(20)
    canvas.zoom_to(X0 + 2999.9, Y0 + 1999.9, X0 + 3000.15, Y0 + 2000.1)
    QApplication.processEvents()
    assert canvas.hit_test(X0 + 3000.0, Y0 + 2000.0, radius_px=3) == ("probe", 1)
    assert canvas.hit_test(X0 + 3000.05, Y0 + 2000.0, radius_px=3) == ("probe", 2)


def test_add_point_tool_reports_the_clicked_position(qtbot):
    canvas, *_ = town_canvas(qtbot, n=60)
    canvas.set_tool("add_point")
    added, moved_to = [], []
    canvas.point_added.connect(lambda *p: added.append(p))
    canvas.cursor_moved.connect(lambda *p: moved_to.append(p))
    pos = QPointF(640, 380)
    click(qtbot, canvas, pos)
    want = map_pos(canvas, pos)
    assert len(added) == 1
    per_px = canvas.metres_per_pixel()
    assert abs(added[0][0] - want[0]) <= per_px and abs(added[0][1] - want[1]) <= per_px
    assert added[0][0] > 500_000 and added[0][1] > 4_000_000, "signals speak EPSG:4550 metres"


def test_move_tool_drags_a_selected_point(qtbot):
    canvas, x, y, kind_of = town_canvas(qtbot, n=60)
    i = 7
    layer = canvas.layer(KINDS[kind_of[i]])
    layer.set_selection(ids=[i])
    canvas.set_tool(MapTool.MOVE)
    moves = []
    canvas.point_moved.connect(lambda *m: moves.append(m))
    start = screen_pos(canvas, x[i], y[i])
    end = start + QPointF(60, -40)
    drag(qtbot, canvas, start, end)
    assert len(moves) == 1
    name, pid, mx, my = moves[0]
    assert (name, pid) == (KINDS[kind_of[i]], i)
    want = map_pos(canvas, end)
    assert abs(mx - want[0]) <= 2 * canvas.metres_per_pixel()
    assert abs(my - want[1]) <= 2 * canvas.metres_per_pixel()
    # An unselected point is not moved: the drag pans instead.
    j = 13
    extent = canvas.visible_extent()
    drag(qtbot, canvas, screen_pos(canvas, x[j], y[j]), screen_pos(canvas, x[j], y[j]) + QPointF(50, 0))
    assert len(moves) == 1 and canvas.visible_extent() != extent


def test_zoom_full_shows_every_point(qtbot):
    canvas, x, y, _ = town_canvas(qtbot, n=600)
    canvas.zoom_to(X0, Y0, X0 + 10, Y0 + 10)
    canvas.zoom_full()
    x0, y0, x1, y1 = canvas.visible_extent()
    assert x0 <= x.min() and x1 >= x.max() and y0 <= y.min() and y1 >= y.max()


def test_zoom_full_on_one_point_shows_its_surroundings(qtbot):
    canvas, *_ = town_canvas(qtbot, n=6)
    for name in list(canvas.layer_names()):
        canvas.remove_layer(name)
    canvas.add_point_layer("toilets", [X0 + 10], [Y0 + 20], ids=[1])
    canvas.zoom_full()
    x0, y0, x1, y1 = canvas.visible_extent()
    assert x0 < X0 + 10 < x1 and y0 < Y0 + 20 < y1
    assert 50 <= min(x1 - x0, y1 - y0) <= 500


def test_cursor_position_is_reported_in_map_metres(qtbot):
    from PySide6.QtCore import QEvent
    from tests.desktop.map_helpers import mouse
    canvas, *_ = town_canvas(qtbot, n=60)
    seen = []
    canvas.cursor_moved.connect(lambda *p: seen.append(p))
    pos = QPointF(333, 222)
    qtbot.wait(15)  # pyqtgraph drops mouse moves closer than 10 ms apart
    mouse(canvas, QEvent.MouseMove, pos, buttons=Qt.NoButton, button=Qt.NoButton)
    assert seen, "no cursor_moved signal"
    want = map_pos(canvas, pos)
    assert abs(seen[-1][0] - want[0]) <= canvas.metres_per_pixel()
    assert abs(seen[-1][1] - want[1]) <= canvas.metres_per_pixel()
