"""Summaries the metrics read instead of the timeline, kept current by triggers (see
db/summary.py; a server's in db/server_summary.py): never written by the app's own code."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from talentdesk.core.db.base import Base
from talentdesk.core.db.types import UTCDateTime


class MailQuestion(Base):
    """A candidate's e-mail received and the recruiter's answer to it: the first e-mail sent to
    them or feedback given at or after it. E-mails answered by the same answer are one
    question, asked when the first of them came. `hours` from asking to the answer."""

    __tablename__ = "mail_question"
    __table_args__ = {"sqlite_with_rowid": False}

    candidate_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    hours: Mapped[float | None] = mapped_column(Float)


class ContactWeek(Base):
    """How many timeline entries but notes a person has in a calendar week (`week`: its
    Monday, UTC, as text); no row when none."""

    __tablename__ = "contact_week"
    __table_args__ = {"sqlite_with_rowid": False}

    week: Mapped[str] = mapped_column(String(10), primary_key=True)
    candidate_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    contacts: Mapped[int] = mapped_column(Integer)
