from pathlib import Path

import pytest


def _shared_data() -> Path | None:
    for candidate in (Path("/work/shared/data"), Path(__file__).resolve().parents[2].parent / "shared" / "data"):
        if candidate.is_dir():
            return candidate
    return None


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of real, externally made test files (shared/data beside the checkout)."""
    found = _shared_data()
    if found is None:
        pytest.skip("shared/data is not available beside this checkout")
    return found
