"""The search box's text as a `Filter`, and back: `tag:kotlin city:kraków stage:declined
since:12m near-fit java` is four filters and the free word "java" (searched with FTS).

Fields (values may be quoted, `tag:"machine learning"`; a comma means any of):
  tag:NAME (any category), skill: industry: location: custom: (that category), -tag:NAME
  (none of), city: country: stage:KIND (stands there now) ever:KIND (reached at some time)
  never:KIND, since:PERIOD (when they reached the stage; without a stage: last contact),
  until:DATE, status: seniority: pool:NAME source: consent:STATE, has:email, no:email,
  contact:never|PERIOD, quiet:PERIOD (no contact in it, or never), due, remote, -remote,
  near-fit, -near-fit, mine (the candidates one owns).
PERIOD: 30d, 6w, 12m, 1y, a date (2026-01-31), or a range FROM..TO (12m..3m, two dates).
A word with an unknown `field:` stays free text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import TypeVar

from talentdesk.core.db.enums import (
    DEFAULT_PIPELINE,
    CandidateStatus,
    Seniority,
    StageKind,
    TagCategory,
)
from talentdesk.core.errors import ValidationError
from talentdesk.core.lists.filters import (
    Contact,
    Filter,
    Period,
    StageRule,
    TagMode,
    TagRule,
)
from talentdesk.core.lists.syntax_text import period_text as period_text  # the reverse
from talentdesk.core.lists.syntax_text import to_text as to_text
from talentdesk.core.privacy.consent_state import ConsentState
from talentdesk.core.records import TagRef

PoolLookup = Callable[[str], int | None]
E = TypeVar("E", bound=StrEnum)

_TOKEN = re.compile(
    r'(?P<field>-?[A-Za-z][\w-]*):(?:"(?P<quoted>[^"]*)"?|(?P<value>\S*))'
    r'|"(?P<phrase>[^"]*)"?'
    r"|(?P<word>\S+)"
)
_RELATIVE = re.compile(r"(\d{1,4})\s*([dwmy])", re.IGNORECASE)
TAG_FIELDS = {"tag": None} | {c.value: c for c in TagCategory if c is not TagCategory.SENIORITY}
FLAGS = {
    "near-fit": ("near_fit", True),
    "nearfit": ("near_fit", True),
    "-near-fit": ("near_fit", False),
    "due": ("reminder_due", True),
    "remote": ("remote", True),
    "-remote": ("remote", False),
    "mine": ("mine", True),
}
FIELDS = (
    *TAG_FIELDS,
    "city", "country", "stage", "ever", "never", "since", "until", "status", "seniority",
    "pool", "source", "consent", "has", "no", "contact", "quiet", "retention",
)  # fmt: skip
KIND_NAMES: dict[str, StageKind] = {
    **{k.value: k for k in StageKind},
    **{k.label.lower(): k for k in StageKind},
    **{name.lower(): k for name, k in DEFAULT_PIPELINE},
}


@dataclass
class _Parsed:
    words: list[str] = field(default_factory=list)
    all_tags: list[TagRef | str] = field(default_factory=list)
    none_tags: list[TagRef | str] = field(default_factory=list)
    any_rules: list[TagRule] = field(default_factory=list)
    stage: frozenset[StageKind] = frozenset()
    ever: frozenset[StageKind] = frozenset()
    never: frozenset[StageKind] = frozenset()
    since: Period | None = None
    values: dict[str, object] = field(default_factory=dict)


def parse(text: str, pools: PoolLookup | None = None) -> Filter:
    """The filter `text` asks for. Raises ValidationError for a value that cannot be meant
    (an unknown stage or status, a bad date, a period that starts after it ends, no such pool).
    `pools` finds a pool's id by its name (None: `pool:` is refused)."""
    parsed = _Parsed()
    for token in _TOKEN.finditer(text):
        if token["field"] is not None:
            value = token["quoted"] if token["quoted"] is not None else token["value"]
            if not _field(parsed, token["field"].lower(), value.strip(), pools):
                parsed.words.append(token.group(0))
        elif token["phrase"] is not None:
            parsed.words.append(token.group(0))
        elif token["word"].lower() in FLAGS:
            name, flag = FLAGS[token["word"].lower()]
            parsed.values[name] = flag
        else:
            parsed.words.append(token["word"])
    return _build(parsed)


