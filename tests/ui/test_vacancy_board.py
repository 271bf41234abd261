"""The vacancy board: cards dropped on another column or moved by keyboard land in the database
with their history, at once on screen; the List tab shows the same applications."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from talentdesk.core.workspace import Workspace
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.vacancies.board import BoardView
from talentdesk.ui.vacancies.column_model import MIME_TYPE, card_mime
from talentdesk.ui.vacancies.stage_column import StageColumn
from tests.ui.vacancy_helpers import seed_role, stage_of, vacancies_view


def column(board: BoardView, name: str) -> StageColumn:
    return next(c for c in board.columns if c.stage.name == name)


def names(col: StageColumn) -> list[str]:
    return [c.name.split()[0] for c in col.model.cards]


def drop(col: StageColumn, data: QMimeData, at: QPoint) -> None:
    """The events a drag delivers to the column's viewport: it enters, moves, and drops (Qt
    delivers a drop only where a drag entered)."""
    viewport = col.view.viewport()
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for kind in (QDragEnterEvent, QDragMoveEvent):
        QApplication.sendEvent(viewport, kind(at, Qt.DropAction.MoveAction, data, buttons, mods))
    event = QDropEvent(
        QPointF(at),
        Qt.DropAction.MoveAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, event)


def history(ws: Workspace, vacancy_id: int, first: str) -> list[tuple[str | None, str]]:
    card = next(c for c in ws.vacancies.board(vacancy_id).cards if c.name.startswith(first))
    (application,) = ws.vacancies.applications_of(card.candidate_id)
    return [(m.from_stage, m.to_stage) for m in application.history]


def open_board(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow], people: list[str]
) -> tuple[MainWindow, BoardView, int]:
    vacancy_id = seed_role(ws, "Backend Developer", people)
    window = open_window()
    view = vacancies_view(window)
    qtbot.waitUntil(lambda: view.vacancy_id == vacancy_id)
    board = view.board
    qtbot.waitUntil(lambda: len(board.all_cards()) == len(people))
    return window, board, vacancy_id


def test_the_board_has_a_column_per_stage_with_counts(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow]
) -> None:
    _, board, vacancy_id = open_board(qtbot, ws, open_window, ["Anna", "Piotr"])
    stages = ws.vacancies.stages(vacancy_id)
    assert [c.stage.name for c in board.columns] == [s.name for s in stages]
    contacted = column(board, "Contacted")
    assert names(contacted) == ["Anna", "Piotr"]
    assert "Contacted" in contacted.header.text() and ">2<" in contacted.header.text()
    assert not board.empty_hint.isVisible()
    assert board.findChild(object, "outcomeSeparator") is not None


def test_a_card_dropped_on_another_column_moves_at_once_and_in_the_database(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow], settle
) -> None:
    window, board, vacancy_id = open_board(qtbot, ws, open_window, ["Anna", "Piotr", "Ewa"])
    contacted, screening = column(board, "Contacted"), column(board, "Engaged")
    anna = contacted.model.cards[0]
    resets: list[int] = []
    for col in board.columns:
        col.model.modelReset.connect(lambda: resets.append(1))
    drop(screening, card_mime(anna), QPoint(10, 10))
    # Instant: on screen before the write has landed.
    assert names(screening) == ["Anna"] and names(contacted) == ["Piotr", "Ewa"]
    settle(window)
    assert stage_of(ws, "Anna", vacancy_id) == "Engaged"
    assert history(ws, vacancy_id, "Anna") == [(None, "Contacted"), ("Contacted", "Engaged")]
    # Dropped on the lower half of Anna: after her.
    ewa = contacted.model.cards[1]
    rect = screening.view.visualRect(screening.model.index(0))
    drop(screening, card_mime(ewa), QPoint(10, rect.bottom() - 2))
    assert names(screening) == ["Anna", "Ewa"]
    settle(window)
    assert [
        c.name.split()[0] for c in ws.vacancies.board(vacancy_id).column(screening.stage.id)
    ] == [
        "Anna",
        "Ewa",
    ]
    assert names(screening) == ["Anna", "Ewa"] and names(contacted) == ["Piotr"]
    assert resets == []  # its own moves' notices did not re-read the board


def test_a_drop_carrying_something_else_is_ignored(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow]
) -> None:
    _, board, _ = open_board(qtbot, ws, open_window, ["Anna"])
    data = QMimeData()
    data.setText("Anna")
    drop(column(board, "Engaged"), data, QPoint(10, 10))
    assert names(column(board, "Contacted")) == ["Anna"]
    assert not data.hasFormat(MIME_TYPE)


def test_ctrl_right_moves_the_focused_card_and_ctrl_down_reorders(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow], settle
) -> None:
    window, board, vacancy_id = open_board(qtbot, ws, open_window, ["Anna", "Piotr"])
    contacted, screening = column(board, "Contacted"), column(board, "Engaged")
    contacted.view.focus_row(0)
    QTest.keyClick(contacted.view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert names(contacted) == ["Piotr", "Anna"]
    settle(window)
    QTest.keyClick(contacted.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert names(screening) == ["Anna"] and names(contacted) == ["Piotr"]
    assert screening.view.hasFocus() and screening.view.current_row() == 0
    settle(window)
    assert stage_of(ws, "Anna", vacancy_id) == "Engaged"
    assert history(ws, vacancy_id, "Anna")[-1] == ("Contacted", "Engaged")
    order = ws.vacancies.board(vacancy_id).column(contacted.stage.id)
    assert [c.name.split()[0] for c in order] == ["Piotr"]
    # Left without Ctrl only moves the focus; Ctrl+Left moves the card back.
    QTest.keyClick(screening.view, Qt.Key.Key_Left)
    assert contacted.view.hasFocus()
    screening.view.focus_row(0)
    QTest.keyClick(screening.view, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    settle(window)
    assert stage_of(ws, "Anna", vacancy_id) == "Contacted"


def test_enter_opens_the_candidate_in_the_candidates_tab(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow]
) -> None:
    window, board, _ = open_board(qtbot, ws, open_window, ["Anna"])
    contacted = column(board, "Contacted")
    anna = contacted.model.cards[0]
    contacted.view.focus_row(0)
    QTest.keyClick(contacted.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.main_tabs.currentIndex() == 0)
    qtbot.waitUntil(lambda: window.candidate_pane.candidate_id == anna.candidate_id)


def test_the_card_menu_moves_and_marks_near_fit(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow], settle
) -> None:
    window, board, vacancy_id = open_board(qtbot, ws, open_window, ["Anna"])
    anna = board.all_cards()[0]
    menu = board.card_menu(anna)
    move_to = menu.actions()[0].menu()
    next(a for a in move_to.actions() if a.text() == "Interviewing").trigger()
    settle(window)
    assert stage_of(ws, "Anna", vacancy_id) == "Interviewing"
    near = next(
        a for a in board.card_menu(board.all_cards()[0]).actions() if "near fit" in a.text()
    )
    near.trigger()
    assert board.all_cards()[0].near_fit  # at once
    settle(window)
    assert ws.vacancies.board(vacancy_id).cards[0].near_fit


def test_the_list_tab_shows_the_same_applications_sortable(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow], settle
) -> None:
    window, board, vacancy_id = open_board(qtbot, ws, open_window, ["Piotr", "Anna"])
    view = window.vacancies_tab.built_view
    assert view is not None
    board.move_card(board.all_cards()[0].application_id, column(board, "Engaged").stage.id)
    settle(window)
    view.detail.tabs.setCurrentIndex(1)
    table = view.detail.pipeline.table
    proxy = view.detail.pipeline.proxy
    qtbot.waitUntil(lambda: proxy.rowCount() == 2)
    rows = [[proxy.index(r, c).data() for c in range(6)] for r in range(2)]
    assert [r[0].split()[0] for r in rows] == ["Anna", "Piotr"]  # by stage
    assert [r[1] for r in rows] == ["Contacted", "Engaged"]
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 0).data().startswith("Piotr")
    # A move made in the list's menu shows in the list.
    anna = view.detail.pipeline.card_at(1)
    menu = board.card_menu(anna)
    next(a for a in menu.actions()[0].menu().actions() if a.text() == "Offer").trigger()
    qtbot.waitUntil(lambda: "Offer" in [proxy.index(r, 1).data() for r in range(2)])
    settle(window)
    assert stage_of(ws, "Anna", vacancy_id) == "Offer"
    # Double-click opens the profile, in the Candidates tab.
    row = next(r for r in range(2) if proxy.index(r, 0).data().startswith("Piotr"))
    piotr = view.detail.pipeline.card_at(row)
    table.doubleClicked.emit(proxy.index(row, 0))
    qtbot.waitUntil(lambda: window.main_tabs.currentIndex() == 0)
    qtbot.waitUntil(lambda: window.candidate_pane.candidate_id == piotr.candidate_id)


def test_read_only_the_board_does_not_move_cards_and_writes_are_off(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow]
) -> None:
    window, board, vacancy_id = open_board(qtbot, ws, open_window, ["Anna"])
    window.go_read_only("the data folder is on a read-only drive")
    view = window.vacancies_tab.built_view
    assert view is not None
    assert not view.detail.delete_button.isEnabled()
    assert not view.list_pane.new_button.isEnabled()
    assert not window.vacancies_tab.new_action.isEnabled()
    contacted = column(board, "Contacted")
    assert not contacted.view.dragEnabled()
    contacted.view.focus_row(0)
    QTest.keyClick(contacted.view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert names(contacted) == ["Anna"]
    assert stage_of(ws, "Anna", vacancy_id) == "Contacted"


def test_a_move_that_fails_reloads_the_board_and_says_why(
    qtbot, ws: Workspace, open_window: Callable[[], MainWindow], settle
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.conftest import outside_the_window

    window, board, vacancy_id = open_board(qtbot, ws, open_window, ["Anna"])
    # Another window deletes the role; this board has not heard of it yet.
    outside_the_window(lambda: ws.vacancies.delete(vacancy_id))
    board.move_card(board.all_cards()[0].application_id, column(board, "Engaged").stage.id)
    assert names(column(board, "Engaged")) == ["Anna"]  # at once, as always
    settle(window)

    def error_box() -> QMessageBox | None:
        box = board.findChild(QMessageBox, "errorBox")
        return box if box is not None and box.isVisible() else None

    qtbot.waitUntil(lambda: error_box() is not None)
    box = error_box()
    assert box is not None and "Moving Anna Nowak failed" in box.windowTitle()
    assert "no longer" in box.text()
    box.accept()
    assert board.vacancy_id is None and board.all_cards() == []
