"""The attribute form: shows a pole, edits through the undo stack, refuses bad values in
Chinese without writing, edits mounts, lists history; multi-edit is one undo step."""
import pytest

from desktop.asset_form import AssetForm
from desktop.multi_edit_dialog import MultiEditDialog
from desktop.undo_adapter import RegistryUndoStack


@pytest.fixture
def stack(small_demo):
    return RegistryUndoStack(small_demo)


@pytest.fixture
def form(qtbot, small_demo, stack):
    widget = AssetForm(small_demo, stack)
    qtbot.addWidget(widget)
    return widget


def first_pole(reg):
    return reg.query("poles", limit=1)[0]


def test_form_shows_a_poles_values(form, small_demo):
    pole = first_pole(small_demo)
    form.show_asset("poles", pole.fid)
    assert pole.code in form.title.text() and "杆件" in form.title.text()
    assert form.editor("height_m").value() == pole.values["height_m"]
    assert form.editor("code").value() == pole.code and form.editor("code").read_only
    assert form.editor("ownership").editor.text() == "未确权"  # a system field: label, read-only
    assert form.editor("subtype").shown_text() == "0118 路灯杆"
    owner = pole.values["owner_code"]
    assert form.editor("owner_code").shown_text() == f"{owner} {small_demo.organisation_name(owner)}"
    assert form.editor("material").shown_text() == "钢"
    assert form.changes() == {}  # showing is not editing: nothing to apply
    assert form.tabs.isTabVisible(1)  # poles carry devices
    form.show_asset("trees", small_demo.fids("trees")[0])
    assert not form.tabs.isTabVisible(1)  # trees do not


def test_subdistrict_and_community_read_as_names_and_are_picked_from_the_reference(form, small_demo, stack):
    names = {a["code"]: a["name"] for _, a in small_demo.reference("communities")}
    pole = next(p for p in small_demo.query("poles", limit=50) if p.values.get("community_code") in names)
    form.show_asset("poles", pole.fid)
    community = form.editor("community_code")
    assert community.shown_text() == f"{pole.values['community_code']} {names[pole.values['community_code']]}"
    other = next(code for code in names if code != pole.values["community_code"])
    combo = community.editor
    combo.setCurrentIndex(combo.findData(other))
    assert form.changes() == {"community_code": other}


def test_edit_height_apply_undo_redo(form, small_demo, stack):
    pole = first_pole(small_demo)
    old = pole.values["height_m"]
    form.show_asset("poles", pole.fid)
    form.editor("height_m").set_text("12.5")
    assert form.changes() == {"height_m": 12.5}
    assert form.apply()
    assert small_demo.get(pole.code).values["height_m"] == 12.5
    assert stack.count() == 1
    assert stack.undoText() == form.tr("Edit {kind} {code}").format(kind="杆件", code=pole.code)
    history = form.history.entries_shown()
    assert "12.5" in history[0][3] and "杆高(m)" in history[0][3]
    stack.undo()
    assert small_demo.get(pole.code).values["height_m"] == old
    assert form.editor("height_m").value() == old  # the form followed the undo
    assert small_demo.history(pole.code)[-1]["action"] == "undo:update"
    stack.redo()
    assert small_demo.get(pole.code).values["height_m"] == 12.5
    assert small_demo.history(pole.code)[-1]["action"] == "redo:update"
    assert small_demo.can_undo is False  # the Qt stack, not the core's list, holds the step


def test_invalid_values_show_chinese_messages_and_change_nothing(form, small_demo, stack):
    pole = first_pole(small_demo)
    before = small_demo.get(pole.code).values
    form.show_asset("poles", pole.fid)
    form.editor("grid_code").set_text("12345")
    form.editor("structure").set_text("integrated")  # integrated needs the 综合杆 subtype
    assert not form.apply()
    assert "格式" in form.editor("grid_code").error_text() and "所在单元网格" in form.editor("grid_code").error_text()
    assert "综合杆" in form.editor("structure").error_text()
    assert not form.editor("height_m").error_text()
    assert small_demo.get(pole.code).values == before
    assert stack.count() == 0
    form.editor("grid_code").set_text(before["grid_code"])
    form.editor("structure").set_text(before["structure"])
    form.editor("road").set_text("山城路")
    assert form.apply()
    assert not form.editor("grid_code").error_text()  # old notes go away


