"""The candidate's own Reminders tab marks a person who may not be contacted as the reminders
pane does: "⛔ Do not contact · …" or "⛔ Consent withdrawn · …" before the reminder's kind."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from talentdesk.core.db.enums import CandidateStatus, ReminderKind
from talentdesk.core.workspace import Workspace
from talentdesk.ui.main_window import MainWindow
from tests.conftest import START
from tests.core.privacy_people import withdraw
from tests.ui.conftest import outside_the_window, remind
from tests.ui.reminder_helpers import open_candidate, reminder_rows


def test_the_reminders_tab_marks_who_may_not_be_contacted(
    qtbot,
    open_window: Callable[[], MainWindow],
    add_candidate: Callable[..., int],
    ws: Workspace,
) -> None:
    bartek = add_candidate("Bartek", "Nowak", email="bartek@example.com")
    celina = add_candidate("Celina", "Lis", email="celina@example.com")
    anna = add_candidate("Anna", "Free", email="anna@example.com")
    for who in (bartek, celina, anna):
        remind(ws, who, START + timedelta(hours=1), ReminderKind.CHECK_IN, "Ask about Q1")
    record = ws.candidates.get(bartek)
    record.status = CandidateStatus.DO_NOT_CONTACT
    outside_the_window(lambda: ws.candidates.update(bartek, record))
    withdraw(ws, celina)
    window = open_window()

    expected = {
        bartek: "⛔ Do not contact · Check in",
        celina: "⛔ Consent withdrawn · Check in",
        anna: "Check in",
    }
    for who, kind in expected.items():
        open_candidate(qtbot, window, who)
        qtbot.waitUntil(lambda who=who: window.candidate_pane.candidate_id == who)
        qtbot.waitUntil(lambda: len(reminder_rows(window)) == 1)
        assert reminder_rows(window)[0][1:3] == [kind, "Ask about Q1"]
