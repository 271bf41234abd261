"""Long work (imports, exports) off the GUI thread, with progress and cancel.

A Job runs `work(progress, cancelled)` in a QThread. `progress(done, total)` may be called as
often as the work likes: the signal is throttled so the event loop is not flooded. The outcome
arrives on the GUI thread as exactly one of `succeeded(result)` or `failed(exception)`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Work = Callable[[Progress, Cancelled], Any]
PROGRESS_INTERVAL_S = 0.05


class _Runner(QThread):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, stop: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._stop = stop
        self._last = 0.0

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last >= PROGRESS_INTERVAL_S or (total and done >= total):
            self._last = now
            self.progressed.emit(done, total)

    def run(self) -> None:
        try:
            result = self._work(self._progress, self._stop.is_set)
        except Exception as exc:  # handed to the GUI thread, which shows it
            if not hasattr(exc, "hint"):
                log.exception("background job failed")
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


class Job(QObject):
    """One piece of background work; keep a reference until `finished` is emitted."""

    progressed = Signal(int, int)  # done, total (0 when unknown)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()  # after succeeded or failed

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self._runner = _Runner(work, self._stop)
        self._runner.progressed.connect(self.progressed)
        self._runner.succeeded.connect(self.succeeded)
        self._runner.failed.connect(self.failed)
        self._runner.finished.connect(self.finished)

    def start(self) -> None:
        self._runner.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next cancel check."""
        self._stop.set()

    @property
    def cancel_requested(self) -> bool:
        return self._stop.is_set()

    def is_running(self) -> bool:
        return self._runner.isRunning()

    def wait(self, timeout_ms: int = 30_000) -> bool:
        return self._runner.wait(timeout_ms)
