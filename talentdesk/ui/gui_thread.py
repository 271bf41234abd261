"""Handing work from any thread to the GUI thread, safely.

A thread must never emit a signal of a QObject that the GUI thread may delete meanwhile (a
closed tab, a finished test): the emit races the deletion and crashes the process. Every
hand-over goes through one bridge that lives as long as the application, and what it carries
checks, on the GUI thread, that its target still exists before it runs.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Signal

Send = Callable[[Callable[[], object]], None]


class _Bridge(QObject):
    """Runs a function on the GUI thread for another thread. One per application and never
    deleted (its parent is the application)."""

    carried = Signal(object)

    def __init__(self) -> None:
        super().__init__(QCoreApplication.instance())
        self.carried.connect(self._run)

    @staticmethod
    def _run(fn: Callable[[], object]) -> None:
        fn()


_bridge: _Bridge | None = None


def gui_bridge() -> _Bridge:
    """The bridge; made on the GUI thread (by its first user there)."""
    global _bridge
    if _bridge is None or not shiboken6.isValid(_bridge):
        _bridge = _Bridge()
    return _bridge


def sender_to(target: QObject) -> Send:
    """Called on the GUI thread: `send(fn)`, which any thread may call to have `fn` run on the
    GUI thread, unless `target` has been deleted by then."""
    bridge = gui_bridge()
    ref = weakref.ref(target)

    def send(fn: Callable[[], object]) -> None:
        def run() -> None:
            alive = ref()
            if alive is not None and shiboken6.isValid(alive):
                fn()

        bridge.carried.emit(run)

    return send
