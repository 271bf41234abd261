"""Demo content: a small, realistic sample for first-run users, and bulk synthetic data.

`load_sample_data` goes through the ORM in one transaction (a few dozen hand-written candidates
across three pools). `seed_demo` writes straight to the sqlite3 connection with `executemany` so
that 100,000 candidates with a million interactions take seconds, not minutes.
"""

from __future__ import annotations

import functools
import itertools
import random
import sqlite3
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from talentdesk.core.db.datetimes import to_db
from talentdesk.core.db.enums import (
    DEFAULT_STAGES,
    CandidateStatus,
    InteractionKind,
    RelationshipKind,
    ReminderKind,
    Seniority,
    TagCategory,
)
from talentdesk.core.db.migrate import Database
from talentdesk.core.db.models import (
    Candidate,
    CandidateEmail,
    Interaction,
    Pool,
    PoolMembership,
    PoolStage,
    Reminder,
    Tag,
)
from talentdesk.core.normalize import sort_key

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class SampleSummary:
    candidates: int
    pools: int
    interactions: int
    reminders: int


@dataclass(frozen=True)
class SeedSummary:
    candidates: int
    interactions: int
    reminders: int
    tag_links: int
    memberships: int


# --------------------------------------------------------------------------- shared helpers

_TRANSLITERATION = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ł": "l", "Ł": "L", "ı": "i", "ø": "o"}
)


def _ascii_slug(text: str) -> str:
    """`Jürgen` → `juergen`, `Łukasz` → `lukasz`, `O'Connor` → `oconnor`."""
    folded = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATION).lower())
    return "".join(ch for ch in folded if ch.isascii() and ch.isalnum())


def _aware_utc(now: datetime) -> datetime:
    if now.tzinfo is None:
        raise ValueError("`now` must be an aware datetime")
    return now.astimezone(UTC)


# --------------------------------------------------------------------------- sample data


@dataclass(frozen=True)
class _Profile:
    first: str
    last: str
    pronoun: str  # "her" or "his"
    title: str
    company: str
    city: str
    seniority: Seniority
    industry: str
    skills: tuple[str, ...]
    status: CandidateStatus
    source: str


@dataclass(frozen=True)
class _PoolSpec:
    name: str
    colour: str
    description: str
    country: str
    currency: str
    salary_band: tuple[int, int]  # yearly, in thousands
    phone_prefix: str
    email_domain: str
    role: str  # how the recruiter talks about the search
    profiles: tuple[_Profile, ...]


_F, _M = "her", "his"
_A, _P, _PL, _DNC = (
    CandidateStatus.ACTIVE,
    CandidateStatus.PASSIVE,
    CandidateStatus.PLACED,
    CandidateStatus.DO_NOT_CONTACT,
)
_S = Seniority

