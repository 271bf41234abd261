"""The Metrics tab on a team database (issue 18): the same figures as on the local file
(tests/ui/test_metrics_view.py's hand-counted mail), read off the GUI thread on connections to
the server, the people behind a number and a table cell, and a change to the data."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.core.metrics_data import day
from tests.ui.conftest import outside_the_window
from tests.ui.team_window import team_paths, team_ws  # noqa: F401  (`paths`, `ws`)
from tests.ui.test_metrics_view import (
    People,
    _numbers,
    _open_metrics,
    _preset,
    _wait_for_figures,
    people,
)

__all__ = ["people"]  # the hand-counted mail, written to the server database here


def test_the_metrics_tab_on_a_team_database(qtbot, open_window, ws, people: People) -> None:
    assert ws.on_server
    window = open_window()
    view = _open_metrics(qtbot, window)
    _wait_for_figures(qtbot, view)
    sent_mail = view.cards["reply_rate"]
    assert _numbers(sent_mail) == ["7 messages sent", "4 replied", "57% reply rate"]
    _preset(qtbot, view, "Last 30 days")  # April
    assert _numbers(sent_mail) == ["4 messages sent", "2 replied", "50% reply rate"]
    _preset(qtbot, view, "All time")

    replied = sent_mail.number_tiles[1]
    qtbot.mouseClick(replied, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.people_dialog is not None)  # read on a thread, on the server
    dialog = view.people_dialog
    assert dialog is not None
    assert dialog.listed() == ["Ann Test", "Cat Test", "Dan Test", "Eve Test"]

    by_month = view.cards["by_month"]
    by_month.table_button.click()
    model = by_month.table.model()
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == [
        "2026-03",
        "2026-04",
    ]
    april = model.index(1, 2)  # April, Replied
    assert april.data() == "2"
    by_month.table.doubleClicked.emit(april)
    qtbot.waitUntil(lambda: view.people_dialog is not dialog and view.people_dialog is not None)
    assert view.people_dialog.listed() == ["Dan Test", "Eve Test"]

    # Ben answers the March message, logged on the write path: the figures follow.
    outbox = ws.outbox()
    march = next(e.id for e in outbox.entries() if e.candidate_id == people.ben)
    outside_the_window(lambda: outbox.log_reply(people.ben, day(3, 5), message_id=march))
    qtbot.waitUntil(lambda: _numbers(sent_mail)[1:] == ["5 replied", "71% reply rate"])
