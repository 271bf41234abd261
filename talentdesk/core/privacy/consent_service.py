"""`ws.consent`: recording, renewing and withdrawing a person's legal basis, the information
notice, and editing or deleting a record (undoable: each returns what puts it back).

Every change writes an audit entry (kind "consent") that says what was done and on which
basis, never to whom. In the same transaction the person's queued e-mail and generated
reminders follow the change (core/privacy/contactable.py): a withdrawal stops all mail to them
at once; a renewal clears the renewal reminder.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from talentdesk.core import settings
from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.enums import ConsentPurpose, ConsentStatus, InteractionKind, LegalBasis
from talentdesk.core.db.models import Candidate, Interaction, Vacancy
from talentdesk.core.db.models_privacy import AuditEntry, Consent
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.privacy.consent import (
    DEFAULT,
    ConsentRecord,
    ConsentSummary,
    Default,
    default_expiry,
)
from talentdesk.core.privacy.consent_state import days_left, state_of
from talentdesk.core.privacy.contactable import stop_contact_in
from talentdesk.core.services.modified import mark_modified

AUDIT_KIND = "consent"
_TEXT_LIMIT = 200  # source and evidence: the columns' length


class ConsentService:
    def __init__(self, sessions: Sessions, clock: Clock = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    # -- reading ------------------------------------------------------------------------------
    def summary(self, candidate_id: int) -> ConsentSummary:
        """The person's state, the latest record that decides it and every record."""
        with self._sessions() as session:
            rows = session.execute(
                select(Consent, Vacancy.title)
                .outerjoin(Vacancy, Vacancy.id == Consent.vacancy_id)
                .where(Consent.candidate_id == candidate_id)
                .order_by(Consent.id.desc())
            ).all()
            window = settings.read(session, settings.CONSENT_EXPIRING_DAYS)
        history = tuple(_record(row, title) for row, title in rows)
        latest = history[0] if history else None
        now = self._clock()
        status = None if latest is None else latest.status.value
        expires = None if latest is None else latest.expires_at
        return ConsentSummary(
            candidate_id,
            state_of(status, expires, now, window),
            days_left(expires, now),
            latest,
            history,
        )

    def default_expiry(
        self, basis: LegalBasis, given_at: datetime | None = None
    ) -> datetime | None:
        """When a basis given now (or at `given_at`) ends by the settings (None: no end)."""
        with self._sessions() as session:
            return default_expiry(session, basis, given_at or self._clock())

    # -- changes ------------------------------------------------------------------------------
    @writes("recording consent")
    def record(
        self,
        candidate_id: int,
        basis: LegalBasis,
        purpose: ConsentPurpose = ConsentPurpose.TALENT_POOL,
        *,
        vacancy_id: int | None = None,
        source: str | None = None,
        evidence: str | None = None,
        evidence_interaction_id: int | None = None,
        given_at: datetime | None = None,
        expires_at: datetime | Default | None = DEFAULT,
        notice_sent_at: datetime | None = None,
        note: str | None = None,
    ) -> int:
        """A new latest record, given (now unless said): the person's state follows it."""
        with self._sessions.begin() as session:
            given = given_at or self._clock()
            ends = default_expiry(session, basis, given) if expires_at is DEFAULT else expires_at
            record = ConsentRecord(
                0, candidate_id, basis, purpose, ConsentStatus.GIVEN, vacancy_id,
                source=source, evidence=evidence, evidence_interaction_id=evidence_interaction_id,
                given_at=given, expires_at=ends, notice_sent_at=notice_sent_at, note=note,
            )  # fmt: skip
            row = Consent(created_at=self._clock())
            _fill(row, _checked(session, record))
            session.add(row)
            session.flush()
            self._noted(session, candidate_id, f"given: {basis.value} / {purpose.value}")
            return row.id

    def record_from_reply(self, interaction_id: int) -> int:
        """A yes in the e-mail `interaction_id` (an "E-mail received", matched by the mail sync
        or logged): consent given then, ending as the settings say, with the reply as its
        evidence, for the purpose of their latest record (a talent pool when none)."""
        with self._sessions() as session:
            reply = session.get(Interaction, interaction_id)
            if reply is None:
                raise NotFoundError("This e-mail is no longer on the timeline.")
            if reply.kind is not InteractionKind.EMAIL_IN:
                raise ValidationError({"interaction": "consent is recorded from a reply received"})
            latest = _latest(session, reply.candidate_id)
            candidate_id, given_at = reply.candidate_id, min(reply.occurred_at, self._clock())
            purpose = latest.purpose if latest else ConsentPurpose.TALENT_POOL
            vacancy_id = latest.vacancy_id if latest else None
            source = latest.source if latest else None
            notice_sent_at = latest.notice_sent_at if latest else None
        return self.record(
            candidate_id,
            LegalBasis.CONSENT,
            purpose,
            vacancy_id=vacancy_id,
            source=source,
            evidence=f"e-mail reply of {given_at:%Y-%m-%d}",
            evidence_interaction_id=interaction_id,
            given_at=given_at,
            notice_sent_at=notice_sent_at,
        )

    @writes("renewing consent")
    def renew(
        self,
        candidate_id: int,
        *,
        evidence: str | None = None,
        evidence_interaction_id: int | None = None,
        given_at: datetime | None = None,
        expires_at: datetime | Default | None = DEFAULT,
    ) -> int:
        """A yes again: a new record on the latest one's basis and purpose, given now (unless
        said) and ending as the settings say; the information notice carries over."""
        with self._sessions.begin() as session:
            latest = _latest(session, candidate_id)
            if latest is None:
                raise ValidationError({"consent": "there is nothing to renew: record one first"})
            given = given_at or self._clock()
            ends = (
                default_expiry(session, latest.legal_basis, given)
                if expires_at is DEFAULT
                else expires_at
            )
            record = replace(
                _record(latest, None),
                status=ConsentStatus.GIVEN,
                evidence=evidence if evidence is not None else latest.evidence,
                evidence_interaction_id=evidence_interaction_id,
                given_at=given,
                expires_at=ends,
                withdrawn_at=None,
                note=None,
            )
            row = Consent(created_at=self._clock())
            _fill(row, _checked(session, record))
            session.add(row)
            session.flush()
            basis, purpose = latest.legal_basis.value, latest.purpose.value
            self._noted(session, candidate_id, f"renewed: {basis} / {purpose}")
            return row.id

    @writes("withdrawing consent")
    def withdraw(
        self, candidate_id: int, at: datetime | None = None, note: str | None = None
    ) -> int:
        """The latest record withdrawn (at now unless said); with no record, a withdrawn one
        on the basis of consent, so the refusal is on file. Returns the record's id."""
        when = at or self._clock()
        with self._sessions.begin() as session:
            if session.get(Candidate, candidate_id) is None:
                raise NotFoundError("This candidate no longer exists.")
            row = _latest(session, candidate_id)
            if row is None:
                row = Consent(
                    candidate_id=candidate_id,
                    legal_basis=LegalBasis.CONSENT,
                    purpose=ConsentPurpose.TALENT_POOL,
                    created_at=self._clock(),
                )
                session.add(row)
            if row.status is not ConsentStatus.WITHDRAWN:  # else: withdrawn already, then
                row.status = ConsentStatus.WITHDRAWN
                row.withdrawn_at = when
            if note:
                row.note = _joined(row.note, note.strip())
            session.flush()
            detail = f"withdrawn: {row.legal_basis.value} / {row.purpose.value}"
            self._noted(session, candidate_id, detail)
            return row.id

    @writes("noting the information notice")
    def mark_notice_sent(self, candidate_id: int, at: datetime | None = None) -> ConsentRecord:
        """The information notice sent (now unless said), on the latest record. Returns the
        record as it was, for undo (`edit` it back)."""
        with self._sessions.begin() as session:
            row = _latest(session, candidate_id)
            if row is None:
                raise ValidationError(
                    {"notice": "record the legal basis first: the notice names it"}
                )
            before = _record(row, None)
            row.notice_sent_at = at or self._clock()
            self._noted(session, candidate_id, "notice sent")
            return before

    @writes("editing a consent record")
    def edit(self, record: ConsentRecord) -> ConsentRecord:
        """Store `record` over the row with its id; returns the row as it was (for undo)."""
        with self._sessions.begin() as session:
            row = session.get(Consent, record.id)
            if row is None:
                raise NotFoundError("This consent record no longer exists.")
            before = _record(row, None)
            _fill(row, _checked(session, replace(record, candidate_id=row.candidate_id)))
            mark_modified(session, [row.candidate_id], self._clock())  # no dated row says so
            self._noted(session, row.candidate_id, f"edited: {row.legal_basis.value}")
            return before

    @writes("deleting a consent record")
    def delete(self, record_id: int) -> ConsentRecord:
        """Delete one record; returns it, for `restore`."""
        with self._sessions.begin() as session:
            row = session.get(Consent, record_id)
            if row is None:
                raise NotFoundError("This consent record no longer exists.")
            gone = _record(row, None)
            session.delete(row)
            mark_modified(session, [gone.candidate_id], self._clock())
            self._noted(session, gone.candidate_id, f"deleted: {gone.basis.value}")
            return gone

    @writes("restoring a consent record")
    def restore(self, record: ConsentRecord) -> int:
        """Put a deleted record back with its id (so the latest is the latest again)."""
        with self._sessions.begin() as session:
            if session.get(Consent, record.id) is not None:
                raise ValidationError({"consent": "this record is there already"})
            row = Consent(id=record.id, created_at=record.created_at or self._clock())
            _fill(row, _checked(session, record))
            session.add(row)
            session.flush()
            self._noted(session, record.candidate_id, f"restored: {record.basis.value}")
            return row.id

    def _noted(self, session: Session, candidate_id: int, detail: str) -> None:
        """The audit entry (no personal data: the detail names bases and purposes only); the
        person's queued mail and generated reminders follow their new state."""
        now = self._clock()
        session.add(AuditEntry(occurred_at=now, kind=AUDIT_KIND, count=1, detail=detail))
        session.flush()
        stop_contact_in(session.connection(), [candidate_id], now)
        self._sessions.changed(
            Changes.of([candidate_id], candidate_list=True, mail=True, reminders=True)
        )