# fmt: off
_SAMPLE_POOLS: tuple[_PoolSpec, ...] = (
    _PoolSpec(
        name="Kraków Java seniors",
        colour="#2563eb",
        description=(
            "Senior and lead Java/JVM engineers in and around Kraków, open to hybrid roles. "
            "Mostly Spring Boot and Kafka; a few architects."
        ),
        country="Poland",
        currency="PLN",
        salary_band=(240, 420),
        phone_prefix="+48 ",
        email_domain="example.com",
        role="senior Java",
        profiles=(
            _Profile("Anna", "Kowalska", _F, "Senior Java Developer",
                     "Wawel Software", "Kraków", _S.SENIOR, "Software",
                     ("Java", "Spring Boot", "Kafka"), _A, "LinkedIn"),
            _Profile("Łukasz", "Wiśniewski", _M, "Lead Software Engineer",
                     "Vistula Travel Tech", "Kraków", _S.LEAD, "Travel",
                     ("Java", "Kotlin", "AWS"), _P, "Referral"),
            _Profile("Katarzyna", "Wójcik", _F, "Senior Backend Engineer",
                     "Krakus Telecom", "Kraków", _S.SENIOR, "Telecommunications",
                     ("Java", "Spring Boot", "PostgreSQL"), _A, "LinkedIn"),
            _Profile("Piotr", "Zieliński", _M, "Principal Engineer",
                     "Tatra Cloud", "Kraków", _S.PRINCIPAL, "Cloud infrastructure",
                     ("Java", "Kubernetes", "Distributed systems"), _P, "Conference"),
            _Profile("Małgorzata", "Kamińska", _F, "Senior Java Developer",
                     "Kazimierz Consulting", "Wieliczka", _S.SENIOR, "IT services",
                     ("Java", "Hibernate", "Angular"), _P, "Job board"),
            _Profile("Tomasz", "Lewandowski", _M, "Staff Software Engineer",
                     "Smok Commerce", "Kraków", _S.PRINCIPAL, "E-commerce",
                     ("Java", "Kotlin", "Kafka"), _PL, "LinkedIn"),
            _Profile("Agnieszka", "Dąbrowska", _F, "Tech Lead",
                     "Nowa Huta Logistics", "Kraków", _S.LEAD, "Logistics",
                     ("Java", "Kubernetes", "GCP"), _A, "Referral"),
            _Profile("Michał", "Szymański", _M, "Senior Software Engineer",
                     "Sukiennice Bank Tech", "Kraków", _S.SENIOR, "Banking",
                     ("Java", "Spring Boot", "Oracle"), _P, "GitHub"),
            _Profile("Joanna", "Woźniak", _F, "Senior Java Engineer",
                     "Podgórze Networks", "Kraków", _S.SENIOR, "Networking",
                     ("Java", "Microservices", "Docker"), _A, "Meetup"),
            _Profile("Paweł", "Kozłowski", _M, "Java Architect",
                     "Błonia Automotive", "Kraków", _S.PRINCIPAL, "Automotive",
                     ("Java", "Architecture", "Kafka"), _DNC, "LinkedIn"),
            _Profile("Magdalena", "Jankowska", _F, "Senior Full-Stack Developer",
                     "Wawel Software", "Tarnów", _S.SENIOR, "Software",
                     ("Java", "React", "AWS"), _P, "Referral"),
            _Profile("Krzysztof", "Mazur", _M, "Engineering Manager",
                     "Rynek HR Tech", "Kraków", _S.LEAD, "HR tech",
                     ("Java", "People management", "Spring Boot"), _P, "Conference"),
        ),
    ),
    _PoolSpec(
        name="Berlin data engineers",
        colour="#16a34a",
        description=(
            "Data and analytics engineers in Berlin (and remote within Germany): Spark, Kafka, "
            "dbt, Airflow and cloud warehouses."
        ),
        country="Germany",
        currency="EUR",
        salary_band=(65, 125),
        phone_prefix="+49 ",
        email_domain="example.org",
        role="data engineering",
        profiles=(
            _Profile("Jürgen", "Müller", _M, "Senior Data Engineer",
                     "Spree Analytics", "Berlin", _S.SENIOR, "Analytics",
                     ("Python", "Spark", "Airflow"), _A, "LinkedIn"),
            _Profile("Lena", "Schäfer", _F, "Data Engineer",
                     "Kreuzberg Mobility", "Berlin", _S.MID, "Mobility",
                     ("Python", "dbt", "Snowflake"), _A, "Job board"),
            _Profile("Maximilian", "Weiß", _M, "Lead Data Engineer",
                     "Nordlicht Versicherung", "Berlin", _S.LEAD, "Insurance",
                     ("Scala", "Spark", "Kafka"), _P, "Referral"),
            _Profile("Sophie", "Krüger", _F, "Analytics Engineer",
                     "Tempelhof Logistics", "Berlin", _S.MID, "Logistics",
                     ("SQL", "dbt", "BigQuery"), _P, "Meetup"),
            _Profile("Felix", "Schröder", _M, "Senior Data Engineer",
                     "Grünwerk Energie", "Potsdam", _S.SENIOR, "Energy",
                     ("Python", "Kafka", "AWS"), _P, "LinkedIn"),
            _Profile("Hannah", "Becker", _F, "Data Platform Engineer",
                     "Havelstrom Payments", "Berlin", _S.SENIOR, "Fintech",
                     ("Kubernetes", "Terraform", "Spark"), _A, "GitHub"),
            _Profile("Jonas", "Hoffmann", _M, "Staff Data Engineer",
                     "Fernsehturm Media", "Berlin", _S.PRINCIPAL, "Media",
                     ("Scala", "Flink", "Kafka"), _P, "Conference"),
            _Profile("Mia", "Köhler", _F, "Junior Data Engineer",
                     "Spree Analytics", "Berlin", _S.JUNIOR, "Analytics",
                     ("Python", "SQL", "Airflow"), _A, "University"),
            _Profile("Lukas", "Fischer", _M, "Senior Analytics Engineer",
                     "Kiezkauf", "Leipzig", _S.SENIOR, "E-commerce",
                     ("SQL", "dbt", "Snowflake"), _PL, "LinkedIn"),
            _Profile("Emilia", "Groß", _F, "Head of Data Engineering",
                     "Havelstrom Payments", "Berlin", _S.EXECUTIVE, "Fintech",
                     ("Python", "People management", "GCP"), _P, "Referral"),
            _Profile("Ayşe", "Yılmaz", _F, "Senior Data Engineer",
                     "Kreuzberg Mobility", "Berlin", _S.SENIOR, "Mobility",
                     ("Python", "Spark", "Databricks"), _A, "Meetup"),
            _Profile("Niklas", "Böhm", _M, "Machine Learning Engineer",
                     "Nordlicht Versicherung", "Berlin", _S.SENIOR, "Insurance",
                     ("Python", "MLOps", "Kubernetes"), _DNC, "LinkedIn"),
        ),
    ),
    _PoolSpec(
        name="London product managers",
        colour="#d97706",
        description=(
            "Product managers, senior to head of product, in London fintech, marketplaces and "
            "B2B SaaS. Strong on discovery and data-informed roadmaps."
        ),
        country="United Kingdom",
        currency="GBP",
        salary_band=(70, 160),
        phone_prefix="+44 ",
        email_domain="example.net",
        role="product",
        profiles=(
            _Profile("Oliver", "Smith", _M, "Senior Product Manager",
                     "Thames Payments", "London", _S.SENIOR, "Fintech",
                     ("Product discovery", "Payments", "SQL"), _A, "LinkedIn"),
            _Profile("Charlotte", "Davies", _F, "Group Product Manager",
                     "Camden Marketplace", "London", _S.LEAD, "Marketplaces",
                     ("Roadmapping", "Marketplaces", "OKRs"), _P, "Referral"),
            _Profile("James", "O'Connor", _M, "Product Manager",
                     "Shoreditch Labs", "London", _S.MID, "B2B SaaS",
                     ("Product discovery", "B2B SaaS", "Jira"), _A, "Job board"),
            _Profile("Amelia", "Hughes", _F, "Head of Product",
                     "Albion Insurance", "London", _S.EXECUTIVE, "Insurance",
                     ("Product strategy", "People management", "OKRs"), _P, "Conference"),
            _Profile("Harry", "Patel", _M, "Senior Product Manager",
                     "Canary Ledger", "London", _S.SENIOR, "Fintech",
                     ("Payments", "Compliance", "SQL"), _P, "LinkedIn"),
            _Profile("Priya", "Shah", _F, "Principal Product Manager",
                     "Brixton Health", "London", _S.PRINCIPAL, "Healthtech",
                     ("Product strategy", "Experimentation", "Healthcare"), _A, "Referral"),
            _Profile("Thomas", "Wright", _M, "Product Lead",
                     "Soho Media Group", "London", _S.LEAD, "Media",
                     ("Roadmapping", "Experimentation", "Mobile"), _PL, "LinkedIn"),
            _Profile("Emily", "Clarke", _F, "Senior Product Manager",
                     "Shoreditch Labs", "Brighton", _S.SENIOR, "B2B SaaS",
                     ("B2B SaaS", "Product discovery", "API"), _P, "Meetup"),
            _Profile("George", "Evans", _M, "Product Manager",
                     "Camden Marketplace", "London", _S.MID, "Marketplaces",
                     ("Marketplaces", "Experimentation", "SQL"), _P, "Job board"),
            _Profile("Sophie", "Thompson", _F, "Director of Product",
                     "Thames Payments", "London", _S.EXECUTIVE, "Fintech",
                     ("Product strategy", "Payments", "People management"), _P, "Conference"),
            _Profile("William", "Roberts", _M, "Senior Technical Product Manager",
                     "Canary Ledger", "Cambridge", _S.SENIOR, "Fintech",
                     ("API", "Platform", "Compliance"), _DNC, "LinkedIn"),
            _Profile("Siobhán", "Kelly", _F, "Senior Product Manager",
                     "Brixton Health", "London", _S.SENIOR, "Healthtech",
                     ("Healthcare", "Product discovery", "Mobile"), _A, "Referral"),
        ),
    ),
)
# fmt: on

