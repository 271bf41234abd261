"""Renewing consent from a reply the mail sync matched (or one logged by hand): a new consent
record, given at the reply's time and ending after the default term, with the reply as its
evidence. It stands until the consent service (`ws.consent`) records renewals itself; then
this should call it."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Connection, select

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.enums import ConsentPurpose, ConsentStatus, InteractionKind, LegalBasis
from talentdesk.core.db.models import Interaction
from talentdesk.core.db.models_privacy import AuditEntry, Consent
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.reminders import generated

# How long consent given in a reply lasts: the CNIL's two years for a talent pool.
DEFAULT_TERM = timedelta(days=730)


class ConsentRenewal:
    def __init__(self, sessions: Sessions, clock: Clock = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    @writes("recording consent from a reply")
    def record_from_reply(self, interaction_id: int) -> int:
        """A yes in the e-mail `interaction_id` (an "E-mail received"): consent given then, for
        the purpose of their latest record (a talent pool when none); returns the new
        record's id. Its renewal reminder goes at once."""
        now = self._clock()
        with self._sessions.begin() as session:
            reply = session.get(Interaction, interaction_id)
            if reply is None:
                raise NotFoundError("This e-mail is no longer on the timeline.")
            if reply.kind is not InteractionKind.EMAIL_IN:
                raise ValidationError({"interaction": "consent is recorded from a reply received"})
            latest = session.scalar(
                select(Consent)
                .where(Consent.candidate_id == reply.candidate_id)
                .order_by(Consent.id.desc())
                .limit(1)
            )
            given_at = min(reply.occurred_at, now)
            record = Consent(
                candidate_id=reply.candidate_id,
                legal_basis=LegalBasis.CONSENT,
                status=ConsentStatus.GIVEN,
                purpose=latest.purpose if latest else ConsentPurpose.TALENT_POOL,
                vacancy_id=latest.vacancy_id if latest else None,
                given_at=given_at,
                source=latest.source if latest else None,
                evidence=f"e-mail reply of {given_at:%Y-%m-%d}",
                evidence_interaction_id=reply.id,
                expires_at=given_at + DEFAULT_TERM,
                notice_sent_at=latest.notice_sent_at if latest else None,
                created_at=now,
            )
            session.add(record)
            session.add(AuditEntry(occurred_at=now, kind="consent", detail="given in a reply"))
            session.flush()
            refresh(session.connection(), reply.candidate_id, now)
            self._sessions.changed(
                Changes.of([reply.candidate_id], candidate_list=True, reminders=True)
            )
            return record.id


def refresh(connection: Connection, candidate_id: int, now: datetime) -> None:
    """The person's generated reminders after their consent changed (renewal, notice)."""
    generated.refresh_in(connection, now, None, candidate_ids=[candidate_id])
