"""Explained matching of candidates against a vacancy (core/vacancies/matching.py): the
ranking, each criterion's chip, and what a vacancy that lacks something says. A real SQLite
file and an injected clock (START: Wednesday 25 Nov 2026, 09:30 UTC)."""

from __future__ import annotations

import json

import pytest

from talentdesk.core.db.enums import RemotePolicy
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.vacancies.matching import DEFAULT_WEIGHTS, match_as_json
from talentdesk.core.workspace import Workspace
from tests.core.vacancy_people import (
    apply,
    chips,
    java_role,
    make_people,
    person,
    scores,
    the,
    vacancy,
)


@pytest.fixture
def people(ws: Workspace) -> dict[str, int]:
    """Six people for the Kraków Kotlin role, from a near-perfect fit to no fit at all."""
    return make_people(ws)


# --------------------------------------------------------------------------- ranking


def test_ranks_by_score_and_explains_every_criterion(ws: Workspace, people: dict[str, int]) -> None:
    role = java_role(ws)
    page = ws.matcher.match(role)

    # Ewa matches nothing at all: left out, and not counted.
    assert scores(page) == [
        ("Anna Nowak", 85),
        ("Bartek Zieliński", 47),
        ("Celina Wójcik", 28),
        ("Dawid Kamiński", 20),
        ("Filip Mazur", 5),
    ]
    assert page.total == 5
    assert page.notes == ()
    assert page.weights == DEFAULT_WEIGHTS

    anna = the(page, "Anna Nowak")
    assert (anna.candidate_id, anna.city, anna.in_pipeline, anna.do_not_contact) == (
        people["anna"], "Krakow", False, False,
    )  # fmt: skip
    assert chips(anna) == {
        "required_tags": ("match", "Has Kotlin, PostgreSQL, Spring (3 of 3 required)"),
        "nice_tags": ("partial", "Has Docker (1 of 3 nice to have)"),
        "location": ("match", "Lives in Krakow, the role's city"),
        "seniority": ("match", "Senior, as the role asks"),
        "salary": ("match", "Asks 18,000–20,000 PLN; band 15,000–22,000"),
        "availability": ("match", "Available from 1 Dec 2026"),
        "near_fit": ("miss", "Not marked a near fit before"),
        "last_contact": ("match", "Last contact 10 days ago"),
        "consent": ("match", "Consent given"),
    }
    weights = {c.key: c.weight for c in anna.criteria}
    assert weights == DEFAULT_WEIGHTS
    assert round(sum(c.points for c in anna.criteria)) == anna.score
    assert [c.label for c in anna.criteria][:2] == ["Required tags", "Nice-to-have tags"]

    assert chips(the(page, "Bartek Zieliński")) == {
        "required_tags": ("partial", "Has Kotlin, Spring (2 of 3 required)"),
        "nice_tags": ("miss", "Lacks AWS, Docker, Kafka (0 of 3 nice to have)"),
        "location": ("partial", "Lives in Warszawa, Poland: same country as the role"),
        "seniority": ("partial", "Lead: one level above the role"),
        "salary": ("miss", "Asks 25,000–28,000 PLN; band 15,000–22,000"),
        "availability": ("match", "Notice period: 1 month"),
        "near_fit": ("miss", "Not marked a near fit before"),
        "last_contact": ("match", "Last contact 3 months ago"),
        "consent": ("unknown", "No consent recorded"),
    }
    assert chips(the(page, "Celina Wójcik")) == {
        "required_tags": ("partial", "Has Kotlin (1 of 3 required)"),
        "nice_tags": ("partial", "Has Docker, Kafka (2 of 3 nice to have)"),
        "location": ("miss", "Lives in Berlin, Germany; the role is in Kraków"),
        "seniority": ("partial", "Mid: one level below the role"),
        "salary": ("unknown", "Asks 5,000 EUR; band in PLN"),
        "availability": ("miss", "Available from 1 Feb 2027"),
        "near_fit": ("miss", "Not marked a near fit before"),
        "last_contact": ("unknown", "Never contacted"),
        "consent": ("unknown", "No consent recorded"),
    }
    dawid = chips(the(page, "Dawid Kamiński"))
    assert dawid["location"] == ("match", "Lives in Kraków, the role's city")
    assert dawid["salary"] == ("unknown", "Salary expectation not known")
    assert dawid["availability"] == ("unknown", "Availability not known")


def test_ties_are_broken_by_name_and_pages_follow_the_ranking(
    ws: Workspace, people: dict[str, int]
) -> None:
    for name in ("Zofia", "Adam", "Łucja"):
        person(ws, name, "Kowalska", "Kotlin", "Spring", "PostgreSQL")
    role = java_role(ws)
    everyone = scores(ws.matcher.match(role))
    assert everyone[2:5] == [("Adam Kowalska", 40), ("Łucja Kowalska", 40), ("Zofia Kowalska", 40)]

    first = ws.matcher.match(role, limit=2)
    second = ws.matcher.match(role, limit=2, offset=2)
    assert scores(first) + scores(second) == everyone[:4]
    assert first.total == second.total == len(everyone) == 8
    assert ws.matcher.match(role, offset=50).matches == ()
    assert ws.matcher.match(role, offset=50).total == 8

    at_least = ws.matcher.match(role, min_score=28)
    assert [s for _, s in scores(at_least)] == [85, 47, 40, 40, 40, 28]
    assert at_least.total == 6


