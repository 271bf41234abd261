"""Figures computed off the GUI thread, one call per figure, each shown as it lands.

`run(calls, session)` queues one call per key and starts WORKERS threads that take them in
order (the first sections first), each call given what `session()` opened for its thread (the
core's snapshot: one read transaction the figures share). Each answer lands on the GUI thread
as `arrived(key, result)` or `failed(key, error)`. A new `run` obsoletes the last: what has not
started is dropped, what is running is ignored when it lands, and the new run has threads of
its own, so it never waits behind an obsolete figure. Threads end when their run's queue is
empty (daemon threads: quitting never waits for a long figure)."""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from typing import Any

from PySide6.QtCore import QObject, Signal

from talentdesk.ui.gui_thread import Send, sender_to

# One at a time: the core's figures are mostly Python over their rows, so two threads share
# one interpreter lock and the first figure arrives later (measured over 100,000 candidates:
# the first in 1.6 s and all in 5 s with one thread, 4.3 s and 9 s with two).
WORKERS = 1


Call = Callable[[Any], object]  # given what the session opened (None without one)
Session = Callable[[], AbstractContextManager[Any]]


class _Run:
    """One run's queue, shared by its threads."""

    def __init__(self, ticket: int, calls: Mapping[str, Call], session: Session | None) -> None:
        self.ticket = ticket
        self.session = session
        self.lock = threading.Lock()
        self.queue: deque[tuple[str, Call]] = deque(calls.items())

    def next(self) -> tuple[str, Call] | None:
        with self.lock:
            return self.queue.popleft() if self.queue else None

    def drop(self) -> None:
        with self.lock:
            self.queue.clear()


class FigureRunner(QObject):
    arrived = Signal(str, object)  # key, the call's result
    failed = Signal(str, object)  # key, the exception it raised
    idle = Signal()  # every figure of the latest run has landed

    def __init__(self, parent: QObject | None = None, workers: int = WORKERS) -> None:
        super().__init__(parent)
        self._workers = workers
        self._run: _Run | None = None
        self._ticket = 0
        self.pending: set[str] = set()  # keys of the latest run not landed yet

    @property
    def busy(self) -> bool:
        return bool(self.pending)

    def run(self, calls: Mapping[str, Call], session: Session | None = None) -> None:
        """Compute every call (in this order), obsoleting what an earlier run still has."""
        self.cancel()
        self.pending = set(calls)
        run = self._run = _Run(self._ticket, calls, session)
        send = sender_to(self)  # answers land only while this runner exists
        for n in range(min(self._workers, len(calls))):
            threading.Thread(
                target=self._work, args=(run, send), name=f"metrics-{n}", daemon=True
            ).start()
        if not calls:
            self.idle.emit()

    def cancel(self) -> None:
        """Drop what has not started and ignore what is running."""
        self._ticket += 1
        self.pending = set()
        if self._run is not None:
            self._run.drop()
            self._run = None

    def _work(self, run: _Run, send: Send) -> None:
        def land(key: str, result: object, error: BaseException | None) -> None:
            send(lambda: self._landed(run.ticket, key, result, error))

        try:
            with run.session() if run.session else contextlib.nullcontext() as shared:
                while (job := run.next()) is not None:
                    key, call = job
                    try:
                        land(key, call(shared), None)
                    except BaseException as exc:  # handed to the GUI thread, which shows it
                        land(key, None, exc)
        except BaseException as exc:  # the session did not open (or close): say so for each
            while (job := run.next()) is not None:
                land(job[0], None, exc)

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
