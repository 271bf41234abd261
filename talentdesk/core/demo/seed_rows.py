"""The rows of the demo candidates, made in batches. Hot: 100,000 candidates, a million
interactions. The random draws happen in a fixed order, so a seed always gives the same data."""

from __future__ import annotations

import functools
import itertools
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from talentdesk.core.db.enums import RelationshipKind, Seniority
from talentdesk.core.demo.common import ascii_slug
from talentdesk.core.demo.seed_vocabulary import (
    CITIES,
    COMPANIES,
    CURRENCY,
    DEMO_INTERACTION_WEIGHTS,
    DEMO_INTERACTIONS,
    DEMO_REMINDERS,
    FIRST_NAMES,
    INDUSTRY_TAGS,
    LAST_NAMES,
    NOTICE_PERIODS,
    PHONE_PREFIX,
    SALARY_BAND,
    SOURCES,
    STAGE_WEIGHTS,
    STATUSES,
    TITLES,
)
from talentdesk.core.normalize import sort_key

_EPOCH = date(1970, 1, 1)
_YEAR = 365 * 24 * 60  # in minutes


class Timestamps:
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


@dataclass
class Rows:
    candidates: list[tuple[Any, ...]]
    tags: list[tuple[int, int]]
    memberships: list[tuple[Any, ...]]
    interactions: list[tuple[Any, ...]]
    reminders: list[tuple[Any, ...]]


def _cumulative(weights: Sequence[int]) -> list[int]:
    return list(itertools.accumulate(weights))


_INTERACTION_CUM_WEIGHTS = _cumulative(DEMO_INTERACTION_WEIGHTS)
_STAGE_CUM_WEIGHTS = _cumulative(STAGE_WEIGHTS)
_STATUS_VALUES = [status for status, _weight in STATUSES]
_STATUS_CUM_WEIGHTS = _cumulative([weight for _status, weight in STATUSES])


class DemoRows:
    """Makes the rows of batches of demo candidates from one random generator."""

    def __init__(
        self,
        rng: random.Random,
        stamps: Timestamps,
        tag_ids: list[int],
        pools: list[tuple[int, list[int]]],
    ) -> None:
        # Bound methods looked up once: the loops below run a million times.
        self._random = rng.random
        self._choices = rng.choices
        self._sample = rng.sample
        self._minutes_ago = stamps.minutes_ago
        self._tag_ids = tag_ids
        self._tag_positions = range(len(tag_ids))
        self._stage_positions = range(len(STAGE_WEIGHTS))
        self._pools = pools

    def batch(self, ids: Sequence[int]) -> Rows:
        """The rows for candidates `ids`."""
        rows = Rows([], [], [], [], [])
        for cid in ids:
            self._candidate(cid, rows)
        return rows

    def _candidate(self, cid: int, rows: Rows) -> None:
        random_ = self._random
        first = FIRST_NAMES[int(random_() * len(FIRST_NAMES))]
        last = LAST_NAMES[int(random_() * len(LAST_NAMES))]
        title, seniority = TITLES[int(random_() * len(TITLES))]
        city, country = CITIES[int(random_() * len(CITIES))]
        last_contact = self._interactions(cid, rows.interactions)  # the newest non-note one
        salary = self._salary(country)
        created = self._minutes_ago(_YEAR + int(random_() * 2 * _YEAR))
        stamps = (created, last_contact)
        rows.candidates.append(
            self._candidate_row(
                cid, (first, last), title, seniority, (city, country), salary, stamps
            )
        )
        for tag_position in self._sample(self._tag_positions, 2 + int(random_() * 3)):
            rows.tags.append((cid, self._tag_ids[tag_position]))
        self._memberships(cid, rows.memberships)
        kind, note = DEMO_REMINDERS[int(random_() * len(DEMO_REMINDERS))]
        # Due between 30 days ago and 60 days ahead (negative minutes ago).
        due = self._minutes_ago(int(random_() * 90 * 24 * 60) - 60 * 24 * 60)
        rows.reminders.append((cid, due, note, kind, created))

    def _interactions(self, cid: int, interactions: list[tuple[Any, ...]]) -> str | None:
        """8..12 interactions, ten on average; returns the newest non-note one's time (the
        last contact)."""
        random_ = self._random
        minutes_ago = self._minutes_ago
        picks = self._choices(
            DEMO_INTERACTIONS, cum_weights=_INTERACTION_CUM_WEIGHTS, k=8 + int(random_() * 5)
        )
        newest_contact: str | None = None
        for kind, subject, body in picks:
            at = minutes_ago(int(random_() * _YEAR))
            interactions.append((cid, kind, at, subject, body, at))
            if kind != "note" and (newest_contact is None or at > newest_contact):
                newest_contact = at
        return newest_contact

    def _salary(self, country: str) -> tuple[int | None, int | None, str | None]:
        """(min, max, currency): for half of the candidates."""
        random_ = self._random
        if random_() < 0.5:
            low, high = SALARY_BAND[country]
            lowest = (low + int(random_() * (high - low))) * 1000
            return lowest, lowest + (5 + int(random_() * 30)) * 1000, CURRENCY[country]
        return None, None, None

    def _candidate_row(
        self,
        cid: int,
        name: tuple[str, str],
        title: str,
        seniority: Seniority,
        place: tuple[str, str],
        salary: tuple[int | None, int | None, str | None],
        stamps: tuple[str, str | None],
    ) -> tuple[Any, ...]:
        """The candidate's columns; `stamps` are (created_at, last_contact_at)."""
        random_ = self._random
        first, last = name
        city, country = place
        sort_name, slug = _name_keys(first, last)
        salary_min, salary_max, currency = salary
        created, last_contact = stamps
        return (
            cid,
            first,
            last,
            sort_name,
            f"{slug}.{cid}@example.{('com', 'org', 'net')[cid % 3]}",
            f"{PHONE_PREFIX[country]}{cid % 1000:03d} {cid // 1000 % 1000:03d} {cid % 997:03d}"
            if random_() < 0.6
            else None,
            city,
            country,
            title,
            COMPANIES[int(random_() * len(COMPANIES))],
            seniority.value,
            INDUSTRY_TAGS[int(random_() * len(INDUSTRY_TAGS))],
            f"https://linkedin.com/in/{slug.replace('.', '-')}-{cid}" if random_() < 0.7 else None,
            SOURCES[int(random_() * len(SOURCES))],
            RelationshipKind.NONE.value,
            self._choices(_STATUS_VALUES, cum_weights=_STATUS_CUM_WEIGHTS)[0],
            salary_min,
            salary_max,
            currency,
            NOTICE_PERIODS[int(random_() * len(NOTICE_PERIODS))],
            "Demo candidate." if random_() < 0.2 else None,
            created,
            created,
            last_contact,
        )

    def _memberships(self, cid: int, memberships: list[tuple[Any, ...]]) -> None:
        """One or two demo pools, at a stage drawn by weight."""
        random_ = self._random
        for pool_id, stages in self._sample(self._pools, 1 + (random_() < 0.3)):
            position = self._choices(self._stage_positions, cum_weights=_STAGE_CUM_WEIGHTS)[0]
            memberships.append(
                (
                    cid,
                    pool_id,
                    stages[min(position, len(stages) - 1)],
                    int(random_() < 0.05),
                    self._minutes_ago(int(random_() * _YEAR)),
                )
            )
