"""Renewing consent from a reply the mail sync matched (or one logged by hand): consent given
at the reply's time, ending as the settings say, with the reply as its evidence."""

from __future__ import annotations

from sqlalchemy import select

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.enums import ConsentPurpose, InteractionKind, LegalBasis
from talentdesk.core.db.models import Interaction
from talentdesk.core.db.models_privacy import Consent
from talentdesk.core.db.sessions import Sessions
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.privacy.consent_service import ConsentService


class ConsentRenewal:
    def __init__(self, sessions: Sessions, clock: Clock = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock
        self._consent = ConsentService(sessions, clock)

    def record_from_reply(self, interaction_id: int) -> int:
        """A yes in the e-mail `interaction_id` (an "E-mail received"): consent given then, for
        the purpose of their latest record (a talent pool when none); returns the new
        record's id. Its renewal reminder goes at once (the consent service sees to it)."""
        with self._sessions() as session:
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
            candidate_id, given_at = reply.candidate_id, min(reply.occurred_at, self._clock())
            purpose = latest.purpose if latest else ConsentPurpose.TALENT_POOL
            vacancy_id = latest.vacancy_id if latest else None
            source = latest.source if latest else None
            notice_sent_at = latest.notice_sent_at if latest else None
        return self._consent.record(
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
