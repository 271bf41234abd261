"""What a smart list asks for, as data: the filter builder edits it, the search box's
`field:value` words parse into it, a saved list stores it as JSON, and the core turns it into
SQL. Every part is optional; the parts combine with AND. Dates may be relative ("in the last
12 months"), so a saved list stays live.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum
from typing import Any

from talentdesk.core.db.enums import CandidateStatus, Seniority, StageKind, TagCategory
from talentdesk.core.errors import ValidationError
from talentdesk.core.privacy.consent_state import ConsentState
from talentdesk.core.records import TagRef


class TagMode(StrEnum):
    ALL = "all"  # has every one of the tags
    ANY = "any"  # has at least one
    NONE = "none"  # has none of them


class Contact(StrEnum):
    """Last contact: before / after the period's bounds, or never contacted."""

    IN = "in"  # within the period
    NOT_IN = "not_in"  # not within it: before it, or never
    NEVER = "never"


@dataclass(frozen=True)
class Period:
    """A date range: the last `days` days or `months` months (live, ending now or `until_days`
    / `until_months` ago), or fixed dates (either end may be open, `end` inclusive).

    Refuses an impossible range (it starts after it ends) with a ValidationError.
    """

    days: int | None = None
    start: date | None = None
    end: date | None = None  # inclusive
    months: int | None = None
    until_days: int | None = None
    until_months: int | None = None

    def __post_init__(self) -> None:
        _check_period(self)

    @property
    def is_relative(self) -> bool:
        return self.start is None and self.end is None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "days": self.days,
            "start": None if self.start is None else self.start.isoformat(),
            "end": None if self.end is None else self.end.isoformat(),
        }
        # Written only when used, so older readers see the same keys as before.
        for key in ("months", "until_days", "until_months"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Period:
        return cls(
            days=data.get("days"),
            start=date.fromisoformat(data["start"]) if data.get("start") else None,
            end=date.fromisoformat(data["end"]) if data.get("end") else None,
            months=data.get("months"),
            until_days=data.get("until_days"),
            until_months=data.get("until_months"),
        )


_DAYS_PER_MONTH = 30.436875


def _check_period(period: Period) -> None:
    amounts = (period.days, period.months, period.until_days, period.until_months)
    if any(n is not None and n < 0 for n in amounts):
        raise ValidationError({"period": "a period cannot be a negative length"})
    if period.days is not None and period.months is not None:
        raise ValidationError({"period": "give the period in days or in months, not both"})
    relative = any(n is not None for n in amounts)
    if relative and (period.start is not None or period.end is not None):
        raise ValidationError({"period": "a period is either relative or between two dates"})
    if period.start is not None and period.end is not None and period.start > period.end:
        raise ValidationError(
            {"period": f"it starts on {period.start} after it ends on {period.end}"}
        )
    back = _back(period.days, period.months)
    until = _back(period.until_days, period.until_months)
    if until is not None and until > 0 and (back is None or back <= until):
        raise ValidationError({"period": "it starts after it ends (its start is more recent)"})


def _back(days: int | None, months: int | None) -> float | None:
    if days is not None:
        return float(days)
    return None if months is None else months * _DAYS_PER_MONTH


@dataclass(frozen=True)
class StageRule:
    """Where people stand in pools and vacancies.

    `ever=False`: their stage now is one of `kinds`; `ever=True`: they reached one of them at
    some point (from the stage history). `reached` limits when they got there; `never`
    excludes people who ever reached one of those kinds ("not hired"). `pool_id` /
    `vacancy_id` narrow it to one pool or vacancy (both None: any of either).
    """

    kinds: frozenset[StageKind] = frozenset()
    ever: bool = False
    reached: Period | None = None
    never: frozenset[StageKind] = frozenset()
    pool_id: int | None = None
    vacancy_id: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kinds": sorted(k.value for k in self.kinds),
            "ever": self.ever,
            "reached": None if self.reached is None else self.reached.to_json(),
            "never": sorted(k.value for k in self.never),
            "pool_id": self.pool_id,
            "vacancy_id": self.vacancy_id,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StageRule:
        return cls(
            kinds=frozenset(StageKind(k) for k in data.get("kinds", ())),
            ever=bool(data.get("ever", False)),
            reached=Period.from_json(data["reached"]) if data.get("reached") else None,
            never=frozenset(StageKind(k) for k in data.get("never", ())),
            pool_id=data.get("pool_id"),
            vacancy_id=data.get("vacancy_id"),
        )


@dataclass(frozen=True)
class TagRule:
    """`tags` in their category; `names`: a tag of that name in any category."""

    mode: TagMode
    tags: tuple[TagRef, ...]
    names: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "mode": self.mode.value,
            "tags": [{"name": t.name, "category": t.category.value} for t in self.tags],
        }
        if self.names:
            data["names"] = list(self.names)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> TagRule:
        return cls(
            TagMode(data["mode"]),
            tuple(TagRef(TagCategory(t["category"]), t["name"]) for t in data.get("tags", ())),
            tuple(data.get("names", ())),
        )


