"""Reading an import's rows into validated records, with a plan made once from the mapping.

Pure Python and no database: the importer calls it on every row of a file, in the thread that
runs the import's first phase (see csvio/importer.py).
"""

from __future__ import annotations

import functools
import operator
from dataclasses import MISSING, fields
from datetime import date
from pathlib import Path

from talentdesk.core.csvio.exporter import PROTECTED_STARTS
from talentdesk.core.csvio.list_cells import split_items
from talentdesk.core.csvio.mapping import APPEND_NOTES, IGNORE
from talentdesk.core.csvio.memberships import NEAR_FIT, POOLS, STAGE, Membership, read_memberships
from talentdesk.core.csvio.options import ImportOptions
from talentdesk.core.csvio.report import RowProblem, dropped_value
from talentdesk.core.csvio.values import parse_amount, parse_choice, parse_date
from talentdesk.core.db.enums import CandidateStatus, Seniority, TagCategory
from talentdesk.core.errors import ValidationError
from talentdesk.core.normalize import normalise_email, normalise_linkedin_url
from talentdesk.core.records import (
    PLAIN_FIELDS,
    CandidateRecord,
    TagRef,
    salary_problem,
    validate,
)

# How RowReader treats a mapped column's text.
_PLAIN, _NOTES, _FULL_NAME, _OTHER_EMAILS, _OWN_TAGS, _CATEGORY_TAGS, _DATE, _AMOUNT, _CHOICE = (
    range(9)
)
_MEMBER = 9  # pools, stage, near-fit
_CHOICES = {"seniority": Seniority, "status": CandidateStatus}
_ROW_TAGS_KEPT = 4096  # distinct sets of a row's tag cells remembered (RowReader._tags)


IMPORTED_FROM = "Import: "  # the source of people imported from a file without sources


def import_source(path: Path) -> str:
    """The source of people imported from `path` when it has no source column."""
    return f"{IMPORTED_FROM}{path.name}"[:200]


