"""Importing CSV files: mapping guesses, duplicates, bad rows, dry run, cancel — all or nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.csvio.importer import ImportStoppedError, run_import
from talentdesk.core.csvio.mapping import detect_preset, guess_mapping
from talentdesk.core.csvio.options import ImportOptions, OnDuplicate, OnError
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.csvio.values import parse_date
from talentdesk.core.db.enums import Seniority, TagCategory
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.workspace import Workspace
from tests.conftest import written_outside
from tests.integration.conftest import run_cli
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

HEADER = "Imię;Nazwisko;E-mail;Firma;Stanowisko;Miasto;Seniority;Skills;Urodziny\n"


def _write(tmp_path: Path, body: str, name: str = "people.csv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def _import(ws: Workspace, path: Path, **kw: object):
    layout = sniff(path)
    options = ImportOptions(mapping=guess_mapping(layout.header), **kw)  # type: ignore[arg-type]
    return run_import(ws.db, path, layout, options, ws.clock)


def _count(ws: Workspace) -> int:
    return ws.reads.total_candidates()


def test_polish_headers_map_and_rows_land_with_tags_pool_and_history(
    ws: Workspace, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "Łukasz;Wiśniewski;lukasz@example.com;Comarch;Java Developer;Kraków;Senior;Java, Spring;"
        "26.11.1990\n"
        "Anna;Kowalska;anna@example.com;Allegro;QA;Poznań;mid;Selenium;\n",
    )
    assert guess_mapping(sniff(path).header) == [
        "first_name", "last_name", "email", "company", "title", "city", "seniority",
        "tags:skill", "birthday",
    ]  # fmt: skip
    pool = ws.pools.create("Kraków Java")
    report = _import(ws, path, pool_id=pool, tags=(TagRef(TagCategory.CUSTOM, "Import 2026"),))
    assert (report.created, report.updated, report.skipped, report.rejected) == (2, 0, 0, [])
    lukasz = ws.listing.ids(ListQuery(search="lukasz spring"))
    assert len(lukasz) == 1
    record = ws.candidates.get(lukasz[0])
    assert record.seniority is Seniority.SENIOR
    assert record.birthday == date(1990, 11, 26)
    assert {t.name for t in record.tags} == {"Java", "Spring", "Import 2026"}
    assert ws.reads.pool_summaries()[0].members == 2
    entry = ws.interactions.timeline(lukasz[0])[0]
    assert entry.subject == f"Imported from people.csv on {entry.occurred_at.astimezone():%Y-%m-%d}"
    assert entry.import_id == report.import_id is not None


def test_duplicates_by_email_follow_the_chosen_rule(ws: Workspace, tmp_path: Path) -> None:
    existing = ws.candidates.create(
        CandidateRecord(first_name="Anna", last_name="K.", email="ANNA@example.com", city="Łódź")
    )
    path = _write(tmp_path, "Anna;Kowalska;anna@example.com;Allegro;QA;Poznań;;;\n")
    assert _import(ws, path).skipped == 1
    assert ws.candidates.get(existing).company is None

    report = _import(ws, path, on_duplicate=OnDuplicate.FILL)
    assert report.updated == 1
    filled = ws.candidates.get(existing)
    assert (filled.last_name, filled.company, filled.city) == ("K.", "Allegro", "Łódź")

    _import(ws, path, on_duplicate=OnDuplicate.OVERWRITE)
    over = ws.candidates.get(existing)
    assert (over.last_name, over.city, over.status.value) == ("Kowalska", "Poznań", "passive")

    assert _import(ws, path, on_duplicate=OnDuplicate.NEW).created == 1
    assert _count(ws) == 2


def test_a_repeated_person_in_the_file_is_reported_not_merged(
    ws: Workspace, tmp_path: Path
) -> None:
    path = _write(
        tmp_path,
        "Anna;Kowalska;anna@example.com;;;;;;\nAnia;Kowalska;Anna@Example.com;;;;;;\n",
    )
    report = _import(ws, path)
    assert report.created == 1
    assert [(p.row, p.reason) for p in report.rejected] == [(2, "same person as row 1")]


def test_same_name_and_company_without_email_is_listed_as_possible_duplicate(
    ws: Workspace, tmp_path: Path
) -> None:
    known = ws.candidates.create(
        CandidateRecord(first_name="Jan", last_name="Nowak", company="Comarch")
    )
    report = _import(ws, _write(tmp_path, "Jan;Nowak;;Comarch;;;;;\n"))
    assert report.created == 1
    assert report.possible_duplicates == [(1, known)]


def test_bad_values_are_left_out_and_reported_with_row_and_column(
    ws: Workspace, tmp_path: Path
) -> None:
    """A bad e-mail, seniority or date: the person is imported without it; a row longer than
    the header is rejected whole."""
    path = _write(
        tmp_path,
        "Anna;Kowalska;anna@;;;;;;\n"
        "Jan;Nowak;jan@example.com;;;;guru;;\n"
        "Ewa;Lis;ewa@example.com;;;;;;31.02.1990\n"
        "Ola;Nowak;ola@example.com;;;;;;\n"
        "Too;Many;x@example.com;a;b;c;mid;d;01.01.1990;extra\n",
    )
    report = _import(ws, path)
    assert report.created == 4
    assert [(p.row, p.column) for p in report.rejected] == [(5, "")]
    assert "10 fields" in report.rejected[0].reason
    dropped = {(p.row, p.column): p.reason for p in report.dropped}
    assert dropped.keys() == {(1, "E-mail"), (2, "Seniority"), (3, "Urodziny")}
    assert dropped[(1, "E-mail")].startswith("imported without “anna@”: ")
    assert dropped[(3, "Urodziny")] == "imported without it: “31.02.1990” is not a valid date"


def test_stop_mode_writes_nothing(ws: Workspace, tmp_path: Path) -> None:
    path = _write(tmp_path, "Ola;Nowak;ola@example.com;;;;;;\n;;anna@;;;;;;\n")
    with pytest.raises(ImportStoppedError) as caught:
        _import(ws, path, on_error=OnError.STOP)
    assert "Row 2" in caught.value.message and "name is needed" in caught.value.message
    assert _count(ws) == 0


def test_dry_run_counts_the_same_and_writes_nothing(ws: Workspace, tmp_path: Path) -> None:
    path = _write(tmp_path, "Ola;Nowak;ola@example.com;;;;;;\n;;anna@;;;;;;\n")
    layout = sniff(path)
    options = ImportOptions(mapping=guess_mapping(layout.header))
    dry = run_import(ws.db, path, layout, options, ws.clock, dry_run=True)
    assert (dry.created, len(dry.rejected), _count(ws)) == (1, 1, 0)
    assert dry.summary().startswith("2 rows: will create 1")
    real = run_import(ws.db, path, layout, options, ws.clock)
    assert (real.created, len(real.rejected), _count(ws)) == (1, 1, 1)


def test_cancel_leaves_the_database_as_it_was(ws: Workspace, tmp_path: Path) -> None:
    body = "".join(f"P{i};Person;p{i}@example.com;;;;;;\n" for i in range(1200))
    path = _write(tmp_path, body)
    layout = sniff(path)
    options = ImportOptions(mapping=guess_mapping(layout.header))
    report = run_import(ws.db, path, layout, options, ws.clock, cancelled=lambda: True)
    assert report.cancelled and report.summary() == "Import cancelled: nothing was written."
    with written_outside(ws.paths.database) as con:
        assert con.execute(text("SELECT count(*) FROM candidate")).one() == (0,)
        assert con.execute(text("SELECT count(*) FROM interaction")).one() == (0,)


@pytest.mark.parametrize(
    ("text", "day_first", "expected"),
    [
        ("2025-11-26", True, date(2025, 11, 26)),
        ("26.11.2025", True, date(2025, 11, 26)),
        ("03/04/2025", True, date(2025, 4, 3)),
        ("03/04/2025", False, date(2025, 3, 4)),
        ("26 Nov 2025", True, date(2025, 11, 26)),
        ("2 lis 2025", True, date(2025, 11, 2)),
    ],
)
def test_common_date_forms(text: str, day_first: bool, expected: date) -> None:
    assert parse_date(text, day_first) == expected


def test_presets_are_detected_from_headers() -> None:
    linkedin = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                "Connected On"]  # fmt: skip
    assert detect_preset(linkedin) == "linkedin"
    assert guess_mapping(linkedin, "linkedin")[2] == "linkedin_url"
    google = ["Name", "Given Name", "Family Name", "E-mail 1 - Value", "E-mail 2 - Value"]
    assert detect_preset(google) == "google"
    assert guess_mapping(google, "google") == [
        "ignore", "first_name", "last_name", "email", "other_emails",
    ]  # fmt: skip
    assert guess_mapping(["Vorname", "Nachname", "E-Mail", "Notizen"]) == [
        "first_name", "last_name", "email", "notes",
    ]  # fmt: skip


def test_cli_import_with_pool_tags_and_dry_run(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = _write(
        tmp_path, "Ola;Nowak;ola@example.com;;;;;Go;\n;;anna@;;;;;;\nEwa;Lis;ewa@;;;;;;\n"
    )
    dry = run_cli("--data-dir", str(data), "import", str(path), "--dry-run", "--json")
    assert dry.returncode == 0, dry.stderr
    payload = json.loads(dry.stdout)
    assert (payload["created"], len(payload["rejected"]), payload["delimiter"]) == (2, 1, ";")
    [dropped] = payload["dropped"]
    assert (dropped["row"], dropped["column"], payload["dropped_count"]) == (3, "E-mail", 1)
    assert dropped["reason"].startswith("imported without “ewa@”: ")
    missing = run_cli("--data-dir", str(data), "import", str(path), "--pool", "Nope")
    assert missing.returncode == 2 and "no pool named" in missing.stderr
    done = run_cli("--data-dir", str(data), "import", str(path), "--tag", "custom:Meetup")
    assert done.returncode == 0, done.stderr
    assert (
        "created 2, updated 0, skipped 0, 1 with problems; 1 bad value left out of imported rows"
    ) in done.stdout
    assert "row 2, column “Imię”: a first or last name is needed" in done.stdout
    assert "row 3, column “E-mail”: imported without “ewa@”: " in done.stdout
    found = json.loads(run_cli("--data-dir", str(data), "search", "meetup", "--json").stdout)
    assert found["total"] == 2


def test_cli_refuses_an_empty_or_binary_file_with_a_reason(tmp_path: Path) -> None:
    data = tmp_path / "data"
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = run_cli("--data-dir", str(data), "import", str(empty))
    assert result.returncode == 2
    assert result.stderr.startswith("error: The file is empty.")
    binary = tmp_path / "image.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 50)
    result = run_cli("--data-dir", str(data), "import", str(binary))
    assert result.returncode == 2 and "binary data" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_value_too_long_for_a_team_database_is_refused_there_before_anything_is_written(
    ws: Workspace, tmp_path: Path
) -> None:
    long_title = "Senior " * 30  # 210 characters: a file holds it, a server's column 200
    path = _write(
        tmp_path,
        f"Anna;Nowak;anna@example.com;Acme;{long_title};Kraków;;;\nJan;Lis;jan@example.com;;;;;;\n",
    )
    if not ws.on_server:
        assert _import(ws, path).created == 2
        return
    too_long = "Row 1, column “Stanowisko”: longer than the team"
    layout = sniff(path)
    options = ImportOptions(mapping=guess_mapping(layout.header))
    with pytest.raises(TalentDeskError, match=too_long) as checked:  # the dry run says so too
        run_import(ws.db, path, layout, options, ws.clock, dry_run=True)
    assert checked.value.hint.startswith("The import would be refused.")
    with pytest.raises(TalentDeskError, match=too_long):
        _import(ws, path)
    assert _count(ws) == 0
