"""The recruiters who use a database (issue 18, "who did what"): one row each, named at first
connect to a team database. A local file has one, made with it (or by migration 0015) and
named after the computer's login, so nothing changes for a single user."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from talentdesk.core.clock import utcnow
from talentdesk.core.db.base import Base
from talentdesk.core.db.types import UTCDateTime


class AppUser(Base):
    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
