"""A vacancy's Matching tab: who in the pools fits the role, best first, each score explained
as chips (the matcher in the core ranks and explains; this shows it). Filters by pool, people
already in the pipeline, do not contact and a minimum score; the weights are edited per
vacancy; the chosen people are added at "Contacted" or written to with "a role that fits you"."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.errors import TalentDeskError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.vacancies.matching import Match
from talentdesk.core.workspace import Workspace
from talentdesk.ui.dialogs.add_to_vacancy_dialog import describe_added
from talentdesk.ui.errors import show_error
from talentdesk.ui.events import Events
from talentdesk.ui.vacancies.match_delegate import MatchDelegate
from talentdesk.ui.vacancies.match_details import MatchDetails
from talentdesk.ui.vacancies.match_model import MatchModel, MatchQuery

MIN_SCORE_DELAY_MS = 250  # wait for a pause in typing the minimum score
PLACEHOLDER = "Choose a vacancy to see who in your pools fits it."
NOTES_STYLE = (
    "background: #fffbeb; color: #92400e; border: 1px solid #fde68a;"
    " border-radius: 4px; padding: 6px;"
)


class MatchTab(QWidget):
    message = Signal(str)  # what an action did, for the window's status bar

    def __init__(self, ws: Workspace, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._events = events
        self.vacancy_id: int | None = None
        self.vacancy_title = ""
        self._writable = ws.read_only is None
        self._stale = False  # changed while hidden
        self._menu_actions: list[tuple[QPushButton, QAction]] = []
        self.model = MatchModel(ws, self)
        self._min_score_timer = QTimer(self, singleShot=True, interval=MIN_SCORE_DELAY_MS)
        self._min_score_timer.timeout.connect(self.reload)

        self.stack = QStackedWidget()
        placeholder = QLabel(PLACEHOLDER)
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setStyleSheet("color: #6b7280;")
        self.stack.addWidget(placeholder)
        self.stack.addWidget(self._content())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._keep: tuple[list[int], int | None] = ([], None)  # reselected after a read
        self.model.loaded.connect(self._loaded)
        self.model.counted.connect(self._counted)
        self.model.failed.connect(self._failed)
        events.changed.connect(self._changed)

    # -- building ------------------------------------------------------------------------------
    def _content(self) -> QWidget:
        self.notes = QLabel()
        self.notes.setObjectName("matchNotes")
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet(NOTES_STYLE)
        self.notes.hide()
        self.count = QLabel()
        self.count.setObjectName("matchCount")
        self.count.setStyleSheet("color: #4b5563;")
        self.view = QListView()
        self.view.setObjectName("matchList")
        self.view.setModel(self.model)
        self.view.setItemDelegate(MatchDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setUniformItemSizes(False)
        # Rows are as wide as the list (chips wrap instead): no sideways scrolling, and a
        # new width lays the rows out again.
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setMouseTracking(True)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.view.selectionModel().currentChanged.connect(self._selection_changed)
        self.details = MatchDetails()
        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])
        self.details.setMinimumWidth(280)
        self.message_label = QLabel()
        self.message_label.setObjectName("matchMessage")
        self.message_label.setStyleSheet("color: #065f46;")
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.notes)
        layout.addLayout(self._filters())
        layout.addWidget(self.count)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._actions())
        return content

    def _filters(self) -> QHBoxLayout:
        self.pool = QComboBox()
        self.pool.setObjectName("matchPool")
        self.pool.setToolTip("Look in every candidate, or only in one pool")
        self._fill_pools()
        self.pool.currentIndexChanged.connect(self.reload)
        self.in_pipeline = QCheckBox("Show people already in the pipeline")
        self.in_pipeline.setObjectName("matchShowPipeline")
        self.in_pipeline.toggled.connect(self.reload)
        self.do_not_contact = QCheckBox("Show do not contact")
        self.do_not_contact.setObjectName("matchShowDoNotContact")
        self.do_not_contact.toggled.connect(self.reload)
        self.min_score = QSpinBox()
        self.min_score.setObjectName("matchMinScore")
        self.min_score.setRange(0, 100)
        self.min_score.setAccessibleName("Minimum score")
        self.min_score.valueChanged.connect(self._min_score_timer.start)
        self.weights_button = QPushButton("Weights…")
        self.weights_button.setObjectName("matchWeightsButton")
        self.weights_button.setToolTip("How much each criterion counts for this vacancy")
        self.weights_button.clicked.connect(self.edit_weights)
        self.weights_button.setEnabled(self._writable)
        row = QHBoxLayout()
        row.addWidget(QLabel("Pool"))
        row.addWidget(self.pool)
        row.addWidget(self.in_pipeline)
        row.addWidget(self.do_not_contact)
        row.addStretch()
        row.addWidget(QLabel("Minimum score"))
        row.addWidget(self.min_score)
        row.addWidget(self.weights_button)
        return row

    def _actions(self) -> QHBoxLayout:
        self.add_button = QPushButton("Add to vacancy")
        self.add_button.setObjectName("matchAddButton")
        self.add_button.setToolTip(
            "Put the selected people in this vacancy's pipeline at Contacted"
        )
        self.add_button.clicked.connect(self.add_selected)
        self.compose_button = QPushButton("Compose “A role that fits you”…")
        self.compose_button.setObjectName("matchComposeButton")
        self.compose_button.setToolTip("Write to the selected people about this vacancy")
        self.compose_button.clicked.connect(lambda: self.compose_selected())
        for button in (self.add_button, self.compose_button):  # also the list's right-click
            action = QAction(button.text(), self.view)
            action.triggered.connect(button.click)
            self.view.addAction(action)
            self._menu_actions.append((button, action))
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.compose_button)
        row.addWidget(self.message_label, 1)
        self._update_actions()
        return row

    def _fill_pools(self) -> None:
        chosen = self.pool.currentData()
        self.pool.blockSignals(True)
        self.pool.clear()
        self.pool.addItem("All candidates", None)
        for summary in self._ws.reads.pool_summaries():
            self.pool.addItem(summary.name, summary.id)
        self.pool.setCurrentIndex(max(self.pool.findData(chosen), 0))
        self.pool.blockSignals(False)

    # -- which vacancy, and reading its matches -------------------------------------------------
    def show_vacancy(self, vacancy_id: int | None) -> None:
        self.vacancy_id = vacancy_id
        self._stale = False
        self.message_label.clear()
        self.vacancy_title = ""
        if vacancy_id is not None:
            try:
                self.vacancy_title = self._ws.vacancies.get(vacancy_id).title
            except TalentDeskError:
                vacancy_id = self.vacancy_id = None
        self.stack.setCurrentIndex(0 if vacancy_id is None else 1)
        self.reload()

    def query(self) -> MatchQuery | None:
        if self.vacancy_id is None:
            return None
        return MatchQuery(
            self.vacancy_id,
            pool_id=self.pool.currentData(),
            include_in_pipeline=self.in_pipeline.isChecked(),
            include_do_not_contact=self.do_not_contact.isChecked(),
            min_score=self.min_score.value(),
        )

    def reload(self, keep_rows: bool = False) -> None:
        """Read the ranking again for the filters as they are; the selection is kept once the
        new ranking lands (it is read off the GUI thread)."""
        self._min_score_timer.stop()
        current = self._current_match()
        self._keep = (self.selected_ids(), current.candidate_id if current else None)
        self.model.set_query(self.query(), keep_rows=keep_rows)

    def _loaded(self, total: int | None, notes: tuple[str, ...]) -> None:
        self._show_notes(notes)
        self._reselect(*self._keep)
        self._selection_changed()
        if self.model.query is None:
            self.count.clear()
        elif total is None:  # the page came first; the count follows
            self.count.setText(f"Counting who fits {self.vacancy_title}…")
        else:
            self._counted(total)

    def _counted(self, total: int) -> None:
        if self.model.query is None:
            return
        noun = "candidate fits" if total == 1 else "candidates fit"
        self.count.setText(f"{total:,} {noun} {self.vacancy_title}, best first")

    def _failed(self, error: TalentDeskError) -> None:
        """The vacancy went away meanwhile: say so where the notes go."""
        self.model.set_query(None)
        self._show_notes((error.message,))

    def _show_notes(self, notes: tuple[str, ...]) -> None:
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))

    def _changed(self, changes: Changes) -> None:
        if self.vacancy_id is None:
            return
        if not (
            changes.vacancies
            or changes.candidates
            or changes.candidate_list
            or changes.pools
            or changes.external
        ):
            return
        if not self.isVisible():  # ranking is not free: read again when shown
            self._stale = True
            return
        self._refresh()

    def _refresh(self) -> None:
        self._stale = False
        self._fill_pools()
        self.show_vacancy_title()  # renamed, or deleted
        self.reload(keep_rows=True)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.vacancy_id is not None:
            self._refresh()

    def show_vacancy_title(self) -> None:
        if self.vacancy_id is None:
            return
        try:
            self.vacancy_title = self._ws.vacancies.get(self.vacancy_id).title
        except TalentDeskError:
            self.show_vacancy(None)

    # -- the selection ---------------------------------------------------------------------
    def selected_matches(self) -> list[Match]:
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [m for row in rows if (m := self.model.match_at(row)) is not None]

    def selected_ids(self) -> list[int]:
        return [m.candidate_id for m in self.selected_matches()]

    def _current_match(self) -> Match | None:
        return self.model.match_at(self.view.currentIndex().row())

    def _reselect(self, ids: list[int], current: int | None) -> None:
        selection = self.view.selectionModel()
        for candidate_id in ids:
            row = self.model.row_of(candidate_id)
            if row is not None:
                selection.select(self.model.index(row), QItemSelectionModel.SelectionFlag.Select)
        row = self.model.row_of(current) if current is not None else None
        if row is not None:
            selection.setCurrentIndex(
                self.model.index(row), QItemSelectionModel.SelectionFlag.NoUpdate
            )

    def select_candidates(self, ids: list[int]) -> None:
        """Select these people (those listed), the first of them current."""
        self.view.clearSelection()
        self._reselect(ids, ids[0] if ids else None)

    def _selection_changed(self, *_: object) -> None:
        current = self._current_match()
        selected = self.selected_matches()
        if current is None or current.candidate_id not in {m.candidate_id for m in selected}:
            current = selected[0] if selected else None
        self.details.show_match(current)
        self._update_actions()

    def _update_actions(self) -> None:
        chosen = bool(self.selected_ids())
        self.add_button.setEnabled(chosen and self._writable)
        self.compose_button.setEnabled(chosen and self._writable)
        for button, action in self._menu_actions:
            action.setEnabled(button.isEnabled())

    def _say(self, text: str) -> None:
        self.message_label.setText(text)
        self.message.emit(text)

    # -- what it does ------------------------------------------------------------------------
    def add_selected(self) -> None:
        """The selected people into the vacancy's pipeline, at its "Contacted"."""
        ids, vacancy_id, title = self.selected_ids(), self.vacancy_id, self.vacancy_title
        if not ids or vacancy_id is None:
            return
        vacancies = self._ws.vacancies
        self._events.ops.run(
            f"Adding {len(ids):,} candidate(s) to {title}",
            lambda: vacancies.add_candidates(vacancy_id, ids),
            success=lambda added: self._say(describe_added(added, title)),
            parent=self,
        )

    def compose_selected(self) -> QDialog | None:
        """Compose "a role that fits you" to the selected people, the vacancy filled in."""
        from talentdesk.ui.vacancies.match_compose import compose_for_vacancy

        ids, vacancy_id = self.selected_ids(), self.vacancy_id
        if not ids or vacancy_id is None:
            return None
        return compose_for_vacancy(self, self._ws, self._events, ids, vacancy_id, self._say)

    def edit_weights(self) -> None:
        from talentdesk.ui.vacancies.weights_dialog import WeightsDialog

        vacancy_id = self.vacancy_id
        if vacancy_id is None:
            return
        try:
            weights = self._ws.matcher.weights(vacancy_id)
        except TalentDeskError as exc:
            show_error(self, exc, "Weights not shown")
            return
        dialog = WeightsDialog(weights, self.vacancy_title, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        chosen, matcher = dialog.weights(), self._ws.matcher
        self._events.ops.run(
            f"Setting the matching weights of {self.vacancy_title}",
            lambda: matcher.set_weights(vacancy_id, chosen),
            success=lambda _: self._say("Weights saved; the ranking uses them."),
            parent=self,
        )
