"""The candidate table's reads that run on threads of their own, each over a listing on a
connection of its own: a search's first screen, and the rest of a long list's ids. What they
read is handed to the GUI thread through `send` (ui/gui_thread.py); the model drops an answer
that a newer query made stale."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager

from talentdesk.core.candidate_list import CandidateListing, CandidateRow, ListQuery
from talentdesk.ui.gui_thread import Send

OwnListing = Callable[[], AbstractContextManager[CandidateListing]]
# The first screen's ids and first page of rows (None: the read failed; the GUI thread reads
# again itself, to show the error as it would).
FirstScreen = Callable[[list[int] | None, list[CandidateRow]], None]


def read_first_screen(
    own: OwnListing, query: ListQuery, first: int, page: int, send: Send, deliver: FirstScreen
) -> None:
    def read() -> None:
        try:
            with own() as listing:
                ids = listing.ids(query, limit=first)
                rows = listing.rows(ids[:page], query.pool_id)
        except Exception:
            send(lambda: deliver(None, []))
            return
        send(lambda: deliver(ids, rows))

    threading.Thread(target=read, name="candidate-search", daemon=True).start()


def read_all_ids(
    own: OwnListing, query: ListQuery, send: Send, deliver: Callable[[list[int]], None]
) -> None:
    def read() -> None:
        with own() as listing:
            ids = listing.ids(query)
        send(lambda: deliver(ids))

    threading.Thread(target=read, name="candidate-ids", daemon=True).start()
