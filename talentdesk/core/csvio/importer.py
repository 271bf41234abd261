"""Importing candidates from a CSV file: one pass, one transaction.

The same function makes the dry-run summary and the import, so what the summary promised is
what happens. Cancel, a problem in "stop" mode, or the process dying leaves the database as it
was: everything is written inside a single transaction that commits only at the end.

Rows are read and validated a BATCH at a time, then decided in file order; new candidates are
written in bulk on the session's own sqlite3 connection (csvio.bulk), updates of existing ones
through the ORM. Memory stays flat however long the file: the keys met so far live in TEMP
tables of the same transaction.
"""

from __future__ import annotations

import functools
import operator
import re
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from talentdesk.core.clock import Clock
from talentdesk.core.csvio.bulk import CandidateWriter, KeyIndex, Triggers, name_key
from talentdesk.core.csvio.exporter import PROTECTED_STARTS
from talentdesk.core.csvio.mapping import APPEND_NOTES, IGNORE
from talentdesk.core.csvio.memberships import (
    NEAR_FIT,
    POOLS,
    STAGE,
    Membership,
    MembershipWriter,
    read_memberships,
)
from talentdesk.core.csvio.options import ImportOptions, OnDuplicate, OnError
from talentdesk.core.csvio.reader import CsvLayout, iter_rows
from talentdesk.core.csvio.report import ImportReport, RowProblem, dropped_value
from talentdesk.core.csvio.values import parse_amount, parse_choice, parse_date
from talentdesk.core.db.enums import CandidateStatus, Seniority, TagCategory
from talentdesk.core.db.migrate import Database
from talentdesk.core.db.models import Candidate, PoolMembership, PoolStage, Tag
from talentdesk.core.diagnose import CancelledError
from talentdesk.core.errors import TalentDeskError, ValidationError
from talentdesk.core.normalize import normalise_email, normalise_linkedin_url
from talentdesk.core.ops.changes import Changes
from talentdesk.core.records import (
    PLAIN_FIELDS,
    CandidateRecord,
    TagRef,
    salary_problem,
    validate,
)
from talentdesk.core.services.candidates import TagCache, apply_record, to_record

__all__ = ["ImportReport", "ImportStoppedError", "RowProblem", "run_import"]

CHECK_EVERY = 500  # rows between progress reports and cancel checks
BATCH = 1000  # rows decided and written together


class ImportStoppedError(TalentDeskError):
    """A row had a problem in "stop" mode; nothing was written."""

    def __init__(self, problem: RowProblem, report: ImportReport) -> None:
        super().__init__(
            f"Row {problem.row}, column “{problem.column}”: {problem.reason}.",
            "Nothing was imported. Fix the row, or choose to skip rows with problems.",
        )
        self.problem = problem
        self.report = report


class _CancelledError(Exception):
    pass


