"""Bulk synthetic data for demos and benchmarks (`talentdesk seed --demo N`): written straight
to the sqlite3 connection with `executemany`, so 100,000 candidates with a million
interactions take seconds, not minutes."""

from __future__ import annotations

import functools
import itertools
import random
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

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
from talentdesk.core.demo.common import ascii_slug, aware_utc
from talentdesk.core.normalize import sort_key
from talentdesk.core.ops.changes import Changes

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class SeedSummary:
    candidates: int
    interactions: int
    reminders: int
    tag_links: int
    memberships: int


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
    return sort_key(f"{first} {last}"), f"{ascii_slug(first)}.{ascii_slug(last)}"


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
    now = aware_utc(now)
    rng = random.Random(rng_seed)
    stamps = _Timestamps(now)
    totals = {"interactions": 0, "tag_links": 0, "memberships": 0}

    def work() -> None:
        raw = db.writer.connection.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        cur = raw.cursor()
        (old_cache_size,) = cur.execute("PRAGMA cache_size").fetchone()
        cur.execute("PRAGMA cache_size = -65536")  # 64 MiB while the indexes grow
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
        finally:
            cur.execute(f"PRAGMA cache_size = {int(old_cache_size)}")
            cur.close()
        db.writer.note(Changes.everything())
        # Hand the big write-ahead log back to the main file now rather than on a later write.
        db.writer.checkpoint_after()

    db.writer.run(work, label=f"adding {count:,} demo candidates", announce=True)
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
            lowest = (low + int(random_() * (high - low))) * 1000
            salary_min: int | None = lowest
            salary_max: int | None = lowest + (5 + int(random_() * 30)) * 1000
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
