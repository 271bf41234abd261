"""Importing candidates from a CSV file: one pass, one transaction.

The same function makes the dry-run summary and the import, so what the summary promised is
what happens. Cancel, a problem in "stop" mode, or the process dying leaves the database as it
was: everything is written inside a single transaction that commits only at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from talentdesk.core.clock import Clock
from talentdesk.core.csvio.exporter import FORMULA_STARTS
from talentdesk.core.csvio.mapping import APPEND_NOTES, IGNORE
from talentdesk.core.csvio.options import ImportOptions, OnDuplicate, OnError
from talentdesk.core.csvio.reader import CsvLayout, iter_rows
from talentdesk.core.csvio.values import parse_amount, parse_choice, parse_date
from talentdesk.core.db.enums import CandidateStatus, InteractionKind, Seniority, TagCategory
from talentdesk.core.db.migrate import Database
from talentdesk.core.db.models import (
    Candidate,
    CandidateEmail,
    Interaction,
    PoolMembership,
    PoolStage,
)
from talentdesk.core.errors import TalentDeskError, ValidationError
from talentdesk.core.records import PLAIN_FIELDS, CandidateRecord, TagRef, validate
from talentdesk.core.services.candidates import TagCache, apply_record, to_record

CHECK_EVERY = 500  # rows between progress reports and cancel checks


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    reason: str
    fields: list[str]


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    rejected: list[RowProblem] = field(default_factory=list)
    possible_duplicates: list[tuple[int, int]] = field(default_factory=list)  # (row, id)
    dry_run: bool = False
    cancelled: bool = False

    def summary(self) -> str:
        if self.cancelled:
            return "Import cancelled: nothing was written."
        verbs = (
            ("will create", "update", "skip") if self.dry_run else ("created", "updated", "skipped")
        )
        return (
            f"{self.rows:,} rows: {verbs[0]} {self.created:,}, {verbs[1]} {self.updated:,}, "
            f"{verbs[2]} {self.skipped:,}, {len(self.rejected):,} with problems"
        )


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
    """Import (or, with dry_run, only count) the rows of `path` read with `layout`."""
    report = ImportReport(dry_run=dry_run)
    now = clock()
    columns = layout.header
    try:
        with db.sessions.begin() as session:
            index = _ExistingIndex(session)
            stage_id = _stage(session, options)
            seen_in_file: dict[str, int] = {}
            tags: TagCache = {}
            for row_no, cells in iter_rows(path, layout):
                report.rows += 1
                if report.rows % CHECK_EVERY == 0:
                    if cancelled is not None and cancelled():
                        raise _CancelledError
                    if progress is not None:
                        progress(report.rows)
                problem, record, extra_notes, provided = _read_row(
                    row_no, cells, columns, options, now.date()
                )
                if problem is not None:
                    _reject(report, problem, options)
                    continue
                assert record is not None
                keys = _keys(record)
                earlier = next((seen_in_file[k] for k in keys if k in seen_in_file), None)
                if earlier is not None and options.on_duplicate is not OnDuplicate.NEW:
                    _reject(
                        report,
                        RowProblem(row_no, "", f"same person as row {earlier}", cells),
                        options,
                    )
                    continue
                for key in keys:
                    seen_in_file.setdefault(key, row_no)
                existing = index.find(keys)
                if existing is not None and options.on_duplicate is not OnDuplicate.NEW:
                    if options.on_duplicate is OnDuplicate.SKIP:
                        report.skipped += 1
                        continue
                    report.updated += 1
                    if not dry_run:
                        _update(session, existing, record, provided, extra_notes, options, tags)
                        _join_pool(session, existing, options.pool_id, stage_id, now)
                    continue
                similar = index.similar(record)
                if similar is not None:
                    report.possible_duplicates.append((row_no, similar))
                report.created += 1
                if not dry_run:
                    candidate = _create(session, record, extra_notes, now, tags)
                    candidate.interactions.append(
                        Interaction(
                            kind=InteractionKind.NOTE,
                            occurred_at=now,
                            subject=f"Imported from {path.name}",
                            created_at=now,
                        )
                    )
                    if stage_id is not None:
                        candidate.memberships.append(
                            PoolMembership(pool_id=options.pool_id, stage_id=stage_id, added_at=now)
                        )
                if report.rows % 1000 == 0 and not dry_run:
                    session.flush()
                    session.expunge_all()  # keep memory flat on large files
                    for tag in tags.values():  # the tag cache stays in use
                        session.add(tag)
            if dry_run:
                session.rollback()
    except _CancelledError:
        report.cancelled = True
        report.created = report.updated = 0
    if progress is not None:
        progress(report.rows)
    return report


def _reject(report: ImportReport, problem: RowProblem, options: ImportOptions) -> None:
    if options.on_error is OnError.STOP:
        raise ImportStoppedError(problem, report)
    report.rejected.append(problem)


def _read_row(
    row_no: int, cells: list[str], columns: list[str], options: ImportOptions, today: date
) -> tuple[RowProblem | None, CandidateRecord | None, list[str], set[str]]:
    """The row as a validated record, the notes to append, and the fields the row filled."""
    if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
        reason = f"the row has {len(cells)} fields but the header has {len(columns)}"
        return RowProblem(row_no, "", reason, cells), None, [], set()
    values: dict[str, object] = {}
    tags: list[TagRef] = list(options.tags)
    others: list[str] = []
    notes: list[str] = []
    for column, target, raw in zip(columns, options.mapping, cells, strict=False):
        text = raw.strip()
        if not text or target == IGNORE:
            continue
        if text.startswith("'") and text[1:2] in FORMULA_STARTS:
            text = text[1:]  # undo the exporter's formula protection ("'+48 600 …")
        try:
            if target == APPEND_NOTES:
                notes.append(f"{column}: {text}")
            elif target == "full_name":
                first, _, last = text.rpartition(" ") if " " in text else (text, "", "")
                values.setdefault("first_name", first)
                values.setdefault("last_name", last)
            elif target == "other_emails":
                others.extend(p.strip() for p in text.replace(",", ";").split(";") if p.strip())
            elif target == "tags":
                tags.extend(_own_tags(text))
            elif target.startswith("tags:"):
                category = TagCategory(target.split(":", 1)[1])
                tags.extend(TagRef(category, p.strip()) for p in _split(text))
            elif target in ("birthday", "available_from"):
                values[target] = parse_date(text, options.day_first)
            elif target in ("salary_min", "salary_max"):
                values[target] = parse_amount(text)
            elif target == "seniority":
                values[target] = parse_choice(Seniority, text)
            elif target == "status":
                values[target] = parse_choice(CandidateStatus, text)
            else:
                values[target] = text
        except ValueError as exc:
            return RowProblem(row_no, column, str(exc), cells), None, [], set()
    record = CandidateRecord(**values, other_emails=others, tags=tags)  # type: ignore[arg-type]
    try:
        clean = validate(record, today)
    except ValidationError as exc:
        name, reason = next(iter(exc.errors.items()))
        column = next(
            (c for c, t in zip(columns, options.mapping, strict=False) if t == name), name
        )
        return RowProblem(row_no, column, reason, cells), None, [], set()
    return None, clean, notes, set(values)


def _split(text: str) -> list[str]:
    separator = ";" if ";" in text else ","
    return [part for part in text.split(separator) if part.strip()]


def _own_tags(text: str) -> list[TagRef]:
    """TalentDesk's export form: `skill:Java; location:Kraków` (a bare name is a custom tag)."""
    refs = []
    for part in text.split(";"):
        category, sep, name = part.strip().partition(":")
        if sep and category.strip() in {c.value for c in TagCategory}:
            refs.append(TagRef(TagCategory(category.strip()), name.strip()))
        elif part.strip():
            refs.append(TagRef(TagCategory.CUSTOM, part.strip()))
    return refs


