"""Composition root of the window: paths, single instance, workspace, main window."""

from __future__ import annotations

import gc
import logging
import os
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from talentdesk import APP_ID, APP_NAME
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.workspace import Workspace
from talentdesk.log import setup_logging
from talentdesk.paths import AppPaths, resolve_paths
from talentdesk.ui.app_session import AFTER_START, RETIRED, AppSession
from talentdesk.ui.errors import install_excepthooks
from talentdesk.ui.first_paint import after_first_paint
from talentdesk.ui.gc_guard import collect_on_gui_thread
from talentdesk.ui.gui_thread import sender_to
from talentdesk.ui.icons import app_icon
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.single_instance import SingleInstance

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox  # loaded when it first opens

    from talentdesk.ui.scheduler import ReminderScheduler

log = logging.getLogger(__name__)
WARM_UP_DELAY_MS = 300
TRAY_LOOK_MS = 5000
TRAY_LOOKS = 36  # three minutes of looking often, then once a minute for as long as it runs
TRAY_SLOW_LOOK_MS = 60_000
# The first reminder check needs the services the warm-up loads: it waits for them.
REMINDERS_START_MS = 1500
# Set by bench/bundle.py: print "shown" once the list pane has first painted, then quit
# (the bundled app cannot run bench/probe_app.py).
EXIT_AFTER_SHOWN_ENV = "TALENTDESK_EXIT_AFTER_SHOWN"


def application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)  # Wayland ties the window to the menu entry and icon
    app.setWindowIcon(app_icon())
    return app


def tray_available() -> bool:
    """Whether the desktop has a system tray (QSystemTrayIcon loads only when asked: each Qt
    class PySide builds before the first paint delays it)."""
    from PySide6.QtWidgets import QSystemTrayIcon

    return QSystemTrayIcon.isSystemTrayAvailable()


def startup_error_box(error: TalentDeskError) -> QMessageBox:
    from PySide6.QtWidgets import QMessageBox  # only when the start fails

    box = QMessageBox(QMessageBox.Icon.Critical, f"{APP_NAME} cannot start", error.message)
    box.setObjectName("startupError")
    box.setInformativeText(error.hint)
    return box


def run_gui(
    data_dir: str | None = None,
    verbose: bool = False,
    in_tray: bool = False,
    database: str | None = None,
) -> int:
    """`database`: the --database option (a team database's URL)."""
    app = application()
    install_excepthooks()
    collect_on_gui_thread(app)  # parented to the app: lives as long as it
    paths = resolve_paths(data_dir)
    folder_writable = True
    try:
        paths.ensure()
    except TalentDeskError as exc:
        if not paths.database.is_file():
            print(f"error: {exc}", file=sys.stderr)
            startup_error_box(exc).exec()
            return 2
        folder_writable = False  # a database there opens read-only
    setup_logging(paths.logs, verbose)
    paths = _with_team_database(paths, database)

    instance = SingleInstance(paths)
    refused = _refused(paths, instance, folder_writable)
    if refused is not None:
        return refused
    try:
        try:
            ws = Workspace.open(paths)
        except TalentDeskError as exc:
            log.error("cannot open the database: %s", exc.message)
            print(f"error: {exc}", file=sys.stderr)
            startup_error_box(exc).exec()
            return 2
        # The open workspace and window; File ▸ Open the team database now switches both.
        session = AppSession(
            paths.with_database_url(None),
            lambda opened, _paths: _show_window(app, opened, in_tray),
            instance,
        )
        try:
            window = session.start(ws)
            # Later starts are answered once the window has painted (QtNetwork loads then).
            if window.isVisible():
                after_first_paint(window.list_pane.model, instance.listen)
            else:
                instance.listen()
            in_tray = False  # a window opened by a switch is shown
            return app.exec()
        finally:
            ws = session.ws or ws
            ws.close()  # what is still queued is written first
            from talentdesk.ui.backup_schedule import backup_on_quit

            backup_on_quit(ws)
    finally:
        instance.release()


