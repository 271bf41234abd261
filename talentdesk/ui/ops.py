"""Writes from the window: operations on the core's one write path (Anki's `CollectionOp`).

`ops.run(label, fn, success=…)` queues `fn` on the writer (it runs there, off the GUI thread,
in one transaction) and returns at once: the GUI thread never waits for the database. When the
operation has committed, `changed(Changes)` tells every pane what to refresh, and then
`success(result)` runs on the GUI thread; a failure goes to `failure`, or to the one error
boundary (`ui/errors.py`). Other processes' commits arrive as `changed` too.

While an operation waits for the database (another TalentDesk importing, or a long operation
of this one) `waiting(text)` says so, and `cancel_waiting()` gives up what has not begun.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from talentdesk.core.ops.changes import Changes
from talentdesk.core.team.reachable import is_server_away
from talentdesk.core.workspace import Workspace
from talentdesk.ui.errors import show_error
from talentdesk.ui.gui_thread import gui_bridge

if TYPE_CHECKING:  # the write path is loaded after the first paint (ui/app.py's warm-up)
    from concurrent.futures import Future

    from talentdesk.core.ops.writer import OpDone, Waiting, Writer

log = logging.getLogger(__name__)
T = TypeVar("T")


class Op(QObject):
    """One queued operation of the window; `cancel` gives it up if it has not begun."""

    def __init__(self, label: str, parent: QObject) -> None:
        super().__init__(parent)
        self.label = label
        self.cancelled = False
        self.finished = False

    def cancel(self) -> None:
        self.cancelled = True

    def is_cancelled(self) -> bool:  # polled by the writer while it waits
        return self.cancelled


_every_ops: weakref.WeakSet[Ops] = weakref.WeakSet()


def all_idle() -> bool:
    """No window of this process has an operation queued, running or undelivered (quitting
    waits for this, and tests)."""
    return all(ops.idle for ops in list(_every_ops) if shiboken6.isValid(ops))


class Ops(QObject):
    changed = Signal(object)  # Changes: after each committed operation, ours or another's
    waiting = Signal(str)  # what an operation waits for ("" once it no longer waits)
    read_only = Signal(str)  # the database turned out not to be writable: why
    server_lost = Signal()  # an operation found the team database's server gone

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._writer: Writer | None = None
        self._pending: list[Op] = []
        _every_ops.add(self)
        self._bridge = gui_bridge()
        alive = weakref.ref(self)

        def on_gui_thread(method: Callable[[Ops, Any], None]) -> Callable[[Any], None]:
            def carry(value: Any) -> None:
                def run() -> None:
                    ops = alive()
                    if ops is not None and shiboken6.isValid(ops):
                        method(ops, value)

                self._bridge.carried.emit(run)

            return carry

        self._heard_done = on_gui_thread(Ops._op_done)
        self._heard_wait = on_gui_thread(Ops._waiting)
        # Listen from the moment the write side exists, whoever loads it: a worker's
        # operations (an import, a generated-reminders refresh) change what panes show too.
        ws.when_loaded(lambda db: self._listen(db.writer))

    # -- the writer, reached once it is loaded --------------------------------------------
    def attach(self) -> Writer:
        """The writer, loading the database's write side if it is not loaded yet."""
        writer = self._ws.writer
        self._listen(writer)
        return writer

    def _listen(self, writer: Writer) -> None:
        """Hear the writer's operations and waits; start it, so that other processes'
        commits are heard while it is idle. (May run on the thread that loads it.)"""
        if self._writer is writer:
            return
        writer.add_listener(self._heard_done)
        writer.add_wait_listener(self._heard_wait)
        self._writer = writer
        writer.start()

    def detach(self) -> None:
        if self._writer is not None:
            self._writer.remove_listener(self._heard_done)
            self._writer.remove_wait_listener(self._heard_wait)
            self._writer = None

    @property
    def idle(self) -> bool:
        """No operation of the window is queued, running or undelivered."""
        return not self._pending

    # -- running operations ---------------------------------------------------------------
    def run(
        self,
        label: str,
        fn: Callable[[], T],
        *,
        success: Callable[[T], object] | None = None,
        failure: Callable[[BaseException], object] | None = None,
        parent: QWidget | None = None,
        announce: bool = False,
    ) -> Op:
        """Queue `fn` (it runs on the write path and may call any service's writes); then
        `success(result)` or `failure(error)` on the GUI thread. Without `failure`, an error
        is shown by the error boundary, over `parent`. `label` says what it does, for the
        waiting message and the error ("Saving Anna Kowalska")."""
        op = Op(label, self)
        self._pending.append(op)
        alive = weakref.ref(self)

        def arrived(future: Future[Any]) -> None:
            if alive() is None or not shiboken6.isValid(self) or not shiboken6.isValid(op):
                return  # the window went away meanwhile
            self._finish(op)
            error = future.exception()
            away = error is not None and is_server_away(error)
            if away:  # one banner says so (ui/team/server_away.py), not a dialog per write
                self.server_lost.emit()
            if error is None:
                if success is not None:
                    success(future.result())
            elif failure is not None:
                failure(error)
            elif not away:
                show_error(parent, error, f"{label} failed")

        try:
            writer = self.attach()
        except Exception as exc:  # the database's write side did not even open
            from concurrent.futures import Future

            future: Future[Any] = Future()
            future.set_exception(exc)
        else:
            future = writer.submit(fn, label=label, cancel=op.is_cancelled, announce=announce)
        bridge = self._bridge
        future.add_done_callback(lambda done: bridge.carried.emit(lambda: arrived(done)))
        return op

    def cancel_waiting(self) -> None:
        """Give up the window's operations that have not begun."""
        for op in self._pending:
            op.cancel()

    def _finish(self, op: Op) -> None:
        op.finished = True
        if op in self._pending:
            self._pending.remove(op)
        op.deleteLater()

    # -- what the writer says -------------------------------------------------------------
    def _op_done(self, done: OpDone) -> None:
        if done.changes:
            self.changed.emit(done.changes)
        writer = self._writer
        if done.error is not None and writer is not None and writer.read_only is not None:
            self.read_only.emit(writer.read_only)

    def _waiting(self, waiting: Waiting | None) -> None:
        self.waiting.emit("" if waiting is None else waiting.text())

    def changes_happened(self, changes: Changes) -> None:
        """Something outside the writer changed the data (a restore): refresh as after an
        operation."""
        self.changed.emit(changes)