def test_the_page_without_its_total_and_the_count_apart(
    ws: Workspace, people: dict[str, int]
) -> None:
    role = java_role(ws)
    for options in ({}, {"min_score": 28}, {"include_in_pipeline": True}, {"offset": 2}):
        whole = ws.matcher.match(role, **options)  # type: ignore[arg-type]
        page = ws.matcher.match(role, with_total=False, **options)  # type: ignore[arg-type]
        assert page.total is None
        assert page.matches == whole.matches
        counting = {k: v for k, v in options.items() if k != "offset"}
        assert ws.matcher.count(role, **counting) == whole.total  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        ws.matcher.count(404)
    with pytest.raises(ValidationError):
        ws.matcher.count(role, min_score=101)


def test_near_fits_from_pools_and_earlier_vacancies(ws: Workspace, people: dict[str, int]) -> None:
    pool = ws.pools.create("Backend")
    ws.pools.add_members(pool, [people["dawid"]])
    ws.pools.set_near_fit(pool, people["dawid"], True)
    earlier = vacancy(ws, "Kotlin Developer")
    apply(ws, earlier, people["dawid"], near_fit=True)
    apply(ws, earlier, people["celina"], near_fit=False)

    page = ws.matcher.match(java_role(ws))
    dawid = the(page, "Dawid Kamiński")
    assert dawid.score == 25
    assert chips(dawid)["near_fit"] == ("match", "Near fit for Backend, Kotlin Developer")
    assert chips(the(page, "Celina Wójcik"))["near_fit"][0] == "miss"


# --------------------------------------------------------------------------- what the role lacks


def test_a_vacancy_without_tags_matches_on_what_it_has_and_says_so(
    ws: Workspace, people: dict[str, int]
) -> None:
    role = java_role(ws, required=(), nice=())
    page = ws.matcher.match(role)
    assert page.notes == (
        "This vacancy has no tags: matching on location, seniority, salary, availability,"
        " near fit and last contact only.",
    )
    # Location and seniority now weigh 10 of 45 each: a match on both is 20 of 45.
    assert scores(page) == [
        ("Anna Nowak", 89), ("Bartek Zieliński", 44), ("Dawid Kamiński", 44), ("Celina Wójcik", 11),
    ]  # fmt: skip
    assert {c.key for c in page.matches[0].criteria}.isdisjoint({"required_tags", "nice_tags"})

    bare = vacancy(ws, "Somebody", nice=("Kafka",))
    notes = ws.matcher.match(bare).notes
    assert notes == (
        "This vacancy has no required tags: only its nice-to-have tags count.",
        "No location on this vacancy (and it is not remote): location is left out of the score.",
        "No seniority on this vacancy: seniority is left out of the score.",
        "No salary band with a currency on this vacancy: salary is left out of the score.",
    )
    assert scores(ws.matcher.match(bare))[0] == ("Celina Wójcik", 50)


def test_a_remote_role_fits_everyone_wherever_they_live(
    ws: Workspace, people: dict[str, int]
) -> None:
    page = ws.matcher.match(java_role(ws, location=None, remote_policy=RemotePolicy.REMOTE))
    assert {chips(m)["location"] for m in page.matches} == {
        ("match", "Remote role: anywhere will do")
    }
    assert "Ewa Lis" in [m.name for m in page.matches]  # the place alone scores now
    typed = ws.matcher.match(java_role(ws, location="Remote", remote_policy=None))
    assert scores(typed) == scores(page)


def test_a_role_named_by_its_country_matches_anyone_living_there(
    ws: Workspace, people: dict[str, int]
) -> None:
    page = ws.matcher.match(java_role(ws, location="Portugal"))
    filip = chips(the(page, "Filip Mazur"))
    assert filip["location"] == ("match", "Lives in Lisboa, Portugal, the role's country")
    assert chips(the(page, "Anna Nowak"))["location"][0] == "miss"


# --------------------------------------------------------------------------- the edges


def test_bad_requests_are_refused(ws: Workspace) -> None:
    with pytest.raises(NotFoundError):
        ws.matcher.match(404)
    role = java_role(ws)
    for bad in ({"limit": 0}, {"offset": -1}, {"min_score": 101}):
        with pytest.raises(ValidationError):
            ws.matcher.match(role, **bad)  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        ws.matcher.set_weights(404, {"salary": 5})


def test_the_page_as_json_carries_the_explanation(ws: Workspace, people: dict[str, int]) -> None:
    data = json.loads(json.dumps(match_as_json(ws.matcher.match(java_role(ws), limit=1))))
    assert data["total"] == 5
    (anna,) = data["matches"]
    assert (anna["name"], anna["score"], anna["do_not_contact"]) == ("Anna Nowak", 85, False)
    assert anna["criteria"][0] == {
        "key": "required_tags",
        "label": "Required tags",
        "weight": 40,
        "points": 40.0,
        "state": "match",
        "why": "Has Kotlin, PostgreSQL, Spring (3 of 3 required)",
    }
    assert data["weights"] == DEFAULT_WEIGHTS