def run_import(
    db: Database,
    path: Path,
    layout: CsvLayout,
    options: ImportOptions,
    clock: Clock,
    *,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import (or, with dry_run, only count) the rows of `path` read with `layout`, as one
    operation on the write path: all of it, or (cancelled, stopped) none of it."""
    try:
        return db.writer.run(
            lambda: _import(db, path, layout, options, clock, dry_run, progress, cancelled),
            label=f"{'checking' if dry_run else 'importing'} {path.name}",
            cancel=cancelled,
            announce=not dry_run,
        )
    except CancelledError:  # before it began (while waiting for the database)
        return ImportReport(dry_run=dry_run, cancelled=True, skipped_lines=len(layout.skipped))


def _import(
    db: Database,
    path: Path,
    layout: CsvLayout,
    options: ImportOptions,
    clock: Clock,
    dry_run: bool,
    progress: Callable[[int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> ImportReport:
    report = ImportReport(dry_run=dry_run, skipped_lines=len(layout.skipped))
    now = clock()
    columns = layout.header
    try:
        with db.sessions.begin() as session:
            cur = session.connection().connection.driver_connection.cursor()  # type: ignore[union-attr]
            rows = _RowReader(columns, options, now.date())
            run = _Run(session, cur, db, path, options, report, now, dry_run, rows)
            batch: list[_Parsed] = []
            for read, (row_no, cells) in enumerate(iter_rows(path, layout), start=1):
                if read % CHECK_EVERY == 0:
                    if cancelled is not None and cancelled():
                        report.rows = read
                        raise _CancelledError
                    if progress is not None:
                        progress(read)
                batch.append((read, row_no, cells, *rows.read(row_no, cells)))
                if len(batch) == BATCH:
                    run.resolve(batch)
                    batch = []
            run.resolve(batch)
            run.finish()
            if dry_run:
                session.rollback()
            elif report.created or report.updated:
                db.writer.note(Changes.everything())
    except _CancelledError:
        report.cancelled = True
        report.created = report.updated = 0
    if progress is not None:
        progress(report.rows)
    return report


# (ordinal among the records read, row number, cells, problem, record, notes to append,
# fields the row filled)
_Parsed = tuple[int, int, list[str], RowProblem | None, CandidateRecord | None, list[str], set[str]]


class _Run:
    """One import's decisions, a batch of rows at a time, in file order."""

    def __init__(
        self,
        session: Session,
        cur: sqlite3.Cursor,
        db: Database,
        path: Path,
        options: ImportOptions,
        report: ImportReport,
        now: datetime,
        dry_run: bool,
        rows: _RowReader,
    ) -> None:
        self.session = session
        self.dropped = rows.dropped  # row number → values the row is imported without
        self.memberships = rows.memberships  # row number → the pools the row names
        self.members = (
            MembershipWriter(
                cur, now, options.pool_id, options.on_duplicate is OnDuplicate.OVERWRITE
            )
            if rows.joins_pools and not dry_run
            else None
        )
        self.options = options
        self.report = report
        self.now = now
        self.dry_run = dry_run
        self.stage_id = _stage(session, options)
        self.triggers = Triggers(cur)
        self.keys = KeyIndex(cur)
        self.writer = CandidateWriter(
            cur,
            db.engine.dialect,
            now,
            f"Imported from {path.name}",
            options.pool_id,
            self.stage_id,
        )

    def resolve(self, batch: list[_Parsed]) -> None:
        report, options, writer = self.report, self.options, self.writer
        row_keys = {
            ordinal: _keys(record) for ordinal, _r, _c, _p, record, _n, _f in batch if record
        }
        wanted = [key for keys in row_keys.values() for key in keys]
        earlier_rows = self.keys.seen(wanted)
        known = self.keys.known(wanted)
        similar_to = self.keys.names(
            [k for *_, rec, _n, _f in batch if rec and (k := name_key(rec))]
            if self.keys.has_names
            else []
        )
        new_keys: dict[str, int] = {}
        joining: list[tuple[int, list[Membership]]] = []
        updated = False
        for ordinal, row_no, cells, problem, record, extra_notes, provided in batch:
            report.rows = ordinal
            lost = self.dropped.pop(row_no, None) if self.dropped else None
            pools = self.memberships.pop(row_no, None) if self.memberships else None
            if problem is not None:
                _reject(report, problem, options)
                continue
            assert record is not None
            keys = row_keys[ordinal]
            earlier = None  # loops, not next(generator): this runs for every row
            for key in keys:
                earlier = earlier_rows.get(key) or new_keys.get(key)
                if earlier is not None:
                    break
            if earlier is not None and options.on_duplicate is not OnDuplicate.NEW:
                _reject(
                    report, RowProblem(row_no, "", f"same person as row {earlier}", cells), options
                )
                continue
            for key in keys:
                if key not in earlier_rows:
                    new_keys.setdefault(key, row_no)
            existing = None
            if known:
                for key in keys:
                    if key in known:
                        existing = known[key]
                        break
            if existing is not None and options.on_duplicate is not OnDuplicate.NEW:
                if options.on_duplicate is OnDuplicate.SKIP:
                    report.skipped += 1
                    continue
                report.updated += 1
                _report_dropped(report, lost)
                if not self.dry_run:
                    self._update(existing, record, provided, extra_notes)
                    if pools and self.members:
                        self.members.join(existing, pools, new=False)
                    updated = True
                continue
            if similar_to and (name := name_key(record)) is not None and name in similar_to:
                report.possible_duplicates.append((row_no, similar_to[name]))
            report.created += 1
            _report_dropped(report, lost)
            if not self.dry_run:
                cid = writer.add(record, _with_notes(record.notes, extra_notes))
                if pools and self.members:
                    joining.append((cid, pools))
        self.keys.remember(new_keys.items())
        writer.flush(self.triggers)
        for cid, pools in joining:  # once the candidates are in
            self.members.join(cid, pools, new=True)  # type: ignore[union-attr]
        if updated:
            self.session.expunge_all()  # keep memory flat when many rows update

    def _update(
        self, candidate_id: int, record: CandidateRecord, provided: set[str], extra_notes: list[str]
    ) -> None:
        """Through the ORM, with the search triggers in place; tags shared with the writer."""
        self.triggers.restore()
        session, shared = self.session, self.writer.tags
        tags: TagCache = {}
        for ref in record.tags:
            known = shared.get((ref.category, ref.name.casefold()))
            if known is not None:
                tag = session.get(Tag, known[0])
                assert tag is not None
                tags[(ref.category, ref.name.casefold())] = tag
        _update(session, candidate_id, record, provided, extra_notes, self.options, tags)
        _join_pool(session, candidate_id, self.options.pool_id, self.stage_id, self.now)
        session.flush()
        for key, tag in tags.items():
            shared.setdefault(key, (tag.id, tag.name))

    def finish(self) -> None:
        self.triggers.restore()
        self.keys.drop()


def _report_dropped(report: ImportReport, lost: list[RowProblem] | None) -> None:
    """The values a row that is imported goes without: reported, never a reason to stop."""
    for problem in lost or ():
        report.add_problem(problem)


def _reject(report: ImportReport, problem: RowProblem, options: ImportOptions) -> None:
    if options.on_error is OnError.STOP:
        raise ImportStoppedError(problem, report)
    report.add_problem(problem)


# How _RowReader treats a mapped column's text.
_PLAIN, _NOTES, _FULL_NAME, _OTHER_EMAILS, _OWN_TAGS, _CATEGORY_TAGS, _DATE, _AMOUNT, _CHOICE = (
    range(9)
)
_MEMBER = 9  # pools, stage, near-fit
_CHOICES = {"seniority": Seniority, "status": CandidateStatus}


class _RowReader:
    """Reads rows into validated records with a plan made once from the mapping: the columns
    that feed something, each with what to do with its text (a large import reads a million)."""

    def __init__(self, columns: list[str], options: ImportOptions, today: date) -> None:
        self.columns = columns
        self.options = options
        self.today = today
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

    def read(
        self, row_no: int, cells: list[str]
    ) -> tuple[RowProblem | None, CandidateRecord | None, list[str], set[str]]:
        """The row as a validated record, the notes to append, and the fields the row filled."""
        width = self.width
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            reason = f"the row has {len(cells)} fields but the header has {width}"
            return RowProblem(row_no, "", reason, cells), None, [], set()
        values: dict[str, object] = {}
        tags: list[TagRef] = list(self.options.tags)
        others: list[str] = []
        notes: list[str] = []
        lost: list[RowProblem] = []  # bad values left out: the person is imported without them
        member: dict[str, str] = {}
        filled = len(cells)
        for index, column, kind, target, extra in self.plan:
            if index >= filled:
                break
            text = cells[index].strip()
            if not text:
                continue
            if text[0] == "'" and text[1:2] in PROTECTED_STARTS:
                text = text[1:]  # undo the exporter's formula protection ("'+48 600 …")
            try:
                if kind == _PLAIN:
                    values[target] = text
                elif kind == _CATEGORY_TAGS:
                    tags.extend(_tag(extra, p.strip()) for p in _split(text))
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
                elif kind == _OTHER_EMAILS:
                    others.extend(_good_emails(text, row_no, column, cells, lost))
                elif kind == _OWN_TAGS:
                    tags.extend(_own_tags(text))
                elif kind == _DATE:
                    values[target] = parse_date(text, self.options.day_first)
                else:
                    values[target] = parse_amount(text)
            except ValueError as exc:  # a date, amount or choice: left out, the row kept
                lost.append(dropped_value(row_no, column, text, str(exc), cells))
        clean = _validated(values, others, tags, self.today)
        if clean is None:  # refused, or not certain: validate decides and names the problem
            try:
                clean = self._checked(row_no, cells, values, others, tags, lost)
            except ValidationError as exc:
                name, reason = next(iter(exc.errors.items()))
                column = self.source.get(name, (0, name))[1]
                return RowProblem(row_no, column, reason, cells), None, [], set()
        if member:
            self.memberships[row_no] = self._memberships(row_no, cells, member, lost)
        if lost:
            self.dropped[row_no] = lost
        return None, clean, notes, set(values)

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
    values: dict[str, object], others: list[str], tags: list[TagRef], today: date
) -> CandidateRecord | None:
    """What records.validate returns for the row's record, or None when validate refuses it or
    the row fills something this does not check. validate copies and checks every field of the
    record; a row fills a few, and on a large import the difference is a third of the time."""
    clean: dict[str, object] = {}
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
    refs = sorted(
        {_tag(t.category, name) for t in tags if (name := t.name.strip())}, key=_tag_order
    )
    return CandidateRecord(**clean, other_emails=other_emails, tags=refs)  # type: ignore[arg-type]


