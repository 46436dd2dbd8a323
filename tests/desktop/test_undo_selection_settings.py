"""The undo stack over core commands, the shared selection, settings and the translator."""
import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from assets.registry import Registry
from desktop.selection_model import AssetSelection
from desktop.settings import MAX_RECENT, Settings
from desktop.translator import CatalogueTranslator, install_language
from desktop.undo_adapter import RegistryUndoStack


def test_undo_stack_signals_kinds_and_mirrors_core_undo(qtbot, small_demo):
    stack = RegistryUndoStack(small_demo)
    pole = small_demo.query("poles", limit=1)[0]
    changed = []
    stack.registry_changed.connect(changed.append)
    command = small_demo.edit_command(pole.code, {"height_m": 15})
    stack.push_command(command, "修改 杆件")
    assert changed == [{"poles"}] and small_demo.get(pole.code).values["height_m"] == 15
    stack.undo()
    stack.redo()
    stack.undo()
    assert changed == [{"poles"}] * 4
    assert small_demo.get(pole.code).values["height_m"] == pole.values["height_m"]
    assert [h["action"] for h in small_demo.history(pole.code)][-4:] == [
        "update", "undo:update", "redo:update", "undo:update"]
    action = stack.undo_action(None)
    assert not action.isEnabled()
    stack.redo()
    assert action.isEnabled() and action.text().endswith("修改 杆件")


def test_a_refused_command_is_not_pushed(small_demo):
    stack = RegistryUndoStack(small_demo)
    pole = small_demo.query("poles", limit=1)[0]
    command = small_demo.edit_command(pole.code, {"height_m": 15})
    small_demo.update(pole.code, {"height_m": 16})  # someone else got there first
    from assets.store import StaleEdit
    with pytest.raises(StaleEdit):
        stack.push_command(command, "修改")
    assert stack.count() == 0 and small_demo.get(pole.code).values["height_m"] == 16


def test_undo_refused_after_someone_else_edited(qtbot, small_demo, small_demo_path):
    stack = RegistryUndoStack(small_demo)
    pole = small_demo.query("poles", limit=1)[0]
    stack.push_command(small_demo.edit_command(pole.code, {"height_m": 15}), "修改")
    with Registry.open(small_demo_path, who="另一位测量员") as other:
        other.update(pole.code, {"height_m": 17})
    with qtbot.waitSignal(stack.failed) as failed:
        stack.undo()
    assert "17" not in str(failed.args[0]) and pole.code in str(failed.args[0])
    assert small_demo.get(pole.code).values["height_m"] == 17  # the other edit stands
    assert stack.count() == 0  # the step that can no longer be undone is gone


def test_selection_set_add_clear_current(qtbot):
    selection = AssetSelection()
    with qtbot.waitSignal(selection.changed):
        selection.set("poles", [5, 3, 3, 9])
    assert selection.items() == {("poles", 3), ("poles", 5), ("poles", 9)}
    assert selection.current() == ("poles", 3)
    with qtbot.assertNotEmitted(selection.changed):
        selection.set("poles", np.array([9, 5, 3]))  # the same selection again: no echo
    selection.add("trees", [1])
    assert len(selection) == 4 and selection.kinds() == ["poles", "trees"]
    selection.set_current("trees", 1)
    assert selection.current() == ("trees", 1)
    selection.remove("trees", [1])
    assert selection.current() is None and ("trees", 1) not in selection.items()
    selection.clear()
    assert selection.items() == set() and selection.current() is None


def test_settings_round_trip(tmp_path):
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert settings.language() == "zh_CN" and settings.recent_registries() == [] and settings.surveyor() == ""
    files = []
    for i in range(MAX_RECENT + 2):
        path = tmp_path / f"r{i}.gpkg"
        path.write_bytes(b"")
        files.append(path)
        settings.add_recent_registry(path)
    settings.add_recent_registry(files[5])
    recent = settings.recent_registries()
    assert len(recent) == MAX_RECENT and recent[0] == str(files[5].resolve()) and recent.count(recent[0]) == 1
    files[6].unlink()
    assert str(files[6].resolve()) not in settings.recent_registries()
    settings.set_view_extent(files[0], (523000, 4461000, 524000.5, 4462000))
    settings.set_language("en")
    settings.set_surveyor(" 王工 ")
    settings.sync()
    again = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert again.view_extent(files[0]) == (523000.0, 4461000.0, 524000.5, 4462000.0)
    assert again.view_extent(files[1]) is None
    assert again.language() == "en" and again.surveyor() == "王工"
    with pytest.raises(ValueError):
        again.set_language("fr")


def test_translator_serves_the_core_catalogue(qapp):
    translator = CatalogueTranslator("zh_CN")
    assert translator.translate("CLI", "Error") == "错误"
    assert translator.translate("CLI", "no such source text") is None
    try:
        install_language(qapp, "zh_CN")
        assert QCoreApplication.translate("CLI", "Error") == "错误"
        if any("qtbase" in t.filePath() for t in qapp._xiucity_translators):  # Qt's own, when shipped
            assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
        from assets.errors import RegistryBusy
        assert "正忙" in str(RegistryBusy())
        install_language(qapp, "en")
        assert QCoreApplication.translate("CLI", "Error") == "Error"
        assert "busy" in str(RegistryBusy())
    finally:
        install_language(qapp, "zh_CN")
        from assets import i18n
        i18n._language = None
