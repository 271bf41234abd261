"""The imports a CSV file made: one record per import, and the people it created or updated.

An import used to write an "Imported from FILE" note on every new candidate's timeline (15.9 MB
of notes and indexes per 100,000 people). It now writes one `ImportRecord` and one small
`ImportPerson` row per person; the timeline reads "Imported from FILE on DATE" from them, and
an import whose people are untouched since can be undone as a whole (core/imports/).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import JSON

from talentdesk.core.db.base import Base
from talentdesk.core.db.types import UTCDateTime


class ImportRecord(Base):
    """One import of one file: what was chosen for it and what it did."""

    __tablename__ = "import_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(255))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    preset: Mapped[str | None] = mapped_column(String(40))
    # The file's column names and the field each was read into: {"E-mail": "email", …}.
    mapping: Mapped[dict[str, str] | None] = mapped_column(JSON)
    created: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    skipped: Mapped[int] = mapped_column(Integer, default=0)
    pool_id: Mapped[int | None] = mapped_column(ForeignKey("pool.id", ondelete="SET NULL"))
    undone_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ImportPerson(Base):
    """A person an import created (`created`) or updated. Keyed by the person first: the
    timeline, an erasure and a delete look people up; an undo reads by import."""

    __tablename__ = "import_person"
    __table_args__ = (
        Index("ix_import_person_import_id", "import_id", "created"),
        {"sqlite_with_rowid": False},
    )

    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), primary_key=True
    )
    import_id: Mapped[int] = mapped_column(
        ForeignKey("import_record.id", ondelete="CASCADE"), primary_key=True
    )
    created: Mapped[bool] = mapped_column(Boolean)
