"""CSV export: exact content, formula protection, Excel flavour, cancel, and a round trip."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.csvio.exporter import ExportOptions, export_candidates, protect_cell
from talentdesk.core.csvio.importer import run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.db.enums import CandidateStatus, Seniority, TagCategory
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.integration.conftest import run_cli

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


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=SUM(1,2)", "'=SUM(1,2)"),
        ("+48 600 100 200", "'+48 600 100 200"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("18000.00", "18000.00"),
        ("Anna", "Anna"),
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
    result = export_candidates(ws.reader, [cid], dest, ExportOptions(columns=columns))
    assert result.rows == 1 and not result.cancelled
    assert _read(dest) == [
        ["Last name", "Phone", "Title", "Tags", "Pools", "Salary min", "Other e-mails"],
        ["Kowalska", "'+48 600 100 200", "'=HYPERLINK(\"x\")",
         "location:Kraków; skill:Java", "Kraków Java: Sourced", "18000", "anna.k@example.org"],
    ]  # fmt: skip
    assert not dest.read_bytes().startswith(b"\xef\xbb\xbf")


def test_excel_flavour_has_a_bom_and_semicolons(ws: Workspace, tmp_path: Path) -> None:
    cid = ws.candidates.create(ANNA)
    dest = tmp_path / "excel.csv"
    options = ExportOptions(columns=["first_name", "city"], excel=True, decimal_comma=True)
    export_candidates(ws.reader, [cid], dest, options)
    assert dest.read_bytes().startswith(b"\xef\xbb\xbfFirst name;City\r\n")
    assert _read(dest, delimiter=";")[1] == ["Anna", "Kraków"]


def test_cancel_leaves_no_file(ws: Workspace, tmp_path: Path) -> None:
    cid = ws.candidates.create(ANNA)
    dest = tmp_path / "cancel.csv"
    result = export_candidates(ws.reader, [cid], dest, ExportOptions(), cancelled=lambda: True)
    assert result.cancelled
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


def test_unknown_columns_are_refused(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(TalentDeskError, match="Unknown column"):
        export_candidates(ws.reader, [], tmp_path / "x.csv", ExportOptions(columns=["shoe"]))


def test_an_export_imports_back_into_an_empty_database(ws: Workspace, tmp_path: Path) -> None:
    ws.candidates.create(ANNA)
    ws.candidates.create(CandidateRecord(first_name="Jan", last_name="Nowak", birthday=None))
    dest = tmp_path / "all.csv"
    export_candidates(ws.reader, ws.listing.ids(ListQuery()), dest, ExportOptions())
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
    data = str(paths.data_dir)
    result = run_cli("--data-dir", data, "export", "-o", str(dest), "--pool", "kraków java",
                     "--columns", "first_name,last_name")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "exported 1 candidates" in result.stdout
    assert _read(dest) == [["First name", "Last name"], ["Anna", "Kowalska"]]
    found = run_cli("--data-dir", data, "export", "-o", str(dest), "--search", "nowak")
    assert "exported 1 candidates" in found.stdout
    bad = run_cli("--data-dir", data, "export", "-o", str(dest), "--columns", "shoe")
    assert bad.returncode == 2 and "Unknown column" in bad.stderr
    missing = run_cli("--data-dir", data, "export", "-o", str(dest), "--pool", "Nope")
    assert missing.returncode == 2 and "Kraków Java" in missing.stderr
