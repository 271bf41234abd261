"""Reminders in the window, driven like a user: add, edit, repeat, snooze, complete with a log,
delete; generated reminders saying why; pool cadences and who is losing touch.

The user here lives in Warsaw (UTC+1 in November): dates and times are typed and shown in local
time and must land in the database in UTC.
"""

from __future__ import annotations

import time as time_module
from collections.abc import Iterator
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget
from sqlalchemy import text

from talentdesk.core import settings
from talentdesk.core.db.enums import InteractionKind, ReminderKind
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from talentdesk.ui.dialogs.cadence_dialog import CadenceDialog
from talentdesk.ui.dialogs.complete_dialog import CompleteDialog
from talentdesk.ui.dialogs.reminder_dialog import ReminderDialog
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.models.candidate_table import COLUMNS, TOUCH_ROLE
from talentdesk.ui.models.pool_list import LOSING_TOUCH_ROLE
from talentdesk.ui.ops import all_idle
from talentdesk.ui.widgets.snooze_menu import PickSnoozeDialog
from tests.ui.conftest import remind, set_setting

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
WARSAW = ZoneInfo("Europe/Warsaw")
# The clock starts on Wednesday 25 November 2026, 09:30 UTC: 10:30 in Warsaw.


@pytest.fixture(autouse=True)
def _local_time_is_warsaw(
    _local_time_is_utc: None, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Warsaw")
    time_module.tzset()
    yield
    monkeypatch.setenv("TZ", "UTC")
    time_module.tzset()


@pytest.fixture
def ws(paths: AppPaths, clock) -> Iterator[Workspace]:
    workspace = Workspace.open(paths, clock, tz=WARSAW)
    yield workspace
    workspace.close()


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def sql(ws: Workspace, statement: str, **params: object) -> list[tuple]:
    with ws.db.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(text(statement), params)]


def open_reminders(ws: Workspace, candidate_id: int) -> list[tuple]:
    """(due UTC, snoozed until, kind, note, rule) of the candidate's open reminders."""
    return [
        (r.due_at, d.snoozed_until, d.kind, d.note, d.recurrence)
        for r in ws.reminders.for_candidate(candidate_id)
        if r.done_at is None
        for d in [ws.reminders.get(r.id)]
    ]


def reminder_rows(window: MainWindow) -> list[list[str]]:
    tree = window.candidate_pane.reminders
    return [
        [tree.topLevelItem(i).text(c) for c in range(tree.columnCount())]
        for i in range(tree.topLevelItemCount())
    ]


def open_candidate(qtbot, window: MainWindow, candidate_id: int) -> None:
    window.open_candidate(candidate_id)
    qtbot.waitUntil(window.candidate_pane.isVisible)  # the pane is built on first use


def focus(qtbot, widget: QWidget) -> None:
    """Give `widget` the keyboard focus, once its window is active again after a dialog."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def select_row(qtbot, window: MainWindow, row: int = 0) -> None:
    """Pick a reminder on the candidate's Reminders tab."""
    window.candidate_pane.tabs.setCurrentIndex(3)
    tree = window.candidate_pane.reminders
    focus(qtbot, tree)
    tree.setCurrentItem(tree.topLevelItem(row))


def status(window: MainWindow) -> str:
    return window.statusBar().currentMessage()


def save(dialog: ReminderDialog) -> None:
    assert dialog.save_button.isEnabled(), dialog.message.text()
    dialog.save_button.click()


@pytest.fixture
def anna(add_candidate) -> int:
    return add_candidate("Anna", "Kowalska", email="anna@example.com")


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


# -- generated reminders, cadences, losing touch -------------------------------------------------
@pytest.fixture
def java_pool(ws, clock, add_candidate) -> dict[str, int]:
    """Kraków Java: Anna last contacted 10 days ago, Bartek 70, Celina 130."""
    pool = ws.pools.create("Kraków Java")
    ids = {"pool": pool}
    for first, last, days in (
        ("Anna", "Kowalska", 10),
        ("Bartek", "Nowak", 70),
        ("Celina", "Zając", 130),
    ):
        cid = add_candidate(first, last)
        ws.interactions.log(cid, InteractionKind.CALL, clock.now - timedelta(days=days), "Call")
        ids[first.lower()] = cid
    ws.pools.add_members(pool, list(ids.values())[1:])
    return ids


