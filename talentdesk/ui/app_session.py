"""The open workspace and its window, for as long as the app runs, and switching both to another
database without a restart (File ▸ Open the team database now, Switch back to the local
database, and the offers after Connect and Move).

A switch is done in the process rather than by relaunching: a relaunch would have to hand the
single-instance lock over to a child (which refuses to start while this one holds it) and
rebuild its command line (a bundled app has no `python -m`). In the process, the old window is
closed as quitting closes it (unsaved edits asked about, mail and reminders stopped, the tray
hidden), its workspace closed as at quit (queued writes finish first), and the new window made
by the same function as at start (warm-up, write path, live updates, tray, backups). The new
database is opened first, off the GUI thread for a server: if it cannot be opened, the window
stays as it was and says why."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from talentdesk.core.errors import TalentDeskError
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from talentdesk.ui.gui_thread import sender_to

if TYPE_CHECKING:
    from talentdesk.core.team.connection import TeamConnection
    from talentdesk.ui.main_window import MainWindow
    from talentdesk.ui.single_instance import SingleInstance

log = logging.getLogger(__name__)
ShowWindow = Callable[[Workspace, AppPaths], "MainWindow"]
# The object name of the timers that start the window's background work after its first
# paint (ui/app.py): a window closed before they fire must not start it.
AFTER_START = "afterStart"
RETIRED = "retired"  # a window's property once it is closed for good by a switch


class AppSession(QObject):
    def __init__(
        self,
        local: AppPaths,
        show: ShowWindow,
        instance: SingleInstance | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else QApplication.instance())
        self._local = local  # the data folder's paths, without a database URL
        self._show = show
        self._instance = instance
        self.ws: Workspace | None = None
        self.window: MainWindow | None = None
        self.switching = False
        self.switches = 0  # switches done (tests wait for it)

    def start(self, ws: Workspace) -> MainWindow:
        """The window on `ws`, shown (the session owns `ws` from now on)."""
        self.ws = ws
        window = self._show(ws, ws.paths)
        window.team_ui.switcher = self.switch_to
        window.team_ui.refresh()
        if self._instance is not None:
            self._instance.activated.connect(window.bring_to_front)
        self.window = window
        return window

    def switch_to(self, conn: TeamConnection | None, password: str | None = None) -> bool:
        """Open the team database `conn` (None: this computer's file) in place of the open one;
        returns at once (False: not started, the user kept unsaved edits), the switch follows
        once it is open."""
        window = self.window
        if self.switching or window is None:
            return False
        pane = window.built_candidate_pane
        if pane is not None and not pane.confirm_leave():
            return False
        paths = self._local if conn is None else self._local.with_database_url(conn.url(password))
        name = "local database" if conn is None else f"team database {conn.label}"
        self.switching = True
        window.status(f"Opening the {name}…", 0)
        if paths.database_url is None:  # a file: quick, and its reader belongs to this thread
            QTimer.singleShot(0, lambda: self._open_here(paths, name))  # after the caller
            return True
        send = sender_to(self)

        def run() -> None:  # on its own thread: connecting and checking the schema may wait
            try:
                ws = Workspace.open(paths)
            except Exception as exc:
                if not isinstance(exc, TalentDeskError):
                    log.exception("opening the %s failed", name)
                failure = exc
                send(lambda: self._not_opened(name, failure))
            else:
                send(lambda: self._opened(ws, name))

        threading.Thread(target=run, name="open-database", daemon=True).start()
        return True

    def _open_here(self, paths: AppPaths, name: str) -> None:
        try:
            ws = Workspace.open(paths)
        except TalentDeskError as exc:
            self._not_opened(name, exc)
            return
        self._opened(ws, name)

    def _not_opened(self, name: str, error: Exception) -> None:
        self.switching = False
        window = self.window
        if window is None:
            return
        window.status("")
        if not isinstance(error, TalentDeskError):  # a bug: the error box says so, and logs it
            from talentdesk.ui.errors import show_error

            show_error(window, error, f"Cannot open the {name}")
            return
        # Not show_error: on a team database it would take "cannot be reached" for the open
        # database's server (its banner), where this is about the one being opened.
        from PySide6.QtWidgets import QMessageBox  # loaded when it first opens

        box = QMessageBox(
            QMessageBox.Icon.Warning, f"Cannot open the {name}", error.message, parent=window
        )
        box.setObjectName("switchError")
        stays = "This window stays on the database it shows."
        box.setInformativeText("\n\n".join(filter(None, (error.hint, stays))))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def _opened(self, ws: Workspace, name: str) -> None:
        """Close the old window and workspace, then show the new window on `ws`."""
        old, old_ws = self.window, self.ws
        app = QApplication.instance()
        quit_on_close = isinstance(app, QApplication) and app.quitOnLastWindowClosed()
        QApplication.setQuitOnLastWindowClosed(False)  # no window for a moment: not a quit
        try:
            if old is not None and not self._retire(old):
                ws.close()  # the user kept the old window (unsaved edits): nothing changes
                old.status("")
                return
            if old_ws is not None:
                try:
                    old_ws.close()  # what is still queued is written first
                except Exception:  # its writes' own failures were told as they happened
                    log.exception("closing the database switched from failed")
            self.window = None
            window = self.start(ws)
            self.switches += 1
            log.info("switched to the %s", name)
            window.status(f"Opened the {name}.")
        finally:
            self.switching = False
            QApplication.setQuitOnLastWindowClosed(quit_on_close)

    def _retire(self, window: MainWindow) -> bool:
        """Close `window` for good as quitting does; False when the user keeps it open."""
        from talentdesk.ui.backup_schedule import BackupSchedule

        if not window.close_for_switch():
            return False
        window.setProperty(RETIRED, True)  # the warm-up's hand-over, if still to come, is dropped
        for timer in window.findChildren(QTimer, AFTER_START):
            timer.stop()  # the warm-up, reminders, backups and mail not started yet: never
        for backups in window.findChildren(BackupSchedule):
            backups.stop()  # a daily backup under way is waited for, not abandoned
        window.events.ops.detach()
        if self._instance is not None:
            self._instance.activated.disconnect(window.bring_to_front)
        window.deleteLater()
        return True

    def close(self) -> None:
        """For a test: the window closed for good and the workspace with it."""
        window, ws = self.window, self.ws
        self.window = self.ws = None
        if window is not None:
            self._retire(window)
        if ws is not None:
            ws.close()
