"""The tray notifier for real: a tray host (Debian's `trayer`) started by the test run on the
X screen scripts/test provides (tests/ui/tray_host.py), a real window and database, and the
injected clock; and the settings it follows. Without a tray host: test_tray_fallback.py.

The tray tests need the xcb platform (scripts/test); with QT_QPA_PLATFORM=offscreen there is no
tray to host, so they are skipped and only the fallback runs.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from talentdesk.core import settings
from talentdesk.core.db.enums import ReminderKind
from talentdesk.core.reminders import autostart
from talentdesk.core.workspace import Workspace
from talentdesk.ui.dialogs.settings_dialog import SettingsDialog
from talentdesk.ui.icons import app_icon, overdue_icon
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.tray import TRAY_HINT
from tests.ui.conftest import outside_the_window, remind, set_setting
from tests.ui.tray_host import same_icon, started, tray_host, with_tray, without_tray

__all__ = ["started", "tray_host", "with_tray", "without_tray"]  # the fixtures, used by name


# -- with a tray host ---------------------------------------------------------------------------
def test_the_tray_shows_how_many_are_due_and_a_red_dot_when_overdue(
    with_tray, started, ws: Workspace, clock, add_candidate
):
    anna = add_candidate("Anna", "Kowalska")
    jan = add_candidate("Jan", "Nowak")
    overdue = remind(ws, anna, clock.now - timedelta(days=2), note="Send the offer")
    remind(ws, jan, clock.now - timedelta(hours=1))
    remind(ws, jan, clock.now + timedelta(days=1))

    scheduler, tray = started()
    assert tray is not None and tray.icon.isVisible()
    assert not QApplication.quitOnLastWindowClosed()
    assert tray.icon.toolTip() == "TalentDesk\n2 reminders due, 1 overdue"
    assert tray.shows_overdue and same_icon(tray.icon.icon(), overdue_icon())

    outside_the_window(lambda: ws.reminders.complete(overdue))
    scheduler.check_now()
    assert tray.icon.toolTip() == "TalentDesk\n1 reminder due"
    assert not tray.shows_overdue and same_icon(tray.icon.icon(), app_icon())


def test_a_due_reminder_is_announced_and_its_message_opens_the_candidate(
    qtbot, with_tray, started, window: MainWindow, ws, clock, add_candidate
):
    add_candidate("Jan", "Nowak")
    anna = add_candidate("Anna", "Kowalska")
    remind(ws, anna, clock.now + timedelta(minutes=10), note="Send the offer")
    scheduler, tray = started()
    assert tray is not None
    assert tray.icon.toolTip() == "TalentDesk\nNothing due"
    window.close()
    assert not window.isVisible()

    clock.advance(minutes=10)
    with qtbot.waitSignal(tray.notified) as blocker:
        scheduler.check_now()
    assert blocker.args == ["Follow-up due: Anna Kowalska", "Send the offer"]
    with qtbot.assertNotEmitted(tray.notified):
        scheduler.check_now()  # announced once

    tray.icon.messageClicked.emit()
    qtbot.waitUntil(window.isVisible)
    assert window.candidate_pane.candidate_id == anna


def test_several_at_once_make_one_message_that_opens_the_reminders_pane(
    qtbot, with_tray, started, window: MainWindow, ws, clock, add_candidate
):
    names = [("Anna", "Kowalska"), ("Jan", "Nowak"), ("Piotr", "Zieliński"), ("Ewa", "Wiśniewska")]
    for minutes, (first, last) in enumerate(names, start=1):
        remind(ws, add_candidate(first, last), clock.now + timedelta(minutes=minutes))
    scheduler, tray = started()
    assert tray is not None
    window.close()

    clock.advance(hours=1)
    with qtbot.waitSignal(tray.notified) as blocker:
        scheduler.check_now()
    assert blocker.args == ["4 follow-ups due", "Anna Kowalska, Jan Nowak, Piotr Zieliński, …"]

    tray.icon.messageClicked.emit()
    qtbot.waitUntil(window.isVisible)
    assert window.focusWidget() is window.reminders_pane.tree


def test_the_menu_lists_what_is_due_and_snoozes_all_for_an_hour(
    qtbot, with_tray, started, window: MainWindow, ws, clock, add_candidate
):
    anna = add_candidate("Anna", "Kowalska")
    jan = add_candidate("Jan", "Nowak")
    remind(ws, anna, clock.now - timedelta(minutes=5), note="Send the offer")
    remind(ws, jan, clock.now - timedelta(minutes=1), kind=ReminderKind.CHECK_IN)
    scheduler, tray = started()
    assert tray is not None
    texts = [action.text() for action in tray.menu.actions() if not action.isSeparator()]
    assert texts == [
        "Open TalentDesk",
        "Anna Kowalska — Send the offer",
        "Jan Nowak — Check in",
        "Snooze all 1 hour",
        "&Settings…",
        "Quit",
    ]

    tray.reminder_actions[1].trigger()
    assert window.candidate_pane.candidate_id == jan

    tray.snooze_action.trigger()
    qtbot.waitUntil(lambda: scheduler.counts == (0, 0))
    assert ws.reminders.due_now(clock.now) == []
    assert tray.icon.toolTip() == "TalentDesk\nNothing due"
    assert tray.reminder_actions == [] and not tray.snooze_action.isEnabled()

    clock.advance(hours=1)
    with qtbot.waitSignal(tray.notified) as blocker:
        scheduler.check_now()  # the snooze ended: announced again
    assert blocker.args[0] == "2 reminders due"


def test_closing_hides_to_the_tray_with_a_hint_once_and_quit_really_quits(
    qtbot, with_tray, started, window: MainWindow, ws, paths
):
    scheduler, tray = started()
    assert tray is not None
    with qtbot.waitSignal(tray.notified) as blocker:
        window.close()
    assert blocker.args == ["TalentDesk", TRAY_HINT]
    assert not window.isVisible() and scheduler.running and tray.icon.isVisible()
    qtbot.waitUntil(lambda: settings.read(ws.reader, settings.TRAY_HINT_SHOWN))

    tray.open_action.trigger()
    assert window.isVisible()
    with qtbot.assertNotEmitted(tray.notified):
        window.close()  # the hint was shown once already
    assert not window.isVisible()

    # The tray's Quit ends the event loop even though the window is hidden, saving the layout.
    app = QApplication.instance()
    guard = QTimer(singleShot=True, interval=5000)
    guard.timeout.connect(lambda: app.exit(99))
    guard.start()
    QTimer.singleShot(0, tray.quit_action.trigger)
    try:
        assert app.exec() == 0
    finally:
        guard.stop()
    assert not scheduler.running and not tray.icon.isVisible()
    assert window.settings.value("window/geometry") is not None


def test_with_close_to_tray_off_closing_the_window_quits(
    qtbot, with_tray, started, window: MainWindow, ws
):
    set_setting(ws, settings.CLOSE_TO_TRAY, False)
    scheduler, tray = started()
    assert tray is not None
    app = QApplication.instance()
    guard = QTimer(singleShot=True, interval=5000)
    guard.timeout.connect(lambda: app.exit(99))
    guard.start()
    QTimer.singleShot(0, window.close)
    try:
        assert app.exec() == 0
    finally:
        guard.stop()
    assert not window.isVisible() and not scheduler.running


# -- settings ---------------------------------------------------------------------------------
def test_settings_switch_start_at_login_and_store_the_working_day(
    qtbot, window: MainWindow, ws, paths
):
    assert not autostart.is_enabled()
    window.settings_action.trigger()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.close_to_tray.isChecked() and not dialog.close_to_tray.isEnabled()
    dialog.start_at_login.setChecked(True)
    dialog.day_start.setTime(dialog.day_start.time().fromString("08:30", "HH:mm"))
    dialog.birthday_days.setValue(3)
    dialog.feedback_days.setValue(21)
    assert (dialog.keep_daily.value(), dialog.keep_weekly.value()) == (7, 4)
    assert dialog.keep_before.value() == 10
    dialog.keep_daily.setValue(14)
    dialog.keep_weekly.setValue(0)
    dialog.keep_before.setValue(3)
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()  # once the settings are stored

    assert autostart.is_enabled()
    entry = autostart._desktop_file(None).read_text(encoding="utf-8")
    assert f"-m talentdesk --data-dir {paths.data_dir} --in-tray" in entry
    assert settings.read(ws.reader, settings.WORK_DAY_START).isoformat() == "08:30:00"
    assert settings.read(ws.reader, settings.BIRTHDAY_DAYS_BEFORE) == 3
    assert settings.read(ws.reader, settings.FEEDBACK_AFTER_INTERVIEW_DAYS) == 21
    assert settings.read(ws.reader, settings.BACKUPS_KEEP_DAILY) == 14
    assert settings.read(ws.reader, settings.BACKUPS_KEEP_WEEKLY) == 0
    assert settings.read(ws.reader, settings.BACKUPS_KEEP_BEFORE) == 3

    window.settings_action.trigger()
    dialog = next(d for d in window.findChildren(SettingsDialog) if d.isVisible())
    assert dialog.start_at_login.isChecked()
    dialog.start_at_login.setChecked(False)
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    assert not autostart.is_enabled()
