"""Shared fixtures: real registries on disk (no mocks), the shared test data folder."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XIUCITY_USER", "测试员")
# the user's data folder (demo town, copied profiles): never the tester's own
os.environ.setdefault("XIUCITY_DATA_DIR", tempfile.mkdtemp(prefix="xiucity-data-"))

ROOT = Path(__file__).resolve().parents[1]


def _shared_data() -> Path | None:
    for candidate in (ROOT.parent / "shared" / "data", Path("/work/shared/data")):
        if candidate.is_dir():
            return candidate
    return None


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = _shared_data()
    if path is None:
        pytest.skip("../shared/data is not present")
    return path


@pytest.fixture(autouse=True)
def _chinese_by_default():
    """Tests see the interface language a user sees by default (Chinese)."""
    from assets import i18n
    saved = i18n._language
    i18n._language = None
    os.environ.pop("XIUCITY_LANG", None)
    yield
    i18n._language = saved


@pytest.fixture(scope="session")
def small_demo_master(tmp_path_factory) -> Path:
    from assets.demo_town import build_demo
    path = tmp_path_factory.mktemp("demo") / "small.gpkg"
    build_demo(path, "small", seed=7).close()
    return path


@pytest.fixture
def small_demo_path(small_demo_master, tmp_path) -> Path:
    """A private copy of the small demo town, free to change."""
    path = tmp_path / "demo.gpkg"
    shutil.copy(small_demo_master, path)
    return path


@pytest.fixture
def small_demo(small_demo_path):
    from assets.registry import Registry
    with Registry.open(small_demo_path) as reg:
        yield reg


@pytest.fixture
def registry(tmp_path):
    from assets.registry import Registry
    with Registry.create(tmp_path / "empty.gpkg") as reg:
        yield reg
