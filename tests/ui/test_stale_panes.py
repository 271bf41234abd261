"""Panes never show what belongs to someone else or to an earlier state: the new-candidate form
has no previous person's counts or e-mail buttons, a stage change updates the Reminders tab,
the profile follows the list, and the list's menu starts with a real item."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.demo import seed_demo
from talentdesk.core.ops.changes import Changes
from talentdesk.ui.main_window import MainWindow
from tests.ui.conftest import outside_the_window
from tests.ui.window_driver import click_pool, click_row, wait_for_new_candidate_form


def tab_texts(window: MainWindow) -> list[str]:
    tabs = window.candidate_pane.tabs
    return [tabs.tabText(i) for i in range(tabs.count())]


def test_the_new_candidate_form_shows_nothing_of_the_previous_person(
    qtbot, ws, clock, add_candidate, open_window
):
    anna = add_candidate("Anna", "Kowalska", email="anna@example.com")
    pool = outside_the_window(lambda: ws.pools.create("Backend"))
    outside_the_window(lambda: ws.pools.add_members(pool, [anna]))
    outside_the_window(lambda: ws.interactions.log(anna, InteractionKind.CALL, clock.now, "Call"))
    window = open_window()
    click_row(qtbot, window, "Anna Kowalska")
    pane = window.candidate_pane
    qtbot.waitUntil(lambda: tab_texts(window)[1] == "Pools (1)")
    assert pane.email_button.isEnabled() and pane.log_reply_button.isEnabled()

    window.new_candidate_action.trigger()
    wait_for_new_candidate_form(qtbot, window)

    assert tab_texts(window)[1:] == ["Pools", "Timeline", "Reminders", "Applications"]
    assert not pane.email_button.isEnabled()  # nobody to write to yet
    assert not pane.log_reply_button.isEnabled()


def test_a_stage_change_to_declined_updates_the_reminders_tab(
    qtbot, ws, add_candidate, open_window, settle
):
    anna = add_candidate("Anna", "Kowalska")
    pool = outside_the_window(lambda: ws.pools.create("Backend"))
    outside_the_window(lambda: ws.pools.add_members(pool, [anna]))
    window = open_window()
    click_row(qtbot, window, "Anna Kowalska")
    pane = window.candidate_pane
    qtbot.waitUntil(lambda: tab_texts(window)[3] == "Reminders (0)")

    stage = pane.pools_table.cellWidget(0, 1)
    assert isinstance(stage, QComboBox)
    stage.setCurrentIndex(stage.findText("Declined"))
    settle(window)

    # Declined: feedback is owed, and the tab says so without selecting Anna again.
    qtbot.waitUntil(lambda: tab_texts(window)[3] == "Reminders (1)")
    assert ws.reminders.for_candidate(anna)[0].done_at is None


def test_the_profile_is_cleared_when_its_person_is_not_in_the_list(
    qtbot, ws, add_candidate, open_window
):
    anna = add_candidate("Anna", "Kowalska")
    add_candidate("Bartek", "Nowak")
    pool = outside_the_window(lambda: ws.pools.create("Backend"))
    outside_the_window(lambda: ws.pools.add_members(pool, [anna]))
    window = open_window()
    click_row(qtbot, window, "Bartek Nowak")
    pane = window.candidate_pane
    qtbot.waitUntil(lambda: pane.name_label.text() == "Bartek Nowak")

    click_pool(qtbot, window, "Backend")  # Bartek is not in it
    qtbot.waitUntil(lambda: window.list_pane.model.rowCount() == 1)
    qtbot.waitUntil(lambda: pane.candidate_id is None)
    assert pane.stack.currentIndex() == 0  # the "select a candidate" page

    click_row(qtbot, window, "Anna Kowalska")
    qtbot.waitUntil(lambda: pane.name_label.text() == "Anna Kowalska")
    click_pool(qtbot, window, "All candidates")  # Anna is still listed: she stays
    qtbot.waitUntil(lambda: window.list_pane.model.rowCount() == 2)
    assert pane.candidate_id == anna


def test_a_long_list_keeps_or_clears_the_profile_once_its_rest_is_read(
    qtbot, ws, clock, add_candidate, open_window
):
    """Past the first 500 ids, a long list reads the rest after it shows: whether the person
    shown is in it is known only then (and a keystroke's query does not wait for it)."""
    seed_demo(ws.db, 620, clock.now)
    everyone = ws.listing.ids(ListQuery())
    pool = outside_the_window(lambda: ws.pools.create("Big"))
    outside_the_window(lambda: ws.pools.add_members(pool, everyone[:600]))
    outsider = add_candidate("Zygmunt", "Zzz")  # last by name, and not in the pool
    window = open_window()
    model = window.list_pane.model
    qtbot.waitUntil(lambda: model.rowCount() == 621)
    window.open_candidate(outsider)
    pane = window.candidate_pane
    assert pane.candidate_id == outsider

    window.events.touch(Changes(candidate_list=True))  # the list is read again: kept
    assert model.has(outsider)
    assert pane.candidate_id == outsider

    with qtbot.waitSignal(model.ids_completed):
        with qtbot.waitSignal(model.landed):  # the pool's first screen, read on a thread
            click_pool(qtbot, window, "Big", wait=False)  # 600 people, not him: cleared
        assert model.has(outsider) is None  # not among the first ids read (once known)
        assert pane.candidate_id == outsider
    qtbot.waitUntil(lambda: pane.candidate_id is None)
