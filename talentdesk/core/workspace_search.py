"""Search by the search box's words and filters on either backend, as the Workspace offers it (a
base class of `Workspace`): through the candidate list over the reader, the local file's FTS5
index or a team database's tsvector index (core/db/read_sql.py, core/server_first_screen.py)."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from talentdesk.core.candidate_list import CandidateListing
    from talentdesk.core.db.migrate import Database
    from talentdesk.core.server_search import FoundRow


class SearchServices:
    _reader: sqlite3.Connection | None  # None on a team database

    @property
    def db(self) -> Database:
        raise NotImplementedError  # the Workspace's write side, loaded on first use

    @property
    def listing(self) -> CandidateListing:
        raise NotImplementedError

    @property
    def on_server(self) -> bool:
        """Whether the database is a team database on a PostgreSQL server."""
        return self._reader is None

    def search_ids(self, search: str, limit: int | None = None) -> list[int]:
        """The ids of the candidates the search box's text finds, in the list's name order."""
        from talentdesk.core.candidate_list import ListQuery

        return self.listing.ids(ListQuery(search=search), limit)

    def found_rows(self, ids: list[int]) -> list[FoundRow]:
        """Name, title, company and city of `ids`, in that order (a team database's CLI)."""
        from talentdesk.core.server_search import found_rows

        with self.db.engine.connect() as connection:
            return found_rows(connection, ids)
