"""``xiucity plan`` as a user runs it: real processes, real files, exit codes."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = [sys.executable, "-m", "desktop.cli"]
ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([*SCRIPT, *map(str, args)], capture_output=True, text=True, env=env, cwd=ROOT)


def one_line_error(result):
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and result.stderr.startswith("错误")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.fixture(scope="module")
def town(tmp_path_factory):
    from assets.demo_town import build_demo
    path = tmp_path_factory.mktemp("cli_plan") / "town.gpkg"
    build_demo(path, "small", seed=7).close()
    return path


@pytest.fixture(scope="module")
def planned(town):
    """A pole plan and a batch along its busiest road, made through the command line."""
    made = run("plan", "poles", town, "--name", "全县", "--json")
    assert made.returncode == 0, made.stderr
    stats = json.loads(made.stdout)
    shown = json.loads(run("plan", "show", town, stats["plan_id"], "--json").stdout)
    changing = [g for g in shown["groups"] if g["removed"]]
    road = max({g["road"] for g in changing if g["road"]}, key=lambda r: sum(g["road"] == r for g in changing))
    batch = run("plan", "batch", town, stats["plan_id"], "--road", road, "--name", "一期")
    assert batch.returncode == 0, batch.stderr
    batch_id = next(w for w in batch.stdout.split() if w.startswith("MB"))
    return stats, shown, batch_id


def test_plan_prints_before_after_reduction_and_proof(town, planned):
    stats, shown, _batch = planned
    assert stats["plan_id"] == "MP001" and stats["before"]["total"] == shown["stats"]["before"]["total"]
    assert stats["before"]["total"] > stats["after"]["total"] and 0 < stats["reduction_pct"] < 100
    assert stats["components_optimal"] <= stats["components"] and stats["gap_hosts"] >= 0
    text = run("plan", "show", town, "MP001")
    assert text.returncode == 0 and len(text.stdout.splitlines()) >= len(shown["groups"])
    assert f"{stats['reduction_pct']}%" in text.stdout


def test_apply_is_refused_while_ownership_is_unconfirmed(town, planned):
    refused = run("plan", "apply", town, planned[2])
    one_line_error(refused)
    assert "确权" in refused.stderr and planned[2] in refused.stderr


def test_apply_report_revert(town, planned, tmp_path):
    import shutil
    from assets import merge_plans as mp
    from assets.check import check_registry
    from assets.registry import Registry
    from tests.assets.merge_scenes import confirm, involved, snapshot
    path, batch_id = tmp_path / "copy.gpkg", planned[2]
    shutil.copy(town, path)
    with Registry.open(path) as reg:
        confirm(reg, involved(mp.batch_groups(reg, batch_id)))
        before = snapshot(reg)
    applied = run("plan", "apply", path, batch_id, "--json")
    assert applied.returncode == 0, applied.stderr
    assert json.loads(applied.stdout)["removed"] > 0
    report = run("plan", "report", path, batch_id, "-o", tmp_path / "批次.pdf")
    assert report.returncode == 0 and (tmp_path / "批次.pdf").read_bytes().startswith(b"%PDF")
    one_line_error(run("plan", "apply", path, batch_id))   # already applied
    reverted = run("plan", "revert", path, batch_id)
    assert reverted.returncode == 0, reverted.stderr
    with Registry.open(path, readonly=True) as reg:
        assert snapshot(reg) == before
        assert mp.get_batch(reg, batch_id)["state"] == "reverted"
        assert all(f.ok for f in check_registry(reg))


def test_phase_reorders_the_works(town, planned, tmp_path):
    import shutil
    path = tmp_path / "copy.gpkg"
    shutil.copy(town, path)
    stats, shown, first = planned
    from assets import merge_plans as mp
    from assets.registry import Registry
    with Registry.open(path, readonly=True) as reg:
        free = next(g for g in mp.plan_groups(reg, stats["plan_id"]) if g["removed"] and not g["batch_id"])
    second = run("plan", "batch", path, stats["plan_id"], "--codes", free["removed"][0]["code"], "--name", "二期")
    assert second.returncode == 0, second.stderr
    second_id = next(w for w in second.stdout.split() if w.startswith("MB"))
    moved = run("plan", "phase", path, second_id, "1")
    assert moved.returncode == 0 and f"{second_id} → {first}" in moved.stdout


@pytest.mark.parametrize("args", [
    ("plan", "poles", "{town}", "--area", "不存在的街道"),
    ("plan", "boxes", "{tmp}/missing.gpkg"),
    ("plan", "batch", "{town}", "MP999", "--road", "迎宾路", "--name", "x"),
    ("plan", "batch", "{town}", "MP001", "--name", "x"),
    ("plan", "report", "{town}", "MP001", "-o", "{tmp}/r.docx"),
    ("plan", "revert", "{town}", "MB999"),
    ("plan", "phase", "{town}", "MB999", "1"),
    ("plan", "poles", "{town}", "--rules", "{tmp}/missing.toml"),
])
def test_bad_input_gives_one_chinese_line(town, tmp_path, args):
    result = run(*[a.format(town=town, tmp=tmp_path) for a in args])
    one_line_error(result)


def test_help_has_examples():
    result = run("plan", "--help")
    assert result.returncode == 0
    for verb in ("poles", "batch", "report", "apply", "revert"):
        assert f"xiucity plan {verb} " in result.stdout
    from desktop.cli_plan import plan_commands  # every verb's own help has an example too
    import click
    group = click.Group()
    plan_commands(group)
    for name, command in group.commands["plan"].commands.items():
        assert "xiucity plan " + name in command.help, name
