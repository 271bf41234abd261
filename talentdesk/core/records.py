"""A candidate's profile as plain data, and the checks it must pass before it is stored.

Free of SQLAlchemy so the window can use it without loading the ORM at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from talentdesk.core.db.enums import CandidateStatus, RelationshipKind, Seniority, TagCategory
from talentdesk.core.errors import ValidationError
from talentdesk.core.normalize import normalise_email, normalise_linkedin_url

# What the salary columns hold (NUMERIC(12, 2)): below ten billion per period, enough for a
# yearly salary in any currency (Indonesian rupiah and Vietnamese dong included). Anything
# larger, negative or not finite (inf, NaN, a 400-digit number) is a typo or junk, and an
# infinite value once stored made every export fail.
SALARY_MAX = Decimal("9999999999.99")
SALARY_RANGE_TEXT = "0 to 9,999,999,999.99"


@dataclass(frozen=True, order=True)
class TagRef:
    category: TagCategory
    name: str

    def __str__(self) -> str:
        return f"{self.name} ({self.category.label.lower()})"


@dataclass
class CandidateRecord:
    """A candidate's profile as plain data: what the form edits and the service stores."""

    first_name: str = ""
    last_name: str = ""
    email: str | None = None
    other_emails: list[str] = field(default_factory=list)
    phone: str | None = None
    city: str | None = None
    country: str | None = None
    title: str | None = None
    company: str | None = None
    seniority: Seniority | None = None
    industry: str | None = None
    linkedin_url: str | None = None
    source: str | None = None
    relationship_kind: RelationshipKind = RelationshipKind.NONE
    referred_by_id: int | None = None
    relationship_note: str | None = None
    status: CandidateStatus = CandidateStatus.PASSIVE
    motivators: str | None = None
    doubts: str | None = None
    competing_offers: str | None = None
    salary_min: Decimal | None = None
    salary_max: Decimal | None = None
    salary_currency: str | None = None
    notice_period: str | None = None
    available_from: date | None = None
    birthday: date | None = None
    notes: str | None = None
    tags: list[TagRef] = field(default_factory=list)
    # Filled in by the service, never written from the form.
    id: int | None = None
    referred_by_name: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    last_contact_at: datetime | None = None
    # The row's version when read (None: a new candidate, or a save that checks nothing).
    # A save names the version its form loaded: a newer one in the database is a conflict.
    version: int | None = None
    owner_name: str | None = None  # whose candidate, when several users share the database

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


# Profile columns copied one to one between the record and the ORM object.
PLAIN_FIELDS = tuple(
    f.name
    for f in fields(CandidateRecord)
    if f.name
    not in {
        "other_emails",
        "tags",
        "id",
        "referred_by_name",
        "created_at",
        "updated_at",
        "last_contact_at",
        "version",
        "owner_name",
    }
)


def _blank_to_none(value: Any) -> Any:
    if type(value) is str:  # not a StrEnum, which is a str too
        # A NUL character is never meant, and a file holding one reads as binary, not CSV.
        value = value.replace("\x00", "").strip()
        return value or None
    return value


def salary_problem(value: Decimal | float | None) -> str:
    """What is wrong with a salary amount, or "" (None, an empty field, is fine)."""
    if value is None:
        return ""
    if not isinstance(value, Decimal):  # an int or float from code rather than a form
        try:
            value = Decimal(str(value))
        except InvalidOperation:
            return "is not a number"
    if not value.is_finite():  # checked first: comparing NaN raises
        return "is not a number"
    if value < 0:
        return "cannot be negative"
    if value > SALARY_MAX:
        return f"is too large (use {SALARY_RANGE_TEXT})"
    return ""


def validate(record: CandidateRecord, today: date) -> CandidateRecord:
    """A cleaned copy of `record`, or ValidationError naming every field that is wrong."""
    errors: dict[str, str] = {}
    clean = CandidateRecord(**{f.name: getattr(record, f.name) for f in fields(record)})
    for name in PLAIN_FIELDS:
        setattr(clean, name, _blank_to_none(getattr(clean, name)))
    clean.first_name = (record.first_name or "").replace("\x00", "").strip()
    clean.last_name = (record.last_name or "").replace("\x00", "").strip()
    if not clean.first_name and not clean.last_name:
        errors["first_name"] = "a first or last name is needed"
    if clean.email:
        try:
            clean.email = normalise_email(clean.email)
        except ValueError as exc:
            errors["email"] = str(exc)
    others: list[str] = []
    for address in record.other_emails:
        if not address.strip():
            continue
        try:
            normalised = normalise_email(address)
        except ValueError as exc:
            errors["other_emails"] = f"{address.strip()}: {exc}"
            continue
        if normalised.lower() != (clean.email or "").lower() and normalised not in others:
            others.append(normalised)
    clean.other_emails = others
    if clean.linkedin_url:
        try:
            clean.linkedin_url = normalise_linkedin_url(clean.linkedin_url)
        except ValueError as exc:
            errors["linkedin_url"] = str(exc)
    for name in ("salary_min", "salary_max"):
        problem = salary_problem(getattr(clean, name))
        if problem:
            errors[name] = problem
    if (
        clean.salary_min is not None
        and clean.salary_max is not None
        and not {"salary_min", "salary_max"} & errors.keys()
        and clean.salary_min > clean.salary_max
    ):
        errors["salary_max"] = "must not be below the minimum"
    if clean.salary_currency:
        clean.salary_currency = clean.salary_currency.upper()
        if len(clean.salary_currency) != 3 or not clean.salary_currency.isalpha():
            errors["salary_currency"] = "use a three-letter code such as EUR or PLN"
    if clean.birthday and clean.birthday > today:
        errors["birthday"] = "is in the future"
    if clean.relationship_kind is not RelationshipKind.REFERRED_BY:
        clean.referred_by_id = None
    # One tag per category and name in any letter case ("Java" and "java" are one tag).
    unique: dict[tuple[TagCategory, str], TagRef] = {}
    for tag in record.tags:
        if tag.name.strip():
            unique.setdefault(
                (tag.category, tag.name.strip().casefold()), TagRef(tag.category, tag.name.strip())
            )
    clean.tags = sorted(unique.values())
    if errors:
        raise ValidationError(errors)
    return clean
