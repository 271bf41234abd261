"""Metrics summaries kept current by triggers (issue 15, Speed): `mail_question`, each
candidate's e-mails received with the recruiter's answer, so time to respond reads a small
table rather than seeking an answer for every e-mail received; `contact_week`, each person's
contacts per calendar week, so contacts per week are read rather than counted. Filled from
the data as it is.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 12:00:00
"""

import sqlalchemy as sa
from alembic import op

from talentdesk.core.db import summary

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mail_question",
        sa.Column("candidate_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("asked_at", sa.DateTime(), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.Column("hours", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("candidate_id", "asked_at", name=op.f("pk_mail_question")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "contact_week",
        sa.Column("week", sa.String(length=10), nullable=False),
        sa.Column("candidate_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("contacts", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("week", "candidate_id", name=op.f("pk_contact_week")),
        sqlite_with_rowid=False,
    )
    if op.get_bind().dialect.name != "sqlite":
        return  # a server's summaries need its own triggers (team mode: not yet; empty here)
    for statement in summary.FILL + summary.V1:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in summary.NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("contact_week")
    op.drop_table("mail_question")
