"""The Metrics tab: the filters, then a section per figure of the core, each a few cards.

Every figure is one call to the core, made off the GUI thread (runner.py); its cards say
"Computing…" until it lands, and the first sections land first. A filter change obsoletes
what is being computed; a change to the data refreshes the figures once things settle (and
only while the tab is shown: hidden, it refreshes when shown again)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.errors import TalentDeskError
from talentdesk.core.metrics import Filters, Metrics
from talentdesk.core.ops.changes import Changes
from talentdesk.core.workspace import Workspace
from talentdesk.ui.errors import show_error
from talentdesk.ui.events import Events
from talentdesk.ui.gui_thread import sender_to
from talentdesk.ui.metrics.card import FigureCard
from talentdesk.ui.metrics.catalog import SECTIONS, Section, present
from talentdesk.ui.metrics.filter_bar import Choices, FilterBar
from talentdesk.ui.metrics.people_dialog import PeopleDialog
from talentdesk.ui.metrics.runner import FigureRunner
from talentdesk.ui.metrics.shown import Ids, Shown

NO_PIXELS = "Open rates are not measured: TalentDesk adds no tracking pixels."
REFRESH_MS = 1500  # after a change to the data: one refresh for a burst of operations
FILTER_MS = 250
COLUMNS = 2


class MetricsView(QWidget):
    open_candidate = Signal(int)

    def __init__(self, ws: Workspace, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("metricsView")
        self._ws = ws
        self.cards: dict[str, FigureCard] = {}
        self._notes: dict[str, QLabel] = {}  # per section (core figure)
        self.people_dialog: PeopleDialog | None = None
        self._people_asked = 0  # which click the list being read answers
        self._stale = True  # the figures shown (none yet) may be out of date
        self.reloads = 0  # how many times the figures were asked for (tests wait on it)
        self.runner = FigureRunner(self)
        self.runner.arrived.connect(self._arrived)
        self.runner.failed.connect(self._failed)
        self._choices = FigureRunner(self, workers=1)
        self._choices_wanted: dict[str, Callable[[object], object]] | None = None
        self._choices.arrived.connect(lambda _key, choices: self.filter_bar.set_choices(choices))
        self._choices.failed.connect(self._choices_failed)
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_MS)
        self._refresh_timer.timeout.connect(self._refresh_after_change)
        # Typing a date changes it digit by digit: compute once the typing pauses.
        self._filter_timer = QTimer(self, singleShot=True, interval=FILTER_MS)
        self._filter_timer.timeout.connect(self.reload)
        events.changed.connect(self._changed)

        column = QVBoxLayout(self)
        column.addLayout(self._top())
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("metricsBody")
        body_column = QVBoxLayout(body)
        for section in SECTIONS:
            body_column.addWidget(self._section(section))
        body_column.addStretch(1)
        scroll.setWidget(body)
        column.addWidget(scroll, 1)

    def _top(self) -> QVBoxLayout:
        top = QVBoxLayout()
        row = QHBoxLayout()
        self.filter_bar = FilterBar(lambda: self._ws.clock().astimezone(self._ws.tz).date())
        self.filter_bar.changed.connect(lambda _filters: self._filter_timer.start())
        row.addWidget(self.filter_bar, 1)
        refresh = QToolButton()
        refresh.setText("Refresh")
        refresh.setToolTip("Compute every figure again")
        refresh.clicked.connect(self.reload)
        row.addWidget(refresh)
        top.addLayout(row)
        note = QLabel(NO_PIXELS)
        note.setObjectName("metricsNoPixels")
        note.setStyleSheet("color: #6b7280;")
        top.addWidget(note)
        return top

    def _section(self, section: Section) -> QWidget:
        box = QWidget()
        box.setObjectName(f"metricsSection_{section.figure}")
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 8, 0, 8)
        heading = QLabel(section.title)
        heading.setStyleSheet("font-size: 15px; font-weight: 600;")
        column.addWidget(heading)
        note = QLabel()  # how the section's figures are counted, once they have arrived
        note.setWordWrap(True)
        note.setStyleSheet("color: #6b7280;")
        self._notes[section.figure] = note
        column.addWidget(note)
        grid = QGridLayout()
        place = 0
        for spec in section.cards:
            card = FigureCard(spec.key, spec.title)
            card.people_requested.connect(self.show_people)
            self.cards[spec.key] = card
            if spec.wide and place % COLUMNS:
                place += COLUMNS - place % COLUMNS
            span = COLUMNS if spec.wide else 1
            top = Qt.AlignmentFlag.AlignTop  # as tall as its own chart, not its neighbour
            grid.addWidget(card, place // COLUMNS, place % COLUMNS, 1, span, top)
            place += span
        for n in range(COLUMNS):
            grid.setColumnStretch(n, 1)
        column.addLayout(grid)
        return box

    # -- computing ------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.runner.busy

    def filters(self) -> Filters:
        return self.filter_bar.filters()

    def reload(self) -> None:
        """Compute every figure again for the filters shown (obsoleting what is running)."""
        self._stale = False
        self.reloads += 1
        self._refresh_timer.stop()
        self._filter_timer.stop()
        self.filter_bar.refresh_preset()
        filters = self.filters()
        for card in self.cards.values():
            card.computing()
        calls = {section.figure: _call(section, filters) for section in SECTIONS}
        # One read transaction for the run: the figures agree and share what they read.
        self.runner.run(calls, self._ws.metrics.snapshot)
        # The pools from the window's reader (its thread; quick), the rest on a thread once the
        # first figure is in (read beside it, they would share its interpreter and delay it).
        pools = tuple((p.id, p.name) for p in self._ws.reads.pool_summaries(counted=False))
        self._choices.cancel()
        self._choices_wanted = {"choices": lambda _: self._read_choices(pools)}

    def _read_choices_now(self) -> None:
        wanted, self._choices_wanted = self._choices_wanted, None
        if wanted is not None:
            self._choices.run(wanted)

    def _read_choices(self, pools: tuple[tuple[int, str], ...]) -> Choices:
        """The vacancies and templates a filter can name (on a computing thread)."""
        ws = self._ws
        vacancies = tuple((v.id, v.title) for v in ws.vacancies.summaries())
        return Choices(pools, vacancies, tuple(ws.metrics.template_names()))

    def _arrived(self, key: str, shown: object) -> None:
        self._read_choices_now()
        assert isinstance(shown, dict)
        notes: list[str] = []
        for card_key, result in shown.items():
            assert isinstance(result, Shown)
            self.cards[card_key].show_result(result)
            if result.note and result.note not in notes:
                notes.append(result.note)
        self._notes[key].setText(" ".join(notes))

    def _failed(self, key: str, error: BaseException) -> None:
        self._read_choices_now()
        section = next(s for s in SECTIONS if s.figure == key)
        text = error.message if isinstance(error, TalentDeskError) else "Could not compute this."
        for spec in section.cards:
            self.cards[spec.key].show_error(text)
        if not isinstance(error, TalentDeskError):
            self._raise_bug(error)

    def _choices_failed(self, _key: str, error: BaseException) -> None:
        if not isinstance(error, TalentDeskError):
            self._raise_bug(error)
        # Otherwise the filters keep the choices they had; the figures say what went wrong.

    @staticmethod
    def _raise_bug(error: BaseException) -> None:
        raise error  # a bug: the error boundary reports it

    # -- refreshing -----------------------------------------------------------------------
    def _changed(self, changes: Changes) -> None:
        if not (
            changes.candidates
            or changes.candidate_list
            or changes.pools
            or changes.mail
            or changes.vacancies
            or changes.external
        ):
            return  # settings, saved lists, reminders: no figure counts them
        if self.isVisible():
            self._refresh_timer.start()
        else:
            self._stale = True

    def _refresh_after_change(self) -> None:
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            QTimer.singleShot(0, self.reload)  # paint the frame first

    # -- the people behind a figure ---------------------------------------------------------
    def show_people(self, what: str, ids: Ids) -> None:
        """The people behind a number, read on a thread (a figure finds them only when asked:
        up to ~0.4 s over 100,000 candidates), then listed in a dialog."""
        if self.people_dialog is not None:
            self.people_dialog.close()
        self._people_asked += 1
        asked, send = self._people_asked, sender_to(self)
        self.setCursor(Qt.CursorShape.BusyCursor)

        def read() -> None:
            try:
                found, error = tuple(ids), None
            except Exception as exc:  # shown on the GUI thread
                found, error = (), exc
            send(lambda: self._people_read(asked, what, found, error))

        threading.Thread(target=read, name="metrics-people", daemon=True).start()

    def _people_read(
        self, asked: int, what: str, ids: tuple[int, ...], error: Exception | None
    ) -> None:
        if asked != self._people_asked:
            return  # another number was clicked meanwhile: its list is the one shown
        self.unsetCursor()
        if error is not None:
            show_error(self, error, "Cannot list the people behind this")
            return
        dialog = PeopleDialog(self._ws, what, ids, self)
        dialog.open_candidate.connect(self.open_candidate)
        dialog.destroyed.connect(lambda: self._forget(dialog))
        self.people_dialog = dialog
        dialog.show()

    def _forget(self, dialog: PeopleDialog) -> None:
        if self.people_dialog is dialog:
            self.people_dialog = None


def _call(section: Section, filters: Filters) -> Callable[[Metrics], dict[str, Shown]]:
    """One section's figure, computed and made ready to draw (on a computing thread)."""

    def compute(metrics: Metrics) -> dict[str, Shown]:
        figure = metrics.figure(section.figure, filters)
        return {card.key: present(card, figure) for card in section.cards}

    return compute
