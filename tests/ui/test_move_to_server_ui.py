"""File ▸ Move this database to a team server… driven like a user against the throw-away
PostgreSQL: a move that lands shows each table's count and saves the connection; Cancel leaves
the server database empty; a database that is not empty is refused and left alone. Then "Open
the team database now" switches the running app to the server (its candidates in the list and
its pool in the pool pane), and File ▸ Switch back to the local database comes back."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from sqlalchemy import create_engine, text

from talentdesk.core.mail.credentials import SERVICE
from talentdesk.core.records import CandidateRecord
from talentdesk.core.team.connection import TeamConnection, TlsMode
from talentdesk.core.team.remembered import remembered
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from talentdesk.ui.app import _show_window
from talentdesk.ui.app_session import AppSession
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.team.connect_dialog import TeamConnectDialog
from talentdesk.ui.team.move_dialog import CANCELLED, MoveToServerDialog
from tests.conftest import TravelClock
from tests.core.test_mail_credentials import MemoryKeyring
from tests.pg_server import PASSWORD, SUPERUSER, PostgresServer
from tests.ui.mail_helpers import mail_keyring
from tests.ui.tray_host import tray_host, with_tray
from tests.ui.window_driver import click_pool, pool_rows, shown_names

__all__ = ["tray_host", "with_tray"]  # the fixtures, used by name

WAIT_MS = 30_000
__all__ = ["mail_keyring"]  # the fixture (the keyring in memory), used by name

PEOPLE = ("Anna Berg", "Łukasz Nowak", "Zofia Wrona")


def _colleague_adds_celina(tmp_path: Path, pg_url: str, clock: TravelClock) -> None:
    """A colleague's desktop has already put someone on the server."""
    colleague = Workspace.open(AppPaths(tmp_path / "other").with_database_url(pg_url), clock)
    colleague.candidates.create(CandidateRecord("Celina", "Adamska"))
    colleague.close()


def _seed(ws: Workspace) -> None:
    ids = []
    for name in PEOPLE:
        first, last = name.split()
        ids.append(ws.candidates.create(CandidateRecord(first, last, f"{first.lower()}@x.pl")))
    pool = ws.pools.create("Finalists")
    ws.pools.add_members(pool, ids[:2])


