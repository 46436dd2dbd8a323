"""Progress reporting and cancellation for long work (import, export, planning, packages).

Long operations are plain functions that take a ``progress`` argument. The GUI passes an
object that forwards to a progress dialog from a worker thread; the CLI passes a terminal
bar; tests pass nothing or a recorder. Modelled on Orange's ``TaskState`` and QGIS's
``QgsFeedback``.
"""
from __future__ import annotations

from typing import Protocol

from .errors import Cancelled


class Progress(Protocol):
    def set_total(self, total: int | None) -> None: ...
    def advance(self, done: int, message: str | None = None) -> None: ...
    def cancelled(self) -> bool: ...


class NullProgress:
    """Progress that reports nowhere and is never cancelled."""

    def set_total(self, total: int | None) -> None:
        pass

    def advance(self, done: int, message: str | None = None) -> None:
        pass

    def cancelled(self) -> bool:
        return False


class RecordingProgress(NullProgress):
    """Keeps what it was told; cancels once ``cancel_after`` units are done (for tests
    and for callers that want a cap)."""

    def __init__(self, cancel_after: int | None = None):
        self.total: int | None = None
        self.done = 0
        self.messages: list[str] = []
        self.cancel_after = cancel_after

    def set_total(self, total: int | None) -> None:
        self.total = total

    def advance(self, done: int, message: str | None = None) -> None:
        self.done = done
        if message:
            self.messages.append(message)

    def cancelled(self) -> bool:
        return self.cancel_after is not None and self.done >= self.cancel_after


def ensure(progress: Progress | None) -> Progress:
    return progress if progress is not None else NullProgress()


def check_cancelled(progress: Progress) -> None:
    """Raise :class:`Cancelled` if the user asked to stop."""
    if progress.cancelled():
        raise Cancelled()
