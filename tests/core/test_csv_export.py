"""CSV export: exact content, formula protection, Excel flavour, cancel, and a round trip."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.csvio import exporter
from talentdesk.core.csvio.exporter import (
    EXPORT_COLUMNS,
    ExportOptions,
    export_candidates,
    protect_cell,
)
from talentdesk.core.csvio.importer import run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.db.enums import CandidateStatus, InteractionKind, Seniority, TagCategory
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import TravelClock
from tests.core.team_cli import where
from tests.integration.conftest import run_cli
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

ANNA = CandidateRecord(
    first_name="Anna",
    last_name="Kowalska",
    email="anna@example.com",
    other_emails=["anna.k@example.org"],
    phone="+48 600 100 200",
    city="Kraków",
    title='=HYPERLINK("x")',
    company="Comarch",
    seniority=Seniority.SENIOR,
    linkedin_url="https://linkedin.com/in/anna-k",
    status=CandidateStatus.ACTIVE,
    salary_min=Decimal("18000"),
    salary_currency="PLN",
    notes="Line one\nline two",
    tags=[TagRef(TagCategory.SKILL, "Java"), TagRef(TagCategory.LOCATION, "Kraków")],
)


def _read(path: Path, **kw: object) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return list(csv.reader(fh, **kw))  # type: ignore[arg-type]


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "data")


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=SUM(1)", "'=SUM(1)"),
        ("=SUM(1,2)", "'=SUM(1,2)"),
        ("+48 600 100 200", "'+48 600 100 200"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\nx", "'\nx"),
        ("18000.00", "18000.00"),
        ("Anna", "Anna"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_formula_protection(cell: str, written: str) -> None:
    assert protect_cell(cell) == written


def test_chosen_columns_in_order_with_joined_values(ws: Workspace, tmp_path: Path) -> None:
    cid = ws.candidates.create(ANNA)
    pool = ws.pools.create("Kraków Java")
    ws.pools.add_members(pool, [cid])
    dest = tmp_path / "out.csv"
    columns = ["last_name", "phone", "title", "tags", "pools", "salary_min", "other_emails"]
    result = export_candidates(
        ws.reader, [cid], dest, ExportOptions(columns=columns), data_dir=ws.paths
    )
    assert result == exporter.ExportResult(rows=1, path=dest, cancelled=False)
    assert _read(dest) == [
        ["Last name", "Phone", "Title", "Tags", "Pools", "Salary min", "Other e-mails"],
        ["Kowalska", "'+48 600 100 200", "'=HYPERLINK(\"x\")",
         "location:Kraków; skill:Java", "Kraków Java", "18000.00", "anna.k@example.org"],
    ]  # fmt: skip
    raw = dest.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.decode("utf-8").count("\r\n") == 2  # csv's CRLF line endings


def test_every_column_by_default_with_iso_dates_and_utc_times(
    ws: Workspace, clock: TravelClock, tmp_path: Path
) -> None:
    cid = ws.candidates.create(
        CandidateRecord(
            first_name="Ewa",
            last_name="Nowak",
            email="ewa@example.com",
            other_emails=["e1@example.org", "e2@example.org"],
            phone="600 100 200",
            city="Gdańsk",
            country="Poland",
            title="Data engineer",
            company="Acme",
            seniority=Seniority.MID,
            industry="Fintech",
            linkedin_url="https://linkedin.com/in/ewa",
            source="Referral",
            status=CandidateStatus.ACTIVE,
            salary_min=Decimal("15000.5"),
            salary_max=Decimal("21000"),
            salary_currency="PLN",
            notice_period="1 month",
            available_from=date(2027, 1, 4),
            birthday=date(1990, 3, 9),
            notes="Likes Python",
            tags=[
                TagRef(TagCategory.SKILL, "Python"),
                TagRef(TagCategory.SKILL, "Airflow"),
                TagRef(TagCategory.CUSTOM, "-urgent"),
                TagRef(TagCategory.INDUSTRY, "Fintech"),
            ],
        )
    )
    b = ws.pools.create("B pool")
    a = ws.pools.create("A pool")
    ws.pools.add_members(b, [cid])
    ws.pools.add_members(a, [cid])
    clock.advance(hours=2)
    ws.interactions.log(cid, InteractionKind.CALL, subject="Intro call")
    dest = tmp_path / "all.csv"
    export_candidates(ws.reader, [cid], dest, ExportOptions(), data_dir=ws.paths)
    header, row = _read(dest)
    assert header == list(EXPORT_COLUMNS.values())
    assert dict(zip(EXPORT_COLUMNS, row, strict=True)) == {
        "first_name": "Ewa",
        "last_name": "Nowak",
        "email": "ewa@example.com",
        "other_emails": "e1@example.org; e2@example.org",
        "phone": "600 100 200",
        "city": "Gdańsk",
        "country": "Poland",
        "title": "Data engineer",
        "company": "Acme",
        "seniority": "Mid",
        "industry": "Fintech",
        "linkedin_url": "https://linkedin.com/in/ewa",
        "source": "Referral",
        "status": "Active",
        "tags": "custom:-urgent; industry:Fintech; skill:Airflow; skill:Python",
        "pools": "A pool; B pool",
        "stage": "A pool: Sourced; B pool: Sourced",
        "near_fit": "",
        "salary_min": "15000.50",
        "salary_max": "21000.00",
        "salary_currency": "PLN",
        "notice_period": "1 month",
        "available_from": "2027-01-04",
        "birthday": "1990-03-09",
        "notes": "Likes Python",
        "last_contact": "2026-11-25T11:30:00Z",
        "created": "2026-11-25T09:30:00Z",
    }


def test_rows_follow_the_given_order_and_skip_missing_ids(ws: Workspace, tmp_path: Path) -> None:
    first = ws.candidates.create(CandidateRecord(first_name="Zofia"))
    second = ws.candidates.create(CandidateRecord(first_name="Adam"))
    dest = tmp_path / "order.csv"
    result = export_candidates(
        ws.reader,
        iter([second, 999_999, first]),
        dest,
        ExportOptions(columns=["first_name"]),
        data_dir=ws.paths,
    )
    assert result.rows == 2
    assert _read(dest) == [["First name"], ["Adam"], ["Zofia"]]


def test_excel_flavour_has_a_bom_and_semicolons(ws: Workspace, tmp_path: Path) -> None:
    cid = ws.candidates.create(ANNA)
    dest = tmp_path / "excel.csv"
    columns = ["first_name", "city", "salary_min", "tags"]
    export_candidates(
        ws.reader,
        [cid],
        dest,
        ExportOptions(columns, excel=True, decimal_comma=True),
        data_dir=ws.paths,
    )
    assert dest.read_bytes().startswith("\ufeffFirst name;City;Salary min;Tags\r\n".encode())
    assert _read(dest, delimiter=";")[1] == [
        "Anna", "Kraków", "18000,00", "location:Kraków; skill:Java"
    ]  # fmt: skip


def test_excel_without_decimal_comma_keeps_commas(ws: Workspace, tmp_path: Path) -> None:
    cid = ws.candidates.create(ANNA)
    dest = tmp_path / "excel.csv"
    export_candidates(
        ws.reader, [cid], dest, ExportOptions(["first_name", "salary_min"], True), data_dir=ws.paths
    )
    assert dest.read_bytes() == b"\xef\xbb\xbfFirst name,Salary min\r\nAnna,18000.00\r\n"


def test_decimal_comma_alone_changes_nothing(ws: Workspace, tmp_path: Path) -> None:
    cid = ws.candidates.create(ANNA)
    dest = tmp_path / "plain.csv"
    options = ExportOptions(["first_name", "salary_min"], decimal_comma=True)
    export_candidates(ws.reader, [cid], dest, options, data_dir=ws.paths)
    assert dest.read_bytes() == b"First name,Salary min\r\nAnna,18000.00\r\n"


def test_progress_every_chunk(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exporter, "CHUNK", 2)
    ids = [ws.candidates.create(CandidateRecord(first_name=f"N{i}")) for i in range(5)]
    calls: list[tuple[int, int]] = []
    dest = tmp_path / "p.csv"
    result = export_candidates(
        ws.reader,
        ids,
        dest,
        ExportOptions(["first_name"]),
        progress=lambda d, t: calls.append((d, t)),
        data_dir=ws.paths,
    )
    assert result.rows == 5
    assert calls == [(2, 5), (4, 5), (5, 5)]


def test_cancel_leaves_no_file(ws: Workspace, tmp_path: Path) -> None:
    cid = ws.candidates.create(ANNA)
    dest = tmp_path / "cancel.csv"
    result = export_candidates(
        ws.reader, [cid], dest, ExportOptions(), cancelled=lambda: True, data_dir=ws.paths
    )
    assert result.cancelled
    assert _files(tmp_path) == []


def test_cancel_midway_keeps_the_previous_file(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exporter, "CHUNK", 1)
    ids = [ws.candidates.create(CandidateRecord(first_name=f"N{i}")) for i in range(3)]
    dest = tmp_path / "keep.csv"
    dest.write_text("old export\n")
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) == 2  # after the first chunk is written

    result = export_candidates(
        ws.reader, ids, dest, ExportOptions(["first_name"]), cancelled=cancelled, data_dir=ws.paths
    )
    assert (result.cancelled, result.rows) == (True, 1)
    assert dest.read_text() == "old export\n"
    assert _files(tmp_path) == ["keep.csv"]


def test_a_failure_midway_leaves_no_temp_file(ws: Workspace, tmp_path: Path) -> None:
    cid = ws.candidates.create(ANNA)
    dest = tmp_path / "fail.csv"

    def progress(_done: int, _total: int) -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        export_candidates(
            ws.reader, [cid], dest, ExportOptions(), progress=progress, data_dir=ws.paths
        )
    assert _files(tmp_path) == []


def test_an_unwritable_destination_is_a_clear_error(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(TalentDeskError, match="cannot be written"):
        export_candidates(
            ws.reader, [], tmp_path / "no" / "such.csv", ExportOptions(), data_dir=ws.paths
        )


def test_unknown_columns_are_refused(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(TalentDeskError, match="Unknown column") as info:
        export_candidates(
            ws.reader, [], tmp_path / "x.csv", ExportOptions(columns=["shoe"]), data_dir=ws.paths
        )
    assert "first_name" in (info.value.hint or "")
    assert _files(tmp_path) == []


def test_an_export_imports_back_into_an_empty_database(ws: Workspace, tmp_path: Path) -> None:
    ws.candidates.create(ANNA)
    ws.candidates.create(CandidateRecord(first_name="Jan", last_name="Nowak", birthday=None))
    dest = tmp_path / "all.csv"
    export_candidates(
        ws.reader, ws.listing.ids(ListQuery()), dest, ExportOptions(), data_dir=ws.paths
    )
    other = Workspace.open(AppPaths(tmp_path / "other"), ws.clock)
    try:
        layout = sniff(dest)
        report = run_import(
            other.db, dest, layout, ImportOptions(guess_mapping(layout.header)), other.clock
        )
        assert (report.created, report.rejected) == (2, [])
        back = other.candidates.get(other.listing.ids(ListQuery(search="kowalska"))[0])
        original = ws.candidates.get(ws.listing.ids(ListQuery(search="kowalska"))[0])
        for name in ("first_name", "last_name", "email", "other_emails", "phone", "city",
                     "title", "company",
                     "seniority", "linkedin_url", "status", "salary_min", "salary_currency",
                     "notes", "tags"):  # fmt: skip
            assert getattr(back, name) == getattr(original, name), name
    finally:
        other.close()


def test_cli_export_by_pool_and_search(ws: Workspace, paths: AppPaths, tmp_path: Path) -> None:
    cid = ws.candidates.create(ANNA)
    ws.candidates.create(CandidateRecord(first_name="Jan", last_name="Nowak"))
    ws.pools.add_members(ws.pools.create("Kraków Java"), [cid])
    dest = tmp_path / "pool.csv"
    result = run_cli(*where(paths), "export", "-o", str(dest), "--pool", "kraków java",
                     "--columns", "first_name,last_name")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"exported 1 candidates to {dest}" in result.stdout
    assert _read(dest) == [["First name", "Last name"], ["Anna", "Kowalska"]]
    found = run_cli(*where(paths), "export", "-o", str(dest), "--search", "nowak",
                    "--columns", "last_name", "--excel", "--decimal-comma")  # fmt: skip
    assert found.returncode == 0, found.stderr
    assert dest.read_bytes() == b"\xef\xbb\xbfLast name\r\nNowak\r\n"
    both = run_cli(*where(paths), "export", "-o", str(dest), "--pool", "Kraków Java",
                   "--search", "nowak")  # fmt: skip
    assert both.returncode == 0 and "exported 0 candidates" in both.stdout
    everyone = run_cli(*where(paths), "export", "-o", str(dest))
    assert everyone.returncode == 0 and "exported 2 candidates" in everyone.stdout
    assert len(_read(dest)) == 3


def test_cli_export_errors(ws: Workspace, paths: AppPaths, tmp_path: Path) -> None:
    ws.pools.create("Kraków Java")
    dest = tmp_path / "x.csv"
    bad = run_cli(*where(paths), "export", "-o", str(dest), "--columns", "first_name,shoe")
    assert bad.returncode == 2 and "shoe" in bad.stderr and "last_name" in bad.stderr
    missing = run_cli(*where(paths), "export", "-o", str(dest), "--pool", "Nope")
    assert missing.returncode == 2
    assert "Nope" in missing.stderr and "Kraków Java" in missing.stderr
    no_output = run_cli(*where(paths), "export")
    assert no_output.returncode == 2 and "-o" in no_output.stderr
    assert not dest.exists()
