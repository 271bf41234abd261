"""Header detection loses no row silently: every non-blank record of a file is the header, a
line skipped above it (shown and counted), or a data row that is imported or reported; and
when the guess may be wrong, the layout says why."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from talentdesk.core.csvio.importer import run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions
from talentdesk.core.csvio.reader import CsvLayout, CsvReadError, iter_rows, sniff
from talentdesk.core.csvio.report import ImportReport
from talentdesk.core.workspace import Workspace

DATA = Path(__file__).resolve().parents[1] / "data" / "csv"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _import(ws: Workspace, path: Path, layout: CsvLayout) -> ImportReport:
    options = ImportOptions(mapping=guess_mapping(layout.header))
    return run_import(ws.db, path, layout, options, ws.clock, dry_run=True)


def _accounted_for(path: Path, layout: CsvLayout, report: ImportReport) -> None:
    """Every non-blank record: skipped above the header, the header, or a row of the report."""
    with path.open(newline="", encoding="utf-8") as handle:
        records = [r for r in csv.reader(handle) if "".join(r).strip()]
    assert len(records) == len(layout.skipped) + 1 + report.rows
    assert report.rows == report.created + report.updated + report.skipped + report.rejected_count
    assert report.skipped_lines == len(layout.skipped)


def test_an_unquoted_comma_in_the_first_row_keeps_the_header_and_reports_the_row(
    ws: Workspace, tmp_path: Path
) -> None:
    """The old guess took line 3 as the header: the real header and row 1 were lost unseen."""
    path = _write(
        tmp_path,
        "First Name,Last Name,Company\nAnna,Kowalska,ACME, Inc.\nJan,Nowak,Comarch\n"
        "Ola,Lis,Nokia\n",
    )
    layout = sniff(path)
    assert (layout.header_line, layout.header) == (1, ["First Name", "Last Name", "Company"])
    assert layout.skipped == ()
    assert layout.uncertain.startswith("Line 2 has 4 cells but the header on line 1 has 3")
    report = _import(ws, path, layout)
    assert (report.created, report.rejected_count) == (2, 1)
    assert (report.rejected[0].row, report.rejected[0].reason) == (
        1,
        "the row has 4 fields but the header has 3",
    )
    _accounted_for(path, layout, report)


def test_a_ten_thousand_cell_first_row_is_reported_not_taken_for_the_header(
    ws: Workspace, tmp_path: Path
) -> None:
    wide = ",".join(f"cell {i}" for i in range(10_000))
    path = _write(
        tmp_path, f"First Name,Last Name,Email\n{wide}\nJan,Nowak,jan@example.com\nOla,Lis,\n"
    )
    layout = sniff(path)
    assert (layout.header_line, layout.header) == (1, ["First Name", "Last Name", "Email"])
    assert "Line 2 has 10000 cells" in layout.uncertain
    report = _import(ws, path, layout)
    assert report.created == 2
    assert [(p.row, p.reason) for p in report.rejected] == [
        (1, "the row has 10000 fields but the header has 3")
    ]
    _accounted_for(path, layout, report)


def test_a_title_line_as_wide_as_the_header_is_skipped_shown_and_doubted(
    ws: Workspace, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "Candidates export,2025-01-02\nFirst Name,Email\nAnna,anna@example.com\n"
        "Jan,jan@example.com\n",
    )
    layout = sniff(path)
    assert (layout.header_at_line, layout.header) == (2, ["First Name", "Email"])
    assert [(r.line, r.cells) for r in layout.skipped] == [(1, ["Candidates export", "2025-01-02"])]
    assert layout.uncertain == (
        "Line 1, above the header, has as many cells as the header on line 2: it may be the "
        "header itself, or a row of data."
    )
    report = _import(ws, path, layout)
    assert report.created == 2
    assert "1 line above the header skipped" in report.summary()
    _accounted_for(path, layout, report)


def test_a_data_row_above_the_header_is_skipped_visibly_and_doubted(
    ws: Workspace, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "Anna,Kowalska,anna@example.com\nFirst Name,Last Name,Email\nJan,Nowak,jan@example.com\n",
    )
    layout = sniff(path)
    assert layout.header == ["First Name", "Last Name", "Email"]
    assert [r.cells for r in layout.skipped] == [["Anna", "Kowalska", "anna@example.com"]]
    assert layout.uncertain.startswith("Line 1, above the header, has as many cells")
    _accounted_for(path, layout, _import(ws, path, layout))


def test_key_value_lines_above_a_table_are_skipped_and_the_header_found(
    ws: Workspace, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "Exported by,Bob\nFirst Name,Last Name,Email\nAnna,K,anna@example.com\nJan,N,\n",
    )
    layout = sniff(path)
    assert (layout.header_at_line, [r.line for r in layout.skipped]) == (2, [1])
    assert layout.uncertain == ""  # two cells above three: a preamble, not a row
    _accounted_for(path, layout, _import(ws, path, layout))


def test_a_first_line_of_data_is_doubted_as_a_header(tmp_path: Path) -> None:
    path = _write(tmp_path, "Anna,Kowalska,anna@example.com\nJan,Nowak,jan@example.com\n")
    layout = sniff(path)
    assert layout.header_line == 1
    assert layout.uncertain == (
        "Line 1 looks like a row of data (it holds “anna@example.com”), not like column names."
    )


def test_linkedin_notes_are_skipped_lines_with_the_line_each_starts_on() -> None:
    layout = sniff(DATA / "linkedin_connections.csv")
    assert (layout.header_line, layout.header_at_line) == (4, 5)  # record 4, line 5
    assert [r.line for r in layout.skipped] == [1, 2]  # the note spans lines 2 and 3
    assert layout.skipped[0].cells == ["Notes:"]
    assert layout.uncertain == ""


def test_clean_files_are_not_doubted() -> None:
    for name in ("google_contacts.csv", "outlook_contacts.csv", "polish_excel_cp1250.csv"):
        layout = sniff(DATA / name)
        assert (layout.header_line, layout.skipped, layout.uncertain) == (1, (), ""), name


def test_the_user_can_put_the_header_on_another_line(ws: Workspace, tmp_path: Path) -> None:
    text = "Candidates export,2025-01-02\nFirst Name,Email\nAnna,anna@example.com\n"
    path = _write(tmp_path, text)
    chosen = sniff(path, header_line=1)
    assert (chosen.header, chosen.skipped, chosen.uncertain) == (
        ["Candidates export", "2025-01-02"],
        (),
        "",
    )
    assert [cells for _, cells in iter_rows(path, chosen)] == [
        ["First Name", "Email"],
        ["Anna", "anna@example.com"],
    ]
    _accounted_for(path, chosen, _import(ws, path, chosen))
    linkedin = sniff(DATA / "linkedin_connections.csv", header_line=5)
    assert linkedin.header_line == 4


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (4, "line 4 is blank"),
        (3, "line 3 is inside a quoted value that starts on line 2"),
        (0, "the header must be on one of the lines 1 to 8"),
        (9, "the header must be on one of the lines 1 to 8"),
    ],
)
def test_a_header_line_that_cannot_hold_the_header_is_refused(line: int, reason: str) -> None:
    with pytest.raises(CsvReadError) as info:
        sniff(DATA / "linkedin_connections.csv", header_line=line)
    assert info.value.message == f"The header cannot be on line {line}: {reason}."
    assert info.value.hint == "Choose the line that holds the column names."


def test_known_column_names_stay_the_header_when_every_row_is_longer(
    ws: Workspace, tmp_path: Path
) -> None:
    """Rows with an unnamed last column: the header is kept, each row is reported."""
    path = _write(tmp_path, "Name,Email\nAnna,anna@example.com,x\nJan,jan@example.com,y\n")
    layout = sniff(path)
    assert (layout.header_line, layout.header, layout.skipped) == (1, ["Name", "Email"], ())
    assert layout.uncertain.startswith("Line 2 has 3 cells but the header on line 1 has 2")
    report = _import(ws, path, layout)
    assert report.rejected_count == 2
    _accounted_for(path, layout, report)


def test_rows_wider_than_every_candidate_still_give_a_header(tmp_path: Path) -> None:
    path = _write(tmp_path, "a,b\n,,x\n,,y\n")
    layout = sniff(path)
    assert (layout.header, layout.header_line) == (["a", "b"], 1)
    assert "Line 2 has 3 cells" in layout.uncertain
