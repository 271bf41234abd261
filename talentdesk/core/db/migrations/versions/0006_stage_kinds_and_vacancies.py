"""One stage model for pools and vacancies, and what a vacancy needs to be worked.

- Every pool stage gains a `kind` (what the code relies on), guessed from its name; a
  membership's stage must be a stage of its own pool (a composite foreign key), and one that
  is not (never written by the app) is moved to its own pool's stage of that name first.
- Vacancies gain a pipeline of their own stages, wanted tags, the role's details and matching
  weights. The pipeline: the nine defaults, plus one stage per other name its applications are
  at or their history went through, spelt as first used. Names are one stage whatever their
  case or white space ("declined", " Offer ", "tech test", "évaluation"); a custom stage goes
  after the default of its kind.
- An application's free-text stage becomes a reference to its vacancy's stage (a blank one: the
  first); the history keeps the names as they were and gains the kind each move went to.

The kind rules are written out rather than imported: a migration must keep meaning what it
meant when it shipped (enums.guess_stage_kind is the same rule today).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 03:30:00
"""

import re

import sqlalchemy as sa
from alembic import op

from talentdesk.core.db import server_schema

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_KINDS = (
    "new",
    "contacted",
    "screening",
    "interviewing",
    "offer",
    "hired",
    "rejected",
    "declined",
    "withdrawn",
)
_DEFAULTS = (
    ("Sourced", "new"),
    ("Contacted", "contacted"),
    ("Engaged", "screening"),
    ("Interviewing", "interviewing"),
    ("Offer", "offer"),
    ("Hired", "hired"),
    ("Not a fit", "rejected"),
    ("Declined", "declined"),
    ("Withdrawn", "withdrawn"),
)
_WORDS = (
    (
        (
            "not a fit", "no fit", "not a good fit", "poor fit", "reject", "unsuccessful",
            "not selected", "not suitable", "unsuitable", "not hired", "no hire", "fail",
            "disqualif", "odrzuc", "abgelehnt",
        ),
        "rejected",
    ),
    (("declin", "turned down", "not interested"), "declined"),
    (("withdr", "dropped out", "ghost"), "withdrawn"),
    (("hired", "placed", "placement", "started", "accepted"), "hired"),
    (("offer",), "offer"),
    (
        (
            "interview", "final round", "onsite", "on-site", "assessment", r"\btest", "case study",
            "entretien", "gespräch", "rozmowa",
        ),
        "interviewing",
    ),
    (("contact", "reached out", "outreach"), "contacted"),
    (("screen", "engag", "phone", "qualif"), "screening"),
    (("sourc", r"\bnew", "applied", r"\blead", "prospect"), "new"),
)  # fmt: skip


def _kind_of(name: str) -> str:
    folded = name.strip().casefold()
    for default, kind in _DEFAULTS:
        if folded == default.casefold():
            return kind
    for words, kind in _WORDS:
        if any(re.search(word, folded) for word in words):
            return kind
    return "screening"


def _kind_type(name: str, check: bool = True) -> sa.Enum:
    return sa.Enum(*_KINDS, name=name, native_enum=False, create_constraint=check, length=32)


def upgrade() -> None:
    # The rows' repairs and moves are SQLite's SQL (server_schema.has_old_rows).
    old_rows = server_schema.has_old_rows(op.get_bind())
    if old_rows:
        _members_at_stages_of_their_pools()
    _pool_stage_kinds()
    with op.batch_alter_table(
        "pool_membership", recreate=server_schema.recreate(op.get_bind())
    ) as batch:
        batch.drop_constraint("fk_pool_membership_stage_id_pool_stage", type_="foreignkey")
        batch.create_foreign_key(
            "fk_pool_membership_stage_of_pool",
            "pool_stage",
            ["pool_id", "stage_id"],
            ["pool_id", "id"],
            ondelete="RESTRICT",
        )
    _vacancy_details()
    _vacancy_stages(old_rows)
    _applications_at_stages(old_rows)
    _reminders_per_vacancy()
    _outbox_per_vacancy()


