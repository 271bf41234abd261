"""The app's own records: import mappings saved by name, and preferences the core needs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from talentdesk.core.clock import utcnow
from talentdesk.core.db.base import Base
from talentdesk.core.db.types import UTCDateTime


class ImportMapping(Base):
    """A column mapping saved under a name, reused on the next file of the same kind."""

    __tablename__ = "import_mapping"

    id: Mapped[int] = mapped_column(primary_key=True)
    # NOCASE: "LinkedIn" and "linkedin" are one mapping (the service also folds non-ASCII).
    name: Mapped[str] = mapped_column(String(100, collation="NOCASE"), unique=True)
    # [{"header": "E-mail", "target": "email"}, …] in the order of the file's columns.
    columns: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    preset: Mapped[str] = mapped_column(String(32), default="auto")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AppSetting(Base):
    """A user preference the core needs too (start of the working day, birthday lead time),
    as JSON by key; window geometry and the like stay in the window's settings file."""

    __tablename__ = "app_setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[object] = mapped_column(JSON)
