"""Who hears of the writer's finished operations, and of its waits for another process's
lock (core/ops/writer.py). A listener that fails is logged, never the writer's failure."""

from __future__ import annotations

import logging
from collections.abc import Callable

from talentdesk.core.ops.jobs import OpDone, Waiting

log = logging.getLogger("talentdesk.core.ops.writer")


class WriterListeners:
    def __init__(self) -> None:
        self._listeners: list[Callable[[OpDone], None]] = []
        self._wait_listeners: list[Callable[[Waiting | None], None]] = []

    def add_listener(self, listener: Callable[[OpDone], None]) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[OpDone], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def add_wait_listener(self, listener: Callable[[Waiting | None], None]) -> None:
        self._wait_listeners.append(listener)

    def remove_wait_listener(self, listener: Callable[[Waiting | None], None]) -> None:
        if listener in self._wait_listeners:
            self._wait_listeners.remove(listener)

    def _tell(self, done: OpDone) -> None:
        for listener in list(self._listeners):
            try:
                listener(done)
            except Exception:
                log.exception("a listener failed on %s", done.label)

    def _tell_waiting(self, waiting: Waiting | None) -> None:
        for listener in list(self._wait_listeners):
            try:
                listener(waiting)
            except Exception:
                log.exception("a wait listener failed")
