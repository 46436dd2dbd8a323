#!/usr/bin/env bash
# Build the one-folder bundle with PyInstaller and run its self-test.
# Linux here; on Windows run the same two commands in a Python 3.11 venv:
#   pip install -e . pyinstaller  &&  pyinstaller --noconfirm build.spec
#   dist\xiucity\xiucity.exe --selftest
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
"$PY" -m pip install -q "pyinstaller>=6.10"
"$PY" -m PyInstaller --noconfirm --log-level ERROR build.spec
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} dist/xiucity/xiucity --selftest
