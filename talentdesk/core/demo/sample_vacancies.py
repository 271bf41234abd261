"""The sample's vacancies, at different points: an open role with a pipeline across its stages
(and one person owed an answer), a filled one whose outcomes were all told, and an open one
with few applicants but good matches in the pools. Each is added once (by title), with the
sample people found by e-mail; dates are relative to now, as the rest of the sample's."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from talentdesk.core.db.enums import (
    InteractionKind,
    RemotePolicy,
    Seniority,
    TagCategory,
    VacancyStatus,
)
from talentdesk.core.db.models import (
    Application,
    ApplicationStageChange,
    Candidate,
    CandidateEmail,
    Interaction,
    Vacancy,
    VacancyStage,
    VacancyTag,
)
from talentdesk.core.records import TagRef
from talentdesk.core.services.candidates import TagCache, tag_for
from talentdesk.core.stages import default_stages


@dataclass(frozen=True)
class Applicant:
    email: str
    steps: tuple[tuple[str, int], ...]  # (stage, days ago), oldest first
    near_fit: bool = False
    told_days_ago: int | None = None  # the feedback given, this long ago


@dataclass(frozen=True)
class VacancySpec:
    title: str
    company: str
    hiring_manager: str
    location: str
    remote: RemotePolicy
    seniority: Seniority
    salary: tuple[int, int, str]
    description: str
    status: VacancyStatus
    opened_days_ago: int
    required: tuple[TagRef, ...]
    nice: tuple[TagRef, ...]
    applicants: tuple[Applicant, ...] = ()
    closed_days_ago: int | None = None


def _skill(name: str) -> TagRef:
    return TagRef(TagCategory.SKILL, name)


_KRK, _BER, _LON = "example.com", "example.org", "example.net"

# fmt: off
SAMPLE_VACANCIES: tuple[VacancySpec, ...] = (
    VacancySpec(
        title="Senior Backend Engineer (Java)",
        company="Vistula Payments", hiring_manager="Ewa Nowicka", location="Kraków",
        remote=RemotePolicy.HYBRID, seniority=Seniority.SENIOR,
        salary=(300_000, 380_000, "PLN"),
        description="Card payments platform, Spring Boot and Kafka; two days a week in the office.",
        status=VacancyStatus.OPEN, opened_days_ago=30,
        required=(_skill("Java"), _skill("Spring Boot")), nice=(_skill("Kafka"),),
        applicants=(
            Applicant(f"anna.kowalska@{_KRK}",
                      (("Contacted", 26), ("Engaged", 21), ("Interviewing", 14), ("Offer", 2))),
            Applicant(f"katarzyna.wojcik@{_KRK}",
                      (("Contacted", 24), ("Engaged", 18), ("Interviewing", 3))),
            Applicant(f"michal.szymanski@{_KRK}", (("Contacted", 12), ("Engaged", 6))),
            Applicant(f"joanna.wozniak@{_KRK}", (("Sourced", 9), ("Contacted", 5))),
            Applicant(f"magdalena.jankowska@{_KRK}", (("Sourced", 4),)),
            Applicant(f"lukasz.wisniewski@{_KRK}",
                      (("Contacted", 20), ("Interviewing", 10), ("Not a fit", 2))),
        ),
    ),
    VacancySpec(
        title="Lead Data Engineer",
        company="Brandenburg Energie", hiring_manager="Stefan Braun", location="Berlin",
        remote=RemotePolicy.REMOTE, seniority=Seniority.LEAD,
        salary=(95_000, 115_000, "EUR"),
        description="Lead a team of four building the grid data platform (Spark, Kafka).",
        status=VacancyStatus.FILLED, opened_days_ago=95, closed_days_ago=25,
        required=(_skill("Spark"), _skill("Kafka")), nice=(_skill("Scala"), _skill("AWS")),
        applicants=(
            Applicant(f"maximilian.weiss@{_BER}",
                      (("Contacted", 85), ("Interviewing", 60), ("Offer", 35), ("Hired", 25))),
            Applicant(f"felix.schroeder@{_BER}",
                      (("Contacted", 84), ("Interviewing", 58), ("Not a fit", 40)),
                      near_fit=True, told_days_ago=38),
            Applicant(f"jonas.hoffmann@{_BER}",
                      (("Contacted", 80), ("Interviewing", 55), ("Declined", 45)),
                      told_days_ago=44),
            Applicant(f"ayse.yilmaz@{_BER}",
                      (("Contacted", 70), ("Not a fit", 25)), told_days_ago=24),
        ),
    ),
    VacancySpec(
        title="Senior Product Manager, Payments",
        company="Lambeth Bank", hiring_manager="Grace Mitchell", location="London",
        remote=RemotePolicy.HYBRID, seniority=Seniority.SENIOR,
        salary=(95_000, 120_000, "GBP"),
        description="Own card acquiring end to end; new team, strong engineering partner.",
        status=VacancyStatus.OPEN, opened_days_ago=5,
        required=(_skill("Payments"),),
        nice=(_skill("Product discovery"), _skill("SQL"), TagRef(TagCategory.INDUSTRY, "Fintech")),
        applicants=(Applicant(f"george.evans@{_LON}", (("Contacted", 3),)),),
    ),
)
# fmt: on


@dataclass
class AddedVacancies:
    vacancies: list[Vacancy] = field(default_factory=list)
    interactions: int = 0


def add_sample_vacancies(session: Session, now: datetime, tags: TagCache) -> AddedVacancies:
    """Add the sample vacancies not there yet (by title), with their pipelines."""
    added = AddedVacancies()
    titles = set(session.scalars(select(Vacancy.title)))
    people = _people(session, [a.email for s in SAMPLE_VACANCIES for a in s.applicants])
    for spec in SAMPLE_VACANCIES:
        if spec.title in titles:
            continue
        vacancy = _vacancy(session, spec, now, tags)
        stages = {s.name: s for s in vacancy.stages}
        positions: dict[str, int] = {}
        for applicant in spec.applicants:
            candidate_id = people.get(applicant.email)
            if candidate_id is None:  # taken out of the sample by the user
                continue
            last = applicant.steps[-1][0]
            positions[last] = positions.get(last, -1) + 1
            _application(session, vacancy, stages, applicant, candidate_id, positions[last], now)
            if applicant.told_days_ago is not None:
                session.add(
                    Interaction(
                        candidate_id=candidate_id,
                        kind=InteractionKind.FEEDBACK,
                        occurred_at=now - timedelta(days=applicant.told_days_ago),
                        subject=f"Feedback on {spec.title}",
                        body=f"Called with {spec.company}'s feedback and thanked them.",
                        vacancy_id=vacancy.id,
                        created_at=now - timedelta(days=applicant.told_days_ago),
                    )
                )
                added.interactions += 1
        added.vacancies.append(vacancy)
    return added


def _people(session: Session, emails: list[str]) -> dict[str, int]:
    wanted = [e.lower() for e in emails]
    found: dict[str, int] = {}
    for email, candidate_id in session.execute(
        select(func.lower(Candidate.email), Candidate.id).where(
            func.lower(Candidate.email).in_(wanted)
        )
    ):
        found[email] = candidate_id
    for email, candidate_id in session.execute(
        select(func.lower(CandidateEmail.email), CandidateEmail.candidate_id).where(
            func.lower(CandidateEmail.email).in_(wanted)
        )
    ):
        found.setdefault(email, candidate_id)
    return found


def _vacancy(session: Session, spec: VacancySpec, now: datetime, tags: TagCache) -> Vacancy:
    low, high, currency = spec.salary
    vacancy = Vacancy(
        title=spec.title,
        company=spec.company,
        hiring_manager=spec.hiring_manager,
        location=spec.location,
        remote_policy=spec.remote,
        seniority=spec.seniority,
        salary_min=Decimal(low),
        salary_max=Decimal(high),
        salary_currency=currency,
        description=spec.description,
        status=spec.status,
        opened_at=now - timedelta(days=spec.opened_days_ago),
        closed_at=(
            now - timedelta(days=spec.closed_days_ago) if spec.closed_days_ago is not None else None
        ),
    )
    vacancy.stages = default_stages(VacancyStage)
    wanted = [(ref, True) for ref in spec.required] + [(ref, False) for ref in spec.nice]
    vacancy.tags = [
        VacancyTag(tag_id=_tag_id(session, ref, tags), required=required)
        for ref, required in wanted
    ]
    session.add(vacancy)
    session.flush()
    return vacancy


def _tag_id(session: Session, ref: TagRef, tags: TagCache) -> int:
    tag = tag_for(session, ref, tags)
    session.flush()
    return tag.id


def _application(
    session: Session,
    vacancy: Vacancy,
    stages: dict[str, VacancyStage],
    applicant: Applicant,
    candidate_id: int,
    position: int,
    now: datetime,
) -> None:
    first_at = now - timedelta(days=applicant.steps[0][1])
    last_at = now - timedelta(days=applicant.steps[-1][1])
    application = Application(
        candidate_id=candidate_id,
        vacancy_id=vacancy.id,
        stage_id=stages[applicant.steps[-1][0]].id,
        near_fit=applicant.near_fit,
        position=position,
        created_at=first_at,
        updated_at=last_at,
    )
    previous: str | None = None
    for stage, days_ago in applicant.steps:
        application.history.append(
            ApplicationStageChange(
                from_stage=previous,
                to_stage=stage,
                to_kind=stages[stage].kind,
                moved_at=now - timedelta(days=days_ago),
            )
        )
        previous = stage
    session.add(application)
