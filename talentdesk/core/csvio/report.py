"""What an import did: counts, the rows with problems, possible duplicates.

Problem rows are not all kept in memory: a file of a million bad rows would hold a million rows
of cells. The report keeps the first KEPT_PROBLEMS for display and writes every one, in file
order, to a spool: an anonymous temporary file in the system's temp folder, removed by the
system when the report is closed or garbage-collected (or the process ends, however it ends).
Saving the rejected rows and the CLI's output read the spool back, one row at a time.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO

KEPT_PROBLEMS = 1000  # problems kept in memory, for the wizard's table and the CLI's list


@dataclass(frozen=True)
class RowProblem:
    row: int
    column: str
    reason: str
    fields: list[str]
    # True: not a rejected row but one value the row was imported without (a bad e-mail).
    dropped: bool = False


def dropped_value(row: int, column: str, value: str, reason: str, fields: list[str]) -> RowProblem:
    """A value the row is imported without: "imported without “anna@”: <why>", or
    "imported without it: “31.02.1990” is not a valid date"."""
    shown = value if len(value) <= 40 else value[:39] + "…"
    what = "it" if f"“{shown}”" in reason else f"“{shown}”"  # a reason that quotes it already
    return RowProblem(row, column, f"imported without {what}: {reason}", fields, dropped=True)


class ProblemSpool:
    """Every problem of one import, in order, in a temporary file (JSON, one per line)."""

    def __init__(self) -> None:
        self._file: IO[str] | None = None
        self.count = 0  # rejected rows
        self.dropped = 0  # values dropped from rows that were imported
        self.widest = 0  # the most fields a problem row has (the saved file's width)

    def add(self, problem: RowProblem) -> None:
        if self._file is None:  # made on the first problem: most imports have none
            # Kept open across calls, closed by close() or when the spool is collected.
            self._file = tempfile.TemporaryFile(  # noqa: SIM115
                "w+", encoding="ascii", newline="\n", prefix="talentdesk-problems-"
            )
        # ASCII JSON carries any text, lone surrogates included, on one line.
        self._file.write(
            json.dumps(
                [problem.row, problem.column, problem.reason, problem.fields, problem.dropped]
            )
            + "\n"
        )
        if problem.dropped:
            self.dropped += 1
        else:
            self.count += 1
        self.widest = max(self.widest, len(problem.fields))

    def __iter__(self) -> Iterator[RowProblem]:
        """Every problem from the first; reading again starts again. Not while adding."""
        if self._file is None:
            if self.count or self.dropped:
                raise RuntimeError("the problems of this import were closed")
            return
        handle = self._file
        handle.flush()
        handle.seek(0)
        try:
            for line in handle:
                row, column, reason, fields, dropped = json.loads(line)
                yield RowProblem(row, column, reason, fields, dropped)
        finally:
            handle.seek(0, 2)  # further problems go at the end

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    # The first KEPT_PROBLEMS rows with problems; rejected_count has them all and
    # all_rejected() reads them all back.
    rejected: list[RowProblem] = field(default_factory=list)
    possible_duplicates: list[tuple[int, int]] = field(default_factory=list)  # (row, id)
    # The first KEPT_PROBLEMS values dropped from rows that were imported without them (a bad
    # e-mail, date or amount); dropped_count has them all.
    dropped: list[RowProblem] = field(default_factory=list)
    dry_run: bool = False
    cancelled: bool = False
    # Non-blank lines above the header that were skipped (a preamble such as LinkedIn's
    # "Notes:"), so a wrongly guessed header cannot drop rows unseen.
    skipped_lines: int = 0
    # Rows of people erased before (core/privacy/suppression.py), skipped: the first
    # KEPT_PROBLEMS as (row, when they were erased); suppressed_count has them all.
    suppressed: list[tuple[int, datetime]] = field(default_factory=list)
    suppressed_count: int = 0
    spool: ProblemSpool = field(default_factory=ProblemSpool, repr=False, compare=False)
    import_id: int | None = None  # the import's record (core/db/models_imports.py), once written

    @property
    def rejected_count(self) -> int:
        return max(self.spool.count, len(self.rejected))  # a report made by hand has no spool

    @property
    def dropped_count(self) -> int:
        return max(self.spool.dropped, len(self.dropped))

    def add_problem(self, problem: RowProblem) -> None:
        """A rejected row, or (problem.dropped) a value an imported row went without."""
        kept = self.dropped if problem.dropped else self.rejected
        if len(kept) < KEPT_PROBLEMS:
            kept.append(problem)
        self.spool.add(problem)

    def add_suppressed(self, row: int, erased_at: datetime) -> None:
        self.suppressed_count += 1
        if len(self.suppressed) < KEPT_PROBLEMS:
            self.suppressed.append((row, erased_at))

    def suppressed_text(self) -> str:
        """ "2 suppressed (erased on 2026-11-25)"; "" when none was."""
        if not self.suppressed_count:
            return ""
        dates = sorted({f"{at:%Y-%m-%d}" for _, at in self.suppressed})
        shown = ", ".join(dates[:3]) + (", …" if len(dates) > 3 else "")
        return f"{self.suppressed_count:,} suppressed (erased on {shown})"

    def all_problems(self) -> Iterator[RowProblem]:
        """Every rejected row and dropped value, in file order, streamed from the spool."""
        if self.spool.count or self.spool.dropped:
            yield from self.spool
        else:  # a report made by hand, without the spool
            yield from sorted([*self.rejected, *self.dropped], key=lambda p: p.row)

    def all_rejected(self) -> Iterator[RowProblem]:
        """Every row with a problem, in file order, streamed from the spool."""
        return (p for p in self.all_problems() if not p.dropped)

    def all_dropped(self) -> Iterator[RowProblem]:
        """Every value dropped from an imported row, in file order."""
        return (p for p in self.all_problems() if p.dropped)

    def close(self) -> None:
        """Remove the spool now rather than when the report is garbage-collected."""
        self.spool.close()

    def summary(self) -> str:
        if self.cancelled:
            return "Import cancelled: nothing was written."
        verbs = (
            ("will create", "update", "skip") if self.dry_run else ("created", "updated", "skipped")
        )
        text = (
            f"{self.rows:,} rows: {verbs[0]} {self.created:,}, {verbs[1]} {self.updated:,}, "
            f"{verbs[2]} {self.skipped:,}, {self.rejected_count:,} with problems"
        )
        if self.dropped_count:
            values = "value" if self.dropped_count == 1 else "values"
            text += f"; {self.dropped_count:,} bad {values} left out of imported rows"
        if self.skipped_lines:
            lines = "line" if self.skipped_lines == 1 else "lines"
            text += f"; {self.skipped_lines:,} {lines} above the header skipped"
        if self.suppressed_count:
            text += f"; {self.suppressed_text()}"
        return text

    def as_json(self) -> dict[str, object]:
        """The report as JSON values, without the rejected rows (see all_rejected)."""
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "skipped": self.skipped,
            "rejected_count": self.rejected_count,
            "dropped_count": self.dropped_count,
            "possible_duplicates": self.possible_duplicates,
            "dry_run": self.dry_run,
            "cancelled": self.cancelled,
            "skipped_lines": self.skipped_lines,
            "suppressed": self.suppressed_count,
            "suppressed_rows": [
                {"row": row, "erased_on": f"{at:%Y-%m-%d}"} for row, at in self.suppressed
            ],
        }