def test_numbers_honour_the_fields_limits(form, small_demo):
    form.show_asset("poles", first_pole(small_demo).fid)
    spin = form.editor("height_m").editor
    assert spin.maximum() == 40 and spin.minimum() < 0.5
    spin.setValue(400)
    assert form.editor("height_m").value() == 40


def test_mounts_add_edit_remove(form, small_demo, stack):
    pole = first_pole(small_demo)
    form.show_asset("poles", pole.fid)
    mounts = form.mounts
    n = len(small_demo.mounts(pole.code))
    assert mounts.table.rowCount() == n
    added = mounts.add_mount({"device_type": "camera", "owner_code": "GAJ", "band": "middle"})
    assert len(small_demo.mounts(pole.code)) == n + 1
    row = [m["uuid"] for m in mounts.mounts()].index(added["uuid"])
    assert mounts.table.item(row, 0).text() == "监控摄像机"
    assert mounts.table.item(row, 1).text() == "县公安局（交警）"
    mounts.update_mount(row, {**mounts.mounts()[row], "band": "upper"})
    assert {m["uuid"]: m for m in small_demo.mounts(pole.code)}[added["uuid"]]["band"] == "upper"
    mounts.remove_mount(row)
    assert len(small_demo.mounts(pole.code)) == n
    actions = [h["action"] for h in small_demo.history(pole.code)]
    assert actions[-3:] == ["add_mount", "update_mount", "delete_mount"]
    stack.undo()  # the removal
    assert added["uuid"] in {m["uuid"] for m in small_demo.mounts(pole.code)}
    assert mounts.table.rowCount() == n + 1  # the table followed the undo
    assert form.history.entries_shown()[0][2] == form.history.action_text("undo:add_mount")  # undo of a removal adds it back
    assert "监控摄像机" in form.history.entries_shown()[0][3]


def test_multi_edit_three_trees_is_one_undo_step(qtbot, small_demo, stack):
    fids = small_demo.fids("trees")[:3].tolist()
    before = [small_demo.get(f, "trees").values["vigour"] for f in fids]
    dialog = MultiEditDialog(small_demo, stack, [("trees", f) for f in fids])
    qtbot.addWidget(dialog)
    assert "tree_pit" in [dialog.field_picker.itemData(i) for i in range(dialog.field_picker.count())]
    assert "code" not in [dialog.field_picker.itemData(i) for i in range(dialog.field_picker.count())]
    dialog.set_field("vigour")
    target = next(c for c in ("weak", "dying", "good", "strong") if c not in before)
    dialog.value_editor.set_text(target)
    assert dialog.apply()
    assert [small_demo.get(f, "trees").values["vigour"] for f in fids] == [target] * 3
    assert stack.count() == 1
    stack.undo()
    assert [small_demo.get(f, "trees").values["vigour"] for f in fids] == before


def test_multi_edit_refuses_bad_values(qtbot, small_demo, stack):
    fids = small_demo.fids("trees")[:3].tolist()
    dialog = MultiEditDialog(small_demo, stack, [("trees", f) for f in fids])
    qtbot.addWidget(dialog)
    dialog.set_field("grid_code")
    dialog.value_editor.set_text("abc")
    assert not dialog.apply()
    assert "格式" in dialog.value_editor.error_text()
    assert stack.count() == 0


def test_form_renders_tidily(qtbot, form, small_demo, tmp_path):
    pole = first_pole(small_demo)
    form.resize(480, 820)
    form.show_asset("poles", pole.fid)
    form.show()
    qtbot.waitExposed(form)
    image = form.grab()
    assert image.width() == 480 and image.save(str(tmp_path / "form.png"))


