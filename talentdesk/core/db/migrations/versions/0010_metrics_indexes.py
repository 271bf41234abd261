"""Indexes the metrics read (issue 15, Speed): a person's timeline entries with their kind (the
last contact before a moment that is no note, the feedback after one, the e-mails in and out
in order, all without reading the rows), the entries of a few weeks, and the mail the outbox
sent (the reply figures from the index alone: the bodies stay on disk). And the three columns
pointing at a timeline entry, so deleting entries (an erasure) doesn't scan for each.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 09:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

# (table, column): partial indexes, most rows hold NULL.
_POINTERS = (
    ("outbox_message", "interaction_id"),
    ("outbox_message", "reply_interaction_id"),
    ("consent", "evidence_interaction_id"),
)

_SENT = (
    "status",
    "sent_at",
    "candidate_id",
    "replied_at",
    "created_at",
    "pool_id",
    "vacancy_id",
    "is_feedback",
    "template_name",
)


def upgrade() -> None:
    # The kind after the old index's columns: every query that used it still can.
    op.create_index(
        "ix_interaction_candidate_id_occurred_at_kind",
        "interaction",
        ["candidate_id", "occurred_at", "kind"],
    )
    op.drop_index("ix_interaction_candidate_id_occurred_at", table_name="interaction")
    # Contacts per week: the entries of a few weeks, without reading every one.
    op.create_index(
        "ix_interaction_occurred_at_kind", "interaction", ["occurred_at", "kind", "candidate_id"]
    )
    op.create_index("ix_outbox_message_sent", "outbox_message", list(_SENT))
    for table, column in _POINTERS:
        op.create_index(
            f"ix_{table}_{column}",
            table,
            [column],
            sqlite_where=sa.text(f"{column} IS NOT NULL"),
            postgresql_where=sa.text(f"{column} IS NOT NULL"),
        )


def downgrade() -> None:
    for table, column in _POINTERS:
        op.drop_index(f"ix_{table}_{column}", table_name=table)
    op.drop_index("ix_interaction_occurred_at_kind", table_name="interaction")
    op.drop_index("ix_outbox_message_sent", table_name="outbox_message")
    op.create_index(
        "ix_interaction_candidate_id_occurred_at", "interaction", ["candidate_id", "occurred_at"]
    )
    op.drop_index("ix_interaction_candidate_id_occurred_at_kind", table_name="interaction")
