"""The ranked candidates for a vacancy, read from the core's matcher a page at a time as the
view scrolls (Qt's canFetchMore / fetchMore): the scores are computed in the core.

Ranking a pool of 100,000 takes a hundred milliseconds or more, so every read runs on a thread
of its own and lands on the GUI thread when done; a read overtaken by a newer question (another
filter, another role) is dropped. The first page comes without the total, which the same thread
counts right after (`counted`): the ranking shows without waiting for the count."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from talentdesk.core.errors import TalentDeskError
from talentdesk.core.vacancies.matching import Match, MatchPage
from talentdesk.core.workspace import Workspace
from talentdesk.ui.gui_thread import sender_to

PAGE_SIZE = 50
MAX_RELOAD = 1000  # a refresh reads again at most this many rows (the matcher's own limit)
MATCH_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class MatchQuery:
    """What the filters ask the matcher for."""

    vacancy_id: int
    pool_id: int | None = None
    include_in_pipeline: bool = False
    include_do_not_contact: bool = False
    min_score: int = 0


class MatchModel(QAbstractListModel):
    # After each first page: how many match in all (None: being counted, then `counted`),
    # and what the vacancy gives nothing to match on; or why it could not be read (the
    # vacancy went away).
    loaded = Signal(object, object)  # total (int | None), notes (tuple[str, ...])
    counted = Signal(int)  # the total, once counted
    failed = Signal(object)  # TalentDeskError

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self.query: MatchQuery | None = None
        self.matches: list[Match] = []
        self.total: int | None = 0  # None: being counted
        self._full = False  # the last page read was full: there may be more
        self.notes: tuple[str, ...] = ()
        self._ticket = 0  # the question being answered; older answers are dropped
        self._asked: MatchQuery | None = None
        self._reading = 0  # reads in flight
        self._fetching = False  # a next page is on its way
        self._on_arrival: dict[int, Callable[[MatchPage], None]] = {}

    @property
    def busy(self) -> bool:
        """A read is in flight (the rows shown may be about to change). Once the model's Qt
        side is gone (its tab deleted) nothing in flight can land any more."""
        return self._reading > 0 and shiboken6.isValid(self)

    # -- what is asked -----------------------------------------------------------------------
    def set_query(self, query: MatchQuery | None, keep_rows: bool = False) -> None:
        """Read the first page for `query` (None: nothing shown); `keep_rows` reads as many
        rows as are shown now (a refresh after a change keeps the scrolled-to rows). The rows
        change, and `loaded` or `failed` is emitted, when the read lands."""
        self._ticket += 1
        self._fetching = False
        self._asked = query
        if query is None:
            self._show(None, None)
            return
        rows = len(self.matches) if keep_rows else 0
        limit = min(max(PAGE_SIZE, rows), MAX_RELOAD)
        self._start(query, limit, 0, lambda page: self._show(query, page, limit), count=True)

    def _show(self, query: MatchQuery | None, page: MatchPage | None, limit: int = 0) -> None:
        self.beginResetModel()
        self.query = query
        self.matches = [] if page is None else list(page.matches)
        self.total = 0 if page is None else page.total
        self._full = page is not None and len(page.matches) == limit
        self.notes = () if page is None else page.notes
        self.endResetModel()
        self.loaded.emit(self.total, self.notes)

    def _start(
        self,
        query: MatchQuery,
        limit: int,
        offset: int,
        then: Callable[[MatchPage], None],
        count: bool = False,
    ) -> None:
        """Read a page on a thread of its own; `count`: then count the total there too."""
        ticket = self._ticket
        self._on_arrival[ticket] = then
        self._reading += 2 if count else 1
        send = sender_to(self)  # what lands is dropped once this model is deleted

        def read() -> None:
            page: MatchPage | None = None
            error: BaseException | None = None
            try:
                page = self._read(query, limit, offset)
            except BaseException as exc:  # handed to the GUI thread, which shows it
                error = exc
            found, failed = page, error  # as they are now: `error` may change below
            send(lambda: self._arrived(ticket, found, failed))
            if not count:
                return
            total: int | None = None
            if error is None:
                try:
                    total = self._count(query)
                except BaseException as exc:
                    error = exc
            send(lambda: self._counted(ticket, total, error))

        threading.Thread(target=read, name="match-read", daemon=True).start()

    def _arrived(self, ticket: int, page: MatchPage | None, error: BaseException | None) -> None:
        self._reading -= 1
        then = self._on_arrival.pop(ticket, None)
        if ticket != self._ticket or then is None:
            return  # overtaken by a newer question
        if error is not None:
            self._fetching = False
            if not isinstance(error, TalentDeskError):
                raise error  # a bug: the error boundary reports it
            self.failed.emit(error)
            return
        assert page is not None
        then(page)

    def _counted(self, ticket: int, total: int | None, error: BaseException | None) -> None:
        self._reading -= 1
        if ticket != self._ticket or total is None:
            if error is not None and not isinstance(error, TalentDeskError):
                raise error  # a bug (a TalentDeskError was shown with the page, or will be)
            return
        self.total = max(total, len(self.matches))
        self.counted.emit(self.total)

    def _read(self, query: MatchQuery, limit: int, offset: int) -> MatchPage:
        return self._ws.matcher.match(
            query.vacancy_id,
            limit=limit,
            offset=offset,
            pool_id=query.pool_id,
            include_in_pipeline=query.include_in_pipeline,
            include_do_not_contact=query.include_do_not_contact,
            min_score=query.min_score,
            with_total=False,
        )

    def _count(self, query: MatchQuery) -> int:
        return self._ws.matcher.count(
            query.vacancy_id,
            pool_id=query.pool_id,
            include_in_pipeline=query.include_in_pipeline,
            include_do_not_contact=query.include_do_not_contact,
            min_score=query.min_score,
        )

    # -- paging ------------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's default
        if parent.isValid() or self.query is None:
            return False
        return self._full if self.total is None else len(self.matches) < self.total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self._fetching or not self.canFetchMore(parent) or self.query is None:
            return
        if self._asked != self.query:
            return  # a new question is being answered: its first page comes first
        self._fetching = True
        self._start(self.query, PAGE_SIZE, len(self.matches), self._append)
        self._full = False

    def _append(self, page: MatchPage) -> None:
        self._fetching = False
        known = {m.candidate_id for m in self.matches}
        fresh = [m for m in page.matches if m.candidate_id not in known]
        self._full = len(page.matches) == PAGE_SIZE
        if not fresh:  # the ranking changed under us: nothing more to show until a refresh
            self.total = len(self.matches)
            return
        first = len(self.matches)
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self.matches.extend(fresh)
        self.endInsertRows()

    # -- what the view reads -----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.matches)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.matches):
            return None
        match = self.matches[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return match.name
        if role == MATCH_ROLE:
            return match
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{match.name}, score {match.score}"
        return None

    def match_at(self, row: int) -> Match | None:
        return self.matches[row] if 0 <= row < len(self.matches) else None

    def row_of(self, candidate_id: int) -> int | None:
        for row, match in enumerate(self.matches):
            if match.candidate_id == candidate_id:
                return row
        return None
