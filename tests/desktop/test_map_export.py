"""Printing the map: PNG and PDF with title, legend, scale bar, north arrow and date."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtGui import QImage

from assets.kinds import kind
from desktop.map.errors import MapExportFailed, MapExportFormat
from desktop.map.legend_model import LegendModel
from desktop.map.map_export import export_map
from desktop.map.symbology import Symbology
from tests.desktop.map_helpers import KINDS, colour_count, pixels, town_canvas


def _legend(canvas):
    out = []
    for name in KINDS:
        out += LegendModel.entries_from_layer(canvas.layer(name), {0: kind(name).title("zh_CN")}, canvas.renderer)
    return out


def test_png_export_shows_map_and_legend(qtbot, tmp_path):
    canvas, *_ = town_canvas(qtbot, n=3000)
    path = export_map(canvas, tmp_path / "map.png", "岫岩县城市部件分布图", _legend(canvas),
                      when=dt.date(2026, 11, 28))
    image = QImage(str(path))
    assert not image.isNull() and image.width() >= 2000
    rgb = pixels(image)
    w = rgb.shape[1]
    legend_column = rgb[:, int(w * 0.74):]
    sym = Symbology.default()
    for name in KINDS:  # every legend icon is in the legend column
        assert colour_count(legend_column, sym.kind_style(name).fill, tolerance=6) > 30, name
    map_part = rgb[:, : int(w * 0.70)]
    assert colour_count(map_part, sym.background, tolerance=3) > 0.2 * map_part.shape[0] * map_part.shape[1]
    image.save("/tmp/map_export.png")


def test_pdf_export_writes_a_pdf(qtbot, tmp_path):
    canvas, *_ = town_canvas(qtbot, n=3000)
    path = export_map(canvas, tmp_path / "地图.pdf", "岫岩县城市部件分布图", _legend(canvas))
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 10_000
    assert data.rstrip().endswith(b"%%EOF")


def test_export_refuses_unknown_formats_and_missing_folders(qtbot, tmp_path):
    canvas, *_ = town_canvas(qtbot, n=60)
    with pytest.raises(MapExportFormat) as err:
        export_map(canvas, tmp_path / "map.bmp", "t", [])
    assert ".bmp" in err.value.message("en")
    with pytest.raises(MapExportFailed):
        export_map(canvas, tmp_path / "no" / "such" / "map.png", "t", [])
    path = export_map(canvas, tmp_path / "tuples.png", "t", [("检查井", None, 3)])
    assert path.stat().st_size > 0


def test_symbols_grow_with_the_printed_map(qtbot, tmp_path):
    canvas, x, y, kind_of = town_canvas(qtbot, n=600)
    fill = Symbology.default().kind_style("boxes").fill
    on_screen = colour_count(pixels(canvas.grab().toImage()), fill, tolerance=6)
    path = export_map(canvas, tmp_path / "map.png", "t", [])
    rgb = pixels(QImage(str(path)))
    printed_map = rgb[:, : int(rgb.shape[1] * 0.72)]
    map_width_px = printed_map.shape[1]
    ratio = map_width_px / canvas.viewport().width()
    assert ratio > 1.3
    # Symbol areas grow with the square of the enlargement (give or take edge pixels).
    assert colour_count(printed_map, fill, tolerance=6) > on_screen * ratio ** 2 * 0.6
