"""The rows an import rejected, saved as a CSV the user can fix and import again: the original
header and cells, plus a "problem" column saying what was wrong."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from talentdesk.core.csvio.exporter import protect_cell
from talentdesk.core.csvio.importer import RowProblem
from talentdesk.core.files import DataFolder, written_whole

PROBLEM_COLUMN = "problem"


def save_rejected_rows(
    path: Path, header: Sequence[str], problems: Sequence[RowProblem], *, data_dir: DataFolder
) -> int:
    """Write `problems` to `path` (UTF-8 with a BOM, so Excel opens it too); returns the count.

    Cells are formula-protected like an export; the importer strips the apostrophe again.
    core.files refuses a `path` in the data folder `data_dir` or that is not a regular file.
    """
    # A row with more fields than the header keeps them, under unnamed columns.
    width = max([len(header), *(len(p.fields) for p in problems)])
    with (
        written_whole(path, data_dir) as temp,
        temp.open("w", newline="", encoding="utf-8-sig") as fh,
    ):
        out = csv.writer(fh)
        out.writerow([*header, *[""] * (width - len(header)), PROBLEM_COLUMN])
        for problem in problems:
            cells = list(problem.fields) + [""] * (width - len(problem.fields))
            where = f"row {problem.row}" + (f", {problem.column}" if problem.column else "")
            out.writerow([protect_cell(c) for c in cells] + [f"{where}: {problem.reason}"])
    return len(problems)
