"""``xiucity export`` and ``xiucity profiles`` as a user runs them: real processes, files read back."""
import json
import os
import subprocess
import sys
from pathlib import Path

import fiona

SCRIPT = [sys.executable, "-m", "desktop.cli"]
ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([*SCRIPT, *map(str, args)], capture_output=True, text=True, env=env, cwd=ROOT)


def test_profiles_lists_every_department():
    result = run("profiles", "--json")
    assert result.returncode == 0, result.stderr
    rows = {r["name"]: r for r in json.loads(result.stdout)}
    power = rows["power_supply"]
    assert power["title"] == "县供电公司" and power["format"] == "shp" and power["encoding"] == "GBK"
    assert power["crs"] == "EPSG:4550" and power["kinds"] == ["manholes", "boxes", "poles"]
    text = run("profiles")
    assert "县供电公司" in text.stdout and "telecom" in text.stdout


def test_a_copied_and_edited_profile_is_offered_and_used(small_demo_path, tmp_path, monkeypatch):
    monkeypatch.setenv("XIUCITY_DATA_DIR", str(tmp_path / "data"))
    copied = run("profiles", "copy", "power_supply", "power_4490")
    assert copied.returncode == 0, copied.stderr
    path = tmp_path / "data" / "profiles" / "power_4490.toml"
    assert str(path) in copied.stdout
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('crs = "EPSG:4550"', 'crs = "EPSG:4490"', 1)
                        .replace('title = "县供电公司"', 'title = "县供电公司（经纬度）"', 1), encoding="utf-8")
    rows = {r["name"]: r for r in json.loads(run("profiles", "--json").stdout)}
    assert rows["power_4490"]["user"] and not rows["power_supply"]["user"]
    assert rows["power_4490"]["crs"] == "EPSG:4490" and rows["power_4490"]["title"] == "县供电公司（经纬度）"
    assert "*power_4490" in run("profiles").stdout
    result = run("export", small_demo_path, "--profile", "power_4490", "-o", f"{tmp_path}/out/", "--json")
    assert result.returncode == 0, result.stderr
    shp = next(p for p in json.loads(result.stdout)["files"] if p.endswith("manholes.shp"))
    with fiona.open(shp) as src:
        x, y = next(iter(src)).geometry.coordinates
    assert 123 < x < 124 and 40 < y < 41   # degrees: the edited CRS was used
    again = run("profiles", "copy", "power_supply", "power_4490")
    assert again.returncode != 0 and "power_4490" in again.stderr and "Traceback" not in again.stderr


def test_export_profile_to_a_folder(small_demo_path, tmp_path):
    result = run("export", small_demo_path, "--profile", "power_supply", "-o", f"{tmp_path}/out/", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == "shp" and data["encoding"] == "GBK" and data["counts"]["manholes"] > 0
    shp = next(p for p in data["files"] if p.endswith("manholes.shp"))
    with fiona.open(shp) as src:
        owners = {f.properties["owner_name"] for f in src}
    assert owners <= {"县供电公司", None} and "县供电公司" in owners
    assert Path(data["sidecar"]).exists()


def test_export_kinds_with_where(small_demo_path, tmp_path):
    out = tmp_path / "gdgs.gpkg"
    result = run("export", small_demo_path, "--kind", "manholes", "--kind", "poles", "--where", "owner_code=GDGS",
                 "--format", "gpkg", "-o", out, "--crs", "EPSG:4529")
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    from assets.registry import Registry
    with Registry.open(small_demo_path, readonly=True) as reg:
        want = reg.count("manholes", where=[{"field": "owner_code", "value": "GDGS"}])
    with fiona.open(out, layer="manholes") as src:
        assert len(src) == want and src.crs.to_epsg() == 4529
        assert {f.properties["owner_code"] for f in src} == {"GDGS"}


def test_errors_are_one_chinese_line_and_non_zero(small_demo_path, tmp_path):
    cases = [
        ("--kind", "manholes", "--where", "road=没有这条路", "-o", tmp_path / "x.csv"),
        ("--profile", "no_such", "-o", tmp_path / "x"),
        ("-o", tmp_path / "x.gpkg"),
        ("--kind", "manholes", "--where", "colour=red", "-o", tmp_path / "x.gpkg"),
        ("--kind", "manholes", "--format", "dxf", "--crs", "EPSG:4490", "-o", tmp_path / "x.dxf"),
    ]
    for args in cases:
        result = run("export", small_demo_path, *args)
        assert result.returncode != 0, args
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith("错误") and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "x.gpkg").exists()
    missing = run("export", tmp_path / "missing.gpkg", "--kind", "poles", "-o", tmp_path / "p.gpkg")
    assert missing.returncode != 0 and missing.stderr.startswith("错误")


def test_help_has_an_example():
    result = run("export", "--help")
    assert result.returncode == 0 and "xiucity export town.gpkg --profile power_supply" in result.stdout
