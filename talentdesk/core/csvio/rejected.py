"""The rows an import rejected, saved as a CSV the user can fix and import again: the original
header and cells, plus a "problem" column saying what was wrong."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from talentdesk.core.csvio.exporter import protect_cell
from talentdesk.core.csvio.importer import RowProblem
from talentdesk.core.errors import TalentDeskError

PROBLEM_COLUMN = "problem"


def save_rejected_rows(path: Path, header: Sequence[str], problems: Sequence[RowProblem]) -> int:
    """Write `problems` to `path` (UTF-8 with a BOM, so Excel opens it too); returns the count.

    Cells are formula-protected like an export; the importer strips the apostrophe again.
    """
    # A row with more fields than the header keeps them, under unnamed columns.
    width = max([len(header), *(len(p.fields) for p in problems)])
    temp = path.with_name(f".{path.name}.part")
    try:
        with temp.open("w", newline="", encoding="utf-8-sig") as handle:
            out = csv.writer(handle)
            out.writerow([*header, *[""] * (width - len(header)), PROBLEM_COLUMN])
            for problem in problems:
                cells = list(problem.fields) + [""] * (width - len(problem.fields))
                where = f"row {problem.row}" + (f", {problem.column}" if problem.column else "")
                out.writerow([protect_cell(c) for c in cells] + [f"{where}: {problem.reason}"])
        temp.replace(path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise TalentDeskError(
            f"{path} cannot be written ({exc.strerror or type(exc).__name__}).",
            "Choose another folder or file name.",
        ) from exc
    return len(problems)
