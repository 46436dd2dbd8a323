"""Roads, rivers and areas under the assets: drawn once as paths, names only when they fit."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.map.errors import ShapeDataInvalid
from desktop.map.symbology import Symbology
from tests.desktop.map_helpers import X0, Y0, colour_count, pixels, town_canvas

ROADS = [[(X0, Y0 + 2000), (X0 + 6000, Y0 + 2100)], [(X0 + 3000, Y0), (X0 + 3050, Y0 + 4500)]]


def test_road_names_only_at_large_scale(qtbot):
    canvas, *_ = town_canvas(qtbot, n=60)
    roads = canvas.add_line_layer("roads", ROADS, labels=["岫岩大街", "中心路"], z=-1)
    canvas.grab()
    assert canvas.scale_denominator() > Symbology.default().reference_label_max_scale
    assert roads.last_labels == 0
    canvas.zoom_to(X0 + 2800, Y0 + 1900, X0 + 3200, Y0 + 2200)
    QApplication.processEvents()
    rgb = pixels(canvas.grab().toImage())
    assert roads.last_labels == 2
    assert colour_count(rgb, Symbology.default().reference_style("roads")["stroke"], tolerance=6) > 300


def test_river_is_a_line_not_a_filled_area(qtbot):
    canvas, *_ = town_canvas(qtbot, n=6)
    style = Symbology.default().reference_style("river")
    canvas.add_line_layer("river", [[(X0, Y0), (X0 + 3000, Y0 + 4500), (X0 + 6000, Y0)]], z=-1)
    rgb = pixels(canvas.grab().toImage())
    assert colour_count(rgb, style["stroke"], tolerance=8) > 100
    assert colour_count(rgb, style["fill"], tolerance=4) < 50  # a fill would paint the triangle


def test_subdistrict_names_sit_inside_areas_large_enough(qtbot):
    canvas, *_ = town_canvas(qtbot, n=60)
    areas = canvas.add_polygon_layer(
        "subdistricts",
        [[[(X0, Y0), (X0 + 3000, Y0), (X0 + 3000, Y0 + 4500), (X0, Y0 + 4500)]],
         [[(X0 + 3000, Y0), (X0 + 6000, Y0), (X0 + 6000, Y0 + 4500), (X0 + 3000, Y0 + 4500)],
          [(X0 + 4000, Y0 + 1000), (X0 + 5000, Y0 + 1000), (X0 + 5000, Y0 + 2000)]],
         [[(X0 + 100, Y0 + 100), (X0 + 101, Y0 + 100), (X0 + 101, Y0 + 101)]]],
        labels=["阜昌街道", "兴隆街道", "太小"], z=-2)
    canvas.grab()
    assert areas.last_labels == 2  # the 1 m triangle is too small for its name
    assert canvas.full_extent()[2] == pytest.approx(X0 + 6000, abs=1)


def test_bad_shapes_are_refused_with_a_clear_error(qtbot):
    canvas, *_ = town_canvas(qtbot, n=6)
    with pytest.raises(ShapeDataInvalid):
        canvas.add_line_layer("roads", [[(X0, Y0)]])
    with pytest.raises(ShapeDataInvalid):
        canvas.add_line_layer("roads", [[(X0, Y0), (float("nan"), Y0)]])
    with pytest.raises(ShapeDataInvalid):
        canvas.add_polygon_layer("grids", [[[(X0, Y0), (X0 + 1, Y0)]]])
    with pytest.raises(ShapeDataInvalid):
        canvas.add_line_layer("roads", ROADS, labels=["only one"])