# The same few spellings ("Senior", "mid", "Java") come back on every row; refusals are not
# cached.
_choice = functools.lru_cache(maxsize=256)(parse_choice)
_tag = functools.lru_cache(maxsize=4096)(TagRef)
_tag_order = operator.attrgetter("category", "name")  # TagRef's own order, compared in C


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


# One tag of the export form: up to a ";" that is not escaped as "\;" (a backslash itself is "\\").
_OWN_TAG = re.compile(r"(?:\\.|[^;\\]|\\$)+", re.DOTALL)
_OWN_TAG_ESCAPE = re.compile(r"\\([;\\])")
_CATEGORIES = frozenset(c.value for c in TagCategory)


def _own_tags(text: str) -> list[TagRef]:
    """TalentDesk's export form: `skill:Java; location:Kraków; custom:C\\; C++` (a bare name is
    a custom tag)."""
    refs = []
    for escaped in _OWN_TAG.findall(text):
        part = _OWN_TAG_ESCAPE.sub(r"\1", escaped)
        category, sep, name = part.strip().partition(":")
        if sep and category.strip() in _CATEGORIES:
            refs.append(TagRef(TagCategory(category.strip()), name.strip()))
        elif part.strip():
            refs.append(TagRef(TagCategory.CUSTOM, part.strip()))
    return refs