def _keys(record: CandidateRecord) -> list[str]:
    keys = [f"email:{e.lower()}" for e in (record.email, *record.other_emails) if e]
    if record.linkedin_url:
        keys.append(f"url:{record.linkedin_url}")
    return keys


class _ExistingIndex:
    """Who is already in the database, by e-mail, LinkedIn URL and name + company."""

    def __init__(self, session: Session) -> None:
        self.by_key: dict[str, int] = {}
        self.by_name: dict[tuple[str, str], int] = {}
        rows = session.execute(
            select(Candidate.id, Candidate.email, Candidate.linkedin_url, Candidate.sort_name,
                   Candidate.company)
        )  # fmt: skip
        for cid, email, url, sort_name, company in rows:
            if email:
                self.by_key.setdefault(f"email:{email.lower()}", cid)
            if url:
                self.by_key.setdefault(f"url:{url}", cid)
            if company:
                self.by_name.setdefault((sort_name, company.casefold()), cid)

        for cid, email in session.execute(
            select(CandidateEmail.candidate_id, CandidateEmail.email)
        ):
            self.by_key.setdefault(f"email:{email.lower()}", cid)

    def find(self, keys: list[str]) -> int | None:
        return next((self.by_key[k] for k in keys if k in self.by_key), None)

    def similar(self, record: CandidateRecord) -> int | None:
        """Same name and company but no shared e-mail or URL: listed, never merged."""
        if not record.company:
            return None
        from talentdesk.core.normalize import sort_key

        return self.by_name.get((sort_key(record.full_name), record.company.casefold()))


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


def _create(
    session: Session, record: CandidateRecord, extra_notes: list[str], now: object, tags: TagCache
) -> Candidate:
    record = replace(record, notes=_with_notes(record.notes, extra_notes))
    candidate = Candidate(created_at=now, updated_at=now)
    apply_record(session, candidate, record, tags)
    session.add(candidate)
    return candidate


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
