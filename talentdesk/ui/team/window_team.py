"""The window's team database actions (File ▸ Connect to team database…, File ▸ Use the local
database) and which database is open: in the title and the status bar, beside a saved team
database that opens at the next start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QMenu

from talentdesk import APP_NAME
from talentdesk.core.team.choice import opened_connection
from talentdesk.core.team.remembered import forget, remembered
from talentdesk.ui.qaction import make_action

if TYPE_CHECKING:
    from talentdesk.core.mail.credentials import Credentials
    from talentdesk.core.team.connection import TeamConnection
    from talentdesk.ui.main_window import MainWindow
    from talentdesk.ui.team.connect_dialog import TeamConnectDialog
    from talentdesk.ui.team.server_away import ServerAway

LOCAL = "local database"


class WindowTeam(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._credentials: Credentials | None = None
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
        menu.addActions([self.connect_action, self.local_action])

    def refresh(self) -> None:
        """The title and status bar say what is open, and what opens next if that differs."""
        open_now = opened_connection(self._window.ws.paths)
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
        self.local_action.setVisible(next_start is not None)

    def open_connect(self) -> TeamConnectDialog:
        from talentdesk.ui.team.connect_dialog import TeamConnectDialog

        current = remembered() or opened_connection(self._window.ws.paths)
        dialog = TeamConnectDialog(self.credentials, current, self._window)
        dialog.saved.connect(self._saved)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def _saved(self, conn: TeamConnection) -> None:
        self.refresh()
        self._window.status(f"Saved the team database {conn.label}: restart TalentDesk to open it.")

    def use_local(self) -> None:
        from talentdesk.core.team.password import forget_password

        conn = remembered()
        if conn is not None:
            forget_password(conn, self.credentials)
        forget()
        self.refresh()
        again = " The local database opens at the next start." if self._window.ws.on_server else ""
        self._window.status(f"Forgot the team database and its password.{again}")
