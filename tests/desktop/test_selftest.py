import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_selftest_passes_and_reports_each_check():
    result = subprocess.run([sys.executable, "-m", "desktop.cli", "--selftest"], capture_output=True, text=True,
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert sum(line.startswith("✓") for line in lines) == 4
    assert "自检通过" in lines[-1]
