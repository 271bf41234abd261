"""A role's board: one column per stage, cards dragged between and within columns (or moved by
keyboard). A move shows at once, then goes to the write path; a failed one reloads the board
and says why. The board's own moves are not read back: their change notice is recognised."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QPoint, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.db.enums import OUTCOME_KINDS
from talentdesk.core.errors import NotFoundError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.vacancies.records import Board, Card, StageInfo
from talentdesk.core.workspace import Workspace
from talentdesk.ui.errors import show_error
from talentdesk.ui.events import Events
from talentdesk.ui.vacancies.card_delegate import CardDelegate
from talentdesk.ui.vacancies.stage_column import COLUMN_WIDTH, StageColumn

EMPTY_HINT = (
    "No one in this pipeline yet: add people from the Matching tab, or from a candidate's"
    " profile with Add to vacancy…"
)
EDGE = 48  # how near the board's side a dragged card starts scrolling it


class BoardView(QWidget):
    open_candidate = Signal(int)
    cards_changed = Signal()  # what the columns hold changed (a load, a move, a mark)

    def __init__(self, ws: Workspace, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._events = events
        self.vacancy_id: int | None = None
        self.read_only: str | None = None  # why cards cannot move
        self.stages: tuple[StageInfo, ...] = ()
        self.columns: list[StageColumn] = []
        # Candidates whose move by this board is on the write path: its change notice is ours.
        self._in_flight: Counter[int] = Counter()
        self._delegate = CardDelegate(self.today, self)
        self.scroller = QScrollArea()
        self.scroller.setObjectName("boardScroll")
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self._strip = QWidget()
        self._strip_layout = QHBoxLayout(self._strip)
        self._strip_layout.setContentsMargins(6, 6, 6, 6)
        self._strip_layout.setSpacing(8)
        self.scroller.setWidget(self._strip)
        self.empty_hint = QLabel(EMPTY_HINT)
        self.empty_hint.setObjectName("boardEmptyHint")
        self.empty_hint.setStyleSheet("color: #6b7280; padding: 4px 8px;")
        self.empty_hint.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty_hint)
        layout.addWidget(self.scroller)
        events.changed.connect(self._changed)
        self.cards_changed.connect(self._update_hint)

    def today(self) -> date:
        return self._ws.clock().date()

    def _update_hint(self) -> None:
        empty = self.vacancy_id is not None and not any(c.model.rowCount() for c in self.columns)
        self.empty_hint.setVisible(empty)

    def set_read_only(self, why: str) -> None:
        self.read_only = why
        for column in self.columns:
            column.view.set_movable(False)

    # -- loading -------------------------------------------------------------------------
    def show_vacancy(self, vacancy_id: int | None) -> None:
        self.vacancy_id = vacancy_id
        self._in_flight.clear()
        if vacancy_id is None:
            self._build(())
            self.cards_changed.emit()
            return
        self._apply(self._ws.vacancies.board(vacancy_id), rebuild=True)

    def reload(self) -> None:
        """Read the board again; only columns whose cards changed are reset."""
        if self.vacancy_id is None:
            return
        try:
            board = self._ws.vacancies.board(self.vacancy_id)
        except NotFoundError:  # the role was deleted meanwhile: the detail clears itself
            self.show_vacancy(None)
            return
        self._apply(board, rebuild=board.stages != self.stages)

    def _apply(self, board: Board, rebuild: bool) -> None:
        if rebuild:
            self._build(board.stages)
        by_stage: dict[int, list[Card]] = {c.stage.id: [] for c in self.columns}
        for card in board.cards:
            by_stage.setdefault(card.stage_id, []).append(card)
        for column in self.columns:
            cards = by_stage[column.stage.id]
            if rebuild or [c.application_id for c in cards] != _ids(column.model.cards):
                column.model.set_cards(cards)
            elif cards != column.model.cards:
                column.model.update_cards(cards)
        self.cards_changed.emit()

    def _build(self, stages: tuple[StageInfo, ...]) -> None:
        if [s.kind in OUTCOME_KINDS for s in stages] == [c.outcome for c in self.columns]:
            for column, stage in zip(self.columns, stages, strict=True):
                column.set_stage(stage)  # another role's columns: no new widgets to lay out
            self.stages = stages
            return
        for column in self.columns:
            column.setParent(None)
            column.deleteLater()
        while (item := self._strip_layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        self.stages = stages
        self.columns = []
        separated = False
        for stage in stages:
            column = StageColumn(stage, self._delegate)
            column.view.set_movable(self.read_only is None)
            if column.outcome and not separated and self.columns:
                self._strip_layout.addWidget(_separator())
                separated = True
            self._connect(column)
            self.columns.append(column)
            self._strip_layout.addWidget(column)
        self._strip_layout.addStretch(1)

    def _connect(self, column: StageColumn) -> None:
        view = column.view
        view.dropped.connect(lambda app_id, row: self.move_card(app_id, column.stage.id, row))
        view.step.connect(lambda delta: self._focus_column(column, delta))
        view.move_stage.connect(lambda delta: self._move_focused_stage(column, delta))
        view.reorder.connect(lambda delta: self._reorder_focused(column, delta))
        view.open_card.connect(self.open_candidate)
        view.customContextMenuRequested.connect(lambda pos: self._card_menu(column, pos))
        view.dragging_at.connect(self._scroll_while_dragging)

    def _scroll_while_dragging(self, at: QPoint) -> None:
        """A card dragged to the board's left or right edge scrolls the hidden columns in."""
        viewport = self.scroller.viewport()
        x = viewport.mapFromGlobal(at).x()
        bar = self.scroller.horizontalScrollBar()
        if x < EDGE:
            bar.setValue(bar.value() - COLUMN_WIDTH // 4)
        elif x > viewport.width() - EDGE:
            bar.setValue(bar.value() + COLUMN_WIDTH // 4)

    # -- what is where -------------------------------------------------------------------
    def column_of_stage(self, stage_id: int) -> StageColumn:
        return next(c for c in self.columns if c.stage.id == stage_id)

    def locate(self, application_id: int) -> tuple[StageColumn, int] | None:
        for column in self.columns:
            row = column.model.row_of(application_id)
            if row is not None:
                return column, row
        return None

    def all_cards(self) -> list[Card]:
        return [card for column in self.columns for card in column.model.cards]

    # -- moving --------------------------------------------------------------------------
    def move_card(self, application_id: int, stage_id: int, row: int | None = None) -> None:
        """Move a card at once on screen, then on the write path (`row` None: to the end)."""
        found = self.locate(application_id)
        if found is None or self.read_only is not None:
            return
        source, old_row = found
        target = self.column_of_stage(stage_id)
        end = target.model.rowCount()
        row = end if row is None else max(0, min(row, end))
        if source is target and row > old_row:
            row -= 1  # the card leaves its place before it is put back
        if source is target and row == old_row:
            return
        card = source.model.take(old_row)
        if source is not target:
            card = replace(card, stage_id=stage_id, moved_at=self._ws.clock())
        target.model.put(row, card)
        target.view.focus_row(row)
        self.cards_changed.emit()
        self._in_flight[card.candidate_id] += 1
        vacancies = self._ws.vacancies

        def failed(error: BaseException) -> None:
            self._heard(card.candidate_id)
            self.reload()
            show_error(self, error, f"Moving {card.name} failed")

        self._events.ops.run(
            f"Moving {card.name} to {target.stage.name}",
            lambda: vacancies.move(application_id, stage_id, row),
            failure=failed,
            parent=self,
        )

    def _heard(self, candidate_id: int) -> None:
        self._in_flight[candidate_id] -= 1
        if self._in_flight[candidate_id] <= 0:
            del self._in_flight[candidate_id]

    def _changed(self, changes: Changes) -> None:
        if self.vacancy_id is None or not (changes.vacancies or changes.external):
            if changes.candidates and self._shows_any(changes.candidates):
                self.reload()  # a name or a do-not-contact mark changed
            return
        mine = Changes.of(changes.candidates, vacancies=True, reminders=True)
        if len(changes.candidates) == 1 and changes == mine:
            (candidate_id,) = changes.candidates
            if self._in_flight[candidate_id] > 0:
                self._heard(candidate_id)  # our own move: already on screen
                return
        self.reload()

    def _shows_any(self, candidate_ids: frozenset[int]) -> bool:
        return any(c.candidate_id in candidate_ids for c in self.all_cards())

    def _focused(self, column: StageColumn) -> Card | None:
        row = column.view.current_row()
        return None if row is None else column.model.cards[row]

    def _focus_column(self, column: StageColumn, delta: int) -> None:
        index = self.columns.index(column) + delta
        if 0 <= index < len(self.columns):
            target = self.columns[index]
            target.view.focus_row(column.view.current_row())
            self.scroller.ensureWidgetVisible(target)

    def _move_focused_stage(self, column: StageColumn, delta: int) -> None:
        card = self._focused(column)
        index = self.columns.index(column) + delta
        if card is not None and 0 <= index < len(self.columns):
            target = self.columns[index]
            self.move_card(card.application_id, target.stage.id)
            self.scroller.ensureWidgetVisible(target)

    def _reorder_focused(self, column: StageColumn, delta: int) -> None:
        row = column.view.current_row()
        if row is None:
            return
        wanted = row + delta
        if 0 <= wanted < column.model.rowCount():
            # move_card puts a card moved down after the one it passes
            self.move_card(
                column.model.cards[row].application_id,
                column.stage.id,
                wanted + (1 if delta > 0 else 0),
            )

    # -- the card menu -------------------------------------------------------------------
    def card_menu(self, card: Card) -> QMenu:
        """Move to ▸ stage, Open profile, Mark near fit: for a card here or in the list tab."""
        menu = QMenu(self)
        move_to = menu.addMenu("Move to")
        for stage in self.stages:
            action = QAction(stage.name, move_to)
            action.setEnabled(stage.id != card.stage_id)
            action.triggered.connect(
                lambda _=False, s=stage.id: self.move_card(card.application_id, s)
            )
            move_to.addAction(action)
        menu.addAction("Open profile", lambda: self.open_candidate.emit(card.candidate_id))
        near = menu.addAction("Mark near fit")
        near.setCheckable(True)
        near.setChecked(card.near_fit)
        near.toggled.connect(lambda on: self.set_near_fit(card.application_id, on))
        return menu

    def _card_menu(self, column: StageColumn, pos: QPoint) -> None:
        index = column.view.indexAt(pos)
        if index.isValid():
            column.view.setCurrentIndex(index)
            self.card_menu(column.model.cards[index.row()]).popup(
                column.view.viewport().mapToGlobal(pos)
            )

    def set_near_fit(self, application_id: int, near_fit: bool) -> None:
        if self.read_only is not None:
            return
        found = self.locate(application_id)
        if found is not None:
            column, row = found
            column.model.replace(row, replace(column.model.cards[row], near_fit=near_fit))
            self.cards_changed.emit()
        vacancies = self._ws.vacancies
        self._events.ops.run(
            "Marking a near fit" if near_fit else "Unmarking a near fit",
            lambda: vacancies.set_near_fit([application_id], near_fit),
            parent=self,
        )


def _ids(cards: list[Card]) -> list[int]:
    return [c.application_id for c in cards]


def _separator() -> QFrame:
    line = QFrame()
    line.setObjectName("outcomeSeparator")
    line.setFrameShape(QFrame.Shape.VLine)
    line.setStyleSheet("color: #9ca3af;")
    return line