class RowReader:
    """Reads rows into validated records with a plan made once from the mapping: the columns
    that feed something, each with what to do with its text (a large import reads a million)."""

    def __init__(
        self,
        columns: list[str],
        options: ImportOptions,
        today: date,
        default_source: str | None = None,
    ) -> None:
        self.columns = columns
        self.options = options
        self.today = today
        # Where people came from when the file has no source column (hires by source count
        # it); a source column left empty says none (an exported file comes back as it was).
        self.default_source = None if "source" in options.mapping else default_source
        self.width = len(columns)
        self.plan: list[tuple[int, str, int, str, object]] = []
        for index, (column, target) in enumerate(zip(columns, options.mapping, strict=False)):
            extra: object = None
            if target == IGNORE:
                continue
            if target == APPEND_NOTES:
                kind = _NOTES
            elif target == "full_name":
                kind = _FULL_NAME
            elif target == "other_emails":
                kind = _OTHER_EMAILS
            elif target == "tags":
                kind = _OWN_TAGS
            elif target.startswith("tags:"):
                kind, extra = _CATEGORY_TAGS, TagCategory(target.split(":", 1)[1])
            elif target in ("birthday", "available_from"):
                kind = _DATE
            elif target in ("salary_min", "salary_max"):
                kind = _AMOUNT
            elif target in _CHOICES:
                kind, extra = _CHOICE, _CHOICES[target]
            elif target in (POOLS, STAGE, NEAR_FIT):
                kind = _MEMBER
            else:
                kind = _PLAIN
            self.plan.append((index, column, kind, target, extra))
        # The first column feeding each field: where a dropped value came from.
        self.source: dict[str, tuple[int, str]] = {}
        for index, column, _kind, target, _extra in self.plan:
            field = "first_name" if target == "full_name" else target
            self.source.setdefault(field, (index, column))
        # Row number → the bad values a row is imported without (until _Run reports them).
        self.dropped: dict[int, list[RowProblem]] = {}
        # Row number → the pools the row joins (until _Run joins them).
        self.memberships: dict[int, list[Membership]] = {}
        self.joins_pools = any(kind == _MEMBER for _i, _c, kind, _t, _e in self.plan)
        # Column → the category of its tags (None: TalentDesk's own "category:name" form).
        self._tag_columns: dict[int, TagCategory | None] = {
            index: extra if kind == _CATEGORY_TAGS else None  # type: ignore[misc]
            for index, _c, kind, _t, extra in self.plan
            if kind in (_CATEGORY_TAGS, _OWN_TAGS)
        }
        self._row_tags: dict[
            tuple[tuple[int, str], ...], tuple[tuple[TagRef, ...], tuple[TagRef, ...]]
        ] = {}

    def read(
        self, row_no: int, cells: list[str]
    ) -> tuple[RowProblem | None, CandidateRecord | None, list[str], set[str]]:
        """The row as a validated record, the notes to append, and the fields the row filled."""
        width = self.width
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            reason = f"the row has {len(cells)} fields but the header has {width}"
            return RowProblem(row_no, "", reason, cells), None, [], set()
        values: dict[str, object] = {}
        tag_cells: list[tuple[int, str]] = []  # (column, text) of the cells naming tags
        others: list[str] = []
        notes: list[str] = []
        lost: list[RowProblem] = []  # bad values left out: the person is imported without them
        member: dict[str, str] = {}
        filled = len(cells)
        stripped = True  # every text in `values` stripped and not blank (_validated's fast path)
        for index, column, kind, target, extra in self.plan:
            if index >= filled:
                break
            text = cells[index].strip()
            if not text:
                continue
            if text[0] == "'" and text[1:2] in PROTECTED_STARTS:
                text = text[1:]  # undo the exporter's formula protection ("'+48 600 …")
                stripped = False
            try:
                if kind == _PLAIN:
                    values[target] = text
                elif kind == _CATEGORY_TAGS:
                    tag_cells.append((index, text))
                elif kind == _CHOICE:
                    values[target] = _choice(extra, text)
                elif kind == _NOTES:
                    notes.append(f"{column}: {text}")
                elif kind == _MEMBER:
                    member[target] = text
                elif kind == _FULL_NAME:
                    first, _, last = text.rpartition(" ") if " " in text else (text, "", "")
                    values.setdefault("first_name", first)
                    values.setdefault("last_name", last)
                    stripped = False
                elif kind == _OTHER_EMAILS:
                    others.extend(_good_emails(text, row_no, column, cells, lost))
                elif kind == _OWN_TAGS:
                    tag_cells.append((index, text))
                elif kind == _DATE:
                    values[target] = parse_date(text, self.options.day_first)
                else:
                    values[target] = parse_amount(text)
            except ValueError as exc:  # a date, amount or choice: left out, the row kept
                lost.append(dropped_value(row_no, column, text, str(exc), cells))
        tags, cleaned = self._tags(tuple(tag_cells))
        clean = _validated(values, others, list(tags), self.today, stripped, cleaned)
        if clean is None:  # refused, or not certain: validate decides and names the problem
            try:
                clean = self._checked(row_no, cells, values, others, list(tags), lost)
            except ValidationError as exc:
                name, reason = next(iter(exc.errors.items()))
                column = self.source.get(name, (0, name))[1]
                return RowProblem(row_no, column, reason, cells), None, [], set()
        if not clean.source and self.default_source:
            clean.source = self.default_source  # not a field the row filled: no update takes it
        if member:
            self.memberships[row_no] = self._memberships(row_no, cells, member, lost)
        if lost:
            self.dropped[row_no] = lost
        return None, clean, notes, set(values)

    def _tags(
        self, cells: tuple[tuple[int, str], ...]
    ) -> tuple[tuple[TagRef, ...], tuple[TagRef, ...]]:
        """The tags of a row's tag cells (with the import's own, first), and the same as
        records.validate leaves them; worked out once per distinct set of cells (a file repeats
        a few), keyed by their text rather than by TagRefs, whose hash is Python code."""
        found = self._row_tags.get(cells)
        if found is None:
            tags = list(self.options.tags)
            for index, text in cells:
                extra = self._tag_columns[index]
                tags.extend(_own_tags(text) if extra is None else _category_tags(extra, text))
            found = (tuple(tags), _clean_tags(tuple(tags)) if tags else ())
            if len(self._row_tags) >= _ROW_TAGS_KEPT:
                self._row_tags.clear()
            self._row_tags[cells] = found
        return found

    def _memberships(
        self, row_no: int, cells: list[str], member: dict[str, str], lost: list[RowProblem]
    ) -> list[Membership]:
        """The pools the row joins; a bare stage or flag that names no pool, where the import
        has none either and the row several, is left out."""
        joins = read_memberships(member)
        if self.options.pool_id is not None or all(m.pool is not None for m in joins):
            return joins
        for target in (STAGE, NEAR_FIT):
            if target in member:
                _index, column = self.source[target]
                reason = "which pool? Write “Pool: Stage”, or choose a pool for the import"
                lost.append(dropped_value(row_no, column, member[target], reason, cells))
        return [m for m in joins if m.pool is not None]

    def _checked(
        self,
        row_no: int,
        cells: list[str],
        values: dict[str, object],
        others: list[str],
        tags: list[TagRef],
        lost: list[RowProblem],
    ) -> CandidateRecord:
        """records.validate's record; the values it refuses (an e-mail, a URL, a salary) are
        left out, unless the name is missing: then ValidationError, and the row is rejected."""
        record = CandidateRecord(**values, other_emails=others, tags=tags)  # type: ignore[arg-type]
        try:
            return validate(record, self.today)
        except ValidationError as exc:
            if "first_name" in exc.errors:
                raise
            for name, reason in exc.errors.items():
                index, column = self.source.get(name, (-1, name))
                shown = values.get(name, "")
                text = cells[index].strip() if 0 <= index < len(cells) else str(shown)
                lost.append(dropped_value(row_no, column, text, reason, cells))
                values.pop(name, None)
        record = CandidateRecord(**values, other_emails=others, tags=tags)  # type: ignore[arg-type]
        return validate(record, self.today)


# The fields a row can fill that _validated checks as records.validate does.
_FAST_FIELDS = frozenset(PLAIN_FIELDS) - {"relationship_kind", "referred_by_id"}


