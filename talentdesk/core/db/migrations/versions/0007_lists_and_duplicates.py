"""Re-engagement: saved smart lists (with the starters), dismissed duplicate pairs, merges.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 06:00:00
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "saved_list",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100, collation="NOCASE"), nullable=False),
        sa.Column("filter", sa.JSON(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_list")),
        sa.UniqueConstraint("name", name=op.f("uq_saved_list_name")),
    )
    op.create_table(
        "duplicate_dismissal",
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=False),
        sa.Column("dismissed_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("first_id < second_id", name=op.f("ck_duplicate_dismissal_ordered")),
        sa.ForeignKeyConstraint(
            ["first_id"],
            ["candidate.id"],
            name=op.f("fk_duplicate_dismissal_first_id_candidate"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["second_id"],
            ["candidate.id"],
            name=op.f("fk_duplicate_dismissal_second_id_candidate"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("first_id", "second_id", name=op.f("pk_duplicate_dismissal")),
    )
    op.create_index(op.f("ix_duplicate_dismissal_second_id"), "duplicate_dismissal", ["second_id"])
    op.create_table(
        "candidate_merge",
        sa.Column("merged_id", sa.Integer(), nullable=False),
        sa.Column("kept_id", sa.Integer(), nullable=False),
        sa.Column("merged_name", sa.String(length=201), nullable=False),
        sa.Column("merged_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["kept_id"],
            ["candidate.id"],
            name=op.f("fk_candidate_merge_kept_id_candidate"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("merged_id", name=op.f("pk_candidate_merge")),
    )
    op.create_index(op.f("ix_candidate_merge_kept_id"), "candidate_merge", ["kept_id"])
    _create_list_indexes()
    add_starters(op.get_bind())


def _create_list_indexes() -> None:
    """What the smart lists' stage and near-fit conditions read (core/lists/stage_sql.py)."""
    op.create_index(
        "ix_pool_membership_stage_reached",
        "pool_membership",
        ["stage_id", sa.text("coalesce(stage_changed_at, added_at)"), "candidate_id"],
    )
    op.create_index(
        "ix_pool_membership_near_fit",
        "pool_membership",
        ["candidate_id"],
        sqlite_where=sa.text("near_fit"),
        postgresql_where=sa.text("near_fit"),
    )
    op.create_index(
        "ix_application_near_fit",
        "application",
        ["candidate_id"],
        sqlite_where=sa.text("near_fit"),
        postgresql_where=sa.text("near_fit"),
    )
    op.create_index(
        "ix_application_stage_change_kind",
        "application_stage_change",
        ["to_kind", "moved_at", "application_id"],
    )


# The starter lists, in the pane's order: the filters as `Filter.to_json` reads them (parts
# left out do not filter), written out here so a later change to the code cannot change what
# this migration did. Editable afterwards like any list.
STARTERS: tuple[tuple[str, str], ...] = (
    # Declined in any pool or vacancy, reached within the last 12 months: an offer turned
    # down lands in a "declined" stage (rejected = not a fit, withdrawn = their own list).
    (
        "Declined offers — last 12 months",
        '{"stages": [{"kinds": ["declined"], "ever": true, "reached": {"months": 12}}]}',
    ),
    # Finalists: reached interviewing or offer somewhere, hired nowhere.
    (
        "Silver medallists",
        '{"stages": [{"kinds": ["interviewing", "offer"], "ever": true, "never": ["hired"]}]}',
    ),
    ("Withdrawn", '{"stages": [{"kinds": ["withdrawn"], "ever": true}]}'),
    ("Near-fits", '{"near_fit": true}'),
    # Were in touch in the last year, but not in the last 3 months.
    (
        "Losing touch",
        '{"contact": "in", "contact_period": {"months": 12, "until_months": 3}}',
    ),
    # Not contacted in the last 6 months, never contacted included.
    ("No contact in 6 months", '{"contact": "not_in", "contact_period": {"months": 6}}'),
)


def add_starters(connection: sa.Connection) -> None:
    """Insert the starter lists (also called for a brand-new database: db/migrate.py)."""
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    connection.execute(
        sa.text(
            "INSERT INTO saved_list (name, filter, position, created_at, updated_at)"
            " VALUES (:name, :filter, :position, :now, :now)"
        ),
        [
            {"name": name, "filter": data, "position": position, "now": now}
            for position, (name, data) in enumerate(STARTERS)
        ],
    )


def downgrade() -> None:
    op.drop_index("ix_application_stage_change_kind", table_name="application_stage_change")
    op.drop_index("ix_application_near_fit", table_name="application")
    op.drop_index("ix_pool_membership_near_fit", table_name="pool_membership")
    op.drop_index("ix_pool_membership_stage_reached", table_name="pool_membership")
    op.drop_index(op.f("ix_candidate_merge_kept_id"), table_name="candidate_merge")
    op.drop_table("candidate_merge")
    op.drop_index(op.f("ix_duplicate_dismissal_second_id"), table_name="duplicate_dismissal")
    op.drop_table("duplicate_dismissal")
    op.drop_table("saved_list")
