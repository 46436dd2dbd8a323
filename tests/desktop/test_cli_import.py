"""``xiucity import`` and ``xiucity import-report`` as a user runs them: real processes,
real delivered files, exit codes, the registry untouched on failure."""
import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assets.registry import Registry

SCRIPT = [sys.executable, "-m", "desktop.cli"]
ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([*SCRIPT, *map(str, args)], capture_output=True, text=True, env=env, cwd=ROOT)


def _counts(path):
    with Registry.open(path, readonly=True) as reg:
        return reg.counts(), [g for g, _ in reg.reference("subdistricts")]


def _untouched(path, before):
    assert _counts(path) == before
    check = run("check", path)
    assert check.returncode == 0, check.stdout


def _ledger(path, reg_path, n=5):
    with Registry.open(reg_path, readonly=True) as reg:
        c = reg.area().centroid
    with open(path, "w", newline="", encoding="gbk") as f:
        w = csv.writer(f)
        w.writerow(["编号", "井盖标识", "X坐标", "Y坐标"])
        for i in range(n):
            w.writerow([f"JG{i}", "电力", f"{c.y + 11 * i:.3f}", f"{c.x + 7 * i:.3f}"])
    return path


def test_help_has_an_example():
    result = run("import", "--help")
    assert result.returncode == 0
    assert "xiucity import town.gpkg" in result.stdout and "--on-duplicate" in result.stdout


def test_ledger_dry_run_then_import_then_report(small_demo_path, tmp_path):
    ledger = _ledger(tmp_path / "井盖.csv", small_demo_path)
    before = _counts(small_demo_path)
    dry = run("import", small_demo_path, ledger, "--kind", "检查井", "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    data = json.loads(dry.stdout)
    assert data["dry_run"] and data["imported"] == 5 and not data["stored"]
    _untouched(small_demo_path, before)
    done = run("import", small_demo_path, ledger, "--kind", "manholes")
    assert done.returncode == 0, done.stderr
    assert "5" in done.stdout.splitlines()[-1]
    assert _counts(small_demo_path)[0]["manholes"] == before[0]["manholes"] + 5
    again = run("import", small_demo_path, ledger, "--kind", "manholes", "--json")
    assert again.returncode == 0  # all duplicates, skipped by choice: not a failure
    assert json.loads(again.stdout)["skipped_by_reason"] == {"duplicate_position": 5}
    listed = run("import-report", small_demo_path, "--json")
    assert [r["imported"] for r in json.loads(listed.stdout)] == [5]
    out = tmp_path / "报告.csv"
    exported = run("import-report", small_demo_path, "last", "--output", out)
    assert exported.returncode == 0 and out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert run("check", small_demo_path).returncode == 0


def test_southwark_toilets_outside_the_county(small_demo_path, shared_data):
    before = _counts(small_demo_path)
    toilets = shared_data / "public_toilets" / "southwark_toilets.csv"
    result = run("import", small_demo_path, toilets, "--crs", "EPSG:27700", "--kind", "toilets", "--subtype", "0301")
    assert result.returncode == 1
    assert result.stderr.startswith("错误") and len(result.stderr.strip().splitlines()) == 1
    assert "41" in result.stderr
    as_json = run("import", small_demo_path, toilets, "--crs", "EPSG:27700", "--kind", "toilets", "--json")
    assert as_json.returncode == 1 and len(as_json.stderr.strip().splitlines()) == 1
    data = json.loads(as_json.stdout)
    assert data["read"] == 41 and data["imported"] == 0 and not data["stored"]
    assert {f["row"] for f in data["findings"] if f["reason"] == "outside_area"} == set(range(2, 43))
    _untouched(small_demo_path, before)


def test_shanghai_subdistricts_are_refused_with_a_hint(small_demo_path, shared_data):
    before = _counts(small_demo_path)
    shp = shared_data / "china_admin_shp" / "derived_gbk" / "shanghai_districts_cp936.shp"
    result = run("import", small_demo_path, shp, "--kind", "subdistricts")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "--crs" in result.stderr
    _untouched(small_demo_path, before)


@pytest.mark.parametrize("name", ["csv/unbalanced_double_quotes.csv", "kml/truncated.kml", "missing.csv"])
def test_broken_files_fail_cleanly(small_demo_path, shared_data, name):
    before = _counts(small_demo_path)
    result = run("import", small_demo_path, shared_data / "gdal_autotest_text" / name, "--kind", "trees")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("错误") and len(result.stderr.strip().splitlines()) == 1
    _untouched(small_demo_path, before)
