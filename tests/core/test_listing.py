"""The candidate list behind the table and `talentdesk search`: FTS5 search, sorting, pools."""

from __future__ import annotations

from datetime import timedelta

import pytest

from talentdesk.core.candidate_list import ListQuery, SortColumn
from talentdesk.core.db.enums import InteractionKind, Seniority, TagCategory
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.search import fts_query
from talentdesk.core.workspace import Workspace
from tests.pg_fixtures import ws_on_both  # noqa: F401


@pytest.fixture
def people(ws: Workspace) -> dict[str, int]:
    def add(first: str, last: str, **kw: object) -> int:
        return ws.candidates.create(CandidateRecord(first_name=first, last_name=last, **kw))  # type: ignore[arg-type]

    return {
        "anna": add(
            "Anna",
            "Kowalska",
            email="anna.kowalska@example.com",
            city="Kraków",
            title="Senior Java Developer",
            company="Comarch",
            seniority=Seniority.SENIOR,
            tags=[TagRef(TagCategory.SKILL, "Kubernetes")],
        ),
        "lukasz": add(
            "Łukasz",
            "Wiśniewski",
            city="Warszawa",
            title="Data Engineer",
            seniority=Seniority.MID,
            notes="Prefers remote; ask about Spark",
        ),
        "jurgen": add("Jürgen", "Müller", city="Berlin", company="Zalando"),
        "zoe": add("Zoe", "Adams", other_emails=["zoe@private.example.org"]),
    }


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("krak", {"anna"}),
        ("KRAKOW", {"anna"}),
        ("lukasz", {"lukasz"}),
        ("muller", {"jurgen"}),
        ("kube", {"anna"}),
        ("spark", {"lukasz"}),
        ("zalando", {"jurgen"}),
        ("private.example", {"zoe"}),
        ("anna.kowalska@example.com", {"anna"}),
        ("senior java", {"anna"}),
        ("java berlin", set()),
        ("  ", {"anna", "lukasz", "jurgen", "zoe"}),
        ('"; DROP TABLE candidate; --', set()),
        ("NEAR AND OR", set()),
    ],
)
def test_search_finds_by_prefix_across_fields(
    ws: Workspace, people: dict[str, int], typed: str, expected: set[str]
) -> None:
    found = set(ws.listing.ids(ListQuery(search=typed)))
    assert found == {people[name] for name in expected}


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('java "krak') == '"java"* "krak"*'
    assert fts_query(" -:* ") is None


def test_editing_a_candidate_updates_the_index(ws: Workspace, people: dict[str, int]) -> None:
    record = ws.candidates.get(people["zoe"])
    record.company = "Allegro"
    record.tags = [TagRef(TagCategory.SKILL, "Rust")]
    ws.candidates.update(people["zoe"], record)
    assert ws.listing.ids(ListQuery(search="allegro rust")) == [people["zoe"]]
    ws.candidates.delete([people["zoe"]])
    assert ws.listing.ids(ListQuery(search="allegro")) == []


def test_sorting_puts_empty_values_last_in_both_directions(
    ws: Workspace, people: dict[str, int]
) -> None:
    ws.interactions.log(people["jurgen"], InteractionKind.CALL, ws.clock() - timedelta(days=9), "a")
    ws.interactions.log(people["anna"], InteractionKind.CALL, ws.clock() - timedelta(days=2), "b")
    ws.interactions.log(people["zoe"], InteractionKind.NOTE, ws.clock(), "notes do not count")
    asc = ws.listing.ids(ListQuery(sort=SortColumn.LAST_CONTACT))
    desc = ws.listing.ids(ListQuery(sort=SortColumn.LAST_CONTACT, descending=True))
    assert asc[:2] == [people["jurgen"], people["anna"]]
    assert desc[:2] == [people["anna"], people["jurgen"]]
    assert set(asc[2:]) == set(desc[2:]) == {people["lukasz"], people["zoe"]}


def test_sort_by_name_seniority_and_city(ws: Workspace, people: dict[str, int]) -> None:
    names = [r.name for r in ws.listing.rows(ws.listing.ids(ListQuery()), None)]
    assert names == ["Anna Kowalska", "Jürgen Müller", "Łukasz Wiśniewski", "Zoe Adams"]
    by_seniority = ws.listing.ids(ListQuery(sort=SortColumn.SENIORITY))
    assert by_seniority[:2] == [people["lukasz"], people["anna"]]  # mid before senior
    by_city = ws.listing.ids(ListQuery(sort=SortColumn.CITY, descending=True))
    assert by_city[:3] == [people["lukasz"], people["anna"], people["jurgen"]]


def test_pool_lists_show_members_stage_and_next_reminder(
    ws: Workspace, people: dict[str, int]
) -> None:
    pool = ws.pools.create("Kraków Java")
    stages = {s.name: s.id for s in ws.pools.stages(pool)}
    ws.pools.add_members(pool, [people["anna"]], stages["Interviewing"])
    ws.pools.add_members(pool, [people["zoe"]])
    due = ws.clock() + timedelta(days=3)
    ws.reminders.add(people["anna"], due)
    ws.reminders.add(people["anna"], due + timedelta(days=5))
    ids = ws.listing.ids(ListQuery(pool_id=pool, sort=SortColumn.STAGE))
    assert ids == [people["zoe"], people["anna"]]  # sourced comes before interviewing
    rows = {r.id: r for r in ws.listing.rows(ids, pool)}
    assert rows[people["anna"]].stage == "Interviewing"
    assert rows[people["anna"]].next_reminder_at == due
    assert rows[people["zoe"]].stage == "Sourced"
    assert ws.listing.total(pool) == 2
    assert ws.listing.total(None) == 4
    all_rows = ws.listing.rows([people["anna"], people["lukasz"]], None)
    assert [r.stage for r in all_rows] == ["Interviewing", None]
