"""Middle pane: the search box (with its filters as chips) and the lazily loaded candidate
table, or an empty state. It lists everyone, a pool or a saved list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.candidate_list import CandidateListing, SortColumn
from talentdesk.core.clock import Clock
from talentdesk.ui.models.candidate_table import COLUMNS, CandidateTableModel, OwnListing
from talentdesk.ui.widgets.search_bar import SearchBar, Terms

if TYPE_CHECKING:
    from talentdesk.core.lists.hints import Hint
    from talentdesk.ui.widgets.frozen_column import FrozenColumn

SEARCH_DELAY_MS = 120  # wait for a pause in typing before querying
# Widths that fit the list beside the other panes in a 1280×800 window with the columns shown
# by default; Title takes the rest. More columns can be ticked on in the header's menu.
COLUMN_WIDTHS = {
    SortColumn.NAME: 145,
    SortColumn.COMPANY: 115,
    SortColumn.CITY: 95,
    SortColumn.SENIORITY: 85,
    SortColumn.STAGE: 85,
    SortColumn.LAST_CONTACT: 112,  # room for the losing-touch mark and a date
    SortColumn.NEXT_REMINDER: 105,
    SortColumn.CONSENT: 120,
}
STRETCH_COLUMN = SortColumn.TITLE
ALWAYS_SHOWN = frozenset({SortColumn.NAME.value})
HIDDEN_BY_DEFAULT = frozenset(
    c.value
    for c in (SortColumn.CITY, SortColumn.SENIORITY, SortColumn.NEXT_REMINDER, SortColumn.CONSENT)
)


class CandidateListPane(QWidget):
    current_candidate_changed = Signal(object)  # int id, or None when nothing is selected
    load_sample_requested = Signal()
    import_requested = Signal()
    new_candidate_requested = Signal()
    save_search_requested = Signal(str)  # "Save as list…" on the search text

    def __init__(
        self,
        listing: CandidateListing,
        clock: Clock,
        parent: QWidget | None = None,
        terms: Terms | None = None,
        own_listing: OwnListing | None = None,
        rest_after_paint: bool = False,
    ) -> None:
        """`rest_after_paint`: a long list's ids beyond its first screen wait for the window's
        first paint (`model.load_rest`): read on a thread before it, 1,000,000 ids would take
        the GIL from the GUI thread while it builds and paints the window."""
        super().__init__(parent)
        self._listing = listing
        self.model = CandidateTableModel(listing, clock, self, own_listing)
        self.model.rest_waits_for_paint = rest_after_paint  # before the first query runs
        self._build_search(terms)
        self._build_table()
        self._build_empty_state()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search_bar)
        layout.addWidget(self.stack)
        self.model.counts_changed.connect(self._update_empty_state)
        self.model.modelReset.connect(self._emit_current)
        # Who to select again once a list re-read on a thread lands (`refresh`): the one asked
        # for, or (None) whoever is current when it lands, as the user may choose meanwhile.
        self._refreshing = False
        self._keep_asked: int | None = None
        self._keep: int | None = None
        self._keep_late: int | None = None
        self.model.modelAboutToBeReset.connect(self._note_current)
        self.model.landed.connect(self._select_kept)
        self.model.ids_completed.connect(self._select_kept_late)
        self._update_empty_state(self.model.rowCount(), self.model.total)

    def _build_search(self, terms: Terms | None) -> None:
        self.search_bar = SearchBar()
        self.search = self.search_bar.edit
        if terms is not None:
            self.search_bar.set_terms(terms)
        self.search_bar.replaced.connect(self._run_search)
        self.search_bar.save_requested.connect(self.save_search_requested)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self._run_search)
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear.activated.connect(self.clear_search)  # Esc empties the box, as in a browser

    def _build_table(self) -> None:
        self.table = QTableView()
        self.table.setObjectName("candidateTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        # Set the indicator first: enabling sorting runs the (first and only) initial query.
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        for column, (key, _title) in enumerate(COLUMNS):
            if key is STRETCH_COLUMN:  # takes what the others leave, so nothing is cut off
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
            else:
                self.table.setColumnWidth(column, COLUMN_WIDTHS[key])
        header.setMinimumSectionSize(60)
        # Name stays in view when scrolled sideways: made then (a second table view over the
        # model costs the first paint ~10 ms).
        self.frozen_name: FrozenColumn | None = None
        self._row_actions: list[QAction] = []
        self.table.horizontalScrollBar().valueChanged.connect(self._scrolled_sideways)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)

    def _build_empty_state(self) -> None:
        """What shows instead of an empty list: what to do next, or why nothing matches."""
        self.empty = QWidget()
        self.empty_title = QLabel()
        self.empty_title.setObjectName("emptyTitle")
        self.empty_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text = QLabel()
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # "Did you mean stage:declined?": each link runs the search rewritten with it.
        self.empty_hint = QLabel()
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.linkActivated.connect(self._use_hint)
        self._hints: list[str] = []
        self.new_button = QPushButton("Add a candidate")
        self.new_button.clicked.connect(self.new_candidate_requested)
        self.import_button = QPushButton("Import a CSV file…")
        self.import_button.setObjectName("importButton")
        self.import_button.clicked.connect(self.import_requested)
        self.sample_button = QPushButton("Load sample data")
        self.sample_button.setObjectName("loadSampleButton")
        self.sample_button.clicked.connect(self.load_sample_requested)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.sample_button)
        buttons.addStretch()
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_title)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addWidget(self.empty_hint)
        empty_layout.addLayout(buttons)
        empty_layout.addStretch(1)
        self.empty_title.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.empty_text.setStyleSheet("color: #4b5563;")

    def add_row_actions(self, actions: list[QAction]) -> None:
        """The right-click menu of the rows (also of the Name column kept in view)."""
        self._row_actions += actions
        for view in (self.table, self.frozen_name):
            if view is not None:
                view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
                view.addActions(actions)

    def after_first_paint(self) -> None:
        """What the first screen does without: the search box's clear button and completer."""
        self.search_bar.after_first_paint()

    def _scrolled_sideways(self, value: int) -> None:
        if value > 0 and self.frozen_name is None:
            from talentdesk.ui.widgets.frozen_column import FrozenColumn  # once scrolled

            self.frozen_name = FrozenColumn(self.table)  # follows the scrolling from now on
            self.frozen_name.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            self.frozen_name.addActions(self._row_actions)
            self.frozen_name.follow_scroll()

    # -- what the list shows --------------------------------------------------------------
    def set_pool(self, pool_id: int | None) -> None:
        self._show(pool_id, None)

    def set_mine(self, mine: bool) -> None:
        """ "My candidates" (True) or everyone's, within whatever list is shown."""
        self.model.ask(self.model.wanted._replace(mine=mine))

    def set_list(self, list_id: int) -> None:
        """Show a saved list's members (as a pool's: searchable, sortable, selectable)."""
        self._show(None, list_id)

    def _show(self, pool_id: int | None, list_id: int | None) -> None:
        # A search belongs to the list it was typed over: another pool starts unfiltered
        # (a search carried over showed "No candidates match" for no visible reason).
        self._search_timer.stop()
        if self.search.text():
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.search_bar.show_chips("")
        self._refreshing, self._keep_asked, self._keep_late = False, None, None
        query = self.model.wanted._replace(pool_id=pool_id, list_id=list_id, search="")
        self.model.ask(query)  # on a thread: the rows shown stay until it lands

    def show_now(self) -> None:
        """Show the list asked for at once (not when its thread answers): for what needs its
        rows next, as selecting someone in it."""
        self.model.show_now()

    def refresh(self, keep_candidate: int | None = None) -> None:
        """Read the list again (on a thread); `keep_candidate`, or whoever is current when it
        lands, is selected again then, if listed."""
        if keep_candidate is not None or not self._refreshing:
            self._keep_asked = keep_candidate
        self._refreshing, self._keep_late = True, None
        self.model.refresh()
        if not self.model.searching:  # read at once (a model without a listing of its own)
            self._select_kept()

    def _note_current(self) -> None:
        """Just before the rows are replaced: who to select again after a refresh."""
        if self._refreshing:
            asked = self._keep_asked
            self._keep = asked if asked is not None else self.current_candidate_id()

    def _select_kept(self) -> None:
        keep, self._keep, self._keep_asked = self._keep, None, None
        refreshed, self._refreshing = self._refreshing, False
        if not refreshed or keep is None:
            return
        listed = self.model.has(keep)
        if listed:
            self.select_candidate(keep)
        elif listed is None:  # beyond the first ids: once the rest is read (on a thread too)
            self._keep_late = keep

    def _select_kept_late(self) -> None:
        keep, self._keep_late = self._keep_late, None
        if keep is not None and not self.table.currentIndex().isValid():
            self.select_candidate(keep)  # unless the user chose someone meanwhile

    def current_candidate_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.candidate_id(index.row()) if index.isValid() else None

    def selected_candidate_ids(self) -> list[int]:
        selection = self.table.selectionModel().selection()
        count = self.model.rowCount()
        if count > 1 and sum(selection.at(i).height() for i in range(selection.count())) >= count:
            return self.model.all_ids()  # everyone: the list's ids, not an index per row
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = [self.model.candidate_id(r) for r in rows]
        current = self.current_candidate_id()
        if not ids and current is not None:
            ids = [current]
        return ids

    def select_candidate(self, candidate_id: int) -> bool:
        row = self.model.row_of(candidate_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def clear_search(self) -> None:
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._search_now()

    def show_search(self, text: str) -> None:
        """Search for `text` now, as if typed in the box (a menu's ready-made search)."""
        self.search.blockSignals(True)
        self.search.setText(text)
        self.search.blockSignals(False)
        self._search_now()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- internals ------------------------------------------------------------------------
    def _run_search(self) -> None:
        """What was typed: searched on a thread (the rows change when it lands)."""
        self._search_timer.stop()
        if self.search.text() != self.model.wanted.search:
            self.model.set_search(self.search.text())
            self.search_bar.show_chips(self.search.text())

    def _search_now(self) -> None:
        """A search the window asked for (a menu's, clearing it to open someone): shown at
        once, as what comes next (selecting someone in it) needs its rows."""
        self._search_timer.stop()
        if self.search.text() != self.model.query.search or self.model.searching:
            self.model.set_query(self.model.wanted._replace(search=self.search.text()))
            self.search_bar.show_chips(self.search.text())

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._emit_current()

    def _emit_current(self) -> None:
        self.current_candidate_changed.emit(self.current_candidate_id())

    def _update_empty_state(self, shown: int, total: int) -> None:
        query = self.model.query
        first_run = total == 0 and query.pool_id is None and query.list_id is None
        self.new_button.setVisible(first_run)
        self.import_button.setVisible(first_run)
        self.sample_button.setVisible(first_run)
        self._show_hints(bool(total) and not shown)
        if shown:
            self.stack.setCurrentWidget(self.table)
            return
        if first_run:
            self.empty_title.setText("Your talent pool is empty")
            self.empty_text.setText(
                "Add the people you want to stay in touch with: create a candidate with "
                "Ctrl+N, import a CSV file from LinkedIn, Google, Outlook or Excel (or drop "
                "it here), or load a few dozen sample candidates to look around first."
            )
        elif total == 0 and query.list_id is not None:
            self.empty_title.setText("No one matches this list yet")
            self.empty_text.setText(
                "Nobody meets the list's filter today. Edit the list (double-click it) to "
                "widen it; it fills as candidates come to match it."
            )
        elif total == 0:
            self.empty_title.setText("No one in this pool yet")
            self.empty_text.setText(
                "Select candidates under “All candidates” and use Candidate → Add to pool "
                "(Ctrl+P), or create a new candidate while this pool is selected."
            )
        else:
            self.empty_title.setText("No candidates match")
            self.empty_text.setText(self._no_match_text())
        self.stack.setCurrentWidget(self.empty)

    def _show_hints(self, nobody_matches: bool) -> None:
        found = self._listing.search_hints(self.model.query.search) if nobody_matches else []
        self._hints = [hint.search for hint in found]
        self.empty_hint.setText(_hint_links(found) if found else "")
        self.empty_hint.setVisible(bool(found))

    def _use_hint(self, link: str) -> None:
        self.search.setText(self._hints[int(link)])
        self._run_search()

    def _no_match_text(self) -> str:
        search = self.model.query.search
        problem = self._listing.search_problem(search)
        if problem is not None:
            return f"The search “{search}” cannot be read: {problem}."
        return (
            f"Nobody here matches “{search}”. Words match the beginning of a name, e-mail, "
            "title, company, city, tag or note; each filter (the chips above) narrows the "
            "list further: remove one with its ×."
        )


def _hint_links(found: list[Hint]) -> str:
    import html  # (html.entities is large) when a search finds nobody, not at start-up

    links = ", ".join(
        f'<a href="{i}">{html.escape(hint.meant)}</a> for “{html.escape(hint.word)}”'
        for i, hint in enumerate(found)
    )
    return f"Did you mean {links}?"