def _server_tables(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(
                connection.execute(
                    text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
                ).scalar_one()
            )
    finally:
        engine.dispose()


def _move_dialog(qtbot, window: MainWindow) -> MoveToServerDialog:
    assert window.team_ui.move_action.isVisible()
    window.team_ui.move_action.trigger()
    dialog = window.findChild(MoveToServerDialog)
    assert isinstance(dialog, MoveToServerDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _fill(d: TeamConnectDialog, postgres: PostgresServer, url: str) -> TeamConnection:
    d.host.setText(postgres.host)
    d.port.setValue(postgres.port)
    d.database.setText(url.rsplit("/", 1)[1])
    d.username.setText(SUPERUSER)
    d.password.setText(PASSWORD)
    d.tls.setCurrentIndex(d.tls.findData(TlsMode.DISABLE.value))
    return TeamConnection(
        postgres.host, url.rsplit("/", 1)[1], SUPERUSER, postgres.port, TlsMode.DISABLE
    )


@pytest.fixture
def session(
    qtbot, paths: AppPaths, clock: TravelClock, mail_keyring: MemoryKeyring
) -> Iterator[AppSession]:
    """The app as `talentdesk` runs it on a local database with three people: the window made
    by the app's own start-up function, in a session that can switch databases."""
    seeding = Workspace.open(paths, clock, tz=UTC)
    _seed(seeding)
    seeding.close()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    running = AppSession(paths, lambda ws, _paths: _show_window(app, ws, in_tray=False))
    window = running.start(Workspace.open(paths))
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.first_paint_done)
    yield running
    running.close()
    QApplication.setQuitOnLastWindowClosed(True)  # a tray (when there was one) turned it off


def _wait_for_window(qtbot, session: AppSession, switches: int) -> MainWindow:
    qtbot.waitUntil(lambda: session.switches == switches, timeout=WAIT_MS)
    window = session.window
    assert window is not None
    qtbot.waitUntil(lambda: window.first_paint_done, timeout=WAIT_MS)
    return window


def test_a_move_lands_with_its_counts_then_the_app_opens_the_server_and_comes_back(
    qtbot, session: AppSession, postgres: PostgresServer, pg_url: str, mail_keyring: MemoryKeyring
) -> None:
    window = session.window
    assert window is not None and not window.ws.on_server
    assert not window.team_ui.switch_local_action.isVisible()
    d = _move_dialog(qtbot, window)
    conn = _fill(d, postgres, pg_url)
    d.save_button.click()  # "Move"
    qtbot.waitUntil(lambda: d.moved_to is not None, timeout=WAIT_MS)

    counts = {
        d.counts.item(row, 0).text(): d.counts.item(row, 1).text()
        for row in range(d.counts.rowCount())
    }
    assert counts["candidate"] == "3" and counts["pool"] == "1"
    assert d.move_status.text().startswith("Moved ")
    assert "every table's count matches on the server" in d.move_status.text()
    assert d.counts.isVisible() and not d.save_button.isVisible()
    assert remembered() == conn  # saved as Connect's Save saves it, the password in the keyring
    assert mail_keyring.entries == {(SERVICE, conn.keyring_user): PASSWORD}
    assert len(shown_names(window)) == 3  # the local database as it was, still open

    assert d.open_now_button.isVisible()
    d.open_now_button.click()
    on_server = _wait_for_window(qtbot, session, 1)
    assert on_server is not window and on_server.ws.on_server
    assert on_server.ws.paths.data_dir == window.ws.paths.data_dir
    assert on_server.windowTitle() == f"TalentDesk — {conn.label}"
    qtbot.waitUntil(lambda: sorted(shown_names(on_server)) == sorted(PEOPLE))
    qtbot.waitUntil(lambda: any(r.startswith("Finalists") for r in pool_rows(on_server)))
    click_pool(qtbot, on_server, "Finalists")
    qtbot.waitUntil(lambda: sorted(shown_names(on_server)) == ["Anna Berg", "Łukasz Nowak"])
    assert not on_server.team_ui.move_action.isVisible()
    assert not on_server.team_ui.local_action.isVisible()  # Switch back does it

    assert on_server.team_ui.switch_local_action.isVisible()
    on_server.team_ui.switch_local_action.trigger()
    local = _wait_for_window(qtbot, session, 2)
    assert not local.ws.on_server and local.windowTitle() == "TalentDesk — local database"
    assert remembered() is None  # the local database at the next start too
    assert local.team_ui.database_label.text() == "Local database"
    qtbot.waitUntil(lambda: sorted(shown_names(local)) == sorted(PEOPLE))


def test_cancel_leaves_the_server_database_empty(
    qtbot, session: AppSession, postgres: PostgresServer, pg_url: str
) -> None:
    window = session.window
    assert window is not None
    # A write of the window's still under way: the move waits for it (it belongs in the copy),
    # which holds the move at its start until the test has pressed Cancel.
    gate = threading.Event()
    window.ws.writer.submit(lambda: gate.wait(WAIT_MS / 1000), label="a slow save")
    d = _move_dialog(qtbot, window)
    _fill(d, postgres, pg_url)
    d.save_button.click()
    assert d.moving and not d.host.isEnabled()
    d.cancel_button.click()
    assert d.move_status.text() == "Cancelling: the server rolls the copy back…"
    gate.set()
    qtbot.waitUntil(lambda: not d.moving, timeout=WAIT_MS)

    assert d.move_status.text() == CANCELLED
    assert d.isVisible() and d.moved_to is None and d.save_button.isEnabled()
    assert _server_tables(pg_url) == 0
    assert remembered() is None
    d.cancel_button.click()  # now it closes
    qtbot.waitUntil(lambda: not d.isVisible())


def test_a_database_that_is_not_empty_is_refused_and_left_alone(
    qtbot,
    session: AppSession,
    postgres: PostgresServer,
    pg_url: str,
    tmp_path: Path,
    clock: TravelClock,
) -> None:
    _colleague_adds_celina(tmp_path, pg_url, clock)
    tables = _server_tables(pg_url)
    window = session.window
    assert window is not None
    d = _move_dialog(qtbot, window)
    _fill(d, postgres, pg_url)
    d.save_button.click()
    qtbot.waitUntil(lambda: not d.moving, timeout=WAIT_MS)

    database = pg_url.rsplit("/", 1)[1]
    assert d.errors.isVisible()
    assert d.errors.text() == (
        f"The database {SUPERUSER}@{postgres.host}:{postgres.port}/{database} is not empty. "
        "Moving copies into an empty database only: create a new one on the server (createdb) "
        "and give its address. Nothing was written there."
    )
    assert d.move_status.text() == "Nothing was moved."
    assert d.moved_to is None and remembered() is None
    assert _server_tables(pg_url) == tables
    engine = create_engine(pg_url)
    with engine.connect() as connection:
        names = connection.execute(text("SELECT first_name FROM candidate")).scalars().all()
    engine.dispose()
    assert names == ["Celina"]
    d.reject()


def test_connect_then_open_now_shows_the_servers_candidates(
    qtbot,
    session: AppSession,
    postgres: PostgresServer,
    pg_url: str,
    tmp_path: Path,
    clock: TravelClock,
) -> None:
    _colleague_adds_celina(tmp_path, pg_url, clock)
    window = session.window
    assert window is not None
    dialog = window.team_ui.open_connect()
    qtbot.waitUntil(dialog.isVisible)
    _fill(dialog, postgres, pg_url)
    dialog.save_button.click()
    box = _question(qtbot, window)
    assert "Open it now in place of this database?" in box.text()
    now = box.findChild(QPushButton, "openNow")
    assert isinstance(now, QPushButton)
    now.click()
    on_server = _wait_for_window(qtbot, session, 1)
    assert on_server.ws.on_server
    qtbot.waitUntil(lambda: shown_names(on_server) == ["Celina Adamska"])


def _question(qtbot, window: MainWindow) -> QMessageBox:
    found: list[QMessageBox] = []

    def asked() -> bool:
        found[:] = window.findChildren(QMessageBox, "openNowQuestion")
        return bool(found) and found[0].isVisible()

    qtbot.waitUntil(asked)
    return found[0]


def test_a_team_database_that_cannot_be_opened_leaves_the_window_as_it_was(
    qtbot, session: AppSession
) -> None:
    from talentdesk.core.team.remembered import remember
    from tests.mail_server import free_port

    window = session.window
    assert window is not None
    remember(TeamConnection("127.0.0.1", "talent", SUPERUSER, free_port(), TlsMode.DISABLE))
    window.team_ui.refresh()
    assert window.team_ui.open_team_action.isVisible()
    window.team_ui.open_team_action.trigger()
    qtbot.waitUntil(lambda: not session.switching, timeout=WAIT_MS)

    [box] = window.findChildren(QMessageBox, "switchError")
    assert box.windowTitle().startswith("Cannot open the team database postgres@127.0.0.1:")
    assert "This window stays on the database it shows." in box.informativeText()
    assert session.window is window and session.switches == 0 and window.isVisible()
    assert not window.ws.on_server and sorted(shown_names(window)) == sorted(PEOPLE)
    box.close()


def test_the_switch_closes_the_old_window_its_tray_and_its_write_path(
    qtbot,
    session: AppSession,
    postgres: PostgresServer,
    pg_url: str,
    with_tray: None,
    mail_keyring: MemoryKeyring,
) -> None:
    from talentdesk.core.team.migrate_to import migrate_to
    from talentdesk.core.team.remembered import remember

    window = session.window
    assert window is not None
    qtbot.waitUntil(lambda: window.tray is not None, timeout=WAIT_MS)  # as the app starts it
    assert window.tray is not None
    old_icon, old_ws = window.tray.icon, window.ws
    qtbot.waitUntil(old_icon.isVisible)
    migrate_to(old_ws.paths.database, pg_url)  # the core's move, as `talentdesk migrate-to`
    database = pg_url.rsplit("/", 1)[1]
    conn = TeamConnection(postgres.host, database, SUPERUSER, postgres.port, TlsMode.DISABLE)
    remember(conn)
    mail_keyring.set_password(SERVICE, conn.keyring_user, PASSWORD)
    window.team_ui.refresh()
    window.team_ui.open_team_action.trigger()
    on_server = _wait_for_window(qtbot, session, 1)

    assert on_server.ws.on_server
    assert not shiboken6.isValid(window) or not window.isVisible()
    qtbot.waitUntil(lambda: not shiboken6.isValid(old_icon) or not old_icon.isVisible())
    with pytest.raises(RuntimeError, match="the database is closed"):
        old_ws.writer.submit(lambda: None, label="a write after the switch")
    qtbot.waitUntil(lambda: on_server.tray is not None, timeout=WAIT_MS)  # its own tray
    assert on_server.tray is not None
    qtbot.waitUntil(on_server.tray.icon.isVisible)
    qtbot.waitUntil(lambda: sorted(shown_names(on_server)) == sorted(PEOPLE))
