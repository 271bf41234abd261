"""Salaries are finite and within 0..9,999,999,999.99: at import, in validation (the form), and
in the database, where migration 0005 repairs what older versions stored; export never fails."""

from __future__ import annotations

import csv
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.csvio.exporter import ExportOptions, export_candidates
from talentdesk.core.csvio.importer import run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.csvio.report import ImportReport
from talentdesk.core.db.engine import make_engine, set_foreign_keys
from talentdesk.core.db.migrate import upgrade
from talentdesk.core.errors import ValidationError
from talentdesk.core.records import SALARY_MAX, CandidateRecord, validate
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import START, TravelClock

TODAY = START.date()
FOUR_HUNDRED_DIGITS = "9" * 400


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (Decimal("Infinity"), "is not a number"),
        (Decimal("-Infinity"), "is not a number"),
        (Decimal("NaN"), "is not a number"),
        (Decimal("sNaN"), "is not a number"),
        (Decimal("1e308"), "is too large"),
        (Decimal(FOUR_HUNDRED_DIGITS), "is too large"),
        (SALARY_MAX + Decimal("0.01"), "is too large"),
        (Decimal("-1"), "cannot be negative"),
        (float("inf"), "is not a number"),
    ],
)
def test_validation_names_a_salary_that_is_not_finite_or_out_of_range(
    value: Decimal, reason: str
) -> None:
    for name in ("salary_min", "salary_max"):
        record = CandidateRecord(first_name="Anna", **{name: value})  # type: ignore[arg-type]
        with pytest.raises(ValidationError) as info:
            validate(record, TODAY)
        assert info.value.errors[name].startswith(reason)
        assert set(info.value.errors) == {name}  # no "below the minimum" on top


def test_the_range_ends_are_accepted() -> None:
    record = CandidateRecord(first_name="Anna", salary_min=Decimal(0), salary_max=SALARY_MAX)
    assert validate(record, TODAY).salary_max == Decimal("9999999999.99")


def _import(ws: Workspace, path: Path, text: str) -> ImportReport:
    path.write_text(text, encoding="utf-8")
    layout = sniff(path)
    options = ImportOptions(mapping=guess_mapping(layout.header))
    return run_import(ws.db, path, layout, options, ws.clock)


def test_an_import_leaves_out_each_bad_salary_with_its_reason_and_goes_on(
    ws: Workspace, tmp_path: Path
) -> None:
    rows = [
        ("Anna", "inf"),
        ("Bea", "NaN"),
        ("Cela", "1e308"),
        ("Dora", FOUR_HUNDRED_DIGITS),
        ("Ewa", "-Infinity"),
        ("Fela", '"18 000,50"'),
        ("Gosia", "9999999999.99"),
    ]
    text = "First name,Last name,Salary min\n" + "".join(f"{n},K,{s}\n" for n, s in rows)
    report = _import(ws, tmp_path / "salaries.csv", text)

    # Each person is imported; the bad salary is left out and reported.
    assert (report.rows, report.created, report.rejected_count, report.dropped_count) == (
        7, 7, 0, 5,
    )  # fmt: skip
    problems = {p.row: (p.column, p.reason) for p in report.dropped}
    assert problems == {
        1: ("Salary min", "imported without it: “inf” is not an amount"),
        2: ("Salary min", "imported without it: “NaN” is not an amount"),
        3: ("Salary min", "imported without “1e308”: is too large (use 0 to 9,999,999,999.99)"),
        4: ("Salary min", f"imported without “{FOUR_HUNDRED_DIGITS[:39]}…”: is too large "
            "(use 0 to 9,999,999,999.99)"),
        5: ("Salary min", "imported without it: “-Infinity” is not an amount"),
    }  # fmt: skip
    con = sqlite3.connect(ws.paths.database)
    stored = con.execute("SELECT first_name, salary_min FROM candidate ORDER BY id").fetchall()
    con.close()
    assert stored == [
        ("Anna", None), ("Bea", None), ("Cela", None), ("Dora", None), ("Ewa", None),
        ("Fela", 18000.5), ("Gosia", 9999999999.99),
    ]  # fmt: skip