@dataclass(frozen=True)
class Filter:
    """A smart list. Empty parts do not filter; `text` is free-text search words (FTS)."""

    text: str = ""
    stages: tuple[StageRule, ...] = ()
    near_fit: bool | None = None
    tags: tuple[TagRule, ...] = ()
    cities: tuple[str, ...] = ()  # any of; compared accent- and case-insensitively
    countries: tuple[str, ...] = ()
    remote: bool | None = None
    seniorities: frozenset[Seniority] = frozenset()
    statuses: frozenset[CandidateStatus] = frozenset()
    contact: Contact | None = None
    contact_period: Period | None = None
    reminder_due: bool | None = None
    consent: frozenset[ConsentState] = frozenset()
    # "expiring" within this many days (`consent:expiring:60d`); None: the setting's window
    consent_days: int | None = None
    sources: tuple[str, ...] = ()
    has_email: bool | None = None
    pool_ids: tuple[int, ...] = ()  # a member of any of these pools
    retention_due: bool = False  # due for deletion under the retention policy (privacy)
    mine: bool = False  # owned by the current user ("My candidates")

    def is_empty(self) -> bool:
        return self == Filter()

    def with_text(self, text: str) -> Filter:
        return replace(self, text=text)

    def to_json(self) -> dict[str, Any]:
        return (
            {
                "text": self.text,
                "stages": [s.to_json() for s in self.stages],
                "near_fit": self.near_fit,
                "tags": [t.to_json() for t in self.tags],
                "cities": list(self.cities),
                "countries": list(self.countries),
                "remote": self.remote,
                "seniorities": sorted(s.value for s in self.seniorities),
                "statuses": sorted(s.value for s in self.statuses),
                "contact": None if self.contact is None else self.contact.value,
                "contact_period": None
                if self.contact_period is None
                else self.contact_period.to_json(),
                "reminder_due": self.reminder_due,
                "consent": sorted(c.value for c in self.consent),
                "sources": list(self.sources),
                "has_email": self.has_email,
                "pool_ids": list(self.pool_ids),
            }
            | ({"consent_days": self.consent_days} if self.consent_days else {})
            | ({"retention_due": True} if self.retention_due else {})
            | ({"mine": True} if self.mine else {})
        )

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Filter:
        period = data.get("contact_period")
        return cls(
            text=str(data.get("text", "")),
            stages=tuple(StageRule.from_json(s) for s in data.get("stages", ())),
            near_fit=data.get("near_fit"),
            tags=tuple(TagRule.from_json(t) for t in data.get("tags", ())),
            cities=tuple(data.get("cities", ())),
            countries=tuple(data.get("countries", ())),
            remote=data.get("remote"),
            seniorities=frozenset(Seniority(s) for s in data.get("seniorities", ())),
            statuses=frozenset(CandidateStatus(s) for s in data.get("statuses", ())),
            contact=Contact(data["contact"]) if data.get("contact") else None,
            contact_period=Period.from_json(period) if period else None,
            reminder_due=data.get("reminder_due"),
            consent=frozenset(ConsentState(c) for c in data.get("consent", ())),
            consent_days=int(data["consent_days"]) if data.get("consent_days") else None,
            sources=tuple(data.get("sources", ())),
            has_email=data.get("has_email"),
            pool_ids=tuple(data.get("pool_ids", ())),
            retention_due=bool(data.get("retention_due", False)),
            mine=bool(data.get("mine", False)),
        )
