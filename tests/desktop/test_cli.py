"""The command line as a user runs it: real processes, real files, exit codes."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = [sys.executable, "-m", "desktop.cli"]
ROOT = Path(__file__).resolve().parents[2]


def run(*args, env=None):
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([*SCRIPT, *map(str, args)], capture_output=True, text=True, env=full_env, cwd=ROOT)


def test_demo_info_check_history(tmp_path):
    path = tmp_path / "d.gpkg"
    made = run("demo", path, "--size", "small", "--seed", "5")
    assert made.returncode == 0, made.stderr
    assert "演示城区" in made.stdout
    info = run("info", path, "--json")
    assert info.returncode == 0
    data = json.loads(info.stdout)
    assert data["crs"] == "EPSG:4550" and data["region"] == "210323" and data["schema_version"] == 1
    assert data["kinds"]["poles"]["title"] == "杆件" and data["total"] > 1500
    lon0, lat0, lon1, lat1 = data["extent_lonlat"]
    assert lon0 < 123.28 < lon1 and lat0 < 40.29 < lat1
    text = run("info", path)
    assert "检查井" in text.stdout and "EPSG:4550" in text.stdout
    check = run("check", path)
    assert check.returncode == 0 and "全部检查通过" in check.stdout
    from assets.registry import Registry
    with Registry.open(path) as reg:
        code = reg.query("poles", limit=1)[0].code
        reg.update(code, {"height_m": 9.9})
    hist = run("history", path, code, "--json")
    actions = [h["action"] for h in json.loads(hist.stdout)]
    assert actions == ["bulk_insert", "update"]


def test_init_and_existing_file(tmp_path):
    path = tmp_path / "new.gpkg"
    assert run("init", path, "--crs", "EPSG:4529").returncode == 0
    assert json.loads(run("info", path, "--json").stdout)["crs"] == "EPSG:4529"
    again = run("init", path)
    assert again.returncode != 0 and "已存在" in again.stderr


@pytest.mark.parametrize("content", [None, b"not a database", b"SQLite format 3\x00" + b"\x00" * 200])
def test_bad_files_give_one_line_and_non_zero_exit(tmp_path, content):
    path = tmp_path / "bad.gpkg"
    if content is not None:
        path.write_bytes(content)
    for verb in ("info", "check"):
        result = run(verb, path)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith("错误")
        assert len(result.stderr.strip().splitlines()) == 1


def test_check_finds_a_broken_spatial_index(small_demo_path):
    import sqlite3
    conn = sqlite3.connect(small_demo_path)
    ids = [r[0] for r in conn.execute("SELECT id FROM rtree_poles_geom LIMIT 3").fetchall()]
    conn.executemany("DELETE FROM rtree_poles_geom WHERE id = ?", [(i,) for i in ids])
    conn.commit()
    conn.close()
    result = run("check", small_demo_path, "--json")
    assert result.returncode == 1
    bad = [f for f in json.loads(result.stdout)["findings"] if not f["ok"]]
    assert any("poles" in f["message"] for f in bad)


def test_english_on_request(tmp_path):
    result = run("--lang", "en", "info", tmp_path / "missing.gpkg")
    assert "does not exist" in result.stderr


def test_every_command_has_an_example_in_its_help():
    from desktop.cli import cli
    for name, command in cli.commands.items():
        assert "xiucity" in (command.help or ""), f"{name} has no example"
