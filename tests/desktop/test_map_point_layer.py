"""The point layer item on its own: level of detail, labels, selection, hit tests, bad input."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from desktop.map.errors import PointDataInvalid
from desktop.map.grid_index import GridIndex
from desktop.map.symbology import Symbology
from tests.desktop.map_helpers import X0, Y0, colour_count, pixels, town_canvas


def test_many_points_turn_into_a_density_raster_and_back(qtbot):
    canvas, x, y, _ = town_canvas(qtbot, n=12_000)
    layer = canvas.layer("manholes")  # 2000 points
    layer.density_threshold = 1500
    canvas.zoom_full()
    QApplication.processEvents()
    rgb = pixels(canvas.grab().toImage())
    assert layer.last_draw == {"mode": "density", "visible": 2000, "labels": 0}
    ramp = Symbology.default().density_ramp
    # Density cells are blended with the paper colour; look for the warm ramp hues.
    warm = (rgb[..., 0].astype(int) - rgb[..., 2].astype(int)) > 80
    assert warm.sum() > 500, f"no density colours ({ramp}) on the map"
    canvas.zoom_to(X0 + 2000, Y0 + 1500, X0 + 2600, Y0 + 1950)
    QApplication.processEvents()
    canvas.grab()
    assert layer.last_draw["mode"] == "symbols"
    assert 0 < layer.last_draw["visible"] < 1500
    canvas.zoom_full()
    QApplication.processEvents()
    canvas.grab()
    assert layer.last_draw["mode"] == "density"


def test_labels_appear_only_when_zoomed_in(qtbot):
    canvas, *_ = town_canvas(qtbot, n=6000)
    layer = canvas.layer("poles")
    canvas.grab()
    assert layer.last_draw["labels"] == 0  # 1000 poles in view: too many to label
    canvas.zoom_to(X0 + 2000, Y0 + 1500, X0 + 2400, Y0 + 1800)
    QApplication.processEvents()
    canvas.grab()
    assert 0 < layer.last_draw["visible"] <= layer.label_threshold
    assert layer.last_draw["labels"] > 0


def test_selected_points_are_highlighted_on_top(qtbot):
    canvas, x, y, kind_of = town_canvas(qtbot, n=600)
    highlight = Symbology.default().highlight_style().stroke
    assert colour_count(pixels(canvas.grab().toImage()), highlight, tolerance=10) == 0
    layer = canvas.layer("boxes")
    chosen = np.flatnonzero(kind_of == 2)[:5]
    layer.set_selection(ids=chosen)
    assert sorted(layer.selected_ids().tolist()) == chosen.tolist()
    assert colour_count(pixels(canvas.grab().toImage()), highlight, tolerance=10) > 5 * 10
    layer.set_selection()
    assert layer.selected_ids().size == 0


def test_hit_test_radius_is_in_screen_pixels(qtbot):
    canvas, *_ = town_canvas(qtbot, n=60)
    canvas.add_point_layer("probe", [X0 + 3000.0], [Y0 + 2000.0], ids=[42])
    canvas.set_scale_denominator(1000)
    canvas.zoom_to(X0 + 2990, Y0 + 1990, X0 + 3010, Y0 + 2010)
    QApplication.processEvents()
    per_px = canvas.metres_per_pixel()
    assert canvas.hit_test(X0 + 3000 + 4 * per_px, Y0 + 2000, radius_px=6) == ("probe", 42)
    assert canvas.hit_test(X0 + 3000 + 9 * per_px, Y0 + 2000, radius_px=6) is None


def test_hidden_layers_are_not_hit(qtbot):
    canvas, x, y, kind_of = town_canvas(qtbot, n=60)
    name = canvas.layer_names()[kind_of[3]]
    canvas.zoom_to(x[3] - 20, y[3] - 20, x[3] + 20, y[3] + 20)
    assert canvas.hit_test(x[3], y[3]) == (name, 3)
    canvas.set_layer_visible(name, False)
    assert canvas.hit_test(x[3], y[3]) != (name, 3)


@pytest.mark.parametrize("shape", ["spread", "one_spot", "one_line", "clustered"])
def test_grid_index_rectangles_match_brute_force(shape):
    rng = np.random.default_rng(11)
    n = 5000
    if shape == "spread":
        x, y = rng.uniform(0, 1000, n), rng.uniform(0, 700, n)
    elif shape == "one_spot":
        x, y = np.full(n, 5.0), np.full(n, 7.0)
    elif shape == "one_line":
        x, y = rng.uniform(0, 1000, n), np.full(n, 3.0)
    else:  # a dense town and a few far-away outliers
        x = np.r_[rng.normal(500, 5, n - 3), [-1e5, 2e5, 3e5]]
        y = np.r_[rng.normal(500, 5, n - 3), [-1e5, 0.0, 4e5]]
    index = GridIndex(x, y)
    for _ in range(30):
        x0, x1 = np.sort(rng.uniform(x.min() - 10, x.max() + 10, 2))
        y0, y1 = np.sort(rng.uniform(y.min() - 10, y.max() + 10, 2))
        want = np.flatnonzero((x >= x0) & (x <= x1) & (y >= y0) & (y <= y1))
        assert index.in_rect(x0, y0, x1, y1).tolist() == want.tolist()
    assert index.in_rect(x.max() + 1, y.max() + 1, x.max() + 5, y.max() + 5).size == 0


def test_nearest_within_radius_matches_brute_force():
    rng = np.random.default_rng(5)
    x, y = rng.uniform(0, 100, 3000), rng.uniform(0, 100, 3000)
    index = GridIndex(x, y)
    for qx, qy in rng.uniform(0, 100, (50, 2)):
        d = np.hypot(x - qx, y - qy)
        want = int(np.argmin(d)) if d.min() <= 1.0 else None
        assert index.nearest(qx, qy, 1.0) == want


def test_bad_points_are_refused_with_a_clear_error(qtbot):
    canvas, *_ = town_canvas(qtbot, n=60)
    with pytest.raises(PointDataInvalid) as err:
        canvas.add_point_layer("bad", [X0, np.nan], [Y0, Y0])
    assert "invalid" in err.value.message("en")
    layer = canvas.layer("poles")
    with pytest.raises(PointDataInvalid):
        layer.set_data([1.0, 2.0], [1.0])
    with pytest.raises(PointDataInvalid):
        layer.set_data([1.0, 2.0], [1.0, 2.0], categories=[0])
    with pytest.raises(PointDataInvalid):
        layer.set_selection(mask=[True])


def test_empty_layer_draws_nothing_and_breaks_nothing(qtbot):
    canvas, *_ = town_canvas(qtbot, n=60)
    item = canvas.add_point_layer("empty", [], [])
    canvas.grab()
    assert item.last_draw["mode"] == "empty"
    assert item.hit_test(0.0, 0.0) is None
    assert item.ids_in_rect(-1e9, -1e9, 1e9, 1e9).size == 0
    canvas.zoom_full()  # an empty layer does not spoil the full extent
    assert canvas.visible_extent()[0] > 500_000


def test_ready_made_pixmaps_can_be_symbols(qtbot):
    from PySide6.QtGui import QColor, QPixmap
    canvas, *_ = town_canvas(qtbot, n=60)
    for name in list(canvas.layer_names()):
        canvas.set_layer_visible(name, False)
    pm = QPixmap(9, 9)
    pm.fill(QColor("#00ff00"))
    item = canvas.add_point_layer("custom", [X0 + 100, X0 + 200], [Y0 + 100, Y0 + 150],
                                  categories=[0, 1], ids=[1, 2], symbols={0: pm})
    canvas.zoom_full()
    rgb = pixels(canvas.grab().toImage())
    assert item.last_draw["mode"] == "symbols"
    # Category 1 has no symbol: only one 9×9 square is drawn.
    assert colour_count(rgb, "#00ff00", tolerance=2) == 81
