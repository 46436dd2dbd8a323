"""The staging area: findings per row, decisions on duplicates, one transaction for the
commit (inserts, updates, the report), undo, and nothing left behind by a crash."""
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assets.check import check_registry
from assets.errors import ValidationError
from assets.import_cleaning import clean_columns
from assets.import_report import list_reports, load_report
from assets.kinds import kind
from assets.registry import Registry
from assets.staging import BadDuplicateAction, Staging


def _centre(reg):
    c = reg.area().centroid
    return c.x, c.y


def _reasons(staging, row):
    return [f.reason for f in staging.findings if f.row == row]


def test_position_value_and_area_findings(small_demo):
    cx, cy = _centre(small_demo)
    rows = [2, 3, 4, 5, 6, 7, 8]
    x = [cx, np.nan, np.inf, 1e12, cx + 50_000, cx + 3, cx + 6]
    y = [cy, cy, cy, cy, cy, cy, cy]
    values = {"subtype": ["0105", "0105", "0105", "0105", "0105", None, "0105"],
              "cover_material": ["cast_iron", None, None, None, None, None, "黄金"]}
    staging = Staging(small_demo, source="t.csv")
    staging.add("manholes", rows, values, x, y)
    assert _reasons(staging, 3) == ["no_position"]
    assert _reasons(staging, 4) == ["bad_position"] and _reasons(staging, 5) == ["bad_position"]
    assert _reasons(staging, 6) == ["outside_area"]
    assert _reasons(staging, 7) == ["missing_required"]
    assert _reasons(staging, 8) == ["unknown_value"]
    report = staging.report()
    assert report.read == 7 and report.imported == 1
    assert report.skipped == {"no_position": 1, "bad_position": 2, "outside_area": 1, "missing_required": 1,
                              "unknown_value": 1}
    messages = {f["row"]: f["message"] for f in report.findings}
    assert "8" in messages[8] and "黄金" in messages[8]


def test_outside_rows_are_taken_when_allowed(small_demo):
    cx, cy = _centre(small_demo)
    staging = Staging(small_demo, source="t.csv", allow_outside=True)
    staging.add("trees", [2], {"subtype": ["0402"]}, [cx + 50_000], [cy])
    assert staging.report().imported == 1
    assert [f.blocking for f in staging.findings] == [False]


def _existing(reg, kind_name="manholes"):
    return reg.query(kind_name, limit=1)[0]


@pytest.mark.parametrize("action", ["skip", "update", "insert"])
def test_near_duplicates_follow_the_chosen_action(small_demo, action):
    asset = _existing(small_demo)
    before = small_demo.counts()["manholes"]
    staging = Staging(small_demo, source="t.csv", on_duplicate=action)
    # 0.3 m away: within class A (0.5 m); the second row is 5 m away: a new cover
    staging.add("manholes", [2, 3], {"subtype": ["0105", "0105"], "remarks": ["复测", "新井"]},
                [asset.x + 0.3, asset.x + 5], [asset.y, asset.y])
    assert _reasons(staging, 2) == ["duplicate_position"]
    assert _reasons(staging, 3) == []
    report = staging.commit()
    after = small_demo.counts()["manholes"]
    if action == "skip":
        assert (report.imported, report.updated, after) == (1, 0, before + 1)
        assert report.skipped == {"duplicate_position": 1}
    elif action == "update":
        assert (report.imported, report.updated, after) == (1, 1, before + 1)
        changed = small_demo.get(asset.uuid)
        assert changed.values["remarks"] == "复测" and changed.values["subtype"] == "0105"
        assert (changed.x, changed.y) == (asset.x, asset.y)  # a near duplicate keeps its surveyed position
        assert changed.values["status"] == asset.values["status"]  # defaults do not overwrite
    else:
        assert (report.imported, report.updated, after) == (2, 0, before + 2)


