"""The search text kept once (issue 17): the FTS5 index becomes external content over the view
`candidate_search` (what the database already stores), with only the prefix index the search
figures need; its triggers bracket every change (db/triggers.py, V2). The index is rebuilt
from the view. And a narrow (id, sort_name) index: sorting a very common search's matches by
name reads it instead of every matching row (core/first_screen.py).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 12:00:00
"""

from alembic import op
from sqlalchemy import text

from talentdesk.core.db import triggers

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":  # a server has no FTS5 index (team mode: its own later)
        triggers.drop(bind, triggers.V1)
        triggers.create(bind, triggers.V2)
        bind.execute(text("INSERT INTO candidate_fts(candidate_fts) VALUES ('rebuild')"))
    op.create_index("ix_candidate_id_sort_name", "candidate", ["id", "sort_name"])


def downgrade() -> None:
    op.drop_index("ix_candidate_id_sort_name", table_name="candidate")
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    triggers.drop(bind, triggers.V2)
    triggers.create(bind, triggers.V1)
    for sql in triggers.search_rows_refresh("SELECT id FROM candidate"):
        bind.execute(text(sql))
