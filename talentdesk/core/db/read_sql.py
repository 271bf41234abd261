"""The SQLite-only bits of the read path's SQL, written per dialect: each helper takes
`server` (the reader is a team database's: core/db/reader.on_server) and gives SQLite's text
unchanged when it is False, so the local file's statements stay exactly as they were.

What the team database's reader rewrites by itself (server_reader.py) needs no helper: `?`
placeholders, `INDEXED BY` hints (dropped), `CROSS JOIN … ON` (a plain JOIN: SQLite's way of
fixing the join order) and `td_fold(…)` (a session function of the same meaning).
"""

from __future__ import annotations

from talentdesk.core.search import fts_words

_SQLITE_TIME = "'%Y-%m-%d %H:%M:%f000'"
_SERVER_TIME = "'YYYY-MM-DD HH24:MI:SS.US'"


def days_before(server: bool, moment: str, days: str) -> str:
    """The stored datetime `days` (an SQL expression) days before `moment` (a placeholder or
    expression holding a stored datetime)."""
    if server:
        return f"(CAST({moment} AS timestamp) - ({days}) * interval '1 day')"
    return f"strftime({_SQLITE_TIME}, {moment}, '-' || ({days}) || ' days')"


def as_text(server: bool, column: str) -> str:
    """A datetime column as the text SQLite stores (for concatenating and comparing as text)."""
    if server:
        return f"to_char({column}, {_SERVER_TIME})"
    return column


def no_limit(server: bool) -> int | None:
    """A LIMIT parameter meaning "all of them"."""
    return None if server else -1


def search_words(text: str) -> list[str]:
    """The words of the search box's free text as a team database's index matches them
    (unicode61 splits at "_" as at any other non-letter; \\w does not)."""
    return [part for word in fts_words(text) for part in word.split("_") if part]


_PREFIX = "to_tsquery('simple', quote_literal(talentdesk_search_words(?)) || ':*')"


def server_match(count: int) -> str:
    """A condition on a team database's `candidate_fts` row: it holds every one of `count`
    words (each a parameter) as a prefix, folded as the index is."""
    return " && ".join([_PREFIX] * count).join(("doc @@ (", ")"))


def server_text_ids(text: str) -> tuple[str, list[object]] | None:
    """The ids whose searched text holds every word of `text` as a prefix, on a team database
    (None: no words)."""
    words = search_words(text)
    if not words:
        return None
    params: list[object] = list(words)
    return f"SELECT id FROM candidate_fts WHERE {server_match(len(words))}", params


def binary(server: bool, column: str) -> str:
    """`column` compared as SQLite compares text (byte by byte), whatever the server
    database's own collation (en_US would sort "anna zed" after "annabel")."""
    return f'{column} COLLATE "C"' if server else column


_UPPER, _LOWER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz"


def nocase(server: bool, column: str) -> str:
    """`column` ordered as SQLite's NOCASE orders it: ASCII letters as lower case, everything
    else byte by byte ("Zofia" before "Łódź", "Émile" apart from "émile"), not as the server's
    ICU NOCASE collation would (Łódź among the Ls)."""
    if server:
        return f"translate({column}, '{_UPPER}', '{_LOWER}') COLLATE \"C\""
    return f"{column} COLLATE NOCASE"
