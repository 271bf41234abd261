"""A large bulk action: progress while it runs on the write path, and Cancel changes nothing.
The writer is held busy by another write first, so the action waits in line, as behind an
import."""

from __future__ import annotations

import threading

import pytest

from talentdesk.core.bulk import ids as bulk_ids
from talentdesk.core.db.enums import TagCategory
from talentdesk.core.records import TagRef
from talentdesk.ui.bulk import command
from talentdesk.ui.bulk.command import BulkCommand

KOTLIN = TagRef(TagCategory.SKILL, "Kotlin")


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(command, "PROGRESS_FROM", 2)
    monkeypatch.setattr(bulk_ids, "CHUNK", 1)


def busy_writer(ws) -> threading.Event:  # type: ignore[no-untyped-def]
    """Hold the write path until the returned event is set."""
    release = threading.Event()
    ws.writer.submit(lambda: release.wait(10), label="a long write")
    return release


def tag_all(window, ws, ids: list[int]) -> BulkCommand:  # type: ignore[no-untyped-def]
    bulk = ws.bulk
    tagging = BulkCommand(
        window,
        f"Tagging {len(ids)} candidates",
        len(ids),
        lambda p, c: bulk.tag(ids, [KOTLIN], progress=p, cancelled=c),
    )
    window.undo_stack.push(tagging)
    return tagging


def test_progress_is_shown_while_a_large_action_runs(
    qtbot, ws, add_candidate, open_window, settle, small_chunks
):
    ids = [add_candidate(f"P{i}", "Big") for i in range(3)]
    window = open_window()
    release = busy_writer(ws)
    tagging = tag_all(window, ws, ids)
    assert tagging.progress is not None
    seen: list[tuple[int, int]] = []
    tagging.progress.progressed.connect(lambda done, total: seen.append((done, total)))
    release.set()
    settle(window)
    assert seen[-1] == (3, 3)
    assert tagging.progress is None  # closed
    assert window.statusBar().currentMessage() == (
        "Tagged 3 candidates Kotlin · skill. Undo with Ctrl+Z."
    )
    assert all(ws.candidates.get(i).tags == [KOTLIN] for i in ids)


def test_cancel_changes_nothing(qtbot, ws, add_candidate, open_window, settle, small_chunks):
    ids = [add_candidate(f"P{i}", "Big") for i in range(3)]
    window = open_window()
    release = busy_writer(ws)
    tagging = tag_all(window, ws, ids)
    assert tagging.progress is not None
    tagging.progress.cancel_button.click()  # before it even shows
    release.set()
    settle(window)
    assert window.statusBar().currentMessage() == "Cancelled: nothing was changed."
    assert all(ws.candidates.get(i).tags == [] for i in ids)
    assert ws.candidates.tag_names() == []
    window.undo_action.trigger()  # nothing to take back
    settle(window)
    assert all(ws.candidates.get(i).tags == [] for i in ids)
