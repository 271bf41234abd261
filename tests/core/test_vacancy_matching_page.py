"""Matching: the page alone (`match(with_total=False)`, what the window waits for) reads only
the candidates who can still reach it (core/vacancies/match_page.py; match_sql.py
`page_statement` for roles without tags); it must list exactly the people, scores and
explanations the full ranking (`with_total=True`) does, whatever the role, the weights and the
options."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from talentdesk.core.db.enums import CandidateStatus, ConsentStatus, RemotePolicy, Seniority
from talentdesk.core.workspace import Workspace
from tests.conftest import START
from tests.core.vacancy_people import apply, called, consent, java_role, person

SKILLS = ["Kotlin", "Spring", "PostgreSQL", "Docker", "Kafka", "AWS", "Go", "React"]


def crowd(ws: Workspace, role: int, count: int = 70) -> int:
    """Random people (many with one or two of the role's tags, some living in its city or
    country under another spelling), a few in its pipeline, withdrawn or marked do not
    contact; a pool."""
    rng = random.Random(17)
    pool = ws.pools.create("Backend")
    other = java_role(ws, title="Earlier role")
    for i in range(count):
        cid = person(
            ws, rng.choice(["Ola", "Piotr", "Iga", "Żaneta"]), f"Nowak {i:02d}",
            *rng.sample(SKILLS, rng.choice([0, 1, 1, 1, 2, 2, 3, 4])),
            city=rng.choice(["Kraków", "Krakow", "KRAKÓW", "Nowy Kraków", "Warszawa", "Berlin",
                             None]),
            country=rng.choice(["Poland", "poland", "Pòland", "Polska", "Germany", None]),
            seniority=rng.choice([*Seniority, None]),
            salary_min=Decimal(rng.randrange(10_000, 30_000, 1000)) if rng.random() < 0.7 else None,
            salary_currency=rng.choice(["PLN", "EUR"]),
            notice_period=rng.choice(["2 weeks", None]),
            available_from=START.date() + timedelta(days=rng.randrange(-20, 120))
            if rng.random() < 0.4 else None,
            status=CandidateStatus.DO_NOT_CONTACT if rng.random() < 0.1 else CandidateStatus.ACTIVE,
        )  # fmt: skip
        if rng.random() < 0.4:
            called(ws, cid, rng.randrange(1, 1000))
        if rng.random() < 0.4:
            consent(ws, cid, *rng.sample(list(ConsentStatus), rng.randrange(1, 3)))
        if rng.random() < 0.3:
            ws.pools.add_members(pool, [cid])
            ws.pools.set_near_fit(pool, cid, rng.random() < 0.5)
        if rng.random() < 0.1:
            apply(ws, role, cid)
        elif rng.random() < 0.1:
            apply(ws, other, cid, near_fit=True)
    return pool


@pytest.mark.parametrize(
    ("role_fields", "weights"),
    [
        ({"location": "Kraków, Poland"}, None),
        ({"location": "Krakow"}, {"near_fit": 40, "consent": 20}),
        ({"location": "Poland"}, None),
        ({"location": "Kraków, Poland"}, {"required_tags": 100, "last_contact": 1}),
        ({"remote_policy": RemotePolicy.REMOTE}, None),
        ({"nice": ()}, {"location": 60}),
        ({"required": ()}, None),
        ({"required": (), "nice": ()}, None),
    ],
)
def test_the_page_alone_lists_what_the_full_ranking_lists(
    ws: Workspace, role_fields: dict[str, Any], weights: dict[str, int] | None
) -> None:
    role = java_role(ws, **role_fields)
    pool = crowd(ws, role)
    ws.matcher.set_weights(role, weights)
    ranked = ws.matcher.match(role, limit=1000)
    assert len(ranked.matches) > 20
    options: list[dict[str, Any]] = [
        {"limit": 1},
        {"limit": 3},
        {"limit": 5, "offset": 5},
        {"limit": 7, "offset": 30},
        {"limit": 10, "include_in_pipeline": True},
        {"limit": 10, "include_do_not_contact": True},
        {"limit": 10, "include_in_pipeline": True, "include_do_not_contact": True},
        {"limit": 4, "pool_id": pool},
        {"limit": 5, "min_score": ranked.matches[len(ranked.matches) // 3].score},
        {"limit": 1000},
    ]
    for option in options:
        full = ws.matcher.match(role, **option)
        alone = ws.matcher.match(role, with_total=False, **option)
        assert alone.matches == full.matches, option
        assert (alone.total, alone.notes, alone.weights) == (None, full.notes, full.weights)


def test_one_tag_and_everything_else_beats_two_tags_and_a_weaker_rest(ws: Workspace) -> None:
    """The page alone must still read whoever can outscore the best-tagged: Bea has one
    required tag but lives in the role's city (spelled without the accent) and was a near fit
    before, Ada has a nice-to-have tag besides and lives elsewhere in the country; Adam has
    two required tags and less of the rest."""
    role = java_role(ws, location="Kraków, Poland")
    earlier = java_role(ws, title="Earlier role")
    perfect: dict[str, Any] = {
        "country": "Poland", "seniority": Seniority.SENIOR, "salary_min": Decimal(18000),
        "salary_max": Decimal(20000), "salary_currency": "PLN", "notice_period": "1 month",
    }  # fmt: skip
    person(ws, "Adam", "Abacki", "Kotlin", "Spring", **{**perfect, "city": "Gdańsk"})
    bea = person(ws, "Bea", "Babacka", "Kotlin", **{**perfect, "city": "Krakow"})
    cyryl = person(ws, "Cyryl", "Cabacki", "Spring", **{**perfect, "city": "Kraków"})
    ada = person(ws, "Ada", "Dabacka", "Kotlin", "Docker", **{**perfect, "city": "Warszawa"})
    for cid in (bea, cyryl, ada):  # Adam: never contacted
        called(ws, cid, 10)
    for cid in (bea, ada):
        apply(ws, earlier, cid, near_fit=True)

    ranked = ws.matcher.match(role, limit=10)
    assert [(m.name, m.score) for m in ranked.matches] == [
        ("Ada Dabacka", 58), ("Bea Babacka", 58), ("Adam Abacki", 57), ("Cyryl Cabacki", 53),
    ]  # fmt: skip
    for limit, offset in ((1, 0), (2, 0), (1, 1), (1, 2), (2, 2), (10, 0)):
        alone = ws.matcher.match(role, limit=limit, offset=offset, with_total=False)
        assert alone.matches == ranked.matches[offset : offset + limit], (limit, offset)


@pytest.mark.parametrize("extra", [0, 20, 30])
def test_a_role_with_many_tags_lists_the_same(ws: Workspace, extra: int) -> None:
    """The page alone counts each candidate's tags in a byte (core/vacancies/match_tagged.py):
    with 20 more tags it still can, with 30 it cannot and the statement counts them."""
    more = [f"Skill {i:02d}" for i in range(extra)]
    role = java_role(
        ws,
        required=("Kotlin", "Spring", *more[: extra // 2]),
        nice=("Docker", "Go", *more[extra // 2 :]),
    )
    crowd(ws, role)
    full = ws.matcher.match(role, limit=15)
    alone = ws.matcher.match(role, limit=15, with_total=False)
    assert len(full.matches) == 15
    assert alone.matches == full.matches
