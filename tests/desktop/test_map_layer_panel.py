"""The layers panel: symbols with counts, visibility boxes that hide layers, colouring choice."""
from __future__ import annotations

from PySide6.QtCore import Qt

from assets.kinds import kind
from desktop.map.layer_panel import LayerPanel
from desktop.map.legend_model import LegendModel
from desktop.map.symbology import Symbology
from tests.desktop.map_helpers import KINDS, town_canvas


def _panel(qtbot, canvas) -> LayerPanel:
    panel = LayerPanel()
    qtbot.addWidget(panel)
    for name in KINDS:
        item = canvas.layer(name)
        entries = LegendModel.entries_from_layer(item, {0: kind(name).title("zh_CN")}, canvas.renderer)
        panel.legend.set_layer(name, kind(name).title("zh_CN"), entries)
    panel.connect_canvas(canvas)
    return panel


def test_panel_lists_each_layer_with_its_count(qtbot):
    canvas, x, y, kind_of = town_canvas(qtbot, n=600)
    panel = _panel(qtbot, canvas)
    model = panel.legend
    assert model.rowCount() == len(KINDS)
    texts = [model.item(r).text() for r in range(model.rowCount())]
    assert texts[0] == f"检查井 ({(kind_of == 0).sum():,})"
    assert all(model.item(r).checkState() == Qt.Checked for r in range(model.rowCount()))
    assert not model.item(0).icon().isNull()


def test_unticking_a_layer_hides_it_on_the_map(qtbot):
    canvas, *_ = town_canvas(qtbot, n=600)
    panel = _panel(qtbot, canvas)
    seen = []
    panel.visibility_changed.connect(lambda *v: seen.append(v))
    panel.legend.item(1).setCheckState(Qt.Unchecked)  # what a click on the box does
    assert seen == [("poles", False)]
    assert not canvas.layer("poles").isVisible()
    assert [e.label for e in panel.legend.legend_entries()] == [
        kind(k).title("zh_CN") for k in KINDS if k != "poles"]
    panel.legend.set_layer_visible("poles", True)
    assert canvas.layer("poles").isVisible()


def test_choosing_a_colouring_is_announced_and_categories_listed(qtbot):
    canvas, x, y, kind_of = town_canvas(qtbot, n=600)
    panel = _panel(qtbot, canvas)
    chosen = []
    panel.colouring_changed.connect(chosen.append)
    panel.colouring_box.setCurrentIndex(panel.colouring_box.findData("status"))
    assert chosen == ["status"] and panel.colouring() == "status"
    # What the main window will do on that signal: recolour a layer and refresh its legend.
    s = Symbology.default()
    statuses = ["intact", "damaged", "missing"] * 40
    layer = canvas.layer("poles")
    px, py, ids = layer.points()
    cats, styles, codes = s.categorise("poles", "status", statuses[: layer.count()])
    layer.set_data(px, py, cats, ids)
    layer.set_symbols(styles)
    entries = LegendModel.entries_from_layer(layer, dict(enumerate(codes)))
    panel.legend.set_layer("poles", "杆件", entries)
    row = panel.legend.item(1)
    assert row.rowCount() == 3
    assert sorted(row.child(r).text().split(" ")[0] for r in range(3)) == ["damaged", "intact", "missing"]
    panel.set_colouring("owner")
    assert chosen[-1] == "owner"


def test_category_labels_speak_the_users_words():
    from desktop.map.legend_labels import category_labels
    s = Symbology.default()
    _, _, codes = s.categorise("poles", "subtype", ["0118", "0701", None])
    labels = category_labels("poles", "subtype", codes, language="zh_CN")
    assert sorted(labels.values()) == sorted(["路灯杆", "综合杆", "（未填写）"])
    _, _, codes = s.categorise("manholes", "ownership", ["disputed", "ownerless"])
    assert category_labels("manholes", "ownership", codes, language="en") == {0: "Disputed", 1: "Ownerless"}
    _, _, codes = s.categorise("boxes", "owner", ["GDGS", "XYZ"])
    assert category_labels("boxes", "owner", codes, {"GDGS": "县供电公司"}) == {0: "县供电公司", 1: "XYZ"}
    assert category_labels("trees", "kind", ["trees"], language="zh_CN") == {0: "行道树"}
