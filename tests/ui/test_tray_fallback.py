"""Without a tray host the window shows due reminders itself (a banner that opens the candidate,
closing quits), and a tray that appears after start-up, soon or long after, takes over."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from talentdesk.ui import app as app_module
from talentdesk.ui.app import adopt_tray
from talentdesk.ui.main_window import MainWindow
from tests.ui.conftest import outside_the_window, remind
from tests.ui.tray_host import TrayHost, started, tray_host, with_tray, without_tray

__all__ = ["started", "tray_host", "with_tray", "without_tray"]  # the fixtures, used by name


# -- without a tray host ------------------------------------------------------------------------
def test_without_a_tray_the_window_shows_due_reminders_and_closing_quits(
    qtbot, without_tray, started, window: MainWindow, ws, clock, add_candidate
):
    anna = add_candidate("Anna", "Kowalska")
    jan = add_candidate("Jan", "Nowak")
    first = remind(ws, anna, clock.now + timedelta(minutes=1), note="Send the offer")
    second = remind(ws, jan, clock.now + timedelta(minutes=2))
    scheduler, tray = started()
    assert tray is None
    assert QApplication.quitOnLastWindowClosed()
    assert "no system tray" in window.statusBar().currentMessage()
    assert not window.due_banner.isVisible()

    clock.advance(minutes=5)
    scheduler.check_now()
    assert window.due_banner.isVisible()
    assert window.due_banner.label.text() == (
        "2 reminders due: Anna Kowalska — Send the offer, Jan Nowak — Follow-up"
    )
    qtbot.mouseClick(window.due_banner.show_button, Qt.MouseButton.LeftButton)
    assert window.focusWidget() is window.reminders_pane.tree

    outside_the_window(lambda: (ws.reminders.complete(first), ws.reminders.complete(second)))
    scheduler.check_now()
    assert not window.due_banner.isVisible()

    window.close()
    assert not window.isVisible() and not scheduler.running


def test_without_a_tray_one_due_reminder_opens_its_candidate_from_the_banner(
    qtbot, without_tray, started, window: MainWindow, ws, clock, add_candidate
):
    add_candidate("Jan", "Nowak")
    anna = add_candidate("Anna", "Kowalska")
    remind(ws, anna, clock.now, note="Send the offer")
    started()
    assert window.due_banner.label.text() == "1 reminder due: Anna Kowalska — Send the offer"
    qtbot.mouseClick(window.due_banner.show_button, Qt.MouseButton.LeftButton)
    assert window.candidate_pane.candidate_id == anna


def test_a_tray_that_appears_after_start_up_takes_over_from_the_banner(
    qtbot, tray_host: TrayHost | None, started, window: MainWindow, ws, clock, add_candidate
):
    """Started at login, TalentDesk may come up before the desktop's tray."""
    if tray_host is None:
        pytest.skip("the tray needs a real X screen: run scripts/test (xcb under Xvfb)")
    tray_host.stop()
    anna = add_candidate("Anna", "Kowalska")
    remind(ws, anna, clock.now, note="Send the offer")
    scheduler, tray = started()
    assert tray is None and window.due_banner.isVisible()
    assert not adopt_tray(window, scheduler)  # still no tray

    tray_host.start()
    assert adopt_tray(window, scheduler)
    assert window.tray is not None and window.tray.icon.isVisible()
    assert not window.due_banner.isVisible()
    assert not QApplication.quitOnLastWindowClosed()
    assert window.tray.icon.toolTip() == "TalentDesk\n1 reminder due"
    assert "tray is available now" in window.statusBar().currentMessage()
    clock.advance(minutes=5)
    remind(ws, anna, clock.now, note="Call back")
    with qtbot.waitSignal(window.tray.notified) as notified:
        scheduler.check_now()
    assert notified.args[0] == "Follow-up due: Anna Kowalska"
    assert not window.due_banner.isVisible()  # the banner no longer listens


def test_a_tray_that_appears_long_after_start_up_is_still_found(
    qtbot,
    tray_host: TrayHost | None,
    started,
    window: MainWindow,
    monkeypatch: pytest.MonkeyPatch,
):
    """After the first minutes of looking often, the app keeps looking, once a minute."""
    if tray_host is None:
        pytest.skip("the tray needs a real X screen: run scripts/test (xcb under Xvfb)")
    monkeypatch.setattr(app_module, "TRAY_LOOK_MS", 10)
    monkeypatch.setattr(app_module, "TRAY_LOOKS", 3)
    monkeypatch.setattr(app_module, "TRAY_SLOW_LOOK_MS", 200)
    tray_host.stop()
    _scheduler, tray = started()
    assert tray is None
    looks = window.findChild(QTimer, "trayLooks")
    assert looks is not None
    # The often looks are over, and one slow one too.
    qtbot.waitUntil(lambda: looks.property("looked") >= 3 + 1)
    assert looks.interval() == 200
    assert window.tray is None
    tray_host.start()
    qtbot.waitUntil(lambda: window.tray is not None, timeout=5000)
    assert window.tray.icon.isVisible()


def test_a_long_banner_wraps_instead_of_widening_the_window(
    qtbot, without_tray, started, window: MainWindow, ws, clock, add_candidate
):
    """Three reminders with long names and notes: the banner's line would be ~1,500 px wide and
    (unwrapped) the window could not be narrower than that, wider than most screens."""
    width = window.width()
    for first, last in (("Maximilian", "Schwarzenberg-Wittelsbach"), ("Anna", "Kowalska-Nowak")):
        person = add_candidate(first, last)
        note = "Check in after the notice period ends and ask about the relocation package"
        remind(ws, person, clock.now, note=note)
    remind(ws, add_candidate("Jan", "Nowakowski"), clock.now, note="Send the offer letter")
    started()
    qtbot.waitUntil(window.due_banner.isVisible)
    assert window.due_banner.label.text().startswith("3 reminders due: ")
    assert window.minimumSizeHint().width() <= 1280
    assert window.width() == width
