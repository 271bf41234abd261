"""A filter in plain words: the chips above the list ("Tag: Kotlin (skill)", "Declined · last
12 months"), each removable (`without`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import TypeVar

from talentdesk.core.db.enums import LabelledEnum
from talentdesk.core.lists.completions import completions
from talentdesk.core.lists.filters import (
    Contact,
    Filter,
    Period,
    StageRule,
    TagMode,
    TagRule,
)
from talentdesk.core.privacy.consent_state import ConsentState

PoolNames = Callable[[int], str | None]
T = TypeVar("T")


@dataclass(frozen=True)
class Chip:
    label: str
    key: str  # which part of the filter it shows; `without` takes it away


def _labels(values: Iterable[LabelledEnum]) -> str:
    ordered = sorted(values, key=lambda v: list(type(v).__members__).index(v.name))
    return " or ".join(v.label for v in ordered)


def _length(days: int | None, months: int | None) -> str:
    if months is not None:
        if months % 12 == 0 and months > 12:
            return f"{months // 12} years"
        return "month" if months == 1 else f"{months} months"
    assert days is not None
    if days % 7 == 0 and days > 7:
        return f"{days // 7} weeks"
    return "day" if days == 1 else f"{days} days"


def period_words(period: Period) -> str:
    """ "last 12 months", "12 months to 3 months ago", "since 1 Jan 2026", "1 Jan – 31 Mar 2026"."""
    if period.is_relative:
        if period.days is None and period.months is None:
            return "any time"
        span = _length(period.days, period.months)
        if period.until_days is None and period.until_months is None:
            return f"last {span}"
        return f"{span} to {_length(period.until_days, period.until_months)} ago"
    start = None if period.start is None else f"{period.start.day} {period.start:%b %Y}"
    end = None if period.end is None else f"{period.end.day} {period.end:%b %Y}"
    if start and end:
        return f"{start} – {end}"
    return f"since {start}" if start else f"until {end}"


def _stage_label(rule: StageRule, pool_names: PoolNames | None) -> str:
    kinds = _labels(rule.kinds) if rule.kinds else "Any stage"
    label = f"Ever reached {kinds}" if rule.ever and rule.kinds else kinds
    if rule.reached is not None:
        label += f" · {period_words(rule.reached)}"
    if rule.pool_id is not None:
        name = pool_names(rule.pool_id) if pool_names is not None else None
        label += f" · in pool {name or rule.pool_id}"
    if rule.vacancy_id is not None:
        label += f" · in vacancy {rule.vacancy_id}"
    return label


def _tag_chips(index: int, rule: TagRule) -> list[Chip]:
    names = [str(ref) for ref in rule.tags] + list(rule.names)
    if rule.mode is TagMode.ANY:
        return [Chip("Any tag: " + " or ".join(names), f"tag:{index}")]
    prefix = "Tag" if rule.mode is TagMode.ALL else "Without tag"
    return [Chip(f"{prefix}: {name}", f"tag:{index}:{i}") for i, name in enumerate(names)]


def _contact_label(f: Filter) -> str | None:
    if f.contact is None:
        return None
    if f.contact is Contact.NEVER:
        return "Never contacted"
    if f.contact_period is None:
        return "Contacted" if f.contact is Contact.IN else "Never contacted"
    words = period_words(f.contact_period)
    if f.contact is Contact.IN:
        return f"Last contact · {words}"
    return f"No contact · {words}"


def describe(f: Filter, pool_names: PoolNames | None = None) -> list[Chip]:
    """The chips for `f`, in the order the parts are listed in the filter builder."""
    chips: list[Chip] = []
    for i, rule in enumerate(f.stages):
        if rule.kinds or rule.reached or rule.pool_id or rule.vacancy_id:
            chips.append(Chip(_stage_label(rule, pool_names), f"stage:{i}"))
        if rule.never:
            chips.append(Chip(f"Never {_labels(rule.never)}", f"never:{i}"))
    if f.near_fit is not None:
        chips.append(Chip("Near-fit" if f.near_fit else "Not a near-fit", "near_fit"))
    if f.mine:
        chips.append(Chip("My candidates", "mine"))
    for i, tag_rule in enumerate(f.tags):
        chips += _tag_chips(i, tag_rule)
    chips += [Chip(f"City: {city}", f"city:{i}") for i, city in enumerate(f.cities)]
    chips += [Chip(f"Country: {c}", f"country:{i}") for i, c in enumerate(f.countries)]
    if f.remote is not None:
        chips.append(Chip("Remote" if f.remote else "Not remote", "remote"))
    if f.seniorities:
        chips.append(Chip(f"Seniority: {_labels(f.seniorities)}", "seniority"))
    if f.statuses:
        chips.append(Chip(f"Status: {_labels(f.statuses)}", "status"))
    contact = _contact_label(f)
    if contact is not None:
        chips.append(Chip(contact, "contact"))
    if f.reminder_due is not None:
        chips.append(Chip("Reminder due" if f.reminder_due else "No reminder due", "reminder_due"))
    if f.consent:
        states = " or ".join(
            f"expiring within {f.consent_days} days"
            if s is ConsentState.EXPIRING and f.consent_days
            else s.value
            for s in ConsentState
            if s in f.consent
        )
        chips.append(Chip(f"Consent: {states}", "consent"))
    chips += [Chip(f"Source: {s}", f"source:{i}") for i, s in enumerate(f.sources)]
    if f.has_email is not None:
        chips.append(Chip("Has e-mail" if f.has_email else "No e-mail", "has_email"))
    if f.retention_due:
        chips.append(Chip("Due for deletion", "retention_due"))
    for i, pool_id in enumerate(f.pool_ids):
        name = pool_names(pool_id) if pool_names is not None else None
        chips.append(Chip(f"Pool: {name or pool_id}", f"pool:{i}"))
    if f.text:
        chips.append(Chip(f"Search: {f.text}", "text"))
    return chips


def _drop(items: tuple[T, ...], index: int) -> tuple[T, ...]:
    return items[:index] + items[index + 1 :]


_CLEARED: dict[str, dict[str, object]] = {
    "near_fit": {"near_fit": None},
    "mine": {"mine": False},
    "remote": {"remote": None},
    "seniority": {"seniorities": frozenset()},
    "status": {"statuses": frozenset()},
    "contact": {"contact": None, "contact_period": None},
    "reminder_due": {"reminder_due": None},
    "consent": {"consent": frozenset(), "consent_days": None},
    "has_email": {"has_email": None},
    "retention_due": {"retention_due": False},
    "text": {"text": ""},
}
_LISTS = {"city": "cities", "country": "countries", "source": "sources", "pool": "pool_ids"}


def without(f: Filter, chip: Chip) -> Filter:
    """`f` without the part `chip` shows (unchanged when the chip is not one of its own)."""
    kind, _, rest = chip.key.partition(":")
    if kind in _CLEARED:
        return replace(f, **_CLEARED[kind])  # type: ignore[arg-type]
    numbers = [int(n) for n in rest.split(":") if n.isdigit()]
    if not numbers:
        return f
    index = numbers[0]
    if kind in _LISTS:
        values = getattr(f, _LISTS[kind])
        if index >= len(values):
            return f
        return replace(f, **{_LISTS[kind]: _drop(values, index)})  # type: ignore[arg-type]
    if kind in ("stage", "never") and index < len(f.stages):
        return replace(f, stages=_without_stage(f.stages, index, kind))
    if kind == "tag" and index < len(f.tags):
        if len(numbers) == 1:
            return replace(f, tags=_drop(f.tags, index))
        return replace(f, tags=_without_tag(f.tags, index, numbers[1]))
    return f


def _without_stage(stages: tuple[StageRule, ...], index: int, kind: str) -> tuple[StageRule, ...]:
    rule = stages[index]
    if kind == "never":
        rule = replace(rule, never=frozenset())
    elif rule.never:  # keep "never hired" on its own
        rule = StageRule(never=rule.never, ever=True)
    else:
        return _drop(stages, index)
    if rule == StageRule(ever=rule.ever):
        return _drop(stages, index)
    return (*stages[:index], rule, *stages[index + 1 :])


def _without_tag(tags: tuple[TagRule, ...], index: int, which: int) -> tuple[TagRule, ...]:
    rule = tags[index]
    if which < len(rule.tags):
        rule = replace(rule, tags=_drop(rule.tags, which))
    else:
        rule = replace(rule, names=_drop(rule.names, which - len(rule.tags)))
    if not rule.tags and not rule.names:
        return _drop(tags, index)
    return (*tags[:index], rule, *tags[index + 1 :])


__all__ = ["Chip", "completions", "describe", "period_words", "without"]
