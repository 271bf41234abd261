"""Driving File → Import CSV… like a user, for the import wizard's tests: the sample files, the
wizard's buttons, its preview, waiting for a run, and writing a small CSV file."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtWidgets import QWizard

from talentdesk.ui.import_wizard.run_pages import RunPage
from talentdesk.ui.import_wizard.wizard import ImportWizard
from talentdesk.ui.main_window import MainWindow

DATA = Path(__file__).parent.parent / "data" / "csv"
NEXT = QWizard.WizardButton.NextButton
COMMIT = QWizard.WizardButton.CommitButton
FINISH = QWizard.WizardButton.FinishButton


def preview_cells(wizard: ImportWizard) -> list[list[str]]:
    table = wizard.file_page.preview
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def preview_header(wizard: ImportWizard) -> list[str]:
    table = wizard.file_page.preview
    return [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]


def wait_run(qtbot, page: RunPage) -> None:
    qtbot.waitUntil(
        lambda: page.job is None and (page.report is not None or page.error is not None),
        timeout=20_000,
    )


def go_to_dry_run(qtbot, wizard: ImportWizard) -> None:
    while wizard.currentPage() is not wizard.dry_run_page:
        assert wizard.button(NEXT).isEnabled(), wizard.currentPage().title()
        wizard.next()
    wait_run(qtbot, wizard.dry_run_page)


def open_wizard(window: MainWindow, path: Path) -> ImportWizard:
    wizard = window.import_csv(path)
    assert wizard.isVisible()
    return wizard


def write_people(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["First Name", "Last Name", "Email", "Company", "Birthday"])
        out.writerows(rows)
    return path
