"""One open data folder: the reader connection the window's lists use, the one write path,
and the services. Built once per process (the core façade, like Anki's `Collection`).

An up-to-date database opens with the standard library alone; SQLAlchemy, Alembic and the
services are loaded on first use (or by `warm_up` in the background), so the window shows its
first page without waiting for them.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import tzinfo
from typing import TYPE_CHECKING, TypeVar

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.access import why_read_only
from talentdesk.core.db.preflight import inspect_file, schema_head
from talentdesk.core.db.reader import ReadConnection, open_reader
from talentdesk.core.errors import DataDirNotWritableError
from talentdesk.core.lists.fold_function import register_fold
from talentdesk.core.workspace_duplicates import DuplicateServices
from talentdesk.core.workspace_imports import ImportServices
from talentdesk.core.workspace_privacy import PrivacyServices
from talentdesk.core.workspace_reads import ReadServices
from talentdesk.core.workspace_search import SearchServices
from talentdesk.core.workspace_team import TeamServices
from talentdesk.core.workspace_users import UserServices
from talentdesk.paths import AppPaths

S = TypeVar("S")

if TYPE_CHECKING:
    from talentdesk.core.bulk.service import BulkService
    from talentdesk.core.db.migrate import Database
    from talentdesk.core.lists.saved import SavedListReads
    from talentdesk.core.lists.service import SavedLists
    from talentdesk.core.mail.accounts import MailAccounts
    from talentdesk.core.mail.imap.service import MailSync
    from talentdesk.core.mail.outbox import Outbox, TemplateLibrary
    from talentdesk.core.metrics import MetricsService
    from talentdesk.core.ops.writer import Waiting, Writer
    from talentdesk.core.reminders.generated import RefreshSummary
    from talentdesk.core.services.candidates import CandidateService
    from talentdesk.core.services.interactions import InteractionService
    from talentdesk.core.services.pools import PoolService
    from talentdesk.core.services.reminders import ReminderService
    from talentdesk.core.settings import AppSettings
    from talentdesk.core.stages import StageService
    from talentdesk.core.vacancies.close import ClosingService
    from talentdesk.core.vacancies.matching import Matcher
    from talentdesk.core.vacancies.service import VacancyService


class Workspace(
    ReadServices,
    PrivacyServices,
    ImportServices,
    SearchServices,
    DuplicateServices,
    TeamServices,
    UserServices,
):
    def __init__(
        self,
        paths: AppPaths,
        reader: sqlite3.Connection | None,
        clock: Clock,
        tz: tzinfo | None,
        *,
        read_only: str | None = None,
        max_wait_s: float | None = None,
        on_wait: Callable[[Waiting | None], None] | None = None,
    ) -> None:
        self.paths = paths
        self.clock = clock
        self.tz = tz
        self._reader = reader  # None on a team database (workspace_server.py)
        self._server_reader: ReadConnection | None = None  # a team database's, when opened
        # Why the database cannot be written (None: it can): shown, and writes refused.
        self.read_only = read_only
        self._max_wait_s = max_wait_s
        self._on_wait = on_wait
        if reader is not None:
            register_fold(reader)  # what the search filters compare through, before they load
        self._lock = threading.Lock()
        self._reader_lock = threading.Lock()  # (a service made under _lock may open the reader)
        self._db: Database | None = None
        self._services: dict[type, object] = {}
        self._when_loaded: list[Callable[[Database], None]] = []

    @classmethod
    def open(
        cls,
        paths: AppPaths,
        clock: Clock = utcnow,
        tz: tzinfo | None = None,
        *,
        max_wait_s: float | None = None,
        on_wait: Callable[[Waiting | None], None] | None = None,
    ) -> Workspace:
        """Create the folders; open the database, creating or upgrading it when needed, or
        read-only when it cannot be written. `max_wait_s`: how long a write waits for another
        process (None: until cancelled; the command line sets a limit); `on_wait` hears when
        a write starts and stops waiting.

        Raises a TalentDeskError (folder not writable, not a database, too new) and leaves
        every file as it was.
        """
        read_only = _ensure_folders(paths)
        if paths.database_url is not None:  # team mode: the database is on a server
            from talentdesk.core import workspace_server

            workspace_server.prepare(paths)
            return cls(paths, None, clock, tz, max_wait_s=max_wait_s, on_wait=on_wait)
        if read_only is None and paths.database.exists():
            read_only = why_read_only(paths.database)
        reader = _reader_after_checks(paths, clock, read_only)
        return cls(
            paths, reader, clock, tz, read_only=read_only, max_wait_s=max_wait_s, on_wait=on_wait
        )

    # -- the write side, loaded on first use ----------------------------------------------
    @property
    def db(self) -> Database:
        with self._lock:
            if self._db is None:
                db = self._open_database()
                try:  # the server may go away here too: then it is all loaded again later
                    self._find_user(db)
                except BaseException:
                    db.close()
                    raise
                self._db = db
                if self._on_wait is not None:
                    self._db.writer.add_wait_listener(self._on_wait)
                for callback in self._when_loaded:
                    callback(self._db)
                self._when_loaded.clear()
            return self._db

    def _open_database(self) -> Database:
        if self.paths.database_url is not None:  # team mode
            from talentdesk.core import workspace_server

            return workspace_server.open_database(self.paths, self._max_wait_s)
        from talentdesk.core.db.migrate import open_database

        return open_database(
            self.paths.database,
            self.paths.backups,
            self.clock,
            read_only=self.read_only,
            max_wait_s=self._max_wait_s,
        )

    def when_loaded(self, callback: Callable[[Database], None]) -> None:
        """Call `callback(db)` once the write side is loaded (at once if it is), on the
        thread that loads it."""
        with self._lock:
            db = self._db
            if db is None:
                self._when_loaded.append(callback)
                return
        callback(db)

    @property
    def writer(self) -> Writer:
        """The one write path: every write is an operation queued here."""
        return self.db.writer

    def _service(self, kind: type[S], make: Callable[[Database], S]) -> S:
        """The one `kind` of this workspace, made (with the write side) when first asked for."""
        db = self.db
        with self._lock:
            service = self._services.get(kind)
            if not isinstance(service, kind):
                service = self._services[kind] = make(db)
            return service

    @property
    def candidates(self) -> CandidateService:
        from talentdesk.core.services.candidates import CandidateService

        # Local time for birthdays (and recurrence, below).
        return self._service(
            CandidateService, lambda db: CandidateService(db.sessions, self.clock, self.tz)
        )

    @property
    def pools(self) -> PoolService:
        from talentdesk.core.services.pools import PoolService

        return self._service(PoolService, lambda db: PoolService(db.sessions, self.clock))

    @property
    def bulk(self) -> BulkService:
        """Bulk actions on many candidates, each undoable (core/bulk)."""
        from talentdesk.core.bulk.service import BulkService

        return self._service(BulkService, lambda db: BulkService(db.sessions, self.clock, self.tz))

    @property
    def matcher(self) -> Matcher:
        """Who fits a vacancy, explained (core/vacancies/matching.py)."""
        from talentdesk.core.vacancies.matching import Matcher

        return self._service(Matcher, lambda db: Matcher(db.sessions, self.clock))

    @property
    def interactions(self) -> InteractionService:
        from talentdesk.core.services.interactions import InteractionService

        return self._service(
            InteractionService, lambda db: InteractionService(db.sessions, self.clock)
        )

    @property
    def reminders(self) -> ReminderService:
        from talentdesk.core.services.reminders import ReminderService

        return self._service(
            ReminderService, lambda db: ReminderService(db.sessions, self.clock, self.tz)
        )

    @property
    def vacancies(self) -> VacancyService:
        from talentdesk.core.vacancies.service import VacancyService

        return self._service(
            VacancyService, lambda db: VacancyService(db.sessions, self.clock, self.tz)
        )

    @property
    def stages(self) -> StageService:
        from talentdesk.core.stages import StageService

        return self._service(
            StageService, lambda db: StageService(db.sessions, self.clock, self.tz)
        )

    @property
    def lists(self) -> SavedLists:
        """Saved smart lists (core/lists/service.py); their reads use the reader's thread."""
        from talentdesk.core.lists.service import SavedLists

        return self._service(
            SavedLists, lambda db: SavedLists(db.sessions, self.reader, self.clock)
        )

    @property
    def saved_lists(self) -> SavedListReads:
        """The saved lists, read only: no write side loaded (what `talentdesk lists` uses)."""
        from talentdesk.core.lists.saved import SavedListReads

        return SavedListReads(self.reader, self.clock)

    @property
    def closing(self) -> ClosingService:
        """Closing a vacancy (outcomes, near fits, status) and reopening it."""
        from talentdesk.core.vacancies.close import ClosingService

        return self._service(
            ClosingService, lambda db: ClosingService(db.sessions, self.clock, self.tz)
        )

    @property
    def mail_sync(self) -> MailSync:
        """The IMAP account, "Test connection" and reading replies (core/mail/imap)."""
        from talentdesk.core.mail.imap.service import MailSync

        return self._service(MailSync, lambda db: MailSync(db.sessions, self.clock))

    @property
    def metrics(self) -> MetricsService:
        """Engagement metrics (core/metrics): each figure a call of its own, on a read
        connection of its own; no write side needed."""
        from talentdesk.core.metrics import MetricsService

        url, path, read_only = self.paths.database_url, self.paths.database, self.read_only
        if url is not None:  # team mode: a connection to the server database (core/metrics/dialect)
            from talentdesk.core.db.server_reader import open_server_reader

            return MetricsService(lambda: open_server_reader(url), self.clock)
        from talentdesk.core.db.reader import open_reader

        return MetricsService(lambda: open_reader(path, read_only is not None), self.clock)

    # -- what the window asks of the core besides the services (it never holds the database) --
    def outbox(self) -> Outbox:
        from talentdesk.core.mail.outbox import Outbox

        return Outbox(self.db.sessions, self.clock)

    def mail_accounts(self) -> MailAccounts:
        """This workspace's user's SMTP account (each recruiter's own on a team database)."""
        from talentdesk.core.mail.accounts import MailAccounts

        return MailAccounts(self.db.sessions)

    def templates(self) -> TemplateLibrary:
        from talentdesk.core.mail.outbox import TemplateLibrary

        return TemplateLibrary(self.db.sessions, self.clock)

    def settings_store(self) -> AppSettings:
        from talentdesk.core.settings import AppSettings

        return AppSettings(self.db.sessions)

    def refresh_generated_reminders(self) -> RefreshSummary:
        from talentdesk.core.reminders import generated

        return generated.refresh(self.db, self.clock(), self.tz)

    def warm_up(self) -> None:
        """Load the write side, and the search machinery, now (meant for a background thread
        once the window is up)."""
        _ = (self.candidates, self.pools, self.interactions, self.reminders, self.vacancies)
        from sqlalchemy.orm import configure_mappers

        # Else the first ORM read (opening a role, say) pays for it on the GUI thread: ~0.3 s.
        configure_mappers()
        # And the searches' machinery, which the window's start leaves out: else the first
        # keystroke in the search box imports it on the GUI thread (~35 ms).
        from talentdesk.core import first_screen  # noqa: F401
        from talentdesk.core.lists import describe, hints, query  # noqa: F401

    def close(self) -> None:
        """Finish the writes queued, then close every connection."""
        self.close_listeners()  # team mode's (workspace_team.py)
        if self._db is not None:
            self._db.close()
        if self._reader is not None:
            self._reader.close()
        if self._server_reader is not None:
            self._server_reader.close()


def _ensure_folders(paths: AppPaths) -> str | None:
    """Create the folders; a folder that cannot be written but holds a database opens it
    read-only (the reason is returned)."""
    try:
        paths.ensure()
    except DataDirNotWritableError as exc:
        if not paths.database.is_file():
            raise
        return why_read_only(paths.database) or f"its folder {paths.data_dir} is read-only ({exc})"
    return None


def _reader_after_checks(
    paths: AppPaths, clock: Clock, read_only: str | None
) -> sqlite3.Connection:
    """The reader, once the file is known to be a TalentDesk database at the current schema."""
    revision = inspect_file(paths.database)
    if revision != schema_head():
        if read_only is not None:
            from talentdesk.core.diagnose import ReadOnlyError

            raise ReadOnlyError(f"{read_only}, and it needs upgrading to this version's schema")
        from talentdesk.core.db.migrate import open_database  # create or upgrade: needs Alembic

        open_database(paths.database, paths.backups, clock).close()
    return open_reader(paths.database, read_only is not None)
