"""The one write path of a process (Anki's `CollectionOp` and its one database thread are the
model): every write is an operation queued here and run, one at a time, on the writer's own
thread and connection, inside one `BEGIN IMMEDIATE` transaction (all of it commits, or none).
The operation says what it changed (`note`); once committed, the listeners hear of it, and that
is what the window refreshes from. Reads have their own connections (WAL: they never wait).

- The GUI thread only ever `submit`s (`never_wait_in` makes a blocking `run` from it a bug);
  the command line, tests and worker threads may `run` and wait.
- Another process holding the database: the writer waits in short steps, says what it waits
  for (`Waiting`), and gives up only when cancelled or, for the command line, after
  `max_wait_s`. While idle it looks at `PRAGMA data_version` every few seconds: another
  process's commit reaches the listeners as `Changes(external=True)`.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine, RootTransaction

from talentdesk.core.db import search_order
from talentdesk.core.diagnose import (
    CancelledError,
    ReadOnlyError,
    explain,
)
from talentdesk.core.ops import writer_counts
from talentdesk.core.ops.activity import ActivityNote
from talentdesk.core.ops.attach import attached
from talentdesk.core.ops.begin import begin_immediate
from talentdesk.core.ops.changes import Changes
from talentdesk.core.ops.checkpoint import checkpoint
from talentdesk.core.ops.jobs import Job, OpDone, Waiting, WouldBlockError
from talentdesk.core.ops.listeners import WriterListeners
from talentdesk.core.ops.long_work import no_full_collections
from talentdesk.core.ops.server_link import ServerLink
from talentdesk.core.ops.stamps import clear as clear_stamps

# Waiting, OpDone and WouldBlockError are imported from here by the rest of the program.
__all__ = ["BUSY_STEP_MS", "POLL_S", "OpDone", "Waiting", "WouldBlockError", "Writer"]

log = logging.getLogger(__name__)
T = TypeVar("T")

POLL_S = 2.0  # how often an idle writer looks for other processes' commits
BUSY_STEP_MS = 200  # one wait for another process's lock, between looks at Cancel


class Writer(WriterListeners):
    def __init__(
        self,
        engine: Engine,
        activity: ActivityNote,
        *,
        max_wait_s: float | None = None,
        read_only: str | None = None,
    ) -> None:
        super().__init__()
        self._engine = engine
        self._activity = activity
        self.max_wait_s = max_wait_s
        self.read_only = read_only  # why this database cannot be written, or None
        self._queue: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._closed = False
        self._connection: Connection | None = None
        self._current: Job | None = None
        self._data_version: int | None = None
        self._never_wait: set[int] = set()
        # A checkpoint readers held back: tried again while idle (core/ops/checkpoint.py).
        self._checkpoint_pending = False
        # Names this write path in team notifications: its own listener leaves them out.
        self.origin = uuid.uuid4().hex
        from sqlalchemy import event  # the write side loads after the window's first paint

        # SQLite: the write lock is taken at BEGIN. A PostgreSQL server (team mode) locks the
        # rows a write touches; its transactions begin as the driver's do.
        self._sqlite = engine.dialect.name == "sqlite"
        if self._sqlite:
            event.listen(engine, "begin", self._begin)
        # A server's connection is checked at each BEGIN and its COMMIT resolved if cut off.
        self._link = None if self._sqlite else ServerLink(engine, self._tell)

    # -- for everyone ---------------------------------------------------------------------------
    def submit(
        self,
        fn: Callable[[], T],
        *,
        label: str,
        cancel: Callable[[], bool] | None = None,
        announce: bool = False,
        transaction: bool = True,
        attach: dict[str, Path] | None = None,
        stamping: bool = False,
    ) -> Future[T]:
        """Queue `fn` to run on the write path; the future holds its result or its error
        (environment errors already explained as a TalentDeskError). `announce`: a long
        operation, which other processes waiting for the database are told about.
        `transaction` False: `fn` takes its turn but opens its own connection and locks (a
        restore through SQLite's backup API); no other write of this process runs meanwhile.
        `attach`: databases (schema name → file) ATTACHed to the write connection for this
        operation only, before its transaction begins and DETACHed after it ends (SQLite
        cannot detach inside a transaction): a staged import moves its rows in from one.
        `stamping`: `fn` reads the whole database to write a stamp (core/ops/stamps.py); on a
        server it runs with no colleague's write in flight (core/ops/server_stamps.py)."""
        if self.on_write_path():
            raise RuntimeError("an operation cannot queue another and wait for it")
        future: Future[T] = Future()
        if self.read_only is not None:  # refused at once: no thread, no connection
            future.set_exception(ReadOnlyError(self.read_only))
            return future
        job = Job(fn, label, future, cancel, announce, transaction, dict(attach or {}), stamping)
        self._ensure_thread()
        current = self._current
        if current is not None and current.announce:
            job.told_waiting = True
            self._tell_waiting(Waiting(label, current.label, other_process=False))
        self._queue.put(job)
        return future

    def run(
        self,
        fn: Callable[[], T],
        *,
        label: str,
        cancel: Callable[[], bool] | None = None,
        announce: bool = False,
        transaction: bool = True,
        attach: dict[str, Path] | None = None,
        stamping: bool = False,
    ) -> T:
        """Run `fn` on the write path and wait for it. On the write path already (a service
        called by an operation), it simply joins that operation's transaction."""
        if self.on_write_path():
            return fn()
        if threading.get_ident() in self._never_wait:
            raise WouldBlockError(f"{label}: the GUI thread must submit writes, not wait")
        future = self.submit(
            fn,
            label=label,
            cancel=cancel,
            announce=announce,
            transaction=transaction,
            attach=attach,
            stamping=stamping,
        )
        return future.result()

    def on_write_path(self) -> bool:
        return self._thread is not None and threading.current_thread() is self._thread

    def note(self, changes: Changes) -> None:
        """Record what the running operation changed (heard by the listeners on commit)."""
        job = self._current
        if job is None or not self.on_write_path():
            raise RuntimeError("changes noted outside an operation")
        job.changes = job.changes | changes

    def checkpoint_after(self) -> None:
        """Once the running operation has committed, hand its (large) write-ahead log back to
        the main file, rather than leaving that to a later, small write."""
        job = self._current
        if job is None or not self.on_write_path():
            raise RuntimeError("a checkpoint is asked for by an operation")
        job.checkpoint = True

    def stamps_hold(self) -> None:
        """What the running operation has written so far leaves every stamp true (it wrote
        one, core/ops/stamps.py, or changed only what no stamp depends on): they are kept at
        commit unless something changes after this."""
        job = self._current
        if job is None or not self.on_write_path() or self._connection is None:
            raise RuntimeError("a stamp is written by an operation")
        job.changes_at_stamp = self._total_changes()

    @property
    def connection(self) -> Connection:
        """The write connection, inside the running operation's transaction."""
        if not self.on_write_path() or self._connection is None:
            raise RuntimeError("the write connection is used only by operations")
        return self._connection

    @property
    def busy_with(self) -> str | None:
        job = self._current
        return None if job is None else job.label

    def never_wait_in(self, thread: threading.Thread) -> None:
        """`run` from `thread` is a bug from now on (the GUI thread must never wait)."""
        if thread.ident is not None:
            self._never_wait.add(thread.ident)

    def start(self) -> None:
        """Start the writer's thread now (it also starts with the first operation): an idle
        writer is what notices other processes' commits."""
        if self.read_only is None:
            self._ensure_thread()

    def close(self) -> None:
        """Finish what is queued, then stop."""
        with self._start_lock:
            self._closed = True
            thread = self._thread
        if thread is not None:
            self._queue.put(None)
            thread.join()

    # -- the writer's thread ----------------------------------------------------------------
    def _ensure_thread(self) -> None:
        with self._start_lock:
            if self._closed:
                raise RuntimeError("the database is closed")
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="writer", daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        if self._link is None:
            self._connection = self._engine.connect()
        else:  # a server that does not answer yet: the first operation connects
            self._connection = self._link.connect_at_start()
        try:
            self._data_version = self._read_data_version()
            while True:
                try:
                    job = self._queue.get(timeout=POLL_S)
                except queue.Empty:
                    self._look_for_other_commits()
                    self._checkpoint_again()
                    continue
                if job is None:
                    break
                self._look_for_other_commits()
                self._checkpoint_again()
                self._execute(job)
        finally:
            connection, self._connection = self._connection, None
            if self._link is not None:
                self._link.close()
            elif connection is not None:
                connection.close()

    def _execute(self, job: Job) -> None:
        if job.told_waiting:
            self._tell_waiting(None)
        if not job.future.set_running_or_notify_cancel():
            return
        if job.cancelled:
            job.future.set_exception(CancelledError(job.label))
            return
        if self.read_only is not None:
            job.future.set_exception(ReadOnlyError(self.read_only))
            return
        self._current = job
        try:
            result = self._in_transaction(job)
        except BaseException as exc:
            self._current = None
            self._failed(job, exc)
        else:
            self._current = None
            self._tell(OpDone(job.label, job.changes))
            job.future.set_result(result)

    def _in_transaction(self, job: Job) -> Any:
        if not job.transaction:
            return self._on_its_own(job)
        if not self._sqlite:
            if job.attach:
                raise RuntimeError(f"{job.label}: ATTACH is SQLite's, not a server database's")
            return self._in_begun_transaction(job)
        with attached(self._raw(), job.attach):
            return self._in_begun_transaction(job)

    def _in_begun_transaction(self, job: Job) -> Any:
        transaction = self._begin_transaction()
        try:
            if not self._sqlite:  # before anything is read or locked: see server_stamps.py
                from talentdesk.core.ops import server_stamps

                assert self._connection is not None
                server_stamps.begin(self._connection, exclusive=job.stamping)
            # (a server's count is this transaction's own: none yet)
            job.changes_at_begin = self._total_changes() if self._sqlite else 0
            if job.announce:
                self._activity.write(job.label)
            with no_full_collections(job.announce):
                result = job.fn()
            self._clear_stale_stamps(job)
            if self._sqlite:  # anyone the triggers could not place in name order
                search_order.tidy(self._raw())
            if self._link is None:
                transaction.commit()
            else:  # colleagues hear of the changes at commit (team/notify.py)
                self._link.commit(transaction, job.label, job.changes, self.origin)
            if job.checkpoint and self._sqlite:
                self._checkpoint_pending = not checkpoint(self._raw())
        except BaseException:
            if transaction.is_active:
                transaction.rollback()
            raise
        finally:
            if job.announce:
                self._activity.clear()
        return result

    def _begin_transaction(self) -> RootTransaction:
        if self._link is None:
            assert self._connection is not None
            return self._connection.begin()  # BEGIN IMMEDIATE, see _begin
        try:
            return self._link.begin()
        finally:
            self._connection = self._link.connection

    def _on_its_own(self, job: Job) -> Any:
        if job.announce:
            self._activity.write(job.label)
        try:
            return job.fn()
        finally:
            if job.announce:
                self._activity.clear()
            # What it wrote came through another connection: not "another program's".
            self._data_version = self._read_data_version()
            try:  # a restored file's stamps are its own; cleared anyway, to be safe
                if self._sqlite:
                    clear_stamps(self._raw())
            except sqlite3.Error as exc:
                log.warning("could not clear the stamps after %s: %s", job.label, exc)

    def _clear_stale_stamps(self, job: Job) -> None:
        assert self._connection is not None
        writer_counts.clear_stale_stamps(self._connection, self._sqlite, job)

    def _total_changes(self) -> int | None:
        assert self._connection is not None
        return writer_counts.total_changes(self._connection, self._sqlite)

    def _raw(self) -> sqlite3.Connection:
        assert self._connection is not None
        return writer_counts.raw(self._connection)

    def _failed(self, job: Job, exc: BaseException) -> None:
        explained = explain(exc)
        if explained is None:
            log.error("%s failed", job.label, exc_info=exc)
            error: BaseException = exc
        else:
            log.warning("%s failed: %s", job.label, explained.message)
            error = explained
            if explained is not exc:
                error.__cause__ = exc
            if isinstance(explained, ReadOnlyError):
                self.read_only = explained.reason or "the file or its folder is read-only"
        self._tell(OpDone(job.label, Changes(), error))
        job.future.set_exception(error)

    def _begin(self, connection: Connection) -> None:
        raw = connection.connection.dbapi_connection
        assert isinstance(raw, sqlite3.Connection)
        begin_immediate(raw, self._current, self._activity, self.max_wait_s, self._tell_waiting)

    def _checkpoint_again(self) -> None:
        if self._checkpoint_pending and self._connection is not None:
            try:
                self._checkpoint_pending = not checkpoint(self._raw(), tries=1)
            except sqlite3.Error as exc:
                log.warning("checkpoint failed: %s", exc)

    def _read_data_version(self) -> int | None:
        if self._connection is None:
            return None
        return writer_counts.data_version(self._connection, self._sqlite)

    def _look_for_other_commits(self) -> None:
        version = self._read_data_version()
        if version is not None and self._data_version is not None and version != self._data_version:
            self._tell(OpDone("changes by another program", Changes.everything(external=True)))
        self._data_version = version
