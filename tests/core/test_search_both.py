"""Search finds the same people on both backends (team mode, issue 18): the local file's FTS5
index and a team database's tsvector index fold accents and case alike, take every word as a
prefix and require all words, over the name, every e-mail, title, company, city, tags, notes."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.db.enums import TagCategory
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import written_outside
from tests.pg_fixtures import ws_on_both  # noqa: F401


def _people(ws: Workspace) -> None:
    ws.candidates.create(
        CandidateRecord(
            first_name="Anna",
            last_name="Kowalska",
            email="anna.kowalska@example.com",
            city="Kraków",
            title="Java developer",
            tags=[TagRef(TagCategory.SKILL, "Kotlin")],
        )
    )
    ws.candidates.create(
        CandidateRecord(
            first_name="Łukasz",
            last_name="Wójcik",
            email="lw@firma.pl",
            other_emails=["lukasz.private@poczta.pl"],
            city="Gdańsk",
            company="Żabka",
            notes="Met at the Øresund meetup; knows C++, Straße-level German, snake_case."
            " Said „wrócę w maju”—call then.",
        )
    )
    ws.candidates.create(
        CandidateRecord(first_name="Anna", last_name="Nowak", city="Warszawa", title="Tester")
    )


def found(ws: Workspace, search: str) -> list[str]:
    return [ws.candidates.get(i).full_name for i in ws.search_ids(search)]


@pytest.mark.parametrize(
    ("search", "people"),
    [
        ("krakow", ["Anna Kowalska"]),
        ("KRAKÓW", ["Anna Kowalska"]),
        ("lukasz", ["Łukasz Wójcik"]),
        ("wojcik", ["Łukasz Wójcik"]),
        ("kow", ["Anna Kowalska"]),
        ("anna", ["Anna Kowalska", "Anna Nowak"]),
        ("anna kow", ["Anna Kowalska"]),
        ("kow anna", ["Anna Kowalska"]),
        ("kotl", ["Anna Kowalska"]),
        ("kowalska@example", ["Anna Kowalska"]),
        ("example.com", ["Anna Kowalska"]),
        ("poczta", ["Łukasz Wójcik"]),
        ("zabka", ["Łukasz Wójcik"]),
        ("gdansk", ["Łukasz Wójcik"]),
        ("oresund", ["Łukasz Wójcik"]),
        ("strasse", ["Łukasz Wójcik"]),
        ("wroce maju", ["Łukasz Wójcik"]),
        ("case snake", ["Łukasz Wójcik"]),
        ("call", ["Łukasz Wójcik"]),
        ("java dev", ["Anna Kowalska"]),
        ("anna tester", ["Anna Nowak"]),
        ("anna zabka", []),
        ("nobody", []),
        ("", ["Anna Kowalska", "Anna Nowak", "Łukasz Wójcik"]),
        ("  ,;  ", ["Anna Kowalska", "Anna Nowak", "Łukasz Wójcik"]),
    ],
)
def test_the_same_words_find_the_same_people(ws: Workspace, search: str, people: list[str]) -> None:
    _people(ws)
    assert found(ws, search) == people


def test_edits_tags_and_deletes_are_found_at_once(ws: Workspace) -> None:
    _people(ws)
    anna = ws.search_ids("kowalska")[0]
    record = ws.candidates.get(anna)
    record.city = "Łódź"
    record.tags = [TagRef(TagCategory.SKILL, "Rust")]
    record.other_emails = ["ak@dom.pl"]
    ws.candidates.update(anna, record)
    assert found(ws, "lodz rust") == ["Anna Kowalska"]
    assert found(ws, "ak@dom") == ["Anna Kowalska"]
    assert found(ws, "krakow") == found(ws, "kotlin") == []
    ws.candidates.delete([anna])
    assert found(ws, "lodz") == []
    assert found(ws, "anna") == ["Anna Nowak"]


def test_a_delete_undone_is_found_again(ws: Workspace) -> None:
    _people(ws)
    lukasz = ws.search_ids("lukasz")
    deleted = ws.candidates.delete(lukasz)
    assert found(ws, "lukasz") == found(ws, "poczta") == []
    ws.candidates.restore(deleted)
    assert ws.search_ids("lukasz poczta zabka oresund") == lukasz


def test_a_tag_renamed_outside_is_found_by_its_new_name(ws: Workspace, paths: AppPaths) -> None:
    _people(ws)
    with written_outside(paths.database) as connection:  # another program, on either database
        connection.execute(text("UPDATE tag SET name = 'Scala' WHERE name = 'Kotlin'"))
    assert found(ws, "scala") == ["Anna Kowalska"]
    assert found(ws, "kotlin") == []


def test_the_first_screen_is_bounded(ws: Workspace) -> None:
    _people(ws)
    assert len(ws.search_ids("a", limit=2)) == 2


@pytest.mark.parametrize(
    ("search", "people"),
    [
        ("anna city:warszawa", ["Anna Nowak"]),
        ("city:krakow", ["Anna Kowalska"]),
        ("city:KRAKÓW city:gdansk", ["Anna Kowalska", "Łukasz Wójcik"]),
        ("-remote", ["Anna Kowalska", "Anna Nowak", "Łukasz Wójcik"]),
        ("skill:kotlin", ["Anna Kowalska"]),
        ("tag:kotlin anna", ["Anna Kowalska"]),
        ("anna -tag:kotlin", ["Anna Nowak"]),
        ("has:email anna", ["Anna Kowalska"]),
        ("has:email krakow java", ["Anna Kowalska"]),
        ("no:email anna", ["Anna Nowak"]),
        ("has:email -tag:kotlin gdansk", ["Łukasz Wójcik"]),
        ("has:email tag:kotlin anna", ["Anna Kowalska"]),
        ("consent:none anna", ["Anna Kowalska", "Anna Nowak"]),
        ("contact:never -skill:kotlin a", ["Anna Nowak", "Łukasz Wójcik"]),
        ("tag:rust anna", []),
        ("-tag:kotlin", ["Anna Nowak", "Łukasz Wójcik"]),
        ("has:email", ["Anna Kowalska", "Łukasz Wójcik"]),
        ("no:email", ["Anna Nowak"]),
        ("contact:never", ["Anna Kowalska", "Anna Nowak", "Łukasz Wójcik"]),
        ("consent:none", ["Anna Kowalska", "Anna Nowak", "Łukasz Wójcik"]),
        ("remote", []),
        ("city:nowhere", []),
    ],
)
def test_filters_find_the_same_people_on_both(
    ws: Workspace, search: str, people: list[str]
) -> None:
    _people(ws)
    assert found(ws, search) == people


_BY_NAME = ["anna Bee", "Anna Ode", "Anna Zed", "Annabel Ode"]


@pytest.mark.parametrize(
    ("search", "names"),
    [
        ("anna tag:kotlin", _BY_NAME),
        ("has:email anna", _BY_NAME),
        ("anna -tag:rust", ["Anna Aaa", *_BY_NAME]),
    ],
)
def test_words_with_filters_keep_the_list_order_and_screen(
    ws: Workspace, search: str, names: list[str]
) -> None:
    """Both ways, the first screen cut after it is sorted (the team database's first screen
    starts from the search table: core/server_first_screen.py)."""
    for first, last in [("Anna", "Zed"), ("anna", "Bee"), ("Annabel", "Ode"), ("Anna", "Ode")]:
        ws.candidates.create(
            CandidateRecord(
                first_name=first,
                last_name=last,
                email=f"{first}.{last}@example.com",
                tags=[TagRef(TagCategory.SKILL, "Kotlin")],
            )
        )
    ws.candidates.create(CandidateRecord(first_name="Anna", last_name="Aaa"))  # no tag or e-mail
    ids = ws.listing.ids(ListQuery(search=search))
    assert [ws.candidates.get(i).full_name for i in ids] == names
    down = ws.listing.ids(ListQuery(search=search, descending=True), 3)
    assert [ws.candidates.get(i).full_name for i in down] == names[::-1][:3]
    assert ws.listing.ids(ListQuery(search=search), 2) == ids[:2]
