"""Creating, reading, changing and deleting candidates (with an undo for deletes)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, delete, func, insert, or_, select, update
from sqlalchemy.orm import Session, selectinload, sessionmaker

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.enums import CandidateStatus, RelationshipKind, Seniority, TagCategory
from talentdesk.core.db.models import (
    Application,
    ApplicationStageChange,
    Candidate,
    CandidateEmail,
    Consent,
    Interaction,
    PoolMembership,
    Reminder,
    Tag,
    candidate_tag,
)
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.normalize import normalise_email, normalise_linkedin_url


@dataclass(frozen=True, order=True)
class TagRef:
    category: TagCategory
    name: str

    def __str__(self) -> str:
        return f"{self.name} ({self.category.label.lower()})"


@dataclass
class CandidateRecord:
    """A candidate's profile as plain data: what the form edits and the service stores."""

    first_name: str = ""
    last_name: str = ""
    email: str | None = None
    other_emails: list[str] = field(default_factory=list)
    phone: str | None = None
    city: str | None = None
    country: str | None = None
    title: str | None = None
    company: str | None = None
    seniority: Seniority | None = None
    industry: str | None = None
    linkedin_url: str | None = None
    source: str | None = None
    relationship_kind: RelationshipKind = RelationshipKind.NONE
    referred_by_id: int | None = None
    relationship_note: str | None = None
    status: CandidateStatus = CandidateStatus.PASSIVE
    motivators: str | None = None
    doubts: str | None = None
    competing_offers: str | None = None
    salary_min: Decimal | None = None
    salary_max: Decimal | None = None
    salary_currency: str | None = None
    notice_period: str | None = None
    available_from: date | None = None
    birthday: date | None = None
    notes: str | None = None
    tags: list[TagRef] = field(default_factory=list)
    # Filled in by the service, never written from the form.
    id: int | None = None
    referred_by_name: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    last_contact_at: datetime | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


# Profile columns copied one to one between the record and the ORM object.
_PLAIN_FIELDS = tuple(
    f.name
    for f in fields(CandidateRecord)
    if f.name
    not in {
        "other_emails",
        "tags",
        "id",
        "referred_by_name",
        "created_at",
        "updated_at",
        "last_contact_at",
    }
)


def _blank_to_none(value: Any) -> Any:
    if type(value) is str:  # not a StrEnum, which is a str too
        value = value.strip()
        return value or None
    return value


def validate(record: CandidateRecord, today: date) -> CandidateRecord:
    """A cleaned copy of `record`, or ValidationError naming every field that is wrong."""
    errors: dict[str, str] = {}
    clean = CandidateRecord(**{f.name: getattr(record, f.name) for f in fields(record)})
    for name in _PLAIN_FIELDS:
        setattr(clean, name, _blank_to_none(getattr(clean, name)))
    clean.first_name = (record.first_name or "").strip()
    clean.last_name = (record.last_name or "").strip()
    if not clean.first_name and not clean.last_name:
        errors["first_name"] = "a first or last name is needed"
    if clean.email:
        try:
            clean.email = normalise_email(clean.email)
        except ValueError as exc:
            errors["email"] = str(exc)
    others: list[str] = []
    for address in record.other_emails:
        if not address.strip():
            continue
        try:
            normalised = normalise_email(address)
        except ValueError as exc:
            errors["other_emails"] = f"{address.strip()}: {exc}"
            continue
        if normalised.lower() != (clean.email or "").lower() and normalised not in others:
            others.append(normalised)
    clean.other_emails = others
    if clean.linkedin_url:
        try:
            clean.linkedin_url = normalise_linkedin_url(clean.linkedin_url)
        except ValueError as exc:
            errors["linkedin_url"] = str(exc)
    for name in ("salary_min", "salary_max"):
        value = getattr(clean, name)
        if value is not None and value < 0:
            errors[name] = "cannot be negative"
    if (
        clean.salary_min is not None
        and clean.salary_max is not None
        and clean.salary_min > clean.salary_max
    ):
        errors["salary_max"] = "must not be below the minimum"
    if clean.salary_currency:
        clean.salary_currency = clean.salary_currency.upper()
        if len(clean.salary_currency) != 3 or not clean.salary_currency.isalpha():
            errors["salary_currency"] = "use a three-letter code such as EUR or PLN"
    if clean.birthday and clean.birthday > today:
        errors["birthday"] = "is in the future"
    if clean.relationship_kind is not RelationshipKind.REFERRED_BY:
        clean.referred_by_id = None
    clean.tags = sorted({TagRef(t.category, t.name.strip()) for t in record.tags if t.name.strip()})
    if errors:
        raise ValidationError(errors)
    return clean


