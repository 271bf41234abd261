"""Privacy: consent gets a purpose, evidence, withdrawal and the information notice, and
"legal obligation" as a basis; suppression of erased people; an audit log; the template an
outbox message was written from; a starter list of people whose consent ends soon (the
re-consent campaign's audience).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 08:40:00
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from talentdesk.core.db import server_schema

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_OLD_BASES = ("consent", "legitimate_interest", "contract")
_NEW_BASES = (*_OLD_BASES, "legal_obligation")


def _consent_table(bases: tuple[str, ...]) -> sa.Table:
    """The consent table as 0001 made it, with `bases` allowed: SQLite can't change a CHECK
    constraint in place, so the batch copies into this definition."""
    return sa.Table(
        "consent",
        sa.MetaData(),
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "candidate_id",
            sa.Integer(),
            sa.ForeignKey(
                "candidate.id", name="fk_consent_candidate_id_candidate", ondelete="CASCADE"
            ),
            nullable=False,
        ),
        sa.Column(
            "legal_basis",
            sa.Enum(
                *bases, name="legal_basis", native_enum=False, create_constraint=True, length=32
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "given",
                "withdrawn",
                "expired",
                name="status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("given_at", sa.DateTime(), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
    )


def upgrade() -> None:
    on_sqlite = op.get_bind().dialect.name == "sqlite"
    with op.batch_alter_table(
        "consent",
        recreate=server_schema.recreate(op.get_bind()),
        copy_from=_consent_table(_NEW_BASES),
    ) as batch:
        batch.add_column(
            sa.Column(
                "purpose",
                sa.Enum(
                    "talent_pool",
                    "vacancy",
                    "newsletter",
                    name="consent_purpose",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                server_default="talent_pool",
                nullable=False,
            )
        )
        batch.add_column(sa.Column("vacancy_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("evidence", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("evidence_interaction_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("withdrawn_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("notice_sent_at", sa.DateTime(), nullable=True))
        batch.add_column(sa.Column("created_at", sa.DateTime(), nullable=True))
        batch.create_foreign_key(
            "fk_consent_vacancy_id_vacancy", "vacancy", ["vacancy_id"], ["id"], ondelete="SET NULL"
        )
        batch.create_foreign_key(
            "fk_consent_evidence_interaction_id_interaction",
            "interaction",
            ["evidence_interaction_id"],
            ["id"],
            ondelete="SET NULL",
        )
        if on_sqlite:  # the copy lost them; altered in place, the table kept them
            batch.create_index("ix_consent_candidate_id", ["candidate_id"], unique=False)
            batch.create_index("ix_consent_expires_at", ["expires_at"], unique=False)
    if not on_sqlite:  # in place: the CHECK of the legal bases, changed as the copy did
        op.drop_constraint(op.f("ck_consent_legal_basis"), "consent", type_="check")
        allowed = ", ".join(f"'{basis}'" for basis in _NEW_BASES)
        op.create_check_constraint(
            op.f("ck_consent_legal_basis"), "consent", f"legal_basis IN ({allowed})"
        )
    op.create_table(
        "suppression",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("erased_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suppression")),
        sa.UniqueConstraint("key_hash", name=op.f("uq_suppression_key_hash")),
    )
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("detail", sa.String(length=400), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    op.create_index("ix_audit_entry_occurred_at", "audit_entry", ["occurred_at"], unique=False)
    op.add_column("outbox_message", sa.Column("template_name", sa.String(length=200)))
    add_starters(op.get_bind())


# Written out as `Filter.to_json` reads it, as 0007's starters are.
STARTERS: tuple[tuple[str, str], ...] = (("Consent expiring soon", '{"consent": ["expiring"]}'),)


def add_starters(connection: sa.Connection) -> None:
    """After the lists there are (also called for a brand-new database: db/migrate.py); a list
    of the user's own by that name is kept."""
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    sql = (
        "INSERT OR IGNORE INTO saved_list (name, filter, position, created_at, updated_at)"
        " SELECT :name, :filter, coalesce(max(position) + 1, 0), :now, :now"
        " FROM saved_list"
    )
    if connection.dialect.name != "sqlite":  # PostgreSQL's way of "OR IGNORE"
        sql = sql.replace("OR IGNORE ", "") + " ON CONFLICT DO NOTHING"
    for name, data in STARTERS:
        connection.execute(sa.text(sql), {"name": name, "filter": data, "now": now})


def downgrade() -> None:
    op.execute(
        "DELETE FROM saved_list WHERE name = 'Consent expiring soon'"
        ' AND filter = \'{"consent": ["expiring"]}\''
    )
    # SQLite's own DROP COLUMN keeps the table's triggers (a batch copy would lose them).
    op.execute("ALTER TABLE outbox_message DROP COLUMN template_name")
    op.drop_index("ix_audit_entry_occurred_at", table_name="audit_entry")
    op.drop_table("audit_entry")
    op.drop_table("suppression")
    op.execute("DELETE FROM consent WHERE legal_basis = 'legal_obligation'")
    # The copy keeps only the columns 0001 made: the rest go with the old table.
    with op.batch_alter_table(
        "consent",
        recreate=server_schema.recreate(op.get_bind()),
        copy_from=_consent_table(_OLD_BASES),
    ) as batch:
        batch.create_index("ix_consent_candidate_id", ["candidate_id"], unique=False)
        batch.create_index("ix_consent_expires_at", ["expires_at"], unique=False)
