"""The server goes away (issue 18) before the window has loaded its write side: the window
paints first and loads the write path on a thread (ui/app.py's warm-up). A server gone by
then (stopped right after the workspace opened) fails that load: the banner shows (no error
dialog), the load is tried again with the banner's retries, and once the server is back the
window hears colleagues and a save lands. The server is the test's own (`own_postgres`)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterator
from datetime import UTC
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from talentdesk.ui.app import _show_window
from talentdesk.ui.app_session import AppSession
from talentdesk.ui.errors import install_excepthooks
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.team.live import LiveUpdates
from tests.pg_server import PostgresServer
from tests.ui.window_driver import click_row, shown_names, sql, type_into

LEFT = Qt.MouseButton.LeftButton
WAIT_MS = 60_000
WARM_UP_FAILED = "the team database went away before the write side loaded"


@pytest.fixture
def paths(tmp_path: Path, own_pg_url: str) -> AppPaths:
    return AppPaths(tmp_path / "desk").with_database_url(own_pg_url)


@pytest.fixture
def app_error_boundary(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's error boundary (ui/errors.py), as in test_server_away_banner.py: reads that
    meet the stopped server go to the banner; anything else would open an error dialog."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    install_excepthooks()


@pytest.fixture
def session(qtbot, paths: AppPaths, own_postgres: PostgresServer) -> Iterator[AppSession]:
    """The window as `talentdesk --database URL` opens it, on a team database with Anna, but
    the server stops as soon as the window is built: what it reads after that, and the write
    side's load (ui/app.py), meet no server."""
    seeding = Workspace.open(paths, tz=UTC)
    seeding.candidates.create(CandidateRecord("Anna", "Berg", "anna@x.example", city="Berlin"))
    seeding.close()
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    def show(ws: Workspace, _paths: AppPaths) -> MainWindow:
        window = _show_window(app, ws, in_tray=False)
        own_postgres.stop()  # built and shown; it paints, and loads its write side, next
        return window

    running = AppSession(paths.with_database_url(None), show)
    window = running.start(Workspace.open(paths))
    qtbot.waitExposed(window)
    yield running
    running.close()
    QApplication.setQuitOnLastWindowClosed(True)  # a tray (when there was one) turned it off


def _dialogs(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def _listening(window: MainWindow) -> bool:
    """The write side is ready: the window hears its colleagues (ui/app.py)."""
    return any(live.listening for live in window.events.findChildren(LiveUpdates))


@pytest.mark.qt_no_exception_capture
@pytest.mark.usefixtures("app_error_boundary")
def test_a_server_gone_before_the_write_side_loaded_is_waited_for_then_a_save_lands(
    qtbot,
    session: AppSession,
    own_postgres: PostgresServer,
    settle: Callable[[MainWindow], None],
    caplog: pytest.LogCaptureFixture,
) -> None:
    window = session.window
    assert window is not None
    banner = window.team_ui.server_away.banner  # type: ignore[union-attr]
    qtbot.waitUntil(banner.isVisible, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: WARM_UP_FAILED in caplog.text, timeout=WAIT_MS)
    assert _dialogs(window) == []  # the banner says it, not an error dialog
    assert not _listening(window)

    own_postgres.start()
    qtbot.waitUntil(lambda: not banner.isVisible(), timeout=WAIT_MS)
    assert window.statusBar().currentMessage().startswith("Reconnected")
    qtbot.waitUntil(lambda: _listening(window), timeout=WAIT_MS)  # loaded by the retry
    qtbot.waitUntil(lambda: "Anna Berg" in shown_names(window), timeout=WAIT_MS)
    click_row(qtbot, window, "Anna Berg")
    pane = window.candidate_pane
    qtbot.waitUntil(lambda: pane.name_label.text() == "Anna Berg")
    city = pane.form.inputs["city"]
    city.clear()
    type_into(qtbot, city, "Gdansk")
    qtbot.mouseClick(pane.save_button, LEFT)
    settle(window)
    qtbot.waitUntil(lambda: not pane.dirty, timeout=WAIT_MS)
    assert sql(window.ws, "SELECT city FROM candidate") == [("Gdansk",)]
    assert _dialogs(window) == []
