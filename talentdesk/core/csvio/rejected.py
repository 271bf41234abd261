"""The rows an import rejected, saved as a CSV the user can fix and import again: the original
header and cells, plus a "problem" column saying what was wrong. Rows imported without a bad
value (an e-mail that is not one) are there too, in file order, their problem column naming the
value left out. Streamed from the report's
spool, so a million rejected rows are written without being held in memory."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from talentdesk.core.csvio.exporter import protect_cell
from talentdesk.core.csvio.report import ImportReport, RowProblem
from talentdesk.core.files import DataFolder, written_whole

PROBLEM_COLUMN = "problem"


def save_rejected_rows(
    path: Path, header: Sequence[str], report: ImportReport, *, data_dir: DataFolder
) -> int:
    """Write every row `report` rejected or imported without a value to `path`; returns the
    count of rows written.

    UTF-8 with a BOM, so Excel opens it too. Cells are formula-protected like an export; the
    importer strips the apostrophe again. A row with more fields than the header keeps them,
    under unnamed columns. core.files refuses a `path` in the data folder `data_dir` or that is
    not a regular file.
    """
    kept = [*report.rejected, *report.dropped]
    widest = max([report.spool.widest, *(len(p.fields) for p in kept)])
    width = max(len(header), widest)
    count = 0
    with (
        written_whole(path, data_dir) as temp,
        temp.open("w", newline="", encoding="utf-8-sig") as fh,
    ):
        out = csv.writer(fh)
        out.writerow([*header, *[""] * (width - len(header)), PROBLEM_COLUMN])
        for problems in _by_row(report.all_problems()):
            fields = problems[0].fields
            cells = list(fields) + [""] * (width - len(fields))
            described = "; ".join(describe(p) for p in problems)
            out.writerow([protect_cell(c) for c in cells] + [described])
            count += 1
    return count


def _by_row(problems: Iterable[RowProblem]) -> Iterator[list[RowProblem]]:
    """The problems one line of the file lists: the values one imported row went without
    together (they come one after another), a rejected row alone."""
    group: list[RowProblem] = []
    for problem in problems:
        if group and not (problem.dropped and group[-1].dropped and problem.row == group[-1].row):
            yield group
            group = []
        group.append(problem)
    if group:
        yield group


def describe(problem: RowProblem) -> str:
    """Where and what: "row 3, E-mail: not an e-mail address"; for a value the row was imported
    without, "row 3, E-mail: imported without “anna@”: not an e-mail address"."""
    where = f"row {problem.row}" + (f", {problem.column}" if problem.column else "")
    return f"{where}: {problem.reason}"
