"""Schema objects the ORM metadata cannot describe: the FTS5 search index and the triggers that
keep it and `candidate.last_contact_at` in step.

V1 kept a copy of every searched text inside the FTS table. V2 (migration 0013) keeps the text
once: the index is "external content" over the view `candidate_search`, which derives each
candidate's search row from what the database stores. FTS5 removes a row's words by reading the
row back from its content, so the view must still show what was indexed when a row is removed:
every change to what the view shows is bracketed, BEFORE the change the row leaves the index
(while the view still shows the old text), AFTER it the row comes back with the new text. Both
are idempotent, guarded by the FTS table's own docsize rows (one per indexed rowid). An
`INSERT OR IGNORE` / `OR REPLACE` into the tables the view reads would break the bracket (a
BEFORE trigger fires for a row then ignored): set-based writes hold the triggers back instead
(bulk/search_rows.py, csvio/bulk.py).

Each version is frozen once a migration has shipped it: a change adds a new list and a
migration that drops the old objects and creates the new ones. `CURRENT` is what a brand-new
database gets.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, text

from talentdesk.core.db import search_order, summary
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
    """V1's statements rebuilding the search rows of the candidates `candidate_ids` (a
    subquery) selects (0013's downgrade; V2 uses `forget_rows` and `index_rows`)."""
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


# -- V2: the search text kept once (external content over a view) --------------------------

SEARCH_COLUMNS = ("name", "email", "title", "company", "city", "tags", "notes")
_SEARCH_VIEW = (
    "CREATE VIEW candidate_search AS SELECT c.id AS id, "
    + ", ".join(
        f"{_fold(expr)} AS {name}" for expr, name in zip(_FTS_COLUMNS, SEARCH_COLUMNS, strict=True)
    )
    + " FROM candidate c"
)
_NAMES = ", ".join(SEARCH_COLUMNS)
_INDEXED = "SELECT id FROM candidate_fts_docsize"


def _forget(candidate_ids: str) -> str:
    """Take the candidates' rows out of the index, read back from the view (which must still
    show what was indexed); rows not indexed are left alone."""
    return f"DELETE FROM candidate_fts WHERE rowid IN ({_INDEXED} WHERE id IN ({candidate_ids}));"


def _index(candidate_ids: str) -> str:
    """Put the candidates' rows into the index as the view shows them now (if not there)."""
    return (
        f"INSERT INTO candidate_fts(rowid, {_NAMES}) SELECT id, {_NAMES} FROM candidate_search"
        f" WHERE id IN ({candidate_ids}) AND id NOT IN ({_INDEXED} WHERE id IN ({candidate_ids}));"
    )


def _before(name: str, event: str, candidate_ids: str) -> str:
    return f"CREATE TRIGGER {name} BEFORE {event} BEGIN {_forget(candidate_ids)} END"


def _bracket(name: str, event: str, before_ids: str, after_ids: str) -> tuple[str, str]:
    return (
        _before(f"{name}_before", event, before_ids),
        _trigger(f"{name}_after", event, _index(after_ids)),
    )


# Prefix indexes for two and three letters, as V1 had: without them a search's first screen
# (core/first_screen.py) reads a three-letter word's matches whole several times over ("anna
# kow" over 1,000,000: 4× slower). No one-letter index: it would cost as much again (~26 B a
# candidate) and the first screen of "a" or "z" reads every match whatever the index.
PREFIX = "2 3"
_LINKED = "SELECT candidate_id FROM candidate_tag WHERE tag_id = {}"
_SEARCHED = "UPDATE OF first_name, last_name, email, title, company, city, notes ON candidate"

V2: tuple[str, ...] = (
    _SEARCH_VIEW,
    "CREATE VIRTUAL TABLE candidate_fts USING fts5("
    f"{_NAMES}, content = 'candidate_search', content_rowid = 'id', "
    f"tokenize = 'unicode61 remove_diacritics 2', prefix = '{PREFIX}')",
    _trigger("trg_candidate_fts_insert", "INSERT ON candidate", _index("NEW.id")),
    *_bracket("trg_candidate_fts_update", _SEARCHED, "OLD.id", "NEW.id"),
    _before("trg_candidate_fts_delete", "DELETE ON candidate", "OLD.id"),
    *_bracket(
        "trg_candidate_email_fts_insert",
        "INSERT ON candidate_email",
        "NEW.candidate_id",
        "NEW.candidate_id",
    ),
    *_bracket(
        "trg_candidate_email_fts_update",
        "UPDATE ON candidate_email",
        "OLD.candidate_id, NEW.candidate_id",
        "OLD.candidate_id, NEW.candidate_id",
    ),
    *_bracket(
        "trg_candidate_email_fts_delete",
        "DELETE ON candidate_email",
        "OLD.candidate_id",
        "OLD.candidate_id",
    ),
    *_bracket(
        "trg_candidate_tag_fts_insert",
        "INSERT ON candidate_tag",
        "NEW.candidate_id",
        "NEW.candidate_id",
    ),
    *_bracket(
        "trg_candidate_tag_fts_update",
        "UPDATE ON candidate_tag",
        "OLD.candidate_id, NEW.candidate_id",
        "OLD.candidate_id, NEW.candidate_id",
    ),
    *_bracket(
        "trg_candidate_tag_fts_delete",
        "DELETE ON candidate_tag",
        "OLD.candidate_id",
        "OLD.candidate_id",
    ),
    *_bracket(
        "trg_tag_fts_rename",
        "UPDATE OF name ON tag",
        _LINKED.format("OLD.id"),
        _LINKED.format("NEW.id"),
    ),
    # The links go by cascade after the tag: their own triggers put the rows back.
    *_bracket(
        "trg_tag_fts_delete", "DELETE ON tag", _LINKED.format("OLD.id"), _LINKED.format("OLD.id")
    ),
    *V1[-3:],  # last_contact_at, unchanged
)


# -- V3: the index's rowid is `candidate.search_key`, which sorts as names do -------------
# (db/search_order.py: a search's first screen by name is the index's first rows). Every
# trigger maps the people it touches to their keys; a new or renamed person is given a key
# first. The view shows each row under its key.
_SEARCH_VIEW_V3 = _SEARCH_VIEW.replace("SELECT c.id AS id,", "SELECT c.search_key AS id,")
_KEYS = "SELECT search_key FROM candidate WHERE id IN ({})"
_SEARCHED_V3 = _SEARCHED.replace("last_name,", "last_name, sort_name,")


def _keyed_bracket(name: str, event: str, before_ids: str, after_ids: str) -> tuple[str, str]:
    return (
        f"CREATE TRIGGER {name}_before BEFORE {event} BEGIN {_forget(_KEYS.format(before_ids))}"
        " END",
        _trigger(f"{name}_after", event, _index(_KEYS.format(after_ids))),
    )


def _candidate_v3() -> tuple[str, ...]:
    renamed = "OLD.sort_name IS NOT NEW.sort_name"
    return (
        _trigger(
            "trg_candidate_fts_insert",
            "INSERT ON candidate",
            search_order.place_one("NEW.id", "NEW.sort_name") + _index(_KEYS.format("NEW.id")),
        ),
        f"CREATE TRIGGER trg_candidate_fts_update_before BEFORE {_SEARCHED_V3} BEGIN"
        f" {_forget(_KEYS.format('OLD.id'))} END",
        _trigger(
            "trg_candidate_fts_update_after",
            _SEARCHED_V3,
            search_order.place_one("NEW.id", "NEW.sort_name", renamed)
            + _index(_KEYS.format("NEW.id")),
        ),
        f"CREATE TRIGGER trg_candidate_fts_delete BEFORE DELETE ON candidate BEGIN"
        f" {_forget(_KEYS.format('OLD.id'))} END",
    )


_BOTH = "OLD.candidate_id, NEW.candidate_id"
# (trigger, event, whose rows leave the index before it, whose come back after), as V2's.
_LINKED_V3 = (
    ("trg_candidate_email_fts_insert", "INSERT ON candidate_email", *["NEW.candidate_id"] * 2),
    ("trg_candidate_email_fts_update", "UPDATE ON candidate_email", _BOTH, _BOTH),
    ("trg_candidate_email_fts_delete", "DELETE ON candidate_email", *["OLD.candidate_id"] * 2),
    ("trg_candidate_tag_fts_insert", "INSERT ON candidate_tag", *["NEW.candidate_id"] * 2),
    ("trg_candidate_tag_fts_update", "UPDATE ON candidate_tag", _BOTH, _BOTH),
    ("trg_candidate_tag_fts_delete", "DELETE ON candidate_tag", *["OLD.candidate_id"] * 2),
    (
        "trg_tag_fts_rename",
        "UPDATE OF name ON tag",
        _LINKED.format("OLD.id"),
        _LINKED.format("NEW.id"),
    ),
    ("trg_tag_fts_delete", "DELETE ON tag", *[_LINKED.format("OLD.id")] * 2),
)

V3: tuple[str, ...] = (
    _SEARCH_VIEW_V3,
    V2[1],  # the same FTS5 table, its rowids now the keys
    *_candidate_v3(),
    *(sql for args in _LINKED_V3 for sql in _keyed_bracket(*args)),
    *V1[-3:],  # last_contact_at, unchanged
)

# The search index's, and the metrics summaries' (db/summary.py, migration 0011).
CURRENT = V3 + summary.V1


def forget_rows(candidate_ids: str) -> str:
    """The statement taking the search rows of the candidates `candidate_ids` (a subquery)
    selects out of the index: before a set-based write that holds the triggers back."""
    return _forget(_KEYS.format(candidate_ids)).rstrip(";")


def search_source() -> tuple[str, tuple[str, ...]]:
    """(the view's SQL as V3 creates it, its columns over `candidate c` before FOLD_V1): for
    taking many rows out of the index at once with the fold done in Python, ten times faster
    than SQL's replace() chains (imports/removal.py), when the database's view is this one."""
    return _SEARCH_VIEW_V3, _FTS_COLUMNS


def index_rows(candidate_ids: str) -> str:
    """The statement putting those rows back, after the write."""
    return _index(_KEYS.format(candidate_ids)).rstrip(";")


def create(connection: Connection, statements: tuple[str, ...] = CURRENT) -> None:
    """On a PostgreSQL server, its own triggers (server_schema.py), with its search index
    when `statements` is the current list (a new database; migration 0014 adds it otherwise)."""
    if connection.dialect.name != "sqlite":
        from talentdesk.core.db import server_schema

        server_schema.create(connection, search=statements == CURRENT)
        return
    for statement in statements:
        connection.execute(text(statement))


def object_names(statements: tuple[str, ...]) -> list[str]:
    return [_object_name(s) for s in statements]


def _object_name(statement: str) -> str:
    found = re.search(r"CREATE (?:VIRTUAL TABLE|TRIGGER|VIEW) (\w+)", statement)
    if found is None:
        raise ValueError(f"not a CREATE VIRTUAL TABLE, VIEW or TRIGGER: {statement[:60]!r}")
    return found.group(1)


def drop(connection: Connection, statements: tuple[str, ...]) -> None:
    """Drop what `statements` created: triggers first, then the search table and its view."""
    if connection.dialect.name != "sqlite":
        from talentdesk.core.db import server_schema

        server_schema.drop(connection)
        return
    kinds = {"candidate_fts": "TABLE", "candidate_search": "VIEW"}
    for name in reversed(object_names(statements)):
        kind = kinds.get(name, "TRIGGER")
        connection.execute(text(f"DROP {kind} IF EXISTS {name}"))


def include_name(name: str | None, type_: str, _parent_names: object) -> bool:
    """For Alembic's autogenerate: the FTS table and its shadow tables are not ORM models."""
    return not (type_ == "table" and name is not None and name.startswith("candidate_fts"))
