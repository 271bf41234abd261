"""Each criterion of one match as a chip: its state, the points it added, and why, in a short
sentence ("Has Kotlin, Spring (2 of 3 required)"). Built for the page shown only, from the
values the scoring statement returned for it."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from talentdesk.core.db.datetimes import from_db
from talentdesk.core.db.enums import Seniority
from talentdesk.core.vacancies.match_criteria import (
    LABELS,
    SENIORITY_ORDER,
    Criterion,
    Place,
    Role,
    State,
)

_STATES: dict[int | None, State] = {2: "match", 1: "partial", 0: "miss", None: "unknown"}
_LEVELS = {1: "one level", 2: "two levels", 3: "three levels", 4: "four levels"}


@dataclass(frozen=True)
class Facts:
    """One candidate's row of the page: their columns by name, each criterion's value, and
    which of the role's tags they have."""

    row: Mapping[str, Any]
    values: Mapping[str, int | None]
    tag_ids: Collection[int]
    now: datetime


def explain(
    facts: Facts, role: Role, place: Place | None, coefficients: Mapping[str, float]
) -> tuple[Criterion, ...]:
    chips = []
    for key, coefficient in coefficients.items():
        value = facts.values[key]
        if key in ("required_tags", "nice_tags"):
            wanted = role.required if key == "required_tags" else role.nice
            count = value or 0
            state: State = "match" if count == len(wanted) else "partial" if count else "miss"
            why = _tags(wanted, facts.tag_ids, "required" if key == "required_tags" else "nice")
        else:
            state = _STATES[value]
            why = _WHY[key](facts, role, place, state)
        points = coefficient * (value or 0)
        chips.append(Criterion(key, LABELS[key], role.weights[key], points, state, why))
    return tuple(chips)


def _tags(wanted: tuple[tuple[int, str], ...], have: Collection[int], kind: str) -> str:
    names = [name for tag_id, name in wanted if tag_id in have]
    of = f"of {len(wanted)} {'required' if kind == 'required' else 'nice to have'}"
    if names:
        return f"Has {', '.join(names)} ({len(names)} {of})"
    return f"Lacks {', '.join(name for _, name in wanted)} (0 {of})"


def _location(facts: Facts, role: Role, place: Place | None, state: State) -> str:
    if role.remote:
        return "Remote role: anywhere will do"
    row = facts.row
    where = ", ".join(part for part in (row["city"], row["country"]) if part)
    if state == "unknown":
        return "Where they live is not known"
    if state == "match":
        if place is not None and place.city is None:
            return f"Lives in {where}, the role's country"
        return f"Lives in {row['city']}, the role's city"
    if state == "partial":
        return f"Lives in {where}: same country as the role"
    return f"Lives in {where}; the role is in {role.location}"


def _seniority(facts: Facts, role: Role, place: Place | None, state: State) -> str:
    found = facts.row["seniority"]
    if found is None or role.seniority is None:
        return "Seniority not known"
    seniority = Seniority(found)
    distance = SENIORITY_ORDER.index(seniority) - SENIORITY_ORDER.index(role.seniority)
    if distance == 0:
        return f"{seniority.label}, as the role asks"
    levels = _LEVELS.get(abs(distance), f"{abs(distance)} levels")
    return f"{seniority.label}: {levels} {'above' if distance > 0 else 'below'} the role"


def _salary(facts: Facts, role: Role, place: Place | None, state: State) -> str:
    row = facts.row
    low, high = row["salary_min"], row["salary_max"]
    if low is None and high is None:
        return "Salary expectation not known"
    asks = _range(low if low is not None else high, high if high is not None else low)
    currency = (row["salary_currency"] or "").upper()
    if not currency:
        return f"Asks {asks} (no currency); band in {role.currency}"
    if currency != role.currency:
        return f"Asks {asks} {currency}; band in {role.currency}"
    return f"Asks {asks} {currency}; band {_band(role)}"


def _band(role: Role) -> str:
    if role.salary_min is not None and role.salary_max is not None:
        return _range(role.salary_min, role.salary_max)
    if role.salary_min is not None:
        return f"from {_amount(role.salary_min)}"
    return f"up to {_amount(role.salary_max)}"


def _range(low: Any, high: Any) -> str:
    return _amount(low) if low == high else f"{_amount(low)}–{_amount(high)}"


def _amount(value: Decimal | float | None) -> str:
    number = Decimal(str(value))
    return f"{number:,.0f}" if number == number.to_integral_value() else f"{number:,.2f}"


def _availability(facts: Facts, role: Role, place: Place | None, state: State) -> str:
    row = facts.row
    if row["available_from"] is not None:
        when = date.fromisoformat(str(row["available_from"])[:10])
        if when <= facts.now.date():
            return "Available now"
        return f"Available from {when.day} {when:%b %Y}"
    if state == "match":
        return f"Notice period: {row['notice_period']}"
    return "Availability not known"


def _near_fit(facts: Facts, role: Role, place: Place | None, state: State) -> str:
    if state != "match":
        return "Not marked a near fit before"
    names = sorted(set((facts.row["near_fit_for"] or "").split("\x1e")) - {""})
    return f"Near fit for {', '.join(names)}" if names else "Marked a near fit before"


def _last_contact(facts: Facts, role: Role, place: Place | None, state: State) -> str:
    stored = facts.row["last_contact_at"]
    if stored is None:
        return "Never contacted"
    return f"Last contact {ago(facts.now, from_db(str(stored)))}"


def ago(now: datetime, then: datetime) -> str:
    """How long ago, roughly: "today", "5 days ago", "3 months ago"."""
    days = (now - then).days
    if days < 1:
        return "today"
    if days == 1:
        return "yesterday"
    for limit, size, unit in ((14, 1, "day"), (60, 7, "week"), (730, 30, "month")):
        if days < limit:
            count = days // size
            return f"{count} {unit}{'s' if count != 1 else ''} ago"
    years = days // 365
    return f"{years} year{'s' if years != 1 else ''} ago"


def _consent(facts: Facts, role: Role, place: Place | None, state: State) -> str:
    status = facts.row["consent_status"]
    if status is None:
        return "No consent recorded"
    expires = facts.row["consent_expires"]
    if status == "given" and expires is not None and from_db(str(expires)) < facts.now:
        status = "expired"
    return f"Consent {status}"


_WHY: dict[str, Callable[[Facts, Role, Place | None, State], str]] = {
    "location": _location,
    "seniority": _seniority,
    "salary": _salary,
    "availability": _availability,
    "near_fit": _near_fit,
    "last_contact": _last_contact,
    "consent": _consent,
}
