"""Figures computed off the GUI thread, one call per figure, each shown as it lands.

`run(keys, ask)` queues one call per key and starts up to WORKERS threads that take them in
order (the first sections first); each answer lands on the GUI thread as `arrived(key,
result)` or `failed(key, error)`. A new `run` obsoletes the last: what has not started is
dropped and what is running is ignored when it lands. The threads end when the queue is empty
(daemon threads: quitting never waits for a long figure)."""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

# The core opens a read connection per call, so two figures can be read at once; more would
# only fight over a 2-core laptop's CPU.
WORKERS = 2


class _Carrier(QObject):
    """Carries an answer from its thread to the GUI thread (a queued signal)."""

    landed = Signal(int, str, object, object)  # ticket, key, result or None, error or None


class FigureRunner(QObject):
    arrived = Signal(str, object)  # key, the call's result
    failed = Signal(str, object)  # key, the exception it raised
    idle = Signal()  # every figure of the latest run has landed

    def __init__(self, parent: QObject | None = None, workers: int = WORKERS) -> None:
        super().__init__(parent)
        self._workers = workers
        self._lock = threading.Lock()
        self._queue: deque[tuple[int, str, Callable[[], object]]] = deque()
        self._threads = 0
        self._ticket = 0
        self.pending: set[str] = set()  # keys of the latest run not landed yet
        self._carrier = _Carrier(self)
        self._carrier.landed.connect(self._landed)

    @property
    def busy(self) -> bool:
        return bool(self.pending)

    def run(self, calls: dict[str, Callable[[], object]]) -> None:
        """Compute every call (in this order), obsoleting what an earlier run still has."""
        self._ticket += 1
        ticket = self._ticket
        self.pending = set(calls)
        with self._lock:
            self._queue = deque((ticket, key, call) for key, call in calls.items())
            wanted = min(self._workers, len(self._queue)) - self._threads
            self._threads += max(wanted, 0)
        for n in range(max(wanted, 0)):
            threading.Thread(target=self._work, name=f"metrics-{n}", daemon=True).start()
        if not calls:
            self.idle.emit()

    def cancel(self) -> None:
        """Drop what has not started and ignore what is running."""
        self._ticket += 1
        self.pending = set()
        with self._lock:
            self._queue.clear()

    def _work(self) -> None:
        carrier = self._carrier
        while True:
            with self._lock:
                if not self._queue:
                    self._threads -= 1
                    return
                ticket, key, call = self._queue.popleft()
            result: object = None
            error: BaseException | None = None
            try:
                result = call()
            except BaseException as exc:  # handed to the GUI thread, which shows it
                error = exc
            with contextlib.suppress(RuntimeError):  # the view was closed meanwhile
                carrier.landed.emit(ticket, key, result, error)

    def _landed(self, ticket: int, key: str, result: object, error: BaseException | None) -> None:
        if ticket != self._ticket:
            return  # obsoleted by a newer run
        self.pending.discard(key)
        if error is None:
            self.arrived.emit(key, result)
        else:
            self.failed.emit(key, error)
        if not self.pending:
            self.idle.emit()
