"""A small, realistic sample for first-run users: a few dozen hand-written candidates across
three pools, written through the ORM in one transaction."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

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
)
from talentdesk.core.demo.common import ascii_slug, aware_utc
from talentdesk.core.ops.changes import Changes
from talentdesk.core.records import TagRef
from talentdesk.core.reminders import generated
from talentdesk.core.services.candidates import TagCache, tag_for


@dataclass(frozen=True)
class SampleSummary:
    candidates: int
    pools: int
    interactions: int
    reminders: int


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
    cadence_days: int  # keep in touch with every member this often
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
        cadence_days=30,
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
        cadence_days=60,
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
        cadence_days=90,
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
        cadence_days=spec.cadence_days,
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


def load_sample_data(
    db: Database, now: datetime, rng_seed: int = 7, tz: tzinfo | None = None
) -> SampleSummary:
    """Add three sample pools with a dozen realistic candidates each, in one transaction.

    Existing pools with the same names are reused; everything else is added alongside whatever
    the database already holds. The reminders TalentDesk writes itself (keep-in-touch
    check-ins, birthdays, feedback owed) are made at the end, in `tz` (None: the computer's).
    """
    now = aware_utc(now)
    rng = random.Random(rng_seed)
    # Sample stages by position in DEFAULT_STAGES; most people sit early in the funnel.
    stage_plan = (0, 1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 2)
    near_fit_positions = {8, 11}  # a near miss: not a fit now, or still engaged
    counts = {"candidates": 0, "pools": 0, "interactions": 0, "reminders": 0}

    def work() -> None:
        with db.sessions.begin() as session:
            tags: TagCache = {}
            for spec in _SAMPLE_POOLS:
                pool = _sample_pool(session, spec, now)
                session.flush()  # interactions refer to the pool by id
                counts["pools"] += 1
                low, high = spec.salary_band
                created: list[Candidate] = []
                for index, profile in enumerate(spec.profiles):
                    first_slug, last_slug = ascii_slug(profile.first), ascii_slug(profile.last)
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
                    refs = [TagRef(TagCategory.SKILL, skill) for skill in profile.skills] + [
                        TagRef(TagCategory.INDUSTRY, profile.industry),
                        TagRef(TagCategory.LOCATION, profile.city),
                    ]
                    candidate.tags = [tag_for(session, ref, tags) for ref in refs]
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
                        noted = template.kind is InteractionKind.NOTE
                        candidate.interactions.append(
                            Interaction(
                                kind=template.kind,
                                occurred_at=occurred,
                                subject=template.subject.format(**fields),
                                body=template.body.format(**fields),
                                pool_id=None if noted else pool.id,
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
            session.flush()
            made = generated.refresh_in(session.connection(), now, tz)
            counts["reminders"] += made.created
        db.writer.note(Changes.everything())

    db.writer.run(work, label="loading the sample data", announce=True)
    return SampleSummary(**counts)


# --------------------------------------------------------------------------- bulk demo data
