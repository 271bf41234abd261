"""The first phase of an import: every row read, validated and decided in file order against
one state of the database, and what it will write staged (csvio/stage.py). It reads through
`cur`, which sees the database as "main" and the stage as "stage": a read-only snapshot
connection off the write path, or (when the final step found the snapshot out of date) the
write connection itself, inside the operation that then moves the rows in.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Dialect

from talentdesk.core.csvio.bulk import KeyIndex, name_key, record_keys
from talentdesk.core.csvio.options import ImportOptions, OnDuplicate, OnError
from talentdesk.core.csvio.reader import CsvLayout, iter_rows
from talentdesk.core.csvio.report import ImportReport, RowProblem
from talentdesk.core.csvio.rows import RowReader, import_source
from talentdesk.core.csvio.stage_rows import StageWriter
from talentdesk.core.diagnose import CancelledError
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.privacy.suppression import PersonKeys, SuppressionList
from talentdesk.core.records import CandidateRecord

CHECK_EVERY = 500  # rows between progress reports and cancel checks
BATCH = 1000  # rows decided and staged together


class ImportStoppedError(TalentDeskError):
    """A row had a problem in "stop" mode; nothing was written."""

    def __init__(self, problem: RowProblem, report: ImportReport) -> None:
        super().__init__(
            f"Row {problem.row}, column “{problem.column}”: {problem.reason}.",
            "Nothing was imported. Fix the row, or choose to skip rows with problems.",
        )
        self.problem = problem
        self.report = report


class CancelledWhileReadingError(CancelledError):
    """The user cancelled while the rows were read (an expected end, also on the write path)."""


@dataclass
class Plan:
    """What the first phase decided against, for the final step to check and use."""

    stage_id: int | None  # the pool stage new members join
    keys: KeyIndex  # the file's keys met


# (ordinal among the records read, row number, cells, problem, record, notes to append,
# fields the row filled)
_Parsed = tuple[int, int, list[str], RowProblem | None, CandidateRecord | None, list[str], set[str]]


def decide(
    cur: sqlite3.Cursor,
    dialect: Dialect,
    path: Path,
    layout: CsvLayout,
    options: ImportOptions,
    report: ImportReport,
    today: object,
    progress: Callable[[int], None] | None,
    cancelled: Callable[[], bool] | None,
    *,
    suppression: SuppressionList | None = None,
    stage_dry_run: bool = False,
) -> Plan:
    """Read, decide and stage every row of `path` (the report counts what the import does).
    `suppression`: the erased people's keys, when not read through `cur`; `stage_dry_run`: a
    dry run stages its rows too (into a temporary stage, to check them there)."""
    rows = RowReader(layout.header, options, today, import_source(path))  # type: ignore[arg-type]
    stages = stage_dry_run or not report.dry_run
    run = _Run(cur, dialect, options, report, rows, suppression, stages)
    batch: list[_Parsed] = []
    for read, (row_no, cells) in enumerate(iter_rows(path, layout), start=1):
        if read % CHECK_EVERY == 0:
            if cancelled is not None and cancelled():
                report.rows = read
                raise CancelledWhileReadingError
            if progress is not None:
                progress(read)
        batch.append((read, row_no, cells, *rows.read(row_no, cells)))
        if len(batch) == BATCH:
            run.resolve(batch)
            batch = []
    run.resolve(batch)
    return Plan(run.stage_id, run.keys)


def first_stage(cur: sqlite3.Cursor, options: ImportOptions) -> int | None:
    """The pool stage new members join: the one chosen, or the pool's first."""
    if options.pool_id is None:
        return None
    if options.stage_id is not None:
        return options.stage_id
    row = cur.execute(
        "SELECT id FROM main.pool_stage WHERE pool_id = ? ORDER BY position LIMIT 1",
        (options.pool_id,),
    ).fetchone()
    return None if row is None else int(row[0])


class _Run:
    """One import's decisions, a batch of rows at a time, in file order."""

    def __init__(
        self,
        cur: sqlite3.Cursor,
        dialect: Dialect,
        options: ImportOptions,
        report: ImportReport,
        rows: RowReader,
        suppression: SuppressionList | None,
        stages: bool,
    ) -> None:
        self.dropped = rows.dropped  # row number → values the row is imported without
        self.memberships = rows.memberships  # row number → the pools the row names
        self.options = options
        self.report = report
        self.stage_id = first_stage(cur, options)
        self.keys = KeyIndex(cur)
        self.writer = StageWriter(cur, dialect)
        self.suppression = SuppressionList.read(cur) if suppression is None else suppression
        self.stages = stages  # whether the rows are staged (a dry run's only to check them)

    def resolve(self, batch: list[_Parsed]) -> None:
        report, options, writer = self.report, self.options, self.writer
        dry_run = not self.stages
        row_keys = {
            ordinal: record_keys(record) for ordinal, _r, _c, _p, record, _n, _f in batch if record
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
        for ordinal, row_no, cells, problem, record, extra_notes, provided in batch:
            report.rows = ordinal
            lost = self.dropped.pop(row_no, None) if self.dropped else None
            pools = self.memberships.pop(row_no, None) if self.memberships else None
            if problem is not None:
                _reject(report, problem, options)
                continue
            assert record is not None
            if self.suppression and (erased := _erased_on(self.suppression, record)) is not None:
                report.add_suppressed(row_no, erased)
                continue
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
                if not dry_run:
                    rid = writer.update(existing, record, row_no, provided, extra_notes)
                    if pools:
                        writer.join(rid, pools)
                continue
            if similar_to and (nkey := name_key(record)) is not None and nkey in similar_to:
                report.possible_duplicates.append((row_no, similar_to[nkey]))
            report.created += 1
            _report_dropped(report, lost)
            if not dry_run:
                rid = writer.add(record, row_no, extra_notes)
                if pools:
                    writer.join(rid, pools)
        self.keys.remember(new_keys.items())
        writer.flush()


def _erased_on(suppression: SuppressionList, record: CandidateRecord) -> datetime | None:
    """When the person of this row was erased, if they were (their row is then skipped)."""
    emails = tuple(e for e in (record.email, *record.other_emails) if e)
    return suppression.erased_on(
        PersonKeys(emails, record.linkedin_url, record.phone, record.country)
    )


def _report_dropped(report: ImportReport, lost: list[RowProblem] | None) -> None:
    """The values a row that is imported goes without: reported, never a reason to stop."""
    for problem in lost or ():
        report.add_problem(problem)


def _reject(report: ImportReport, problem: RowProblem, options: ImportOptions) -> None:
    if options.on_error is OnError.STOP:
        raise ImportStoppedError(problem, report)
    report.add_problem(problem)
