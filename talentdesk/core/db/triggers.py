"""Schema objects the ORM metadata cannot describe: the FTS5 search index and the triggers that
keep it and `candidate.last_contact_at` in step.

Each version is frozen once a migration has shipped it: a change adds a new list and a
migration that drops the old objects and creates the new ones. `CURRENT` is what a brand-new
database gets.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

from talentdesk.core.folding import FOLD_V1


def _fold(expr: str) -> str:
    for letter, plain in FOLD_V1.items():
        expr = f"replace({expr}, '{letter}', '{plain}')"
    return expr


def _fts_refresh(candidate_ids: str) -> str:
    """Statements that rebuild the search row of the candidates selected by `candidate_ids`."""
    return f"""
    DELETE FROM candidate_fts WHERE rowid IN ({candidate_ids});
    INSERT INTO candidate_fts(rowid, name, email, title, company, city, tags, notes)
    SELECT c.id, {", ".join(_fold(column) for column in _FTS_COLUMNS)}
    FROM candidate c WHERE c.id IN ({candidate_ids});
    """


def search_rows_refresh(candidate_ids: str) -> list[str]:
    """The statements that rebuild the search rows of the candidates `candidate_ids` (a
    subquery) selects: for set-based writes that hold the per-row triggers back (bulk tags)."""
    return [sql.strip() for sql in _fts_refresh(candidate_ids).split(";") if sql.strip()]


_FTS_COLUMNS = (
    "c.first_name || ' ' || c.last_name",
    "coalesce(c.email, '') || ' ' || coalesce((SELECT group_concat(e.email, ' ')"
    " FROM candidate_email e WHERE e.candidate_id = c.id), '')",
    "coalesce(c.title, '')",
    "coalesce(c.company, '')",
    "coalesce(c.city, '')",
    "coalesce((SELECT group_concat(t.name, ' ') FROM candidate_tag ct"
    " JOIN tag t ON t.id = ct.tag_id WHERE ct.candidate_id = c.id), '')",
    "coalesce(c.notes, '')",
)


def _trigger(name: str, event: str, body: str, when: str = "") -> str:
    condition = f" WHEN {when}" if when else ""
    return f"CREATE TRIGGER {name} AFTER {event}{condition} BEGIN {body} END"


_LAST_CONTACT_RECOMPUTE = """
    UPDATE candidate SET last_contact_at = (
        SELECT max(i.occurred_at) FROM interaction i
        WHERE i.candidate_id = OLD.candidate_id AND i.kind <> 'note')
    WHERE id = OLD.candidate_id;
"""

V1: tuple[str, ...] = (
    # Diacritics folded so "krakow" finds "Kraków"; prefix indexes make search-as-you-type fast.
    "CREATE VIRTUAL TABLE candidate_fts USING fts5("
    "name, email, title, company, city, tags, notes, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')",
    _trigger("trg_candidate_fts_insert", "INSERT ON candidate", _fts_refresh("NEW.id")),
    _trigger(
        "trg_candidate_fts_update",
        "UPDATE OF first_name, last_name, email, title, company, city, notes ON candidate",
        _fts_refresh("NEW.id"),
    ),
    _trigger(
        "trg_candidate_fts_delete",
        "DELETE ON candidate",
        "DELETE FROM candidate_fts WHERE rowid = OLD.id;",
    ),
    _trigger(
        "trg_candidate_email_fts_insert",
        "INSERT ON candidate_email",
        _fts_refresh("NEW.candidate_id"),
    ),
    _trigger(
        "trg_candidate_email_fts_update",
        "UPDATE ON candidate_email",
        _fts_refresh("OLD.candidate_id, NEW.candidate_id"),
    ),
    _trigger(
        "trg_candidate_email_fts_delete",
        "DELETE ON candidate_email",
        _fts_refresh("OLD.candidate_id"),
    ),
    _trigger(
        "trg_candidate_tag_fts_insert", "INSERT ON candidate_tag", _fts_refresh("NEW.candidate_id")
    ),
    _trigger(
        "trg_candidate_tag_fts_delete", "DELETE ON candidate_tag", _fts_refresh("OLD.candidate_id")
    ),
    _trigger(
        "trg_tag_fts_rename",
        "UPDATE OF name ON tag",
        _fts_refresh("SELECT candidate_id FROM candidate_tag WHERE tag_id = NEW.id"),
    ),
    _trigger(
        "trg_interaction_last_contact_insert",
        "INSERT ON interaction",
        """UPDATE candidate SET last_contact_at = NEW.occurred_at
           WHERE id = NEW.candidate_id
             AND (last_contact_at IS NULL OR last_contact_at < NEW.occurred_at);""",
        when="NEW.kind <> 'note'",
    ),
    _trigger(
        "trg_interaction_last_contact_update",
        "UPDATE OF occurred_at, kind, candidate_id ON interaction",
        _LAST_CONTACT_RECOMPUTE
        + """UPDATE candidate SET last_contact_at = (
                 SELECT max(i.occurred_at) FROM interaction i
                 WHERE i.candidate_id = NEW.candidate_id AND i.kind <> 'note')
             WHERE id = NEW.candidate_id;""",
    ),
    _trigger(
        "trg_interaction_last_contact_delete", "DELETE ON interaction", _LAST_CONTACT_RECOMPUTE
    ),
)

CURRENT = V1


def create(connection: Connection, statements: tuple[str, ...] = CURRENT) -> None:
    """On a PostgreSQL server, its own triggers (server_schema.py; only V1 exists so far)."""
    if connection.dialect.name != "sqlite":
        from talentdesk.core.db import server_schema

        server_schema.create(connection)
        return
    for statement in statements:
        connection.execute(text(statement))


def object_names(statements: tuple[str, ...]) -> list[str]:
    return [_object_name(s) for s in statements]


def _object_name(statement: str) -> str:
    found = re.search(r"CREATE (?:VIRTUAL TABLE|TRIGGER) (\w+)", statement)
    if found is None:
        raise ValueError(f"not a CREATE VIRTUAL TABLE or CREATE TRIGGER: {statement[:60]!r}")
    return found.group(1)


def drop(connection: Connection, statements: tuple[str, ...]) -> None:
    """Drop what `statements` created: triggers first, then the search table."""
    if connection.dialect.name != "sqlite":
        from talentdesk.core.db import server_schema

        server_schema.drop(connection)
        return
    for name in reversed(object_names(statements)):
        kind = "TABLE" if name == "candidate_fts" else "TRIGGER"
        connection.execute(text(f"DROP {kind} IF EXISTS {name}"))


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """For Alembic's autogenerate: the FTS table and its shadow tables are not ORM models."""
    return not (type_ == "table" and name is not None and name.startswith("candidate_fts"))
