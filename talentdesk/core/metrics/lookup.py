"""The people behind a number, read when someone asks (a click, the JSON), not with the figure:
a figure over 100,000 candidates would otherwise carry hundreds of thousands of ids that almost
no one looks at, and receiving them was most of its time."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext

from talentdesk.core.db.reader import ReadConnection
from talentdesk.core.metrics.stats import People

# A read connection for one look-up: the figure's own (tests, the command line) or a fresh one
# (the window asks after the figure's connection is gone, on another thread).
Opener = Callable[[], AbstractContextManager[ReadConnection]]


class Lookup:
    def __init__(self, opener: Opener) -> None:
        self._opener = opener

    @classmethod
    def over(cls, reader: ReadConnection) -> Lookup:
        return cls(lambda: nullcontext(reader))

    def people(self, sql: str, params: Sequence[object]) -> People:
        """The candidate ids the query's first column gives (duplicates dropped)."""

        def fetch() -> list[int]:
            with self._opener() as reader:
                return [cid for (cid,) in reader.execute(sql, list(params))]

        return People(fetch)

    def computed(self, make: Callable[[ReadConnection], Iterable[int]]) -> People:
        """The ids `make` finds on a read connection (people that take more than one query)."""

        def fetch() -> list[int]:
            with self._opener() as reader:
                return list(make(reader))

        return People(fetch)
