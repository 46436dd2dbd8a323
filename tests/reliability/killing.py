"""Kill a process doing real work at a random moment (SIGKILL: no cleanup, no atexit), then
let the test check that the registry is sound and the work is all there or not at all."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# a handful in CI; XIUCITY_KILL_TRIALS=50 for the long run before a release
TRIALS = int(os.environ.get("XIUCITY_KILL_TRIALS", "3"))


def run_and_kill(script: str, *args, seed: int, max_delay: float) -> str:
    """Start ``script``; kill it after a random delay (seeded, so a failure can be replayed).
    Returns "killed" or "finished"."""
    delay = random.Random(seed).uniform(0.05, max_delay)
    proc = subprocess.Popen([sys.executable, "-c", script, *map(str, args)], cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        return "killed"
    if proc.returncode != 0:
        raise AssertionError(proc.stderr.read().decode(errors="replace")[-2000:])
    return "finished"
