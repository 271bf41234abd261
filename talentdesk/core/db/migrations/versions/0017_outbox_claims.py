"""Outbox claims (issue 18, "mail once"): who claimed a queued message and when, so that two
desktops sending from the same team outbox never take the same message, and a claim left by a
desktop that stopped can be taken over after a while (core/mail/outbox/claims.py). Recorded the
same way on SQLite, where one sender works a data folder's outbox at a time.

Revision ID: 0017
Revises: 0014
Create Date: 2026-12-05 14:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("outbox_message", sa.Column("claimed_by", sa.String(length=200), nullable=True))
    op.add_column("outbox_message", sa.Column("claimed_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    # Plain ALTER TABLE … DROP COLUMN (SQLite 3.35+ and PostgreSQL): no copy of the table.
    op.execute("ALTER TABLE outbox_message DROP COLUMN claimed_at")
    op.execute("ALTER TABLE outbox_message DROP COLUMN claimed_by")
