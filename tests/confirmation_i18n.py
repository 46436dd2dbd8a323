"""The proposed Chinese translations of the confirmation messages, added to the in-memory
catalogue for tests until they are merged into resources/translations (then a no-op)."""
from __future__ import annotations

import tomllib
from contextlib import contextmanager
from pathlib import Path

FILE = Path(__file__).parent / "data" / "confirmation_messages_zh_CN.toml"


def proposed() -> list[tuple[str, str]]:
    with open(FILE, "rb") as f:
        return [tuple(m) for m in tomllib.load(f)["messages"]]


@contextmanager
def chinese_messages():
    from assets import i18n
    catalogue = i18n._catalogue("zh_CN")
    added = [(("Errors", src), zh) for src, zh in proposed() if ("Errors", src) not in catalogue]
    catalogue.update(added)
    try:
        yield
    finally:
        for key, _ in added:
            catalogue.pop(key, None)
