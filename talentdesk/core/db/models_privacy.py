"""Privacy records: consent and its legal basis, suppression after erasure, the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from talentdesk.core.clock import utcnow
from talentdesk.core.db.base import Base
from talentdesk.core.db.enums import ConsentPurpose, ConsentStatus, LegalBasis
from talentdesk.core.db.types import UTCDateTime
from talentdesk.core.db.types import enum_column as _enum

if TYPE_CHECKING:
    from talentdesk.core.db.models import Candidate


class Consent(Base):
    """One legal basis for keeping one person's data for one purpose."""

    __tablename__ = "consent"
    __table_args__ = (
        # Deleting a timeline entry (an erasure) finds the records it is evidence for.
        Index(
            "ix_consent_evidence_interaction_id",
            "evidence_interaction_id",
            sqlite_where=text("evidence_interaction_id IS NOT NULL"),
            postgresql_where=text("evidence_interaction_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    legal_basis: Mapped[LegalBasis] = mapped_column(_enum(LegalBasis, "legal_basis"))
    status: Mapped[ConsentStatus] = mapped_column(
        _enum(ConsentStatus, "status"), default=ConsentStatus.PENDING
    )
    purpose: Mapped[ConsentPurpose] = mapped_column(
        _enum(ConsentPurpose, "consent_purpose"),
        default=ConsentPurpose.TALENT_POOL,
        server_default=ConsentPurpose.TALENT_POOL.value,
    )
    vacancy_id: Mapped[int | None] = mapped_column(ForeignKey("vacancy.id", ondelete="SET NULL"))
    given_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    source: Mapped[str | None] = mapped_column(String(200))  # where the data came from
    evidence: Mapped[str | None] = mapped_column(String(200))  # a reply, a call note, a form
    evidence_interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interaction.id", ondelete="SET NULL")
    )
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    notice_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # GDPR Art. 14
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=utcnow)

    candidate: Mapped[Candidate] = relationship(back_populates="consents")


class Suppression(Base):
    """A keyed hash of an erased person's e-mail, LinkedIn URL or phone: never re-imported."""

    __tablename__ = "suppression"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # email | linkedin | phone
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)  # hex HMAC-SHA256
    erased_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditEntry(Base):
    """What was done to personal data, when and to how many; never whose."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(32))  # export | erasure | consent | restore | …
    count: Mapped[int] = mapped_column(Integer, default=1)
    detail: Mapped[str | None] = mapped_column(String(400))  # no names, addresses or notes
