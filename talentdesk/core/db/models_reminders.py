"""Reminders: a follow-up due on a candidate, made by a recruiter or by TalentDesk (a cadence,
a birthday, feedback), and whose it is."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from talentdesk.core.clock import utcnow
from talentdesk.core.db.base import Base
from talentdesk.core.db.enums import ReminderKind, ReminderOrigin
from talentdesk.core.db.types import UTCDateTime
from talentdesk.core.db.types import enum_column as _enum

if TYPE_CHECKING:
    from talentdesk.core.db.models import Candidate


class Reminder(Base):
    __tablename__ = "reminder"
    __table_args__ = (
        Index("ix_reminder_candidate_id_done_at_due_at", "candidate_id", "done_at", "due_at"),
        # The reminders overview filters and sorts open reminders by when they are due now.
        # (No plain index on done_at: the planner would prefer it and scan every open one.)
        Index(
            "ix_reminder_open_due",
            text("coalesce(snoozed_until, due_at)"),
            sqlite_where=text("done_at IS NULL"),
            postgresql_where=text("done_at IS NULL"),
        ),
        # The notifier's "what is due and not announced yet, and when is the next one": a
        # range on this index, however many old reminders were announced long ago.
        Index(
            "ix_reminder_unannounced",
            text("coalesce(snoozed_until, due_at)"),
            sqlite_where=text("done_at IS NULL AND notified_at IS NULL"),
            postgresql_where=text("done_at IS NULL AND notified_at IS NULL"),
        ),
        # At most one open generated reminder per candidate, reason and pool or vacancy: a
        # cadence never piles up check-ins, however often it is re-evaluated.
        Index(
            "ux_reminder_open_generated",
            "candidate_id",
            "origin",
            text("coalesce(pool_id, -vacancy_id, 0)"),
            unique=True,
            sqlite_where=text("done_at IS NULL AND origin != 'manual'"),
            postgresql_where=text("done_at IS NULL AND origin != 'manual'"),
        ),
        Index("ix_reminder_pool_id", "pool_id"),
        Index("ix_reminder_vacancy_id", "vacancy_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    note: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[ReminderKind] = mapped_column(
        _enum(ReminderKind, "kind"), default=ReminderKind.FOLLOW_UP
    )
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    snoozed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    recurrence: Mapped[str | None] = mapped_column(String(500))  # an RFC 5545 RRULE
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # No CHECK constraint: SQLite cannot add one to an existing table without copying it.
    origin: Mapped[ReminderOrigin] = mapped_column(
        _enum(ReminderOrigin, "origin", check=False),
        default=ReminderOrigin.MANUAL,
        server_default=ReminderOrigin.MANUAL.value,
    )
    reason: Mapped[str | None] = mapped_column(Text)  # why TalentDesk made it
    pool_id: Mapped[int | None] = mapped_column(ForeignKey("pool.id", ondelete="CASCADE"))
    vacancy_id: Mapped[int | None] = mapped_column(ForeignKey("vacancy.id", ondelete="CASCADE"))
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # announced in the tray
    # Whose reminder it is (the tray announces one's own); None: everyone's.
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))

    candidate: Mapped[Candidate] = relationship(back_populates="reminders")

    @property
    def effective_due_at(self) -> datetime:
        return self.snoozed_until or self.due_at
