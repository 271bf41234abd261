"""The Settings dialog opened from the main window, and what follows once it is saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from talentdesk.ui.main_window import MainWindow


def open_settings(w: MainWindow) -> None:
    from talentdesk.ui.dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(w.ws, w.events.ops, w, tray_available=w.tray is not None)
    dialog.mail_account_button.clicked.connect(lambda: w.mail_ui.open_account())
    dialog.imap_account_button.clicked.connect(lambda: w.mail_ui.open_imap())
    dialog.accepted.connect(lambda: _saved(w))
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def _saved(w: MainWindow) -> None:
    # Due times of reminders without a time, birthdays and feedback rules may have moved.
    if w.scheduler is not None:
        w.scheduler.refresh_generated()