def _field(parsed: _Parsed, name: str, value: str, pools: PoolLookup | None) -> bool:
    """Apply one `field:value`; False when `name` is not a field (the word stays free text)."""
    negated = name.startswith("-")
    base = name.removeprefix("-")
    if base in TAG_FIELDS:
        if value:
            _tag(parsed, TAG_FIELDS[base], value, negated)
        return True
    if negated or base not in FIELDS:
        return False
    if not value:  # still being typed
        return True
    if base in ("stage", "ever", "never"):
        kinds = frozenset(_enum_value(StageKind, v, "stage", KIND_NAMES) for v in _split(value))
        setattr(parsed, base, getattr(parsed, base) | kinds)
    elif base == "since":
        parsed.since = _period(value, "since")
    elif base == "until":
        end = _date(value, "until")
        if parsed.since is not None and parsed.since.is_relative:
            raise ValidationError({"until": "goes with a since: date, or use since:12m..3m"})
        start = parsed.since.start if parsed.since is not None else None
        parsed.since = Period(start=start, end=end)
    else:
        _other(parsed, base, value, pools)
    return True


def _other(parsed: _Parsed, name: str, value: str, pools: PoolLookup | None) -> None:
    values = parsed.values
    if name in ("city", "country", "source"):
        key = {"city": "cities", "country": "countries", "source": "sources"}[name]
        values[key] = (*values.get(key, ()), value)  # type: ignore[misc]
    elif name == "status":
        values["statuses"] = frozenset(_enum_value(CandidateStatus, v, name) for v in _split(value))
    elif name == "seniority":
        values["seniorities"] = frozenset(_enum_value(Seniority, v, name) for v in _split(value))
    elif name == "consent":
        states, days = _consent(value)
        values["consent"], values["consent_days"] = states, days
    elif name in ("has", "no"):
        if value.lower() not in ("email", "e-mail"):
            raise ValidationError({name: "only has:email and no:email are known"})
        values["has_email"] = name == "has"
    elif name == "retention":
        if value.lower() != "due":
            raise ValidationError({name: "only retention:due is known"})
        values["retention_due"] = True
    elif name == "contact":
        if value.lower() == "never":
            values["contact"], values["contact_period"] = Contact.NEVER, None
        else:
            values["contact"], values["contact_period"] = Contact.IN, _period(value, name)
    elif name == "quiet":
        values["contact"], values["contact_period"] = Contact.NOT_IN, _period(value, name)
    elif name == "pool":
        found = pools(value) if pools is not None else None
        if found is None:
            raise ValidationError({"pool": f"there is no pool named “{value}”"})
        values["pool_ids"] = (*values.get("pool_ids", ()), found)  # type: ignore[misc]


def _tag(parsed: _Parsed, category: TagCategory | None, value: str, negated: bool) -> None:
    refs: list[TagRef | str] = [
        name if category is None else TagRef(category, name) for name in _split(value)
    ]
    if negated:
        parsed.none_tags += refs
    elif len(refs) == 1:
        parsed.all_tags += refs
    else:
        parsed.any_rules.append(_rule(TagMode.ANY, refs))


def _rule(mode: TagMode, refs: list[TagRef | str]) -> TagRule:
    return TagRule(
        mode,
        tuple(r for r in refs if isinstance(r, TagRef)),
        tuple(r for r in refs if isinstance(r, str)),
    )


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


_EXPIRING_WITHIN = re.compile(r"expiring:(\d{1,3})d", re.IGNORECASE)


