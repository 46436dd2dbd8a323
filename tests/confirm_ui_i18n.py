"""The proposed Chinese translations of the confirmation workspace and `xiucity confirm`
messages, added to the in-memory catalogue for tests until they are merged into
resources/translations (then a no-op). ``python -m tests.confirm_ui_i18n ARGS`` runs the
command line with them, as a user will see it after the merge."""
from __future__ import annotations

import tomllib
from pathlib import Path

FILE = Path(__file__).parent / "data" / "confirm_ui_messages_zh_CN.toml"


def proposed() -> list[tuple[str, str, str]]:
    with open(FILE, "rb") as f:
        return [tuple(m) for m in tomllib.load(f)["messages"]]


def install() -> list[tuple[str, str]]:
    """Add the proposed translations the catalogue lacks; returns the keys added."""
    from assets import i18n
    catalogue = i18n._catalogue("zh_CN")
    added = [((ctx, src), zh) for ctx, src, zh in proposed() if (ctx, src) not in catalogue]
    catalogue.update(added)
    return [key for key, _ in added]


def uninstall(keys) -> None:
    from assets import i18n
    catalogue = i18n._catalogue("zh_CN")
    for key in keys:
        catalogue.pop(key, None)


if __name__ == "__main__":
    install()
    from tests.confirmation_i18n import chinese_messages
    with chinese_messages():  # the core's confirmation messages, if still unmerged
        from desktop.cli import cli
        cli(prog_name="xiucity")
