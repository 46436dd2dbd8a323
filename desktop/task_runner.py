"""Long core work on a worker thread, with a progress dialog and a cancel button.

The core's long functions take ``progress=`` (``set_total``, ``advance``, ``cancelled``)
and raise ``assets.errors.Cancelled`` when asked to stop, rolling back their transaction.
Here the worker thread calls them with a :class:`ThreadProgress` whose reports cross to
the GUI thread as queued signals, and whose ``cancelled()`` reads a flag the dialog's
cancel button sets. A sqlite connection never crosses threads: :meth:`TaskRunner.run_on_registry`
opens the worker's own ``Registry`` and closes it there.
"""
from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from assets.errors import Cancelled, XiuCityError

PROGRESS_STEPS = 1000  # the dialog's scale: QProgressDialog takes ints, row counts can be large
REPORT_INTERVAL_S = 0.05


class ThreadProgress(QObject):
    """The ``progress`` object handed to core functions on the worker thread."""

    reported = Signal(object, object, object)  # done, total, message

    def __init__(self):
        super().__init__()
        self._cancel = threading.Event()
        self._total: int | None = None
        self._last = 0.0
        self.last_report: tuple | None = None  # (done, total, message), for the curious and tests

    def set_total(self, total: int | None) -> None:
        self._total = total
        self._report(0, None, force=True)

    def advance(self, done: int, message: str | None = None) -> None:
        self._report(done, message, force=bool(self._total) and done >= self._total)

    def _report(self, done, message, force: bool) -> None:
        # a core function may advance once per row: a million queued signals would drown
        # the GUI thread, and a dialog cannot show more than a few updates a second anyway
        self.last_report = (done, self._total, message)
        now = time.monotonic()
        if force or message or now - self._last >= REPORT_INTERVAL_S:
            self._last = now
            self.reported.emit(done, self._total, message)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Worker(QThread):
    succeeded = Signal(object)
    raised = Signal(object)

    def __init__(self, job, progress: ThreadProgress):
        super().__init__()
        self.job = job
        self.progress = progress

    def run(self) -> None:
        try:
            result = self.job(self.progress)
        except BaseException as error:  # delivered to the GUI thread, never lost in the thread
            self.raised.emit(error)
        else:
            self.succeeded.emit(result)


class TaskRunner(QObject):
    """Runs one job at a time and tells the GUI thread how it ended.

    Signals
    -------
    finished(object)
        The job's return value.
    failed(object)
        The exception it raised (``Cancelled`` is reported by ``cancelled`` instead).
    cancelled()
        The user stopped it; the core guarantees nothing was changed.
    """

    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()

    def __init__(self, parent_widget=None, *, show_errors: bool = True):
        super().__init__(parent_widget)
        self.parent_widget = parent_widget
        self.show_errors = show_errors
        self.dialog: QProgressDialog | None = None
        self.progress: ThreadProgress | None = None
        self.message_box: QMessageBox | None = None
        self._worker: _Worker | None = None

    def is_running(self) -> bool:
        return self._worker is not None and self._worker.isRunning()

    def run(self, function, *args, label: str | None = None, **kwargs) -> None:
        """Call ``function(*args, progress=..., **kwargs)`` on a worker thread.

        ``function`` must not use the GUI thread's Registry; see :meth:`run_on_registry`."""
        self._start(lambda progress: function(*args, progress=progress, **kwargs), label)

    def run_on_registry(self, path, function, *args, label: str | None = None, who: str | None = None,
                        **kwargs) -> None:
        """Call ``function(registry, *args, progress=..., **kwargs)`` with a Registry opened
        on the worker thread (its own sqlite connection) and closed when done."""
        def job(progress):
            from assets.registry import Registry
            with Registry.open(path, who=who) as registry:
                return function(registry, *args, progress=progress, **kwargs)
        self._start(job, label)

    def cancel(self) -> None:
        if self.progress is not None:
            self.progress.cancel()
            if self.dialog is not None:
                self.dialog.setLabelText(self.tr("Cancelling…"))

    def wait(self, msecs: int = 30000) -> bool:
        return self._worker.wait(msecs) if self._worker is not None else True

    # -- internals ----------------------------------------------------------------------
    def _start(self, job, label: str | None) -> None:
        if self.is_running():
            raise RuntimeError("a task is already running")
        self.progress = ThreadProgress()
        self.dialog = QProgressDialog(label or self.tr("Working…"), self.tr("Cancel"), 0, 0, self.parent_widget)
        self.dialog.setWindowTitle(self.tr("Please wait"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumDuration(400)  # quick jobs finish without a flash of a dialog
        self.dialog.canceled.connect(self.cancel)
        self.progress.reported.connect(self._reported)
        self._worker = _Worker(job, self.progress)
        self._worker.succeeded.connect(self._succeeded)
        self._worker.raised.connect(self._raised)
        self._worker.start()

    def _reported(self, done, total, message) -> None:
        if self.dialog is None:
            return
        if total:
            scale = PROGRESS_STEPS / total
            self.dialog.setMaximum(PROGRESS_STEPS)
            self.dialog.setValue(min(PROGRESS_STEPS, int(done * scale)))
        if message and not self.progress.cancelled():
            self.dialog.setLabelText(message)

    def _finish(self) -> None:
        if self._worker is not None:
            self._worker.wait()
            self._worker.deleteLater()
            self._worker = None
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    def _succeeded(self, result) -> None:
        self._finish()
        self.finished.emit(result)

    def _raised(self, error) -> None:
        self._finish()
        if isinstance(error, Cancelled):
            self.cancelled.emit()
            return
        if self.show_errors:
            text = str(error) if isinstance(error, XiuCityError) else self.tr("Unexpected error: {detail}").format(
                detail=f"{type(error).__name__}: {error}")
            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Error"), text, QMessageBox.StandardButton.Ok,
                              self.parent_widget)
            box.button(QMessageBox.StandardButton.Ok).setText(self.tr("OK"))
            box.open()  # not exec(): the caller's event loop goes on
            self.message_box = box
        self.failed.emit(error)
