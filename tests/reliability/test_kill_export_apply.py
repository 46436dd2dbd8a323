"""SIGKILL during an export and during a batch apply: the export is complete or absent, the
registry is exactly before or after the batch, and `check` passes."""
import shutil

import fiona
import pytest

from assets.check import check_registry
from assets.registry import Registry
from killing import TRIALS, run_and_kill

EXPORT = r"""
import sys
from assets.registry import Registry
from layers.registry_export import export_registry
with Registry.open(sys.argv[1], readonly=True) as reg:
    export_registry(reg, kinds=["trees", "manholes"], fmt="gpkg", out_path=sys.argv[2])
"""

APPLY = r"""
import sys
from assets.registry import Registry
from assets import merge_plans as mp
with Registry.open(sys.argv[1]) as reg:
    mp.apply_batch(reg, sys.argv[2])
"""


@pytest.mark.parametrize("trial", range(TRIALS))
def test_export_killed_anywhere_leaves_a_whole_file_or_none(county_master, tmp_path, trial):
    out = tmp_path / "部门.gpkg"
    outcome = run_and_kill(EXPORT, county_master, out, seed=200 + trial, max_delay=2.5)
    with Registry.open(county_master, readonly=True) as reg:
        expected = {k: reg.counts()[k] for k in ("trees", "manholes")}
    if out.exists():
        layers = [layer for layer in fiona.listlayers(out) if layer != "layer_styles"]
        assert {layer: len(fiona.open(out, layer=layer)) for layer in layers} == expected
    else:
        assert outcome == "killed"
    print(outcome, "file" if out.exists() else "no file")


@pytest.fixture
def planned(county_master, tmp_path):
    """A copy of the county town with a batch on 迎宾路 whose owners have confirmed."""
    from assets import merge_plans as mp
    from merge_scenes import confirm, involved, snapshot
    path = tmp_path / "county.gpkg"
    shutil.copy(county_master, path)
    with Registry.open(path) as reg:
        plan = mp.create_plan(reg, "poles", "全县")
        batch = mp.create_batch(reg, plan, "迎宾路一期", road="迎宾路")
        confirm(reg, involved([g for g in mp.batch_groups(reg, batch) if mp.changes_anything(g)]))
        before = snapshot(reg)
    reference = tmp_path / "reference.gpkg"
    shutil.copy(path, reference)
    with Registry.open(reference) as reg:
        mp.apply_batch(reg, batch)
        after = snapshot(reg)
    return path, batch, before, after


@pytest.mark.parametrize("trial", range(TRIALS))
def test_batch_apply_killed_anywhere_is_all_or_nothing(planned, trial):
    from merge_scenes import snapshot
    path, batch, before, after = planned
    outcome = run_and_kill(APPLY, path, batch, seed=300 + trial, max_delay=1.0)
    with Registry.open(path) as reg:
        assert [f.message("en") for f in check_registry(reg) if not f.ok] == []
        now = snapshot(reg)
    assert now in (before, after)
    if outcome == "finished":
        assert now == after
    print(outcome, "applied" if now == after else "untouched")
