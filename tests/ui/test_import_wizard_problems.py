"""The import wizard when rows have problems, driven like a user: problems and duplicates listed
and rejected rows saved, the stop mode's dry run, and Cancel during the import."""

from __future__ import annotations

import csv
from pathlib import Path

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.csvio.options import OnDuplicate, OnError
from talentdesk.core.workspace import Workspace
from talentdesk.ui.main_window import MainWindow
from tests.ui.import_wizard_helpers import (
    COMMIT,
    go_to_dry_run,
    open_wizard,
    wait_run,
    write_people,
)


def test_problems_and_duplicates_are_listed_and_rejected_rows_saved(
    qtbot, window: MainWindow, ws: Workspace, add_candidate, tmp_path: Path
) -> None:
    existing = add_candidate("Ewa", "Zielińska", email="ewa@example.com")
    add_candidate("Karol", "Wójcik", company="Revolut")
    path = write_people(
        tmp_path / "people.csv",
        [
            ["Ewa", "Zielińska", "EWA@example.com ", "Allegro", ""],  # already there
            ["Jan", "Kowal", "not-an-email", "Comarch", ""],
            ["Piotr", "Nowak", "piotr@example.com", "Nokia", "31.02.1990"],
            ["Karol", "Wójcik", "", "Revolut", ""],  # same name and company, no e-mail
            ["=cmd", "Formula", "", "", ""],
            ["", "", "nobody@example.com", "Acme", ""],  # no name
        ],
    )
    wizard = open_wizard(window, path)
    wizard.next()
    wizard.next()
    options = wizard.options_page
    options.duplicates.setCurrentIndex(options.duplicates.findData(OnDuplicate.FILL.value))
    go_to_dry_run(qtbot, wizard)
    dry = wizard.dry_run_page
    # A bad e-mail or date is left out and the person imported; a row without a name is not.
    assert dry.summary.text().startswith("6 rows read. Will create 4, update 1")
    assert "1 row with problems" in dry.summary.text()
    assert "2 bad values (listed below) will be left out" in dry.summary.text()
    assert "1 possible duplicate to look at" in dry.summary.text()
    table = dry.problems
    listed = [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]
    assert listed[0] == ("2", "Email", listed[0][2])
    assert listed[0][2].startswith("imported without “not-an-email”: ")
    assert "@-sign" in listed[0][2]
    assert listed[1][:2] == ("3", "Birthday") and "not a valid date" in listed[1][2]
    assert listed[2][0] == "4" and "possibly the same person as Karol Wójcik" in listed[2][2]
    assert listed[3] == ("6", "First Name", "a first or last name is needed")
    assert ws.reads.total_candidates() == 2

    wizard.next()
    wait_run(qtbot, wizard.import_page)
    assert wizard.import_page.summary.text().startswith(
        "Created 4, updated 1, skipped 0, rejected 1. 2 bad values (listed below) were left out"
    )
    jan = ws.candidates.get(ws.listing.ids(ListQuery(search="kowal"))[0])
    assert (jan.first_name, jan.email, jan.company) == ("Jan", None, "Comarch")
    assert ws.candidates.get(existing).company == "Allegro"  # filled, was empty
    assert wizard.import_page.save_button.isVisible()
    rejected = tmp_path / "people-rejected.csv"
    wizard.import_page.save_rejected(rejected)
    with rejected.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["First Name", "Last Name", "Email", "Company", "Birthday", "problem"]
    assert rows[1][:5] == ["Jan", "Kowal", "not-an-email", "Comarch", ""]
    assert rows[1][5].startswith("row 2, Email: imported without “not-an-email”: ")
    assert rows[2][4] == "31.02.1990"
    assert rows[3] == ["", "", "nobody@example.com", "Acme", "",
                       "row 6, First Name: a first or last name is needed"]  # fmt: skip
    assert "Saved 3 rows with problems" in wizard.import_page.status.text()


def test_stop_mode_dry_run_names_the_row_and_offers_no_import(
    qtbot, window: MainWindow, ws: Workspace, tmp_path: Path
) -> None:
    path = write_people(
        tmp_path / "people.csv",
        [["Anna", "Nowak", "anna@example.com", "", ""], ["", "", "bad@", "", ""]],
    )
    wizard = open_wizard(window, path)
    wizard.next()
    wizard.next()
    wizard.options_page.errors.setCurrentIndex(
        wizard.options_page.errors.findData(OnError.STOP.value)
    )
    go_to_dry_run(qtbot, wizard)
    assert wizard.dry_run_page.summary.text().startswith(
        "The import would stop: Row 2, column “First Name”"
    )
    assert not wizard.button(COMMIT).isEnabled()
    # Back, choose to skip, and the check runs again.
    wizard.back()
    wizard.options_page.errors.setCurrentIndex(
        wizard.options_page.errors.findData(OnError.SKIP.value)
    )
    wizard.next()
    wait_run(qtbot, wizard.dry_run_page)
    assert "Will create 1" in wizard.dry_run_page.summary.text()
    assert ws.reads.total_candidates() == 0


def test_cancel_during_the_import_leaves_the_database_as_it_was(
    qtbot, window: MainWindow, ws: Workspace, add_candidate, tmp_path: Path
) -> None:
    add_candidate("Anna", "Kowalska")
    rows = [[f"Person{i}", "Test", f"p{i}@example.com", "Acme", ""] for i in range(3000)]
    path = write_people(tmp_path / "many.csv", rows)
    wizard = open_wizard(window, path)
    go_to_dry_run(qtbot, wizard)
    assert "Will create 3,000" in wizard.dry_run_page.summary.text()
    wizard.next()
    page = wizard.import_page
    page.cancel()  # before the first cancel check, which comes every 500 rows
    wait_run(qtbot, page)
    assert page.summary.text() == "Import cancelled: nothing was written."
    assert ws.reads.total_candidates() == 1
    assert ws.listing.ids(ListQuery(search="Person0")) == []
