"""A bad value (an e-mail that is not one, a URL, a date) is left out of the person it belongs
to, not the person out of the import; the report and the problems file say what was dropped."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.csvio.importer import run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions, OnDuplicate, OnError
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.csvio.rejected import save_rejected_rows
from talentdesk.core.csvio.report import ImportReport
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.integration.conftest import run_cli
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

HEADER = "First name,Last name,E-mail,Other e-mails,LinkedIn,Birthday\n"


def _import(ws: Workspace, path: Path, text: str, **kw: object) -> ImportReport:
    path.write_text(HEADER + text, encoding="utf-8")
    layout = sniff(path)
    options = ImportOptions(guess_mapping(layout.header), **kw)  # type: ignore[arg-type]
    return run_import(ws.db, path, layout, options, ws.clock)


def _person(ws: Workspace, search: str) -> CandidateRecord:
    [cid] = ws.listing.ids(ListQuery(search=search))
    return ws.candidates.get(cid)


def test_a_bad_email_drops_the_address_not_the_person(ws: Workspace, tmp_path: Path) -> None:
    report = _import(
        ws,
        tmp_path / "people.csv",
        "Anna,Kowalska,anna@,a2@example.com; nope; a3@example.com,linkedin.com/in/anna,\n"
        "Jan,Nowak,jan@example.com,,https://example.com/jan,30.02.1990\n",
    )
    assert (report.created, report.rejected_count, report.dropped_count) == (2, 0, 4)
    anna = _person(ws, "kowalska")
    assert anna.email is None
    assert anna.other_emails == ["a2@example.com", "a3@example.com"]
    assert anna.linkedin_url == "https://linkedin.com/in/anna"
    jan = _person(ws, "nowak")
    assert (jan.email, jan.linkedin_url, jan.birthday) == ("jan@example.com", None, None)
    dropped = [(p.row, p.column, p.reason.split(":")[0]) for p in report.dropped]
    assert dropped == [
        (1, "Other e-mails", "imported without “nope”"),
        (1, "E-mail", "imported without “anna@”"),
        (2, "Birthday", "imported without it"),
        (2, "LinkedIn", "imported without “https"),
    ]  # those read from the cell first, then those the record's validation refuses
    assert "2 rows: created 2, updated 0, skipped 0, 0 with problems; 4 bad values" in (
        report.summary()
    )


def test_without_a_name_a_bad_email_leaves_nothing_to_import(ws: Workspace, tmp_path: Path) -> None:
    """The e-mail was all the row had: with it gone there is no one to import."""
    report = _import(ws, tmp_path / "p.csv", ",,anna@,,,\n,Lis,ola@,,,\n")
    assert (report.created, report.rejected_count, report.dropped_count) == (1, 1, 1)
    [problem] = report.rejected
    assert (problem.row, problem.reason) == (1, "a first or last name is needed")
    assert _person(ws, "lis").email is None


def test_a_dropped_value_does_not_stop_a_stop_mode_import(ws: Workspace, tmp_path: Path) -> None:
    report = _import(ws, tmp_path / "p.csv", "Anna,K,anna@,,,\n", on_error=OnError.STOP)
    assert (report.created, report.dropped_count) == (1, 1)


def test_an_update_keeps_what_it_has_for_a_dropped_value(ws: Workspace, tmp_path: Path) -> None:
    ws.candidates.create(
        CandidateRecord(
            first_name="Anna", email="anna@example.com", linkedin_url="linkedin.com/in/anna"
        )
    )
    report = _import(
        ws,
        tmp_path / "p.csv",
        "Anna,Kowalska,anna@@,,linkedin.com/in/anna,\n",
        on_duplicate=OnDuplicate.OVERWRITE,
    )
    assert (report.updated, report.dropped_count) == (1, 1)
    anna = _person(ws, "anna")
    assert (anna.last_name, anna.email) == ("Kowalska", "anna@example.com")


def test_the_problems_file_lists_each_row_once_with_every_dropped_value(
    ws: Workspace, tmp_path: Path
) -> None:
    source = tmp_path / "p.csv"
    report = _import(ws, source, "Anna,K,anna@,,x,\n,,,,,01.01.1990\nJan,N,jan@example.com,,,\n")
    saved = tmp_path / "problems.csv"
    assert save_rejected_rows(saved, sniff(source).header, report, data_dir=ws.paths) == 2
    with saved.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert [row[-1].split(":")[0] for row in rows[1:]] == ["row 1, E-mail", "row 2, First name"]
    assert "row 1, LinkedIn: imported without “x”: " in rows[1][-1]
    assert rows[2][-1] == "row 2, First name: a first or last name is needed"


def test_cli_import_names_the_dropped_values(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = tmp_path / "people.csv"
    path.write_text(HEADER + "Anna,Kowalska,anna@,,,\nJan,Nowak,jan@example.com,,,\n")
    problems = tmp_path / "problems.csv"
    done = run_cli("--data-dir", str(data), "import", str(path), "--rejected", str(problems))
    assert done.returncode == 0, done.stderr
    assert "created 2, updated 0, skipped 0, 0 with problems; 1 bad value left out" in done.stdout
    assert "row 1, column “E-mail”: imported without “anna@”: " in done.stdout
    assert "Wrote 1 rows with problems to" in done.stdout
    with problems.open(newline="", encoding="utf-8-sig") as handle:
        [_header, row] = list(csv.reader(handle))
    assert row[:3] == ["Anna", "Kowalska", "anna@"]
    found = json.loads(run_cli("--data-dir", str(data), "search", "kowalska", "--json").stdout)
    assert found["total"] == 1
