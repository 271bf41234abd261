"""The search index in name order (issue 17): its rowid becomes `candidate.search_key`, a
number that sorts as the list sorts by name (db/search_order.py), so a search's first screen
by name is the index's first rows. Keys are given to everyone in name order, the triggers
become V3 (they map people to their keys, and place a new or renamed person) and the index is
rebuilt from the view (about 8 s per 100,000 people). A team database gets the column and
its indexes, unused: its search index is its own (db/server_search_schema.py).

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-06 11:00:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy import text

from talentdesk.core.db import search_order, triggers

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None

_PLACED = "search_key > 0"


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        triggers.drop(bind, triggers.V2)
    op.add_column("candidate", sa.Column("search_key", sa.BigInteger(), nullable=True))
    if sqlite:
        bind.execute(text(search_order.fill_all()))
    op.create_index("ix_candidate_search_key", "candidate", ["search_key"], unique=True)
    op.create_index(
        "ix_candidate_placed",
        "candidate",
        ["sort_name", "id", "search_key"],
        sqlite_where=text(_PLACED),
        postgresql_where=text(_PLACED),
    )
    if sqlite:
        triggers.create(bind, triggers.V3)
        # In key order, not 'rebuild' (which reads the view in id order: FTS5 writes out what
        # it holds whenever a rowid goes down, three times slower).
        names = ", ".join(triggers.SEARCH_COLUMNS)
        bind.execute(
            text(
                f"INSERT INTO candidate_fts (rowid, {names})"
                f" SELECT id, {names} FROM candidate_search ORDER BY id"
            )
        )


def downgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        triggers.drop(bind, triggers.V3)
    op.drop_index("ix_candidate_placed", table_name="candidate")
    op.drop_index("ix_candidate_search_key", table_name="candidate")
    op.execute("ALTER TABLE candidate DROP COLUMN search_key")  # SQLite 3.35 on: no copy
    if sqlite:
        triggers.create(bind, triggers.V2)
        bind.execute(text("INSERT INTO candidate_fts(candidate_fts) VALUES ('rebuild')"))
