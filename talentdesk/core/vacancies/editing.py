"""A role's own fields: checked, copied onto the row, and read back."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

from sqlalchemy.orm import Session

from talentdesk.core.db.models import Vacancy, VacancyTag
from talentdesk.core.errors import ValidationError
from talentdesk.core.records import SALARY_MAX, SALARY_RANGE_TEXT, TagRef
from talentdesk.core.services.candidates import TagCache, tag_for
from talentdesk.core.vacancies.records import MAX_TITLE, VacancyRecord, WantedTag

# A day stored as noon UTC reads back as the same day in every time zone people work in.
_NOON = time(12)
_TEXT_LIMITS = {"company": 200, "hiring_manager": 200, "location": 200}


def validate(record: VacancyRecord) -> VacancyRecord:
    """A clean copy of `record`, or ValidationError naming each field that is wrong."""
    errors: dict[str, str] = {}
    clean = replace(record, title=record.title.strip(), tags=list(record.tags))
    if not clean.title:
        errors["title"] = "a role needs a title"
    elif len(clean.title) > MAX_TITLE:
        errors["title"] = f"at most {MAX_TITLE} characters"
    for name, limit in _TEXT_LIMITS.items():
        value = (getattr(clean, name) or "").strip() or None
        setattr(clean, name, value)
        if value is not None and len(value) > limit:
            errors[name] = f"at most {limit} characters"
    for name in ("salary_min", "salary_max"):
        amount = getattr(clean, name)
        if amount is not None and not (0 <= amount <= SALARY_MAX):
            errors[name] = f"between {SALARY_RANGE_TEXT}"
    if (
        clean.salary_min is not None
        and clean.salary_max is not None
        and clean.salary_min > clean.salary_max
    ):
        errors["salary_max"] = "is below the minimum"
    if clean.salary_currency:
        clean.salary_currency = clean.salary_currency.strip().upper() or None
        currency = clean.salary_currency or ""
        if currency and (len(currency) != 3 or not currency.isalpha()):
            errors["salary_currency"] = "use a three-letter code such as EUR or PLN"
    if clean.opened_on and clean.closed_on and clean.closed_on < clean.opened_on:
        errors["closed_on"] = "is before the role was opened"
    clean.tags = _unique_tags(clean.tags)
    if errors:
        raise ValidationError(errors)
    return clean


def _unique_tags(tags: list[WantedTag]) -> list[WantedTag]:
    """One entry per tag in any letter case; required wins over nice to have."""
    unique: dict[tuple[str, str], WantedTag] = {}
    for wanted in tags:
        name = wanted.tag.name.strip()
        if not name:
            continue
        key = (wanted.tag.category.value, name.casefold())
        was = unique.get(key)
        if was is None or (wanted.required and not was.required):
            unique[key] = WantedTag(TagRef(wanted.tag.category, name), wanted.required)
    return sorted(unique.values(), key=lambda w: (not w.required, w.tag))


def apply(session: Session, vacancy: Vacancy, record: VacancyRecord, today: date) -> None:
    for name in (
        "title",
        "company",
        "hiring_manager",
        "location",
        "remote_policy",
        "seniority",
        "salary_min",
        "salary_max",
        "salary_currency",
        "description",
        "status",
    ):
        setattr(vacancy, name, getattr(record, name))
    vacancy.opened_at = _at_noon(record.opened_on or today)
    vacancy.closed_at = _at_noon(record.closed_on) if record.closed_on else None
    cache: TagCache = {}
    wanted = [(tag_for(session, w.tag, cache), w.required) for w in record.tags]
    session.flush()
    existing = {t.tag_id: t for t in vacancy.tags}
    kept: list[VacancyTag] = []
    for tag, required in wanted:
        row = existing.get(tag.id) or VacancyTag(tag_id=tag.id)
        row.required = required
        kept.append(row)
    vacancy.tags = kept


def _at_noon(day: date) -> datetime:
    return datetime.combine(day, _NOON, tzinfo=UTC)


def to_record(vacancy: Vacancy, tag_names: dict[int, TagRef]) -> VacancyRecord:
    return VacancyRecord(
        id=vacancy.id,
        title=vacancy.title,
        company=vacancy.company,
        hiring_manager=vacancy.hiring_manager,
        location=vacancy.location,
        remote_policy=vacancy.remote_policy,
        seniority=vacancy.seniority,
        salary_min=vacancy.salary_min,
        salary_max=vacancy.salary_max,
        salary_currency=vacancy.salary_currency,
        description=vacancy.description,
        status=vacancy.status,
        opened_on=vacancy.opened_at.date(),
        closed_on=vacancy.closed_at.date() if vacancy.closed_at else None,
        tags=_unique_tags([WantedTag(tag_names[t.tag_id], t.required) for t in vacancy.tags]),
    )