_MOTIVATORS = (
    "Wants more ownership of architecture decisions.",
    "Looking for a fully remote setup; commute is the main pain point.",
    "Salary growth has stalled; wants a clear progression path.",
    "Would move for a product with real users and a modern stack.",
    "Wants to work with a stronger team and a good engineering culture.",
    "Interested in a four-day week or flexible hours (young kids).",
    "Keen to move into a lead role within a year.",
    "Mission matters: climate, health or education.",
)
_DOUBTS = (
    "Worried about early-stage startup risk.",
    "Has unvested shares until spring.",
    "Not keen on more than two office days a week.",
    "Burnt by a previous reorg; asks a lot about stability.",
    "Unsure about moving from a big brand to a scale-up.",
    "Concerned about on-call load.",
)
_COMPETING = (
    "Final round with a fintech scale-up.",
    "Verbal offer from current employer's competitor, ~15% above current.",
    "In process with two companies, one at offer stage.",
    "Counter-offer expected from current employer.",
)
_NOTICE = ("2 weeks", "1 month", "1 month", "3 months", "3 months", "3 months (negotiable to 2)")
_EVENTS = ("Met at a local Java meetup", "Met at a data conference", "Met at a product breakfast")
_CANDIDATE_NOTES = (
    "Prefers e-mail over phone; best reached after 5 pm.",
    "Strong communicator, very structured in interviews.",
    "Open to relocation within the EU.",
    "Speaks English and German fluently.",
    "Mentors juniors; gives talks at meetups.",
    None,
    None,
)


@dataclass(frozen=True)
class _InteractionTemplate:
    kind: InteractionKind
    subject: str
    body: str


_INTERACTIONS: tuple[_InteractionTemplate, ...] = (
    _InteractionTemplate(
        InteractionKind.EMAIL_OUT,
        "Intro: {role} opportunity",
        "Hi {first}, I'm working on a {role} search that fits your background at {company}. "
        "Worth a 20-minute chat?",
    ),
    _InteractionTemplate(
        InteractionKind.EMAIL_IN,
        "Re: {role} opportunity",
        "Thanks for reaching out, happy to talk. Thursday afternoon works.",
    ),
    _InteractionTemplate(
        InteractionKind.CALL,
        "Intro call",
        "30 min call. Happy at {company} but open to the right move; shared salary expectations.",
    ),
    _InteractionTemplate(
        InteractionKind.CALL,
        "Catch-up call",
        "Quick catch-up. Nothing urgent; asked me to keep {pronoun} in mind for lead roles.",
    ),
    _InteractionTemplate(
        InteractionKind.MEETING,
        "Coffee in {city}",
        "Met for coffee. Talked about team culture and what {pronoun} next step should be.",
    ),
    _InteractionTemplate(
        InteractionKind.MESSAGE,
        "LinkedIn message",
        "Sent a short note congratulating on the work anniversary.",
    ),
    _InteractionTemplate(
        InteractionKind.MESSAGE,
        "Quick question",
        "Asked whether {first} would share the role with former colleagues.",
    ),
    _InteractionTemplate(
        InteractionKind.FEEDBACK,
        "Interview feedback",
        "Hiring manager: strong technical depth, wants a second round on system design.",
    ),
    _InteractionTemplate(
        InteractionKind.NOTE,
        "Note",
        "Mentioned a possible reorg at {company}; worth checking in next quarter.",
    ),
    _InteractionTemplate(
        InteractionKind.NOTE,
        "Note",
        "Prefers hybrid, max two office days. Salary floor confirmed.",
    ),
)

_REMINDER_NOTES: tuple[tuple[ReminderKind, str], ...] = (
    (ReminderKind.CHECK_IN, "Check in after {pronoun} notice period ends"),
    (ReminderKind.FOLLOW_UP, "Follow up on the {role} role we discussed"),
    (ReminderKind.FEEDBACK_OWED, "Send {first} interview feedback from the hiring manager"),
    (ReminderKind.CHECK_IN, "Ask {first} how the reorg at {company} went"),
    (ReminderKind.FOLLOW_UP, "Send {first} the job spec and salary band"),
    (ReminderKind.CUSTOM, "Invite {first} to the next meetup in {city}"),
    (ReminderKind.CHECK_IN, "Quarterly check-in: still happy at {company}?"),
)

# Bucket of each candidate's reminder, by position in the pool (None: no reminder).
_REMINDER_PLAN: tuple[str | None, ...] = (
    "overdue", "today", "week", "later", "week", None,
    "overdue", "later", "today", "week", "done", "later",
)  # fmt: skip


def _end_of_today(now: datetime) -> datetime:
    """The earlier of the next UTC midnight and the next local midnight, so a reminder placed
    before it is "today" whichever of the two the UI uses."""
    ends = []
    for local in (now.astimezone(UTC), now.astimezone()):
        ends.append(datetime.combine(local.date() + timedelta(days=1), time(), local.tzinfo))
    return min(ends)


def _working_hours(day: date, rng: random.Random) -> datetime:
    """A moment between 08:00 and 17:59 UTC on `day`."""
    start = datetime.combine(day, time(8), UTC)
    return start + timedelta(seconds=rng.randrange(10 * 3600))


