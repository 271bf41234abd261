"""Vacancies, their stages and wanted tags, and the applications moving through them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from talentdesk.core.clock import utcnow
from talentdesk.core.db.base import Base
from talentdesk.core.db.enums import RemotePolicy, Seniority, StageKind, VacancyStatus
from talentdesk.core.db.types import UTCDateTime
from talentdesk.core.db.types import enum_column as _enum

if TYPE_CHECKING:
    from talentdesk.core.db.models import Candidate


class Vacancy(Base):
    __tablename__ = "vacancy"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    company: Mapped[str | None] = mapped_column(String(200))  # the client
    hiring_manager: Mapped[str | None] = mapped_column(String(200))
    location: Mapped[str | None] = mapped_column(String(200))
    # No CHECK constraints on columns added to an existing table (SQLite cannot add one).
    remote_policy: Mapped[RemotePolicy | None] = mapped_column(
        _enum(RemotePolicy, "remote_policy", check=False)
    )
    seniority: Mapped[Seniority | None] = mapped_column(_enum(Seniority, "seniority", check=False))
    salary_min: Mapped[Decimal | None] = mapped_column(Numeric(12, 2, asdecimal=True))
    salary_max: Mapped[Decimal | None] = mapped_column(Numeric(12, 2, asdecimal=True))
    salary_currency: Mapped[str | None] = mapped_column(String(3))
    description: Mapped[str | None] = mapped_column(Text)  # the recruiter's notes
    status: Mapped[VacancyStatus] = mapped_column(
        _enum(VacancyStatus, "status"), default=VacancyStatus.OPEN
    )
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The matching weights chosen for this role ({criterion: weight}); None: the defaults.
    match_weights: Mapped[dict[str, int] | None] = mapped_column(JSON)

    stages: Mapped[list[VacancyStage]] = relationship(
        back_populates="vacancy",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="VacancyStage.position",
    )
    tags: Mapped[list[VacancyTag]] = relationship(
        back_populates="vacancy", cascade="all, delete-orphan", passive_deletes=True
    )
    applications: Mapped[list[Application]] = relationship(
        back_populates="vacancy", cascade="all, delete-orphan", passive_deletes=True
    )


class VacancyStage(Base):
    """A column of a vacancy's pipeline: the same model as a pool's stages (name, kind, order)."""

    __tablename__ = "vacancy_stage"
    __table_args__ = (
        UniqueConstraint("vacancy_id", "name"),
        UniqueConstraint("vacancy_id", "id", name="uq_vacancy_stage_vacancy_id_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancy.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[StageKind] = mapped_column(_enum(StageKind, "kind"))
    position: Mapped[int] = mapped_column(Integer)

    vacancy: Mapped[Vacancy] = relationship(back_populates="stages")


class VacancyTag(Base):
    """A tag a vacancy asks for: required, or nice to have."""

    __tablename__ = "vacancy_tag"

    vacancy_id: Mapped[int] = mapped_column(
        ForeignKey("vacancy.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    required: Mapped[bool] = mapped_column(Boolean, default=True)

    vacancy: Mapped[Vacancy] = relationship(back_populates="tags")


class Application(Base):
    """A candidate in a vacancy's pipeline, at one of that vacancy's stages."""

    __tablename__ = "application"
    __table_args__ = (
        UniqueConstraint("candidate_id", "vacancy_id"),
        # The board: one vacancy's applications by stage.
        Index("ix_application_vacancy_id_stage_id", "vacancy_id", "stage_id"),
        Index(
            "ix_application_near_fit",
            "candidate_id",
            sqlite_where=text("near_fit"),
            postgresql_where=text("near_fit"),
        ),
        ForeignKeyConstraint(
            ["vacancy_id", "stage_id"],
            ["vacancy_stage.vacancy_id", "vacancy_stage.id"],
            name="fk_application_stage_of_vacancy",
            ondelete="RESTRICT",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancy.id", ondelete="CASCADE"))
    stage_id: Mapped[int] = mapped_column(Integer)
    near_fit: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Order within the stage's column on the board (a card dropped between two others).
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    candidate: Mapped[Candidate] = relationship(back_populates="applications")
    vacancy: Mapped[Vacancy] = relationship(back_populates="applications")
    # Joined on the stage id alone, so assigning a stage sets it; the schema's composite key
    # still refuses a stage of another vacancy.
    stage: Mapped[VacancyStage] = relationship(
        primaryjoin="Application.stage_id == VacancyStage.id", foreign_keys="[Application.stage_id]"
    )
    history: Mapped[list[ApplicationStageChange]] = relationship(
        back_populates="application",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ApplicationStageChange.moved_at",
    )


class ApplicationStageChange(Base):
    """One move of an application: stage names as they were then, and the kind moved to."""

    __tablename__ = "application_stage_change"
    # Smart lists: who ever reached a kind of stage, and when, from the index alone.
    __table_args__ = (
        Index("ix_application_stage_change_kind", "to_kind", "moved_at", "application_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("application.id", ondelete="CASCADE"), index=True
    )
    from_stage: Mapped[str | None] = mapped_column(String(100))
    to_stage: Mapped[str] = mapped_column(String(100))
    to_kind: Mapped[StageKind | None] = mapped_column(_enum(StageKind, "to_kind", check=False))
    moved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    by_id: Mapped[int | None] = mapped_column(  # who moved it; None: not known
        ForeignKey("app_user.id", ondelete="SET NULL")
    )

    application: Mapped[Application] = relationship(back_populates="history")
