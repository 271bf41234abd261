"""A small, realistic sample for first-run users: a few dozen hand-written candidates across
three pools (`sample_content`), written through the ORM in one transaction.

Loaded into a database that already has people, it adds only those whose e-mail is not there
yet, and says which it added so that the window can take them out again (Undo). The timeline
is dated relative to now so that a first look shows what a recruiter's week would: most
people were contacted within their pool's cadence, a handful of reminders are due."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from talentdesk.core.db.enums import (
    DEFAULT_STAGES,
    NOT_HIRED_KINDS,
    InteractionKind,
    RelationshipKind,
    StageKind,
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
from talentdesk.core.demo.sample_content import (
    CANDIDATE_NOTES,
    CLOSING,
    COMPETING,
    DOUBTS,
    EVENTS,
    FEEDBACK_OWED,
    INTERACTIONS,
    LOSING_TOUCH_POSITION,
    MOTIVATORS,
    NEAR_FIT_POSITIONS,
    NOTICE,
    REMINDER_NOTES,
    REMINDER_PLAN,
    SAMPLE_POOLS,
    STAGE_PLAN,
    InteractionTemplate,
    PoolSpec,
    Profile,
)
from talentdesk.core.demo.sample_times import phone, reminder_due, working_hours
from talentdesk.core.demo.sample_vacancies import add_sample_vacancies
from talentdesk.core.ops.changes import Changes
from talentdesk.core.records import TagRef
from talentdesk.core.reminders import generated
from talentdesk.core.services.candidates import TagCache, tag_for
from talentdesk.core.stages import default_stages


@dataclass(frozen=True)
class SampleSummary:
    candidates: int
    pools: int
    interactions: int
    reminders: int
    # What this load added (for Undo), and how many sample people were there already.
    candidate_ids: tuple[int, ...] = field(default=(), compare=False)
    new_pool_ids: tuple[int, ...] = field(default=(), compare=False)
    skipped: int = field(default=0, compare=False)
    new_vacancy_ids: tuple[int, ...] = field(default=(), compare=False)


def sample_emails() -> list[str]:
    """The e-mail of every sample person (what "already there" is judged by)."""
    return [_email(spec, p) for spec in SAMPLE_POOLS for p in spec.profiles]


def sample_people_missing(db: Database) -> int:
    """How many sample people a load would add to this database."""
    with db.sessions() as session:
        return len(set(sample_emails()) - _existing_emails(session))


def _email(spec: PoolSpec, profile: Profile) -> str:
    return f"{ascii_slug(profile.first)}.{ascii_slug(profile.last)}@{spec.email_domain}"


def _existing_emails(session: Session) -> set[str]:
    main = session.scalars(select(func.lower(Candidate.email)).where(Candidate.email.is_not(None)))
    other = session.scalars(select(func.lower(CandidateEmail.email)))
    return {e for e in main if e} | {e for e in other if e}


def _sample_pool(session: Session, spec: PoolSpec, now: datetime) -> tuple[Pool, bool]:
    """The pool named like `spec` (created with the default stages when it does not exist),
    and whether it was created."""
    pool = session.scalar(select(Pool).where(Pool.name == spec.name))
    if pool is not None:
        if not pool.stages:
            pool.stages = default_stages(PoolStage)
        return pool, False
    pool = Pool(
        name=spec.name,
        description=spec.description,
        colour=spec.colour,
        cadence_days=spec.cadence_days,
        created_at=now - timedelta(days=400),
        stages=default_stages(PoolStage),
    )
    session.add(pool)
    return pool, True


def _stage_for(pool: Pool, index: int) -> PoolStage:
    """The stage at default position `index`, by name when the pool has it."""
    by_name = {stage.name: stage for stage in pool.stages}
    wanted = DEFAULT_STAGES[index]
    if wanted in by_name:
        return by_name[wanted]
    ordered = sorted(pool.stages, key=lambda s: s.position)
    return ordered[min(index, len(ordered) - 1)]


class _Loader:
    """One load of the sample, inside the write path's transaction."""

    def __init__(self, session: Session, now: datetime, rng: random.Random) -> None:
        self.session = session
        self.now = now
        self.rng = rng
        self.tags: TagCache = {}
        self.counts = {"candidates": 0, "pools": 0, "interactions": 0, "reminders": 0}
        self.added: list[Candidate] = []
        self.new_pools: list[Pool] = []
        self.skipped = 0

    def pool(self, spec: PoolSpec, existing: set[str]) -> None:
        wanted = [(i, p) for i, p in enumerate(spec.profiles) if _email(spec, p) not in existing]
        self.skipped += len(spec.profiles) - len(wanted)
        if not wanted:
            return
        pool, created = _sample_pool(self.session, spec, self.now)
        self.session.flush()  # interactions refer to the pool by id
        if created:
            self.new_pools.append(pool)
        self.counts["pools"] += 1
        referrers: list[Candidate] = []
        for index, profile in wanted:
            candidate = self.person(spec, index, profile, referrers)
            self.membership(spec, pool, index, candidate)
            self.timeline(spec, pool, index, profile, candidate)
            self.own_reminder(index, profile, spec, candidate)
            self.session.add(candidate)
            referrers.append(candidate)
            self.added.append(candidate)
            self.counts["candidates"] += 1

    def person(
        self, spec: PoolSpec, index: int, profile: Profile, referrers: list[Candidate]
    ) -> Candidate:
        rng, now = self.rng, self.now
        first_slug, last_slug = ascii_slug(profile.first), ascii_slug(profile.last)
        candidate = Candidate(
            first_name=profile.first,
            last_name=profile.last,
            email=_email(spec, profile),
            phone=phone(spec.phone_prefix, rng) if index % 3 != 2 else None,
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
            notes=rng.choice(CANDIDATE_NOTES),
            created_at=now - timedelta(days=rng.randint(370, 700)),
            updated_at=now - timedelta(days=rng.randint(0, 30)),
        )
        self.relationship(candidate, index, profile, referrers)
        if index % 4 != 3:  # three in four have the full picture
            self.details(candidate, spec)
        if index % 6 == 0:
            candidate.other_emails.append(
                CandidateEmail(
                    email=f"{first_slug}{rng.randint(10, 99)}@example.com", label="private"
                )
            )
        refs = [TagRef(TagCategory.SKILL, skill) for skill in profile.skills] + [
            TagRef(TagCategory.INDUSTRY, profile.industry),
            TagRef(TagCategory.LOCATION, profile.city),
        ]
        candidate.tags = [tag_for(self.session, ref, self.tags) for ref in refs]
        return candidate

    def relationship(
        self, candidate: Candidate, index: int, profile: Profile, referrers: list[Candidate]
    ) -> None:
        rng = self.rng
        if profile.source == "Referral" and referrers:
            referrer = referrers[rng.randrange(len(referrers))]
            candidate.relationship_kind = RelationshipKind.REFERRED_BY
            candidate.referred_by = referrer
            candidate.relationship_note = (
                f"{referrer.first_name} recommended {profile.first} "
                f"({'worked together' if rng.random() < 0.5 else 'friends from uni'})."
            )
        elif profile.source in ("Conference", "Meetup"):
            candidate.relationship_kind = RelationshipKind.MET_AT_EVENT
            candidate.relationship_note = rng.choice(EVENTS) + "."
        elif index % 4 == 1:
            candidate.relationship_kind = RelationshipKind.FORMER_COLLEAGUE
            candidate.relationship_note = "Worked together on a previous search."

    def details(self, candidate: Candidate, spec: PoolSpec) -> None:
        rng, (low, high) = self.rng, spec.salary_band
        salary_min = rng.randint(low, (low + high) // 2)
        salary_max = salary_min + rng.randint(10, max(11, (high - low) // 3))
        candidate.motivators = rng.choice(MOTIVATORS)
        candidate.doubts = rng.choice(DOUBTS)
        candidate.salary_min = Decimal(salary_min * 1000)
        candidate.salary_max = Decimal(salary_max * 1000)
        candidate.salary_currency = spec.currency
        candidate.notice_period = rng.choice(NOTICE)
        candidate.birthday = date(rng.randint(1975, 1999), rng.randint(1, 12), rng.randint(1, 28))
        if rng.random() < 0.35:
            candidate.competing_offers = rng.choice(COMPETING)
        if rng.random() < 0.3:
            candidate.available_from = (self.now + timedelta(days=rng.randint(14, 90))).date()

    def membership(self, spec: PoolSpec, pool: Pool, index: int, candidate: Candidate) -> None:
        rng, now = self.rng, self.now
        stage = _stage_for(pool, STAGE_PLAN[index % len(STAGE_PLAN)])
        changed: datetime | None = None
        if (spec.name, index) == FEEDBACK_OWED:
            changed = now - timedelta(days=2)
        elif stage.kind in NOT_HIRED_KINDS:  # a while ago, and they were told (`timeline`)
            changed = now - timedelta(days=rng.randint(20, 60))
        elif stage.kind is StageKind.INTERVIEWING:  # recently: no feedback owed yet
            changed = now - timedelta(days=rng.randint(2, 8))
        candidate.memberships.append(
            PoolMembership(
                pool=pool,
                stage=stage,
                near_fit=index in NEAR_FIT_POSITIONS,
                added_at=now - timedelta(days=rng.randint(30, 360)),
                stage_changed_at=changed,
            )
        )

    def timeline(
        self, spec: PoolSpec, pool: Pool, index: int, profile: Profile, candidate: Candidate
    ) -> None:
        rng, now = self.rng, self.now
        fields = {
            "first": profile.first,
            "role": spec.role,
            "company": profile.company,
            "city": profile.city,
            "pronoun": profile.pronoun,
        }
        n = rng.randint(2, 8)
        # The templates are in the order a relationship usually unfolds.
        templates = [INTERACTIONS[i] for i in sorted(rng.sample(range(len(INTERACTIONS)), n))]
        for template, ago in zip(templates, self.days_ago(spec, index, templates), strict=True):
            occurred = working_hours(now.date() - timedelta(days=ago), rng)
            noted = template.kind is InteractionKind.NOTE
            self.interaction(candidate, template, fields, occurred, None if noted else pool.id)
        membership = candidate.memberships[-1]
        changed = membership.stage_changed_at
        told = (spec.name, index) != FEEDBACK_OWED
        if changed is not None and membership.stage.kind in NOT_HIRED_KINDS and told:
            occurred = working_hours((changed + timedelta(days=rng.randint(1, 3))).date(), rng)
            self.interaction(candidate, CLOSING, fields, occurred, pool.id)

    def days_ago(
        self, spec: PoolSpec, index: int, templates: list[InteractionTemplate]
    ) -> list[int]:
        """How long ago each interaction was, oldest first. The last contact (and any notes
        after it) falls within the pool's cadence, except for the one member losing touch."""
        rng, cadence = self.rng, spec.cadence_days
        contacts = [i for i, t in enumerate(templates) if t.kind is not InteractionKind.NOTE]
        recent = len(templates) - contacts[-1] if contacts else 0
        if index == LOSING_TOUCH_POSITION:
            newest = cadence + rng.randint(2, 6)
        else:
            newest = rng.randint(1, max(2, cadence * 2 // 3))
        newest = max(newest, recent)
        late = sorted(rng.sample(range(1, newest), recent - 1), reverse=True) if recent else []
        early = sorted(rng.sample(range(newest + 1, 360), len(templates) - recent), reverse=True)
        return early + ([newest] if recent else []) + late

    def interaction(
        self,
        candidate: Candidate,
        template: InteractionTemplate,
        fields: dict[str, str],
        occurred: datetime,
        pool_id: int | None,
    ) -> None:
        candidate.interactions.append(
            Interaction(
                kind=template.kind,
                occurred_at=occurred,
                subject=template.subject.format(**fields),
                body=template.body.format(**fields),
                pool_id=pool_id,
                created_at=occurred,
            )
        )
        self.counts["interactions"] += 1

    def own_reminder(
        self, index: int, profile: Profile, spec: PoolSpec, candidate: Candidate
    ) -> None:
        bucket = REMINDER_PLAN[index % len(REMINDER_PLAN)]
        if bucket is None:
            return
        rng, now = self.rng, self.now
        kind, note = REMINDER_NOTES[rng.randrange(len(REMINDER_NOTES))]
        fields = {
            "first": profile.first,
            "role": spec.role,
            "company": profile.company,
            "city": profile.city,
            "pronoun": profile.pronoun,
        }
        due = reminder_due(bucket, now, rng)
        candidate.reminders.append(
            Reminder(
                due_at=due,
                kind=kind,
                note=note.format(**fields),
                done_at=due + timedelta(hours=2) if bucket == "done" else None,
                created_at=min(due, now) - timedelta(days=rng.randint(1, 30)),
            )
        )
        self.counts["reminders"] += 1


def load_sample_data(
    db: Database, now: datetime, rng_seed: int = 7, tz: tzinfo | None = None
) -> SampleSummary:
    """Add three sample pools with a dozen realistic candidates each, in one transaction.

    Sample people whose e-mail is already in the database are left out; existing pools with
    the same names are reused. The reminders TalentDesk writes itself (keep-in-touch
    check-ins, birthdays, feedback owed) are made at the end, in `tz` (None: the computer's).
    """
    now = aware_utc(now)
    outcome: list[SampleSummary] = []

    def work() -> None:
        with db.sessions.begin() as session:
            loader = _Loader(session, now, random.Random(rng_seed))
            existing = _existing_emails(session)
            for spec in SAMPLE_POOLS:
                loader.pool(spec, existing)
            for candidate in loader.added:  # the sample people are whoever loaded them
                candidate.owner_id = db.sessions.user_id
            session.flush()
            roles = add_sample_vacancies(session, now, loader.tags)
            loader.counts["interactions"] += roles.interactions
            session.flush()
            if loader.added or roles.vacancies:
                made = generated.refresh_in(session.connection(), now, tz)
                loader.counts["reminders"] += made.created
            outcome.append(
                SampleSummary(
                    **loader.counts,
                    candidate_ids=tuple(c.id for c in loader.added),
                    new_pool_ids=tuple(p.id for p in loader.new_pools),
                    skipped=loader.skipped,
                    new_vacancy_ids=tuple(v.id for v in roles.vacancies),
                )
            )
        db.writer.note(Changes.everything())

    db.writer.run(work, label="loading the sample data", announce=True)
    return outcome[0]
