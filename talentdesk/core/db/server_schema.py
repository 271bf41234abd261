"""Schema objects of a PostgreSQL server database that SQLite has built in or keeps with
triggers (triggers.py):

- the `NOCASE` collation the models name (case-insensitive, like SQLite's; ICU's folds every
  alphabet, not only ASCII), created before the first table: `prelude`;
- `candidate.last_contact_at` (the latest interaction that is not a note), kept by one PL/pgSQL
  trigger: `create` / `drop`, called by triggers.create / triggers.drop on this dialect.

- the search index (a tsvector a candidate with `unaccent`, kept by triggers):
  server_search_schema.py, created with the rest in a new database (migration 0014 adds it to
  an older one);
- the metrics summaries' triggers: server_summary.py (migration 0018 adds them to an older one);
- `talentdesk_fold` and the folded-city index: server_fold.py (migration 0020 adds them).
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import Connection, text

_LAST_CONTACT_FUNCTION = """
CREATE OR REPLACE FUNCTION talentdesk_last_contact() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE candidate SET last_contact_at = (
            SELECT max(i.occurred_at) FROM interaction i
            WHERE i.candidate_id = OLD.candidate_id AND i.kind <> 'note')
        WHERE id = OLD.candidate_id;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.kind <> 'note' THEN
            UPDATE candidate SET last_contact_at = NEW.occurred_at
            WHERE id = NEW.candidate_id
              AND (last_contact_at IS NULL OR last_contact_at < NEW.occurred_at);
        END IF;
    ELSIF TG_OP = 'UPDATE' THEN
        UPDATE candidate SET last_contact_at = (
            SELECT max(i.occurred_at) FROM interaction i
            WHERE i.candidate_id = NEW.candidate_id AND i.kind <> 'note')
        WHERE id = NEW.candidate_id;
    END IF;
    RETURN NULL;
END
$$
"""

# "NOCASE" as the models quote it, and nocase as raw SQL writes it unquoted (PostgreSQL folds
# unquoted names to lower case). Level 2: case is ignored, accents are not.
PRELUDE: tuple[str, ...] = tuple(
    f'CREATE COLLATION IF NOT EXISTS "{name}"'
    " (provider = icu, locale = 'und-u-ks-level2', deterministic = false)"
    for name in ("NOCASE", "nocase")
)

V1: tuple[str, ...] = (
    _LAST_CONTACT_FUNCTION,
    "CREATE TRIGGER trg_interaction_last_contact"
    " AFTER INSERT OR DELETE OR UPDATE OF occurred_at, kind, candidate_id ON interaction"
    " FOR EACH ROW EXECUTE FUNCTION talentdesk_last_contact()",
)
_DROP_V1 = (
    "DROP TRIGGER IF EXISTS trg_interaction_last_contact ON interaction",
    "DROP FUNCTION IF EXISTS talentdesk_last_contact()",
)


def has_old_rows(connection: Connection) -> bool:
    """Whether a migration's repair of rows written by older versions (in SQLite's SQL) has
    anything to do: only on SQLite. A server database is created at the current schema, or
    migrated from empty, so it never holds rows an older version wrote."""
    return connection.dialect.name == "sqlite"


def recreate(connection: Connection) -> Literal["always", "auto"]:
    """A migration's batch_alter_table `recreate`: SQLite alters a table by copying it; a server
    alters it in place (a copy would have to drop a table other tables' keys point at)."""
    return "always" if connection.dialect.name == "sqlite" else "auto"


def prelude(connection: Connection) -> None:
    """What the tables need before they are created (nothing on SQLite)."""
    if connection.dialect.name == "sqlite":
        return
    for statement in PRELUDE:
        connection.execute(text(statement))


def create(connection: Connection, *, search: bool = True) -> None:
    """`search`: a new database, with the search index and the metrics summaries' triggers
    (server_summary.py); migrations before 0014 go without them, so that their column changes
    meet no view, and 0018 adds the summaries' to an older database)."""
    from talentdesk.core.db import server_fold, server_search_schema, server_summary

    for statement in V1:
        connection.execute(text(statement))
    if search:
        server_search_schema.create(connection)
        server_summary.create(connection)
        server_fold.create(connection)


def drop(connection: Connection) -> None:
    from talentdesk.core.db import server_fold, server_search_schema

    server_fold.drop(connection)
    server_search_schema.drop(connection)
    for statement in _DROP_V1:
        connection.execute(text(statement))
