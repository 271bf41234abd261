"""One open data folder: the reader connection the window's lists use, and the services that
write. Built once per process.

An up-to-date database opens with the standard library alone; SQLAlchemy, Alembic and the
services are loaded on first use (or by `warm_up` in the background), so the window shows its
first page without waiting for them.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import tzinfo
from typing import TYPE_CHECKING

from talentdesk.core.candidate_list import CandidateListing
from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.preflight import inspect_file, schema_head
from talentdesk.core.db.reader import open_reader
from talentdesk.core.reads import ReadModel
from talentdesk.paths import AppPaths

if TYPE_CHECKING:
    from talentdesk.core.db.migrate import Database
    from talentdesk.core.services.candidates import CandidateService
    from talentdesk.core.services.interactions import InteractionService
    from talentdesk.core.services.pools import PoolService
    from talentdesk.core.services.reminders import ReminderService


class Workspace:
    def __init__(
        self, paths: AppPaths, reader: sqlite3.Connection, clock: Clock, tz: tzinfo | None
    ) -> None:
        self.paths = paths
        self.clock = clock
        self.tz = tz
        self.reader = reader
        self.listing = CandidateListing(reader, clock)
        self.reads = ReadModel(reader, clock, tz)
        self._lock = threading.Lock()
        self._db: Database | None = None
        self._services: dict[str, object] = {}

    @classmethod
    def open(cls, paths: AppPaths, clock: Clock = utcnow, tz: tzinfo | None = None) -> Workspace:
        """Create the folders; open the database, creating or upgrading it when needed.

        Raises a TalentDeskError (folder not writable, not a database, too new) and leaves
        every file as it was.
        """
        paths.ensure()
        ws = cls(paths, _reader_after_checks(paths, clock), clock, tz)
        return ws

    # -- the write side, loaded on first use ----------------------------------------------
    @property
    def db(self) -> Database:
        with self._lock:
            if self._db is None:
                from talentdesk.core.db.migrate import open_database

                self._db = open_database(self.paths.database, self.paths.backups, self.clock)
            return self._db

    def _service(self, name: str) -> object:
        db = self.db
        with self._lock:
            if name not in self._services:
                from talentdesk.core.services import candidates, interactions, pools, reminders

                factory = {
                    "candidates": candidates.CandidateService,
                    "pools": pools.PoolService,
                    "interactions": interactions.InteractionService,
                    "reminders": reminders.ReminderService,
                }[name]
                if name in ("reminders", "candidates"):  # local time: recurrence, birthdays
                    self._services[name] = factory(db.sessions, self.clock, self.tz)
                else:
                    self._services[name] = factory(db.sessions, self.clock)
            return self._services[name]

    @property
    def candidates(self) -> CandidateService:
        return self._service("candidates")  # type: ignore[return-value]

    @property
    def pools(self) -> PoolService:
        return self._service("pools")  # type: ignore[return-value]

    @property
    def interactions(self) -> InteractionService:
        return self._service("interactions")  # type: ignore[return-value]

    @property
    def reminders(self) -> ReminderService:
        return self._service("reminders")  # type: ignore[return-value]

    def warm_up(self) -> None:
        """Load the write side now (meant for a background thread once the window is up)."""
        for name in ("candidates", "pools", "interactions", "reminders"):
            self._service(name)

    def close(self) -> None:
        self.reader.close()
        if self._db is not None:
            self._db.close()


def _reader_after_checks(paths: AppPaths, clock: Clock) -> sqlite3.Connection:
    """The reader, once the file is known to be a TalentDesk database at the current schema."""
    if inspect_file(paths.database) != schema_head():
        from talentdesk.core.db.migrate import open_database  # create or upgrade: needs Alembic

        open_database(paths.database, paths.backups, clock).close()
    return open_reader(paths.database)