def _keys(record: CandidateRecord) -> list[str]:
    keys = [f"email:{e.lower()}" for e in (record.email, *record.other_emails) if e]
    if record.linkedin_url:
        keys.append(f"url:{record.linkedin_url}")
    return keys


def _stage(session: Session, options: ImportOptions) -> int | None:
    if options.pool_id is None:
        return None
    if options.stage_id is not None:
        return options.stage_id
    return session.scalar(
        select(PoolStage.id)
        .where(PoolStage.pool_id == options.pool_id)
        .order_by(PoolStage.position)
        .limit(1)
    )


def _with_notes(notes: str | None, extra: list[str]) -> str | None:
    if not extra:
        return notes
    return "\n".join([notes, *extra] if notes else extra)


def _update(
    session: Session,
    candidate_id: int,
    incoming: CandidateRecord,
    provided: set[str],
    extra_notes: list[str],
    options: ImportOptions,
    tags: TagCache,
) -> None:
    candidate = session.get(Candidate, candidate_id)
    assert candidate is not None
    current = to_record(candidate)
    merged = replace(current)
    overwrite = options.on_duplicate is OnDuplicate.OVERWRITE
    for name in PLAIN_FIELDS:
        if name not in provided:  # only what the file says; defaults never overwrite
            continue
        if overwrite or getattr(current, name) in (None, ""):
            setattr(merged, name, getattr(incoming, name))
    merged.other_emails = list(dict.fromkeys([*current.other_emails, *incoming.other_emails]))
    merged.tags = sorted(set(current.tags) | set(incoming.tags))
    merged.notes = _with_notes(merged.notes, extra_notes)
    apply_record(session, candidate, merged, tags)


def _join_pool(
    session: Session, candidate_id: int, pool_id: int | None, stage_id: int | None, now: object
) -> None:
    if pool_id is None or stage_id is None:
        return
    exists = session.scalar(
        select(func.count(PoolMembership.id)).where(
            PoolMembership.pool_id == pool_id, PoolMembership.candidate_id == candidate_id
        )
    )
    if not exists:
        session.add(
            PoolMembership(
                candidate_id=candidate_id, pool_id=pool_id, stage_id=stage_id, added_at=now
            )
        )
