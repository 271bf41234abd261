"""The candidate table's reads that run on threads of their own, each over a listing on a
connection of its own: a query's first screen (a search, a refresh after a write, another pool
or list, another sort), and the rest of a long list's ids. What they
read is handed to the GUI thread through `send` (ui/gui_thread.py); the model drops an answer
that a newer query made stale."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager

from talentdesk.core.candidate_list import CandidateListing, CandidateRow, ListQuery
from talentdesk.ui.gui_thread import Send

OwnListing = Callable[[], AbstractContextManager[CandidateListing]]
# The first screen's ids, first page of rows and the list's total when asked for (None: the
# read failed; the GUI thread reads again itself, to show the error as it would).
FirstScreen = Callable[[list[int] | None, list[CandidateRow], int | None], None]


def read_first_screen(
    own: OwnListing,
    query: ListQuery,
    sizes: tuple[int, int],
    with_total: bool,
    send: Send,
    deliver: FirstScreen,
) -> None:
    """`sizes`: how many ids, and how many of their rows; `with_total`: count the whole pool
    or list too (1,000,000 candidates: ~10 ms, kept off the GUI thread as well)."""
    first, page = sizes

    def read() -> None:
        try:
            with own() as listing:
                ids = listing.ids(query, limit=first)
                rows = listing.rows(ids[:page], query.pool_id)
                total = listing.total(query.pool_id, query.list_id) if with_total else None
        except Exception:
            send(lambda: deliver(None, [], None))
            return
        send(lambda: deliver(ids, rows, total))

    threading.Thread(target=read, name="candidate-first-screen", daemon=True).start()


def read_all_ids(
    own: OwnListing,
    query: ListQuery,
    send: Send,
    deliver: Callable[[list[int], int | None], None],
    total_of: tuple[int | None, int | None] | None = None,
) -> None:
    """Every id of `query`, and the total of the pool and list `total_of` names when given
    (None: not read)."""

    def read() -> None:
        with own() as listing:
            ids = listing.ids(query)
            total = None if total_of is None else listing.total(*total_of)
        send(lambda: deliver(ids, total))

    threading.Thread(target=read, name="candidate-ids", daemon=True).start()
