"""Finding duplicates (a read, on a connection of its own) and dismissing a pair as two
different people (a write, undoable). Merging is core/duplicates/merge.py's."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, select

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.models import Candidate, DuplicateDismissal
from talentdesk.core.db.raw_sql import upsert_insert
from talentdesk.core.db.reader import ReadConnection, open_reader
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.duplicates.finding import Cancelled, Progress, find_duplicates
from talentdesk.core.duplicates.names import DEFAULT_THRESHOLD
from talentdesk.core.duplicates.records import DuplicateReport
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.ops.changes import Changes


@dataclass(frozen=True)
class Dismissed:
    """What `dismiss` did, for `undismiss` to take back (`new`: it was not dismissed before)."""

    first_id: int
    second_id: int
    new: bool


class DuplicateService:
    def __init__(
        self,
        sessions: Sessions,
        clock: Clock = utcnow,
        open_read: Callable[[], ReadConnection] | None = None,
    ) -> None:
        """`open_read`: opens a read connection of its own (a team database's too); the
        local file's by default."""
        self._sessions = sessions
        self._clock = clock
        self._open = open_read or (lambda: open_reader(sessions.database))

    def find(
        self,
        *,
        name_threshold: int = DEFAULT_THRESHOLD,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> DuplicateReport:
        """Every group of likely duplicates (see finding.py), read on a read connection of its
        own: call it from any thread but the GUI's; it never waits for the writer."""
        if not 50 <= name_threshold <= 100:
            raise ValidationError({"name_threshold": "from 50 to 100"})
        reader = self._open()
        try:
            return find_duplicates(
                reader, name_threshold=name_threshold, progress=progress, cancelled=cancelled
            )
        finally:
            reader.close()

    @writes("marking two candidates as different people")
    def dismiss(self, one: int, other: int) -> Dismissed:
        """Two candidates are different people: never list them as a pair again."""
        first, second = _ordered(one, other)
        with self._sessions.begin() as session:
            found = set(
                session.scalars(select(Candidate.id).where(Candidate.id.in_((first, second))))
            )
            missing = {first, second} - found
            if missing:
                raise NotFoundError(
                    f"Candidate {min(missing)} no longer exists (it may have been deleted)."
                )
            dialect = session.get_bind().dialect.name
            statement = (
                upsert_insert(dialect)(DuplicateDismissal)
                .values(first_id=first, second_id=second, dismissed_at=self._clock())
                .on_conflict_do_nothing()
            )
            if dialect == "sqlite":
                new = bool(session.execute(statement).rowcount)  # type: ignore[attr-defined]
            else:  # the server's ORM insert gives no row count to trust: the row, if written
                written = session.execute(statement.returning(DuplicateDismissal.first_id))
                new = written.first() is not None
            self._sessions.changed(Changes.of((first, second)))
            return Dismissed(first, second, new)

    @writes("listing two candidates as possible duplicates again")
    def undismiss(self, one: int, other: int) -> bool:
        """Take back `dismiss`: the pair may be listed again. False if it was not dismissed."""
        first, second = _ordered(one, other)
        with self._sessions.begin() as session:
            removed = session.execute(
                delete(DuplicateDismissal).where(
                    DuplicateDismissal.first_id == first, DuplicateDismissal.second_id == second
                )
            )
            self._sessions.changed(Changes.of((first, second)))
            return bool(removed.rowcount)  # type: ignore[attr-defined]

    def dismissed(self) -> list[tuple[int, int]]:
        """Every dismissed pair, lower id first."""
        with self._sessions() as session:
            rows = session.execute(
                select(DuplicateDismissal.first_id, DuplicateDismissal.second_id).order_by(
                    DuplicateDismissal.first_id, DuplicateDismissal.second_id
                )
            )
            return [(a, b) for a, b in rows]


def _ordered(one: int, other: int) -> tuple[int, int]:
    if one == other:
        raise ValidationError({"candidates": "a candidate cannot be a duplicate of themself"})
    return (one, other) if one < other else (other, one)
