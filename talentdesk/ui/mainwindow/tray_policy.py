"""Due reminders in the tray, or in the window's banner where the desktop has no tray; and
whether closing the window keeps TalentDesk running in the tray."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
