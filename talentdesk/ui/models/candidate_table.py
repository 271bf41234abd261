"""The candidate table: the list's ids in memory, rows read a page at a time (candidate_list)."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from talentdesk.core.candidate_list import (
    CandidateListing,
    CandidateRow,
    ListQuery,
)
from talentdesk.core.clock import Clock
from talentdesk.ui.errors import told_server_away
from talentdesk.ui.gui_thread import sender_to
from talentdesk.ui.models.candidate_cells import CANDIDATE_ID_ROLE as CANDIDATE_ID_ROLE
from talentdesk.ui.models.candidate_cells import CELL_ROLES, cell
from talentdesk.ui.models.candidate_cells import COLUMNS as COLUMNS
from talentdesk.ui.models.candidate_cells import TOUCH_ROLE as TOUCH_ROLE
from talentdesk.ui.models.ids_release import let_go
from talentdesk.ui.models.list_reads import OwnListing as OwnListing
from talentdesk.ui.models.list_reads import read_all_ids, read_first_screen

Index = QModelIndex | QPersistentModelIndex


class CandidateTableModel(QAbstractTableModel):
    PAGE_SIZE = 100
    # Ids read before the view first paints; the rest follow once the event loop is free
    # (or at once, when a row beyond them is asked for).
    FIRST_IDS = 500
    REST_DELAY_MS = 40  # after the first paint: the event loop is free by then
    MAX_CACHED_PAGES = 50

    # Emitted after every query with (rows shown, rows in the list before searching).
    counts_changed = Signal(int, int)
    # Emitted once, at the first read of a row's text: the view is painting its first rows.
    first_read = Signal()
    # Emitted when the rest of a long list's ids has been read (see `has`).
    ids_completed = Signal()
    # Emitted when a first screen read on a thread (`ask`) is shown; stale answers never are.
    landed = Signal()

    def __init__(
        self,
        listing: CandidateListing,
        clock: Clock,
        parent: QObject | None = None,
        own_listing: OwnListing | None = None,
    ) -> None:
        super().__init__(parent)
        self._listing = listing
        # Given: the rest of a long list (and its count) is read on a thread, never blocking
        # the window (1,000,000 ids: ~0.5 s); otherwise on the GUI thread after the paint.
        self._own_listing = own_listing
        self._ticket = 0  # the query the thread's answer must belong to
        self.count_known = True  # False while a long list's count is still being read
        self._total_of: tuple[int | None, int | None] | None = None  # the list `total` counts
        self._clock = clock
        self._query = ListQuery()
        self._pending: ListQuery | None = None  # a search whose first screen is on a thread
        self._ids: list[int] = []
        self._pages: OrderedDict[int, list[CandidateRow | None]] = OrderedDict()
        self.total = 0
        # False while the window's first screen is up and `total` not read yet: at 1,000,000
        # candidates it is read with the rest of the ids (10-35 ms), after the first paint.
        self.total_known = True
        self.cadence_days: int | None = None  # the shown pool's, for the losing-touch tooltip
        self._count = 0
        self._complete = True
        self._loaded = False
        self.pages_fetched = 0  # read by tests and benchmarks
        # Set by the window until its first paint, which then calls `load_rest`.
        self.rest_waits_for_paint = False
        self._first_read_sent = False
        # A page read found the team database gone: no more reads (each would wait for the
        # server, on the GUI thread) until the list is read again, as "Reconnected" does.
        self._server_away = False

    # -- the query ------------------------------------------------------------------------
    @property
    def query(self) -> ListQuery:
        """The query whose rows are shown."""
        return self._query

    @property
    def wanted(self) -> ListQuery:
        """The query asked for last: the one shown, or the search on its way."""
        return self._pending or self._query

    @property
    def searching(self) -> bool:
        """Whether a query's first screen is being read on a thread (the rows shown are the
        previous query's until it lands)."""
        return self._pending is not None

    def ask(self, query: ListQuery, force: bool = False) -> None:
        """Show `query`'s list (`force`: read again even if it is the one asked for). With a
        listing of its own (the window's) the first screen is read on a thread and the rows
        shown stay until it lands (at 1,000,000 candidates the read takes up to ~100 ms, the
        GUI thread's part ~2 ms); an answer a newer query made stale is dropped. Otherwise,
        and for the first load (the window paints it), it is read at once."""
        if self._own_listing is None or not self._loaded:
            self.set_query(query, force)
        elif force or query != self.wanted:
            self._read_first_on_a_thread(query, force)

    def set_query(self, query: ListQuery, force: bool = False) -> None:
        """Show the list `query` describes (nothing to do when it already does)."""
        if query == self._query and self._pending is None and self._loaded and not force:
            return
        self._loaded = True
        # Over a read still on a thread: it may have been a refresh, whose total counts too.
        force, self._pending = force or self._pending is not None, None
        self._ticket += 1  # a search still on a thread answers too late
        self._show_first(query, self._listing.ids(query, limit=self.FIRST_IDS), force)

    def _show_first(
        self,
        query: ListQuery,
        ids: list[int],
        force: bool = False,
        page: list[CandidateRow | None] | None = None,
        total: int | None = None,
    ) -> None:
        """Show `query`'s first FIRST_IDS ids (and its first page of rows, if read)."""
        self.beginResetModel()
        self._server_away = False  # the list was read: the server answers
        self._query = query
        self._ids = let_go(self, self._ids, ids)
        self._complete = len(self._ids) < self.FIRST_IDS
        later = not self._complete and self._own_listing is not None
        self.count_known = not later
        if self._complete or later:  # later: the count arrives with the rest
            self._count = len(self._ids)
        else:
            self._count = self._listing.count(query)
        self._pages.clear()
        if page is not None:
            self._pages[0] = page
        self.endResetModel()
        listed = (query.pool_id, query.list_id)
        if query.list_id is not None and not query.search.strip():
            self.total = self._count  # a saved list unsearched: its count is its total
            self._total_of, self.total_known = None, True  # (and the thread's count, when read)
        elif total is not None:  # read on the thread with the first screen
            self.total, self._total_of, self.total_known = total, listed, True
        elif force or not self.total_known or self._total_of != listed:
            # Read again only for another list or a refresh: a keystroke's search does not
            # change it (counting 1,000,000 candidates: ~10 ms).
            self._total_of, self.total_known = listed, not (later and self.rest_waits_for_paint)
            if self.total_known:
                self.total = self._listing.total(query.pool_id, query.list_id)
        self.counts_changed.emit(self._count, self.total)
        if not self._complete and not self.rest_waits_for_paint:
            if later:
                self._read_rest_on_a_thread()
            else:
                QTimer.singleShot(self.REST_DELAY_MS, self, self._load_all_ids)

    def _read_first_on_a_thread(self, query: ListQuery, force: bool) -> None:
        assert self._own_listing is not None
        self._ticket += 1
        self._pending, self.count_known, ticket = query, False, self._ticket
        unsearched_list = query.list_id is not None and not query.search.strip()
        with_total = not unsearched_list and (
            force or not self.total_known or self._total_of != (query.pool_id, query.list_id)
        )
        read_first_screen(
            self._own_listing,
            query,
            (self.FIRST_IDS, self.PAGE_SIZE),
            with_total,
            sender_to(self),
            lambda ids, rows, total: self._first_arrived(ticket, query, ids, rows, total),
        )

    def _first_arrived(
        self,
        ticket: int,
        query: ListQuery,
        ids: list[int] | None,
        rows: list[CandidateRow],
        total: int | None,
    ) -> None:
        if ticket != self._ticket:
            return  # stale: another query came since
        self._pending = None
        if ids is None:
            self.set_query(query, force=True)
        else:
            found = {r.id: r for r in rows}
            page = [found.get(i) for i in ids[: self.PAGE_SIZE]]
            self._show_first(query, ids, page=page, total=total)
        self.landed.emit()

    def load_rest(self) -> None:
        """Read the ids beyond the first FIRST_IDS now (the window has painted)."""
        self.rest_waits_for_paint = False
        if self._own_listing is not None and not self._complete:
            self._read_rest_on_a_thread()
        else:
            self._load_all_ids()

    def _read_rest_on_a_thread(self) -> None:
        """Every id of the query, read on a thread; they land on the GUI thread unless another
        query (or a synchronous read, `_load_all_ids`) came first."""
        assert self._own_listing is not None
        ticket = self._ticket
        read_all_ids(
            self._own_listing,
            self._query,
            sender_to(self),
            lambda ids, total: self._rest_arrived(ticket, ids, total),
            None if self.total_known else self._total_of,
        )

    def _rest_arrived(self, ticket: int, ids: list[int], total: int | None) -> None:
        if ticket == self._ticket and not self._complete:
            if total is not None:
                self.total, self.total_known = total, True
            self._all_ids(ids)

    def _load_all_ids(self) -> None:
        if self._complete:
            return
        self._ticket += 1  # a thread still reading answers too late
        if not self.total_known and self._total_of is not None:
            self.total, self.total_known = self._listing.total(*self._total_of), True
        self._all_ids(self._listing.ids(self._query))

    def _all_ids(self, ids: list[int]) -> None:
        """Every id of the list, read after its first FIRST_IDS."""
        self._complete = True
        known, self.count_known = self.count_known, True
        first = len(self._ids)
        if ids[:first] == self._ids and (len(ids) == self._count or not known):
            # the usual case: nothing changed in between; the rows beyond the first appear
            grown = len(ids) > self._count
            if grown:
                self.beginInsertRows(QModelIndex(), self._count, len(ids) - 1)
            self._ids, self._count = ids, len(ids)
            if grown:
                self.endInsertRows()
            if not known:
                self._counted()
            self.ids_completed.emit()
            return
        self.beginResetModel()  # the database changed between the two reads
        self._ids, self._count = let_go(self, self._ids, ids), len(ids)
        self._pages.clear()
        self.endResetModel()
        self._counted()
        self.ids_completed.emit()

    def _counted(self) -> None:
        if self._total_of is None:  # a saved list unsearched: its count is its total
            self.total = self._count
        self.counts_changed.emit(self._count, self.total)

    def set_search(self, text: str) -> None:
        """Search within the list (a keystroke's: see `ask`)."""
        self.ask(self.wanted._replace(search=text))

    def set_pool(self, pool_id: int | None) -> None:
        self.ask(self.wanted._replace(pool_id=pool_id))

    def refresh(self) -> None:
        """Re-run the query: the list may have gained, lost or reordered rows (see `ask`)."""
        self.ask(self.wanted, force=True)

    def show_now(self) -> None:
        """Show the query asked for at once, when what follows needs its rows."""
        if self._pending is not None:
            self.set_query(self._pending, force=True)

    def refresh_rows(self, *candidate_ids: int) -> None:
        """Some candidates' columns changed but not the list itself: reload their pages."""
        for candidate_id in candidate_ids:
            row = self.row_of(candidate_id)
            if row is None:
                continue
            self._pages.pop(row // self.PAGE_SIZE, None)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    # -- lookups --------------------------------------------------------------------------
    def candidate_id(self, row: int) -> int:
        if row >= len(self._ids):
            self._load_all_ids()
        return self._ids[row]

    def all_ids(self) -> list[int]:
        """Every id of the current list, in display order ("all N in this list")."""
        self._load_all_ids()
        return list(self._ids)

    def has(self, candidate_id: int) -> bool | None:
        """Whether the list holds `candidate_id`, from the ids read so far: None while the rest
        of a long list is still to be read (`ids_completed` says when) and it was not among
        the first. Unlike `row_of`, it never reads the rest itself (a keystroke's query would
        wait for it)."""
        if candidate_id in self._ids:
            return True
        return False if self._complete else None

    def row_of(self, candidate_id: int) -> int | None:
        """The row of `candidate_id`: reads the rest of a long list only if it is not among
        the ids read so far."""
        for _ in range(2):
            try:
                return self._ids.index(candidate_id)
            except ValueError:
                if self._complete:
                    return None
                self._load_all_ids()
        return None

    def _row(self, row: int) -> CandidateRow | None:
        page_no = row // self.PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            if (page_no + 1) * self.PAGE_SIZE > len(self._ids):
                self._load_all_ids()
            start = page_no * self.PAGE_SIZE
            ids = self._ids[start : start + self.PAGE_SIZE]
            found = {r.id: r for r in self._listing.rows(ids, self._query.pool_id)}
            page = [found.get(i) for i in ids]
            self._pages[page_no] = page
            self.pages_fetched += 1
            if len(self._pages) > self.MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        return page[row % self.PAGE_SIZE]

    # -- Qt model API ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= self._count:
            return None
        if role == CANDIDATE_ID_ROLE:
            return self.candidate_id(index.row())
        if role not in CELL_ROLES:
            return None
        if not self._first_read_sent and role == Qt.ItemDataRole.DisplayRole:
            self._first_read_sent = True
            self.first_read.emit()
        if self._server_away and index.row() // self.PAGE_SIZE not in self._pages:
            return None  # shown once the server is back and the list read again
        try:
            row = self._row(index.row())
        except Exception as exc:  # team mode: the banner says the server is away, once
            if told_server_away(exc):
                self._server_away = True
                return None
            raise
        if row is None:  # deleted since the list was read
            return "(deleted)" if role == Qt.ItemDataRole.DisplayRole else None
        return cell(row, COLUMNS[index.column()][0], role, self._clock(), self.cadence_days)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section][1]
        return None

    # No flags() of its own: the C++ default (enabled, selectable, no children) is what the
    # rows are, and selecting all of 100,000 rows asks it of every cell (a Python override
    # made Ctrl+A and "Select all N in this list" stall the window for seconds).

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.ask(self.wanted._replace(sort=COLUMNS[column][0], descending=descending))