def test_a_long_amount_is_quoted_short_in_the_reason(ws: Workspace, tmp_path: Path) -> None:
    report = _import(ws, tmp_path / "x.csv", f"First name,Salary max\nAnna,{'x' * 400}\n")
    [problem] = report.dropped
    assert problem.reason == f"imported without it: “{'x' * 39}…” is not an amount"


def _store_raw(database: Path, values: list[tuple[str, object, object]]) -> None:
    """Candidates written with sqlite3, as an older TalentDesk (or a hand edit) left them."""
    con = sqlite3.connect(database)
    con.executemany(
        "INSERT INTO candidate(first_name, last_name, relationship_kind, status, created_at,"
        " updated_at, salary_min, salary_max) VALUES (?, 'K', 'none', 'passive',"
        " '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000', ?, ?)",
        values,
    )
    con.commit()
    con.close()


def _export(ws: Workspace, dest: Path, **options: object) -> list[list[str]]:
    columns = ["first_name", "salary_min", "salary_max"]
    export_candidates(
        ws.reader,
        ws.listing.ids(ListQuery()),
        dest,
        ExportOptions(columns, **options),
        data_dir=ws.paths,
    )
    with dest.open(newline="", encoding="utf-8-sig") as fh:
        header, *rows = csv.reader(fh, delimiter=";" if options.get("decimal_comma") else ",")
    assert header == ["First name", "Salary min", "Salary max"]
    return rows


def test_the_exporter_alone_writes_what_it_cannot_format_as_empty(
    ws: Workspace, tmp_path: Path
) -> None:
    """Even without the repair, an export of such values finishes (it raised before)."""
    _store_raw(
        ws.paths.database,
        [("Inf", float("inf"), float("-inf")), ("Huge", 1e308, 18000), ("Text", "abc", None)],
    )
    assert sqlite3.connect(ws.paths.database).execute(
        "SELECT typeof(salary_min) FROM candidate WHERE first_name = 'Inf'"
    ).fetchall() == [("real",)]
    by_name = {row[0]: row[1:] for row in _export(ws, tmp_path / "out.csv")}
    assert by_name["Inf"] == ["", ""]
    assert by_name["Huge"][0] == "1" + "0" * 308 + ".00"
    assert by_name["Huge"][1] == "18000.00"
    assert by_name["Text"] == ["abc", ""]
    excel = _export(ws, tmp_path / "excel.csv", excel=True, decimal_comma=True)
    assert {row[0]: row[1:] for row in excel}["Inf"] == ["", ""]


def _database_at_0004(paths: AppPaths) -> None:
    paths.ensure()
    engine = make_engine(paths.database)
    with engine.connect() as conn:
        set_foreign_keys(conn, False)
        with conn.begin():
            upgrade(conn, "0004")
    engine.dispose()


def test_migration_0005_empties_stored_amounts_that_are_not_sane(
    paths: AppPaths, clock: TravelClock, tmp_path: Path
) -> None:
    _database_at_0004(paths)
    _store_raw(
        paths.database,
        [
            ("Inf", float("inf"), float("-inf")),
            ("Huge", 1e308, 1e10),
            ("Negative", -5, 12000.5),
            ("Text", "abc", "12 000"),
            ("Fine", 0, 9999999999.99),
            ("None", None, None),
        ],
    )
    ws = Workspace.open(paths, clock)  # backs up, then migrates to the head
    try:
        con = sqlite3.connect(paths.database)
        stored = con.execute(
            "SELECT first_name, salary_min, salary_max FROM candidate ORDER BY id"
        ).fetchall()
        con.close()
        assert stored == [
            ("Inf", None, None),
            ("Huge", None, None),
            ("Negative", None, 12000.5),
            ("Text", None, None),
            ("Fine", 0, 9999999999.99),
            ("None", None, None),
        ]
        # The whole export works, and each candidate opens in the form's record.
        rows = _export(ws, tmp_path / "all.csv")
        assert ["Fine", "0.00", "9999999999.99"] in rows
        for candidate_id in ws.listing.ids(ListQuery()):
            validate(ws.candidates.get(candidate_id), TODAY)
    finally:
        ws.close()
