"""The e-mail tables: templates, and the outbox of personalised messages."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from talentdesk.core.clock import utcnow
from talentdesk.core.db.base import Base
from talentdesk.core.db.enums import OutboxStatus
from talentdesk.core.db.types import UTCDateTime
from talentdesk.core.db.types import enum_column as _enum


class MailTemplate(Base):
    """A reusable e-mail: a Jinja2 subject and plain-text body with merge fields."""

    __tablename__ = "mail_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100, collation="NOCASE"), unique=True)
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OutboxMessage(Base):
    """One personalised message to one candidate, rendered when it was queued."""

    __tablename__ = "outbox_message"
    __table_args__ = (
        # The sender's "next queued message that is due": a range on this index.
        Index(
            "ix_outbox_message_queued_due",
            "next_attempt_at",
            "id",
            sqlite_where=text("status = 'queued'"),
            postgresql_where=text("status = 'queued'"),
        ),
        Index("ix_outbox_message_status", "status"),
        # A reply's In-Reply-To / References looked up among what TalentDesk sent.
        Index(
            "ix_outbox_message_message_id",
            "message_id",
            sqlite_where=text("message_id IS NOT NULL"),
            postgresql_where=text("message_id IS NOT NULL"),
        ),
        # Deleting a timeline entry (an erasure) finds the messages pointing at it.
        Index(
            "ix_outbox_message_interaction_id",
            "interaction_id",
            sqlite_where=text("interaction_id IS NOT NULL"),
            postgresql_where=text("interaction_id IS NOT NULL"),
        ),
        Index(
            "ix_outbox_message_reply_interaction_id",
            "reply_interaction_id",
            sqlite_where=text("reply_interaction_id IS NOT NULL"),
            postgresql_where=text("reply_interaction_id IS NOT NULL"),
        ),
        # The reply figures read the mail sent from this index alone (the bodies stay on disk).
        Index(
            "ix_outbox_message_sent",
            "status",
            "sent_at",
            "candidate_id",
            "replied_at",
            "created_at",
            "pool_id",
            "vacancy_id",
            "is_feedback",
            "template_name",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(
        ForeignKey("candidate.id", ondelete="CASCADE"), index=True
    )
    pool_id: Mapped[int | None] = mapped_column(ForeignKey("pool.id", ondelete="SET NULL"))
    vacancy_id: Mapped[int | None] = mapped_column(ForeignKey("vacancy.id", ondelete="SET NULL"))
    # Telling the candidate how it went: once sent, logged as feedback (which is what settles
    # a "feedback owed" reminder), not as a plain e-mail.
    is_feedback: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    to_name: Mapped[str] = mapped_column(String(201), default="")
    to_address: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    template_name: Mapped[str | None] = mapped_column(String(200))  # what it was written from
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    status: Mapped[OutboxStatus] = mapped_column(
        _enum(OutboxStatus, "status"), default=OutboxStatus.QUEUED
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(Text)  # the server's words, or what went wrong
    message_id: Mapped[str | None] = mapped_column(String(300))  # the Message-ID header
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The "e-mail out" timeline entry written when the server accepted it, and a logged reply.
    interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interaction.id", ondelete="SET NULL")
    )
    reply_interaction_id: Mapped[int | None] = mapped_column(
        ForeignKey("interaction.id", ondelete="SET NULL")
    )
    # When the candidate's first reply arrived (logged, or read over IMAP): replied, and the
    # delay is replied_at - sent_at.
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The sender that claimed it (a queued batch of its own, or the one message "sending") and
    # when: a team outbox's senders skip each other's claims until they are stale (0017).
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The recruiter who queued it: only their desktops send it, from their account, and its
    # timeline entry is theirs; nobody's (older messages, a removed user): any desktop's (0019).
    queued_by_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))


class ImapFolderState(Base):
    """How far a mailbox folder has been read: UIDs up to `last_uid` under `uidvalidity`."""

    __tablename__ = "imap_folder_state"
    __table_args__ = (UniqueConstraint("account", "folder"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(400))  # user@host:port
    folder: Mapped[str] = mapped_column(String(400))
    uidvalidity: Mapped[int] = mapped_column(Integer)
    last_uid: Mapped[int] = mapped_column(Integer, default=0)
    last_synced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
