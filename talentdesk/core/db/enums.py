"""The closed vocabularies of the model. Values are what the database stores; labels are shown."""

from __future__ import annotations

import re
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
    CONSENT = "consent"  # consent ends soon: ask for a renewal (no CHECK on this column)
    NOTICE = "notice"  # added without an information notice (GDPR Art. 14)


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
    LEGAL_OBLIGATION = "legal_obligation"


class ConsentPurpose(LabelledEnum):
    TALENT_POOL = "talent_pool"
    VACANCY = "vacancy"
    NEWSLETTER = "newsletter"


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


class RemotePolicy(LabelledEnum):
    ONSITE = "onsite"
    HYBRID = "hybrid"
    REMOTE = "remote"

    @property
    def label(self) -> str:
        return "On site" if self is RemotePolicy.ONSITE else super().label


class StageKind(LabelledEnum):
    """What a stage means, whatever the user calls it: the code relies on kinds, not names."""

    NEW = "new"
    CONTACTED = "contacted"
    SCREENING = "screening"
    INTERVIEWING = "interviewing"
    OFFER = "offer"
    HIRED = "hired"
    REJECTED = "rejected"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"

    @property
    def is_outcome(self) -> bool:
        """The process ended here (a closed vacancy leaves nobody before one of these)."""
        return self in OUTCOME_KINDS


# Ended without a hire: the candidate is owed an answer.
NOT_HIRED_KINDS = frozenset({StageKind.REJECTED, StageKind.DECLINED, StageKind.WITHDRAWN})
OUTCOME_KINDS = NOT_HIRED_KINDS | {StageKind.HIRED}

# A new pool's or vacancy's stages, in order; users rename, reorder and add their own.
DEFAULT_PIPELINE: tuple[tuple[str, StageKind], ...] = (
    ("Sourced", StageKind.NEW),
    ("Contacted", StageKind.CONTACTED),
    ("Engaged", StageKind.SCREENING),
    ("Interviewing", StageKind.INTERVIEWING),
    ("Offer", StageKind.OFFER),
    ("Hired", StageKind.HIRED),
    ("Not a fit", StageKind.REJECTED),
    ("Declined", StageKind.DECLINED),
    ("Withdrawn", StageKind.WITHDRAWN),
)
DEFAULT_STAGES: tuple[str, ...] = tuple(name for name, _ in DEFAULT_PIPELINE)


def guess_stage_kind(name: str) -> StageKind:
    """The kind of a stage known only by its name (a CSV column, an old free-text stage)."""
    folded = name.strip().casefold()
    for default, kind in DEFAULT_PIPELINE:
        if folded == default.casefold():
            return kind
    for words, kind in _KIND_WORDS:
        if any(re.search(word, folded) for word in words):
            return kind
    return StageKind.SCREENING


# The first group with a word in the name wins: negative outcomes before "hired", "offer" and
# "interview" ("Not hired", "Offer declined", "Interview failed"). Words are regular expressions;
# a few must start a word ("Latest", "Renewed" and "Misleading" say nothing).
_KIND_WORDS: tuple[tuple[tuple[str, ...], StageKind], ...] = (
    (
        (
            "not a fit", "no fit", "not a good fit", "poor fit", "reject", "unsuccessful",
            "not selected", "not suitable", "unsuitable", "not hired", "no hire", "fail",
            "disqualif", "odrzuc", "abgelehnt",
        ),
        StageKind.REJECTED,
    ),
    (("declin", "turned down", "not interested"), StageKind.DECLINED),
    (("withdr", "dropped out", "ghost"), StageKind.WITHDRAWN),
    (("hired", "placed", "placement", "started", "accepted"), StageKind.HIRED),
    (("offer",), StageKind.OFFER),
    (
        (
            "interview", "final round", "onsite", "on-site", "assessment", r"\btest", "case study",
            "entretien", "gespräch", "rozmowa",
        ),
        StageKind.INTERVIEWING,
    ),
    (("contact", "reached out", "outreach"), StageKind.CONTACTED),
    (("screen", "engag", "phone", "qualif"), StageKind.SCREENING),
    (("sourc", r"\bnew", "applied", r"\blead", "prospect"), StageKind.NEW),
)  # fmt: skip


class OutboxStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"  # committed before the hand-over to SMTP: after a crash, "unknown"
    SENT = "sent"
    FAILED = "failed"
    UNKNOWN = "unknown"  # may or may not have been delivered: the user decides, never resent
    # Not sent to someone who may not be contacted (do not contact, consent withdrawn): the
    # reason is its error ("Not sent: …", privacy/contactable.py NOT_SENT).
    CANCELLED = "cancelled"
