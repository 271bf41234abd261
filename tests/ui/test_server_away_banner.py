"""The server goes away (issue 18): the window on a team database whose server stops shows
one banner, a save fails without losing the form's edits (nothing half-written), and once
the server is back the banner goes by itself, the status bar says "Reconnected" and Save
saves. The server is the test's own (`own_postgres`): the shared one stays up."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from datetime import UTC
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from talentdesk.ui.errors import install_excepthooks
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.team.live import LiveUpdates
from tests.conftest import TravelClock
from tests.pg_server import PostgresServer
from tests.polling import poll
from tests.ui.window_driver import click_row, sql, type_into

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def paths(tmp_path: Path, own_pg_url: str) -> AppPaths:
    return AppPaths(tmp_path / "desk").with_database_url(own_pg_url)


@pytest.fixture
def ws(paths: AppPaths, clock: TravelClock) -> Iterator[Workspace]:
    workspace = Workspace.open(paths, clock, tz=UTC)
    yield workspace
    workspace.close()


def _open_anna(qtbot, ws: Workspace, open_window: Callable[[], MainWindow], settle) -> MainWindow:
    ws.candidates.create(CandidateRecord("Anna", "Berg", "anna@x.example", city="Berlin"))
    window = open_window()
    settle(window)
    click_row(qtbot, window, "Anna Berg")
    qtbot.waitUntil(lambda: window.candidate_pane.name_label.text() == "Anna Berg")
    return window


def _dialogs(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def _stored_city(ws: Workspace) -> str:
    return str(sql(ws, "SELECT city FROM candidate")[0][0])


@pytest.fixture
def app_error_boundary(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's error boundary (ui/errors.py) rather than pytest-qt's, which fails a test on
    any exception in a slot: the panes' reads meeting the stopped server go to the banner.
    Anything else would open an error dialog, which the test looks for."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    install_excepthooks()


@pytest.mark.qt_no_exception_capture
@pytest.mark.usefixtures("app_error_boundary")
def test_a_stopped_server_shows_a_banner_keeps_the_edits_and_comes_back(
    qtbot, ws: Workspace, own_postgres: PostgresServer, open_window, settle
) -> None:
    window = _open_anna(qtbot, ws, open_window, settle)
    pane = window.candidate_pane
    banner = window.team_ui.server_away.banner  # type: ignore[union-attr]
    assert not banner.isVisible()
    city = pane.form.inputs["city"]
    city.clear()
    type_into(qtbot, city, "Gdansk")
    assert pane.dirty

    own_postgres.stop()
    qtbot.mouseClick(pane.save_button, LEFT)
    qtbot.waitUntil(banner.isVisible)
    assert banner.text() == (
        "The team database at 127.0.0.1 cannot be reached — retrying… Your edits are kept."
    )
    settle(window)
    assert pane.dirty and city.text() == "Gdansk"  # the edits stay in the form, unsaved
    assert "Not saved: the team database cannot be reached" in pane.banner.text()
    assert _dialogs(window) == []  # the banner says it, not an error dialog

    qtbot.mouseClick(pane.save_button, LEFT)  # again while away: fails the same way
    settle(window)
    assert pane.dirty and city.text() == "Gdansk" and banner.isVisible()
    assert _dialogs(window) == []

    own_postgres.start()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=60_000)
    assert window.statusBar().currentMessage().startswith("Reconnected")
    assert _stored_city(ws) == "Berlin"  # nothing was half-written meanwhile
    assert city.text() == "Gdansk" and pane.dirty  # the refresh kept what was typed
    assert pane.banner.text() == "Not saved yet: the team database is back. Press Save."

    qtbot.mouseClick(pane.save_button, LEFT)
    settle(window)
    qtbot.waitUntil(lambda: not pane.dirty)
    assert _stored_city(ws) == "Gdansk"


@pytest.mark.qt_no_exception_capture
@pytest.mark.usefixtures("app_error_boundary")
def test_connections_the_server_ended_are_made_again(
    qtbot, ws: Workspace, own_postgres: PostgresServer, open_window, settle
) -> None:
    """The server stays up but ends this desktop's connections (a restart behind a pooler,
    an administrator) while the window is idle: the first save after it works (nothing was
    sent on the dead connection, so the write path begins again on a new one), and the
    colleagues' listener connects again at once: no banner, not even briefly."""
    window = _open_anna(qtbot, ws, open_window, settle)
    pane = window.candidate_pane
    banner = window.team_ui.server_away.banner  # type: ignore[union-attr]
    updates = LiveUpdates(window.ws, window.events)  # its connection is ended too
    qtbot.waitUntil(lambda: updates.listening, timeout=30_000)
    lost: list[bool] = []
    window.events.ops.server_lost.connect(lambda: lost.append(True))
    city = pane.form.inputs["city"]
    city.clear()
    type_into(qtbot, city, "Poznan")

    app_connections = (
        "FROM pg_stat_activity WHERE application_name = 'TalentDesk' AND pid <> pg_backend_pid()"
    )
    with own_postgres.admin() as admin:
        ended = [row[0] for row in admin.execute(f"SELECT pid {app_connections}").fetchall()]
        assert ended
        admin.execute("SELECT pg_terminate_backend(pid) FROM unnest(%s::int[]) pid", [ended])

        def now(condition: str) -> int:  # how many of the app's connections are so now
            found = admin.execute(f"SELECT count(*) {app_connections} AND {condition}", [ended])
            row = found.fetchone()
            return int(row[0]) if row else 0

        # The listener connects again at once (a new connection): wait for the old ones to go.
        assert poll(lambda: now("pid = ANY(%s)") == 0, seconds=30, every=0.05)
        qtbot.mouseClick(pane.save_button, LEFT)
        settle(window)
        qtbot.waitUntil(lambda: not pane.dirty)
        listening_again = "query LIKE 'LISTEN %%' AND pid <> ALL(%s)"
        assert poll(lambda: now(listening_again) == 1, seconds=30, every=0.05)
    qtbot.waitUntil(lambda: updates.listening, timeout=30_000)
    settle(window)
    assert _stored_city(ws) == "Poznan"
    assert not banner.isVisible() and _dialogs(window) == []
    assert lost == []  # the banner never flashed: the listener's quick reconnect worked
    assert city.text() == "Poznan"
    updates.close()


