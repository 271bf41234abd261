"""A `Filter` back as the search box's text (core/lists/syntax.py reads it):
`parse(to_text(f))` gives back what of `f` the syntax can say."""

from __future__ import annotations

import re
from collections.abc import Callable

from talentdesk.core.lists.filters import (
    Contact,
    Filter,
    Period,
    StageRule,
    TagMode,
    TagRule,
)
from talentdesk.core.privacy.consent_state import ConsentState


def to_text(f: Filter, pool_names: Callable[[int], str | None] | None = None) -> str:
    """The search text for what of `f` the syntax can say (a rule narrowed to one vacancy,
    say, cannot): `parse(to_text(f))` gives back those parts."""
    words: list[str] = []
    for rule in f.tags:
        words += _tags_text(rule)
    for stage in f.stages:
        words += _stage_text(stage)
    if f.near_fit is not None:
        words.append("near-fit" if f.near_fit else "-near-fit")
    words += ["mine"] if f.mine else []
    words += [f"city:{_quote(c)}" for c in f.cities]
    words += [f"country:{_quote(c)}" for c in f.countries]
    if f.remote is not None:
        words.append("remote" if f.remote else "-remote")
    if f.seniorities:
        words.append("seniority:" + ",".join(sorted(s.value for s in f.seniorities)))
    if f.statuses:
        words.append("status:" + ",".join(sorted(s.value for s in f.statuses)))
    words += _contact_text(f)
    if f.reminder_due:
        words.append("due")
    if f.consent:
        named = [
            f"expiring:{f.consent_days}d"
            if c is ConsentState.EXPIRING and f.consent_days
            else c.value
            for c in sorted(f.consent)
        ]
        words.append("consent:" + ",".join(named))
    words += [f"source:{_quote(s)}" for s in f.sources]
    if f.has_email is not None:
        words.append("has:email" if f.has_email else "no:email")
    if f.retention_due:
        words.append("retention:due")
    for pool_id in f.pool_ids:
        name = pool_names(pool_id) if pool_names is not None else None
        if name is not None:
            words.append(f"pool:{_quote(name)}")
    if f.text:
        words.append(f.text)
    return " ".join(words)


def _quote(value: str) -> str:
    if re.search(r'[\s,"]', value) or not value:
        return '"' + value.replace('"', "") + '"'
    return value


def _tag_words(rule: TagRule) -> list[tuple[str, str]]:
    return [(ref.category.value, ref.name) for ref in rule.tags] + [
        ("tag", name) for name in rule.names
    ]


def _tags_text(rule: TagRule) -> list[str]:
    pairs = _tag_words(rule)
    if rule.mode is TagMode.ALL:
        return [f"{field}:{_quote(name)}" for field, name in pairs]
    if rule.mode is TagMode.NONE:
        return [f"-{field}:{_quote(name)}" for field, name in pairs]
    fields = {field for field, _ in pairs}
    if len(fields) == 1 and not any("," in name for _, name in pairs):
        joined = ",".join(name for _, name in pairs)
        plain = not any(ch.isspace() or ch == '"' for ch in joined)
        return [f"{fields.pop()}:{joined if plain else _quote(joined)}"]
    return []  # any of several categories: not expressible


def _stage_text(rule: StageRule) -> list[str]:
    if rule.pool_id is not None or rule.vacancy_id is not None:
        return []
    words: list[str] = []
    if rule.kinds:
        field = "ever" if rule.ever else "stage"
        words.append(f"{field}:" + ",".join(sorted(k.value for k in rule.kinds)))
    if rule.never:
        words.append("never:" + ",".join(sorted(k.value for k in rule.never)))
    if rule.reached is not None and rule.kinds:
        words.append(f"since:{period_text(rule.reached)}")
    return words


def _contact_text(f: Filter) -> list[str]:
    if f.contact is Contact.NEVER or (f.contact is Contact.NOT_IN and f.contact_period is None):
        return ["contact:never"]
    if f.contact is Contact.IN and f.contact_period is not None:
        return [f"contact:{period_text(f.contact_period)}"]
    if f.contact is Contact.NOT_IN and f.contact_period is not None:
        return [f"quiet:{period_text(f.contact_period)}"]
    return []


def _length(days: int | None, months: int | None) -> str:
    if months is not None:
        return f"{months}m"
    assert days is not None
    return f"{days // 7}w" if days % 7 == 0 and days else f"{days}d"


def period_text(period: Period) -> str:
    """A period as the search box writes it: 12m, 6w, 2026-01-01, 12m..3m, A..B."""
    if period.is_relative:
        if period.days is None and period.months is None:
            return ""
        text = _length(period.days, period.months)
        if period.until_days is not None or period.until_months is not None:
            text += ".." + _length(period.until_days, period.until_months)
        return text
    start = "" if period.start is None else period.start.isoformat()
    if period.end is None:
        return start
    return f"{start}..{period.end.isoformat()}"
