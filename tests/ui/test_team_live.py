"""Live together, the window's part (issue 18): on a team database, a colleague's save arrives
as `events.changed` on the GUI thread, with no polling, through ui/team/live.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import QThread

from talentdesk.core.ops.changes import Changes
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events
from talentdesk.ui.ops import all_idle
from talentdesk.ui.team.live import LiveUpdates
from tests.team_fixtures import two_desktops  # noqa: F401  (`desktops`: two on one database)
from tests.ui.conftest import outside_the_window


@pytest.fixture
def live(qtbot, desktops: tuple[Workspace, Workspace]) -> Iterator[tuple[Events, LiveUpdates]]:
    ws, _ = desktops
    events = Events(ws)
    updates = LiveUpdates(ws, events)
    events.ops.attach()  # the write side loaded, as the window does: listening starts with it
    qtbot.waitUntil(lambda: updates.listening, timeout=30_000)
    yield events, updates
    qtbot.waitUntil(all_idle)
    if shiboken6.isValid(events):  # a test may have closed it
        updates.close()  # before the test's database is dropped
        events.deleteLater()


def test_a_colleagues_save_refreshes_this_window(
    qtbot, desktops: tuple[Workspace, Workspace], live: tuple[Events, LiveUpdates]
) -> None:
    _, colleague = desktops
    events, _ = live
    heard: list[tuple[Changes, bool]] = []
    events.changed.connect(
        lambda changes: heard.append((changes, QThread.currentThread().isMainThread()))
    )
    anna = outside_the_window(
        lambda: colleague.candidates.create(CandidateRecord("Anna", "Nowak", "anna@example.com"))
    )
    qtbot.waitUntil(lambda: any(anna in changes.candidates for changes, _ in heard), timeout=30_000)
    [(changes, on_gui_thread)] = heard
    assert changes.candidate_list and on_gui_thread


def test_the_listener_stops_with_the_window(
    qtbot, desktops: tuple[Workspace, Workspace], live: tuple[Events, LiveUpdates]
) -> None:
    events, updates = live
    listener = updates._listener
    events.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(updates))
    assert listener._thread is None
