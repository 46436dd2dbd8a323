"""SIGKILL at random moments during long writes; afterwards `xiucity check` passes and each
operation is either fully there or not at all."""
import shutil

import pytest

from assets.check import check_registry
from assets.registry import Registry
from killing import TRIALS, run_and_kill

BULK = r"""
import sys
import numpy as np
from assets.registry import Registry
reg = Registry.open(sys.argv[1])
n = 60_000
rng = np.random.default_rng(5)
reg.bulk_insert("trees", {"subtype": ["0402"] * n, "species": ["国槐"] * n},
                523000 + rng.random(n) * 3000, 4460000 + rng.random(n) * 3000, note="kill test")
"""

IMPORT = r"""
import sys
from assets.registry import Registry
from layers.importer import import_file
reg = Registry.open(sys.argv[1])
import_file(reg, sys.argv[2], kind="manholes")
"""

RECEIVE = r"""
import sys
from assets.registry import Registry
from layers.package_receipt import receive_package
reg = Registry.open(sys.argv[1])
receive_package(reg, sys.argv[2])
"""


def _sound(path):
    with Registry.open(path) as reg:
        bad = [f.message("en") for f in check_registry(reg) if not f.ok]
        return bad, reg.counts()


@pytest.mark.parametrize("trial", range(TRIALS))
def test_bulk_insert_killed_anywhere(small_demo_path, trial):
    _, before = _sound(small_demo_path)
    outcome = run_and_kill(BULK, small_demo_path, seed=trial, max_delay=2.5)
    bad, after = _sound(small_demo_path)
    assert not bad, bad
    assert after["trees"] in (before["trees"], before["trees"] + 60_000), outcome
    if outcome == "finished":
        assert after["trees"] == before["trees"] + 60_000
    print(outcome, "complete" if after["trees"] > before["trees"] else "untouched")


@pytest.fixture
def ledger(small_demo_path, tmp_path):
    """A surveyors' CSV of 90k manholes over the town and what importing it all gives
    (counted on a copy): the number of manholes and of stored import reports."""
    import numpy as np
    with Registry.open(small_demo_path) as reg:
        x0, y0, x1, y1 = reg.area().bounds
    side = 300
    gx, gy = np.meshgrid(np.linspace(x0 + 1, x1 - 1, side), np.linspace(y0 + 1, y1 - 1, side))
    path = tmp_path / "井盖台账.csv"
    with open(path, "w", encoding="utf-8-sig") as f:
        f.write("井盖标识,井盖材质,X坐标,Y坐标\n")
        f.writelines(f"电力,铸铁,{y:.3f},{x:.3f}\n" for x, y in zip(gx.ravel(), gy.ravel()))
    reference = tmp_path / "reference.gpkg"
    shutil.copy(small_demo_path, reference)
    from assets.import_report import list_reports
    from layers.importer import import_file
    with Registry.open(reference) as reg:
        assert import_file(reg, path, kind="manholes").imported > 80_000
        return path, reg.counts()["manholes"], len(list_reports(reg))


@pytest.mark.parametrize("trial", range(TRIALS))
def test_import_killed_anywhere(small_demo_path, ledger, trial):
    from assets.import_report import list_reports
    path, complete, reports = ledger
    _, before = _sound(small_demo_path)
    with Registry.open(small_demo_path) as reg:
        reports_before = len(list_reports(reg))
    outcome = run_and_kill(IMPORT, small_demo_path, path, seed=100 + trial, max_delay=1.6)
    bad, after = _sound(small_demo_path)
    assert not bad, bad
    with Registry.open(small_demo_path) as reg:
        stored = len(list_reports(reg))
    # all of it with its report, or nothing and no report
    assert (after["manholes"], stored) in ((before["manholes"], reports_before), (complete, reports)), outcome
    if outcome == "finished":
        assert after["manholes"] == complete
    print(outcome, "complete" if after["manholes"] > before["manholes"] else "untouched")


@pytest.fixture
def returned_package(small_demo_path, tmp_path):
    """A campaign for the power company and its package, filled in and sent back."""
    from assets.campaigns import create_campaign
    from layers.confirmation_package import write_package
    from tests.confirmation_clerk import fill, snapshot
    with Registry.open(small_demo_path) as reg:
        campaign = create_campaign(reg, "kill test", ["manholes"], ["GDGS"], "2099-12-31")
        info = write_package(reg, campaign.campaign_id, "GDGS", tmp_path / "GDGS.xlsx")
        before = snapshot(reg)
    returned = fill(info.path, tmp_path / "GDGS_back.xlsx", lambda code: "是")
    # what a complete receipt gives, on a copy
    reference = tmp_path / "reference.gpkg"
    shutil.copy(small_demo_path, reference)
    from layers.package_receipt import receive_package
    with Registry.open(reference) as reg:
        receive_package(reg, returned)
        after = snapshot(reg)
    return returned, before, after


@pytest.mark.parametrize("trial", range(TRIALS))
def test_package_receipt_killed_anywhere(small_demo_path, returned_package, trial):
    from tests.confirmation_clerk import snapshot
    returned, before, after = returned_package
    outcome = run_and_kill(RECEIVE, small_demo_path, returned, seed=100 + trial, max_delay=2.0)
    bad, _ = _sound(small_demo_path)
    assert not bad, bad
    with Registry.open(small_demo_path) as reg:
        now = snapshot(reg)
    assert now in (before, after)
    if outcome == "finished":
        assert now == after
    print(outcome, "complete" if now == after else "untouched")
