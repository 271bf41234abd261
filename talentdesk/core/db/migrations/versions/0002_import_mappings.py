"""Saved import mappings: a column mapping kept under a name for the next file of its kind.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 03:03:56.427976
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_mapping",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100, collation="NOCASE"), nullable=False),
        sa.Column("columns", sa.JSON(), nullable=False),
        sa.Column("preset", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_mapping")),
        sa.UniqueConstraint("name", name=op.f("uq_import_mapping_name")),
    )


def downgrade() -> None:
    op.drop_table("import_mapping")
