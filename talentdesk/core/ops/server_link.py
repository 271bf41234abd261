"""The write path's connection to a team database (issue 18, "the server goes away"): the
writer's counterpart of SQLite's BEGIN IMMEDIATE and plain COMMIT.

- The connection may be missing (the server was down when the writer's thread started) or dead
  (the server ended it while the app was idle: a restart, `pg_terminate_backend`). Each
  operation's first statement is a `SELECT 1`, sent before any of the operation's own: when it
  finds the connection gone, nothing was sent yet, so the transaction is begun once more on a
  new connection. Only then does the operation run: it is never run twice.
- The connection lost during COMMIT leaves the outcome unknown to the client. The transaction's
  id (and its server process) is read before COMMIT; on a new connection `pg_xact_status` says
  whether it committed. A transaction still "in progress" belongs to a server process that has
  not noticed its client is gone: it is ended first (a COMMIT it was running finishes anyway).
  When the server cannot be asked, the id is kept and asked about at the next operation, and
  the listeners hear of the changes then, if they were saved after all.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from talentdesk.core.diagnose import ServerConnectionError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.ops.jobs import OpDone
from talentdesk.core.team.reachable import is_server_away

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine, RootTransaction

log = logging.getLogger(__name__)

# How long a server process that did not notice its client went away is given to end.
TERMINATE_WAIT_MS = 5000
_XACT = "SELECT pg_current_xact_id_if_assigned()::text, pg_backend_pid()"
_STATUS = "SELECT pg_xact_status(CAST(%(xid)s AS xid8))"
# Ends the server process still running the transaction `xid` (its 32-bit form in
# pg_stat_activity), and only that one: a process id may be reused.
_END_ORPHAN = (
    "SELECT pg_terminate_backend(pid, %(wait)s) FROM pg_stat_activity"
    " WHERE pid = %(pid)s AND backend_xid::text = %(xid32)s"
)


class OutcomeUnknownError(ServerConnectionError):
    """The connection was lost during COMMIT and the server cannot be asked yet whether the
    transaction committed: the next operation asks (listeners hear of it if it did)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.message = (
            "The team database's server went away while saving: whether it was saved is "
            "checked once the server answers."
        )


@dataclass(frozen=True)
class Unresolved:
    xid: str
    pid: int
    label: str
    changes: Changes


class ServerLink:
    """Owns the writer's connection to a team database (`connection`, None until one is made)."""

    def __init__(self, engine: Engine, tell: Callable[[OpDone], None]) -> None:
        self._engine = engine
        self._tell = tell
        self.connection: Connection | None = None
        self.unresolved: Unresolved | None = None

    def connect_at_start(self) -> Connection | None:
        """Connect when the writer's thread starts; a server that does not answer yet leaves
        the writer without a connection, made by the first operation once it answers."""
        try:
            self.connection = self._engine.connect()
        except Exception as exc:
            if not is_server_away(exc):
                raise
            log.warning("team database unreachable as the write path starts: %s", exc)
        return self.connection

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None

    def begin(self) -> RootTransaction:
        """An operation's transaction, begun with a statement that checks the connection (the
        server's answer arrives before any of the operation's own statements are sent)."""
        self._resolve()
        for attempt in (1, 2):
            connection = self._connected()
            transaction = connection.begin()
            try:
                connection.exec_driver_sql("SELECT 1")
            except Exception as exc:
                if not is_server_away(exc):
                    transaction.rollback()
                    raise
                _drop(connection, transaction)
                if attempt == 2:
                    raise
                log.info("the team database ended the write connection; connecting again")
                continue
            return transaction
        raise AssertionError("unreachable")

    def commit(
        self, transaction: RootTransaction, label: str, changes: Changes, origin: str
    ) -> None:
        """Notify the colleagues of `changes` (heard at commit) and COMMIT; a connection lost
        meanwhile is resolved: returns when the transaction did commit, raises
        ServerConnectionError when it did not, OutcomeUnknownError when the server cannot
        say yet."""
        connection = self._connected()
        if changes:
            from talentdesk.core.team.notify import notify

            notify(connection, origin, changes)
        xid, pid = connection.exec_driver_sql(_XACT).one()
        try:
            transaction.commit()
        except Exception as exc:
            if xid is None or not is_server_away(exc):
                raise  # nothing was written (no transaction id), or not a lost connection
            _drop(connection, transaction)
            unresolved = Unresolved(str(xid), int(pid), label, changes)
            status = self._status_or_none(unresolved)
            if status == "committed":
                log.warning("%s: the connection was lost during COMMIT; it committed", label)
                return
            if status is None:
                self.unresolved = unresolved
                raise OutcomeUnknownError(str(exc)) from exc
            raise ServerConnectionError(f"{exc} The changes were not saved.") from exc

    def _connected(self) -> Connection:
        if self.connection is None:
            self.connection = self._engine.connect()  # a server still away: the error
        return self.connection

    def _resolve(self) -> None:
        """A transaction whose COMMIT was cut off earlier: its listeners hear of it now if it
        did commit after all."""
        unresolved = self.unresolved
        if unresolved is None:
            return
        status = self._status_or_none(unresolved)
        if status is None:
            return
        self.unresolved = None
        log.warning("%s, cut off during COMMIT earlier: %s", unresolved.label, status)
        if status == "committed":
            self._tell(OpDone(unresolved.label, unresolved.changes))

    def _status_or_none(self, unresolved: Unresolved) -> str | None:
        """ "committed" or "aborted"; None while the server cannot be asked."""
        try:
            return self._status(unresolved)
        except Exception as exc:
            if self.connection is not None:
                _drop(self.connection, None)
            if not is_server_away(exc):
                raise
            log.info("cannot ask the team database about %s yet: %s", unresolved.label, exc)
            return None

    def _status(self, unresolved: Unresolved) -> str | None:
        connection = self._connected()
        with connection.begin():
            status = transaction_status(connection, unresolved.xid)
            if status == "in progress":  # its server process has not noticed: it ends now
                xid32 = str(int(unresolved.xid) % 2**32)
                parameters = {"wait": TERMINATE_WAIT_MS, "pid": unresolved.pid, "xid32": xid32}
                connection.exec_driver_sql(_END_ORPHAN, parameters).all()
        if status == "in progress":
            with connection.begin():
                status = transaction_status(connection, unresolved.xid)
        return status if status in ("committed", "aborted") else None


def transaction_status(connection: Connection, xid: str) -> str | None:
    """PostgreSQL's word on transaction `xid`: "committed", "aborted", "in progress", or None
    when it is too old to say."""
    value = connection.exec_driver_sql(_STATUS, {"xid": xid}).scalar()
    return None if value is None else str(value)


def _drop(connection: Connection, transaction: RootTransaction | None) -> None:
    """Leave a connection that failed ready to connect anew on its next statement."""
    try:
        if transaction is not None and transaction.is_active:
            transaction.rollback()
        connection.rollback()  # a transaction whose COMMIT failed is still the connection's
    except Exception as exc:  # the connection is gone: nothing to roll back on the server
        log.debug("rollback after a lost connection: %s", exc)
    if not connection.invalidated:
        connection.invalidate()
