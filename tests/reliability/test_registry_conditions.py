"""A registry on a full disk, moved to another folder, and opened read-only."""
import shutil
import sqlite3

import numpy as np
import pytest

from assets.check import check_registry
from assets.registry import Registry, RegistryFull


def test_full_disk_changes_nothing_and_says_so(small_demo_path):
    with Registry.open(small_demo_path) as reg:
        before = reg.counts()
        pages = reg.conn.execute("PRAGMA page_count").fetchone()[0]
        reg.conn.execute(f"PRAGMA max_page_count = {pages + 20}")  # SQLite's stand-in for a full disk
        rng = np.random.default_rng(0)
        n = 30_000
        with pytest.raises(RegistryFull) as err:
            reg.bulk_insert("trees", {"subtype": ["0402"] * n}, 523500 + rng.random(n) * 500,
                            4461500 + rng.random(n) * 500)
        assert "磁盘已满" in str(err.value)
        assert reg.counts() == before
    with Registry.open(small_demo_path) as reg:
        assert reg.counts() == before
        assert all(f.ok for f in check_registry(reg))


def test_a_registry_moves_as_one_file_with_its_photos(small_demo_path, tmp_path):
    from assets import photos
    from assets.registry import Registry as R
    with R.open(small_demo_path) as reg:
        tree = reg.query("trees", limit=1)[0]
        picture = photos.Photo(uuid="11111111-2222-4333-8444-555555555555", file_name="树.jpg", taken_at=None,
                               mime="image/jpeg", data=b"\xff\xd8\xff" + bytes(500), thumbnail=None)
        reg.execute(photos.AddPhotos([picture]))
        reg.update(tree.code, {"photo": picture.ref})
    moved = tmp_path / "另一个文件夹" / "登记库.gpkg"
    moved.parent.mkdir()
    shutil.move(small_demo_path, moved)
    with R.open(moved) as reg:
        ref = reg.get(tree.code).values["photo"]
        assert photos.photo(reg, ref).data.startswith(b"\xff\xd8\xff")
        assert all(f.ok for f in check_registry(reg))
    assert not list(small_demo_path.parent.glob("*.gpkg*"))  # nothing left behind


def test_read_only_file_is_read_and_never_written(small_demo_path):
    import os
    import stat
    os.chmod(small_demo_path, stat.S_IRUSR)
    try:
        with Registry.open(small_demo_path, readonly=True) as reg:
            assert reg.readonly and sum(reg.counts().values()) > 0
            with pytest.raises(Exception) as err:
                reg.add("poles", {"subtype": "0118"}, 523800, 4461760)
            assert "只读" in str(err.value)
    finally:
        os.chmod(small_demo_path, stat.S_IRUSR | stat.S_IWUSR)
    assert sqlite3.connect(small_demo_path).execute("PRAGMA quick_check").fetchone()[0] == "ok"