def _with_team_database(paths: AppPaths, option: str | None) -> AppPaths:
    """The team database this start opens, as the command line would (--database, then
    TALENTDESK_DATABASE_URL), else the one File ▸ Connect to team database… saved; its password
    from the keyring. Else the local file, without loading the keyring."""
    from talentdesk.core.team.remembered import remembered
    from talentdesk.paths import chosen_database_url

    given = chosen_database_url(option)
    if given is not None:
        from talentdesk.core.mail.credentials import Credentials
        from talentdesk.core.team.choice import with_stored_password

        team = paths.with_database_url(with_stored_password(given, Credentials()))
        log.info("opening the team database %s (given for this run)", _label(team))
        return team
    if remembered() is None:
        return paths  # the local file: no team modules loaded
    from talentdesk.core.team.choice import start_url

    return paths.with_database_url(start_url(paths.database))


def _label(paths: AppPaths) -> str:
    """user@host:port/database of an opened team database: never its password."""
    from talentdesk.core.team.choice import opened_connection

    conn = opened_connection(paths)
    return conn.label if conn is not None else "given"


def _refused(paths: AppPaths, instance: SingleInstance, folder_writable: bool) -> int | None:
    """The exit code when another TalentDesk has this folder; None when this one may run."""
    # A read-only folder takes no lock file: nobody can write there, so two windows are safe.
    if folder_writable and not instance.acquire():
        if instance.notify_running():
            print(f"{APP_NAME} is already running on {paths.data_dir}; brought it to the front.")
            return 0
        error = TalentDeskError(
            f"Another {APP_NAME} is using {paths.data_dir} but does not answer.",
            "Close it (or end it in the task manager) and start TalentDesk again.",
        )
        print(f"error: {error}", file=sys.stderr)
        startup_error_box(error).exec()
        return 1
    return None


def _show_window(app: QApplication, ws: Workspace, in_tray: bool) -> MainWindow:
    """The window, shown unless started in the tray, and what starts once it has painted
    (at start, and after a switch of database: ui/app_session.py)."""
    window = MainWindow(ws, ws.paths.settings)
    # Started at login: stay in the tray until asked (without a tray, show the window).
    if not (in_tray and tray_available()):
        window.show()
        log.info("window shown for %s", ws.paths.data_dir)
    if os.environ.get(EXIT_AFTER_SHOWN_ENV):
        after_first_paint(window.list_pane.model, lambda: _report_shown(app))
    # Load the ORM and services while the user looks at the window, once it has
    # painted: the imports hold the GIL and would delay the first page otherwise. Then
    # the window listens to the write path (and through it, to other processes).
    send = sender_to(window)  # dropped if the window is gone by then (a switch)
    warm_up = threading.Thread(
        target=_warm_up,
        args=(
            ws,
            lambda: send(lambda: _write_side_ready(window)),
            lambda: send(lambda: _load_when_back(window)),
        ),
        name="warm-up",
        daemon=True,
    )
    _later(window, WARM_UP_DELAY_MS, warm_up.start)

    # The tray and the scheduler (and what they import) come once the window has
    # painted, like the warm-up.
    def start() -> None:
        from talentdesk.ui.backup_schedule import BackupSchedule

        app.aboutToQuit.connect(start_reminders(window).stop)
        if not ws.on_server:  # a team database is backed up on its server
            backups = BackupSchedule(ws, window)  # stopped by a switch (app_session.py)
            backups.message.connect(window.status)
            backups.start()
            app.aboutToQuit.connect(backups.stop)
        window.mail_ui.start_background_sync()

    _later(window, REMINDERS_START_MS, start)
    return window


def _later(window: MainWindow, ms: int, fn: Callable[[], object]) -> None:
    """`fn` in `ms`, unless the window is gone by then (a switch of database): a timer of the
    window's, which holds `fn` (QTimer.singleShot with a context object does not)."""
    timer = QTimer(window)
    timer.setObjectName(AFTER_START)  # stopped if the window closes first (a switch)
    timer.setSingleShot(True)
    # Through a lambda: PySide holds a bound method's object only weakly (the warm-up's
    # Thread, `warm_up.start`, was collected and never started).
    timer.timeout.connect(lambda: fn())
    timer.timeout.connect(timer.deleteLater)
    timer.start(ms)


