"""File → Load sample data on a database that already has people: it asks first, adds only the
sample people not already there, and Undo takes them out again."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from talentdesk.core.demo.sample import sample_emails
from talentdesk.ui.main_window import MainWindow


def answer(button: QMessageBox.StandardButton, asked: list[str]):
    def handle(box: QMessageBox) -> None:
        asked.append(box.text())
        box.button(button).click()

    return handle


def test_loading_the_sample_next_to_data_asks_adds_the_missing_and_undoes(
    qtbot, ws, add_candidate, open_window, modal, settle
):
    add_candidate("Ola", "Nowak", email="ola@firma.example")
    add_candidate("Anna", "K.", email=sample_emails()[0].upper())  # a sample person, typed in
    window: MainWindow = open_window()
    asked: list[str] = []

    modal.run(window.sample_action.trigger, answer(QMessageBox.StandardButton.No, asked))
    assert "Add 35 sample candidates (1 of them are here already)" in asked[0]
    assert ws.candidates.count() == 2

    modal.run(window.sample_action.trigger, answer(QMessageBox.StandardButton.Yes, asked))
    settle(window)
    assert ws.candidates.count() == 2 + 35
    assert len(ws.reads.pool_summaries()) == 3
    assert len(ws.vacancies.summaries()) == 3
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("Loaded 35 sample candidates in 3 pools and 3 vacancies.")
    )
    qtbot.waitUntil(lambda: window.list_pane.model.total == 37)

    window.undo_action.trigger()
    settle(window)
    assert ws.candidates.count() == 2
    assert ws.reads.pool_summaries() == []
    assert ws.vacancies.summaries() == []
    qtbot.waitUntil(lambda: window.list_pane.model.total == 2)

    window.redo_action.trigger()  # and back again
    settle(window)
    assert ws.candidates.count() == 37


def test_the_sample_is_not_added_twice(qtbot, ws, window, modal, settle):
    window.sample_action.trigger()  # an empty database: no question
    settle(window)
    assert ws.candidates.count() == 36
    asked: list[str] = []

    modal.run(window.sample_action.trigger, answer(QMessageBox.StandardButton.Ok, asked))
    assert "all here already" in asked[0]
    assert ws.candidates.count() == 36
    assert len(ws.vacancies.summaries()) == 3