def _validated(
    values: dict[str, object],
    others: list[str],
    tags: list[TagRef],
    today: date,
    stripped: bool = False,
    cleaned: tuple[TagRef, ...] | None = None,
) -> CandidateRecord | None:
    """What records.validate returns for the row's record, or None when validate refuses it or
    the row fills something this does not check. validate copies and checks every field of the
    record; a row fills a few, and on a large import the difference is a third of the time.
    `stripped`: every text of `values` is stripped and not blank (as RowReader.read reads most
    rows), so they need no look one by one. `cleaned`: `tags` as records.validate leaves them,
    when known."""
    if stripped:
        if not values.keys() <= _FAST_FIELDS:
            return None
        clean = dict(values)
    else:
        clean = {}
        for name, value in values.items():
            if name not in _FAST_FIELDS:
                return None
            if type(value) is str:  # not a StrEnum, which is a str too
                value = value.strip()
                if not value:
                    continue  # blank: the record's default ("" for the names, else None)
            clean[name] = value
    if not clean.get("first_name") and not clean.get("last_name"):
        return None
    try:
        email = clean.get("email")
        if email is not None:
            email = clean["email"] = normalise_email(str(email))
        other_emails: list[str] = []
        for address in others:
            if address.strip():
                normalised = normalise_email(address)
                if normalised.lower() != (email or "").lower() and normalised not in other_emails:
                    other_emails.append(normalised)
        if "linkedin_url" in clean:
            clean["linkedin_url"] = normalise_linkedin_url(str(clean["linkedin_url"]))
    except ValueError:
        return None
    low, high = clean.get("salary_min"), clean.get("salary_max")
    if salary_problem(low) or salary_problem(high):  # type: ignore[arg-type]
        return None
    if low is not None and high is not None and low > high:  # type: ignore[operator]
        return None
    if "salary_currency" in clean:
        currency = clean["salary_currency"] = str(clean["salary_currency"]).upper()
        if len(currency) != 3 or not currency.isalpha():
            return None
    birthday = clean.get("birthday")
    if birthday and birthday > today:  # type: ignore[operator]
        return None
    if cleaned is None:
        cleaned = _clean_tags(tuple(tags)) if tags else ()
    refs = list(cleaned)
    return _record(clean, other_emails, refs)


# CandidateRecord's defaults, for _record.
_DEFAULTS = {f.name: f.default for f in fields(CandidateRecord) if f.default is not MISSING}


def _record(values: dict[str, object], others: list[str], tags: list[TagRef]) -> CandidateRecord:
    """CandidateRecord(**values, other_emails=others, tags=tags), made the way the generated
    __init__ would leave it (a plain dataclass: no __post_init__, no slots) at half the cost:
    its 36 parameters take more time than the row's whole validation."""
    record = object.__new__(CandidateRecord)
    record.__dict__ = {**_DEFAULTS, **values, "other_emails": others, "tags": tags}
    return record


# The same few spellings ("Senior", "mid", "Java") come back on every row; refusals are not
# cached.
_choice = functools.lru_cache(maxsize=256)(parse_choice)
_tag = functools.lru_cache(maxsize=4096)(TagRef)
_tag_order = operator.attrgetter("category", "name")  # TagRef's own order, compared in C


@functools.lru_cache(maxsize=4096)
def _category_tags(category: TagCategory, text: str) -> tuple[TagRef, ...]:
    """The tags of a cell of one category ("Java, SQL"): a file repeats the same few cells."""
    return tuple(_tag(category, part.strip()) for part in _split(text))


@functools.lru_cache(maxsize=4096)
def _clean_tags(tags: tuple[TagRef, ...]) -> tuple[TagRef, ...]:
    """A row's tags as records.validate leaves them: stripped, once each, in order."""
    return tuple(
        sorted({_tag(t.category, name) for t in tags if (name := t.name.strip())}, key=_tag_order)
    )


def _good_emails(
    text: str, row_no: int, column: str, cells: list[str], lost: list[RowProblem]
) -> list[str]:
    """The addresses of an other-e-mails cell; one that is not an address is left out."""
    good = []
    for part in text.replace(",", ";").split(";"):
        if address := part.strip():
            try:
                normalise_email(address)
            except ValueError as exc:
                lost.append(dropped_value(row_no, column, address, str(exc), cells))
            else:
                good.append(address)
    return good


def _split(text: str) -> list[str]:
    separator = ";" if ";" in text else ","
    return [part for part in text.split(separator) if part.strip()]


_CATEGORIES = frozenset(c.value for c in TagCategory)


def _own_tags(text: str) -> list[TagRef]:
    """TalentDesk's export form: `skill:Java; location:Kraków; custom:C\\; C++` (a bare name is
    a custom tag)."""
    refs = []
    for part in split_items(text):
        category, sep, name = part.partition(":")
        if sep and category.strip() in _CATEGORIES:
            refs.append(TagRef(TagCategory(category.strip()), name.strip()))
        else:
            refs.append(TagRef(TagCategory.CUSTOM, part))
    return refs
