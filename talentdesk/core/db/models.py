"""The TalentDesk data model (SQLAlchemy 2 typed ORM). Schema changes go through Alembic."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from talentdesk.core.clock import utcnow
from talentdesk.core.db.base import Base as Base  # with every table: what migrate creates
from talentdesk.core.db.candidate_versions import next_version
from talentdesk.core.db.enums import (
    CandidateStatus,
    InteractionKind,
    RelationshipKind,
    Seniority,
    StageKind,
    TagCategory,
)
from talentdesk.core.db.models_imports import (  # their own module; every table is on Base
    ImportPerson as ImportPerson,
)
from talentdesk.core.db.models_imports import (
    ImportRecord as ImportRecord,
)
from talentdesk.core.db.models_lists import (  # their own module; every table is on Base
    CandidateMerge as CandidateMerge,
)
from talentdesk.core.db.models_lists import (
    DuplicateDismissal as DuplicateDismissal,
)
from talentdesk.core.db.models_lists import (
    SavedList as SavedList,
)
from talentdesk.core.db.models_mail import (
    ImapFolderState as ImapFolderState,
)
from talentdesk.core.db.models_mail import (  # their own module; every table is on Base
    MailTemplate as MailTemplate,
)
from talentdesk.core.db.models_mail import (
    OutboxMessage as OutboxMessage,
)
from talentdesk.core.db.models_metrics import (  # their own module; every table is on Base
    ContactWeek as ContactWeek,
)
from talentdesk.core.db.models_metrics import (
    MailQuestion as MailQuestion,
)
from talentdesk.core.db.models_privacy import (  # their own module; every table is on Base
    AuditEntry as AuditEntry,
)
from talentdesk.core.db.models_privacy import (
    Consent as Consent,
)
from talentdesk.core.db.models_privacy import (
    Suppression as Suppression,
)
from talentdesk.core.db.models_reminders import (  # their own module; every table is on Base
    Reminder as Reminder,
)
from talentdesk.core.db.models_settings import (  # their own module; every table is on Base
    AppSetting as AppSetting,
)
from talentdesk.core.db.models_settings import (
    ImportMapping as ImportMapping,
)
from talentdesk.core.db.models_users import (  # their own module; every table is on Base
    AppUser as AppUser,
)
from talentdesk.core.db.models_vacancy import (  # their own module; every table is on Base
    Application as Application,
)
from talentdesk.core.db.models_vacancy import (
    ApplicationStageChange as ApplicationStageChange,
)
from talentdesk.core.db.models_vacancy import (
    Vacancy as Vacancy,
)
from talentdesk.core.db.models_vacancy import (
    VacancyStage as VacancyStage,
)
from talentdesk.core.db.models_vacancy import (
    VacancyTag as VacancyTag,
)
from talentdesk.core.db.types import UTCDateTime
from talentdesk.core.db.types import enum_column as _enum
from talentdesk.core.normalize import sort_key

candidate_tag = Table(
    "candidate_tag",
    Base.metadata,
    Column("candidate_id", ForeignKey("candidate.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Candidate(Base):
    __tablename__ = "candidate"
    # Each match's name from a narrow index, not its row: sorting many matches by name (a
    # search with filters, "mine") reads a tenth of the pages.
    # The search index's rowid, in name order (db/search_order.py): a unique key, and the
    # placed keys by name for finding a newcomer's neighbours.
    __table_args__ = (
        Index("ix_candidate_id_sort_name", "id", "sort_name"),
        Index("ix_candidate_search_key", "search_key", unique=True),
        Index(
            "ix_candidate_placed",
            "sort_name",
            "id",
            "search_key",
            sqlite_where=text("search_key > 0"),
            postgresql_where=text("search_key > 0"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    # The full name folded for sorting (see normalize.sort_key); set on every insert/update.
    sort_name: Mapped[str] = mapped_column(String(201), default="", server_default="", index=True)
    # Set by the database's triggers on SQLite; a team database's search needs none (NULL).
    search_key: Mapped[int | None] = mapped_column(BigInteger)
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    phone: Mapped[str | None] = mapped_column(String(50))
    city: Mapped[str | None] = mapped_column(String(100))
    country: Mapped[str | None] = mapped_column(String(100))
    title: Mapped[str | None] = mapped_column(String(200))
    company: Mapped[str | None] = mapped_column(String(200))
    seniority: Mapped[Seniority | None] = mapped_column(_enum(Seniority, "seniority"))
    industry: Mapped[str | None] = mapped_column(String(100))
    linkedin_url: Mapped[str | None] = mapped_column(String(300), index=True)
    source: Mapped[str | None] = mapped_column(String(200))
    relationship_kind: Mapped[RelationshipKind] = mapped_column(
        _enum(RelationshipKind, "relationship_kind"), default=RelationshipKind.NONE
    )
    referred_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("candidate.id", ondelete="SET NULL"), index=True
    )
    relationship_note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[CandidateStatus] = mapped_column(
        _enum(CandidateStatus, "status"), default=CandidateStatus.PASSIVE
    )
    motivators: Mapped[str | None] = mapped_column(Text)
    doubts: Mapped[str | None] = mapped_column(Text)
    competing_offers: Mapped[str | None] = mapped_column(Text)
    salary_min: Mapped[Decimal | None] = mapped_column(Numeric(12, 2, asdecimal=True))
    salary_max: Mapped[Decimal | None] = mapped_column(Numeric(12, 2, asdecimal=True))
    salary_currency: Mapped[str | None] = mapped_column(String(3))
    notice_period: Mapped[str | None] = mapped_column(String(100))
    available_from: Mapped[date | None] = mapped_column(Date)
    birthday: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Kept in step by a trigger on interaction: the newest touchpoint that is not a note.
    last_contact_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # Moves on with every change to what the profile form shows (the listener below; raw SQL
    # writes call core/db/candidate_versions.py): a save from a form loaded at an older
    # version is refused, never silently written over a colleague's (migration 0016).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # The recruiter whose candidate it is ("My candidates"); None: nobody's in particular.
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("app_user.id", ondelete="SET NULL"), index=True
    )

    other_emails: Mapped[list[CandidateEmail]] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", passive_deletes=True
    )
    tags: Mapped[list[Tag]] = relationship(secondary=candidate_tag, back_populates="candidates")
    memberships: Mapped[list[PoolMembership]] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", passive_deletes=True
    )
    interactions: Mapped[list[Interaction]] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", passive_deletes=True
    )
    reminders: Mapped[list[Reminder]] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", passive_deletes=True
    )
    consents: Mapped[list[Consent]] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", passive_deletes=True
    )
    applications: Mapped[list[Application]] = relationship(
        back_populates="candidate", cascade="all, delete-orphan", passive_deletes=True
    )
    referred_by: Mapped[Candidate | None] = relationship(remote_side=[id])

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@event.listens_for(Candidate, "before_insert")
@event.listens_for(Candidate, "before_update")
def _set_sort_name(_mapper: object, _connection: object, candidate: Candidate) -> None:
    candidate.sort_name = sort_key(f"{candidate.first_name} {candidate.last_name}")


@event.listens_for(Candidate, "before_update")
def _next_version(_mapper: object, _connection: object, candidate: Candidate) -> None:
    next_version(candidate)


class CandidateEmail(Base):
    """E-mail addresses beyond the primary one."""

    __tablename__ = "candidate_email"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    email: Mapped[str] = mapped_column(String(320), index=True)
    label: Mapped[str | None] = mapped_column(String(50))

    candidate: Mapped[Candidate] = relationship(back_populates="other_emails")


class Tag(Base):
    __tablename__ = "tag"
    __table_args__ = (UniqueConstraint("category", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    category: Mapped[TagCategory] = mapped_column(_enum(TagCategory, "category"))

    candidates: Mapped[list[Candidate]] = relationship(
        secondary=candidate_tag, back_populates="tags"
    )


class Pool(Base):
    __tablename__ = "pool"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    colour: Mapped[str] = mapped_column(String(7), default="#3b82f6")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Keep in touch with every member at least this often (None: no cadence).
    cadence_days: Mapped[int | None] = mapped_column(Integer)

    stages: Mapped[list[PoolStage]] = relationship(
        back_populates="pool",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="PoolStage.position",
    )
    memberships: Mapped[list[PoolMembership]] = relationship(
        back_populates="pool", cascade="all, delete-orphan", passive_deletes=True
    )


class PoolStage(Base):
    __tablename__ = "pool_stage"
    __table_args__ = (
        UniqueConstraint("pool_id", "name"),
        # What a membership's (pool_id, stage_id) refers to: a stage of that very pool.
        UniqueConstraint("pool_id", "id", name="uq_pool_stage_pool_id_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    pool_id: Mapped[int] = mapped_column(ForeignKey("pool.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[StageKind] = mapped_column(_enum(StageKind, "kind"))
    position: Mapped[int] = mapped_column(Integer)

    pool: Mapped[Pool] = relationship(back_populates="stages")


class PoolMembership(Base):
    __tablename__ = "pool_membership"
    __table_args__ = (
        UniqueConstraint("candidate_id", "pool_id"),
        Index("ix_pool_membership_pool_id_candidate_id", "pool_id", "candidate_id"),
        # Smart lists: who is at a kind of stage, and since when, from the index alone.
        Index(
            "ix_pool_membership_stage_reached",
            "stage_id",
            text("coalesce(stage_changed_at, added_at)"),
            "candidate_id",
        ),
        Index(
            "ix_pool_membership_near_fit",
            "candidate_id",
            sqlite_where=text("near_fit"),
            postgresql_where=text("near_fit"),
        ),
        # The stage belongs to the membership's pool by the schema, not only by code.
        ForeignKeyConstraint(
            ["pool_id", "stage_id"],
            ["pool_stage.pool_id", "pool_stage.id"],
            name="fk_pool_membership_stage_of_pool",
            ondelete="RESTRICT",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    pool_id: Mapped[int] = mapped_column(ForeignKey("pool.id", ondelete="CASCADE"))
    stage_id: Mapped[int] = mapped_column(Integer, index=True)
    near_fit: Mapped[bool] = mapped_column(Boolean, default=False)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When the stage last changed; None: not since the candidate joined (added_at).
    stage_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    stage_changed_by_id: Mapped[int | None] = mapped_column(  # who moved it there
        ForeignKey("app_user.id", ondelete="SET NULL")
    )

    candidate: Mapped[Candidate] = relationship(back_populates="memberships")
    pool: Mapped[Pool] = relationship(back_populates="memberships")
    # Joined on the stage id alone, so assigning a stage sets it; the schema's composite key
    # still refuses a stage of another pool.
    stage: Mapped[PoolStage] = relationship(
        primaryjoin="PoolMembership.stage_id == PoolStage.id",
        foreign_keys="[PoolMembership.stage_id]",
    )


class Interaction(Base):
    __tablename__ = "interaction"
    __table_args__ = (
        # A timeline in order, and (the kind read from the index) a person's last contact
        # before a moment, their feedback after one, their e-mails in and out (metrics).
        Index(
            "ix_interaction_candidate_id_occurred_at_kind", "candidate_id", "occurred_at", "kind"
        ),
        # Contacts per week (metrics): the entries of a few weeks without reading every one.
        Index("ix_interaction_occurred_at_kind", "occurred_at", "kind", "candidate_id"),
        # A message read over IMAP (or sent from the outbox) is on a timeline once, even when it
        # sits in two folders. (Per message, not per candidate: merging two records of one
        # person never meets the same message twice.)
        Index(
            "ix_interaction_message_id",
            "message_id",
            unique=True,
            sqlite_where=text("message_id IS NOT NULL"),
            postgresql_where=text("message_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    kind: Mapped[InteractionKind] = mapped_column(_enum(InteractionKind, "kind"))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime)
    subject: Mapped[str | None] = mapped_column(String(300))
    body: Mapped[str | None] = mapped_column(Text)
    pool_id: Mapped[int | None] = mapped_column(
        ForeignKey("pool.id", ondelete="SET NULL"), index=True
    )
    vacancy_id: Mapped[int | None] = mapped_column(
        ForeignKey("vacancy.id", ondelete="SET NULL"), index=True
    )
    # The e-mail's Message-ID header, for a message read over IMAP or sent from the outbox.
    message_id: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(  # who logged it; None: not known
        ForeignKey("app_user.id", ondelete="SET NULL")
    )

    candidate: Mapped[Candidate] = relationship(back_populates="interactions")