@pytest.mark.qt_no_exception_capture
@pytest.mark.usefixtures("app_error_boundary")
def test_an_idle_window_hears_the_server_go_and_come_back(
    qtbot, ws: Workspace, own_postgres: PostgresServer, open_window, settle
) -> None:
    """Nothing is being saved or read: the colleagues' listener is the first to notice."""
    window = _open_anna(qtbot, ws, open_window, settle)
    banner = window.team_ui.server_away.banner  # type: ignore[union-attr]
    window.events.ops.attach()  # the write side loaded, as the app does after the first paint
    updates = LiveUpdates(window.ws, window.events)
    qtbot.waitUntil(lambda: updates.listening, timeout=30_000)

    own_postgres.stop()
    qtbot.waitUntil(banner.isVisible, timeout=30_000)
    own_postgres.start()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=60_000)
    assert window.statusBar().currentMessage() == "Reconnected to the team database."
    assert _dialogs(window) == []
    updates.close()


@pytest.mark.qt_no_exception_capture
@pytest.mark.usefixtures("app_error_boundary")
def test_the_list_reads_nothing_more_while_the_server_is_away(
    qtbot, ws: Workspace, own_postgres: PostgresServer, open_window, settle
) -> None:
    """Rows whose page was not read yet stay empty while the server is away (each read would
    wait for it on the GUI thread), and fill in once "Reconnected" reads the list again."""
    for number in range(150):  # two pages: the second is read when scrolled to
        ws.candidates.create(CandidateRecord(f"Person{number:03}", "Nowak"))
    window = open_window()
    settle(window)
    model = window.list_pane.model
    banner = window.team_ui.server_away.banner  # type: ignore[union-attr]
    assert model.rowCount() == 150 and str(model.index(0, 0).data()).endswith("Nowak")
    read = model.pages_fetched

    own_postgres.stop()
    assert model.index(120, 0).data() is None  # its page met no server: the banner says so
    qtbot.waitUntil(banner.isVisible, timeout=30_000)
    own_postgres.start()
    # Back, but not yet heard by the window: the list still reads nothing by itself.
    assert model.index(130, 0).data() is None
    assert model.pages_fetched == read
    assert str(model.index(10, 0).data()).endswith("Nowak")  # the page read before stays

    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=60_000)
    qtbot.waitUntil(lambda: str(model.index(130, 0).data()).endswith("Nowak"), timeout=30_000)
    assert _dialogs(window) == []
