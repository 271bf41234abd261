"""No lost updates (issue 18): `candidate.version`, a counter each change to what the profile
form shows moves on. A save names the version its form loaded; when the row has moved on
since, the save is refused and the recruiter told what changed (core/edit_conflict.py).

Every existing row starts at 1. Added in place on both dialects (a NOT NULL column with a
constant default needs no copy of the table, on SQLite or on PostgreSQL).

Revision ID: 0016
Revises: 0014
Create Date: 2026-12-05 14:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "candidate",
        sa.Column("version", sa.Integer(), nullable=False, server_default="1"),
    )


def downgrade() -> None:
    # In place (SQLite 3.35+ drops a column itself): a copy of the table would lose its
    # triggers and the search view over it.
    op.drop_column("candidate", "version")
