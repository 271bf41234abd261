"""Who queued each outbox message (issue 18, "mail once … from the account of the recruiter who
queued it"): a desktop sends only its own user's messages (and old ones nobody queued), and the
timeline entry of a sent message names that recruiter. A user's removal leaves their messages
nobody's (any desktop may send them).

SQLite adds the column in place with its key written into the table's definition (as 0015 does:
no copy of the table, and the definition reads back as that of a new database).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05 15:50:00
"""

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

FK = "fk_outbox_message_queued_by_id_app_user"
KEY = (
    f", \n\tCONSTRAINT {FK} FOREIGN KEY(queued_by_id) REFERENCES app_user (id) ON DELETE SET NULL"
    "\n)"
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        op.add_column("outbox_message", sa.Column("queued_by_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            FK, "outbox_message", "app_user", ["queued_by_id"], ["id"], ondelete="SET NULL"
        )
        return
    bind.exec_driver_sql("ALTER TABLE outbox_message ADD COLUMN queued_by_id INTEGER")
    _rewrite(bind, lambda sql: sql.rstrip()[:-1].rstrip() + KEY)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        op.drop_constraint(FK, "outbox_message", type_="foreignkey")
        op.drop_column("outbox_message", "queued_by_id")
        return
    _rewrite(bind, lambda sql: sql.replace(KEY, "\n)"))
    bind.exec_driver_sql("ALTER TABLE outbox_message DROP COLUMN queued_by_id")


def _rewrite(bind: sa.Connection, rewrite: Callable[[str], str]) -> None:
    """outbox_message's definition rewritten (its rows stay as they are), and the schema version
    moved on so that every connection reads the new definition."""
    version = int(bind.exec_driver_sql("PRAGMA schema_version").scalar_one())
    where = "WHERE type = 'table' AND name = 'outbox_message'"
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        sql = bind.exec_driver_sql(f"SELECT sql FROM sqlite_master {where}").scalar_one()
        new = rewrite(sql)
        assert new != sql, "the definition of outbox_message is not as expected"
        bind.execute(sa.text(f"UPDATE sqlite_master SET sql = :sql {where}"), {"sql": new})
        bind.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    finally:
        bind.exec_driver_sql("PRAGMA writable_schema = OFF")
