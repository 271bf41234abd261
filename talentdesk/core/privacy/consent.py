"""Consent records as the window and the command line see them, and the defaults per basis.

Plain dataclasses (no SQLAlchemy): `ConsentRecord` is one row of the consent table,
`ConsentSummary` a person's state with the record that decides it and their history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from talentdesk.core import settings
from talentdesk.core.db.enums import ConsentPurpose, ConsentStatus, LegalBasis
from talentdesk.core.lists.periods import months_before
from talentdesk.core.privacy.consent_state import ConsentState, chip_text

if TYPE_CHECKING:
    import sqlite3

    from sqlalchemy import Connection
    from sqlalchemy.orm import Session


class Default(Enum):
    """`expires_at=DEFAULT`: the end the Privacy settings give the basis."""

    EXPIRY = "default"


DEFAULT = Default.EXPIRY

MONTHS: dict[LegalBasis, settings.Setting[int]] = {
    LegalBasis.CONSENT: settings.CONSENT_MONTHS_CONSENT,
    LegalBasis.LEGITIMATE_INTEREST: settings.CONSENT_MONTHS_LEGITIMATE_INTEREST,
    LegalBasis.CONTRACT: settings.CONSENT_MONTHS_CONTRACT,
    LegalBasis.LEGAL_OBLIGATION: settings.CONSENT_MONTHS_LEGAL_OBLIGATION,
}

BASIS_WORDS: dict[LegalBasis, str] = {
    LegalBasis.CONSENT: "Consent",
    LegalBasis.LEGITIMATE_INTEREST: "Legitimate interest",
    LegalBasis.CONTRACT: "Contract (an application)",
    LegalBasis.LEGAL_OBLIGATION: "Legal obligation",
}

PURPOSE_WORDS: dict[ConsentPurpose, str] = {
    ConsentPurpose.TALENT_POOL: "Talent pool",
    ConsentPurpose.VACANCY: "A vacancy",
    ConsentPurpose.NEWSLETTER: "Newsletter",
}


def default_expiry(
    source: sqlite3.Connection | Connection | Session, basis: LegalBasis, given_at: datetime
) -> datetime | None:
    """When a basis given at `given_at` ends by the settings (None: it has no end)."""
    months = settings.read(source, MONTHS[basis])
    return None if months == 0 else months_before(given_at, -months)


@dataclass(frozen=True)
class ConsentRecord:
    id: int
    candidate_id: int
    basis: LegalBasis
    purpose: ConsentPurpose
    status: ConsentStatus
    vacancy_id: int | None = None
    vacancy_title: str | None = None
    source: str | None = None
    evidence: str | None = None
    evidence_interaction_id: int | None = None
    given_at: datetime | None = None
    expires_at: datetime | None = None
    withdrawn_at: datetime | None = None
    notice_sent_at: datetime | None = None
    note: str | None = None
    created_at: datetime | None = None

    def purpose_text(self) -> str:
        if self.purpose is ConsentPurpose.VACANCY and self.vacancy_title:
            return f"Vacancy: {self.vacancy_title}"
        return PURPOSE_WORDS[self.purpose]


@dataclass(frozen=True)
class ConsentSummary:
    candidate_id: int
    state: ConsentState
    days_left: int | None  # until the latest record ends (None: no end, or no record)
    latest: ConsentRecord | None
    history: tuple[ConsentRecord, ...] = ()  # newest first, the latest included

    @property
    def text(self) -> str:
        """The chip's words: "valid", "expiring in 12 days", "withdrawn"…"""
        return chip_text(self.state, self.days_left)

    @property
    def notice_sent_at(self) -> datetime | None:
        """When the information notice (GDPR Art. 14) was last sent, on any record."""
        sent = [r.notice_sent_at for r in self.history if r.notice_sent_at is not None]
        return max(sent) if sent else None
