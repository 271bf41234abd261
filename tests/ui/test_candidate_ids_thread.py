"""A long list's first ids are read at once; the rest, and its count, on a thread of its own,
landing in the model without the window reading them."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from talentdesk.core.candidate_list import ListQuery, SortColumn
from talentdesk.core.lists.filters import Filter
from talentdesk.core.records import CandidateRecord
from talentdesk.ui.models.candidate_table import CandidateTableModel

FIRST = ("Anna", "Andrzej", "Jan", "Zofia", "Ewa")
LAST = ("Kowalska", "Nowak", "Adamska")


@pytest.fixture
def crowd(ws) -> int:
    for first in FIRST:
        for last in LAST:
            ws.candidates.create(CandidateRecord(first_name=first, last_name=last))
    return len(FIRST) * len(LAST)


def threaded_model(ws, clock) -> tuple[CandidateTableModel, list[tuple[int, int]]]:
    model = CandidateTableModel(ws.listing, clock, own_listing=ws.own_listing)
    model.FIRST_IDS = 4  # type: ignore[misc]  # a "long" list at this size,
    model.PAGE_SIZE = 2  # type: ignore[misc]  # its first screen two pages
    counts: list[tuple[int, int]] = []
    model.counts_changed.connect(lambda shown, total: counts.append((shown, total)))
    return model, counts


def shown_ids(model: CandidateTableModel) -> list[int]:
    return [
        model.index(row, 0).data(Qt.ItemDataRole.UserRole + 1) for row in range(model.rowCount())
    ]


@pytest.mark.parametrize("search", ["", "a", "kow"])
def test_the_rest_of_a_long_list_arrives_from_a_thread(
    qtbot, qtmodeltester, ws, clock, crowd: int, search: str
) -> None:
    model, counts = threaded_model(ws, clock)
    query = ListQuery(search=search, sort=SortColumn.NAME)
    expected = ws.listing.ids(query)
    qtmodeltester.check(model, force_py=True)  # watches the rows being inserted
    model.set_query(query)
    # The window has read the first screen only; the count is not known yet.
    assert model.rowCount() == 4 and not model.count_known
    assert counts[-1] == (4, crowd)
    qtbot.waitUntil(lambda: model.count_known)
    assert shown_ids(model) == expected
    assert counts[-1] == (len(expected), crowd)


def test_a_newer_query_wins_over_an_older_ones_thread(qtbot, ws, clock, crowd: int) -> None:
    model, _counts = threaded_model(ws, clock)
    model.set_query(ListQuery(search="a"))
    newer = ListQuery(search="nowak", descending=True)
    model.set_query(newer)
    qtbot.waitUntil(lambda: model.count_known)
    assert shown_ids(model) == ws.listing.ids(newer)
    model.set_query(ListQuery())  # and asking for a row beyond the first reads at once
    assert model.candidate_id(crowd - 1) == ws.listing.ids(ListQuery())[-1]
    assert model.count_known and model.rowCount() == crowd


def test_a_saved_lists_total_is_its_count_once_counted(qtbot, ws, clock, crowd: int) -> None:
    list_id = ws.lists.create("A names", Filter(text="a"))
    query = ListQuery(list_id=list_id)
    expected = ws.listing.ids(query)
    model, counts = threaded_model(ws, clock)
    model.set_query(ListQuery(search="kow"))  # another list's total read first
    qtbot.waitUntil(lambda: model.count_known)
    model.set_query(query)
    qtbot.waitUntil(lambda: model.count_known)
    assert len(expected) > model.FIRST_IDS
    assert counts[-1] == (len(expected), len(expected))
    assert shown_ids(model) == expected


def test_a_search_reads_its_first_screen_on_a_thread_and_drops_a_stale_one(
    qtbot, ws, clock, crowd: int
) -> None:
    model, counts = threaded_model(ws, clock)
    model.set_query(ListQuery())
    everyone = shown_ids(model)
    shown: list[str] = []
    model.modelReset.connect(lambda: shown.append(model.query.search))
    model.set_search("a")
    model.set_search("nowak")  # typed further before the first answer landed
    # The window did not read it: the previous rows stay until the answer lands.
    assert model.searching and model.query.search == "" and shown_ids(model) == everyone
    qtbot.waitUntil(lambda: not model.searching and model.count_known)
    assert shown == ["nowak"]  # the stale answer for "a" was never shown
    assert shown_ids(model) == ws.listing.ids(ListQuery(search="nowak"))
    assert counts[-1] == (len(FIRST), crowd)
    model.set_search("a")  # a long list: its first screen, then the rest, from threads
    qtbot.waitUntil(lambda: not model.searching)
    read = model.pages_fetched
    assert model.index(0, 0).data() and model.pages_fetched == read  # its first page came too
    qtbot.waitUntil(lambda: model.count_known)
    assert shown_ids(model) == ws.listing.ids(ListQuery(search="a"))


def test_the_window_reads_the_rest_only_after_its_first_paint(
    qtbot, monkeypatch, ws, paths, crowd: int
) -> None:
    """At 1,000,000 candidates the rest's thread would take the GIL from the GUI thread while
    it builds and paints the window; the total (10-35 ms to count) is read with the rest."""
    from PySide6.QtWidgets import QApplication

    from talentdesk.ui.main_window import MainWindow

    monkeypatch.setattr(CandidateTableModel, "FIRST_IDS", 4)  # a "long" list at this size,
    monkeypatch.setattr(CandidateTableModel, "PAGE_SIZE", 2)  # its first screen two pages
    started: list[str] = []
    start = threading.Thread.start

    def recording(thread: threading.Thread) -> None:
        started.append(thread.name)
        start(thread)

    monkeypatch.setattr(threading.Thread, "start", recording)
    window = MainWindow(ws, paths.settings)
    qtbot.addWidget(window)
    model = window.list_pane.model
    # Built, not painted: the first screen is shown; the rest, and the total, wait.
    assert model.rowCount() == 4 and not model.count_known
    assert "candidate-ids" not in started
    assert window.count_label.text() == "4+ candidates"
    window.show()
    qtbot.waitUntil(lambda: window.first_paint_done)
    assert "candidate-ids" in started
    qtbot.waitUntil(lambda: model.count_known)
    assert model.rowCount() == crowd
    assert window.count_label.text() == f"{crowd} of {crowd} candidates"
    assert QApplication.activeModalWidget() is None
