"""The real main window on a real registry, driven as a surveyor would."""
import numpy as np
import pytest
from PySide6.QtCore import Qt

from desktop.app import make_window
from desktop.map.map_tool import MapTool
from tests.desktop.map_helpers import colour_count, pixels, screen_pos


@pytest.fixture
def window(qtbot, small_demo_path):
    w = make_window(small_demo_path)
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    qtbot.waitExposed(w)
    w.canvas.zoom_full()
    yield w
    w.close()


def test_window_shows_every_kind_and_a_legend(window):
    image = window.canvas.grab().toImage()
    rgb = pixels(image)
    assert rgb.std() > 10  # not blank
    legend = window.layer_panel.legend
    titles = [legend.item(r).text() for r in range(legend.rowCount())]
    for title in ("检查井", "杆件", "箱体", "户外广告", "公厕", "行道树", "道路"):
        assert any(t.startswith(title) for t in titles), titles
    symbology = window.canvas.symbology
    for kind in ("manholes", "poles", "boxes", "toilets"):
        window.canvas.zoom_full()
        assert colour_count(rgb, symbology.kind_style(kind).fill, tolerance=20) > 0, kind
    assert window.windowTitle().startswith("绣城")


def test_click_selects_and_rect_selects(window, qtbot):
    reg = window.registry
    toilet = reg.query("toilets", limit=1)[0]
    window.canvas.zoom_to(toilet.x - 40, toilet.y - 40, toilet.x + 40, toilet.y + 40)
    window.set_tool(MapTool.SELECT)
    pos = screen_pos(window.canvas, toilet.x, toilet.y).toPoint()
    qtbot.mouseClick(window.canvas.viewport(), Qt.LeftButton, pos=pos)
    assert window.selection == {"toilets": [toilet.fid]}
    assert "1" in window.selection_label.text()
    window.canvas.rect_selected.emit(toilet.x - 60, toilet.y - 60, toilet.x + 60, toilet.y + 60)
    expected = {k: len(reg.fids(k, bbox=(toilet.x - 60, toilet.y - 60, toilet.x + 60, toilet.y + 60)))
                for k in ("poles", "trees", "toilets")}
    assert len(window.selection.get("toilets", [])) == expected["toilets"] >= 1
    assert len(window.selection.get("poles", [])) == expected["poles"]


def test_add_move_undo_redo(window):
    reg = window.registry
    before = reg.counts()["boxes"]
    window.add_kind = "boxes"
    x, y = reg.extent()[0] + 100, reg.extent()[1] + 100
    window.set_tool(MapTool.ADD_POINT)
    window.canvas.point_added.emit(x, y)
    assert reg.counts()["boxes"] == before + 1
    new = reg.query("boxes", order_by="fid", descending=True, limit=1)[0]
    assert (new.x, new.y) == (x, y)
    assert window.canvas.layer("boxes").count() == before + 1
    window.canvas.point_moved.emit("boxes", new.fid, x + 5, y + 5)
    assert reg.get(new.code).x == x + 5
    assert window.actions_.undo.isEnabled()
    window.undo()
    assert reg.get(new.code).x == x
    window.undo()
    assert reg.counts()["boxes"] == before
    window.redo()
    assert reg.counts()["boxes"] == before + 1


def test_colouring_by_status_changes_the_legend(window):
    window.layer_panel.set_colouring("status")
    legend = window.layer_panel.legend
    row = next(legend.item(r) for r in range(legend.rowCount()) if legend.item(r).text().startswith("检查井"))
    children = [row.child(i).text() for i in range(row.rowCount())]
    assert any("完好" in c for c in children) and any("破损" in c for c in children)


def test_export_view_to_png_and_pdf(window, tmp_path):
    from desktop.map.map_export import export_map
    png, pdf = tmp_path / "view.png", tmp_path / "view.pdf"
    entries = window.layer_panel.legend.legend_entries()
    export_map(window.canvas, png, "岫岩县城 部件分布图", entries)
    export_map(window.canvas, pdf, "岫岩县城 部件分布图", entries)
    assert png.stat().st_size > 10_000
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_screenshot_command(tmp_path, small_demo_path):
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    shot = tmp_path / "shot.png"
    result = subprocess.run([sys.executable, "-m", "desktop.cli", "gui", str(small_demo_path), "--screenshot",
                             str(shot), "--size", "1200x800"], capture_output=True, text=True, cwd=root,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root)})
    assert result.returncode == 0, result.stderr
    from PySide6.QtGui import QImage
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1200, 800)
    assert np.asarray(pixels(image)).std() > 10


def test_identifiers_label_the_map_only_when_zoomed_in(window, qtbot):
    from PySide6.QtWidgets import QApplication
    toilet = window.registry.query("toilets", limit=1)[0]
    window.canvas.grab()
    assert window.canvas.layer("toilets").last_draw["labels"] == 0  # town scale: no labels
    window.canvas.zoom_to(toilet.x - 20, toilet.y - 20, toilet.x + 20, toilet.y + 20)
    QApplication.processEvents()
    window.canvas.grab()
    assert window.canvas.layer("toilets").last_draw["labels"] >= 1
