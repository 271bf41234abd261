"""Initial schema: candidates, tags, pools, interactions, reminders, vacancies, consent.

Revision ID: 0001
Revises:
Create Date: 2026-11-26 23:33:02.637640
"""

import sqlalchemy as sa
from alembic import op

from talentdesk.core.db import server_schema, triggers

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    server_schema.prelude(op.get_bind())  # a PostgreSQL server's NOCASE collation
    op.create_table(
        "candidate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("sort_name", sa.String(length=201), server_default="", nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=50), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("country", sa.String(length=100), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("company", sa.String(length=200), nullable=True),
        sa.Column(
            "seniority",
            sa.Enum(
                "junior",
                "mid",
                "senior",
                "lead",
                "principal",
                "executive",
                name="seniority",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("industry", sa.String(length=100), nullable=True),
        sa.Column("linkedin_url", sa.String(length=300), nullable=True),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column(
            "relationship_kind",
            sa.Enum(
                "none",
                "referred_by",
                "former_colleague",
                "met_at_event",
                name="relationship_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("referred_by_id", sa.Integer(), nullable=True),
        sa.Column("relationship_note", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "active",
                "passive",
                "placed",
                "do_not_contact",
                name="status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("motivators", sa.Text(), nullable=True),
        sa.Column("doubts", sa.Text(), nullable=True),
        sa.Column("competing_offers", sa.Text(), nullable=True),
        sa.Column("salary_min", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("salary_max", sa.Numeric(precision=12, scale=2), nullable=True),
        sa.Column("salary_currency", sa.String(length=3), nullable=True),
        sa.Column("notice_period", sa.String(length=100), nullable=True),
        sa.Column("available_from", sa.Date(), nullable=True),
        sa.Column("birthday", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("last_contact_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["referred_by_id"],
            ["candidate.id"],
            name=op.f("fk_candidate_referred_by_id_candidate"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate")),
    )
    with op.batch_alter_table("candidate", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_candidate_email"), ["email"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_candidate_last_contact_at"), ["last_contact_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_candidate_linkedin_url"), ["linkedin_url"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_candidate_referred_by_id"), ["referred_by_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_candidate_sort_name"), ["sort_name"], unique=False)

    op.create_table(
        "pool",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("colour", sa.String(length=7), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pool")),
        sa.UniqueConstraint("name", name=op.f("uq_pool_name")),
    )
    op.create_table(
        "tag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column(
            "category",
            sa.Enum(
                "skill",
                "industry",
                "location",
                "seniority",
                "custom",
                name="category",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tag")),
        sa.UniqueConstraint("category", "name", name=op.f("uq_tag_category_name")),
    )
    op.create_table(
        "vacancy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("company", sa.String(length=200), nullable=True),
        sa.Column("location", sa.String(length=200), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "on_hold",
                "filled",
                "closed",
                name="status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vacancy")),
    )
    op.create_table(
        "application",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=100), nullable=False),
        sa.Column("near_fit", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name=op.f("fk_application_candidate_id_candidate"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["vacancy_id"],
            ["vacancy.id"],
            name=op.f("fk_application_vacancy_id_vacancy"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application")),
        sa.UniqueConstraint(
            "candidate_id", "vacancy_id", name=op.f("uq_application_candidate_id_vacancy_id")
        ),
    )
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_application_vacancy_id"), ["vacancy_id"], unique=False)

    op.create_table(
        "candidate_email",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("label", sa.String(length=50), nullable=True),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name=op.f("fk_candidate_email_candidate_id_candidate"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_candidate_email")),
    )
    with op.batch_alter_table("candidate_email", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_candidate_email_candidate_id"), ["candidate_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_candidate_email_email"), ["email"], unique=False)

    op.create_table(
        "candidate_tag",
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name=op.f("fk_candidate_tag_candidate_id_candidate"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tag.id"], name=op.f("fk_candidate_tag_tag_id_tag"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("candidate_id", "tag_id", name=op.f("pk_candidate_tag")),
    )
    with op.batch_alter_table("candidate_tag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_candidate_tag_tag_id"), ["tag_id"], unique=False)

    op.create_table(
        "consent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column(
            "legal_basis",
            sa.Enum(
                "consent",
                "legitimate_interest",
                "contract",
                name="legal_basis",
                native_enum=False,
                create_constraint=True,
                length=32,
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
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name=op.f("fk_consent_candidate_id_candidate"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consent")),
    )
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consent_candidate_id"), ["candidate_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_consent_expires_at"), ["expires_at"], unique=False)

    op.create_table(
        "interaction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "email_out",
                "email_in",
                "call",
                "meeting",
                "message",
                "note",
                "feedback",
                name="kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("occurred_at", sa.DateTime(), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=True),
        sa.Column("body", sa.Text(), nullable=True),
        sa.Column("pool_id", sa.Integer(), nullable=True),
        sa.Column("vacancy_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name=op.f("fk_interaction_candidate_id_candidate"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pool_id"], ["pool.id"], name=op.f("fk_interaction_pool_id_pool"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["vacancy_id"],
            ["vacancy.id"],
            name=op.f("fk_interaction_vacancy_id_vacancy"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interaction")),
    )
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.create_index(
            "ix_interaction_candidate_id_occurred_at", ["candidate_id", "occurred_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_interaction_pool_id"), ["pool_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_interaction_vacancy_id"), ["vacancy_id"], unique=False)

    op.create_table(
        "pool_stage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pool_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pool_id"], ["pool.id"], name=op.f("fk_pool_stage_pool_id_pool"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pool_stage")),
        sa.UniqueConstraint("pool_id", "name", name=op.f("uq_pool_stage_pool_id_name")),
    )
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "follow_up",
                "check_in",
                "birthday",
                "feedback_owed",
                "consent_renewal",
                "custom",
                name="kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.Column("snoozed_until", sa.DateTime(), nullable=True),
        sa.Column("recurrence", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name=op.f("fk_reminder_candidate_id_candidate"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder")),
    )
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.create_index(
            "ix_reminder_candidate_id_done_at_due_at",
            ["candidate_id", "done_at", "due_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_reminder_open_due",
            [sa.text("coalesce(snoozed_until, due_at)")],
            unique=False,
            sqlite_where=sa.text("done_at IS NULL"),
            postgresql_where=sa.text("done_at IS NULL"),
        )

    op.create_table(
        "application_stage_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("from_stage", sa.String(length=100), nullable=True),
        sa.Column("to_stage", sa.String(length=100), nullable=False),
        sa.Column("moved_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["application.id"],
            name=op.f("fk_application_stage_change_application_id_application"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_stage_change")),
    )
    with op.batch_alter_table("application_stage_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_application_stage_change_application_id"),
            ["application_id"],
            unique=False,
        )

    op.create_table(
        "pool_membership",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("pool_id", sa.Integer(), nullable=False),
        sa.Column("stage_id", sa.Integer(), nullable=False),
        sa.Column("near_fit", sa.Boolean(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name=op.f("fk_pool_membership_candidate_id_candidate"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pool_id"],
            ["pool.id"],
            name=op.f("fk_pool_membership_pool_id_pool"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["pool_stage.id"],
            name=op.f("fk_pool_membership_stage_id_pool_stage"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pool_membership")),
        sa.UniqueConstraint(
            "candidate_id", "pool_id", name=op.f("uq_pool_membership_candidate_id_pool_id")
        ),
    )
    with op.batch_alter_table("pool_membership", schema=None) as batch_op:
        batch_op.create_index(
            "ix_pool_membership_pool_id_candidate_id", ["pool_id", "candidate_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_pool_membership_stage_id"), ["stage_id"], unique=False)
    triggers.create(op.get_bind(), triggers.V1)


def downgrade() -> None:
    triggers.drop(op.get_bind(), triggers.V1)
    with op.batch_alter_table("pool_membership", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pool_membership_stage_id"))
        batch_op.drop_index("ix_pool_membership_pool_id_candidate_id")

    op.drop_table("pool_membership")
    with op.batch_alter_table("application_stage_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_stage_change_application_id"))

    op.drop_table("application_stage_change")
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.drop_index("ix_reminder_open_due")
        batch_op.drop_index("ix_reminder_candidate_id_done_at_due_at")

    op.drop_table("reminder")
    op.drop_table("pool_stage")
    with op.batch_alter_table("interaction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interaction_vacancy_id"))
        batch_op.drop_index(batch_op.f("ix_interaction_pool_id"))
        batch_op.drop_index("ix_interaction_candidate_id_occurred_at")

    op.drop_table("interaction")
    with op.batch_alter_table("consent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consent_expires_at"))
        batch_op.drop_index(batch_op.f("ix_consent_candidate_id"))

    op.drop_table("consent")
    with op.batch_alter_table("candidate_tag", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_candidate_tag_tag_id"))

    op.drop_table("candidate_tag")
    with op.batch_alter_table("candidate_email", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_candidate_email_email"))
        batch_op.drop_index(batch_op.f("ix_candidate_email_candidate_id"))

    op.drop_table("candidate_email")
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_application_vacancy_id"))

    op.drop_table("application")
    op.drop_table("vacancy")
    op.drop_table("tag")
    op.drop_table("pool")
    with op.batch_alter_table("candidate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_candidate_referred_by_id"))
        batch_op.drop_index(batch_op.f("ix_candidate_linkedin_url"))
        batch_op.drop_index(batch_op.f("ix_candidate_sort_name"))
        batch_op.drop_index(batch_op.f("ix_candidate_last_contact_at"))
        batch_op.drop_index(batch_op.f("ix_candidate_email"))

    op.drop_table("candidate")
