"""The window's team database actions (File ▸ Connect to team database…, Move this database to
a team server…, Open the team database now, Switch back to the local database, Use the local
database) and which database is open: in the title and the status bar, beside a saved team
database that opens at the next start. Switching now is ui/app_session.py's (`switcher`: None
for a window without one, which then offers the next start only)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QMenu

from talentdesk import APP_NAME
from talentdesk.core.team.remembered import forget, remembered
from talentdesk.ui.qaction import make_action

if TYPE_CHECKING:
    from talentdesk.core.mail.credentials import Credentials
    from talentdesk.core.team.connection import TeamConnection
    from talentdesk.ui.main_window import MainWindow
    from talentdesk.ui.team.connect_dialog import TeamConnectDialog
    from talentdesk.ui.team.move_dialog import MoveToServerDialog
    from talentdesk.ui.team.server_away import ServerAway

LOCAL = "local database"
Switcher = Callable[["TeamConnection | None", "str | None"], bool]


class WindowTeam(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._credentials: Credentials | None = None
        self.switcher: Switcher | None = None  # set by the app's session (app_session.py)
        self.connect_action = make_action(
            window,
            "Connect to team &database…",
            None,
            lambda: self.open_connect(),
            "Set up and test the team's PostgreSQL database, opened at the next start",
        )
        self.local_action = make_action(
            window,
            "Use the &local database",
            None,
            lambda: self.use_local(),
            "Forget the saved team database and its password",
        )
        self.move_action = make_action(
            window,
            "&Move this database to a team server…",
            None,
            lambda: self.open_move(),
            "Copy this computer's database into an empty team database on a PostgreSQL server",
        )
        self.open_team_action = make_action(
            window,
            "&Open the team database now",
            None,
            lambda: self.switch_to_saved(),
            "Close this database and open the saved team database in its place",
        )
        self.switch_local_action = make_action(
            window,
            "Switch &back to the local database",
            None,
            lambda: self.switch_to_local(),
            "Close the team database and open this computer's database in its place",
        )
        self.database_label = QLabel()
        self.database_label.setObjectName("databaseLabel")
        window.statusBar().addPermanentWidget(self.database_label)
        self.refresh()
        self.server_away: ServerAway | None = None
        if window.ws.on_server:  # the banner while the server cannot be reached
            from talentdesk.ui.team.server_away import ServerAway

            self.server_away = ServerAway(window)

    @property
    def credentials(self) -> Credentials:
        if self._credentials is None:  # the keyring is loaded when first needed
            from talentdesk.core.mail.credentials import Credentials

            self._credentials = Credentials()
        return self._credentials

    def fill_file_menu(self, menu: QMenu) -> None:
        menu.addSeparator()
        menu.addActions(
            [
                self.connect_action,
                self.move_action,
                self.open_team_action,
                self.switch_local_action,
                self.local_action,
            ]
        )

    def refresh(self) -> None:
        """The title and status bar say what is open, and what opens next if that differs."""
        open_now = _opened(self._window.ws.paths)
        next_start = remembered()
        name = open_now.label if open_now else LOCAL
        self._window.setWindowTitle(f"{APP_NAME} — {name}")
        text = f"Team database: {name}" if open_now else "Local database"
        if open_now is not None and open_now.unencrypted:
            text += " (unencrypted)"
        if next_start is not None and next_start != open_now:
            text += f" · team database saved: {next_start.label} (opens at the next start)"
        self.database_label.setText(text)
        self.database_label.setToolTip(
            str(self._window.ws.paths.database) if open_now is None else name
        )
        on_server = open_now is not None
        self.move_action.setVisible(not on_server)
        can_switch = self.switcher is not None
        # On a team database with switching at hand, Switch back does what this did and more.
        self.local_action.setVisible(next_start is not None and not (can_switch and on_server))
        self.open_team_action.setVisible(can_switch and next_start not in (None, open_now))
        self.switch_local_action.setVisible(can_switch and on_server)

    def open_connect(self) -> TeamConnectDialog:
        from talentdesk.ui.team.connect_dialog import TeamConnectDialog

        current = remembered() or _opened(self._window.ws.paths)
        dialog = TeamConnectDialog(self.credentials, current, self._window)
        dialog.saved.connect(self._saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _saved(self, conn: TeamConnection) -> None:
        self.refresh()
        if self.switcher is None or conn == _opened(self._window.ws.paths):
            self._window.status(
                f"Saved the team database {conn.label}: restart TalentDesk to open it."
            )
            return
        from talentdesk.ui.team.open_now import ask_open_now

        ask_open_now(self._window, conn, lambda: self.switch_to_saved())

    def open_move(self) -> MoveToServerDialog:
        """File ▸ Move this database to a team server… (the local database only)."""
        from talentdesk.ui.team.move_dialog import MoveToServerDialog

        ws = self._window.ws

        def finish_writes() -> None:  # on the move's thread: queued writes land first
            if ws.read_only is None:
                ws.writer.run(lambda: None, label="Finishing the writes before the move")

        dialog = MoveToServerDialog(
            self.credentials,
            ws.paths.database,
            finish_writes=finish_writes,
            can_open_now=self.switcher is not None,
            current=remembered(),
            parent=self._window,
        )
        dialog.saved.connect(lambda _conn: self.refresh())
        dialog.open_now.connect(lambda _conn: self.switch_to_saved())
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def switch_to_saved(self) -> None:
        """Open the saved team database in place of this one, now."""
        from talentdesk.core.team.password import stored_password

        conn = remembered()
        if conn is None or self.switcher is None:
            return
        self.switcher(conn, stored_password(conn, self.credentials))

    def switch_to_local(self) -> None:
        """Back to this computer's database, now and at the next start (the password stays
        in the keyring, for connecting again)."""
        if self.switcher is not None and self.switcher(None, None):
            forget()

    def use_local(self) -> None:
        from talentdesk.core.team.password import forget_password

        conn = remembered()
        if conn is not None:
            forget_password(conn, self.credentials)
        forget()
        self.refresh()
        again = " The local database opens at the next start." if self._window.ws.on_server else ""
        self._window.status(f"Forgot the team database and its password.{again}")


def _opened(paths: object) -> TeamConnection | None:
    """The team database the window has open (None: the local file, which needs no parsing,
    nor the team modules loaded before the first paint)."""
    if not getattr(paths, "database_url", None):
        return None
    from talentdesk.core.team.choice import opened_connection

    return opened_connection(paths)