def test_duplicate_identifiers(small_demo):
    asset = _existing(small_demo, "poles")
    cx, cy = _centre(small_demo)
    code = asset.code
    staging = Staging(small_demo, source="t.csv", on_duplicate="update")
    staging.add("poles", [2, 3, 4], {"code": [code, "2103230118999999", "2103230118999999"],
                                     "subtype": [asset.values["subtype"]] * 3, "height_m": [11.5, 9, 9]},
                [cx, cx + 20, cx + 40], [cy, cy, cy])
    assert _reasons(staging, 2) == ["duplicate_code"]
    assert _reasons(staging, 4) == ["duplicate_in_file"]
    report = staging.commit()
    assert (report.imported, report.updated) == (1, 1)
    moved = small_demo.get(code)
    assert moved.values["height_m"] == 11.5 and (moved.x, moved.y) == (cx, cy)
    assert small_demo.get("2103230118999999").values["height_m"] == 9


def test_identifiers_not_in_the_registry_scheme_are_replaced_and_kept_in_the_remarks(small_demo):
    cx, cy = _centre(small_demo)
    before = {r[0] for r in small_demo.conn.execute("SELECT code FROM poles")}
    staging = Staging(small_demo, source="t.csv")
    codes = ["JG0000001", "2103230118777777", "9903230118777778", "21032301187777799", None]
    staging.add("poles", [2, 3, 4, 5, 6], {"code": codes, "subtype": ["0118"] * 5,
                                           "remarks": ["东侧", None, None, "", None]},
                [cx + 30 * k for k in range(5)], [cy] * 5)
    assert len(staging.warnings) == 1 and "JG0000001" in staging.warnings[0]
    assert staging.commit().imported == 5
    rows = small_demo.conn.execute("SELECT code, remarks FROM poles").fetchall()
    new = {code: remarks for code, remarks in rows if code not in before}
    assert new.pop("2103230118777777") is None                 # well formed: kept as it is
    assert sorted(r or "" for r in new.values()) == sorted(["", "原编号 21032301187777799", "原编号 9903230118777778",
                                                            "东侧；原编号 JG0000001"])
    assert all(len(code) == 16 and code.startswith("210323") for code in new)


def test_commit_is_one_undoable_step_with_a_stored_report(small_demo):
    before = small_demo.counts()
    cx, cy = _centre(small_demo)
    staging = Staging(small_demo, source="井盖.csv")
    staging.add("manholes", [2, 3], {"subtype": ["0105", "0107"]}, [cx, cx + 10], [cy, cy + 10])
    report = staging.commit()
    assert report.stored and report.who == "测试员"
    assert small_demo.counts()["manholes"] == before["manholes"] + 2
    stored = load_report(small_demo, report.report_id[:8])
    assert stored.imported == 2 and stored.source == "井盖.csv"
    assert list_reports(small_demo)[0]["report_id"] == report.report_id
    registered = small_demo.conn.execute(
        "SELECT data_type FROM gpkg_contents WHERE table_name = 'import_reports'").fetchone()
    assert registered == ("attributes",)
    small_demo.undo()
    assert small_demo.counts() == before
    assert all(f.ok for f in check_registry(small_demo))


def test_nothing_taken_writes_nothing(small_demo):
    cx, cy = _centre(small_demo)
    staging = Staging(small_demo, source="t.csv")
    staging.add("trees", [2], {"subtype": [None]}, [cx], [cy])
    changes = small_demo.conn.total_changes
    report = staging.commit()
    assert report.imported == 0 and not report.stored
    assert small_demo.conn.total_changes == changes
    assert list_reports(small_demo) == []


def test_unknown_duplicate_action_is_refused(small_demo):
    with pytest.raises(BadDuplicateAction):
        Staging(small_demo, source="t.csv", on_duplicate="merge")