def test_cadence_dialog_sets_the_cadence_and_the_pool_counts_who_is_losing_touch(
    qtbot, ws, java_pool, open_window, modal
):
    window = open_window()
    pools = window.pool_pane
    pools.select_pool(java_pool["pool"])
    row = pools.view.currentIndex()
    assert row.data() == "Kraków Java  (3)"

    def set_60(dialog: CadenceDialog) -> None:
        assert dialog.windowTitle() == "Keep in touch — Kraków Java"
        assert dialog.days.value() == 90  # a suggestion; there is no cadence yet
        dialog.days.setValue(60)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()

    modal.run(pools.cadence_action.trigger, set_60)

    assert ws.pools.cadence(java_pool["pool"]) == 60
    row = pools.view.currentIndex()
    assert row.data() == "Kraków Java  (3)  ⚠ 2"
    assert row.data(LOSING_TOUCH_ROLE) == (1, 1)
    assert row.data(Qt.ItemDataRole.ToolTipRole).endswith(
        "Keep in touch every 60 days: 2 losing touch (past it), 1 of them past twice as long."
    )
    # Each member past the cadence got one check-in, saying why, shown as generated.
    overdue = window.reminders_pane.group_items("overdue")
    assert [(i.text(1), i.text(2)) for i in overdue] == [
        ("Celina Zając", "Check in: No contact for 130 days in pool Kraków Java"),
        ("Bartek Nowak", "Check in: No contact for 70 days in pool Kraków Java"),
    ]
    assert not overdue[0].icon(2).isNull()
    assert (
        overdue[0]
        .toolTip(2)
        .endswith("Made by TalentDesk: No contact for 130 days in pool Kraków Java")
    )

    def switch_off(dialog: CadenceDialog) -> None:
        assert dialog.days.value() == 60
        dialog.days.setValue(0)
        assert dialog.days.text() == "Off — no cadence"
        dialog.accept()

    modal.run(pools.cadence_action.trigger, switch_off)
    assert ws.pools.cadence(java_pool["pool"]) is None
    assert pools.view.currentIndex().data() == "Kraków Java  (3)"
    assert window.reminders_pane.group_items("overdue") == []


def test_a_generated_reminder_says_why_in_the_candidate_pane(
    qtbot, ws, java_pool, open_window, modal
):
    ws.pools.set_cadence(java_pool["pool"], 60)
    window = open_window()
    open_candidate(qtbot, window, java_pool["bartek"])

    # Due 60 days after the last contact, at its time of day.
    assert reminder_rows(window) == [
        ["15 Nov 2026 10:30", "Check in", "No contact for 70 days in pool Kraków Java", ""]
    ]
    item = window.candidate_pane.reminders.topLevelItem(0)
    assert not item.icon(1).isNull()
    assert item.toolTip(2) == "Made by TalentDesk: No contact for 70 days in pool Kraków Java"

    def look(dialog: ReminderDialog) -> None:
        reason = dialog.findChild(type(dialog.message), "reminderReason")
        assert reason.text() == (
            "Made by TalentDesk for the pool's keep-in-touch cadence: "
            "No contact for 70 days in pool Kraków Java"
        )
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    select_row(qtbot, window)
    modal.run(window.candidate_pane.reminder_actions.edit, look)


def test_the_list_marks_who_is_losing_touch_in_a_pool_with_a_cadence(
    qtbot, ws, java_pool, open_window
):
    ws.pools.set_cadence(java_pool["pool"], 60)
    window = open_window()
    model = window.list_pane.model
    column = next(i for i, (_sort, title) in enumerate(COLUMNS) if title == "Last contact")

    def marks() -> dict[str, tuple]:
        cells = [model.index(row, column) for row in range(model.rowCount())]
        return {
            model.index(cell.row(), 0).data(): (
                cell.data(),
                cell.data(TOUCH_ROLE),
                _colour(cell.data(Qt.ItemDataRole.BackgroundRole)),
                _colour(cell.data(Qt.ItemDataRole.DecorationRole)),
                cell.data(Qt.ItemDataRole.ToolTipRole),
            )
            for cell in cells
        }

    assert {name: mark[1] for name, mark in marks().items()} == dict.fromkeys(
        ["Anna Kowalska", "Bartek Nowak", "Celina Zając"]
    )  # all candidates: no cadence to be late against

    window.pool_pane.select_pool(java_pool["pool"])
    assert marks() == {
        "Anna Kowalska": ("10 days ago", "ok", None, None, "15 Nov 2026"),
        "Bartek Nowak": (
            "16 Sep 2026",
            "amber",
            "#fef3c7",
            "#d97706",
            "No contact for 70 days — the pool's cadence is 60",
        ),
        "Celina Zając": (
            "18 Jul 2026",
            "red",
            "#fee2e2",
            "#dc2626",
            "No contact for 130 days — the pool's cadence is 60",
        ),
    }
    # Only the Last contact cell is marked.
    assert model.index(1, 0).data(Qt.ItemDataRole.BackgroundRole) is None


def _colour(value: object) -> str | None:
    if value is None:
        return None
    return (value.color() if isinstance(value, QBrush) else value).name()


def test_file_menu_exports_upcoming_reminders_to_a_calendar_file(
    qtbot, window, ws, clock, add_candidate, tmp_path
) -> None:
    from icalendar import Calendar

    anna = add_candidate("Anna", "Kowalska")
    remind(ws, anna, clock.now + timedelta(days=2), ReminderKind.FOLLOW_UP, "Send the offer")
    remind(ws, anna, clock.now + timedelta(days=90), note="Too far ahead")
    assert window.calendar_action in window.menuBar().actions()[0].menu().actions()
    path = tmp_path / "reminders.ics"
    assert window.export_calendar(path) == 1
    [event] = Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Follow-up: Anna Kowalska"
    assert str(event["DESCRIPTION"]) == "Send the offer"
    assert "Wrote 1 reminder due in the next 30 days" in window.statusBar().currentMessage()
