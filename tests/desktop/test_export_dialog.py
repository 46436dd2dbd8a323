"""The export dialog driven as a user would: pick the selection, see the preview, export
to a GeoPackage on the worker thread, read the file back."""
import fiona
import pytest
from PySide6.QtWidgets import QMainWindow

from desktop.export_dialog import ExportDialog, add_export_action


@pytest.fixture
def dialog(qtbot, small_demo):
    poles = small_demo.query("poles", limit=4)
    d = ExportDialog(small_demo, {"poles": [a.fid for a in poles], "trees": []})
    qtbot.addWidget(d)
    d.show()
    d.chosen = poles
    yield d
    d.runner.wait()
    d.close()


def test_selection_to_geopackage(dialog, qtbot, tmp_path):
    assert dialog.only_selection.isEnabled() and "4" in dialog.only_selection.text()
    dialog.set_kinds(["poles"])
    dialog.only_selection.setChecked(True)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("gpkg"))
    dialog.crs_box.setCurrentIndex(dialog.crs_box.findData(None))
    out = tmp_path / "sel.gpkg"
    dialog.path_edit.setText(str(out))
    dialog.refresh_preview()
    top = dialog.fields_tree.topLevelItem(0)
    assert dialog.fields_tree.topLevelItemCount() == 1 and top.text(0) == "poles" and top.text(2) == "4"
    titles = {top.child(i).text(0): top.child(i).text(1) for i in range(top.childCount())}
    assert titles["code"] == "标识码" and titles["owner_name"] == "权属单位"
    assert dialog.export_button.isEnabled()
    with qtbot.waitSignal(dialog.exported, timeout=20000) as done:
        dialog.export_button.click()
    assert done.args[0].counts == {"poles": 4}
    with fiona.open(out, layer="poles") as src:
        assert {f.properties["code"] for f in src} == {a.code for a in dialog.chosen}
        assert src.crs.to_epsg() == 4550


def test_profile_fills_format_and_preview_counts(dialog, small_demo):
    dialog.profile_box.setCurrentIndex(dialog.profile_box.findData("power_supply"))
    assert dialog.format_box.currentData() == "shp" and dialog.encoding_box.currentData() == "GBK"
    assert dialog.path_edit.text().endswith(".shp")
    dialog.refresh_preview()
    counts = {dialog.fields_tree.topLevelItem(i).text(0): int(dialog.fields_tree.topLevelItem(i).text(2))
              for i in range(dialog.fields_tree.topLevelItemCount())}
    assert counts["manholes"] == small_demo.count("manholes", where=[{"field": "subtype", "value": "0105"}])


def test_nothing_chosen_is_said_not_exported(dialog):
    dialog.set_kinds([])
    dialog.refresh_preview()
    assert not dialog.export_button.isEnabled()
    assert dialog.fields_tree.topLevelItemCount() == 0 and dialog.count_label.text()


def test_menu_hook(qtbot, small_demo):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.registry = small_demo
    window.selection = {"toilets": [1]}
    window.menuBar().addMenu("文件")
    action = add_export_action(window)
    assert action in window.menuBar().actions()[0].menu().actions()
    action.trigger()
    assert isinstance(window.export_dialog, ExportDialog) and window.export_dialog.only_selection.isEnabled()
    window.export_dialog.close()


def test_a_refused_export_says_why_and_can_be_retried(dialog, qtbot, tmp_path):
    dialog.set_kinds(["poles"])
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("gpkg"))
    dialog.crs_box.setCurrentIndex(dialog.crs_box.findData("gcj02"))
    dialog.path_edit.setText(str(tmp_path / "p.gpkg"))
    with qtbot.waitSignal(dialog.runner.failed, timeout=20000):
        dialog.export_button.click()
    assert "GCJ-02" in dialog.runner.message_box.text()
    assert dialog.export_button.isEnabled() and not (tmp_path / "p.gpkg").exists()
    dialog.runner.message_box.close()


def test_menu_hook_on_the_real_window(qtbot, small_demo_path, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop.app import make_window
    from desktop.settings import Settings
    window = make_window(small_demo_path, Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    action = window.export_action  # the window adds it to its File menu
    file_menu = next(a.menu() for a in window.menuBar().actions() if window.actions_.export_png in a.menu().actions())
    actions = file_menu.actions()
    assert actions[actions.index(window.actions_.export_png) - 1] is action
    window.set_selection({"poles": [1, 2]})
    action.trigger()
    assert "2" in window.export_dialog.only_selection.text()
    window.export_dialog.close()
    window.close()


def test_copy_a_profile_edit_it_and_export_with_it(qtbot, small_demo, tmp_path, monkeypatch):
    monkeypatch.setenv("XIUCITY_DATA_DIR", str(tmp_path / "data"))
    d = ExportDialog(small_demo)
    qtbot.addWidget(d)
    d.profile_box.setCurrentIndex(d.profile_box.findData("power_supply"))
    path = d.copy_current_profile("power_latlon")
    assert path == tmp_path / "data" / "profiles" / "power_latlon.toml" and path.exists()
    assert d.profile_box.currentData() == "power_latlon" and "我的副本" in d.profile_box.currentText()
    assert str(path) in d.description.text()
    assert d.copy_current_profile("power_latlon") is None and "power_latlon" in d.description.text()
    d.close()
    # edited in a text editor, offered and used the next time the dialog opens
    path.write_text(path.read_text(encoding="utf-8").replace('crs = "EPSG:4550"', 'crs = "EPSG:4490"', 1),
                    encoding="utf-8")
    again = ExportDialog(small_demo)
    qtbot.addWidget(again)
    again.profile_box.setCurrentIndex(again.profile_box.findData("power_latlon"))
    assert again.export_arguments()["crs"] == "EPSG:4490"
    again.path_edit.setText(str(tmp_path / "out"))
    with qtbot.waitSignal(again.exported, timeout=30000) as done:
        again.export_button.click()
    shp = next(p for p in done.args[0].paths if str(p).endswith("manholes.shp"))
    with fiona.open(shp) as src:
        x, y = next(iter(src)).geometry.coordinates
    assert 123 < x < 124 and 40 < y < 41
    again.close()


def test_a_broken_copy_is_named_and_the_built_in_profiles_still_work(qtbot, small_demo, tmp_path, monkeypatch):
    monkeypatch.setenv("XIUCITY_DATA_DIR", str(tmp_path / "data"))
    (tmp_path / "data" / "profiles").mkdir(parents=True)
    (tmp_path / "data" / "profiles" / "mine.toml").write_text("name = \"mine\"\ntitle = [", encoding="utf-8")
    d = ExportDialog(small_demo)
    qtbot.addWidget(d)
    assert d.profile_box.findData("power_supply") >= 0
    assert "mine" in d.description.text()
    d.close()