def start_reminders(window: MainWindow, first_check_ms: int = 0) -> ReminderScheduler:
    """Start announcing due reminders: in the tray when the desktop has one (the app then
    outlives its window), else in the window's banner."""
    from talentdesk.ui.scheduler import ReminderScheduler
    from talentdesk.ui.tray import TrayNotifier

    scheduler = ReminderScheduler(window.ws, window.events, window)
    tray = None
    if tray_available():
        tray = TrayNotifier(window, scheduler)
        # Dialogs opened from the tray while the window is hidden must not end the app.
        QApplication.setQuitOnLastWindowClosed(False)
    else:
        log.info("no system tray: due reminders show in the window")
        # Started at login, the app may come up before the desktop's tray (or the panel may be
        # started later still): look again, often at first.
        looks = QTimer(window, interval=TRAY_LOOK_MS)
        looks.setObjectName("trayLooks")
        looks.setProperty("looked", 0)  # how many looks so far (tests wait for them)
        remaining = TRAY_LOOKS

        def look() -> None:
            nonlocal remaining
            remaining -= 1
            looks.setProperty("looked", TRAY_LOOKS - remaining)
            if adopt_tray(window, scheduler):
                looks.stop()
            elif remaining == 0:
                looks.setInterval(TRAY_SLOW_LOOK_MS)

        looks.timeout.connect(look)
        looks.start()
    window.attach_reminders(scheduler, tray)
    scheduler.start(first_check_ms)
    return scheduler


def adopt_tray(window: MainWindow, scheduler: ReminderScheduler) -> bool:
    """Move the reminders into the tray once the desktop has one; True when it did."""
    from talentdesk.ui.tray import TrayNotifier

    if window.tray is not None or not tray_available():
        return False
    log.info("the system tray is available now")
    tray = TrayNotifier(window, scheduler)
    QApplication.setQuitOnLastWindowClosed(False)
    window.tray_arrived(tray)
    if scheduler.counts is not None:  # the tooltip and icon show the counts at once
        tray.show_counts(*scheduler.counts)
    return True


def _report_shown(app: QApplication) -> None:
    print("shown", flush=True)
    app.quit()


def _warm_up(ws: Workspace, ready: Callable[[], None], away: Callable[[], None]) -> None:
    """`ready()` once loaded; `away()` when the team database's server went away meanwhile
    (both carried to the GUI thread by the caller: ui/gui_thread.py)."""
    try:
        ws.warm_up()
    except Exception as exc:
        from talentdesk.core.team.reachable import is_server_away

        if ws.on_server and is_server_away(exc):
            log.warning("the team database went away before the write side loaded: %s", exc)
            away()
            return
        # The same error surfaces, with a dialog, when the user first saves.
        log.exception("loading the database services in the background failed")
    else:
        ready()


def _load_when_back(window: MainWindow) -> None:
    """The server went away before the write side loaded: the banner, and the load again
    with its retries (ui/team/server_away.py) until the server answers; then it is ready."""
    watch = window.team_ui.server_away
    if window.property(RETIRED) or watch is None:
        return
    watch.load_when_back(window.ws.warm_up, lambda: _write_side_ready(window))


def _write_side_ready(window: MainWindow) -> None:
    """The write path is loaded: the GUI thread must never wait for it, and the window hears
    its operations (and other processes' commits) from now on."""
    if window.property(RETIRED):  # closed by a switch of database meanwhile: its ws is closed
        return
    window.ws.writer.never_wait_in(threading.main_thread())
    window.events.ops.attach()
    if window.ws.on_server:  # colleagues' commits arrive by LISTEN/NOTIFY
        from talentdesk.ui.team.live import LiveUpdates

        LiveUpdates(window.ws, window.events)  # parented to the events: lives with the window
    # What is loaded by now lives as long as the app: out of the garbage collector's sight, a
    # full collection (run by whichever thread allocates) takes a few ms instead of 50-100.
    gc.freeze()
