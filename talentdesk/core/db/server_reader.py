"""The read connection of a team database (PostgreSQL): the sqlite3 reader's counterpart for
`ws.reader`, `ws.reads` and `ws.listing`.

A plain psycopg connection in autocommit (each statement sees the latest, no transaction left
open between reads) whose every transaction is READ ONLY: the server refuses a write that did
not come through the write path. Statements are the core's SQLite-style SQL: `?` placeholders
become psycopg's `%s` (a literal `%` is doubled), and the SQLite-only bits are written per
dialect by core/db/read_sql.py.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from talentdesk.core.db.reader import POSTGRESQL, Rows

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)

_INDEXED_BY = re.compile(r"\s+INDEXED BY \w+")


@functools.lru_cache(maxsize=1024)
def placeholders(sql: str) -> str:
    """`sql` as psycopg and PostgreSQL read it: `%s` placeholders (the core's SQL has no `?`
    of its own), no index hints, CROSS JOIN … ON as a JOIN, td_fold as the database's
    (db/server_fold.py: IMMUTABLE, so that the folded-city index serves `city:`)."""
    sql = _INDEXED_BY.sub("", sql).replace("CROSS JOIN", "JOIN")
    sql = sql.replace("td_fold(", "talentdesk_fold(")
    return sql.replace("%", "%%").replace("?", "%s")


class _DroppedError(Exception):
    """The read connection was found closed by the server (its cause says how)."""


class ServerReader:
    """A dropped connection is a TalentDeskError for the statement that found it; the next
    statement connects again."""

    dialect = POSTGRESQL

    def __init__(self, url: str) -> None:
        self._url = url
        self._connection = _connect(url)
        self._reconnecting = threading.Lock()
        # Whose reminders are "mine" (core/users/mine.py): the workspace's user, found when its
        # write side loads. None: nobody's in particular.
        self.current_user: Callable[[], int | None] = lambda: None

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Rows:
        """Runs `sql`; a connection the server ended meanwhile (while the app was idle, or
        a restart) is replaced and the statement sent once more: a read is safe to repeat."""
        try:
            return self._execute(sql, parameters)
        except _DroppedError as dropped:
            log.info("the team database ended the read connection; connecting again")
            first = dropped.__cause__
        try:
            return self._execute(sql, parameters)
        except _DroppedError as again:
            from talentdesk.core.db.server import describe
            from talentdesk.core.db.server_open import ServerUnreachableError

            raise ServerUnreachableError(describe(self._url), str(again.__cause__)) from first

    def _execute(self, sql: str, parameters: Sequence[Any]) -> Rows:
        import psycopg

        with self._reconnecting:  # the window's probe (core/team/reachable.py) reads too
            if self._connection.closed:
                self._connection = _connect(self._url)
        try:
            return self._connection.execute(placeholders(sql), list(parameters))
        except psycopg.OperationalError as exc:
            if not self._connection.closed and not self._connection.broken:
                raise
            self._connection.close()
            raise _DroppedError from exc

    def close(self) -> None:
        self._connection.close()


def open_server_reader(url: str) -> ServerReader:
    """A read connection to the team database at `url` (a TalentDeskError that never repeats
    the password when it cannot connect)."""
    return ServerReader(url)


def _connect(url: str) -> psycopg.Connection[Any]:
    import psycopg

    from talentdesk.core.db.server import CONNECT_TIMEOUT_S, describe, parse_url
    from talentdesk.core.db.server_open import ServerUnreachableError

    parsed = parse_url(url)
    options: dict[str, Any] = {str(k): str(v) for k, v in parsed.query.items()}  # sslmode…
    options.update(
        host=parsed.host,
        port=parsed.port,
        user=parsed.username,
        password=parsed.password,
        dbname=parsed.database,
        connect_timeout=CONNECT_TIMEOUT_S,
        application_name="TalentDesk",
    )
    try:
        connection = psycopg.connect(autocommit=True, **options)
    except psycopg.OperationalError as exc:
        raise ServerUnreachableError(describe(parsed), str(exc)) from exc
    connection.execute("SET default_transaction_read_only = on")  # from here on, reads only
    return connection
