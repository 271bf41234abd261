"""Re-engagement tables: saved smart lists, duplicate pairs a recruiter dismissed, and the
record of merges (so a person merged away is recognised as such, not as "not found")."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import JSON

from talentdesk.core.clock import utcnow
from talentdesk.core.db.base import Base
from talentdesk.core.db.types import UTCDateTime


class SavedList(Base):
    """A saved filter: a live list in the pool pane (core/lists/filters.py holds the format)."""

    __tablename__ = "saved_list"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100, collation="NOCASE"), unique=True)
    # The filter as `Filter.to_json()` writes it; read back with `Filter.from_json`.
    filter: Mapped[dict[str, object]] = mapped_column(JSON)
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DuplicateDismissal(Base):
    """Two candidates the recruiter said are different people; stored once, lower id first."""

    __tablename__ = "duplicate_dismissal"
    __table_args__ = (CheckConstraint("first_id < second_id", name="ordered"),)

    first_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), primary_key=True
    )
    second_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    dismissed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CandidateMerge(Base):
    """`merged_id` was merged into `kept_id` (no foreign key on the first: that row is gone)."""

    __tablename__ = "candidate_merge"

    merged_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kept_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"), index=True)
    merged_name: Mapped[str] = mapped_column(String(201), default="")
    merged_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
