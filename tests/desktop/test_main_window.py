"""The real main window on a real registry, driven as a surveyor would."""
import numpy as np
import pytest
from PySide6.QtCore import Qt

from desktop.app import make_window
from desktop.map.map_tool import MapTool
from tests.desktop.map_helpers import colour_count, pixels, screen_pos


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    from desktop.settings import Settings
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot, small_demo_path, settings):
    w = make_window(small_demo_path, settings)
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


def test_the_window_carries_the_xiucity_icon(window):
    icon = window.windowIcon()
    assert not icon.isNull()
    image = icon.pixmap(64, 64).toImage()
    centre = image.pixelColor(32, 32)
    assert centre.red() > 150 and centre.green() < 100  # the red pin on the cloth


def test_click_selects_and_rect_selects(window, qtbot):
    reg = window.registry
    toilet = reg.query("toilets", limit=1)[0]
    window.canvas.zoom_to(toilet.x - 40, toilet.y - 40, toilet.x + 40, toilet.y + 40)
    window.set_tool(MapTool.SELECT)
    pos = screen_pos(window.canvas, toilet.x, toilet.y).toPoint()
    qtbot.mouseClick(window.canvas.viewport(), Qt.LeftButton, pos=pos)
    assert window.selection_dict() == {"toilets": [toilet.fid]}
    assert window.form.asset().code == toilet.code  # the form follows the selection
    assert "1" in window.selection_label.text()
    window.canvas.rect_selected.emit(toilet.x - 60, toilet.y - 60, toilet.x + 60, toilet.y + 60)
    expected = {k: len(reg.fids(k, bbox=(toilet.x - 60, toilet.y - 60, toilet.x + 60, toilet.y + 60)))
                for k in ("poles", "trees", "toilets")}
    chosen = window.selection_dict()
    assert len(chosen.get("toilets", [])) == expected["toilets"] >= 1
    assert len(chosen.get("poles", [])) == expected["poles"]


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
    assert window.actions_.undo.isEnabled() and "撤销" in window.actions_.undo.text()
    window.undo_stack.undo()
    assert reg.get(new.code).x == x
    window.undo_stack.undo()
    assert reg.counts()["boxes"] == before
    assert window.canvas.layer("boxes").count() == before
    window.undo_stack.redo()
    assert reg.counts()["boxes"] == before + 1
    assert window.isWindowModified()


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


def test_form_edit_shows_in_registry_and_table_and_undoes(window):
    reg = window.registry
    pole = reg.query("poles", where=[{"field": "subtype", "value": "0118"}], limit=1)[0]
    window.selection.set("poles", [pole.fid], current=pole.fid)
    window.form.editor("height_m").editor.setValue(11.5)  # as the user types it
    assert window.form.apply()
    assert reg.get(pole.code).values["height_m"] == 11.5
    window.undo_stack.undo()
    assert reg.get(pole.code).values["height_m"] == pole.values["height_m"]
    window.undo_stack.redo()
    assert reg.get(pole.code).values["height_m"] == 11.5


def test_multi_edit_and_delete_selection(window):
    reg = window.registry
    trees = reg.query("trees", limit=3)
    window.set_selection({"trees": [t.fid for t in trees]})
    assert window.actions_.delete.isEnabled()
    from assets.commands import Composite
    window.run_command(lambda: Composite([reg.edit_command(t.uuid, {"species": "银杏"}) for t in trees]))
    assert {reg.get(t.code).values["species"] for t in trees} == {"银杏"}
    before = reg.counts()["trees"]
    window.delete_selection()
    assert reg.counts()["trees"] == before - 3 and len(window.selection) == 0
    window.undo_stack.undo()
    assert reg.counts()["trees"] == before


def test_switch_language_rebuilds_the_window_in_english(window, qtbot, settings):
    from desktop.window_manager import switch_language
    from desktop.translator import install_language
    from PySide6.QtWidgets import QApplication
    try:
        english = switch_language(window, "en")
        qtbot.addWidget(english)
        assert english.windowTitle().startswith("XiuCity")
        assert english.actions_.file_menu.title() == "&File"
        assert settings.language() == "en"
        chinese = switch_language(english, "zh_CN")
        qtbot.addWidget(chinese)
        assert chinese.windowTitle().startswith("绣城")
        chinese.close()
    finally:
        install_language(QApplication.instance(), "zh_CN")


def test_recent_registry_and_view_are_remembered(window, settings, small_demo_path):
    assert settings.recent_registries()[0] == str(small_demo_path.resolve())
    toilet = window.registry.query("toilets", limit=1)[0]
    window.canvas.zoom_to(toilet.x - 50, toilet.y - 50, toilet.x + 50, toilet.y + 50)
    window.close()
    x0, y0, x1, y1 = settings.view_extent(small_demo_path)
    assert x0 <= toilet.x <= x1 and y0 <= toilet.y <= y1


def test_select_by_attribute_through_the_table_search(window, qtbot):
    reg = window.registry
    window.table.set_kind("manholes")
    window.table.search_box.setText("县供电公司")
    window.table.apply_search()
    qtbot.waitUntil(lambda: window.table.model.rowCount() > 0)
    window.select_by_attribute()
    power = reg.count("manholes", where=[{"field": "owner_code", "value": "GDGS"}])
    assert len(window.selection.fids("manholes")) == power
    item = window.canvas.layer("manholes")
    assert len(item.selected_ids()) == power


def test_check_registry_from_the_tools_menu(window, qtbot):
    titles = [a.text() for a in window.menuBar().actions()]
    assert "工具(&T)" in titles and "帮助(&H)" in titles
    dialog = window.actions_.check_registry()
    with qtbot.waitSignal(dialog.checked, timeout=30000) as done:
        pass
    assert done.args[0] and all(f.ok for f in done.args[0])
    assert dialog.list.count() == len(done.args[0]) and dialog.list.item(0).text().startswith("✓")
    assert "全部检查通过" in dialog.summary.text()
    dialog.close()


def test_about_names_the_version_libraries_and_data_folder(window, tmp_path, monkeypatch):
    monkeypatch.setenv("XIUCITY_DATA_DIR", str(tmp_path / "mydata"))
    box = window.actions_.show_about()
    text = box.text()
    assert "绣城" in text and "GDAL" in text and "PROJ" in text and str(tmp_path / "mydata") in text
    box.close()


def test_the_window_starts_without_loading_the_solver():
    """scipy (planning, in-file repeats) is half a second of start-up; it loads when first used."""
    import subprocess
    import sys
    code = "import sys, desktop.main_window; print(sorted(m for m in sys.modules if m.startswith('scipy'))[:3])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