def _reminder_due(bucket: str, now: datetime, rng: random.Random) -> datetime:
    today = now.date()
    if bucket in ("overdue", "done"):  # before today's start, so before now
        return _working_hours(today - timedelta(days=rng.randint(1, 20)), rng)
    if bucket == "today":
        return now + (_end_of_today(now) - now) * rng.uniform(0.2, 0.8)
    if bucket == "week":
        # Day +2 to +6 is after the start of tomorrow and before now + 7 days, in any zone.
        return _working_hours(today + timedelta(days=rng.randint(2, 6)), rng)
    return _working_hours(today + timedelta(days=rng.randint(10, 75)), rng)


def _get_or_create_tag(
    session: Session, cache: dict[tuple[TagCategory, str], Tag], category: TagCategory, name: str
) -> Tag:
    key = (category, name)
    tag = cache.get(key)
    if tag is None:
        tag = session.scalar(select(Tag).where(Tag.category == category, Tag.name == name))
        if tag is None:
            tag = Tag(category=category, name=name)
            session.add(tag)
        cache[key] = tag
    return tag


def _sample_pool(session: Session, spec: _PoolSpec, now: datetime) -> Pool:
    """The pool named like `spec`, created with the default stages when it does not exist."""
    pool = session.scalar(select(Pool).where(Pool.name == spec.name))
    if pool is not None:
        if not pool.stages:
            pool.stages = [PoolStage(name=n, position=i) for i, n in enumerate(DEFAULT_STAGES)]
        return pool
    pool = Pool(
        name=spec.name,
        description=spec.description,
        colour=spec.colour,
        created_at=now - timedelta(days=400),
        stages=[PoolStage(name=n, position=i) for i, n in enumerate(DEFAULT_STAGES)],
    )
    session.add(pool)
    return pool


def _stage_for(pool: Pool, index: int) -> PoolStage:
    """The stage at default position `index`, by name when the pool has it."""
    by_name = {stage.name: stage for stage in pool.stages}
    wanted = DEFAULT_STAGES[index]
    if wanted in by_name:
        return by_name[wanted]
    ordered = sorted(pool.stages, key=lambda s: s.position)
    return ordered[min(index, len(ordered) - 1)]


def _phone(prefix: str, rng: random.Random) -> str:
    digits = "".join(str(rng.randint(0, 9)) for _ in range(8))
    if prefix.startswith("+44"):
        return f"{prefix}7{digits[:3]} {digits[3:]}{rng.randint(0, 9)}"
    if prefix.startswith("+49"):
        return f"{prefix}15{digits[:1]} {digits[1:]}"
    return f"{prefix}5{digits[:2]} {digits[2:5]} {digits[5:]}"


