"""An import into a team database (PostgreSQL): the two phases of csvio/importer.py, with the
database's part of the first one read from a local copy (csvio/server_mirror.py).

1. Off the write path: one read-only REPEATABLE READ snapshot of the server fills the mirror;
   every row is read, validated and decided against it and staged, as on a file.
2. One operation on the write path, one server transaction: the tables the decisions depend on
   are locked against other writers (SHARE ROW EXCLUSIVE: colleagues read on, and their saves
   wait until the import commits, as on a file their writes wait for its write lock). If the
   mirrored tables' fingerprint (row counts and hashes, computed on the server) is what it
   was at the snapshot, the decisions stand, as on a file when `data_version` is unchanged.
   Otherwise the mirror is filled again from the writer's own connection and the decisions
   are checked against it (`move.still_holds`); if one no longer holds, the rows are decided
   again there.
   Then the staged rows go in (csvio/server_move.py). A failure or a cancel rolls the whole
   transaction back: the server is left as it was.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import Connection, String
from sqlalchemy.orm import Session

from talentdesk.core.csvio.bulk import key_functions
from talentdesk.core.csvio.decide import Plan
from talentdesk.core.csvio.import_record import ImportSource
from talentdesk.core.csvio.importer import _Import
from talentdesk.core.csvio.move import still_holds
from talentdesk.core.csvio.report import ImportReport
from talentdesk.core.csvio.server_mirror import Mirror, fingerprint
from talentdesk.core.csvio.server_move import STAGE_DIALECT, move_to_server
from talentdesk.core.csvio.stage import StageFile, empty_stage, stage_folder
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.privacy.suppression import SuppressionList
from talentdesk.core.records import PLAIN_FIELDS

# What the decisions read (the mirror's tables) and the pools the rows may create: locked for
# the final step, in this order.
LOCKED = ("candidate", "candidate_email", "tag", "pool", "pool_stage")


class ServerImport(_Import):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.stage_dialect = STAGE_DIALECT
        self._mirror: Mirror  # set by the final step, for the move

    def checked(self) -> ImportReport:
        """A dry run: the first phase against a snapshot, staged in a temporary database only
        to check what the import would refuse (a value too long for the server)."""
        with Mirror(stage_folder(self.db.path), None) as mirror:
            self._snapshot(mirror)
            self._decide(mirror.begin(), stage=True)
            mirror.end()
            check_lengths(mirror.conn.cursor(), self.layout.header, self.options.mapping, True)
        return self.report

    def staged(self) -> ImportReport:
        with StageFile(self.db.path) as stage, Mirror(stage.path.parent, stage.path) as mirror:
            self._snapshot(mirror)
            plan = self._decide(mirror.begin())
            mirror.end()
            check_lengths(mirror.conn.cursor(), self.layout.header, self.options.mapping)
            self.db.writer.run(
                lambda: self._checked_move_in(mirror, plan),
                label=f"importing {self.path.name}",
                cancel=self.cancelled,
                announce=True,
            )
        return self.report

    def _snapshot(self, mirror: Mirror) -> None:
        """Fill the mirror (and read the erased people's keys) from one state of the server."""
        with self.db.engine.connect() as conn:
            conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                self._read(conn, mirror)

    def _read(self, conn: Connection, mirror: Mirror) -> None:
        self.suppression = SuppressionList.of_connection(conn)
        mirror.fill(conn.connection.driver_connection)

    def _checked_move_in(self, mirror: Mirror, plan: Plan) -> None:
        with self.db.sessions.begin() as session:
            conn = session.connection()
            conn.exec_driver_sql(f"LOCK TABLE {', '.join(LOCKED)} IN SHARE ROW EXCLUSIVE MODE")
            self._mirror = mirror
            raw = conn.connection.driver_connection
            if fingerprint(raw) == mirror.filled_from:  # nobody changed what was decided on
                self._moved(session, plan)
                return
            self._read(conn, mirror)
            cur = mirror.begin()
            try:
                if not still_holds(cur, self.options, plan):
                    # Someone changed what the decisions depend on: decide again, now that
                    # nobody else can, into the emptied stage.
                    empty_stage(cur)
                    try:
                        plan = self._decide(cur, again=True)
                    finally:
                        key_functions(mirror.conn, on=False)
            finally:
                mirror.end()
            check_lengths(mirror.conn.cursor(), self.layout.header, self.options.mapping)
            self._moved(session, plan)

    def _move(self, session: Session, plan: Plan, source: ImportSource) -> int:
        return move_to_server(
            session,
            self._mirror.conn.cursor(),
            self.options,
            plan.stage_id,
            self.now,
            source,
            self.report,
            self.cancelled,
            self.db.sessions.user_id,
        )


def _length(table: Any, name: str) -> int | None:
    kind = table.c[name].type
    return kind.length if isinstance(kind, String) else None


def check_lengths(
    cur: sqlite3.Cursor, header: list[str], mapping: list[str], dry_run: bool = False
) -> None:
    """A team database holds a text column's declared length at most (a file holds any): a
    staged value longer than that is refused before anything is written, naming its row (by
    a dry run too: the import would be refused)."""
    from talentdesk.core.db.models import Candidate, CandidateEmail, Tag

    then = "The import would be refused. " if dry_run else "Nothing was imported. "

    named = {field: column for column, field in zip(header, mapping, strict=False)}
    checks = [("record", name, _length(Candidate.__table__, name)) for name in PLAIN_FIELDS]
    checks.append(("record_email", "email", _length(CandidateEmail.__table__, "email")))
    for table, name, length in checks:
        if length is None:
            continue
        found = cur.execute(
            f"SELECT r.row FROM stage.{table} x JOIN stage.record r USING (rid)"
            f" WHERE length(x.{name}) > ? ORDER BY r.row LIMIT 1",
            (length,),
        ).fetchone()
        if found is not None:
            raise TalentDeskError(
                f"Row {found[0]}, column “{named.get(name, name)}”: longer than the team"
                f" database takes ({length} characters).",
                then + "Shorten the value in the file and import it again.",
            )
    tag_length = _length(Tag.__table__, "name")
    long_tag = cur.execute(
        "SELECT name FROM stage.tag_ref WHERE length(name) > ? LIMIT 1", (tag_length,)
    ).fetchone()
    if long_tag is not None:
        raise TalentDeskError(
            f"The tag “{long_tag[0][:40]}…” is longer than the team database takes"
            f" ({tag_length} characters).",
            then + "Shorten it in the file and import it again.",
        )
