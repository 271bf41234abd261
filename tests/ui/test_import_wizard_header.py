"""The import wizard's File page on odd files: lines skipped above the header are shown, a
doubtful header must be confirmed or another line chosen, files that are not files are refused
with the reason; and the rejected rows of a large import are all saved."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QWizard

from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from talentdesk.ui.import_wizard.wizard import ImportWizard
from talentdesk.ui.ops import Ops
from tests.ui.import_wizard_helpers import go_to_dry_run, preview_cells, preview_header, wait_run

NEXT = QWizard.WizardButton.NextButton
TITLE_FIRST = (
    "Candidates export,2025-01-02\nFirst Name,Email\nAnna,anna@example.com\nJan,jan@example.com\n"
)


@pytest.fixture
def open_wizard(qtbot, ws: Workspace, paths: AppPaths) -> Callable[[Path], ImportWizard]:
    def open_(path: Path) -> ImportWizard:
        settings = QSettings(str(paths.settings), QSettings.Format.IniFormat)
        wizard = ImportWizard(ws, Ops(ws), settings, path)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitExposed(wizard)
        return wizard

    return open_


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "people.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_doubtful_header_is_confirmed_before_going_on(
    qtbot, open_wizard: Callable[[Path], ImportWizard], tmp_path: Path
) -> None:
    wizard = open_wizard(_file(tmp_path, TITLE_FIRST))
    page = wizard.file_page
    assert preview_header(wizard) == ["First Name", "Email"]
    assert page.header_line.isVisible() and page.header_line.value() == 2
    assert "1 line above the header (line 2) is skipped, shown below." in page.info.text()
    assert page.skipped_lines.isVisible()
    assert page.skipped_lines.toPlainText() == "line 1:  Candidates export,2025-01-02"
    assert page.header_warning.isVisible()
    assert "Line 1, above the header, has as many cells as the header" in page.header_warning.text()
    assert not wizard.button(NEXT).isEnabled()  # asked, not assumed

    assert page.confirm_header.text() == "&Line 2 holds the column names"
    box = page.confirm_header
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert box.isChecked()
    assert wizard.button(NEXT).isEnabled()


def test_choosing_another_header_line_rereads_the_file(
    qtbot, open_wizard: Callable[[Path], ImportWizard], tmp_path: Path
) -> None:
    wizard = open_wizard(_file(tmp_path, TITLE_FIRST))
    page = wizard.file_page
    page.header_line.setValue(1)  # the user says the first line holds the names
    assert preview_header(wizard) == ["Candidates export", "2025-01-02"]
    assert preview_cells(wizard)[0] == ["First Name", "Email"]
    assert not page.skipped_lines.isVisible()
    assert not page.header_warning.isVisible()  # the user's choice needs no confirming
    assert wizard.button(NEXT).isEnabled()

    page.header_line.setValue(3)  # a data row: allowed, the preview shows what it means
    assert preview_header(wizard) == ["Anna", "anna@example.com"]
    assert page.skipped_lines.toPlainText().splitlines() == [
        "line 1:  Candidates export,2025-01-02",
        "line 2:  First Name,Email",
    ]
    page.header_line.setValue(9)
    assert "The header cannot be on line 9" in page.error.text()
    assert page.header_line.isVisible()  # to choose again
    assert not wizard.button(NEXT).isEnabled()
    page.header_line.setValue(2)
    assert preview_header(wizard) == ["First Name", "Email"]
    assert wizard.button(NEXT).isEnabled()


def test_a_longer_first_row_is_reported_after_confirming_the_header(
    qtbot, open_wizard: Callable[[Path], ImportWizard], ws: Workspace, tmp_path: Path
) -> None:
    """An unquoted comma in the first row once moved the header down, losing two rows."""
    path = _file(
        tmp_path,
        "First Name,Last Name,Company\nAnna,Kowalska,ACME, Inc.\nJan,Nowak,Comarch\n"
        "Ola,Lis,Nokia\n",
    )
    wizard = open_wizard(path)
    page = wizard.file_page
    assert preview_header(wizard) == ["First Name", "Last Name", "Company", ""]
    assert preview_cells(wizard)[0] == ["Anna", "Kowalska", "ACME", " Inc."]
    assert "Line 2 has 4 cells but the header on line 1 has 3" in page.header_warning.text()
    page.confirm_header.setChecked(True)
    go_to_dry_run(qtbot, wizard)
    dry = wizard.dry_run_page
    assert dry.summary.text().startswith("3 rows read. Will create 2")
    table = dry.problems
    assert [table.item(0, c).text() for c in range(3)] == [
        "1",
        "",
        "the row has 4 fields but the header has 3",
    ]
    assert ws.reads.total_candidates() == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_folder_or_device_is_refused_with_the_reason(
    open_wizard: Callable[[Path], ImportWizard], tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    folder = tmp_path / "exports.csv"
    folder.mkdir()
    wizard = open_wizard(fifo)  # the old page blocked here, or said "not a file that exists"
    page = wizard.file_page
    for path, kind in (
        (fifo, "a pipe (FIFO)"),
        (folder, "a folder"),
        (Path("/dev/null"), "a device"),
    ):
        page.set_path(path)
        assert page.error.isVisible()
        assert page.error.text().startswith(
            f"{path.name} cannot be read: it is {kind}, not a file."
        )
        assert not wizard.button(NEXT).isEnabled()


def test_every_rejected_row_of_a_large_import_is_saved(
    qtbot, open_wizard: Callable[[Path], ImportWizard], tmp_path: Path
) -> None:
    bad = 1_200  # more than the report keeps in memory for the table
    path = tmp_path / "people.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["First Name", "Email"])
        out.writerows(["", f"p{i}-at-example.com"] for i in range(bad))  # no name
        out.writerow(["Fine", "fine@example.com"])
    wizard = open_wizard(path)
    go_to_dry_run(qtbot, wizard)
    wizard.next()
    page = wizard.import_page
    wait_run(qtbot, page)
    assert page.summary.text().startswith(f"Created 1, updated 0, skipped 0, rejected {bad:,}.")
    table = page.problems
    assert table.rowCount() == 1_001
    assert table.item(1_000, 2).text() == (
        "…and 200 more rows with problems, all in the file Save rejected rows… writes"
    )
    saved = tmp_path / "rejected.csv"
    page.save_rejected(saved)
    with saved.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert len(rows) == bad + 1
    assert rows[-1][:2] == ["", f"p{bad - 1}-at-example.com"]
    assert rows[-1][2] == f"row {bad}, First Name: a first or last name is needed"
    assert f"Saved {bad:,} rows with problems" in page.status.text()
