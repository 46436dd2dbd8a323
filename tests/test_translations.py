"""Every visible string has a Chinese translation, and the CLI speaks both languages."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import translations  # noqa: E402


def test_catalogue_is_complete():
    gaps = translations.missing()
    assert not gaps, "untranslated (run tools/translations.py update, then translate):\n" + "\n".join(
        f"{c}: {s}" for c, s in gaps)


def test_messages_switch_language():
    from assets.errors import RegistryBusy
    from assets.i18n import set_language
    assert "正忙" in str(RegistryBusy())
    set_language("en")
    assert "busy" in str(RegistryBusy())
