"""Creating, reading, changing and deleting candidates (with an undo for deletes)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo
from typing import Any

from sqlalchemy import Table, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session, selectinload

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.base import table_of
from talentdesk.core.db.candidate_versions import bump
from talentdesk.core.db.enums import TagCategory
from talentdesk.core.db.models import (
    Application,
    ApplicationStageChange,
    AppUser,
    Candidate,
    CandidateEmail,
    Consent,
    DuplicateDismissal,
    ImportPerson,
    Interaction,
    PoolMembership,
    Reminder,
    Tag,
    candidate_tag,
)
from talentdesk.core.db.raw_sql import upsert_insert
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.edit_conflict import EditConflictError
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.privacy import contactable
from talentdesk.core.records import PLAIN_FIELDS, CandidateRecord, TagRef, validate
from talentdesk.core.reminders import generated


@dataclass(frozen=True)
class DeletedCandidates:
    """Everything removed with some candidates, so that Undo can put it back as it was."""

    names: list[str]
    rows: list[tuple[Table, list[dict[str, Any]]]]
    referrals: list[tuple[int, int]]  # (candidate that was referred, referrer id)
    # Pairs marked "not duplicates" that involve them (lower id first).
    dismissals: list[tuple[int, int]] = field(default_factory=list)


# Parents before children, so restoring satisfies foreign keys.
_OWNED_TABLES: tuple[Table, ...] = (
    table_of(Candidate),
    table_of(CandidateEmail),
    candidate_tag,
    table_of(PoolMembership),
    table_of(Interaction),
    table_of(Reminder),
    table_of(Consent),
    table_of(ImportPerson),  # where they came from: the timeline's "Imported from"
    table_of(Application),
)


class CandidateService:
    def __init__(self, sessions: Sessions, clock: Clock = utcnow, tz: tzinfo | None = None) -> None:
        self._sessions = sessions
        self._clock = clock
        self._tz = tz  # birthdays fall due at the start of the working day, local time

    def get(self, candidate_id: int) -> CandidateRecord:
        with self._sessions() as session:
            candidate = session.get(
                Candidate,
                candidate_id,
                options=[
                    selectinload(Candidate.tags),
                    selectinload(Candidate.other_emails),
                    selectinload(Candidate.referred_by),
                ],
            )
            if candidate is None:
                raise NotFoundError("This candidate no longer exists.")
            record = to_record(candidate)
            record.owner_name = owner_name(session, candidate.owner_id)
            return record

    @writes("adding a candidate")
    def create(self, record: CandidateRecord) -> int:
        clean = validate(record, self._clock().date())
        with self._sessions.begin() as session:
            now = self._clock()
            candidate = Candidate(created_at=now, updated_at=now, owner_id=self._sessions.user_id)
            apply_record(session, candidate, clean)
            session.add(candidate)
            session.flush()
            self._sessions.changed(Changes.of([candidate.id], candidate_list=True))
            return candidate.id

    @writes("saving a candidate")
    def update(self, candidate_id: int, record: CandidateRecord) -> CandidateRecord:
        """Store `record` over the candidate. When it names a version (the one its form
        loaded) and someone saved since, nothing is written: EditConflictError says what
        differs (edit_conflict.resave saves over it knowingly)."""
        clean = validate(record, self._clock().date())
        with self._sessions.begin() as session:
            # Locked until the save ends (a server's other writers wait; SQLite's one writer
            # holds the file already): the version checked is the one written over.
            candidate = session.get(Candidate, candidate_id, with_for_update=True)
            if candidate is None:
                raise NotFoundError("This candidate was deleted before the changes were saved.")
            if clean.version is not None and candidate.version != clean.version:
                raise EditConflictError(to_record(candidate), clean)  # nothing written
            if clean.referred_by_id == candidate_id:
                raise ValidationError({"referred_by_id": "a candidate cannot refer themselves"})
            before = (candidate.birthday, candidate.status)
            apply_record(session, candidate, clean)
            candidate.updated_at = self._clock()
            session.flush()
            # A new birthday, or "do not contact", changes what TalentDesk reminds about them
            # (nothing else a save changes does: a save of other fields skips the work).
            cancelled = 0
            if (candidate.birthday, candidate.status) != before:
                generated.refresh_in(
                    session.connection(), self._clock(), self._tz, candidate_ids=[candidate_id]
                )
                # Do not contact: their queued e-mail is cancelled at once (the sender would too).
                cancelled = contactable.cancel_queued_in(session.connection(), [candidate_id])
            self._sessions.changed(
                Changes.of(
                    [candidate_id], candidate_list=True, pools=True, reminders=True,
                    mail=bool(cancelled),
                )
            )  # fmt: skip
        return self.get(candidate_id)

    @writes("deleting candidates")
    def delete(self, candidate_ids: list[int]) -> DeletedCandidates:
        """Delete candidates with everything they own; the result lets `restore` undo it."""
        with self._sessions.begin() as session:
            names = [
                f"{first} {last}".strip()
                for first, last in session.execute(
                    select(Candidate.first_name, Candidate.last_name).where(
                        Candidate.id.in_(candidate_ids)
                    )
                )
            ]
            rows: list[tuple[Table, list[dict[str, Any]]]] = []
            for table in _OWNED_TABLES:
                key = table.c.id if table is _OWNED_TABLES[0] else table.c.candidate_id
                found = session.execute(select(table).where(key.in_(candidate_ids)))
                rows.append((table, [dict(r._mapping) for r in found]))
            app_ids = [r["id"] for r in rows[-1][1]]
            history = table_of(ApplicationStageChange)
            found = session.execute(select(history).where(history.c.application_id.in_(app_ids)))
            rows.append((history, [dict(r._mapping) for r in found]))
            referrals = [
                (cid, ref)
                for cid, ref in session.execute(
                    select(Candidate.id, Candidate.referred_by_id).where(
                        Candidate.referred_by_id.in_(candidate_ids),
                        Candidate.id.not_in(candidate_ids),
                    )
                )
                if ref is not None
            ]
            dismissals = _dismissals_of(session, candidate_ids)
            session.execute(delete(Candidate).where(Candidate.id.in_(candidate_ids)))
            bump(session.connection(), [cid for cid, _ in referrals])  # "Referred by" emptied
            self._sessions.changed(_everything_about(candidate_ids))
        return DeletedCandidates(names, rows, referrals, dismissals)

    @writes("restoring candidates")
    def restore(self, deleted: DeletedCandidates) -> None:
        with self._sessions.begin() as session:
            for table, table_rows in deleted.rows:
                if table_rows:
                    # Without their places by name: the triggers give them keys afresh (the old
                    # ones may be someone else's by now, db/search_order.py).
                    rows = [{k: v for k, v in r.items() if k != "search_key"} for r in table_rows]
                    session.execute(insert(table), rows)
            for candidate_id, referrer_id in deleted.referrals:
                session.execute(
                    update(Candidate)
                    .where(Candidate.id == candidate_id)
                    .values(referred_by_id=referrer_id)
                )
            bump(session.connection(), [cid for cid, _ in deleted.referrals])
            _restore_dismissals(session, deleted.dismissals)
            ids = [row["id"] for row in deleted.rows[0][1]]
            self._sessions.changed(_everything_about(ids))

    def count(self) -> int:
        with self._sessions() as session:
            return session.scalar(select(func.count(Candidate.id))) or 0

    def find_by_name(self, text: str, limit: int = 20) -> list[tuple[int, str]]:
        """Candidates whose first or last name starts with `text`, for pickers."""
        pattern = text.strip() + "%"
        with self._sessions() as session:
            found = session.execute(
                select(Candidate.id, Candidate.first_name, Candidate.last_name)
                .where(or_(Candidate.first_name.ilike(pattern), Candidate.last_name.ilike(pattern)))
                .order_by(Candidate.first_name, Candidate.last_name)
                .limit(limit)
            )
            return [(cid, f"{first} {last}".strip()) for cid, first, last in found]

    def tag_names(self) -> list[TagRef]:
        with self._sessions() as session:
            found = session.execute(select(Tag.category, Tag.name).order_by(Tag.name))
            return [TagRef(category, name) for category, name in found]


def _everything_about(candidate_ids: list[int]) -> Changes:
    return Changes.of(candidate_ids, candidate_list=True, pools=True, reminders=True, mail=True)


def owner_name(session: Session, owner_id: int | None) -> str | None:
    """The owner's name when the database has several users (alone, everyone is one's own)."""
    if owner_id is None or (session.scalar(select(func.count()).select_from(AppUser)) or 0) < 2:
        return None
    return session.scalar(select(AppUser.name).where(AppUser.id == owner_id))


def to_record(candidate: Candidate) -> CandidateRecord:
    record = CandidateRecord(**{name: getattr(candidate, name) for name in PLAIN_FIELDS})
    record.id = candidate.id
    record.other_emails = [e.email for e in candidate.other_emails]
    record.tags = sorted(TagRef(t.category, t.name) for t in candidate.tags)
    record.referred_by_name = candidate.referred_by.full_name if candidate.referred_by else None
    record.created_at = candidate.created_at
    record.updated_at = candidate.updated_at
    record.last_contact_at = candidate.last_contact_at
    record.version = candidate.version
    return record


TagCache = dict[tuple[TagCategory, str], Tag]


def apply_record(
    session: Session, candidate: Candidate, record: CandidateRecord, tags: TagCache | None = None
) -> None:
    """Copy `record` onto `candidate`; `tags` remembers tags across many calls (imports)."""
    for name in PLAIN_FIELDS:
        setattr(candidate, name, getattr(record, name))
    existing = {e.email: e for e in candidate.other_emails}
    candidate.other_emails = [
        existing.get(address) or CandidateEmail(email=address) for address in record.other_emails
    ]
    cache: TagCache = {} if tags is None else tags
    candidate.tags = [tag_for(session, ref, cache) for ref in record.tags]


def tag_for(session: Session, ref: TagRef, cache: TagCache) -> Tag:
    key = (ref.category, ref.name.casefold())
    found = cache.get(key)
    if found is None:
        with session.no_autoflush:  # a lookup must not flush a half-built candidate
            found = session.scalar(
                select(Tag).where(
                    # SQLite's lower() folds ASCII only: fold both sides the same way, so
                    # "Łódź" finds "Łódź" and "java" finds "Java".
                    Tag.category == ref.category,
                    func.lower(Tag.name) == func.lower(ref.name),
                )
            )
        if found is None:
            found = Tag(category=ref.category, name=ref.name)
            session.add(found)
        cache[key] = found
    return found


def _dismissals_of(session: Session, ids: list[int]) -> list[tuple[int, int]]:
    found = session.execute(
        select(DuplicateDismissal.first_id, DuplicateDismissal.second_id).where(
            or_(DuplicateDismissal.first_id.in_(ids), DuplicateDismissal.second_id.in_(ids))
        )
    )
    return [(first, second) for first, second in found]


def _restore_dismissals(session: Session, pairs: list[tuple[int, int]]) -> None:
    """The pairs whose two people both exist again (the other may have been deleted since)."""
    if not pairs:
        return
    wanted = {i for pair in pairs for i in pair}
    present = set(session.scalars(select(Candidate.id).where(Candidate.id.in_(wanted))))
    rows = [{"first_id": a, "second_id": b} for a, b in pairs if a in present and b in present]
    if rows:
        dialect = session.get_bind().dialect.name
        if dialect == "sqlite":
            session.execute(insert(DuplicateDismissal).prefix_with("OR IGNORE"), rows)
        else:  # PostgreSQL's way of "OR IGNORE"
            ignore = upsert_insert(dialect)(DuplicateDismissal).on_conflict_do_nothing()
            session.execute(ignore, rows)
