"""Generated reminders in the window: saying why in the candidate pane, pool cadences and who
is losing touch, and exporting upcoming reminders to a calendar file. The user lives in Warsaw
(tests/ui/reminder_helpers.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QDialogButtonBox

from talentdesk.core.db.enums import InteractionKind, ReminderKind
from talentdesk.ui.dialogs.cadence_dialog import CadenceDialog
from talentdesk.ui.dialogs.reminder_dialog import ReminderDialog
from talentdesk.ui.models.candidate_table import COLUMNS, TOUCH_ROLE
from talentdesk.ui.models.pool_list import LOSING_TOUCH_ROLE
from tests.ui.conftest import remind
from tests.ui.reminder_helpers import (
    _local_time_is_warsaw,
    anna,
    open_candidate,
    reminder_rows,
    select_row,
    ws,
)

__all__ = ["_local_time_is_warsaw", "anna", "ws"]  # the fixtures, used by name


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
    qtbot.waitUntil(lambda: not model.searching)  # the pool is read on a thread
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
