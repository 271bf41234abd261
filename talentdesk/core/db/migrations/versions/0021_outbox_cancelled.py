"""A cancelled outbox message has a status of its own, "cancelled" (it was stored as failed, its
error starting "Not sent: "): not sent to someone who may not be contacted (do not contact,
consent withdrawn). Messages cancelled before become cancelled; a downgrade makes them failed
again, the reason kept as their error.

SQLite widens the status CHECK in the table's definition (as 0015 and 0019 write keys: no copy
of the table, so its indexes and the metrics triggers over it stay as they are; every row
already satisfies the wider check). PostgreSQL drops the constraint and adds the new one.

Revision ID: 0021
Revises: 0019
Create Date: 2026-12-05 18:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

CHECK = "ck_outbox_message_status"
OLD = ("queued", "sending", "sent", "failed", "unknown")
NEW = (*OLD, "cancelled")
CANCELLED_BEFORE = "status = 'failed' AND error LIKE 'Not sent: %'"


def _check(values: tuple[str, ...]) -> str:
    """The CHECK as SQLAlchemy writes it for a new database (models' enum_column)."""
    return f"CONSTRAINT {CHECK} CHECK (status IN ({', '.join(repr(v) for v in values)}))"


def upgrade() -> None:
    _set_check(OLD, NEW)
    op.execute(f"UPDATE outbox_message SET status = 'cancelled' WHERE {CANCELLED_BEFORE}")


def downgrade() -> None:
    op.execute("UPDATE outbox_message SET status = 'failed' WHERE status = 'cancelled'")
    _set_check(NEW, OLD)


def _set_check(old: tuple[str, ...], new: tuple[str, ...]) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        op.drop_constraint(op.f(CHECK), "outbox_message", type_="check")
        values = ", ".join(f"'{v}'" for v in new)
        op.create_check_constraint(op.f(CHECK), "outbox_message", f"status IN ({values})")
        return
    _rewrite(bind, _check(old), _check(new))


def _rewrite(bind: sa.Connection, old: str, new: str) -> None:
    """outbox_message's definition with `old` replaced by `new` (its rows stay as they are), and
    the schema version moved on so that every connection, this one too, reads it."""
    version = int(bind.exec_driver_sql("PRAGMA schema_version").scalar_one())
    where = "WHERE type = 'table' AND name = 'outbox_message'"
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        sql = bind.exec_driver_sql(f"SELECT sql FROM sqlite_master {where}").scalar_one()
        assert sql.count(old) == 1, "the status check of outbox_message is not as expected"
        bind.execute(
            sa.text(f"UPDATE sqlite_master SET sql = :sql {where}"),
            {"sql": sql.replace(old, new)},
        )
        bind.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    finally:
        bind.exec_driver_sql("PRAGMA writable_schema = OFF")
