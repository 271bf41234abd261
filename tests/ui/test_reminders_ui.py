"""Reminders in the window, driven like a user: add, edit, repeat, snooze, complete with a log,
delete (generated reminders and pool cadences: test_reminder_cadences_ui.py).

The user here lives in Warsaw (UTC+1 in November): dates and times are typed and shown in local
time and must land in the database in UTC (tests/ui/reminder_helpers.py).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import QMessageBox

from talentdesk.core import settings
from talentdesk.core.db.enums import InteractionKind, ReminderKind
from talentdesk.ui.dialogs.complete_dialog import CompleteDialog
from talentdesk.ui.dialogs.reminder_dialog import ReminderDialog
from talentdesk.ui.ops import all_idle
from talentdesk.ui.widgets.snooze_dialog import PickSnoozeDialog
from tests.ui.conftest import remind, set_setting
from tests.ui.reminder_helpers import (
    CTRL,
    SHIFT,
    _local_time_is_warsaw,
    anna,
    focus,
    open_candidate,
    open_reminders,
    reminder_rows,
    save,
    select_row,
    sql,
    status,
    utc,
    ws,
)

__all__ = ["_local_time_is_warsaw", "anna", "ws"]  # the fixtures, used by name


# -- adding and editing -------------------------------------------------------------------------
def test_add_then_edit_a_reminder_in_local_time(qtbot, ws, anna, open_window, modal):
    window = open_window()
    open_candidate(qtbot, window, anna)

    def add(dialog: ReminderDialog) -> None:
        assert dialog.windowTitle() == "Add reminder — Anna Kowalska"
        # Tomorrow at the start of the working day, no specific time.
        assert dialog.date.date() == QDate(2026, 11, 26)
        assert dialog.all_day.isChecked() and not dialog.time.isEnabled()
        assert dialog.time.time() == QTime(9, 0)
        assert dialog.repeat.currentText() == "Does not repeat"
        dialog.kind.setCurrentIndex(dialog.kind.findText("Check in"))
        dialog.note.insert("Ask about the Kraków move")  # QTest types ASCII only
        dialog.date.setDate(QDate(2026, 12, 3))
        dialog.all_day.setChecked(False)
        dialog.time.setTime(QTime(14, 30))
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return)  # Enter saves

    modal.run(lambda: qtbot.keyClick(window.list_pane.table, Qt.Key.Key_R, CTRL), add)

    assert open_reminders(ws, anna) == [
        (utc(2026, 12, 3, 13, 30), None, ReminderKind.CHECK_IN, "Ask about the Kraków move", None)
    ]
    assert reminder_rows(window) == [
        ["03 Dec 2026 14:30", "Check in", "Ask about the Kraków move", ""]
    ]
    assert window.candidate_pane.tabs.tabText(3) == "Reminders (1)"
    assert status(window) == "Reminder added for 03 Dec 2026 14:30."
    assert [i.text(2) for i in window.reminders_pane.group_items("later")] == [
        "Check in: Ask about the Kraków move"
    ]

    def edit(dialog: ReminderDialog) -> None:
        assert dialog.windowTitle() == "Edit reminder — Anna Kowalska"
        assert (dialog.date.date(), dialog.time.time()) == (QDate(2026, 12, 3), QTime(14, 30))
        assert not dialog.all_day.isChecked()
        assert dialog.kind.currentText() == "Check in"
        assert dialog.note.text() == "Ask about the Kraków move"
        dialog.note.setText("Ask about the Kraków move and the notice period")
        dialog.time.setTime(QTime(16, 0))
        save(dialog)

    select_row(qtbot, window)
    modal.run(lambda: qtbot.keyClick(window.candidate_pane.reminders, Qt.Key.Key_F2), edit)

    assert open_reminders(ws, anna) == [
        (
            utc(2026, 12, 3, 15, 0),
            None,
            ReminderKind.CHECK_IN,
            "Ask about the Kraków move and the notice period",
            None,
        )
    ]
    assert reminder_rows(window)[0][0] == "03 Dec 2026 16:00"
    assert status(window) == "Reminder saved."


def test_a_reminder_without_a_time_is_due_at_the_working_day_start(
    qtbot, ws, anna, open_window, modal
):
    window = open_window()
    open_candidate(qtbot, window, anna)

    def add(dialog: ReminderDialog) -> None:
        dialog.date.setDate(QDate(2026, 12, 1))
        qtbot.keyClicks(dialog.note, "Send the offer details")
        save(dialog)

    modal.run(window.candidate_pane.add_reminder, add)
    assert open_reminders(ws, anna)[0][0] == utc(2026, 12, 1, 8, 0)  # 09:00 in Warsaw

    # The working day start is a setting.
    set_setting(ws, settings.WORK_DAY_START, time(8, 15))

    def add_another(dialog: ReminderDialog) -> None:
        assert dialog.time.time() == QTime(8, 15)
        assert dialog.all_day.toolTip() == "Due at the start of the working day (08:15), local time"
        qtbot.keyClicks(dialog.note, "Second one")
        save(dialog)

    modal.run(window.candidate_pane.add_reminder, add_another)
    assert [r[0] for r in open_reminders(ws, anna)] == [
        utc(2026, 11, 26, 7, 15),
        utc(2026, 12, 1, 8, 0),
    ]


def test_the_dialog_explains_what_it_will_not_save(qtbot, ws, anna, open_window, modal):
    window = open_window()
    open_candidate(qtbot, window, anna)

    def add(dialog: ReminderDialog) -> None:
        dialog.kind.setCurrentIndex(dialog.kind.findText("Custom"))
        assert not dialog.save_button.isEnabled()
        assert dialog.message.text() == "Say in the note what this custom reminder is for."
        qtbot.keyClicks(dialog.note, "Renew the NDA")
        dialog.repeat.setCurrentIndex(dialog.repeat.findText("Every month"))
        dialog.ends.setCurrentIndex(dialog.ends.findText("On date"))
        dialog.until.setDate(QDate(2026, 11, 1))
        assert not dialog.save_button.isEnabled()
        assert dialog.message.text() == "The repeat would end before the reminder is first due."
        dialog.until.setDate(QDate(2027, 2, 28))
        assert dialog.repeat_text.text() == "Every month on the 26th, until 28 February 2027"
        dialog.date.setDate(QDate(2026, 11, 20))
        assert dialog.message.text() == "That time has passed: the reminder will show as overdue."
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    modal.run(window.candidate_pane.add_reminder, add)
    assert open_reminders(ws, anna) == []


# -- repeating ----------------------------------------------------------------------------------
def test_a_repeating_reminder_describes_itself_and_done_schedules_the_next(
    qtbot, ws, clock, anna, open_window, modal
):
    window = open_window()
    open_candidate(qtbot, window, anna)

    def add(dialog: ReminderDialog) -> None:
        dialog.date.setDate(QDate(2026, 12, 15))  # a Tuesday, the third one of December
        assert dialog.repeat.itemText(4) == "Third Tuesday of each month"
        dialog.repeat.setCurrentIndex(dialog.repeat.findText("Every 3 months"))
        assert dialog.repeat_text.text() == "Every 3 months on the 15th"
        dialog.ends.setCurrentIndex(dialog.ends.findText("After"))
        dialog.count.setValue(3)
        assert dialog.repeat_text.text() == "Every 3 months on the 15th, 3 times"
        qtbot.keyClicks(dialog.note, "Quarterly catch-up")
        save(dialog)

    modal.run(window.candidate_pane.add_reminder, add)
    rule = "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15;COUNT=3"
    assert [r[0::4] for r in open_reminders(ws, anna)] == [(utc(2026, 12, 15, 8, 0), rule)]
    assert reminder_rows(window)[0][0] == "15 Dec 2026 09:00 ↻"

    clock.now = utc(2026, 12, 15, 9, 0)
    select_row(qtbot, window)
    qtbot.keyClick(window.candidate_pane.reminders, Qt.Key.Key_D, CTRL)
    qtbot.waitUntil(all_idle)

    next_rule = "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15;COUNT=2"
    assert [r[0::4] for r in open_reminders(ws, anna)] == [(utc(2027, 3, 15, 8, 0), next_rule)]
    assert status(window) == "Marked done. Next: 15 Mar 2027 09:00"
    assert [row[0] for row in reminder_rows(window)] == ["15 Mar 2027 09:00 ↻", "15 Dec 2026 09:00"]

    def check(dialog: ReminderDialog) -> None:
        assert dialog.repeat.currentText() == "Every 3 months"
        assert dialog.ends.currentText() == "After" and dialog.count.value() == 2
        assert dialog.repeat_text.text() == "Every 3 months on the 15th, 2 times"
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    select_row(qtbot, window)
    modal.run(lambda: qtbot.keyClick(window.candidate_pane.reminders, Qt.Key.Key_Return), check)


def test_a_rule_no_preset_makes_is_described_and_kept(qtbot, ws, anna, open_window, modal):
    rule = "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH"
    reminder = remind(ws, anna, utc(2026, 11, 30, 8, 0), note="Standup", recurrence=rule)
    window = open_window()
    open_candidate(qtbot, window, anna)

    def edit(dialog: ReminderDialog) -> None:
        assert dialog.repeat.currentText() == "As set up: Every 2 weeks on Monday and Thursday"
        assert not dialog.ends.isEnabled()
        dialog.note.setText("Standup notes")
        save(dialog)

    select_row(qtbot, window)
    modal.run(window.candidate_pane.reminder_actions.edit, edit)
    assert ws.reminders.get(reminder).recurrence == rule
    assert ws.reminders.get(reminder).note == "Standup notes"


# -- snoozing -----------------------------------------------------------------------------------
def test_snooze_tomorrow_morning_from_the_menu_regroups_it(
    qtbot, ws, clock, anna, open_window, modal
):
    reminder = remind(ws, anna, clock.now - timedelta(hours=2), note="Call back")
    window = open_window()
    pane = window.reminders_pane
    qtbot.waitUntil(lambda: bool(pane.group_items("overdue")))
    assert pane.select_reminder(reminder)
    focus(qtbot, pane.tree)

    qtbot.keyClick(pane.tree, Qt.Key.Key_S, CTRL | SHIFT)
    menu = pane.reminder_actions.snooze_menu
    qtbot.waitUntil(menu.isVisible)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == [
        "1 &hour\t11:30",
        "This &evening\t18:00",
        "&Tomorrow morning\tThu 09:00",
        "Next &Monday\tMon 09:00",
        "&Pick a date…",
    ]
    qtbot.keyClick(menu, Qt.Key.Key_T)  # the mnemonic
    qtbot.waitUntil(all_idle)

    assert ws.reminders.get(reminder).snoozed_until == utc(2026, 11, 26, 8, 0)
    assert pane.group_items("overdue") == []
    assert [(i.text(0), i.text(2)) for i in pane.group_items("week")] == [
        ("tomorrow", "Follow-up: Call back")
    ]
    assert pane.summary.text() == "0 overdue · 0 today · 1 this week"
    assert status(window) == "Snoozed until Thu 09:00."
    open_candidate(qtbot, window, anna)  # the candidate's tab says both times
    due = window.candidate_pane.reminders.topLevelItem(0)
    assert due.text(0) == "26 Nov 2026 09:00"
    assert due.toolTip(0) == "Due 25 Nov 2026 08:30\nSnoozed until 26 Nov 2026 09:00"

    def pick(dialog: PickSnoozeDialog) -> None:
        assert dialog.when.dateTime().toPython() == datetime(2026, 11, 26, 9, 0)
        dialog.when.setDateTime(datetime(2026, 11, 25, 8, 0))
        assert not dialog.ok_button.isEnabled()
        assert dialog.message.text() == "Pick a time in the future."
        dialog.when.setDateTime(datetime(2027, 1, 11, 13, 0))
        dialog.ok_button.click()

    assert pane.select_reminder(reminder)
    modal.run(menu.pick_action.trigger, pick)
    assert ws.reminders.get(reminder).snoozed_until == utc(2027, 1, 11, 12, 0)
    assert [i.text(2) for i in pane.group_items("later")] == ["Follow-up: Call back"]
    assert pane.summary.text() == "Nothing due this week · 1 later."


def test_editing_a_snoozed_reminder_keeps_the_snooze(qtbot, ws, clock, anna, open_window, modal):
    reminder = remind(ws, anna, clock.now - timedelta(hours=2), note="Call back")
    ws.reminders.snooze([reminder], utc(2026, 11, 26, 8, 0))
    window = open_window()
    open_candidate(qtbot, window, anna)

    def edit(dialog: ReminderDialog) -> None:
        snoozed = dialog.findChild(type(dialog.message), "reminderSnoozed")
        assert snoozed.text() == (
            "Snoozed until 26 Nov 2026 09:00. It stays snoozed unless you change the due time."
        )
        dialog.note.setText("Call back about the offer")
        save(dialog)

    select_row(qtbot, window)
    modal.run(window.candidate_pane.reminder_actions.edit, edit)
    assert ws.reminders.get(reminder).snoozed_until == utc(2026, 11, 26, 8, 0)
    assert ws.reminders.get(reminder).note == "Call back about the offer"


# -- completing with a log, deleting -------------------------------------------------------------
def test_done_and_log_records_the_interaction(qtbot, ws, clock, anna, open_window, modal):
    reminder = remind(ws, anna, clock.now - timedelta(hours=1), note="Call back")
    window = open_window()
    open_candidate(qtbot, window, anna)
    pane = window.candidate_pane

    def complete(dialog: CompleteDialog) -> None:
        assert dialog.windowTitle() == "Mark done — Anna Kowalska"
        assert dialog.log.isChecked()
        assert dialog.kind.currentText() == "Call"
        dialog.text.insert("Called — left a voicemail")
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return)

    select_row(qtbot, window)
    modal.run(lambda: qtbot.keyClick(pane.reminders, Qt.Key.Key_D, CTRL | SHIFT), complete)

    assert ws.reminders.get(reminder).done_at == clock.now
    timeline = ws.interactions.timeline(anna)
    assert [(e.kind, e.subject, e.occurred_at) for e in timeline] == [
        (InteractionKind.CALL, "Called — left a voicemail", clock.now)
    ]
    assert status(window) == "Marked done and logged."
    assert pane.tabs.tabText(2) == "Timeline (1)"
    assert pane.tabs.tabText(3) == "Reminders (0)"
    assert "last contact today 10:30" in pane.subtitle.text()


def test_delete_asks_first(qtbot, ws, clock, anna, open_window, modal):
    reminder = remind(ws, anna, clock.now + timedelta(hours=3), note="Send the brief")
    window = open_window()
    pane = window.reminders_pane
    qtbot.waitUntil(lambda: bool(pane.group_items("today")))
    pane.select_reminder(reminder)
    focus(qtbot, pane.tree)

    def answer(button: QMessageBox.StandardButton) -> object:
        def handle(box: QMessageBox) -> None:
            assert box.text() == "Delete the reminder Follow-up “Send the brief” for Anna Kowalska?"
            box.button(button).click()

        return handle

    modal.run(
        lambda: qtbot.keyClick(pane.tree, Qt.Key.Key_Delete),
        answer(QMessageBox.StandardButton.Cancel),
    )
    assert [i.text(2) for i in pane.group_items("today")] == ["Follow-up: Send the brief"]

    focus(qtbot, pane.tree)
    modal.run(
        lambda: qtbot.keyClick(pane.tree, Qt.Key.Key_Delete), answer(QMessageBox.StandardButton.Yes)
    )
    assert sql(ws, "SELECT count(*) FROM reminder") == [(0,)]
    assert pane.group_items("today") == []
    assert status(window) == "Reminder deleted."
