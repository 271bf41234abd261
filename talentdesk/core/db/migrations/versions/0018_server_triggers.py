"""The metrics summaries on a team database (issue 18): on a PostgreSQL server, `mail_question`
and `contact_week` kept current by PL/pgSQL triggers (db/server_summary.py), as SQLite's
triggers (0011) keep them, and filled from the data as it is. Nothing on SQLite.

Revision ID: 0018
Revises: 0014
Create Date: 2026-12-05 15:00:00
"""

from alembic import op

from talentdesk.core.db import server_summary

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        server_summary.create(bind)
        server_summary.fill(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        server_summary.drop(bind)
