"""The rows an import rejected, saved as a CSV the user can fix and import again: the original
header and cells, plus a "problem" column saying what was wrong. Streamed from the report's
spool, so a million rejected rows are written without being held in memory."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from talentdesk.core.csvio.exporter import protect_cell
from talentdesk.core.csvio.report import ImportReport, RowProblem
from talentdesk.core.files import DataFolder, written_whole

PROBLEM_COLUMN = "problem"


def save_rejected_rows(
    path: Path, header: Sequence[str], report: ImportReport, *, data_dir: DataFolder
) -> int:
    """Write every row `report` rejected to `path`; returns the count.

    UTF-8 with a BOM, so Excel opens it too. Cells are formula-protected like an export; the
    importer strips the apostrophe again. A row with more fields than the header keeps them,
    under unnamed columns. core.files refuses a `path` in the data folder `data_dir` or that is
    not a regular file.
    """
    widest = max([report.spool.widest, *(len(p.fields) for p in report.rejected)])
    width = max(len(header), widest)
    count = 0
    with (
        written_whole(path, data_dir) as temp,
        temp.open("w", newline="", encoding="utf-8-sig") as fh,
    ):
        out = csv.writer(fh)
        out.writerow([*header, *[""] * (width - len(header)), PROBLEM_COLUMN])
        for problem in report.all_rejected():
            cells = list(problem.fields) + [""] * (width - len(problem.fields))
            out.writerow([protect_cell(c) for c in cells] + [describe(problem)])
            count += 1
    return count


def describe(problem: RowProblem) -> str:
    """Where and what: "row 3, E-mail: not an e-mail address"."""
    where = f"row {problem.row}" + (f", {problem.column}" if problem.column else "")
    return f"{where}: {problem.reason}"
