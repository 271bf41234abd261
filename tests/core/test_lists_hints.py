"""A search that finds nobody suggests the filters its free words may have meant."""

from __future__ import annotations

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.db.enums import CandidateStatus
from talentdesk.core.lists.hints import Hint, hints
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.pg_fixtures import ws_on_both  # noqa: F401


def test_words_the_index_does_not_hold_become_filters(ws: Workspace) -> None:
    ws.candidates.create(CandidateRecord("Anna", "Nowak", country="Deutschland"))
    placed = ws.candidates.create(
        CandidateRecord("Ola", "Kot", status=CandidateStatus.PLACED, country="Polska")
    )
    assert ws.listing.ids(ListQuery(search="placed")) == []
    typed = "java declined placed senior deutschland krakow"
    found = hints(ws.reader, typed)
    assert [(h.word, h.meant) for h in found] == [
        ("declined", "stage:declined"),
        ("placed", "status:placed"),
        ("senior", "seniority:senior"),
        ("deutschland", "country:Deutschland"),
    ]
    rewritten = typed.replace("declined", "stage:declined")
    assert found[0] == Hint("declined", "stage:declined", rewritten)
    assert ws.listing.ids(ListQuery(search=hints(ws.reader, "placed")[0].search)) == [placed]


def test_filter_words_and_plain_words_give_no_hint(ws: Workspace) -> None:
    assert hints(ws.reader, "stage:declined -declined kotlin") == []
    assert hints(ws.reader, "") == []
