"""People and vacancies for the matching tests: candidates, tags, pools and contacts go
through the services; vacancies, their tags, applications and consents are written outside the
window (the vacancy service is built beside this)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from talentdesk.core.db.enums import (
    DEFAULT_PIPELINE,
    ConsentStatus,
    InteractionKind,
    LegalBasis,
    RemotePolicy,
    Seniority,
    TagCategory,
)
from talentdesk.core.db.models import Application, Consent, Tag, Vacancy, VacancyStage, VacancyTag
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.vacancies.matching import Match, MatchPage
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


def make_people(ws: Workspace) -> dict[str, int]:
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
