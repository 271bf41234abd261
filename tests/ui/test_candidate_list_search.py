"""The main window's candidate list, driven like a user: searching it (with and without
diacritics, by tag), sorting it, and what loads once it has painted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from talentdesk.core.db.enums import InteractionKind, TagCategory
from talentdesk.core.records import TagRef
from talentdesk.ui.main_window import MainWindow
from tests.ui.window_driver import COLUMN, CTRL, click_header, search_for, shown_column, shown_names


# -- 3. searching ---------------------------------------------------------------------------------
@pytest.fixture
def five_candidates(add_candidate) -> dict[str, int]:
    people = {
        "Łukasz Wiśniewski": add_candidate(
            "Łukasz", "Wiśniewski", title="Java Developer", city="Kraków"
        ),
        "Anna Kowalska": add_candidate("Anna", "Kowalska", title="Data Engineer", city="Warszawa"),
        "Anne Meyer": add_candidate(
            "Anne",
            "Meyer",
            title="Platform Engineer",
            city="Berlin",
            tags=[TagRef(TagCategory.SKILL, "Kubernetes")],
        ),
        "Bartek Nowak": add_candidate("Bartek", "Nowak", title="QA Engineer", city="Kraków"),
        "Jürgen Müller": add_candidate("Jürgen", "Müller", title="Architect", city="München"),
    }
    return people


def test_search_narrows_the_list_and_the_count(qtbot, five_candidates, open_window):
    window = open_window()
    assert window.count_label.text() == "5 of 5 candidates"

    search_for(qtbot, window, "ann")
    assert shown_names(window) == ["Anna Kowalska", "Anne Meyer"]
    assert window.count_label.text() == "2 of 5 candidates"

    search_for(qtbot, window, "ann kow")  # every word must match
    assert shown_names(window) == ["Anna Kowalska"]
    assert window.count_label.text() == "1 of 5 candidates"

    search_for(qtbot, window, "nobody")
    assert shown_names(window) == []
    assert window.count_label.text() == "0 of 5 candidates"
    assert window.list_pane.stack.currentWidget() is window.list_pane.empty
    assert window.list_pane.empty_title.text() == "No candidates match"

    qtbot.keyClick(window.list_pane.search, Qt.Key.Key_A, CTRL)
    qtbot.keyClick(window.list_pane.search, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: window.list_pane.model.query.search == "")
    assert len(shown_names(window)) == 5
    assert window.count_label.text() == "5 of 5 candidates"


def test_search_without_diacritics_finds_krakow(qtbot, five_candidates, open_window):
    window = open_window()
    search_for(qtbot, window, "krakow")
    assert shown_names(window) == ["Bartek Nowak", "Łukasz Wiśniewski"]
    assert window.count_label.text() == "2 of 5 candidates"

    search_for(qtbot, window, "munch")
    assert shown_names(window) == ["Jürgen Müller"]


def test_search_without_diacritics_finds_lukasz(qtbot, five_candidates, open_window):
    window = open_window()
    search_for(qtbot, window, "luk")
    assert shown_names(window) == ["Łukasz Wiśniewski"]

    search_for(qtbot, window, "wisniewski")
    assert shown_names(window) == ["Łukasz Wiśniewski"]

    search_for(qtbot, window, "Łuk")  # typed with the diacritic, too
    assert shown_names(window) == ["Łukasz Wiśniewski"]
    assert window.count_label.text() == "1 of 5 candidates"


def test_search_finds_a_candidate_by_tag(qtbot, five_candidates, open_window):
    window = open_window()
    search_for(qtbot, window, "kubern")
    assert shown_names(window) == ["Anne Meyer"]
    assert window.count_label.text() == "1 of 5 candidates"


# -- 10. sorting ----------------------------------------------------------------------------------
def test_sorting_by_last_contact_puts_never_contacted_last(
    qtbot, ws, clock, add_candidate, open_window
):
    for first, days_ago in (("Anna", 10), ("Bartek", None), ("Celina", 2), ("Dawid", 30)):
        candidate = add_candidate(first, "Test")
        if days_ago is not None:
            when = clock.now - timedelta(days=days_ago)
            ws.interactions.log(candidate, InteractionKind.CALL, when, "Call")
    add_candidate("Ewa", "Test")
    window = open_window()
    table = window.list_pane.table
    header = table.horizontalHeader()
    contacted_oldest_first = ["Dawid Test", "Anna Test", "Celina Test"]
    never = {"Bartek Test", "Ewa Test"}

    def check(order: Qt.SortOrder) -> None:
        assert header.sortIndicatorSection() == COLUMN["Last contact"]
        assert header.sortIndicatorOrder() == order
        names = shown_names(window)
        expected = contacted_oldest_first
        if order == Qt.SortOrder.DescendingOrder:
            expected = expected[::-1]
        assert names[:3] == expected
        assert set(names[3:]) == never
        assert [shown_column(window, "Last contact")[n] for n in names[3:]] == ["", ""]

    click_header(qtbot, table, COLUMN["Last contact"])
    first_order = header.sortIndicatorOrder()
    check(first_order)

    click_header(qtbot, table, COLUMN["Last contact"])
    assert header.sortIndicatorOrder() != first_order
    check(header.sortIndicatorOrder())


@pytest.mark.parametrize("people", [0, 3])
def test_what_is_off_the_first_screen_loads_once_the_list_has_painted(
    qtbot, ws, paths, add_candidate, clock, people: int
):
    """The reminders wait for the list's first paint (seen through the model, not an event
    filter), and come then, with rows to paint or none."""
    for i in range(people):
        add_candidate(f"Person{i}", "Nowak")
    anna = add_candidate("Anna", "Kowalska") if people else None
    if anna is not None:
        ws.reminders.add(anna, clock.now, note="Call back")
    window = MainWindow(ws, paths.settings)
    qtbot.addWidget(window)
    if people:
        QApplication.processEvents()  # not shown, so not painted: nothing more is read
        assert window.reminders_pane.summary.text() == "Loading reminders…"
    window.show()
    qtbot.waitUntil(lambda: window.reminders_pane.summary.text() != "Loading reminders…")
    if anna is not None:
        assert window.list_pane.model.pages_fetched == 1
        assert window.reminders_pane.tree.topLevelItem(0).text(0).startswith("Overdue")
