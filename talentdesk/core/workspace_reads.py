"""The read side, as the Workspace offers it (a base class of `Workspace`): the window's read
connection (the local file's sqlite3 one, or a team database's), the read models over it, and
connections of their own for other threads."""

from __future__ import annotations

import contextlib
import functools
import sqlite3
import threading
from collections.abc import Iterator
from datetime import tzinfo
from typing import TYPE_CHECKING

from talentdesk.core.clock import Clock
from talentdesk.core.db.reader import ReadConnection, open_reader
from talentdesk.core.lists.fold_function import register_fold
from talentdesk.paths import AppPaths

if TYPE_CHECKING:
    from talentdesk.core.candidate_list import CandidateListing
    from talentdesk.core.db.migrate import Database
    from talentdesk.core.reads import ReadModel


class ReadServices:
    paths: AppPaths
    clock: Clock
    tz: tzinfo | None
    read_only: str | None
    _reader: sqlite3.Connection | None  # None on a team database
    _server_reader: ReadConnection | None
    _db: Database | None  # the write side, once loaded (the Workspace's)
    _reader_lock: threading.Lock

    @property
    def db(self) -> Database:
        raise NotImplementedError  # the Workspace's

    @property
    def reader(self) -> ReadConnection:
        """The window's read connection: the local file's, or a team database's (opened on
        first use: core/db/server_reader.py)."""
        if self._reader is not None:
            return self._reader
        with self._reader_lock:
            if self._server_reader is None:
                self._server_reader = self._open_reader()
            return self._server_reader

    def _server_user(self, server: ReadConnection) -> int | None:
        """This workspace's user on a team database: the write side's once loaded; before
        that (the first paint, on the GUI thread) looked up by name on the reader, so the
        window never loads the write side to read (None: a name not added yet owns nothing)."""
        db = self._db
        if db is not None:
            return db.sessions.user_id
        from talentdesk.core.errors import ValidationError
        from talentdesk.core.users.choice import wanted_name
        from talentdesk.core.users.names import checked_name

        try:
            name = checked_name(wanted_name())
        except ValidationError:
            return None
        row = server.execute(
            "SELECT id FROM app_user WHERE lower(name) = lower(?) ORDER BY id LIMIT 1", [name]
        ).fetchone()
        return None if row is None else int(row[0])

    def _open_reader(self) -> ReadConnection:
        """A read connection of its own: the local file's, or the team database's."""
        if self.paths.database_url is not None:
            from talentdesk.core.db.server_reader import open_server_reader

            server = open_server_reader(self.paths.database_url)
            server.current_user = lambda: self._server_user(server)
            return server
        reader = open_reader(self.paths.database, self.read_only is not None)
        register_fold(reader)
        return reader

    @functools.cached_property
    def reads(self) -> ReadModel:
        """Pool counts, losing touch, the reminders overview (loaded when first used)."""
        from talentdesk.core.reads import ReadModel

        return ReadModel(self.reader, self.clock, self.tz)

    @functools.cached_property
    def listing(self) -> CandidateListing:
        """The candidate list's ids and rows (loaded when first used: `talentdesk info` and
        `due` start without its search and filter modules)."""
        from talentdesk.core.candidate_list import CandidateListing

        return CandidateListing(self.reader, self.clock)

    @contextlib.contextmanager
    def own_listing(self) -> Iterator[CandidateListing]:
        """A listing over a reader connection of its own, for another thread (the rest of a
        long list's ids); use it on the thread that opened it. Closed on leaving."""
        from talentdesk.core.candidate_list import CandidateListing

        reader = self._open_reader()
        try:
            yield CandidateListing(reader, self.clock)
        finally:
            reader.close()

    @contextlib.contextmanager
    def own_reader(self) -> Iterator[ReadConnection]:
        """A reader connection of its own (the local file's or the team database's), for
        another thread (an export); use it on the thread that opened it. Closed on leaving."""
        reader = self._open_reader()
        try:
            yield reader
        finally:
            reader.close()

    @contextlib.contextmanager
    def own_reads(self) -> Iterator[ReadModel]:
        """`reads` over a reader connection of its own, for another thread (exact counts over
        a million reminders); use it on the thread that opened it. Closed on leaving."""
        from talentdesk.core.reads import ReadModel

        reader = self._open_reader()
        try:
            yield ReadModel(reader, self.clock, self.tz)
        finally:
            reader.close()
