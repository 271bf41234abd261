"""Search on a team database (PostgreSQL): the same words find the same people as SQLite's
FTS5 search (core/search.py) — every word a prefix, all words required, accents and case
ignored — through the tsvector index db/server_search_schema.py keeps.

Free words only, on a SQLAlchemy connection (bench/team_search.py): the Workspace searches a
team database through its reader and the candidate list, filters included
(core/server_first_screen.py, core/db/read_sql.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from talentdesk.core.lists.filters import Filter
from talentdesk.core.lists.syntax import parse
from talentdesk.core.search import fts_words


@dataclass(frozen=True)
class FoundRow:
    """What the CLI prints of a candidate found."""

    id: int
    name: str
    title: str | None
    company: str | None
    city: str | None


def search_words(search: str) -> list[str]:
    """The free words of the search box's text. Raises ValidationError for a filter that
    cannot be meant, NotOnServerYetError for any filter (`tag:`, `city:` …)."""
    from talentdesk.core.workspace_server import NotOnServerYetError

    typed = parse(search)
    if typed.with_text("") != Filter():
        raise NotOnServerYetError("Search filters (such as tag:, city: or stage:)")
    # unicode61 splits at "_" as at any other non-letter; \w does not.
    return [part for word in fts_words(typed.text) for part in word.split("_") if part]


def _tsquery(count: int) -> str:
    """All `count` words (:w0 …) as prefixes, folded as the index is."""
    return " && ".join(
        f"to_tsquery('simple', quote_literal(talentdesk_search_words(:w{i})) || ':*')"
        for i in range(count)
    )


def matching_ids(
    connection: Connection, search: str, limit: int | None = None, descending: bool = False
) -> list[int]:
    """The ids of the candidates the search finds, by name then id (as the list sorts)."""
    words = search_words(search)
    direction = "DESC" if descending else "ASC"
    order = f" ORDER BY sort_name {direction}, id {direction}"
    bound = "" if limit is None else f" LIMIT {int(limit)}"
    if not words:
        sql = "SELECT id FROM candidate" + order + bound
        return [int(row[0]) for row in connection.execute(text(sql))]
    # The matches' ids and names from the search table alone, sorted (no index on its names:
    # walking one in order until the screen is full was chosen for words matching few or
    # sorting last, "lukasz" 0.4 s over 100,000).
    sql = f"SELECT id FROM candidate_fts WHERE doc @@ ({_tsquery(len(words))})" + order + bound
    params = {f"w{i}": word for i, word in enumerate(words)}
    return [int(row[0]) for row in connection.execute(text(sql), params)]


def found_rows(connection: Connection, ids: list[int]) -> list[FoundRow]:
    """The rows of `ids`, in that order."""
    if not ids:
        return []
    sql = (
        "SELECT id, first_name || ' ' || last_name, title, company, city FROM candidate"
        " WHERE id = ANY(:ids)"
    )
    found = {row[0]: FoundRow(*row) for row in connection.execute(text(sql), {"ids": ids})}
    return [found[i] for i in ids if i in found]
