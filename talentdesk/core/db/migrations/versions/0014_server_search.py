"""The search index of a team database (issue 18): on a PostgreSQL server, a tsvector a
candidate over the view `candidate_search`, folded with `unaccent`, kept by triggers and
filled from what the database holds (db/server_search_schema.py). Nothing on SQLite, whose
FTS5 index 0013 already keeps.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 12:40:00
"""

from alembic import op

from talentdesk.core.db import server_search_schema

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        server_search_schema.create(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        server_search_schema.drop(bind)