def test_form_follows_the_shared_selection(form, small_demo):
    from desktop.selection_model import AssetSelection
    selection = AssetSelection()
    form.follow(selection)
    assert form.asset() is None and not form.apply_button.isEnabled()
    box = small_demo.query("boxes", limit=1)[0]
    selection.set("boxes", [box.fid])
    assert form.asset().code == box.code and form.tabs.isTabVisible(1)
    assert form.mounts.table.horizontalHeaderItem(2).text() == "仓位"  # cabinets: compartments, not bands
    selection.clear()
    assert form.asset() is None


def test_dates_can_be_set_and_emptied(form, small_demo):
    sign = small_demo.query("billboards", limit=1)[0]
    form.show_asset("billboards", sign.fid)
    expiry = form.editor("permit_expiry")
    expiry.set_text("2027-06-30")
    assert form.changes()["permit_expiry"] == "2027-06-30"
    assert form.apply()
    assert small_demo.get(sign.code).values["permit_expiry"] == "2027-06-30"
    expiry.clear_button.click()
    assert expiry.value() is None and expiry.shown_text() == expiry.tr("(none)")
    assert form.apply()
    assert small_demo.get(sign.code).values["permit_expiry"] is None


def test_unsaved_typing_survives_a_change_elsewhere(form, small_demo, stack):
    poles = small_demo.query("poles", limit=2)
    form.show_asset("poles", poles[0].fid)
    form.editor("road").set_text("山城路")
    stack.push_command(small_demo.edit_command(poles[1].code, {"height_m": 9}))
    assert form.editor("road").value() == "山城路"
    assert stack.undoText() == stack.tr("Edit {kind} {code}").format(kind="杆件", code=poles[1].code)


def test_a_read_only_registry_says_so_and_keeps_the_form(qtbot, small_demo_path):
    from assets.registry import Registry
    with Registry.open(small_demo_path, readonly=True) as reg:
        stack = RegistryUndoStack(reg)
        form = AssetForm(reg, stack)
        qtbot.addWidget(form)
        pole = reg.query("poles", limit=1)[0]
        form.show_asset("poles", pole.fid)
        form.editor("road").set_text("山城路")
        assert not form.apply()
        assert "只读" in form.message.text()
        assert form.editor("road").value() == "山城路" and stack.count() == 0


def test_attach_a_photo_see_its_thumbnail_and_undo(form, small_demo, stack, tmp_path):
    from PIL import Image
    from assets.photos import photo_count
    picture = tmp_path / "井盖现场.jpg"
    Image.new("RGB", (640, 480), (200, 60, 40)).save(picture)
    pole = first_pole(small_demo)
    form.show_asset("poles", pole.fid)
    assert "photo" not in form.editors  # a picture on its own tab, not a "photo:<uuid>" text box
    panel = form.photo
    assert not panel.has_photo() and "没有照片" in panel.caption.text()
    assert panel.attach_file(picture)
    stored = small_demo.get(pole.uuid).values["photo"]
    assert stored.startswith("photo:") and photo_count(small_demo) == 1
    assert panel.has_photo() and not panel.picture().isNull()
    assert "井盖现场.jpg" in panel.caption.text()
    viewer = panel.view_full_size()
    assert viewer.windowTitle() == "井盖现场.jpg"
    viewer.close()
    stack.undo()
    assert small_demo.get(pole.uuid).values.get("photo") is None and photo_count(small_demo) == 0
    assert not panel.has_photo()


def test_a_file_that_is_not_a_picture_is_refused(form, small_demo, tmp_path):
    fake = tmp_path / "照片.jpg"
    fake.write_text("这不是图片", encoding="utf-8")
    pole = first_pole(small_demo)
    form.show_asset("poles", pole.fid)
    assert not form.photo.attach_file(fake)
    assert "照片.jpg" in form.photo.caption.text() and small_demo.get(pole.uuid).values.get("photo") is None
