"""Reminders TalentDesk writes itself and announces once: reminder origin, reason, pool and
notified_at; pool cadence; when a membership's stage changed; app settings.

New columns are nullable or have a default, so existing rows need no values.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 03:30:00
"""

import sqlalchemy as sa
from alembic import op

from talentdesk.core.db import server_schema

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("pool", sa.Column("cadence_days", sa.Integer(), nullable=True))
    op.add_column("pool_membership", sa.Column("stage_changed_at", sa.DateTime(), nullable=True))
    origin = sa.Enum(
        "manual", "cadence", "birthday", "feedback",
        name="origin", native_enum=False, create_constraint=False, length=32,
    )  # fmt: skip
    # A copy of the table, because SQLite cannot add a named foreign key in place. The copy
    # cannot carry the expression index (SQLAlchemy does not reflect it), so it is re-made.
    op.drop_index("ix_reminder_open_due", table_name="reminder")
    with op.batch_alter_table(
        "reminder", recreate=server_schema.recreate(op.get_bind())
    ) as batch_op:
        batch_op.add_column(sa.Column("origin", origin, nullable=False, server_default="manual"))
        batch_op.add_column(sa.Column("reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("pool_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("notified_at", sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_reminder_pool_id_pool"), "pool", ["pool_id"], ["id"], ondelete="CASCADE"
        )
    _open_due_index()
    # Reminders already due count as announced: the first start after the upgrade must not
    # flood the tray with the past. (Stored format: "YYYY-MM-DD HH:MM:SS.ffffff", UTC.)
    if server_schema.has_old_rows(op.get_bind()):
        op.execute(
            "UPDATE reminder SET notified_at = strftime('%Y-%m-%d %H:%M:%f000', 'now')"
            " WHERE done_at IS NULL AND coalesce(snoozed_until, due_at) <= "
            "strftime('%Y-%m-%d %H:%M:%f000', 'now')"
        )
    op.create_index("ix_reminder_pool_id", "reminder", ["pool_id"], unique=False)
    op.create_index(
        "ix_reminder_unannounced",
        "reminder",
        [sa.text("coalesce(snoozed_until, due_at)")],
        unique=False,
        sqlite_where=sa.text("done_at IS NULL AND notified_at IS NULL"),
        postgresql_where=sa.text("done_at IS NULL AND notified_at IS NULL"),
    )
    op.create_index(
        "ux_reminder_open_generated",
        "reminder",
        ["candidate_id", "origin", sa.text("coalesce(pool_id, 0)")],
        unique=True,
        sqlite_where=sa.text("done_at IS NULL AND origin != 'manual'"),
        postgresql_where=sa.text("done_at IS NULL AND origin != 'manual'"),
    )
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_setting")),
    )


def downgrade() -> None:
    op.drop_table("app_setting")
    op.drop_index("ux_reminder_open_generated", table_name="reminder")
    op.drop_index("ix_reminder_unannounced", table_name="reminder")
    op.drop_index("ix_reminder_pool_id", table_name="reminder")
    # DROP COLUMN refuses a column with a foreign key: copy the table without them.
    op.drop_index("ix_reminder_open_due", table_name="reminder")
    with op.batch_alter_table(
        "reminder", recreate=server_schema.recreate(op.get_bind())
    ) as batch_op:
        batch_op.drop_constraint("fk_reminder_pool_id_pool", type_="foreignkey")
        batch_op.drop_column("notified_at")
        batch_op.drop_column("pool_id")
        batch_op.drop_column("reason")
        batch_op.drop_column("origin")
    _open_due_index()
    op.drop_column("pool_membership", "stage_changed_at")
    op.drop_column("pool", "cadence_days")


def _open_due_index() -> None:
    op.create_index(
        "ix_reminder_open_due",
        "reminder",
        [sa.text("coalesce(snoozed_until, due_at)")],
        unique=False,
        sqlite_where=sa.text("done_at IS NULL"),
        postgresql_where=sa.text("done_at IS NULL"),
    )
