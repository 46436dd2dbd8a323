import sys
from pathlib import Path

import pytest

# the merge-plan scenes live beside the planner's tests
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "assets"))


@pytest.fixture(scope="session")
def county_master(tmp_path_factory):
    from assets.demo_town import build_demo
    path = tmp_path_factory.mktemp("county") / "county.gpkg"
    build_demo(path, "county", seed=11).close()
    return path
