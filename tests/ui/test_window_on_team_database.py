"""The window on a team database (issue 18): the same list, search, profile and saving as on
the local file, and a colleague's save showing up without a restart."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from talentdesk.ui.dialogs.import_history import ImportHistoryDialog
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.team.live import LiveUpdates
from tests.conftest import TravelClock
from tests.ui.conftest import ModalDriver, outside_the_window
from tests.ui.import_wizard_helpers import go_to_dry_run, open_wizard, wait_run, write_people
from tests.ui.team_window import team_paths, team_ws  # noqa: F401  (`paths`, `ws`)
from tests.ui.window_driver import click_row, search_for, shown_names


@pytest.fixture
def colleague(pg_url: str, tmp_path: Path, clock: TravelClock) -> Iterator[Workspace]:
    other = Workspace.open(AppPaths(tmp_path / "other").with_database_url(pg_url), clock, tz=UTC)
    yield other
    other.close()


def _person(ws: Workspace, first: str, last: str, city: str) -> int:
    email = f"{first.lower()}@x.example"
    return ws.candidates.create(CandidateRecord(first, last, email, city=city))


def test_the_window_lists_searches_and_opens_people_on_a_team_database(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow], settle
) -> None:
    _person(ws, "Łukasz", "Nowak", "Kraków")
    _person(ws, "Anna", "Berg", "Berlin")
    window = open_window()
    settle(window)
    assert shown_names(window) == ["Anna Berg", "Łukasz Nowak"]
    assert "Team database:" in window.team_ui.database_label.text()

    search_for(qtbot, window, "lukasz krakow")  # no accents typed: the server folds them too
    settle(window)
    qtbot.waitUntil(lambda: shown_names(window) == ["Łukasz Nowak"])

    click_row(qtbot, window, "Łukasz Nowak")
    qtbot.waitUntil(lambda: window.candidate_pane.name_label.text() == "Łukasz Nowak")


def test_a_colleagues_new_candidate_shows_up_in_the_open_window(
    qtbot, ws: Workspace, colleague: Workspace, open_window: Callable[[], MainWindow], settle
) -> None:
    _person(ws, "Anna", "Berg", "Berlin")
    window = open_window()
    settle(window)
    window.events.ops.attach()  # the write side loaded, as the app does after the first paint
    updates = LiveUpdates(window.ws, window.events)
    qtbot.waitUntil(lambda: updates.listening, timeout=30_000)

    outside_the_window(lambda: _person(colleague, "Celina", "Adamska", "Gdańsk"))
    qtbot.waitUntil(lambda: shown_names(window) == ["Anna Berg", "Celina Adamska"], timeout=30_000)
    updates.close()


def test_a_file_imported_in_the_window_lands_on_the_team_database_and_is_undone(
    qtbot,
    ws: Workspace,
    open_window: Callable[[], MainWindow],
    settle,
    modal: ModalDriver,
    tmp_path: Path,
) -> None:
    _person(ws, "Anna", "Berg", "Berlin")
    rows = [
        ["Łukasz", "Wiśniewski", "lukasz@example.com", "Comarch", ""],
        ["Zofia", "Żak", "anna@x.example", "Allegro", ""],  # Anna's e-mail: skipped
        ["Ewa", "Lis", "ewa@example.com", "", "1990-11-26"],
    ]
    path = write_people(tmp_path / "people.csv", rows)
    window = open_window()
    settle(window)
    wizard = open_wizard(window, path)
    go_to_dry_run(qtbot, wizard)
    assert "Will create 2, update 0" in wizard.dry_run_page.summary.text()
    assert ws.reads.total_candidates() == 1  # a dry run writes nothing

    with qtbot.waitSignal(wizard.imported, timeout=30_000):
        wizard.next()
    wait_run(qtbot, wizard.import_page)
    assert wizard.import_page.summary.text().startswith("Created 2, updated 0, skipped 1")
    wizard.close()
    qtbot.waitUntil(lambda: shown_names(window) == ["Anna Berg", "Ewa Lis", "Łukasz Wiśniewski"])
    [lukasz] = ws.listing.ids(ListQuery(search="lukasz comarch"))
    owner = ws.reader.execute("SELECT owner_id FROM candidate WHERE id = ?", (lukasz,)).fetchone()
    assert owner[0] == ws.db.sessions.user_id is not None  # the recruiter who imported them

    window.import_history_action.trigger()
    [dialog] = window.findChildren(ImportHistoryDialog)
    dialog.table.selectRow(0)

    def confirm(box: object) -> None:
        assert isinstance(box, QMessageBox)
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)

    modal.run(lambda: qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton), confirm)
    qtbot.waitUntil(lambda: "2 people removed" in dialog.status.text(), timeout=30_000)
    dialog.close()
    qtbot.waitUntil(lambda: shown_names(window) == ["Anna Berg"])
