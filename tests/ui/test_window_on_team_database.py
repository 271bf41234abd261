"""The window on a team database (issue 18): the same list, search, profile and saving as on
the local file, and a colleague's save showing up without a restart."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.team.live import LiveUpdates
from tests.conftest import TravelClock
from tests.ui.conftest import outside_the_window
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


def test_importing_a_file_says_it_does_not_work_on_a_team_database_yet(
    qtbot, open_window: Callable[[], MainWindow], settle
) -> None:
    window = open_window()
    settle(window)
    assert window.import_csv() is None
    [box] = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert box.text() == "Importing a CSV file does not work on a team database yet."
    box.close()
