"""Rows with problems are spooled, not held: the report keeps the first KEPT_PROBLEMS for
display, and the saved file has every one, with its reason."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from talentdesk.core.csvio.importer import run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.csvio.rejected import save_rejected_rows
from talentdesk.core.csvio.report import KEPT_PROBLEMS
from talentdesk.core.workspace import Workspace
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

BAD_ROWS = 20_000


def _bad_file(path: Path) -> None:
    """Every other row has no name and a broken e-mail, every fourth a date that does not
    exist (imported without it), and one row in a hundred has a stray field; the last is fine."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["First Name", "Last Name", "Email", "Birthday"])
        for i in range(BAD_ROWS):
            if i % 100 == 99:
                out.writerow([f"Extra{i}", "Pole", f"x{i}@example.com", "", "stray"])
            elif i % 4 == 1:
                out.writerow([f"Date{i}", "Nowak", f"d{i}@example.com", "31.02.1990"])
            else:
                out.writerow(["", "", f"=person{i}-at-example.com", ""])
        out.writerow(["Fine", "Person", "fine@example.com", ""])


def test_every_rejected_row_is_saved_with_its_reason(ws: Workspace, tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    _bad_file(source)
    layout = sniff(source)
    report = run_import(
        ws.db, source, layout, ImportOptions(guess_mapping(layout.header)), ws.clock
    )
    dates = BAD_ROWS // 4
    assert (report.rows, report.created) == (BAD_ROWS + 1, dates + 1)
    assert (report.rejected_count, report.dropped_count) == (BAD_ROWS - dates, dates)
    assert len(report.rejected) == KEPT_PROBLEMS  # what stays in memory
    assert report.rejected[0].row == 1
    assert len(report.dropped) == KEPT_PROBLEMS

    saved = tmp_path / "rejected.csv"
    assert save_rejected_rows(saved, layout.header, report, data_dir=ws.paths) == BAD_ROWS
    with saved.open(newline="", encoding="utf-8-sig") as handle:
        header, *rows = csv.reader(handle)
    with source.open(newline="", encoding="utf-8") as handle:
        originals = list(csv.reader(handle))[1 : BAD_ROWS + 1]
    assert header == ["First Name", "Last Name", "Email", "Birthday", "", "problem"]
    assert len(rows) == BAD_ROWS
    for number, (original, row) in enumerate(zip(originals, rows, strict=True), start=1):
        cells = [c[1:] if c.startswith("'=") else c for c in row[:-1]]  # formula protection
        assert cells == original + [""] * (5 - len(original))
        if number % 100 == 0:
            assert row[-1] == f"row {number}: the row has 5 fields but the header has 4"
        elif number % 4 == 2:
            assert row[-1] == (
                f"row {number}, Birthday: imported without it: “31.02.1990” is not a valid date"
            )
        else:
            assert row[-1] == f"row {number}, First Name: a first or last name is needed"

    # Saving again reads the spool again from its start.
    assert (
        save_rejected_rows(tmp_path / "again.csv", layout.header, report, data_dir=ws.paths)
        == BAD_ROWS
    )
    report.close()
    with pytest.raises(RuntimeError):
        list(report.all_rejected())
    assert report.rejected_count == BAD_ROWS - dates  # the counts stay


def test_a_report_without_problems_makes_no_spool(ws: Workspace, tmp_path: Path) -> None:
    source = tmp_path / "ok.csv"
    source.write_text("First Name,Email\nAnna,anna@example.com\n")
    layout = sniff(source)
    report = run_import(
        ws.db, source, layout, ImportOptions(guess_mapping(layout.header)), ws.clock
    )
    assert (report.rejected_count, list(report.all_rejected())) == (0, [])
    saved = tmp_path / "none.csv"
    assert save_rejected_rows(saved, layout.header, report, data_dir=ws.paths) == 0
    assert saved.read_text(encoding="utf-8-sig").splitlines() == ["First Name,Email,problem"]