def _members_at_stages_of_their_pools() -> None:
    """A membership whose stage is another pool's, or gone (the app never wrote one; a script
    or a tool with foreign keys off could), moves to its own pool's stage of that name, added
    after the others if need be; one whose stage is gone, to its pool's first stage. Otherwise
    the composite key would refuse the database, and the app could not open it."""
    bind = op.get_bind()
    stray = bind.execute(
        sa.text(
            "SELECT m.id, m.pool_id, s.name FROM pool_membership m"
            " LEFT JOIN pool_stage s ON s.id = m.stage_id WHERE s.pool_id IS NOT m.pool_id"
        )
    ).all()
    for membership_id, pool_id, name in stray:
        stage_id = bind.execute(
            sa.text(
                "SELECT id FROM pool_stage WHERE pool_id = :p AND (name = :n OR :n IS NULL)"
                " ORDER BY position LIMIT 1"
            ),
            {"p": pool_id, "n": name},
        ).scalar()
        if stage_id is None:
            stage_id = bind.execute(
                sa.text(
                    "INSERT INTO pool_stage (pool_id, name, position) SELECT :p, :n,"
                    " coalesce(max(position) + 1, 0) FROM pool_stage WHERE pool_id = :p"
                ),
                {"p": pool_id, "n": name or _DEFAULTS[0][0]},
            ).lastrowid
        bind.execute(
            sa.text("UPDATE pool_membership SET stage_id = :s WHERE id = :m"),
            {"s": stage_id, "m": membership_id},
        )


def _pool_stage_kinds() -> None:
    bind = op.get_bind()
    op.add_column("pool_stage", sa.Column("kind", sa.String(32), nullable=True))
    stages = bind.execute(sa.text("SELECT id, name FROM pool_stage")).all()
    for stage_id, name in stages:
        bind.execute(
            sa.text("UPDATE pool_stage SET kind = :kind WHERE id = :id"),
            {"kind": _kind_of(name), "id": stage_id},
        )
    with op.batch_alter_table(
        "pool_stage", recreate=server_schema.recreate(op.get_bind())
    ) as batch:
        batch.alter_column(
            "kind", existing_type=sa.String(32), type_=_kind_type("kind"), nullable=False
        )
        batch.create_unique_constraint("uq_pool_stage_pool_id_id", ["pool_id", "id"])


