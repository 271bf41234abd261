"""Who did what (issue 18): the recruiters (`app_user`), each candidate's owner, who logged an
interaction, who moved an application or a pool membership to its stage, and whose a reminder is.

Each new column is a nullable key that a user's removal sets to NULL ("nobody's"). A local
database gets its one user, named after the computer's login (or "Me"), who then owns every
candidate and reminder and made every interaction and stage change already there: nothing
changes for a single user. A team database's rows stay unowned until its recruiters connect.

SQLite adds each column in place (ALTER TABLE … ADD COLUMN), then writes its key into the
table's definition as a named table constraint, as SQLite's documentation describes for schema
changes that leave the stored rows as they are (writable_schema, then a new schema version).
No table is copied (a million candidates, the search index's view and triggers over them are
left as they are), and the definition reads back, key names and ON DELETE included, as that of
a new database (a column's own REFERENCES would read back without either).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 14:30:00
"""

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

from talentdesk.core.db import server_schema
from talentdesk.core.users.default import add_default_user

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# (table, column): every key that names a user.
COLUMNS = (
    ("candidate", "owner_id"),
    ("interaction", "created_by_id"),
    ("reminder", "owner_id"),
    ("pool_membership", "stage_changed_by_id"),
    ("application_stage_change", "by_id"),
)


def _fk(table: str, column: str) -> str:
    return f"fk_{table}_{column}_app_user"


def upgrade() -> None:
    op.create_table(
        "app_user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("name", name=op.f("uq_app_user_name")),
    )
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        _sqlite_add_keys(bind)
    for table, column in () if sqlite else COLUMNS:
        op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
        op.create_foreign_key(
            _fk(table, column), table, "app_user", [column], ["id"], ondelete="SET NULL"
        )
    op.create_index(op.f("ix_candidate_owner_id"), "candidate", ["owner_id"])
    if server_schema.has_old_rows(bind):
        _everything_is_the_default_users(bind)


def _key(table: str, column: str) -> str:
    return (
        f", \n\tCONSTRAINT {_fk(table, column)} FOREIGN KEY({column})"
        " REFERENCES app_user (id) ON DELETE SET NULL\n)"
    )


def _sqlite_add_keys(bind: sa.Connection) -> None:
    for table, column in COLUMNS:
        bind.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER")
    _rewrite_definitions(bind, lambda sql, t, c: sql.rstrip()[:-1].rstrip() + _key(t, c))


def _sqlite_drop_keys(bind: sa.Connection) -> None:
    _rewrite_definitions(bind, lambda sql, t, c: sql.replace(_key(t, c), "\n)"))
    for table, column in COLUMNS:
        bind.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN {column}")


def _rewrite_definitions(bind: sa.Connection, rewrite: Callable[[str, str, str], str]) -> None:
    """Each table of COLUMNS's definition rewritten (the rows stay as they are), and the schema
    version moved on so that every connection reads the new definitions."""
    version = int(bind.exec_driver_sql("PRAGMA schema_version").scalar_one())
    bind.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        for table, column in COLUMNS:
            where = "WHERE type = 'table' AND name = :name"
            sql = bind.execute(
                sa.text(f"SELECT sql FROM sqlite_master {where}"), {"name": table}
            ).scalar_one()
            new = rewrite(sql, table, column)
            assert new != sql, f"the definition of {table} is not as expected"
            bind.execute(
                sa.text(f"UPDATE sqlite_master SET sql = :sql {where}"), {"name": table, "sql": new}
            )
        bind.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
    finally:
        bind.exec_driver_sql("PRAGMA writable_schema = OFF")


def _everything_is_the_default_users(bind: sa.Connection) -> None:
    user = add_default_user(bind)
    for table, column in COLUMNS:
        bind.execute(sa.text(f"UPDATE {table} SET {column} = :user"), {"user": user})


def downgrade() -> None:
    op.drop_index(op.f("ix_candidate_owner_id"), table_name="candidate")
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _sqlite_drop_keys(bind)
    for table, column in () if bind.dialect.name == "sqlite" else COLUMNS:
        op.drop_constraint(_fk(table, column), table, type_="foreignkey")
        op.drop_column(table, column)
    op.drop_table("app_user")
