"""The search box over the candidate list: chips for its filters, completion, and what it
says when nobody matches."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QToolButton

from talentdesk.ui.main_window import MainWindow
from tests.ui.test_smart_lists import people, with_lists
from tests.ui.window_driver import LEFT, search_for, shown_names

__all__ = ["people"]  # the fixture, used by name


def test_chips_show_the_search_s_filters_and_each_removes_its_own(
    qtbot, open_window: Callable[[], MainWindow], people: dict[str, int]
) -> None:
    window = with_lists(qtbot, open_window())
    bar = window.list_pane.search_bar
    assert not bar.chips.isVisible()

    search_for(qtbot, window, "tag:kotlin since:12m")
    qtbot.waitUntil(lambda: shown_names(window) == ["Anna Kowalska"])
    assert bar.chips.isVisible()
    assert bar.chips.labels() == ["Tag: kotlin", "Last contact · last 12 months"]
    assert bar.save_button.isVisible() and bar.save_button.isEnabled()

    qtbot.mouseClick(bar.chips.chips[0].remove_button, LEFT)  # the tag's ×
    qtbot.waitUntil(lambda: shown_names(window) == ["Anna Kowalska", "Piotr Zieliński"])
    assert window.list_pane.search.text() == "contact:12m"  # the rest, as the core writes it
    assert bar.chips.labels() == ["Last contact · last 12 months"]


def test_a_search_that_matches_nobody_says_so(
    qtbot, open_window: Callable[[], MainWindow], people: dict[str, int]
) -> None:
    window = with_lists(qtbot, open_window())
    search_for(qtbot, window, "tag:cobol")
    qtbot.waitUntil(lambda: window.list_pane.stack.currentWidget() is window.list_pane.empty)
    assert window.list_pane.empty_title.text() == "No candidates match"
    search_for(qtbot, window, " stage:sleeping")  # not a stage: the message says why
    assert "cannot be read" in window.list_pane.empty_text.text()


def test_a_word_the_index_does_not_hold_offers_its_filter(
    qtbot, open_window: Callable[[], MainWindow], people: dict[str, int]
) -> None:
    window = with_lists(qtbot, open_window())
    pane = window.list_pane
    search_for(qtbot, window, "senior")  # a seniority, not a word in anyone's record
    qtbot.waitUntil(lambda: pane.stack.currentWidget() is pane.empty)
    assert pane.empty_hint.isVisible()
    assert "seniority:senior</a> for “senior”" in pane.empty_hint.text()

    pane.empty_hint.linkActivated.emit("0")  # the link, as a click on it sends

    qtbot.waitUntil(lambda: shown_names(window) == ["Anna Kowalska", "Piotr Zieliński"])
    assert pane.search.text() == "seniority:senior"
    assert not pane.empty_hint.isVisible()


def test_completion_offers_a_tag(
    qtbot, open_window: Callable[[], MainWindow], people: dict[str, int]
) -> None:
    window = with_lists(qtbot, open_window())
    completer = window.list_pane.search_bar.completer
    assert completer is not None
    search_for(qtbot, window, "tag:ko")

    assert "tag:Kotlin" in completer.words()
    qtbot.waitUntil(lambda: completer.popup().isVisible())


def test_the_clear_button_empties_the_box_and_lists_everyone_again(
    qtbot, open_window: Callable[[], MainWindow], people: dict[str, int]
) -> None:
    window = open_window()  # its clear button comes once the window has painted
    everyone = shown_names(window)
    search_for(qtbot, window, "anna")
    qtbot.waitUntil(lambda: shown_names(window) == ["Anna Kowalska"])
    box = window.list_pane.search
    assert box.isClearButtonEnabled()
    (clear,) = [b for b in box.findChildren(QToolButton) if b.isVisible()]  # the box's ×
    qtbot.mouseClick(clear, LEFT)
    assert box.text() == ""
    qtbot.waitUntil(lambda: shown_names(window) == everyone)
