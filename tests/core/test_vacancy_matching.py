"""Explained matching of candidates against a vacancy, on a real SQLite file with an injected
clock (START: Wednesday 25 Nov 2026, 09:30 UTC).

Vacancies, their tags, applications and consents are written outside the window (the vacancy
service is built beside this); candidates, tags, pools and contacts go through the services.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select

from talentdesk.core.db.enums import (
    DEFAULT_PIPELINE,
    CandidateStatus,
    ConsentStatus,
    InteractionKind,
    LegalBasis,
    RemotePolicy,
    Seniority,
    TagCategory,
)
from talentdesk.core.db.models import (
    Application,
    Consent,
    Tag,
    Vacancy,
    VacancyStage,
    VacancyTag,
)
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.normalize import sort_key
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.vacancies.matching import (
    DEFAULT_WEIGHTS,
    Match,
    MatchPage,
    match_as_json,
)
from talentdesk.core.workspace import Workspace
from tests.conftest import START, session_outside

ROLE = "Senior Backend Developer"


def person(ws: Workspace, first: str, last: str, *tags: str, **fields: Any) -> int:
    refs = [TagRef(TagCategory.SKILL, name) for name in tags]
    return ws.candidates.create(CandidateRecord(first, last, tags=refs, **fields))


def vacancy(
    ws: Workspace,
    title: str = ROLE,
    required: tuple[str, ...] = (),
    nice: tuple[str, ...] = (),
    **fields: Any,
) -> int:
    with session_outside(ws.paths.database) as session:
        role = Vacancy(title=title, opened_at=START, **fields)
        role.stages = [
            VacancyStage(name=n, kind=k, position=i) for i, (n, k) in enumerate(DEFAULT_PIPELINE)
        ]
        for names, is_required in ((required, True), (nice, False)):
            for name in names:
                tag = session.scalar(select(Tag).where(Tag.name == name))
                if tag is None:
                    tag = Tag(name=name, category=TagCategory.SKILL)
                    session.add(tag)
                    session.flush()
                role.tags.append(VacancyTag(tag_id=tag.id, required=is_required))
        session.add(role)
        session.flush()
        return role.id


def java_role(ws: Workspace, **fields: Any) -> int:
    values: dict[str, Any] = {
        "required": ("Kotlin", "Spring", "PostgreSQL"),
        "nice": ("Docker", "Kafka", "AWS"),
        "location": "Kraków",
        "remote_policy": RemotePolicy.HYBRID,
        "seniority": Seniority.SENIOR,
        "salary_min": Decimal(15000),
        "salary_max": Decimal(22000),
        "salary_currency": "PLN",
    }
    return vacancy(ws, **{**values, **fields})


def apply(ws: Workspace, vacancy_id: int, candidate_id: int, near_fit: bool = False) -> None:
    with session_outside(ws.paths.database) as session:
        stage = session.scalars(
            select(VacancyStage).where(VacancyStage.vacancy_id == vacancy_id)
        ).first()
        assert stage is not None
        session.add(
            Application(
                candidate_id=candidate_id,
                vacancy_id=vacancy_id,
                stage_id=stage.id,
                near_fit=near_fit,
                created_at=START,
                updated_at=START,
            )
        )


def consent(ws: Workspace, candidate_id: int, *statuses: ConsentStatus) -> None:
    with session_outside(ws.paths.database) as session:
        for status in statuses:
            session.add(
                Consent(candidate_id=candidate_id, legal_basis=LegalBasis.CONSENT, status=status)
            )
            session.flush()


def called(ws: Workspace, candidate_id: int, days_ago: int) -> None:
    ws.interactions.log(
        candidate_id, InteractionKind.CALL, START - timedelta(days=days_ago), "Talked"
    )


def scores(page: MatchPage) -> list[tuple[str, int]]:
    return [(m.name, m.score) for m in page.matches]


def chips(match: Match) -> dict[str, tuple[str, str]]:
    return {c.key: (c.state, c.why) for c in match.criteria}


def the(page: MatchPage, name: str) -> Match:
    return next(m for m in page.matches if m.name == name)


@pytest.fixture
def people(ws: Workspace) -> dict[str, int]:
    """Five people for the Kraków Kotlin role, from a near-perfect fit to no fit at all."""
    anna = person(ws, "Anna", "Nowak", "Kotlin", "Spring", "PostgreSQL", "Docker",
                  city="Krakow", country="Poland", seniority=Seniority.SENIOR,
                  salary_min=Decimal(18000), salary_max=Decimal(20000), salary_currency="PLN",
                  available_from=date(2026, 12, 1))  # fmt: skip
    called(ws, anna, 10)
    consent(ws, anna, ConsentStatus.GIVEN)
    bartek = person(ws, "Bartek", "Zieliński", "Kotlin", "Spring",
                    city="Warszawa", country="Poland", seniority=Seniority.LEAD,
                    salary_min=Decimal(25000), salary_max=Decimal(28000), salary_currency="PLN",
                    notice_period="1 month")  # fmt: skip
    called(ws, bartek, 95)
    celina = person(ws, "Celina", "Wójcik", "Kotlin", "Docker", "Kafka",
                    city="Berlin", country="Germany", seniority=Seniority.MID,
                    salary_min=Decimal(5000), salary_currency="EUR",
                    available_from=date(2027, 2, 1))  # fmt: skip
    dawid = person(ws, "Dawid", "Kamiński", city="Kraków", country="Poland",
                   seniority=Seniority.SENIOR)  # fmt: skip
    ewa = person(ws, "Ewa", "Lis", city="Lisboa", country="Portugal",
                 seniority=Seniority.EXECUTIVE)  # fmt: skip
    filip = person(ws, "Filip", "Mazur", "AWS", city="Lisboa", country="Portugal")
    return {"anna": anna, "bartek": bartek, "celina": celina, "dawid": dawid, "ewa": ewa,
            "filip": filip}  # fmt: skip


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


def test_a_role_named_by_its_country_matches_anyone_living_there(
    ws: Workspace, people: dict[str, int]
) -> None:
    page = ws.matcher.match(java_role(ws, location="Portugal"))
    filip = chips(the(page, "Filip Mazur"))
    assert filip["location"] == ("match", "Lives in Lisboa, Portugal, the role's country")
    assert chips(the(page, "Anna Nowak"))["location"][0] == "miss"


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