def test_report_exports_json_and_excel_csv(small_demo, tmp_path):
    cx, cy = _centre(small_demo)
    staging = Staging(small_demo, source="t.csv")
    staging.add("trees", [2, 3], {"subtype": ["0402", None]}, [cx, cx + 9], [cy, cy])
    report = staging.report()
    csv_path = report.write(tmp_path / "r.csv")
    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "3" in raw.decode("utf-8-sig").splitlines()[1]
    import json
    data = json.loads(report.write(tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["read"] == 2 and data["skipped_by_reason"] == {"missing_required": 1}


# -- the columnar cleaning gives what clean() gives, row by row ---------------------------
_VALUES = {
    "manholes": {"subtype": ["0105", "电力井盖", "9999", None], "inscription": ["电力", "燃气", None, "x" * 50],
                 "cover_size_mm": [700, "700", "abc", 5, None, 700.5], "owner_code": ["GDGS", "某公司", None],
                 "anti_fall_net": ["是", "否", "maybe", None, True], "status": ["damaged", "破损", "碎了", None]},
    "trees": {"subtype": ["0402", "0401", None], "age_years": [50, 150, 600, -1, None, "x"],
              "vacant": [True, False, None], "species": ["国槐", None], "dbh_cm": [20, None, 500]},
    "poles": {"subtype": ["0118", "0701", None], "structure": ["integrated", "ordinary", None],
              "abandoned": [True, None, "否"], "height_m": [10, 50, None], "init_date": ["2024-01-02", "20240102",
                                                                                          "昨天", None]},
}


@st.composite
def _rows(draw):
    kind_name = draw(st.sampled_from(sorted(_VALUES)))
    n = draw(st.integers(1, 12))
    columns = {name: [draw(st.sampled_from(options)) for _ in range(n)] for name, options in _VALUES[kind_name].items()}
    return kind_name, n, columns


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_rows())
def test_columnar_cleaning_matches_clean_row_by_row(case):
    kind_name, n, columns = case
    k = kind(kind_name)
    orgs = {"GDGS", "RQGS"}
    cleaned, problems = clean_columns(k, columns, n, organisations=orgs)
    for i in range(n):
        row = {name: col[i] for name, col in columns.items()}
        try:
            expected = k.clean(row, organisations=orgs)
        except ValidationError as error:
            assert i in problems, (row, error)
            assert {p.field for p in problems[i]} == {p.field for p in error.problems}
            continue
        assert i not in problems, (row, problems.get(i))
        got = {name: col[i] for name, col in cleaned.items()}
        assert {f: v for f, v in got.items() if v is not None} == {f: v for f, v in expected.items() if v is not None}


# -- a crash in the middle of the commit ----------------------------------------------------
CRASH = textwrap.dedent("""
    import os, signal, sys
    import numpy as np
    from assets.registry import Registry
    from assets.staging import Staging

    class KillMidway:
        def set_total(self, total): pass
        def advance(self, done, message=None):
            if done >= 20_000:
                os.kill(os.getpid(), signal.SIGKILL)
        def cancelled(self): return False

    reg = Registry.open(sys.argv[1])
    n = 40_000
    c = reg.area().centroid
    rng = np.random.default_rng(1)
    staging = Staging(reg, source="crash.csv", on_duplicate="insert", allow_outside=True)
    staging.add("trees", np.arange(n) + 2, {"subtype": ["0402"] * n}, c.x + rng.random(n) * 300,
                c.y + rng.random(n) * 300)
    staging.commit(KillMidway())
""")


def test_crash_in_the_middle_of_a_commit_leaves_the_registry_as_before(small_demo_path):
    with Registry.open(small_demo_path) as reg:
        before = reg.counts()
    proc = subprocess.run([sys.executable, "-c", CRASH, str(small_demo_path)], capture_output=True,
                          cwd=Path(__file__).resolve().parents[2])
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-500:]
    with Registry.open(small_demo_path) as reg:
        assert reg.counts() == before
        assert list_reports(reg) == []
        assert all(f.ok for f in check_registry(reg))
