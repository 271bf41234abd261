"""Importing candidates from a CSV file, holding the write lock only for a short final step.

The same code makes the dry-run summary and the import, so what the summary promised is what
happens. An import runs in two phases:

1. Off the write path (on the caller's thread; nothing waits for it, and other writes go on
   meanwhile): every row is read, validated and decided in file order against one snapshot of
   the database, and what the import will write is staged in a private SQLite file
   (csvio/decide.py, csvio/stage.py). Memory stays flat however long the file: the keys met
   so far live in the stage too. A dry run stops here, having written nothing.
2. One operation on the write path (csvio/move.py) ATTACHes the stage, checks that nobody has
   changed what the decisions depend on, and moves the rows in with INSERT … SELECT, in one
   transaction: cancel, an error or the process dying leaves the database as it was. If the
   decisions no longer hold (someone added one of the file's people meanwhile), they are made
   again inside that operation, under the lock, so the result is always what an import made
   in one go at that moment would give.

The stage file is deleted when the import ends, however it ends. On a team database
(PostgreSQL) the same phases run with the server's part read from a local copy and the rows
moved in with COPY (csvio/server_import.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import Dialect
from sqlalchemy.orm import Session

from talentdesk.core.clock import Clock
from talentdesk.core.csvio.bulk import key_functions
from talentdesk.core.csvio.decide import (
    BATCH,
    CHECK_EVERY,
    ImportStoppedError,
    Plan,
    decide,
)
from talentdesk.core.csvio.import_record import ImportSource
from talentdesk.core.csvio.move import move_in, still_holds
from talentdesk.core.csvio.options import ImportOptions
from talentdesk.core.csvio.reader import CsvLayout
from talentdesk.core.csvio.report import ImportReport, RowProblem
from talentdesk.core.csvio.rows import _validated
from talentdesk.core.csvio.stage import Snapshot, StageFile, empty_stage
from talentdesk.core.db.migrate import Database
from talentdesk.core.diagnose import CancelledError, ReadOnlyError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.ops.long_work import no_full_collections
from talentdesk.core.privacy.suppression import SuppressionList

__all__ = [
    "BATCH",
    "CHECK_EVERY",
    "ImportReport",
    "ImportStoppedError",
    "RowProblem",
    "_validated",
    "run_import",
]

Progress = Callable[[int], None]
Cancelled = Callable[[], bool]


def run_import(
    db: Database,
    path: Path,
    layout: CsvLayout,
    options: ImportOptions,
    clock: Clock,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    """Import (or, with dry_run, only count) the rows of `path` read with `layout`: all of
    them, or (cancelled, stopped) none."""
    if not dry_run and db.read_only is not None:
        raise ReadOnlyError(db.read_only)
    if db.engine.dialect.name == "sqlite":
        job = _Import(db, path, layout, options, clock(), dry_run, progress, cancelled)
    else:  # a team database: the same phases, with a local copy to decide against
        from talentdesk.core.csvio.server_import import ServerImport

        job = ServerImport(db, path, layout, options, clock(), dry_run, progress, cancelled)
    try:
        with no_full_collections(True):
            report = job.checked() if dry_run else job.staged()
    except CancelledError:  # while reading, while waiting for the database, or moving in
        report = job.report
        report.cancelled = True
        report.created = report.updated = 0
    if progress is not None:
        progress(report.rows)
    return report


class _Import:
    def __init__(
        self,
        db: Database,
        path: Path,
        layout: CsvLayout,
        options: ImportOptions,
        now: datetime,
        dry_run: bool,
        progress: Progress | None,
        cancelled: Cancelled | None,
    ) -> None:
        self.db, self.path, self.layout, self.options = db, path, layout, options
        self.now = now
        self.progress, self.cancelled = progress, cancelled
        self.report = ImportReport(dry_run=dry_run, skipped_lines=len(layout.skipped))
        self.stage_dialect: Dialect = db.engine.dialect  # how values are staged
        self.suppression: SuppressionList | None = None  # None: read through the cursor

    def _decide(self, cur: sqlite3.Cursor, again: bool = False, stage: bool = False) -> Plan:
        """`stage`: a dry run stages its rows too."""
        if again:  # the rows are decided afresh: so are the counts and problems
            self.report.close()
            self.report = ImportReport(skipped_lines=len(self.layout.skipped))
        return decide(
            cur,
            self.stage_dialect,
            self.path,
            self.layout,
            self.options,
            self.report,
            self.now.date(),
            self.progress,
            self.cancelled,
            suppression=self.suppression,
            stage_dry_run=stage,
        )

    def checked(self) -> ImportReport:
        """A dry run: the first phase, staging nothing."""
        read_only = self.db.read_only is not None
        with Snapshot(self.db.path, None, read_only) as snapshot:
            self._decide(snapshot.begin())
        return self.report

    def staged(self) -> ImportReport:
        with StageFile(self.db.path) as stage, Snapshot(self.db.path, stage.path) as snapshot:
            plan = self._decide(snapshot.begin())
            snapshot.end()
            self.db.writer.run(
                lambda: self._checked_move(snapshot, plan),
                label=f"importing {self.path.name}",
                cancel=self.cancelled,
                announce=True,
                attach={"stage": stage.path},
            )
        return self.report

    def _checked_move(self, snapshot: Snapshot, plan: Plan) -> None:
        with self.db.sessions.begin() as session:
            if snapshot.changed():
                cur = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
                if not still_holds(cur, self.options, plan):
                    # Someone changed what the decisions depend on: decide again, now that
                    # nobody else can, into the emptied stage.
                    empty_stage(cur)
                    try:
                        plan = self._decide(cur, again=True)
                    finally:
                        key_functions(cur.connection, on=False)
            self._moved(session, plan)

    def _moved(self, session: Session, plan: Plan) -> None:
        if self.progress is not None:
            self.progress(self.report.rows)  # all read: the rows go in now
        source = ImportSource(
            self.path.name,
            self.options.preset,
            dict(zip(self.layout.header, self.options.mapping, strict=False)),
            self.options.pool_id,
        )
        self.report.import_id = self._move(session, plan, source)
        if self.report.created or self.report.updated:
            self.db.writer.note(Changes.everything())
        else:
            self.db.writer.note(Changes(imports=True))

    def _move(self, session: Session, plan: Plan, source: ImportSource) -> int:
        return move_in(
            session,
            self.db.engine.dialect,
            self.options,
            plan,
            self.now,
            source,
            self.report,
            self.cancelled,
            owner_id=self.db.sessions.user_id,
        )
