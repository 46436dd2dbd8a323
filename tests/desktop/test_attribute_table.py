"""The attribute table as a user meets it: labels not codes, sorting and filtering by the
registry, a 100k-row table that scrolls to its end at once, selection kept in step."""
import time

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from assets.filters import Condition
from assets.registry import Registry
from desktop.attribute_table import AttributeTable
from desktop.attribute_table_model import PAGE_SIZE, AssetTableModel
from desktop.selection_model import AssetSelection


def column(model, name):
    return [f.name for f in model.fields].index(name)


def test_model_passes_qt_model_tester(qtmodeltester, small_demo):
    model = AssetTableModel(small_demo, "poles")
    qtmodeltester.check(model)
    model.set_kind("manholes")
    qtmodeltester.check(model)


def test_headers_are_chinese_and_codes_show_as_labels(small_demo):
    model = AssetTableModel(small_demo, "poles")
    assert model.headerData(column(model, "owner_code"), Qt.Orientation.Horizontal) == "权属单位"
    assert model.headerData(column(model, "height_m"), Qt.Orientation.Horizontal) == "杆高(m)"
    fid = model.fid_of_row(0)
    pole = small_demo.get(fid, "poles")
    owner = model.index(0, column(model, "owner_code"))
    assert owner.data() == small_demo.organisation_name(pole.values["owner_code"])
    assert owner.data(Qt.ItemDataRole.EditRole) == pole.values["owner_code"]
    subtype = model.index(0, column(model, "subtype"))
    assert subtype.data() == "路灯杆" and subtype.data(Qt.ItemDataRole.UserRole) == "0118"
    material = model.index(0, column(model, "material"))
    assert material.data() == "钢" and material.data(Qt.ItemDataRole.EditRole) == "steel"


def test_sort_by_code_goes_through_the_registry(small_demo):
    model = AssetTableModel(small_demo, "manholes")
    code = column(model, "code")
    model.sort(code, Qt.SortOrder.AscendingOrder)
    codes = sorted(a.code for a in small_demo.query("manholes"))
    assert [model.index(r, code).data() for r in range(3)] == codes[:3]
    model.sort(code, Qt.SortOrder.DescendingOrder)
    assert model.index(0, code).data() == codes[-1]
    assert model.rowCount() == len(codes)


def test_filter_by_owner_and_search(small_demo):
    model = AssetTableModel(small_demo, "manholes")
    total = model.rowCount()
    model.set_filter([Condition("owner_code", "=", "GDGS")])
    expected = small_demo.count("manholes", [Condition("owner_code", "=", "GDGS")])
    assert 0 < model.rowCount() == expected < total
    owner = column(model, "owner_code")
    assert {model.index(r, owner).data() for r in range(model.rowCount())} == {"县供电公司"}
    model.set_filter([])
    model.set_search("供电")  # an organisation's name searches the owner
    assert model.rowCount() == expected
    model.set_search("迎宾")  # any other word searches the road
    road = column(model, "road")
    assert model.rowCount() > 0 and all("迎宾" in model.index(r, road).data() for r in range(model.rowCount()))
    model.set_search("0105")  # digits search the identifier
    assert all("0105" in model.index(r, column(model, "code")).data() for r in range(model.rowCount()))
    model.set_search("不存在的路")
    assert model.rowCount() == 0
    model.set_search("")
    from assets.filters import FilterError
    with pytest.raises(FilterError):
        model.set_filter([Condition("no_such_field", "=", 1)])
    assert model.rowCount() == total and model.conditions() == []  # the view is untouched


@pytest.fixture
def big_registry(tmp_path):
    n = 100_000
    rng = np.random.default_rng(1)
    with Registry.create(tmp_path / "big.gpkg") as reg:
        reg.bulk_insert("trees", {"subtype": ["0402"] * n, "species": ["国槐"] * n, "road": ["迎宾路"] * n},
                        523000 + rng.random(n) * 2000, 4461000 + rng.random(n) * 2000, undoable=False)
        yield reg


