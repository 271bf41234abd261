"""The first screen of a common search, walked in name order, is the plain query's first page."""

from __future__ import annotations

import pytest

from talentdesk.core import first_screen
from talentdesk.core.candidate_list import ListQuery, SortColumn
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace

FIRST = ("Anna", "Andrzej", "Ánika", "Jan", "Zofia", "Piotr", "Łukasz", "Ewa")
LAST = ("Kowalska", "Nowak", "Adamska", "Müller", "Smith", "Anders")
CITIES = ("Kraków", "Warszawa", "Berlin", "Aachen")


@pytest.fixture
def crowd(ws: Workspace) -> int:
    """48 people (names repeat, so ties are broken by id), a third of them in Aachen."""
    n = 0
    for first in FIRST:
        for last in LAST:
            ws.candidates.create(
                CandidateRecord(first_name=first, last_name=last, city=CITIES[n % len(CITIES)])
            )
            n += 1
    return n


@pytest.mark.parametrize("typed", ["a", "an", "ann", "kow", "anna kow", "aach", "krak a"])
@pytest.mark.parametrize("descending", [False, True])
def test_walking_the_names_gives_the_plain_querys_first_page(
    ws: Workspace, crowd: int, monkeypatch: pytest.MonkeyPatch, typed: str, descending: bool
) -> None:
    query = ListQuery(search=typed, sort=SortColumn.NAME, descending=descending)
    everyone = ws.listing.ids(query)  # no limit: the plain query, sorted in SQL
    assert everyone
    monkeypatch.setattr(first_screen, "WALK_FROM", 1)  # every search is walked
    match = first_screen.text_match(ws.reader, typed)
    assert match is not None and first_screen.is_common(ws.reader, match)
    for limit in (1, 5, len(everyone), len(everyone) + 10):
        assert ws.listing.ids(query, limit=limit) == everyone[:limit]


def test_a_rare_search_is_not_walked(ws: Workspace, crowd: int) -> None:
    match = first_screen.text_match(ws.reader, "anna kow")
    assert match is not None and not first_screen.is_common(ws.reader, match)


@pytest.mark.parametrize("typed", ["", "city:berlin", "anna city:berlin", "stage:nosuch"])
def test_only_free_words_are_walked(ws: Workspace, crowd: int, typed: str) -> None:
    assert first_screen.text_match(ws.reader, typed) is None


@pytest.mark.parametrize(
    ("typed", "descending", "late"),
    [("zof", False, True), ("zof", True, False), ("andrz", False, False), ("andrz", True, True)],
)
def test_a_search_whose_matches_sort_late_is_sorted_not_walked(
    ws: Workspace,
    crowd: int,
    monkeypatch: pytest.MonkeyPatch,
    typed: str,
    descending: bool,
    late: bool,
) -> None:
    """Zofia sorts after most names: walking to her passes them all; Andrzej comes first
    (and so last, walking backwards)."""
    monkeypatch.setattr(first_screen, "WALK_PAST", 20)
    match = first_screen.text_match(ws.reader, typed)
    assert match is not None
    assert first_screen.sorts_late(ws.reader, match, descending) is late
    query = ListQuery(search=typed, descending=descending)
    monkeypatch.setattr(first_screen, "WALK_FROM", 1)
    assert ws.listing.ids(query, limit=3) == ws.listing.ids(query)[:3]


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("typed", ["zof", "andrz", "krak", "a", "nobody"])
def test_one_read_tells_how_common_a_search_is_and_where_its_sample_sorts(
    ws: Workspace, crowd: int, monkeypatch: pytest.MonkeyPatch, typed: str, descending: bool
) -> None:
    """`facts` agrees with `is_common` and `sorts_late`, reading the search index once."""
    monkeypatch.setattr(first_screen, "WALK_PAST", 20)
    for walk_from in (1, 8, 1000):
        monkeypatch.setattr(first_screen, "WALK_FROM", walk_from)
        match = first_screen.text_match(ws.reader, typed)
        assert match is not None
        found = first_screen.facts(ws.reader, match, descending)
        assert found.common is first_screen.is_common(ws.reader, match)
        late = found.bound is not None and first_screen.passes_many(
            ws.reader, found.bound, descending
        )
        assert late is first_screen.sorts_late(ws.reader, match, descending)


def test_a_search_matching_nobody_lists_nobody_at_once(ws: Workspace, crowd: int) -> None:
    match = first_screen.text_match(ws.reader, "java krak")
    assert match is not None and first_screen.facts(ws.reader, match).matches == 0
    assert ws.listing.ids(ListQuery(search="java krak"), limit=100) == []
    assert ws.listing.ids(ListQuery(search="java krak")) == []


@pytest.mark.parametrize("typed", ["a", "kow", "anna kow", "krak a", "zof", "nobody"])
@pytest.mark.parametrize("descending", [False, True])
def test_a_rare_searchs_first_screen_comes_with_its_facts(
    ws: Workspace, crowd: int, typed: str, descending: bool
) -> None:
    """Not common (48 people, WALK_FROM 10,000): the first screen is sorted from the matches
    the one read found, the plain query's first page."""
    query = ListQuery(search=typed, descending=descending)
    everyone = ws.listing.ids(query)  # no limit: the plain query, sorted in SQL
    match = first_screen.text_match(ws.reader, typed)
    assert match is not None
    for limit in (1, 5, len(everyone) + 10):
        found = first_screen.facts(ws.reader, match, descending, limit)
        assert not found.common and found.matches == len(everyone)
        assert list(found.screen) == everyone[:limit]
        assert ws.listing.ids(query, limit=limit) == everyone[:limit]
