"""Due reminders in the tray, or in the window's banner where the desktop has no tray; and
what closing the window means: hiding it in the tray, or quitting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from talentdesk.ui.main_window import MainWindow
    from talentdesk.ui.scheduler import ReminderScheduler
    from talentdesk.ui.tray import TrayNotifier

NO_TRAY = (
    "This desktop has no system tray: due reminders show at the top of the window, "
    "and closing the window quits TalentDesk."
)
TRAY_ARRIVED = (
    "The system tray is available now: due reminders are announced there, and closing "
    "the window keeps TalentDesk running in it."
)


def attach(w: MainWindow, scheduler: ReminderScheduler, tray: TrayNotifier | None) -> None:
    w.scheduler = scheduler
    w.tray = tray
    scheduler.announced.connect(w.reminders_pane.reload)  # what fell due moves group
    scheduler.backlog_announced.connect(w.reminders_pane.reload)
    if tray is None:
        scheduler.announced.connect(w.due_banner.show_due)
        scheduler.backlog_announced.connect(w.due_banner.show_backlog)
        scheduler.counts_changed.connect(w.due_banner.show_counts)
        w.status(NO_TRAY, 15000)


def tray_arrived(w: MainWindow, tray: TrayNotifier) -> None:
    """The desktop's tray appeared after start-up: announce there from now on."""
    assert w.scheduler is not None
    w.scheduler.announced.disconnect(w.due_banner.show_due)
    w.scheduler.backlog_announced.disconnect(w.due_banner.show_backlog)
    w.scheduler.counts_changed.disconnect(w.due_banner.show_counts)
    w.due_banner.hide()
    w.tray = tray
    w.status(TRAY_ARRIVED, 15000)


def keeps_running_in_tray(w: MainWindow) -> bool:
    if w.tray is None:
        return False
    from talentdesk.core import settings

    return settings.read(w.ws.reader, settings.CLOSE_TO_TRAY)


def hint_tray_once(w: MainWindow) -> None:
    """The first time closing hides the window: the tray says where TalentDesk went."""
    from talentdesk.core import settings

    if w.tray is None or settings.read(w.ws.reader, settings.TRAY_HINT_SHOWN):
        return
    w.tray.show_hint()
    store = w.ws.settings_store()
    w.events.ops.run(
        "Noting the tray hint was shown", lambda: store.set(settings.TRAY_HINT_SHOWN, True)
    )


def close_window(w: MainWindow, quitting: bool) -> bool:
    """Whether the window may close now (False: it stays, or hides in the tray). Closing for
    real stops the mail, the scheduler and the tray, and with a tray quits the app."""
    if not quitting and keeps_running_in_tray(w):
        # Unsaved edits stay in the form: nothing is lost by hiding.
        w.save_layout()
        w.hide()
        hint_tray_once(w)
        return False
    pane = w.built_candidate_pane
    if pane is not None and not pane.confirm_leave():
        return False
    w.save_layout()
    w.mail_ui.stop()
    if w.scheduler is not None:
        w.scheduler.stop()
    if w.tray is not None:
        w.tray.hide()
        if not quitting:  # the tray keeps the app alive: closing means quitting
            QApplication.quit()
    return True
