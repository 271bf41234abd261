"""`td_fold` on a PostgreSQL server (team mode) as a function of the database, IMMUTABLE so that
an index can hold it: the folded city (`city:krakow` finds Kraków, KRAKÓW; `city:lodz` Łódź)
is then read from an index, as SQLite's filter is narrowed by its search index, instead of
folding every candidate's city (issue 18: ~125 ms over 100,000 candidates without it).

`talentdesk_fold(text)`: what core/lists/sql.fold computes (normalize.sort_key): accents
dropped by `unaccent` (its rules also fold Ł, ø, ß as core/folding.py does), lower case through
the ICU collation (the database's own may be C, which knows only ASCII letters), runs of space
made one and the ends trimmed. The reader (db/server_reader.py) writes `td_fold(` as it.

Created with the rest in a new database (server_schema.create), by migration 0020 in an older
one. Nothing on SQLite (its connections register td_fold: core/lists/fold_function.py).
"""

from __future__ import annotations

from sqlalchemy import Connection, text

NAME = "talentdesk_fold"
CITY_INDEX = "ix_candidate_city_fold"

# The unaccent dictionary named in full: an IMMUTABLE function must not depend on search_path.
_FUNCTION = (
    f"CREATE OR REPLACE FUNCTION {NAME}(value text) RETURNS text"
    " LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$"
    " SELECT btrim(regexp_replace(lower("
    "{schema}.unaccent('{schema}.unaccent'::regdictionary, value) COLLATE \"und-x-icu\"),"
    " '\\s+', ' ', 'g')) $$"
)
# The list's name order (sort_name byte by byte, then id) after the folded city: the first
# screen of `city:krakow` by name is the index's first 100 entries (0.2 ms, not a sort of
# 12,500 rows: bench/team_search.py), and `td_fold(city) IN (…)` reads its first column.
_INDEX = (
    f"CREATE INDEX IF NOT EXISTS {CITY_INDEX}"
    f' ON candidate ({NAME}(city), sort_name COLLATE "C", id)'
)


def create(connection: Connection) -> None:
    """The function and the folded-city index (idempotent)."""
    from talentdesk.core.db.server_search_schema import unaccent_schema

    schema = unaccent_schema(connection).replace('"', '""')
    connection.execute(text(_FUNCTION.replace("{schema}", f'"{schema}"')))
    connection.execute(text(_INDEX))


def drop(connection: Connection) -> None:
    connection.execute(text(f"DROP INDEX IF EXISTS {CITY_INDEX}"))
    connection.execute(text(f"DROP FUNCTION IF EXISTS {NAME}(text)"))
