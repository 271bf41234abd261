"""The retention policy and its "due for deletion" list, and a person's data on request, as
the workspace's services. Their reads use a connection of their own (any thread but the
GUI's); their writes are on the write path."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.reader import ReadConnection, open_reader
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.files import check_output_path
from talentdesk.core.ops.changes import Changes
from talentdesk.core.privacy import audit
from talentdesk.core.privacy.access_export import ExportResult, export_person
from talentdesk.core.privacy.retention import DueRow, due_for_deletion
from talentdesk.core.privacy.retention_policy import RetentionPolicy, read_policy, write_policy
from talentdesk.paths import AppPaths


def local_reader(database: Path, read_only: bool = False) -> Callable[[], ReadConnection]:
    """Opens a read connection of its own on the local file."""
    return lambda: open_reader(database, read_only)


class Retention:
    def __init__(
        self,
        sessions: Sessions,
        database: Path | Callable[[], ReadConnection],
        clock: Clock = utcnow,
        read_only: bool = False,
    ) -> None:
        """`database`: the local file, or what opens a read connection of its own (either
        backend: the workspace's)."""
        self._sessions = sessions
        self._open = database if callable(database) else local_reader(database, read_only)
        self._clock = clock
        self._read_only = read_only

    def policy(self) -> RetentionPolicy:
        conn = self._open()
        try:
            return read_policy(conn)
        finally:
            conn.close()

    @writes("saving the retention policy")
    def set_policy(self, policy: RetentionPolicy) -> None:
        with self._sessions.begin() as session:
            write_policy(session, policy)
            self._sessions.changed(Changes(settings=True))

    def due(self) -> list[DueRow]:
        """Everyone due for deletion now, the longest overdue first."""
        conn = self._open()
        try:
            return due_for_deletion(conn, self._clock())
        finally:
            conn.close()


class SubjectAccess:
    def __init__(
        self,
        log: audit.AuditLog,
        paths: AppPaths,
        clock: Clock = utcnow,
        read_only: bool = False,
        open_read: Callable[[], ReadConnection] | None = None,
    ) -> None:
        self._log = log
        self._paths = paths
        self._clock = clock
        self._read_only = read_only
        self._open = open_read or local_reader(paths.database, read_only)

    def write(self, candidate_id: int, dest: Path) -> ExportResult:
        """The zip alone (the window records the export as an operation of its own).
        Refused, as any export, inside the data folder (core/files.py)."""
        target = check_output_path(dest, self._paths).target
        return export_person(self._open, candidate_id, target, self._clock())

    def export(self, candidate_id: int, dest: Path) -> ExportResult:
        """The zip, and its audit entry (when the database can be written)."""
        result = self.write(candidate_id, dest)
        if not self._read_only:
            self.record(result)
        return result

    def record(self, result: ExportResult) -> None:
        self._log.record(audit.EXPORT, 1, export_detail(result))


def export_detail(result: ExportResult) -> str:
    """What the audit log says of an export: how much, never whose."""
    return f"one person's data: {result.rows} rows from {result.tables} tables"
