"""Repair salary amounts that earlier versions let in: infinite (`inf`, `1e308` and 400-digit
numbers were stored as Inf, and every full export then failed), negative, beyond what the
column holds, or text SQLite could not turn into a number. Each becomes empty (NULL); the rest
of the candidate is kept. NaN never reached the file: SQLite stores it as NULL.

The bound is written out rather than imported: a migration must keep meaning what it meant
when it shipped (records.SALARY_MAX is the same number today).

Nothing to undo on downgrade: the values were unusable.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04 21:30:00
"""

from alembic import op

from talentdesk.core.db import server_schema

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_LARGEST = "9999999999.99"


def upgrade() -> None:
    if not server_schema.has_old_rows(op.get_bind()):
        return
    for column in ("salary_min", "salary_max"):
        op.execute(
            f"UPDATE candidate SET {column} = NULL WHERE {column} IS NOT NULL AND ("
            f"typeof({column}) NOT IN ('integer', 'real')"
            f" OR {column} < 0 OR {column} > {_LARGEST})"
        )


def downgrade() -> None:
    pass