def _latest(session: Session, candidate_id: int) -> Consent | None:
    return session.scalars(
        select(Consent)
        .where(Consent.candidate_id == candidate_id)
        .order_by(Consent.id.desc())
        .limit(1)
    ).first()


def _joined(before: str | None, more: str) -> str | None:
    return "\n".join(p for p in (before, more) if p) or None


def _clean(value: str | None, field: str, errors: dict[str, str]) -> str | None:
    text = (value or "").strip() or None
    if text is not None and len(text) > _TEXT_LIMIT:
        errors[field] = f"at most {_TEXT_LIMIT} characters"
    return text


def _checked(session: Session, record: ConsentRecord) -> ConsentRecord:
    """`record` trimmed, or a ValidationError saying what is wrong."""
    errors: dict[str, str] = {}
    if session.get(Candidate, record.candidate_id) is None:
        raise NotFoundError("This candidate no longer exists.")
    source = _clean(record.source, "source", errors)
    evidence = _clean(record.evidence, "evidence", errors)
    if record.purpose is ConsentPurpose.VACANCY:
        if record.vacancy_id is None:
            errors["vacancy"] = "choose the vacancy this consent is for"
        elif session.get(Vacancy, record.vacancy_id) is None:
            errors["vacancy"] = "this vacancy no longer exists"
    given, ends = record.given_at, record.expires_at
    if given is not None and ends is not None and ends <= given:
        errors["expires_at"] = "must be after the date it was given"
    if errors:
        raise ValidationError(errors)
    vacancy = record.vacancy_id if record.purpose is ConsentPurpose.VACANCY else None
    withdrawn = record.withdrawn_at if record.status is ConsentStatus.WITHDRAWN else None
    return replace(
        record,
        source=source,
        evidence=evidence,
        vacancy_id=vacancy,
        withdrawn_at=withdrawn,
        note=(record.note or "").strip() or None,
    )


def _fill(row: Consent, record: ConsentRecord) -> None:
    row.candidate_id = record.candidate_id
    row.legal_basis = record.basis
    row.purpose = record.purpose
    row.status = record.status
    row.vacancy_id = record.vacancy_id
    row.source = record.source
    row.evidence = record.evidence
    row.evidence_interaction_id = record.evidence_interaction_id
    row.given_at = record.given_at
    row.expires_at = record.expires_at
    row.withdrawn_at = record.withdrawn_at
    row.notice_sent_at = record.notice_sent_at
    row.note = record.note


def _record(row: Consent, vacancy_title: str | None) -> ConsentRecord:
    return ConsentRecord(
        id=row.id,
        candidate_id=row.candidate_id,
        basis=row.legal_basis,
        purpose=row.purpose,
        status=row.status,
        vacancy_id=row.vacancy_id,
        vacancy_title=vacancy_title,
        source=row.source,
        evidence=row.evidence,
        evidence_interaction_id=row.evidence_interaction_id,
        given_at=row.given_at,
        expires_at=row.expires_at,
        withdrawn_at=row.withdrawn_at,
        notice_sent_at=row.notice_sent_at,
        note=row.note,
        created_at=row.created_at,
    )