def _vacancy_details() -> None:
    with op.batch_alter_table("vacancy") as batch:
        batch.add_column(sa.Column("hiring_manager", sa.String(200), nullable=True))
        batch.add_column(
            sa.Column(
                "remote_policy",
                sa.Enum(
                    "onsite",
                    "hybrid",
                    "remote",
                    name="remote_policy",
                    native_enum=False,
                    create_constraint=False,
                    length=32,
                ),
                nullable=True,
            )
        )
        batch.add_column(
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
                    create_constraint=False,
                    length=32,
                ),
                nullable=True,
            )
        )
        batch.add_column(sa.Column("salary_min", sa.Numeric(12, 2), nullable=True))
        batch.add_column(sa.Column("salary_max", sa.Numeric(12, 2), nullable=True))
        batch.add_column(sa.Column("salary_currency", sa.String(3), nullable=True))
        batch.add_column(sa.Column("match_weights", sa.JSON(), nullable=True))
    op.create_table(
        "vacancy_tag",
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column("tag_id", sa.Integer(), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["tag_id"], ["tag.id"], name=op.f("fk_vacancy_tag_tag_id_tag"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["vacancy_id"],
            ["vacancy.id"],
            name=op.f("fk_vacancy_tag_vacancy_id_vacancy"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("vacancy_id", "tag_id", name=op.f("pk_vacancy_tag")),
    )
    op.create_index(op.f("ix_vacancy_tag_tag_id"), "vacancy_tag", ["tag_id"], unique=False)


def _vacancy_stages(old_rows: bool) -> None:
    op.create_table(
        "vacancy_stage",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("kind", _kind_type("kind"), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["vacancy_id"],
            ["vacancy.id"],
            name=op.f("fk_vacancy_stage_vacancy_id_vacancy"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vacancy_stage")),
        sa.UniqueConstraint("vacancy_id", "name", name=op.f("uq_vacancy_stage_vacancy_id_name")),
        sa.UniqueConstraint("vacancy_id", "id", name="uq_vacancy_stage_vacancy_id_id"),
    )
    if not old_rows:
        return
    bind = op.get_bind()
    spellings = _spellings_used(bind)
    names: dict[int, dict[str, str]] = {}  # vacancy -> casefold -> the name as first spelt
    for vacancy_id, raw in spellings:
        name = _tidy(raw)
        if name:
            names.setdefault(vacancy_id, {}).setdefault(name.casefold(), name)
    kinds = {kind: rank for rank, kind in enumerate(_KINDS)}
    # The defaults are in the order of their kinds; a custom stage goes after the default of
    # its kind, custom stages of one kind in the order they were first used.
    for (vacancy_id,) in bind.execute(sa.text("SELECT id FROM vacancy")).all():
        stages = [(kinds[kind], 0, i, name, kind) for i, (name, kind) in enumerate(_DEFAULTS)]
        for i, name in enumerate(names.get(vacancy_id, {}).values()):
            if name.casefold() not in _DEFAULT_KEYS:
                kind = _kind_of(name)
                stages.append((kinds[kind], 1, i, name, kind))
        bind.execute(
            sa.text(
                "INSERT INTO vacancy_stage (vacancy_id, name, kind, position)"
                " VALUES (:v, :n, :k, :p)"
            ),
            [
                {"v": vacancy_id, "n": name, "k": kind, "p": position}
                for position, (*_, name, kind) in enumerate(sorted(stages))
            ],
        )
    _stage_of_each_spelling(bind, spellings)


_DEFAULT_KEYS = frozenset(name.casefold() for name, _ in _DEFAULTS)


def _tidy(name: str) -> str:
    """A free-text stage as a stage name: runs of white space (tabs, no-break spaces) made one
    space, none at the ends. Two names are one stage when these match in any case."""
    return " ".join(name.split())


def _spellings_used(bind: sa.Connection) -> list[tuple[int, str]]:
    """Each vacancy's stages as typed, once each, in the order first used: the stages its
    applications are at (when last updated) and those their history went through."""
    rows = bind.execute(
        sa.text(
            "SELECT vacancy_id, raw, min(seen) AS first FROM ("
            " SELECT vacancy_id, stage AS raw, updated_at AS seen FROM application"
            " UNION ALL SELECT a.vacancy_id, h.to_stage, h.moved_at"
            "  FROM application_stage_change h JOIN application a ON a.id = h.application_id"
            " UNION ALL SELECT a.vacancy_id, h.from_stage, h.moved_at"
            "  FROM application_stage_change h JOIN application a ON a.id = h.application_id"
            "  WHERE h.from_stage IS NOT NULL"
            ") GROUP BY vacancy_id, raw ORDER BY first, raw"
        )
    )
    return [(int(vacancy_id), str(raw)) for vacancy_id, raw, _ in rows]


def _stage_of_each_spelling(bind: sa.Connection, spellings: list[tuple[int, str]]) -> None:
    """temp.stage_of_name: the stage each spelling now is (matched here, not in SQL: SQLite's
    lower() folds ASCII letters only, and "Évaluation" is "évaluation")."""
    bind.execute(
        sa.text(
            "CREATE TEMP TABLE stage_of_name (vacancy_id INTEGER NOT NULL, raw TEXT NOT NULL,"
            " stage_id INTEGER NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (vacancy_id, raw))"
        )
    )
    stages = {
        (vacancy_id, name.casefold()): (stage_id, kind)
        for stage_id, vacancy_id, name, kind in bind.execute(
            sa.text("SELECT id, vacancy_id, name, kind FROM vacancy_stage")
        )
    }
    rows = []
    for vacancy_id, raw in spellings:
        found = stages.get((vacancy_id, _tidy(raw).casefold()))
        if found is not None:  # a blank one is not a stage
            rows.append({"v": vacancy_id, "r": raw, "s": found[0], "k": found[1]})
    if rows:
        bind.execute(sa.text("INSERT INTO temp.stage_of_name VALUES (:v, :r, :s, :k)"), rows)


def _applications_at_stages(old_rows: bool) -> None:
    bind = op.get_bind()
    op.add_column("application", sa.Column("stage_id", sa.Integer(), nullable=True))
    # A blank stage: the vacancy's first.
    if old_rows:
        bind.execute(
            sa.text(
                "UPDATE application SET stage_id = coalesce("
                " (SELECT n.stage_id FROM temp.stage_of_name n"
                "  WHERE n.vacancy_id = application.vacancy_id AND n.raw = application.stage),"
                " (SELECT s.id FROM vacancy_stage s WHERE s.vacancy_id = application.vacancy_id"
                "  ORDER BY s.position LIMIT 1))"
            )
        )
    op.drop_index("ix_application_vacancy_id", table_name="application")
    with op.batch_alter_table(
        "application", recreate=server_schema.recreate(op.get_bind())
    ) as batch:
        batch.drop_column("stage")
        batch.alter_column("stage_id", existing_type=sa.Integer(), nullable=False)
        batch.add_column(sa.Column("position", sa.Integer(), server_default="0", nullable=False))
        batch.create_foreign_key(
            "fk_application_stage_of_vacancy",
            "vacancy_stage",
            ["vacancy_id", "stage_id"],
            ["vacancy_id", "id"],
            ondelete="RESTRICT",
        )
    op.create_index("ix_application_vacancy_id_stage_id", "application", ["vacancy_id", "stage_id"])
    op.add_column(
        "application_stage_change",
        sa.Column("to_kind", _kind_type("to_kind", check=False), nullable=True),
    )
    if old_rows:
        bind.execute(
            sa.text(
                "UPDATE application_stage_change SET to_kind = ("
                " SELECT n.kind FROM application a JOIN temp.stage_of_name n"
                "  ON n.vacancy_id = a.vacancy_id AND n.raw = application_stage_change.to_stage"
                " WHERE a.id = application_stage_change.application_id)"
            )
        )
        bind.execute(sa.text("DROP TABLE temp.stage_of_name"))


_OPEN_GENERATED_WHERE = "done_at IS NULL AND origin != 'manual'"


def _expression_indexes(generated_key: str) -> None:
    """The reminder table's expression indexes, which a batch copy cannot carry over."""
    op.create_index(
        "ix_reminder_open_due",
        "reminder",
        [sa.text("coalesce(snoozed_until, due_at)")],
        unique=False,
        sqlite_where=sa.text("done_at IS NULL"),
        postgresql_where=sa.text("done_at IS NULL"),
    )
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
        ["candidate_id", "origin", sa.text(generated_key)],
        unique=True,
        sqlite_where=sa.text(_OPEN_GENERATED_WHERE),
        postgresql_where=sa.text(_OPEN_GENERATED_WHERE),
    )


def _drop_expression_indexes() -> None:
    for name in ("ux_reminder_open_generated", "ix_reminder_unannounced", "ix_reminder_open_due"):
        op.drop_index(name, table_name="reminder")


def _reminders_per_vacancy() -> None:
    """Feedback owed on a vacancy belongs to that vacancy (one per candidate and vacancy, as
    one per candidate and pool): the generated key is the pool, minus the vacancy, or 0."""
    _drop_expression_indexes()
    with op.batch_alter_table("reminder", recreate=server_schema.recreate(op.get_bind())) as batch:
        batch.add_column(sa.Column("vacancy_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_reminder_vacancy_id_vacancy", "vacancy", ["vacancy_id"], ["id"], ondelete="CASCADE"
        )
    op.create_index("ix_reminder_vacancy_id", "reminder", ["vacancy_id"], unique=False)
    _expression_indexes("coalesce(pool_id, -vacancy_id, 0)")
    # The open vacancy feedback reminders made before knew no vacancy: the next refresh
    # makes them again, each for its own vacancy.
    op.execute(
        "DELETE FROM reminder WHERE origin = 'feedback' AND pool_id IS NULL AND done_at IS NULL"
    )


def _outbox_per_vacancy() -> None:
    """A message knows the vacancy it was about, and whether it tells the candidate how it
    went (logged as feedback once sent)."""
    op.drop_index("ix_outbox_message_queued_due", table_name="outbox_message")
    with op.batch_alter_table(
        "outbox_message", recreate=server_schema.recreate(op.get_bind())
    ) as batch:
        batch.add_column(sa.Column("vacancy_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("is_feedback", sa.Boolean(), server_default="0", nullable=False))
        batch.create_foreign_key(
            "fk_outbox_message_vacancy_id_vacancy",
            "vacancy",
            ["vacancy_id"],
            ["id"],
            ondelete="SET NULL",
        )
    _outbox_due_index()


def _outbox_due_index() -> None:
    op.create_index(
        "ix_outbox_message_queued_due",
        "outbox_message",
        ["next_attempt_at", "id"],
        unique=False,
        sqlite_where=sa.text("status = 'queued'"),
        postgresql_where=sa.text("status = 'queued'"),
    )


def downgrade() -> None:
    bind = op.get_bind()
    op.drop_index("ix_outbox_message_queued_due", table_name="outbox_message")
    with op.batch_alter_table(
        "outbox_message", recreate=server_schema.recreate(op.get_bind())
    ) as batch:
        batch.drop_constraint("fk_outbox_message_vacancy_id_vacancy", type_="foreignkey")
        batch.drop_column("is_feedback")
        batch.drop_column("vacancy_id")
    _outbox_due_index()
    op.drop_index("ix_reminder_vacancy_id", table_name="reminder")
    _drop_expression_indexes()
    with op.batch_alter_table("reminder", recreate=server_schema.recreate(op.get_bind())) as batch:
        batch.drop_constraint("fk_reminder_vacancy_id_vacancy", type_="foreignkey")
        batch.drop_column("vacancy_id")
    _expression_indexes("coalesce(pool_id, 0)")
    op.drop_column("application_stage_change", "to_kind")
    op.drop_index("ix_application_vacancy_id_stage_id", table_name="application")
    op.add_column("application", sa.Column("stage", sa.String(100), nullable=True))
    bind.execute(
        sa.text(
            "UPDATE application SET stage ="
            " (SELECT name FROM vacancy_stage s WHERE s.id = application.stage_id)"
        )
    )
    with op.batch_alter_table(
        "application", recreate=server_schema.recreate(op.get_bind())
    ) as batch:
        batch.drop_constraint("fk_application_stage_of_vacancy", type_="foreignkey")
        batch.drop_column("position")
        batch.drop_column("stage_id")
        batch.alter_column("stage", existing_type=sa.String(100), nullable=False)
    op.create_index("ix_application_vacancy_id", "application", ["vacancy_id"])
    op.drop_table("vacancy_stage")
    op.drop_index(op.f("ix_vacancy_tag_tag_id"), table_name="vacancy_tag")
    op.drop_table("vacancy_tag")
    with op.batch_alter_table("vacancy") as batch:
        for column in (
            "match_weights",
            "salary_currency",
            "salary_max",
            "salary_min",
            "seniority",
            "remote_policy",
            "hiring_manager",
        ):
            batch.drop_column(column)
    with op.batch_alter_table(
        "pool_membership", recreate=server_schema.recreate(op.get_bind())
    ) as batch:
        batch.drop_constraint("fk_pool_membership_stage_of_pool", type_="foreignkey")
        batch.create_foreign_key(
            "fk_pool_membership_stage_id_pool_stage",
            "pool_stage",
            ["stage_id"],
            ["id"],
            ondelete="RESTRICT",
        )
    with op.batch_alter_table(
        "pool_stage", recreate=server_schema.recreate(op.get_bind())
    ) as batch:
        batch.drop_constraint("uq_pool_stage_pool_id_id", type_="unique")
        batch.drop_constraint(op.f("ck_pool_stage_kind"), type_="check")
        batch.drop_column("kind")
