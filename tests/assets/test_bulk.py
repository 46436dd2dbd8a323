"""The bulk path: one transaction, index filled at the end, nothing left behind on a crash."""
import os
import signal
import subprocess
import sys
import textwrap

import numpy as np
import pytest

from assets.check import check_registry
from assets.errors import Cancelled
from assets.progress import RecordingProgress
from assets.registry import Registry
from assets.store import DuplicateCode


def _points(n, seed=0):
    rng = np.random.default_rng(seed)
    return 523000 + rng.random(n) * 2000, 4460000 + rng.random(n) * 2000


def test_bulk_insert_fills_index_codes_and_history(registry):
    registry.add("manholes", {"subtype": "0105"}, 523000, 4460000)
    x, y = _points(5000)
    result = registry.bulk_insert("manholes", {"subtype": ["0105"] * 5000, "owner_code": ["GDGS"] * 5000}, x, y,
                                  mounts=[], note="测试导入")
    assert result.count == 5000
    assert registry.counts()["manholes"] == 5001
    assert all(f.ok for f in check_registry(registry))
    inside = ((x >= 523100) & (x <= 523300) & (y >= 4460100) & (y <= 4460300)).sum()
    assert registry.count("manholes", bbox=(523100, 4460100, 523300, 4460300)) == inside
    last = registry.query("manholes", order_by="code", descending=True, limit=1)[0]
    assert last.code == "2103230105005001"
    history = registry.history(last.code)
    assert history[0]["action"] == "bulk_insert" and history[0]["note"] == "测试导入"
    assert registry.add("manholes", {"subtype": "0105"}, 523000, 4460000).code == "2103230105005002"


def test_bulk_insert_is_undoable(registry):
    x, y = _points(300)
    registry.bulk_insert("trees", {"subtype": ["0402"] * 300}, x, y,
                         mounts=[(0, {"device_type": "other"})])
    registry.undo()
    assert registry.counts()["trees"] == 0
    assert registry.conn.execute("SELECT count(*) FROM mounts").fetchone()[0] == 0
    assert all(f.ok for f in check_registry(registry))


def test_cancel_leaves_registry_unchanged(registry):
    x, y = _points(60_000)
    progress = RecordingProgress(cancel_after=20_000)
    with pytest.raises(Cancelled):
        registry.bulk_insert("trees", {"subtype": ["0402"] * len(x)}, x, y, progress=progress)
    assert registry.counts()["trees"] == 0
    assert all(f.ok for f in check_registry(registry))
    # triggers are back: a normal add still indexes
    t = registry.add("trees", {"subtype": "0402"}, 523500, 4460500)
    assert registry.fids("trees", bbox=(523499, 4460499, 523501, 4460501)).tolist() == [t.fid]


def test_duplicate_code_rolls_back_everything(registry):
    registry.add("poles", {"subtype": "0118", "code": "2103230118000007"}, 523000, 4460000)
    x, y = _points(3)
    with pytest.raises(DuplicateCode):
        registry.bulk_insert("poles", {"subtype": ["0118"] * 3,
                                       "code": [None, "2103230118000007", None]}, x, y)
    assert registry.counts()["poles"] == 1


def test_bad_coordinates_are_refused(registry):
    with pytest.raises(Exception) as err:
        registry.bulk_insert("poles", {"subtype": ["0118"] * 2}, [1.0, float("nan")], [2.0, 3.0])
    assert "坐标" in str(err.value)
    assert registry.counts()["poles"] == 0


CRASH = textwrap.dedent("""
    import os, signal, sys
    import numpy as np
    from assets.registry import Registry

    class KillMidway:
        def set_total(self, total): pass
        def advance(self, done, message=None):
            if done >= 100_000:
                os.kill(os.getpid(), signal.SIGKILL)
        def cancelled(self): return False

    reg = Registry.open(sys.argv[1])
    n = 200_000
    rng = np.random.default_rng(1)
    reg.bulk_insert("trees", {"subtype": ["0402"] * n}, 523000 + rng.random(n) * 3000,
                    4460000 + rng.random(n) * 3000, progress=KillMidway())
""")


def test_crash_in_the_middle_of_a_bulk_insert_leaves_the_registry_as_before(small_demo_path):
    with Registry.open(small_demo_path) as reg:
        before = reg.counts()
    proc = subprocess.run([sys.executable, "-c", CRASH, str(small_demo_path)], capture_output=True)
    assert proc.returncode == -signal.SIGKILL
    assert os.path.exists(str(small_demo_path) + "-journal")  # the hot journal a crash leaves
    with Registry.open(small_demo_path) as reg:
        assert reg.counts() == before
        assert all(f.ok for f in check_registry(reg))


def test_packed_spatial_index_is_sound_and_keeps_working(registry):
    x, y = _points(20_000, seed=3)
    registry.bulk_insert("trees", {"subtype": ["0402"] * len(x)}, x, y)
    assert registry.conn.execute("SELECT rtreecheck('rtree_trees_geom')").fetchone()[0] == "ok"
    box = (523500, 4460500, 523700, 4460800)
    inside = ((x >= box[0]) & (x <= box[2]) & (y >= box[1]) & (y <= box[3])).sum()
    assert registry.count("trees", bbox=box) == inside
    # ordinary edits after a packed load keep the index right
    t = registry.add("trees", {"subtype": "0402"}, 523600, 4460600)
    registry.move(t.code, 523601, 4460601)
    registry.delete(registry.query("trees", limit=1)[0].code)
    assert registry.conn.execute("SELECT rtreecheck('rtree_trees_geom')").fetchone()[0] == "ok"
    assert all(f.ok for f in check_registry(registry))
    # a second, smaller load goes row by row; a larger one repacks with the old rows in
    registry.bulk_insert("trees", {"subtype": ["0402"] * 100}, x[:100] + 1, y[:100])
    registry.bulk_insert("trees", {"subtype": ["0402"] * 30_000}, *_points(30_000, seed=4))
    assert registry.conn.execute("SELECT rtreecheck('rtree_trees_geom')").fetchone()[0] == "ok"
    assert all(f.ok for f in check_registry(registry))