def _consent(value: str) -> tuple[frozenset[ConsentState], int | None]:
    """`consent:valid,expiring` or `consent:expiring:60d` (expiring within 60 days rather
    than the setting's window)."""
    states, days = set(), None
    for part in _split(value):
        within = _EXPIRING_WITHIN.fullmatch(part.strip())
        if within is None:
            states.add(_enum_value(ConsentState, part, "consent"))
            continue
        days = int(within.group(1))
        if not 1 <= days <= 365:
            raise ValidationError({"consent": "expiring:Nd takes 1 to 365 days"})
        states.add(ConsentState.EXPIRING)
    return frozenset(states), days


def _enum_value(kind: type[E], text: str, name: str, extra: dict[str, E] | None = None) -> E:
    key = text.strip().lower()
    labels = {str(getattr(e, "label", e.value)).lower(): e for e in kind}
    names = {e.value: e for e in kind} | labels | (extra or {})
    found = names.get(key) or names.get(key.replace("-", "_").replace(" ", "_"))
    if found is None:
        found = names.get(key.replace("_", " ").replace("-", " "))
    if found is None:
        known = ", ".join(e.value for e in kind)
        raise ValidationError({name: f"“{text}” is not one of {known}"})
    return found


def _date(text: str, name: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError({name: f"“{text}” is not a date (use 2026-01-31)"}) from None


def _relative(text: str) -> tuple[int | None, int | None] | None:
    """`12m` → (None, 12): (days, months); None when it is not a relative length."""
    match = _RELATIVE.fullmatch(text.strip())
    if match is None:
        return None
    amount, unit = int(match[1]), match[2].lower()
    if unit in "dw":
        return amount * (7 if unit == "w" else 1), None
    return None, amount * (12 if unit == "y" else 1)


def _period(text: str, name: str) -> Period:
    """30d, 6w, 12m, 1y, a date (since then), or FROM..TO (12m..3m: between 12 and 3 months
    ago; 2026-01-01..2026-03-31)."""
    start, sep, end = text.partition("..")
    first, last = _relative(start), _relative(end) if sep else None
    if first is not None and (not sep or last is not None or not end):
        days, months = first
        until_days, until_months = last if last is not None else (None, None)
        return Period(days=days, months=months, until_days=until_days, until_months=until_months)
    if sep and (first is not None or last is not None):
        raise ValidationError({name: "a range is two lengths (12m..3m) or two dates"})
    if not start and not end:
        raise ValidationError({name: "use 30d, 6w, 12m, 1y, a date, or FROM..TO"})
    try:
        return Period(
            start=_date(start, name) if start else None,
            end=_date(end, name) if sep and end else None,
        )
    except ValidationError as exc:
        if name in exc.errors:
            raise ValidationError(
                {name: exc.errors[name] + "; or a length: 30d, 6w, 12m, 1y"}
            ) from None
        raise


def _build(parsed: _Parsed) -> Filter:
    tags: list[TagRule] = []
    if parsed.all_tags:
        tags.append(_rule(TagMode.ALL, parsed.all_tags))
    tags += parsed.any_rules
    if parsed.none_tags:
        tags.append(_rule(TagMode.NONE, parsed.none_tags))
    stages: list[StageRule] = []
    since = parsed.since
    if parsed.stage:
        stages.append(StageRule(kinds=parsed.stage, reached=since))
        since = None
    if parsed.ever or (parsed.never and not stages):
        reached = since if parsed.ever else None
        stages.append(StageRule(kinds=parsed.ever, ever=True, reached=reached))
        since = None if parsed.ever else since
    if parsed.never:
        stages[-1] = replace(stages[-1], never=parsed.never)
    values = dict(parsed.values)
    if since is not None and "contact" not in values:  # since: without a stage: last contact
        values["contact"], values["contact_period"] = Contact.IN, since
    return Filter(
        text=" ".join(parsed.words),
        stages=tuple(stages),
        tags=tuple(tags),
        **values,  # type: ignore[arg-type]
    )