def load_sample_data(db: Database, now: datetime, rng_seed: int = 7) -> SampleSummary:
    """Add three sample pools with a dozen realistic candidates each, in one transaction.

    Existing pools with the same names are reused; everything else is added alongside whatever
    the database already holds.
    """
    now = _aware_utc(now)
    rng = random.Random(rng_seed)
    # Sample stages by position in DEFAULT_STAGES; most people sit early in the funnel.
    stage_plan = (0, 1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 2)
    near_fit_positions = {8, 11}  # a near miss: not a fit now, or still engaged
    counts = {"candidates": 0, "pools": 0, "interactions": 0, "reminders": 0}

    with db.sessions.begin() as session:
        tags: dict[tuple[TagCategory, str], Tag] = {}
        for spec in _SAMPLE_POOLS:
            pool = _sample_pool(session, spec, now)
            session.flush()  # interactions refer to the pool by id
            counts["pools"] += 1
            low, high = spec.salary_band
            created: list[Candidate] = []
            for index, profile in enumerate(spec.profiles):
                first_slug, last_slug = _ascii_slug(profile.first), _ascii_slug(profile.last)
                candidate = Candidate(
                    first_name=profile.first,
                    last_name=profile.last,
                    email=f"{first_slug}.{last_slug}@{spec.email_domain}",
                    phone=_phone(spec.phone_prefix, rng) if index % 3 != 2 else None,
                    city=profile.city,
                    country=spec.country,
                    title=profile.title,
                    company=profile.company,
                    seniority=profile.seniority,
                    industry=profile.industry,
                    linkedin_url=(
                        f"https://linkedin.com/in/{first_slug}-{last_slug}-{rng.getrandbits(24):06x}"
                        if index % 5 != 4
                        else None
                    ),
                    source=profile.source,
                    status=profile.status,
                    notes=rng.choice(_CANDIDATE_NOTES),
                    created_at=now - timedelta(days=rng.randint(370, 700)),
                    updated_at=now - timedelta(days=rng.randint(0, 30)),
                )
                if profile.source == "Referral" and created:
                    referrer = created[rng.randrange(len(created))]
                    candidate.relationship_kind = RelationshipKind.REFERRED_BY
                    candidate.referred_by = referrer
                    candidate.relationship_note = (
                        f"{referrer.first_name} recommended {profile.first} "
                        f"({'worked together' if rng.random() < 0.5 else 'friends from uni'})."
                    )
                elif profile.source in ("Conference", "Meetup"):
                    candidate.relationship_kind = RelationshipKind.MET_AT_EVENT
                    candidate.relationship_note = rng.choice(_EVENTS) + "."
                elif index % 4 == 1:
                    candidate.relationship_kind = RelationshipKind.FORMER_COLLEAGUE
                    candidate.relationship_note = "Worked together on a previous search."
                if index % 4 != 3:  # three in four have the full picture
                    salary_min = rng.randint(low, (low + high) // 2)
                    salary_max = salary_min + rng.randint(10, max(11, (high - low) // 3))
                    candidate.motivators = rng.choice(_MOTIVATORS)
                    candidate.doubts = rng.choice(_DOUBTS)
                    candidate.salary_min = Decimal(salary_min * 1000)
                    candidate.salary_max = Decimal(salary_max * 1000)
                    candidate.salary_currency = spec.currency
                    candidate.notice_period = rng.choice(_NOTICE)
                    candidate.birthday = date(
                        rng.randint(1975, 1999), rng.randint(1, 12), rng.randint(1, 28)
                    )
                    if rng.random() < 0.35:
                        candidate.competing_offers = rng.choice(_COMPETING)
                    if rng.random() < 0.3:
                        candidate.available_from = (
                            now + timedelta(days=rng.randint(14, 90))
                        ).date()
                if index % 6 == 0:
                    candidate.other_emails.append(
                        CandidateEmail(
                            email=f"{first_slug}{rng.randint(10, 99)}@example.com",
                            label="private",
                        )
                    )
                candidate.tags = [
                    _get_or_create_tag(session, tags, TagCategory.SKILL, skill)
                    for skill in profile.skills
                ] + [
                    _get_or_create_tag(session, tags, TagCategory.INDUSTRY, profile.industry),
                    _get_or_create_tag(session, tags, TagCategory.LOCATION, profile.city),
                ]
                stage_index = stage_plan[index % len(stage_plan)]
                candidate.memberships.append(
                    PoolMembership(
                        pool=pool,
                        stage=_stage_for(pool, stage_index),
                        near_fit=index in near_fit_positions,
                        added_at=now - timedelta(days=rng.randint(30, 360)),
                    )
                )
                fields = {
                    "first": profile.first,
                    "role": spec.role,
                    "company": profile.company,
                    "city": profile.city,
                    "pronoun": profile.pronoun,
                }
                n_interactions = rng.randint(2, 8)
                # The templates are in the order a relationship usually unfolds.
                templates = [
                    _INTERACTIONS[i]
                    for i in sorted(rng.sample(range(len(_INTERACTIONS)), n_interactions))
                ]
                days_ago = sorted(rng.sample(range(1, 360), n_interactions), reverse=True)
                for template, ago in zip(templates, days_ago, strict=True):
                    occurred = _working_hours(now.date() - timedelta(days=ago), rng)
                    candidate.interactions.append(
                        Interaction(
                            kind=template.kind,
                            occurred_at=occurred,
                            subject=template.subject.format(**fields),
                            body=template.body.format(**fields),
                            pool_id=pool.id if template.kind is not InteractionKind.NOTE else None,
                            created_at=occurred,
                        )
                    )
                counts["interactions"] += n_interactions
                bucket = _REMINDER_PLAN[index % len(_REMINDER_PLAN)]
                if bucket is not None:
                    kind, note = _REMINDER_NOTES[rng.randrange(len(_REMINDER_NOTES))]
                    due = _reminder_due(bucket, now, rng)
                    candidate.reminders.append(
                        Reminder(
                            due_at=due,
                            kind=kind,
                            note=note.format(**fields),
                            done_at=due + timedelta(hours=2) if bucket == "done" else None,
                            created_at=min(due, now) - timedelta(days=rng.randint(1, 30)),
                        )
                    )
                    counts["reminders"] += 1
                session.add(candidate)
                created.append(candidate)
                counts["candidates"] += 1
    return SampleSummary(**counts)


# --------------------------------------------------------------------------- bulk demo data

_FIRST_NAMES = (
    "Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Zofia", "Julia", "Łucja",
    "Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Michał", "Łukasz", "Jakub",
    "Lena", "Hannah", "Sophie", "Mia", "Emilia", "Jürgen", "Lukas", "Felix", "Jonas",
    "Maximilian", "Niklas", "Björn", "Jörg", "Käthe", "Oliver", "George", "Harry", "James",
    "William", "Thomas", "Charlotte", "Amelia", "Emily", "Olivia", "Isla", "Priya", "Siobhán",
    "Ayşe", "Mehmet", "Chloé", "Zoë", "Renée", "José", "Inês", "Søren", "Ingrid",
)  # fmt: skip
_LAST_NAMES = (
    "Nowak", "Kowalski", "Kowalska", "Wiśniewski", "Wiśniewska", "Wójcik", "Kowalczyk",
    "Kamiński", "Kamińska", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski",
    "Kozłowski", "Jankowski", "Mazur", "Krawczyk", "Piotrowski", "Grabowski", "Pawłowski",
    "Michalski", "Król", "Wieczorek", "Jabłoński", "Wróbel", "Nowakowski", "Majewski",
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
    "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder",
    "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange",
    "Weiß", "Groß", "Köhler", "Böhm", "Smith", "Jones", "Taylor", "Brown", "Williams",
    "Wilson", "Johnson", "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker",
    "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke", "Patel", "Khan",
    "O'Brien", "McKenzie", "Hughes", "Yılmaz", "Öztürk", "García", "Fernández", "Dubois",
)  # fmt: skip
_TITLES = (
    ("Software Engineer", Seniority.MID),
    ("Senior Software Engineer", Seniority.SENIOR),
    ("Staff Engineer", Seniority.PRINCIPAL),
    ("Principal Engineer", Seniority.PRINCIPAL),
    ("Junior Developer", Seniority.JUNIOR),
    ("Java Developer", Seniority.MID),
    ("Senior Java Developer", Seniority.SENIOR),
    ("Backend Engineer", Seniority.MID),
    ("Frontend Developer", Seniority.MID),
    ("Full-Stack Developer", Seniority.MID),
    ("Tech Lead", Seniority.LEAD),
    ("Engineering Manager", Seniority.LEAD),
    ("Head of Engineering", Seniority.EXECUTIVE),
    ("CTO", Seniority.EXECUTIVE),
    ("Data Engineer", Seniority.MID),
    ("Senior Data Engineer", Seniority.SENIOR),
    ("Data Scientist", Seniority.MID),
    ("Machine Learning Engineer", Seniority.SENIOR),
    ("DevOps Engineer", Seniority.MID),
    ("Site Reliability Engineer", Seniority.SENIOR),
    ("QA Engineer", Seniority.MID),
    ("Product Manager", Seniority.MID),
    ("Senior Product Manager", Seniority.SENIOR),
    ("Head of Product", Seniority.EXECUTIVE),
    ("Product Designer", Seniority.MID),
    ("Engineering Director", Seniority.EXECUTIVE),
)
_COMPANIES = (
    "Wawel Software", "Vistula Systems", "Tatra Cloud", "Kazimierz Consulting", "Smok Commerce",
    "Nowa Huta Logistics", "Sukiennice Bank Tech", "Podgórze Networks", "Błonia Automotive",
    "Rynek HR Tech", "Spree Analytics", "Kreuzberg Mobility", "Nordlicht Versicherung",
    "Tempelhof Logistics", "Grünwerk Energie", "Havelstrom Payments", "Fernsehturm Media",
    "Kiezkauf", "Thames Payments", "Camden Marketplace", "Shoreditch Labs", "Albion Insurance",
    "Canary Ledger", "Brixton Health", "Soho Media Group", "Baltic Games", "Odra Robotics",
    "Elbe Freight", "Pennine Energy", "Clyde Biotech",
)  # fmt: skip
_CITIES = (
    ("Kraków", "Poland"), ("Warszawa", "Poland"), ("Wrocław", "Poland"), ("Gdańsk", "Poland"),
    ("Poznań", "Poland"), ("Łódź", "Poland"), ("Berlin", "Germany"), ("München", "Germany"),
    ("Hamburg", "Germany"), ("Köln", "Germany"), ("Leipzig", "Germany"),
    ("Düsseldorf", "Germany"), ("London", "United Kingdom"), ("Manchester", "United Kingdom"),
    ("Edinburgh", "United Kingdom"), ("Bristol", "United Kingdom"),
)  # fmt: skip
_SKILL_TAGS = (
    "Java", "Kotlin", "Scala", "Python", "Go", "Rust", "C#", "C++", "TypeScript", "JavaScript",
    "React", "Angular", "Vue", "Node.js", "Spring Boot", "Django", "SQL", "PostgreSQL",
    "Kafka", "Spark", "Airflow", "dbt", "Snowflake", "AWS", "GCP", "Azure", "Kubernetes",
    "Terraform", "Docker", "Machine learning", "Product discovery", "Roadmapping",
)  # fmt: skip
_INDUSTRY_TAGS = (
    "Fintech", "Banking", "Insurance", "E-commerce", "Marketplaces", "Healthtech", "Logistics",
    "Automotive", "Media", "Gaming", "Energy", "Telecommunications", "B2B SaaS", "Travel",
)  # fmt: skip
_TAG_VOCABULARY: tuple[tuple[TagCategory, str], ...] = (
    *((TagCategory.SKILL, name) for name in _SKILL_TAGS),
    *((TagCategory.INDUSTRY, name) for name in _INDUSTRY_TAGS),
    *((TagCategory.LOCATION, name) for name, _country in _CITIES),
)
_DEMO_POOLS: tuple[tuple[str, str, str], ...] = (
    ("Demo: Backend engineers", "#2563eb", "Java, Kotlin, Go and Python backend engineers."),
    ("Demo: Data & ML", "#16a34a", "Data engineers, data scientists and ML engineers."),
    ("Demo: Frontend", "#db2777", "React, Angular and Vue developers."),
    ("Demo: Engineering leaders", "#ea580c", "Tech leads, engineering managers and directors."),
    ("Demo: Product", "#7c3aed", "Product managers and designers."),
    ("Demo: Platform & SRE", "#0891b2", "DevOps, SRE and platform engineers."),
)
_STAGE_WEIGHTS = (30, 25, 15, 10, 4, 3, 6, 4, 3)  # by position in DEFAULT_STAGES
_SOURCES = ("LinkedIn", "Referral", "Job board", "GitHub", "Conference", "Meetup", "Inbound")
_STATUSES = (
    (CandidateStatus.PASSIVE.value, 60),
    (CandidateStatus.ACTIVE.value, 28),
    (CandidateStatus.PLACED.value, 8),
    (CandidateStatus.DO_NOT_CONTACT.value, 4),
)
_DEMO_INTERACTIONS: tuple[tuple[str, str, str], ...] = (
    (InteractionKind.EMAIL_OUT.value, "Intro", "Reached out about a new role."),
    (InteractionKind.EMAIL_OUT.value, "Follow-up", "Followed up on the last message."),
    (InteractionKind.EMAIL_IN.value, "Re: Intro", "Interested, asked for the salary band."),
    (InteractionKind.EMAIL_IN.value, "Re: Follow-up", "Not right now, maybe in six months."),
    (InteractionKind.CALL.value, "Intro call", "Discussed motivations and expectations."),
    (InteractionKind.CALL.value, "Catch-up call", "Still happy, open to senior roles."),
    (InteractionKind.MEETING.value, "Coffee", "Met for coffee, talked about team culture."),
    (InteractionKind.MESSAGE.value, "LinkedIn message", "Short note, replied within a day."),
    (InteractionKind.FEEDBACK.value, "Interview feedback", "Strong on system design."),
    (InteractionKind.NOTE.value, "Note", "Prefers hybrid work, two office days at most."),
    (InteractionKind.NOTE.value, "Note", "Notice period three months."),
)
_DEMO_INTERACTION_WEIGHTS = (14, 8, 9, 5, 12, 8, 6, 14, 6, 10, 8)
_DEMO_REMINDERS: tuple[tuple[str, str], ...] = (
    (ReminderKind.FOLLOW_UP.value, "Follow up on the role we discussed"),
    (ReminderKind.CHECK_IN.value, "Check in after the notice period ends"),
    (ReminderKind.CHECK_IN.value, "Quarterly check-in"),
    (ReminderKind.FEEDBACK_OWED.value, "Send interview feedback"),
    (ReminderKind.CUSTOM.value, "Invite to the next meetup"),
)
_NOTICE_PERIODS = (None, "2 weeks", "1 month", "3 months")
_CURRENCY = {"Poland": "PLN", "Germany": "EUR", "United Kingdom": "GBP"}
_SALARY_BAND = {"Poland": (120, 420), "Germany": (50, 130), "United Kingdom": (45, 150)}
_PHONE_PREFIX = {"Poland": "+48 5", "Germany": "+49 15", "United Kingdom": "+44 7"}
_BATCH = 5000
_EPOCH = date(1970, 1, 1)

_CANDIDATE_COLUMNS = (
    "id", "first_name", "last_name", "sort_name", "email", "phone", "city", "country", "title",
    "company", "seniority", "industry", "linkedin_url", "source", "relationship_kind", "status",
    "salary_min", "salary_max", "salary_currency", "notice_period", "notes", "created_at",
    "updated_at", "last_contact_at",
)  # fmt: skip
_INSERT_CANDIDATE = (
    f"INSERT INTO candidate ({', '.join(_CANDIDATE_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_CANDIDATE_COLUMNS))})"
)
_INSERT_CANDIDATE_TAG = "INSERT INTO candidate_tag (candidate_id, tag_id) VALUES (?, ?)"
_INSERT_MEMBERSHIP = (
    "INSERT INTO pool_membership (candidate_id, pool_id, stage_id, near_fit, added_at) "
    "VALUES (?, ?, ?, ?, ?)"
)
_INSERT_INTERACTION = (
    "INSERT INTO interaction (candidate_id, kind, occurred_at, subject, body, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_INSERT_REMINDER = (
    "INSERT INTO reminder (candidate_id, due_at, note, kind, created_at) VALUES (?, ?, ?, ?, ?)"
)


def _demo_tag_ids(cur: sqlite3.Cursor) -> list[int]:
    ids = []
    for category, name in _TAG_VOCABULARY:
        row = cur.execute(
            "SELECT id FROM tag WHERE category = ? AND name = ?", (category.value, name)
        ).fetchone()
        if row is None:
            cur.execute("INSERT INTO tag (name, category) VALUES (?, ?)", (name, category.value))
            ids.append(int(cur.lastrowid or 0))
        else:
            ids.append(int(row[0]))
    return ids


def _demo_pools(cur: sqlite3.Cursor, now: datetime) -> list[tuple[int, list[int]]]:
    """(pool id, stage ids by position) for each demo pool, creating what is missing."""
    pools = []
    for name, colour, description in _DEMO_POOLS:
        row = cur.execute("SELECT id FROM pool WHERE name = ?", (name,)).fetchone()
        if row is None:
            cur.execute(
                "INSERT INTO pool (name, description, colour, created_at) VALUES (?, ?, ?, ?)",
                (name, description, colour, to_db(now - timedelta(days=500))),
            )
            pool_id = int(cur.lastrowid or 0)
        else:
            pool_id = int(row[0])
        stages = [
            int(r[0])
            for r in cur.execute(
                "SELECT id FROM pool_stage WHERE pool_id = ? ORDER BY position", (pool_id,)
            )
        ]
        if not stages:
            cur.executemany(
                "INSERT INTO pool_stage (pool_id, name, position) VALUES (?, ?, ?)",
                [(pool_id, stage, i) for i, stage in enumerate(DEFAULT_STAGES)],
            )
            stages = [
                int(r[0])
                for r in cur.execute(
                    "SELECT id FROM pool_stage WHERE pool_id = ? ORDER BY position", (pool_id,)
                )
            ]
        pools.append((pool_id, stages))
    return pools


class _Timestamps:
    """`to_db(now - m minutes)` for whole minutes m (now floored to the minute), assembled from
    cached date and time-of-day strings: strftime on each of a million rows takes seconds."""

    def __init__(self, now: datetime) -> None:
        self._now_minute = int(now.timestamp()) // 60  # minutes since the epoch, UTC
        self._dates: dict[int, str] = {}
        self._times = [f"{h:02d}:{m:02d}:00.000000" for h in range(24) for m in range(60)]

    def minutes_ago(self, minutes: int) -> str:
        day, minute = divmod(self._now_minute - minutes, 24 * 60)
        day_text = self._dates.get(day)
        if day_text is None:
            day_text = self._dates[day] = (_EPOCH + timedelta(days=day)).isoformat()
        return f"{day_text} {self._times[minute]}"


@functools.cache
def _name_keys(first: str, last: str) -> tuple[str, str]:
    """(sort_name, e-mail local part) for a name; the lists are short, so cache them."""
    return sort_key(f"{first} {last}"), f"{_ascii_slug(first)}.{_ascii_slug(last)}"


def seed_demo(
    db: Database,
    count: int,
    now: datetime,
    progress: ProgressCallback | None = None,
    rng_seed: int = 1,
) -> SeedSummary:
    """Add `count` synthetic candidates, each with about ten interactions, one reminder, two to
    four tags and one or two demo-pool memberships, in a single transaction.

    The triggers stay in place and fire, but the rows go in an order that leaves them almost
    nothing to do, while ending in exactly the state they would produce:

    * Foreign-key checks are deferred to commit (`PRAGMA defer_foreign_keys`, which SQLite
      resets when the transaction ends), so each batch's `candidate_tag` rows are inserted
      *before* its candidates. The tag triggers then find no candidate row and write nothing to
      `candidate_fts`; the candidate insert trigger builds each search row once, tags included,
      from the same query. (Tags after candidates would rebuild each row once per tag.)
    * `last_contact_at` is inserted already equal to the newest non-note interaction, which is
      known here, so the interaction trigger's `last_contact_at < NEW.occurred_at` is never true
      and it writes nothing.

    New ids continue from the largest existing candidate id. 100,000 candidates take about 25 s
    on a 2-core machine, most of it in SQLite (FTS tokenising, trigger calls, index upkeep).
    `progress(done, count)` is called after every batch of 5,000 candidates.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    now = _aware_utc(now)
    rng = random.Random(rng_seed)
    stamps = _Timestamps(now)
    totals = {"interactions": 0, "tag_links": 0, "memberships": 0}

    raw = db.engine.raw_connection()
    try:
        conn = raw.driver_connection
        assert isinstance(conn, sqlite3.Connection)
        cur = conn.cursor()
        (old_cache_size,) = cur.execute("PRAGMA cache_size").fetchone()
        cur.execute("PRAGMA cache_size = -65536")  # 64 MiB while the indexes grow
        cur.execute("BEGIN IMMEDIATE")
        try:
            cur.execute("PRAGMA defer_foreign_keys = ON")
            tag_ids = _demo_tag_ids(cur)
            pools = _demo_pools(cur, now)
            (max_id,) = cur.execute("SELECT coalesce(max(id), 0) FROM candidate").fetchone()
            first_id = int(max_id) + 1
            for start in range(0, count, _BATCH):
                ids = range(first_id + start, first_id + min(start + _BATCH, count))
                rows = _demo_batch(ids, rng, stamps, tag_ids, pools)
                cur.executemany(_INSERT_CANDIDATE_TAG, rows.tags)  # before the candidates
                cur.executemany(_INSERT_CANDIDATE, rows.candidates)
                cur.executemany(_INSERT_MEMBERSHIP, rows.memberships)
                cur.executemany(_INSERT_INTERACTION, rows.interactions)
                cur.executemany(_INSERT_REMINDER, rows.reminders)
                totals["interactions"] += len(rows.interactions)
                totals["tag_links"] += len(rows.tags)
                totals["memberships"] += len(rows.memberships)
                if progress is not None:
                    progress(start + len(ids), count)
            cur.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLite may already have rolled back (e.g. disk full)
                cur.execute("ROLLBACK")
            raise
        finally:
            cur.execute(f"PRAGMA cache_size = {int(old_cache_size)}")
        # Hand the big write-ahead log back to the main file now rather than on a later write.
        cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cur.close()
    finally:
        raw.close()
    return SeedSummary(candidates=count, reminders=count, **totals)


@dataclass
class _Rows:
    candidates: list[tuple[Any, ...]]
    tags: list[tuple[int, int]]
    memberships: list[tuple[Any, ...]]
    interactions: list[tuple[Any, ...]]
    reminders: list[tuple[Any, ...]]


def _cumulative(weights: Sequence[int]) -> list[int]:
    return list(itertools.accumulate(weights))


_INTERACTION_CUM_WEIGHTS = _cumulative(_DEMO_INTERACTION_WEIGHTS)
_STAGE_CUM_WEIGHTS = _cumulative(_STAGE_WEIGHTS)
_STATUS_VALUES = [status for status, _weight in _STATUSES]
_STATUS_CUM_WEIGHTS = _cumulative([weight for _status, weight in _STATUSES])


def _demo_batch(
    ids: Sequence[int],
    rng: random.Random,
    stamps: _Timestamps,
    tag_ids: list[int],
    pools: list[tuple[int, list[int]]],
) -> _Rows:
    """The rows for candidates `ids`. Hot: 100,000 candidates, a million interactions."""
    rows = _Rows([], [], [], [], [])
    candidates, interactions = rows.candidates, rows.interactions
    year = 365 * 24 * 60
    tag_positions = range(len(tag_ids))
    stage_positions = range(len(_STAGE_WEIGHTS))
    random_ = rng.random
    choices = rng.choices
    sample = rng.sample
    minutes_ago = stamps.minutes_ago
    for cid in ids:
        first = _FIRST_NAMES[int(random_() * len(_FIRST_NAMES))]
        last = _LAST_NAMES[int(random_() * len(_LAST_NAMES))]
        title, seniority = _TITLES[int(random_() * len(_TITLES))]
        city, country = _CITIES[int(random_() * len(_CITIES))]
        sort_name, slug = _name_keys(first, last)

        # 8..12 interactions, ten on average; the newest non-note one is the last contact.
        picks = choices(
            _DEMO_INTERACTIONS, cum_weights=_INTERACTION_CUM_WEIGHTS, k=8 + int(random_() * 5)
        )
        newest_contact: str | None = None
        for kind, subject, body in picks:
            at = minutes_ago(int(random_() * year))
            interactions.append((cid, kind, at, subject, body, at))
            if kind != "note" and (newest_contact is None or at > newest_contact):
                newest_contact = at

        if random_() < 0.5:
            low, high = _SALARY_BAND[country]
            salary_min: int | None = (low + int(random_() * (high - low))) * 1000
            salary_max: int | None = salary_min + (5 + int(random_() * 30)) * 1000
            currency: str | None = _CURRENCY[country]
        else:
            salary_min = salary_max = currency = None
        created = minutes_ago(year + int(random_() * 2 * year))
        candidates.append(
            (
                cid,
                first,
                last,
                sort_name,
                f"{slug}.{cid}@example.{('com', 'org', 'net')[cid % 3]}",
                f"{_PHONE_PREFIX[country]}{cid % 1000:03d} {cid // 1000 % 1000:03d} {cid % 997:03d}"
                if random_() < 0.6
                else None,
                city,
                country,
                title,
                _COMPANIES[int(random_() * len(_COMPANIES))],
                seniority.value,
                _INDUSTRY_TAGS[int(random_() * len(_INDUSTRY_TAGS))],
                f"https://linkedin.com/in/{slug.replace('.', '-')}-{cid}"
                if random_() < 0.7
                else None,
                _SOURCES[int(random_() * len(_SOURCES))],
                RelationshipKind.NONE.value,
                choices(_STATUS_VALUES, cum_weights=_STATUS_CUM_WEIGHTS)[0],
                salary_min,
                salary_max,
                currency,
                _NOTICE_PERIODS[int(random_() * len(_NOTICE_PERIODS))],
                "Demo candidate." if random_() < 0.2 else None,
                created,
                created,
                newest_contact,
            )
        )
        for tag_position in sample(tag_positions, 2 + int(random_() * 3)):
            rows.tags.append((cid, tag_ids[tag_position]))
        for pool_id, stages in sample(pools, 1 + (random_() < 0.3)):
            position = choices(stage_positions, cum_weights=_STAGE_CUM_WEIGHTS)[0]
            rows.memberships.append(
                (
                    cid,
                    pool_id,
                    stages[min(position, len(stages) - 1)],
                    int(random_() < 0.05),
                    minutes_ago(int(random_() * year)),
                )
            )
        kind, note = _DEMO_REMINDERS[int(random_() * len(_DEMO_REMINDERS))]
        # Due between 30 days ago and 60 days ahead (negative minutes ago).
        due = minutes_ago(int(random_() * 90 * 24 * 60) - 60 * 24 * 60)
        rows.reminders.append((cid, due, note, kind, created))
    return rows
