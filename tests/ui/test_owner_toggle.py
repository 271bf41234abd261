"""The pool pane's "My candidates / Everyone's": hidden for a single user, shown once a
colleague shares the database, and narrowing the list to one's own candidates."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from sqlalchemy import text

from talentdesk.core.workspace import Workspace
from talentdesk.ui.main_window import MainWindow
from tests.conftest import written_outside
from tests.ui.conftest import outside_the_window
from tests.ui.window_driver import shown_names


def _bobs_candidate(ws: Workspace, add_candidate: Callable[..., int]) -> None:
    bob = ws.users.find_or_add("Bob")
    ewa = add_candidate("Ewa", "Nowak")
    with written_outside(ws.paths.database) as connection:
        connection.execute(
            text("UPDATE candidate SET owner_id = :b WHERE id = :e"), {"b": bob, "e": ewa}
        )


def test_a_single_user_sees_no_switch(window: MainWindow, ws: Workspace, qtbot, settle) -> None:
    toggle = window.pool_pane.owner_toggle
    assert toggle.isHidden()
    outside_the_window(lambda: ws.users.find_or_add("Bob"))  # a colleague connects
    qtbot.waitUntil(lambda: not toggle.isHidden())


def test_my_candidates_leaves_a_colleagues_out(
    open_window: Callable[[], MainWindow], ws: Workspace, add_candidate, qtbot, settle
) -> None:
    add_candidate("Ola", "Kowalska")
    _bobs_candidate(ws, add_candidate)
    window = open_window()
    toggle = window.pool_pane.owner_toggle
    assert not toggle.isHidden() and toggle.everyone_button.isChecked()
    settle(window)
    assert shown_names(window) == ["Ewa Nowak", "Ola Kowalska"]
    qtbot.mouseClick(toggle.mine_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown_names(window) == ["Ola Kowalska"])
    qtbot.mouseClick(toggle.everyone_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown_names(window) == ["Ewa Nowak", "Ola Kowalska"])


def test_the_timeline_names_who_logged_an_entry(
    open_window: Callable[[], MainWindow], ws: Workspace, add_candidate, qtbot
) -> None:
    from talentdesk.core.db.enums import InteractionKind

    ola = add_candidate("Ola", "Kowalska")
    ws.interactions.log(ola, InteractionKind.CALL, subject="Intro call")
    bob = ws.users.find_or_add("Bob")
    with written_outside(ws.paths.database) as connection:
        connection.execute(text("UPDATE interaction SET created_by_id = :b"), {"b": bob})
    window = open_window()
    window.open_candidate(ola)
    timeline = window.candidate_pane.timeline
    qtbot.waitUntil(lambda: timeline.count() == 1)
    assert timeline.item(0).text().splitlines()[0].endswith(" · by Bob")
    me = ws.users.current().name
    assert window.candidate_pane.subtitle.text().endswith(f" · Owner: {me}")


def test_a_candidate_nobody_owns_says_so_once_colleagues_share_the_database(
    open_window: Callable[[], MainWindow], ws: Workspace, add_candidate, qtbot
) -> None:
    ola = add_candidate("Ola", "Kowalska")
    with written_outside(ws.paths.database) as connection:
        connection.execute(text("UPDATE candidate SET owner_id = NULL WHERE id = :o"), {"o": ola})
    window = open_window()
    window.open_candidate(ola)
    subtitle = window.candidate_pane.subtitle
    qtbot.waitUntil(lambda: window.candidate_pane.candidate_id == ola)
    assert "Owner" not in subtitle.text() and "No owner" not in subtitle.text()  # alone: no line
    outside_the_window(lambda: ws.users.find_or_add("Bob"))  # a colleague connects
    window.open_candidate(ola)
    qtbot.waitUntil(lambda: subtitle.text().endswith(" · No owner"))
