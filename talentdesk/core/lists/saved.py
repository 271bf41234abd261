"""Reading the saved smart lists (names, filters, counts) on the reader connection, with the
standard library alone: `talentdesk lists` and `talentdesk list NAME` never load SQLAlchemy.
Writing them is core/lists/service.py's `SavedLists`, which reads through this too."""

from __future__ import annotations

import json
from dataclasses import dataclass

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.reader import ReadConnection, on_server
from talentdesk.core.errors import NotFoundError
from talentdesk.core.lists.filters import Filter
from talentdesk.core.lists.query import count_parts
from talentdesk.core.lists.sql import expiring_window, fold, parts


@dataclass(frozen=True)
class ListSummary:
    id: int
    name: str
    filter: Filter
    count: int


class SavedListReads:
    """Call on the reader connection's thread, as the candidate list."""

    def __init__(self, reader: ReadConnection, clock: Clock = utcnow) -> None:
        self._reader = reader
        self._clock = clock

    def _rows(
        self, where: str = "", params: tuple[object, ...] = ()
    ) -> list[tuple[int, str, Filter]]:
        sql = f"SELECT id, name, filter FROM saved_list {where} ORDER BY position, id"
        return [
            (int(i), str(n), Filter.from_json(json.loads(f) if isinstance(f, str) else f))
            for i, n, f in self._reader.execute(sql, params)
        ]

    def count(self, f: Filter) -> int:
        """How many candidates `f` matches now (one SQL count)."""
        window = expiring_window(self._reader, f)
        server = on_server(self._reader)
        return count_parts(
            self._reader, parts(f, self._clock(), server=server, expiring_days=window)
        )

    def all(self, counts: bool = True) -> list[ListSummary]:
        """Every saved list in the pane's order, with how many it holds (-1 when not counted)."""
        return [ListSummary(i, n, f, self.count(f) if counts else -1) for i, n, f in self._rows()]

    def get(self, list_id: int) -> ListSummary:
        found = self._rows("WHERE id = ?", (list_id,))
        if not found:
            raise NotFoundError("This list no longer exists.")
        i, n, f = found[0]
        return ListSummary(i, n, f, self.count(f))

    def get_by_name(self, name: str) -> ListSummary | None:
        """The list called `name`, ignoring case and accents (None: there is none)."""
        wanted = fold(name.strip())
        for i, n, f in self._rows():
            if fold(n) == wanted:
                return ListSummary(i, n, f, self.count(f))
        return None
