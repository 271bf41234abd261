"""Matching: who is left out (do not contact, withdrawn consent, the pipeline, outside a pool),
the weights per vacancy, and a randomised check that pages, totals and explanations agree."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from talentdesk.core.db.enums import CandidateStatus, ConsentStatus, Seniority
from talentdesk.core.errors import ValidationError
from talentdesk.core.normalize import sort_key
from talentdesk.core.vacancies.matching import DEFAULT_WEIGHTS
from talentdesk.core.workspace import Workspace
from tests.conftest import START
from tests.core.vacancy_people import (
    apply,
    called,
    chips,
    consent,
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


# --------------------------------------------------------------------------- who is left out


def test_do_not_contact_is_left_out_unless_asked_then_flagged(
    ws: Workspace, people: dict[str, int]
) -> None:
    record = ws.candidates.get(people["bartek"])
    record.status = CandidateStatus.DO_NOT_CONTACT
    ws.candidates.update(people["bartek"], record)
    consent(ws, people["celina"], ConsentStatus.GIVEN, ConsentStatus.WITHDRAWN)
    consent(ws, people["dawid"], ConsentStatus.WITHDRAWN, ConsentStatus.GIVEN)  # again
    role = java_role(ws)

    page = ws.matcher.match(role)
    assert [name for name, _ in scores(page)] == ["Anna Nowak", "Dawid Kamiński", "Filip Mazur"]
    assert page.total == 3

    everyone = ws.matcher.match(role, include_do_not_contact=True)
    assert page.total + 2 == everyone.total == 5
    flagged = {m.name: m.do_not_contact for m in everyone.matches}
    assert flagged == {"Anna Nowak": False, "Bartek Zieliński": True, "Celina Wójcik": True,
                       "Dawid Kamiński": False, "Filip Mazur": False}  # fmt: skip
    assert chips(the(everyone, "Celina Wójcik"))["consent"] == ("miss", "Consent withdrawn")


def test_people_in_the_pipeline_are_left_out_unless_asked_then_flagged(
    ws: Workspace, people: dict[str, int]
) -> None:
    role = java_role(ws)
    apply(ws, role, people["anna"])
    page = ws.matcher.match(role)
    assert "Anna Nowak" not in [m.name for m in page.matches]
    assert page.total == 4

    with_pipeline = ws.matcher.match(role, include_in_pipeline=True)
    assert with_pipeline.matches[0].name == "Anna Nowak"
    assert with_pipeline.matches[0].in_pipeline
    assert not any(m.in_pipeline for m in with_pipeline.matches[1:])
    assert with_pipeline.total == 5


def test_a_pool_narrows_the_search_to_its_members(ws: Workspace, people: dict[str, int]) -> None:
    pool = ws.pools.create("Kraków backend")
    ws.pools.add_members(pool, [people["bartek"], people["dawid"], people["ewa"]])
    page = ws.matcher.match(java_role(ws), pool_id=pool)
    assert scores(page) == [("Bartek Zieliński", 47), ("Dawid Kamiński", 20)]
    assert page.total == 2


# --------------------------------------------------------------------------- weights


def test_changed_weights_change_the_order_and_are_kept_per_vacancy(
    ws: Workspace, people: dict[str, int]
) -> None:
    role = java_role(ws)
    other = java_role(ws, title="Another role")
    ws.matcher.set_weights(role, {"required_tags": 0, "nice_tags": 0, "location": 100})
    assert ws.matcher.weights(role) == {
        **DEFAULT_WEIGHTS, "required_tags": 0, "nice_tags": 0, "location": 100,
    }  # fmt: skip
    assert ws.matcher.weights(other) == DEFAULT_WEIGHTS

    page = ws.matcher.match(role)
    assert [name for name, _ in scores(page)][:3] == [
        "Anna Nowak", "Dawid Kamiński", "Bartek Zieliński",
    ]  # fmt: skip
    assert page.weights["location"] == 100
    assert chips(page.matches[0])["required_tags"][0] == "match"  # shown, worth nothing
    assert page.matches[0].criteria[0].points == 0

    ws.matcher.set_weights(role, None)
    assert ws.matcher.weights(role) == DEFAULT_WEIGHTS
    assert scores(ws.matcher.match(role))[1] == ("Bartek Zieliński", 47)


@pytest.mark.parametrize(
    ("weights", "field"),
    [
        ({"required_tags": 101}, "required_tags"),
        ({"salary": -1}, "salary"),
        ({"salary": 2.5}, "salary"),
        ({"salary": True}, "salary"),
        ({"colour": 5}, "colour"),
        (dict.fromkeys(DEFAULT_WEIGHTS, 0), "weights"),
    ],
)
def test_invalid_weights_are_refused_and_nothing_changes(
    ws: Workspace, weights: dict[str, Any], field: str
) -> None:
    role = java_role(ws)
    ws.matcher.set_weights(role, {"consent": 20})
    with pytest.raises(ValidationError) as refused:
        ws.matcher.set_weights(role, weights)
    assert field in refused.value.errors
    assert ws.matcher.weights(role)["consent"] == 20


def test_zero_weights_on_everything_that_applies_rank_nobody(
    ws: Workspace, people: dict[str, int]
) -> None:
    role = vacancy(ws, "Notes only")
    ws.matcher.set_weights(
        role, {"availability": 0, "near_fit": 0, "last_contact": 0, "required_tags": 50}
    )
    page = ws.matcher.match(role)
    assert (page.total, page.matches) == (0, ())
    assert page.notes[-1] == "Every criterion that applies weighs 0: there is nothing to rank on."


def test_consent_counts_once_weighted(ws: Workspace, people: dict[str, int]) -> None:
    role = java_role(ws)
    consent(ws, people["dawid"], ConsentStatus.PENDING)
    ws.matcher.set_weights(role, {"consent": 10})
    page = ws.matcher.match(role)
    dawid = the(page, "Dawid Kamiński")
    assert chips(dawid)["consent"] == ("partial", "Consent pending")
    assert dawid.score == round(100 * (10 + 10 + 5) / 110)


# --------------------------------------------------------------------------- the whole, at random


@pytest.mark.parametrize(
    "weights",
    [
        None,
        {"consent": 30, "near_fit": 40},
        {"required_tags": 0, "nice_tags": 0},  # the tagged rank on the rest alone
        {"required_tags": 100, "nice_tags": 100, "last_contact": 1},  # steps below a point
    ],
)
def test_pages_totals_and_explanations_agree_on_random_people(
    ws: Workspace, weights: dict[str, int] | None
) -> None:
    """The score is the explanation's points added up; pages are slices of one ranking by
    score then name; the total counts exactly who would be listed; the people left out are
    exactly those flagged when asked for."""
    rng = random.Random(13)
    skills = ["Kotlin", "Spring", "PostgreSQL", "Docker", "Kafka", "AWS", "Go", "React"]
    role = java_role(ws)
    pool = ws.pools.create("Backend")
    for i in range(60):
        cid = person(
            ws, rng.choice(["Ola", "Piotr", "Iga", "Żaneta"]), f"Nowak {i:02d}",
            *rng.sample(skills, rng.randrange(0, 5)),
            city=rng.choice(["Kraków", "Krakow", "Warszawa", "Berlin", None]),
            country=rng.choice(["Poland", "poland", "Germany", None]),
            seniority=rng.choice([*Seniority, None]),
            salary_min=Decimal(rng.randrange(10_000, 30_000, 1000)) if rng.random() < 0.7 else None,
            salary_currency=rng.choice(["PLN", "EUR"]),
            notice_period=rng.choice(["2 weeks", None]),
            available_from=START.date() + timedelta(days=rng.randrange(-20, 120))
            if rng.random() < 0.4 else None,
            status=CandidateStatus.DO_NOT_CONTACT if rng.random() < 0.1 else CandidateStatus.ACTIVE,
        )  # fmt: skip
        if rng.random() < 0.6:
            called(ws, cid, rng.randrange(1, 1000))
        if rng.random() < 0.5:
            consent(ws, cid, *rng.sample(list(ConsentStatus), rng.randrange(1, 3)))
        if rng.random() < 0.3:
            ws.pools.add_members(pool, [cid])
            ws.pools.set_near_fit(pool, cid, rng.random() < 0.5)
        if rng.random() < 0.1:
            apply(ws, role, cid)
    ws.matcher.set_weights(role, weights)

    everyone = ws.matcher.match(role, limit=1000, include_in_pipeline=True,
                                include_do_not_contact=True)  # fmt: skip
    assert everyone.total == len(everyone.matches) > 20
    for match in everyone.matches:
        assert abs(sum(c.points for c in match.criteria) - match.score) <= 0.5 + 1e-9
        for criterion in match.criteria:
            if criterion.state in ("miss", "unknown"):
                assert criterion.points == 0
            elif criterion.weight:
                assert criterion.points > 0
    order = [(-m.score, sort_key(m.name), m.candidate_id) for m in everyone.matches]
    assert order == sorted(order)

    kept = [m for m in everyone.matches if not (m.in_pipeline or m.do_not_contact)]
    page = ws.matcher.match(role, limit=1000)
    assert [m.candidate_id for m in page.matches] == [m.candidate_id for m in kept]
    assert page.total == len(kept)
    pages = [ws.matcher.match(role, limit=4, offset=o) for o in range(0, len(kept) + 4, 4)]
    assert [m for p in pages for m in p.matches] == list(page.matches)
    assert {p.total for p in pages} == {len(kept)}

    middle = page.matches[len(kept) // 2].score
    at_least = ws.matcher.match(role, limit=5, min_score=middle)
    assert at_least.total == sum(1 for m in kept if m.score >= middle)
    assert at_least.matches == page.matches[:5]
    members = ws.matcher.match(role, limit=1000, pool_id=pool)
    in_pool = {m.candidate_id for m in kept if ws.pools.memberships(m.candidate_id)}
    assert [m.candidate_id for m in members.matches] == [
        m.candidate_id for m in kept if m.candidate_id in in_pool
    ]
    assert members.total == len(in_pool)
