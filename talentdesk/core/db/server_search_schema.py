"""The search index of a PostgreSQL server database (team mode), SQLite's FTS5 table's
counterpart (db/triggers.py V2): the same searched text, folded the same way, matched the same
way (core/server_search.py).

- `candidate_search`: a view with the same columns as SQLite's (the name, every e-mail, title,
  company, city, tags, notes), each already folded.
- `candidate_fts` (id, sort_name, doc): one tsvector a candidate over the view, with a GIN
  index, and the name the list sorts by. The same
  name as SQLite's table, so Alembic's autogenerate and `migrate-to` leave it alone as they do
  SQLite's. Kept by row triggers that rebuild the rows of the candidates a change touches.
- `talentdesk_search_words(text)`: how text is folded. unicode61 with `remove_diacritics 2`
  splits words at anything not a letter or digit, drops accents and ignores case; here
  `unaccent` drops the accents (its rules also fold Ł, ø, ß, æ, œ, đ, as core/folding.py does
  in SQLite's), `lower` ignores case and anything not a letter or digit becomes a space, both
  through the ICU collation (the database's own may be C, which knows only ASCII letters), so
  "anna.kowalska@example.com" is three words as in SQLite (the `simple` parser would keep an
  address whole) and „quotes” or a dash – split words.

Each version is frozen once a migration has shipped it (0014 ships V1).
"""

from __future__ import annotations

from sqlalchemy import Connection, text

# ICU's character classes (the collation every ICU build has): anything not a letter or digit
# is a word break, whatever the database's own locale.
_FOLD_FUNCTION = (
    "CREATE OR REPLACE FUNCTION talentdesk_search_words(words text) RETURNS text"
    " LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$"
    " SELECT regexp_replace(lower({schema}.unaccent('{schema}.unaccent'::regdictionary, words)"
    " COLLATE \"und-x-icu\"), '[^[:alnum:]]+', ' ', 'g') $$"
)

_COLUMNS = (
    ("c.first_name || ' ' || c.last_name", "name"),
    (
        "coalesce(c.email, '') || ' ' || coalesce((SELECT string_agg(e.email, ' ')"
        " FROM candidate_email e WHERE e.candidate_id = c.id), '')",
        "email",
    ),
    ("coalesce(c.title, '')", "title"),
    ("coalesce(c.company, '')", "company"),
    ("coalesce(c.city, '')", "city"),
    (
        "coalesce((SELECT string_agg(t.name, ' ') FROM candidate_tag ct"
        " JOIN tag t ON t.id = ct.tag_id WHERE ct.candidate_id = c.id), '')",
        "tags",
    ),
    ("coalesce(c.notes, '')", "notes"),
)
_VIEW = (
    "CREATE OR REPLACE VIEW candidate_search AS SELECT c.id AS id, "
    + ", ".join(f"talentdesk_search_words({expr}) AS {name}" for expr, name in _COLUMNS)
    + " FROM candidate c"
)
DOCUMENT = "to_tsvector('simple', " + " || ' ' || ".join(f"s.{n}" for _, n in _COLUMNS) + ")"

# The name the list sorts by, kept beside the words: the first screen of a search is then read
# from this table alone (bench/team_search.py: joining the candidates to sort was ~3x slower).
_ROWS = (
    f"SELECT s.id, c.sort_name, {DOCUMENT} FROM candidate_search s JOIN candidate c ON c.id = s.id"
)

_REFRESH_FUNCTION = f"""
CREATE OR REPLACE FUNCTION talentdesk_search_refresh(ids bigint[]) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM candidate_fts WHERE id = ANY(ids);
    INSERT INTO candidate_fts (id, sort_name, doc) {_ROWS} WHERE s.id = ANY(ids);
$$
"""

# One trigger function for every table the view reads: which candidates a row change touches.
_TRIGGER_FUNCTION = """
CREATE OR REPLACE FUNCTION talentdesk_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'candidate' THEN
        PERFORM talentdesk_search_refresh(ARRAY[NEW.id]::bigint[]);
    ELSIF TG_TABLE_NAME = 'tag' THEN
        PERFORM talentdesk_search_refresh(ARRAY(
            SELECT candidate_id FROM candidate_tag WHERE tag_id = NEW.id)::bigint[]);
    ELSIF TG_OP = 'INSERT' THEN
        PERFORM talentdesk_search_refresh(ARRAY[NEW.candidate_id]::bigint[]);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM talentdesk_search_refresh(ARRAY[OLD.candidate_id]::bigint[]);
    ELSE
        PERFORM talentdesk_search_refresh(ARRAY[OLD.candidate_id, NEW.candidate_id]::bigint[]);
    END IF;
    RETURN NULL;
END
$$
"""

# (trigger, table, events). A candidate's own delete needs none: its row goes by cascade.
_SEARCHED = "UPDATE OF first_name, last_name, sort_name, email, title, company, city, notes"
TRIGGERS = (
    ("trg_candidate_fts", "candidate", f"INSERT OR {_SEARCHED}"),
    ("trg_candidate_email_fts", "candidate_email", "INSERT OR UPDATE OR DELETE"),
    ("trg_candidate_tag_fts", "candidate_tag", "INSERT OR UPDATE OR DELETE"),
    ("trg_tag_fts", "tag", "UPDATE OF name"),
)

_TABLE = (
    "CREATE TABLE IF NOT EXISTS candidate_fts ("
    " id integer PRIMARY KEY REFERENCES candidate (id) ON DELETE CASCADE,"
    " sort_name varchar, doc tsvector NOT NULL)"
)
_INDEX = "CREATE INDEX IF NOT EXISTS ix_candidate_fts_doc ON candidate_fts USING gin (doc)"
REBUILD = (
    "DELETE FROM candidate_fts",
    f"INSERT INTO candidate_fts (id, sort_name, doc) {_ROWS}",
)


def unaccent_schema(connection: Connection) -> str:
    """The schema `unaccent` lives in (created if missing: it is a trusted extension)."""
    connection.execute(text("CREATE EXTENSION IF NOT EXISTS unaccent"))
    found = connection.execute(
        text(
            "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
            " WHERE e.extname = 'unaccent'"
        )
    ).scalar_one()
    return str(found)


def create(connection: Connection) -> None:
    """The search objects, filled from what the database holds (idempotent)."""
    schema = unaccent_schema(connection)
    connection.execute(text(_FOLD_FUNCTION.replace("{schema}", f'"{schema}"')))
    for statement in (_VIEW, _TABLE, _INDEX, _REFRESH_FUNCTION, _TRIGGER_FUNCTION):
        connection.execute(text(statement))
    for name, table, events in TRIGGERS:
        connection.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {table}"))
        connection.execute(
            text(
                f"CREATE TRIGGER {name} AFTER {events} ON {table}"
                " FOR EACH ROW EXECUTE FUNCTION talentdesk_search_trigger()"
            )
        )
    rebuild(connection)


def rebuild(connection: Connection) -> None:
    """Every candidate's search row again (after a copy that held the triggers back)."""
    for statement in REBUILD:
        connection.execute(text(statement))


def drop(connection: Connection) -> None:
    for name, table, _ in TRIGGERS:
        connection.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {table}"))
    for statement in (
        "DROP FUNCTION IF EXISTS talentdesk_search_trigger()",
        "DROP FUNCTION IF EXISTS talentdesk_search_refresh(bigint[])",
        "DROP TABLE IF EXISTS candidate_fts",
        "DROP VIEW IF EXISTS candidate_search",
        "DROP FUNCTION IF EXISTS talentdesk_search_words(text)",
    ):
        connection.execute(text(statement))
