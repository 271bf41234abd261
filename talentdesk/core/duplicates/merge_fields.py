"""The profile fields a merge picks between, and which side each defaults to.

Columns that only make sense together are picked together (first and last name; the salary
band and its currency; the relationship, who referred them and the note), so a merge never
stores half of one person's salary band with the other's currency. Free of SQLAlchemy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from typing import Literal

from talentdesk.core.db.enums import LabelledEnum, RelationshipKind
from talentdesk.core.errors import ValidationError

Side = Literal["keep", "other"]
SIDES: tuple[Side, ...] = ("keep", "other")


@dataclass(frozen=True)
class MergeField:
    key: str
    label: str
    columns: tuple[str, ...]


def _one(key: str, label: str) -> MergeField:
    return MergeField(key, label, (key,))


MERGE_FIELDS: tuple[MergeField, ...] = (
    MergeField("name", "Name", ("first_name", "last_name")),
    _one("email", "E-mail"),
    _one("phone", "Phone"),
    _one("linkedin_url", "LinkedIn"),
    _one("city", "City"),
    _one("country", "Country"),
    _one("title", "Title"),
    _one("company", "Company"),
    _one("seniority", "Seniority"),
    _one("industry", "Industry"),
    _one("source", "Source"),
    _one("status", "Status"),
    MergeField(
        "relationship", "Relationship", ("relationship_kind", "referred_by_id", "relationship_note")
    ),
    _one("motivators", "Motivators"),
    _one("doubts", "Doubts"),
    _one("competing_offers", "Competing offers"),
    MergeField("salary", "Salary", ("salary_min", "salary_max", "salary_currency")),
    _one("notice_period", "Notice period"),
    _one("available_from", "Available from"),
    _one("birthday", "Birthday"),
    _one("notes", "Notes"),
)
FIELD_KEYS = tuple(f.key for f in MERGE_FIELDS)
MERGED_COLUMNS = tuple(c for f in MERGE_FIELDS for c in f.columns)

Values = Mapping[str, object]


def is_empty(field: MergeField, values: Values) -> bool:
    return all(
        values.get(c) in (None, "") or values.get(c) is RelationshipKind.NONE for c in field.columns
    )


def default_pick(field: MergeField, keep: Values, other: Values) -> Side:
    """Newest non-empty: the other's value only when it has one and the kept one is empty or
    older (by `updated_at`); a tie keeps what the kept person has."""
    if is_empty(field, other):
        return "keep"
    if is_empty(field, keep):
        return "other"
    newer = _updated(other) > _updated(keep)
    return "other" if newer and _differs(field, keep, other) else "keep"


def default_picks(keep: Values, other: Values) -> dict[str, Side]:
    return {f.key: default_pick(f, keep, other) for f in MERGE_FIELDS}


def checked_picks(picks: Mapping[str, str], keep: Values, other: Values) -> dict[str, Side]:
    """`picks` over the defaults; an unknown field or side is refused."""
    wrong = {k: "not a field a merge picks" for k in picks if k not in FIELD_KEYS}
    wrong |= {
        k: "pick keep or other" for k, v in picks.items() if k in FIELD_KEYS and v not in SIDES
    }
    if wrong:
        raise ValidationError(wrong)
    chosen = default_picks(keep, other)
    chosen.update({k: "keep" if v == "keep" else "other" for k, v in picks.items()})
    return chosen


def picked_values(picks: Mapping[str, Side], keep: Values, other: Values) -> dict[str, object]:
    """The kept person's columns after the merge."""
    values: dict[str, object] = {}
    for field in MERGE_FIELDS:
        source = other if picks.get(field.key) == "other" else keep
        values.update({c: source.get(c) for c in field.columns})
    return values


def same(field: MergeField, keep: Values, other: Values) -> bool:
    return not _differs(field, keep, other)


def _differs(field: MergeField, keep: Values, other: Values) -> bool:
    return any(_comparable(keep.get(c)) != _comparable(other.get(c)) for c in field.columns)


def _comparable(value: object) -> object:
    if isinstance(value, str) and not isinstance(value, Enum):
        return value.strip().casefold() or None
    return value


def _updated(values: Values) -> datetime:
    found = values.get("updated_at")
    return found if isinstance(found, datetime) else datetime.min.replace(tzinfo=UTC)


def display(field: MergeField, values: Values, names: Mapping[int, str]) -> str:
    """How a field reads in the merge dialog and the CLI ("" when empty)."""
    if field.key == "name":
        return f"{values.get('first_name') or ''} {values.get('last_name') or ''}".strip()
    if field.key == "salary":
        low, high, currency = (values.get(c) for c in field.columns)
        if low is None and high is None:
            return ""
        band = "–".join(_text(v) for v in (low, high) if v is not None)
        return f"{band} {currency or ''}".strip()
    if field.key == "relationship":
        if is_empty(field, values):
            return ""
        kind = values.get("relationship_kind")
        parts = [kind.label if isinstance(kind, LabelledEnum) else _text(kind)]
        referrer = values.get("referred_by_id")
        if isinstance(referrer, int):
            parts.append(names.get(referrer, f"#{referrer}"))
        if values.get("relationship_note"):
            parts.append(_text(values.get("relationship_note")))
        return " · ".join(p for p in parts if p)
    return _text(values.get(field.columns[0]))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, LabelledEnum):
        return value.label
    if isinstance(value, Decimal):
        return f"{value:,.2f}".removesuffix(".00")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
