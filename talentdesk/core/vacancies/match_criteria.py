"""What matching compares and returns: the criteria and their weights, the role as matching
sees it, and the explained results. Plain data, free of SQLAlchemy."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from talentdesk.core.db.enums import Seniority
from talentdesk.core.errors import ValidationError

State = Literal["match", "partial", "miss", "unknown"]

# Keys are fixed (stored in vacancy.match_weights and printed by the CLI); labels are shown.
LABELS: dict[str, str] = {
    "required_tags": "Required tags",
    "nice_tags": "Nice-to-have tags",
    "location": "Location",
    "seniority": "Seniority",
    "salary": "Salary",
    "availability": "Availability",
    "near_fit": "Near fit",
    "last_contact": "Last contact",
    "consent": "Consent",
}
# Required tags weigh most: they are what the client asked for by name. Consent is shown as a
# chip but scores nothing unless the recruiter says so (withdrawn consent is left out anyway).
DEFAULT_WEIGHTS: dict[str, int] = {
    "required_tags": 40,
    "nice_tags": 15,
    "location": 10,
    "seniority": 10,
    "salary": 10,
    "availability": 5,
    "near_fit": 5,
    "last_contact": 5,
    "consent": 0,
}
MAX_WEIGHT = 100
SENIORITY_ORDER: tuple[Seniority, ...] = tuple(Seniority)


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    weight: int
    points: float  # what this criterion added to the score (0..100 all criteria together)
    state: State
    why: str  # a short sentence for a chip


@dataclass(frozen=True)
class Match:
    candidate_id: int
    name: str
    title: str | None
    company: str | None
    city: str | None
    score: int  # 0..100
    in_pipeline: bool
    do_not_contact: bool
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class MatchPage:
    vacancy_id: int
    # Candidates considered whose score reaches the minimum (None: not counted; see
    # Matcher.count).
    total: int | None
    matches: tuple[Match, ...]
    weights: dict[str, int]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Role:
    """A vacancy as matching sees it."""

    id: int
    title: str
    required: tuple[tuple[int, str], ...]  # (tag id, name)
    nice: tuple[tuple[int, str], ...]
    location: str | None
    remote: bool
    seniority: Seniority | None
    salary_min: Decimal | None
    salary_max: Decimal | None
    currency: str | None
    weights: dict[str, int]

    @property
    def has_band(self) -> bool:
        return self.currency is not None and (
            self.salary_min is not None or self.salary_max is not None
        )


@dataclass(frozen=True)
class Place:
    """Where an on-site or hybrid role is, as candidates spell it: every spelling of its city
    (and country) that folds to the same text, so "Krakow" and "Kraków" are one city."""

    city: str | None  # as the vacancy names it
    country: str | None
    cities: tuple[str, ...]
    countries: tuple[str, ...]
    # The search-index query that finds everyone whose city is one of `cities` (and a few
    # more): nobody else can match on the city. None: no city.
    residents: str | None = None
    # False: `cities` and the other spellings of `country` were not looked up; the statement
    # finds them as it reads each candidate (match_terms `_spelled`), for the page alone.
    looked_up: bool = True


def valid_weights(weights: Mapping[str, object]) -> dict[str, int]:
    """Every weight, the defaults filling in keys not given; raises ValidationError for an
    unknown key, a weight that is not a whole number from 0 to 100, or all of them 0."""
    problems: dict[str, str] = {}
    given: dict[str, int] = {}
    for key, value in weights.items():
        if key not in LABELS:
            problems[key] = f"not a matching criterion (use {', '.join(LABELS)})"
        elif isinstance(value, bool) or not isinstance(value, int):
            problems[key] = f"a whole number from 0 to {MAX_WEIGHT}"
        elif not 0 <= value <= MAX_WEIGHT:
            problems[key] = f"a whole number from 0 to {MAX_WEIGHT}, not {value}"
        else:
            given[key] = value
    if problems:
        raise ValidationError(problems)
    merged = {**DEFAULT_WEIGHTS, **given}
    if not any(merged.values()):
        raise ValidationError({"weights": "at least one criterion needs a weight above 0"})
    return merged


def stored_weights(raw: object) -> dict[str, int]:
    """The weights a vacancy keeps (None: the defaults); anything unusable in the stored JSON
    (an old key, a wrong type) falls back to the default for that criterion."""
    weights = dict(DEFAULT_WEIGHTS)
    if isinstance(raw, dict):
        for key, value in raw.items():
            usable = isinstance(value, int) and not isinstance(value, bool)
            if key in weights and usable and 0 <= value <= MAX_WEIGHT:
                weights[key] = value
    return weights
