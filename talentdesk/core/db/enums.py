"""The closed vocabularies of the model. Values are what the database stores; labels are shown."""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Seniority(LabelledEnum):
    JUNIOR = "junior"
    MID = "mid"
    SENIOR = "senior"
    LEAD = "lead"
    PRINCIPAL = "principal"
    EXECUTIVE = "executive"


class CandidateStatus(LabelledEnum):
    ACTIVE = "active"
    PASSIVE = "passive"
    PLACED = "placed"
    DO_NOT_CONTACT = "do_not_contact"

    @property
    def label(self) -> str:
        return "Do not contact" if self is CandidateStatus.DO_NOT_CONTACT else super().label


class RelationshipKind(LabelledEnum):
    NONE = "none"
    REFERRED_BY = "referred_by"
    FORMER_COLLEAGUE = "former_colleague"
    MET_AT_EVENT = "met_at_event"


class TagCategory(LabelledEnum):
    SKILL = "skill"
    INDUSTRY = "industry"
    LOCATION = "location"
    SENIORITY = "seniority"
    CUSTOM = "custom"


class InteractionKind(LabelledEnum):
    EMAIL_OUT = "email_out"
    EMAIL_IN = "email_in"
    CALL = "call"
    MEETING = "meeting"
    MESSAGE = "message"
    NOTE = "note"
    FEEDBACK = "feedback"

    @property
    def label(self) -> str:
        return {"email_out": "E-mail sent", "email_in": "E-mail received"}.get(
            self.value, super().label
        )


# A note is the recruiter's own memo, not a touchpoint with the candidate.
CONTACT_KINDS = frozenset(InteractionKind) - {InteractionKind.NOTE}


class ReminderOrigin(LabelledEnum):
    """Who made a reminder: the recruiter, or TalentDesk for a reason it states."""

    MANUAL = "manual"
    CADENCE = "cadence"  # keep-in-touch cadence of a pool
    BIRTHDAY = "birthday"
    FEEDBACK = "feedback"  # close the loop after a rejection or a long interview stage


class ReminderKind(LabelledEnum):
    FOLLOW_UP = "follow_up"
    CHECK_IN = "check_in"
    BIRTHDAY = "birthday"
    FEEDBACK_OWED = "feedback_owed"
    CONSENT_RENEWAL = "consent_renewal"
    CUSTOM = "custom"

    @property
    def label(self) -> str:
        return "Follow-up" if self is ReminderKind.FOLLOW_UP else super().label


class LegalBasis(LabelledEnum):
    CONSENT = "consent"
    LEGITIMATE_INTEREST = "legitimate_interest"
    CONTRACT = "contract"


class ConsentStatus(LabelledEnum):
    PENDING = "pending"
    GIVEN = "given"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class VacancyStatus(LabelledEnum):
    OPEN = "open"
    ON_HOLD = "on_hold"
    FILLED = "filled"
    CLOSED = "closed"


DEFAULT_STAGES: tuple[str, ...] = (
    "Sourced",
    "Contacted",
    "Engaged",
    "Interviewing",
    "Offer",
    "Hired",
    "Not a fit",
    "Declined",
    "Withdrawn",
)


class OutboxStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"  # committed before the hand-over to SMTP: after a crash, "unknown"
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"  # may or may not have been delivered: the user decides, never resent
