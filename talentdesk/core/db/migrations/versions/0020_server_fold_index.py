"""The folded city on a team database (issue 18): on a PostgreSQL server, `talentdesk_fold`
(td_fold as an IMMUTABLE function of the database) and an index on the candidates' folded
city, so that `city:krakow` is read from an index (db/server_fold.py). Nothing on SQLite,
whose filter is narrowed by its search index.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05 17:40:00
"""

from alembic import op

from talentdesk.core.db import server_fold

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        server_fold.create(bind)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        server_fold.drop(bind)
