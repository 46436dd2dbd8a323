"""Regression guard for the PySide6 6.12.0 / Python 3.11 refcount bug (shared/stack-notes.md).

On that pair every binding call returning nothing dropped a reference to None/True; after
~16k calls the interpreter aborted (``none_dealloc``). The map canvas makes hundreds of
thousands of such calls, so this must hold before anything else is trusted.
"""
from __future__ import annotations

import sys

import PySide6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QPen


class _Emitter(QObject):
    ping = Signal(int)


def test_void_calls_and_signals_keep_the_refcount_of_none(qapp):
    none_before = sys.getrefcount(None)
    true_before = sys.getrefcount(True)
    pen = QPen()
    for i in range(50_000):
        pen.setWidthF(1.0 + (i & 7))  # returns None through the binding
        pen.setCosmetic(True)
    emitter = _Emitter()
    received = []
    emitter.ping.connect(received.append)
    for i in range(20_000):
        emitter.ping.emit(i)
    assert len(received) == 20_000
    # A leak of a few references is noise; the bug loses one per call (tens of thousands).
    assert sys.getrefcount(None) > none_before - 1000
    assert sys.getrefcount(True) > true_before - 1000


def test_pyside_is_not_the_broken_release_on_python_311():
    if sys.version_info[:2] == (3, 11):
        assert PySide6.__version__ != "6.12.0", "PySide6 6.12.0 aborts Python 3.11; pin <6.12"
