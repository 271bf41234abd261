"""Replies over IMAP: how far each folder was read, an interaction's Message-ID (unique),
replied_at.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 07:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "imap_folder_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account", sa.String(length=400), nullable=False),
        sa.Column("folder", sa.String(length=400), nullable=False),
        sa.Column("uidvalidity", sa.Integer(), nullable=False),
        sa.Column("last_uid", sa.Integer(), nullable=False),
        sa.Column("last_synced_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imap_folder_state")),
        sa.UniqueConstraint("account", "folder", name=op.f("uq_imap_folder_state_account_folder")),
    )
    op.add_column("interaction", sa.Column("message_id", sa.String(length=300), nullable=True))
    op.add_column("outbox_message", sa.Column("replied_at", sa.DateTime(), nullable=True))
    # What the outbox sent is on the timeline already: its Message-ID keeps a copy read back
    # from the Sent folder from landing there twice. A logged reply is a reply.
    op.execute(
        "UPDATE interaction SET message_id = ("
        " SELECT o.message_id FROM outbox_message o WHERE o.interaction_id = interaction.id)"
        " WHERE id IN (SELECT interaction_id FROM outbox_message"
        " WHERE interaction_id IS NOT NULL AND message_id IS NOT NULL)"
    )
    op.execute(
        "UPDATE outbox_message SET replied_at = ("
        " SELECT i.occurred_at FROM interaction i WHERE i.id = outbox_message.reply_interaction_id)"
        " WHERE reply_interaction_id IS NOT NULL"
    )
    op.create_index(
        "ix_interaction_message_id",
        "interaction",
        ["message_id"],
        unique=True,
        sqlite_where=sa.text("message_id IS NOT NULL"),
        postgresql_where=sa.text("message_id IS NOT NULL"),
    )
    op.create_index(
        "ix_outbox_message_message_id",
        "outbox_message",
        ["message_id"],
        sqlite_where=sa.text("message_id IS NOT NULL"),
        postgresql_where=sa.text("message_id IS NOT NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_message_message_id", table_name="outbox_message")
    op.drop_index("ix_interaction_message_id", table_name="interaction")
    # SQLite's own DROP COLUMN keeps the tables' triggers (a batch copy would lose them).
    op.execute("ALTER TABLE outbox_message DROP COLUMN replied_at")
    op.execute("ALTER TABLE interaction DROP COLUMN message_id")
    op.drop_table("imap_folder_state")
