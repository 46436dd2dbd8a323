"""The import wizard driven as a user would: a surveyor's CSV ledger of manholes near the
demo town, through preview, mapping, findings and the commit on a worker thread."""
import csv

import numpy as np
import pytest
import shapely

from assets.kinds import KIND_NAMES
from assets.registry import Registry
from desktop.import_wizard import ImportWizard

HEADER = ["编号", "井盖标识", "权属单位", "井盖材质", "备注", "X", "Y"]


def _spots(reg, n, spacing=3.0):
    rng = np.random.default_rng(7)
    area = reg.area()
    x0, y0, x1, y1 = area.bounds
    pts = [reg.points(k) for k in KIND_NAMES]
    tree = shapely.STRtree(shapely.points(np.concatenate([p["x"] for p in pts]), np.concatenate([p["y"] for p in pts])))
    out = []
    while len(out) < n:
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        p = shapely.Point(x, y)
        if area.contains(p) and not len(tree.query(p, predicate="dwithin", distance=spacing)) \
                and all(np.hypot(x - a, y - b) > spacing for a, b in out):
            out.append((round(x, 3), round(y, 3)))
    return out


def _ledger(path, xy):
    inscriptions = ["电力", "通信", "燃气", "雨"]
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        for i, (x, y) in enumerate(xy):
            w.writerow([f"JG{i:05d}", inscriptions[i % 4], "", "铸铁", f"第{i}号", f"{x:.3f}", f"{y:.3f}"])
    return path


@pytest.fixture
def wizard(qtbot, small_demo_path):
    reg = Registry.open(small_demo_path)
    w = ImportWizard(reg)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.runner.wait()
    reg.close()


def _to_findings(w, path):
    assert w.set_file(path)
    w.set_kind("manholes")
    w.set_crs("EPSG:4550")
    w.next()
    assert w.currentPage() is w.preview_page
    w.next()
    assert w.currentPage() is w.mapping_page
    w.next()
    assert w.currentPage() is w.findings_page


def test_import_manholes(wizard, qtbot, small_demo_path, tmp_path):
    before = wizard.registry.counts()["manholes"]
    path = _ledger(tmp_path / "井盖台账.csv", _spots(wizard.registry, 6))
    assert wizard.set_file(path)
    wizard.set_kind("manholes")
    wizard.set_crs("EPSG:4550")
    wizard.next()
    assert wizard.preview_table.rowCount() == 6
    assert wizard.preview_table.columnCount() == len(HEADER)
    wizard.next()
    assert wizard.mapping()["井盖标识"] == "inscription"
    wizard.next()
    assert "6" in wizard.counts_label.text()
    wizard.next()
    assert not wizard.button(wizard.WizardButton.FinishButton).isEnabled()
    with qtbot.waitSignal(wizard.imported, timeout=10000) as blocker:
        wizard.commit()
    assert blocker.args[0].imported == 6
    assert wizard.button(wizard.WizardButton.FinishButton).isEnabled()
    assert "6" in wizard.result_label.text()
    with Registry.open(small_demo_path) as reg:
        assert reg.counts()["manholes"] == before + 6


def test_all_outside_commits_nothing(wizard, qtbot, small_demo_path, tmp_path):
    before = wizard.registry.counts()["manholes"]
    x0, y0, x1, y1 = wizard.registry.area().bounds
    far = [(x1 + 20000 + 10 * i, y1 + 20000) for i in range(4)]
    _to_findings(wizard, _ledger(tmp_path / "远处.csv", far))
    assert wizard.findings_table.rowCount() == 4
    assert "区域" in wizard.counts_label.text() or "范围" in wizard.counts_label.text()
    wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=10000) as blocker:
        wizard.commit()
    assert blocker.args[0].imported == 0
    with Registry.open(small_demo_path) as reg:
        assert reg.counts()["manholes"] == before


def test_closing_the_wizard_writes_nothing(wizard, small_demo_path, tmp_path):
    before = wizard.registry.counts()["manholes"]
    _to_findings(wizard, _ledger(tmp_path / "井盖.csv", _spots(wizard.registry, 5)))
    wizard.reject()
    assert wizard.report is None
    with Registry.open(small_demo_path) as reg:
        assert reg.counts()["manholes"] == before


def test_cancel_during_commit_leaves_registry_unchanged(wizard, qtbot, small_demo_path, tmp_path):
    before = wizard.registry.counts()["manholes"]
    _to_findings(wizard, _ledger(tmp_path / "井盖.csv", _spots(wizard.registry, 400, spacing=1.0)))
    wizard.next()
    with qtbot.waitSignal(wizard.runner.cancelled, timeout=10000):
        wizard.commit()
        wizard.runner.cancel()
    assert wizard.report is None
    assert wizard.commit_button.isEnabled()
    with Registry.open(small_demo_path) as reg:
        assert reg.counts()["manholes"] == before


def test_bad_file_shows_reason(wizard, tmp_path):
    assert not wizard.set_file(tmp_path / "没有这个文件.csv")
    assert wizard.file_error.text()
    assert not wizard.file_page.isComplete()


def test_import_action_and_undo_in_main_window(qtbot, small_demo_path, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop.main_window import MainWindow
    from desktop.settings import Settings
    reg = Registry.open(small_demo_path)
    window = MainWindow(reg, Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(window)
    action = window.import_action  # the window puts it in its File menu
    assert action in window.menuBar().actions()[0].menu().actions()
    assert action.text() == "导入(&I)…"
    action.trigger()
    w = window.import_wizard
    before = window.registry.counts()["manholes"]
    _to_findings(w, _ledger(tmp_path / "井盖.csv", _spots(window.registry, 3)))
    w.next()
    with qtbot.waitSignal(w.imported, timeout=10000):
        w.commit()
    assert window.registry.counts()["manholes"] == before + 3
    window.undo_stack.undo()
    assert window.registry.counts()["manholes"] == before
    w.close()
    reg.close()


def test_edited_mapping_survives_a_template(wizard, tmp_path):
    path = _ledger(tmp_path / "井盖.csv", _spots(wizard.registry, 2))
    _to_findings(wizard, path)
    wizard.back()
    wizard.set_mapping("备注", None)
    assert "备注" not in wizard.mapping()
    wizard.save_template(tmp_path / "模板.toml")
    wizard.set_mapping("备注", "remarks")
    wizard.load_template(tmp_path / "模板.toml")
    assert "备注" not in wizard.mapping()
    assert wizard.mapping()["井盖标识"] == "inscription"
