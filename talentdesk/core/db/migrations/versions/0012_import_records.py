"""Import records (issue 17): one row per import of a CSV file and one small row per person it
created or updated, in place of the "Imported from FILE" note it wrote on every new candidate.

The notes already written become records: one per file name and moment (an import wrote all of
its notes with the same time), keeping that time, linking the people they were on as created;
then the notes are deleted. Only the importer's own notes are moved: kind "note", the subject
"Imported from …", no text, in no pool, written at the moment the person was created.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 11:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

_PREFIX = "Imported from "


def _the_notes(i: str = "") -> str:
    """The importer's notes (`i`: the interaction table's alias and a dot)."""
    return (
        f"{i}kind = 'note' AND substr({i}subject, 1, {len(_PREFIX)}) = '{_PREFIX}'"
        f" AND {i}body IS NULL AND {i}pool_id IS NULL AND {i}created_at = {i}occurred_at"
        f" AND {i}occurred_at = (SELECT c.created_at FROM candidate c"
        f" WHERE c.id = {i}candidate_id)"
    )


# Deleting a note cannot move last_contact_at (notes are not contacts), but the trigger would
# recompute it once per row: held back while the notes go, as the importer does.
_LAST_CONTACT_DELETE = "trg_interaction_last_contact_delete"


def upgrade() -> None:
    op.create_table(
        "import_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("preset", sa.String(length=40), nullable=True),
        sa.Column("mapping", sa.JSON(), nullable=True),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("pool_id", sa.Integer(), nullable=True),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["pool_id"],
            ["pool.id"],
            name=op.f("fk_import_record_pool_id_pool"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_record")),
    )
    op.create_index(op.f("ix_import_record_imported_at"), "import_record", ["imported_at"])
    op.create_table(
        "import_person",
        sa.Column("candidate_id", sa.Integer(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.Column("created", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["candidate_id"],
            ["candidate.id"],
            name=op.f("fk_import_person_candidate_id_candidate"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["import_record.id"],
            name=op.f("fk_import_person_import_id_import_record"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("candidate_id", "import_id", name=op.f("pk_import_person")),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_import_person_import_id", "import_person", ["import_id", "created"])
    if op.get_bind().dialect.name == "sqlite":  # a server database never had the notes
        _move_notes(op.get_bind())


def _move_notes(conn: sa.Connection) -> None:
    start = len(_PREFIX) + 1
    conn.execute(
        sa.text(
            "INSERT INTO import_record (file_name, imported_at, created, updated, skipped)"
            f" SELECT substr(subject, {start}), occurred_at, count(DISTINCT candidate_id), 0, 0"
            f" FROM interaction WHERE {_the_notes()}"
            " GROUP BY subject, occurred_at ORDER BY occurred_at, min(id)"
        )
    )
    conn.execute(
        sa.text(
            "INSERT OR IGNORE INTO import_person (candidate_id, import_id, created)"
            " SELECT i.candidate_id, r.id, 1 FROM interaction i JOIN import_record r"
            f" ON r.file_name = substr(i.subject, {start}) AND r.imported_at = i.occurred_at"
            f" WHERE {_the_notes('i.')}"
            " ORDER BY i.candidate_id"
        )
    )
    found = conn.execute(
        sa.text("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = :name"),
        {"name": _LAST_CONTACT_DELETE},
    ).scalar()
    if found is not None:
        conn.execute(sa.text(f"DROP TRIGGER {_LAST_CONTACT_DELETE}"))
    conn.execute(sa.text(f"DELETE FROM interaction WHERE {_the_notes()}"))
    if found is not None:
        conn.execute(sa.text(found))


def downgrade() -> None:
    """The records become notes again, one per person created (updated people had none)."""
    conn = op.get_bind()
    conn.execute(
        sa.text(
            "INSERT INTO interaction (candidate_id, kind, occurred_at, subject, created_at)"
            f" SELECT p.candidate_id, 'note', r.imported_at, '{_PREFIX}' || r.file_name,"
            " r.imported_at FROM import_person p JOIN import_record r ON r.id = p.import_id"
            " WHERE p.created ORDER BY r.id, p.candidate_id"
        )
    )
    op.drop_index("ix_import_person_import_id", table_name="import_person")
    op.drop_table("import_person")
    op.drop_index(op.f("ix_import_record_imported_at"), table_name="import_record")
    op.drop_table("import_record")