@dataclass(frozen=True)
class DeletedCandidates:
    """Everything removed with some candidates, so that Undo can put it back as it was."""

    names: list[str]
    rows: list[tuple[Table, list[dict[str, Any]]]]
    referrals: list[tuple[int, int]]  # (candidate that was referred, referrer id)


# Parents before children, so restoring satisfies foreign keys.
_OWNED_TABLES: tuple[Table, ...] = (
    Candidate.__table__,  # type: ignore[assignment]
    CandidateEmail.__table__,  # type: ignore[assignment]
    candidate_tag,
    PoolMembership.__table__,  # type: ignore[assignment]
    Interaction.__table__,  # type: ignore[assignment]
    Reminder.__table__,  # type: ignore[assignment]
    Consent.__table__,  # type: ignore[assignment]
    Application.__table__,  # type: ignore[assignment]
)


class CandidateService:
    def __init__(self, sessions: sessionmaker[Session], clock: Clock = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

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
            return _to_record(candidate)

    def create(self, record: CandidateRecord) -> int:
        clean = validate(record, self._clock().date())
        with self._sessions.begin() as session:
            now = self._clock()
            candidate = Candidate(created_at=now, updated_at=now)
            _apply(session, candidate, clean)
            session.add(candidate)
            session.flush()
            return candidate.id

    def update(self, candidate_id: int, record: CandidateRecord) -> CandidateRecord:
        clean = validate(record, self._clock().date())
        with self._sessions.begin() as session:
            candidate = session.get(Candidate, candidate_id)
            if candidate is None:
                raise NotFoundError("This candidate was deleted before the changes were saved.")
            if clean.referred_by_id == candidate_id:
                raise ValidationError({"referred_by_id": "a candidate cannot refer themselves"})
            _apply(session, candidate, clean)
            candidate.updated_at = self._clock()
        return self.get(candidate_id)

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
                key = table.c.id if table is Candidate.__table__ else table.c.candidate_id
                found = session.execute(select(table).where(key.in_(candidate_ids)))
                rows.append((table, [dict(r._mapping) for r in found]))
            app_ids = [r["id"] for r in rows[-1][1]]
            history = ApplicationStageChange.__table__
            found = session.execute(
                select(history).where(history.c.application_id.in_(app_ids))  # type: ignore[attr-defined]
            )
            rows.append((history, [dict(r._mapping) for r in found]))  # type: ignore[arg-type]
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
            session.execute(delete(Candidate).where(Candidate.id.in_(candidate_ids)))
        return DeletedCandidates(names=names, rows=rows, referrals=referrals)

    def restore(self, deleted: DeletedCandidates) -> None:
        with self._sessions.begin() as session:
            for table, table_rows in deleted.rows:
                if table_rows:
                    session.execute(insert(table), table_rows)
            for candidate_id, referrer_id in deleted.referrals:
                session.execute(
                    update(Candidate)
                    .where(Candidate.id == candidate_id)
                    .values(referred_by_id=referrer_id)
                )

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


def _to_record(candidate: Candidate) -> CandidateRecord:
    record = CandidateRecord(**{name: getattr(candidate, name) for name in _PLAIN_FIELDS})
    record.id = candidate.id
    record.other_emails = [e.email for e in candidate.other_emails]
    record.tags = sorted(TagRef(t.category, t.name) for t in candidate.tags)
    record.referred_by_name = candidate.referred_by.full_name if candidate.referred_by else None
    record.created_at = candidate.created_at
    record.updated_at = candidate.updated_at
    record.last_contact_at = candidate.last_contact_at
    return record


def _apply(session: Session, candidate: Candidate, record: CandidateRecord) -> None:
    for name in _PLAIN_FIELDS:
        setattr(candidate, name, getattr(record, name))
    existing = {e.email: e for e in candidate.other_emails}
    candidate.other_emails = [
        existing.get(address) or CandidateEmail(email=address) for address in record.other_emails
    ]
    candidate.tags = [_tag(session, ref) for ref in record.tags]


def _tag(session: Session, ref: TagRef) -> Tag:
    found = session.scalar(
        select(Tag).where(Tag.category == ref.category, func.lower(Tag.name) == ref.name.lower())
    )
    if found is None:
        found = Tag(category=ref.category, name=ref.name)
        session.add(found)
    return found