def test_scrolls_to_the_last_of_100k_rows_quickly(qtbot, big_registry):
    selection = AssetSelection()
    table = AttributeTable(big_registry, selection, "trees")
    qtbot.addWidget(table)
    table.resize(900, 500)
    table.show()
    qtbot.waitExposed(table)
    start = time.perf_counter()
    table.view.scrollToBottom()
    table.view.viewport().repaint()
    last = table.model.index(99_999, column(table.model, "code"))
    assert last.data().endswith("100000")
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0, elapsed
    # only the pages looked at were read, not the 500 pages in between
    assert len(table.model._pages) <= 4 and max(table.model._pages) == 99_999 // PAGE_SIZE
    assert table.count_label.text() == table.tr("{n} records").format(n="100,000")
    start = time.perf_counter()
    table.model.sort(column(table.model, "code"), Qt.SortOrder.DescendingOrder)
    assert time.perf_counter() - start < 2.0
    assert table.model.index(0, column(table.model, "code")).data().endswith("100000")
    # filtering while scrolled to the end starts again at the top (and stays quick)
    table.view.scrollToBottom()
    start = time.perf_counter()
    table.model.set_search("09999")
    table.view.viewport().repaint()
    assert time.perf_counter() - start < 1.0
    assert table.view.verticalScrollBar().value() == 0 and table.model.rowCount() == 11


def test_selection_follows_table_and_table_follows_selection(qtbot, small_demo):
    selection = AssetSelection()
    table = AttributeTable(small_demo, selection, "poles")
    qtbot.addWidget(table)
    model, view = table.model, table.view
    # rows → selection
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().select(model.index(2, 0), flags)
    assert selection.items() == {("poles", model.fid_of_row(2))}
    # selection → rows (and the current row scrolled to)
    fids = [model.fid_of_row(r) for r in (10, 11, 40)]
    with qtbot.waitSignal(selection.changed):
        selection.set("poles", fids, current=fids[2])
    rows = sorted({i.row() for i in view.selectionModel().selectedRows()})
    assert rows == [10, 11, 40]
    assert view.currentIndex().row() == 40
    # a pick of another kind (on the map) switches the table to it
    tree = small_demo.fids("trees")[5]
    selection.set("trees", [tree])
    assert table.kind == "trees" and table.kind_picker.currentData() == "trees"
    assert [i.row() for i in view.selectionModel().selectedRows()] == [model.row_of_fid(tree)]
    # double-click focuses an asset
    with qtbot.waitSignal(table.asset_activated) as signal:
        view.doubleClicked.emit(model.index(7, 0))
    assert signal.args == ["trees", model.fid_of_row(7)]
    assert selection.current() == ("trees", model.fid_of_row(7))


def test_search_box_and_count_label(qtbot, small_demo):
    table = AttributeTable(small_demo, AssetSelection(), "manholes")
    qtbot.addWidget(table)
    total = small_demo.count("manholes")
    assert table.count_label.text() == table.tr("{n} records").format(n=f"{total:,}")
    qtbot.keyClicks(table.search_box, "GDGS")
    qtbot.waitUntil(lambda: table.model.rowCount() < total, timeout=2000)
    shown = small_demo.count("manholes", [Condition("owner_code", "=", "GDGS")])
    assert table.count_label.text() == table.tr("{n} of {total} records").format(n=f"{shown:,}", total=f"{total:,}")


def test_table_follows_undo_and_redo(qtbot, small_demo):
    from assets.commands import DeleteAsset
    from desktop.undo_adapter import RegistryUndoStack
    stack = RegistryUndoStack(small_demo)
    selection = AssetSelection()
    table = AttributeTable(small_demo, selection, "poles")
    qtbot.addWidget(table)
    stack.registry_changed.connect(table.refresh)
    n = table.model.rowCount()
    victim = small_demo.get(table.model.fid_of_row(4), "poles")
    selection.set("poles", [victim.fid])
    stack.push_command(DeleteAsset("poles", victim.uuid))
    assert table.model.rowCount() == n - 1 and table.model.row_of_fid(victim.fid) == -1
    assert table.count_label.text() == table.tr("{n} records").format(n=f"{n - 1:,}")
    stack.undo()
    assert table.model.rowCount() == n and table.model.row_of_fid(victim.fid) == 4
    assert [i.row() for i in table.view.selectionModel().selectedRows()] == [4]  # selected again
    code = column(table.model, "code")
    assert table.model.index(4, code).data() == victim.code
