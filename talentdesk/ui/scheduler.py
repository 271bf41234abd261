"""Wakes up when reminders fall due and announces each one once.

More than BACKLOG newly due at once (TalentDesk was closed for days; 552,000 check-ins over a
million candidates) are one summary instead ("1,234 follow-ups due"): counted on a thread,
announced, then all of them noted as announced by one operation on the write path. Before,
they went out a thousand a minute, one notification each time, for hours.

A single-shot timer is armed for the next un-announced due time and re-armed whenever reminders
or candidates change; a repeating check about once a minute catches up after the computer slept
or the clock jumped (Qt timers count monotonic time, due times are wall-clock) and keeps the
due/overdue counts current. With nothing due, that is one wake-up a minute.

At start and every tenth minute check, the reminders TalentDesk writes itself are brought up
to date in a background thread: a pool member crosses the cadence as time passes, a birthday
comes into range. At 100,000 candidates that takes about a second, too long for the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from talentdesk.core.ops.changes import Changes
from talentdesk.core.reads import COUNT_CAP
from talentdesk.core.reminders import schedule
from talentdesk.core.reminders.generated import RefreshSummary
from talentdesk.core.timezone import local_zone
from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events
from talentdesk.ui.gui_thread import sender_to
from talentdesk.ui.ops import Op

if TYPE_CHECKING:
    from talentdesk.core.services.reminders import DueReminder

log = logging.getLogger(__name__)

# Up to this many newly due at once are announced by name; more are a backlog, one summary.
BACKLOG = 100
BACKLOG_BY_KIND = 20_000  # up to this many, the summary names their kind ("follow-ups")
BACKLOG_BATCH = 50_000  # noted as announced per operation (other writes go between)
GENERATED_REFRESH_EVERY = 10  # minute checks between refreshes of the generated reminders


class ReminderScheduler(QObject):
    announced = Signal(list)  # list[DueReminder], newly due, soonest first; already marked
    counts_changed = Signal(int, int)  # due now, of which overdue (due before today)
    # How many fell due, {kind value: how many} (empty when too many to count by kind).
    backlog_announced = Signal(int, object)

    def __init__(self, ws: Workspace, events: Events, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._events = events
        self._generated_op: Op | None = None
        # Announced, their "announced" mark not yet stored: not announced again meanwhile
        # (nor at all this session when it cannot be stored, a read-only database).
        self._marking: set[int] = set()
        self._ticks = 0
        self._due_timer = QTimer(self, singleShot=True, timerType=Qt.TimerType.CoarseTimer)
        self._due_timer.timeout.connect(self.check_now)
        self._safety_timer = QTimer(
            self,
            interval=schedule.SAFETY_INTERVAL_MS,
            timerType=Qt.TimerType.VeryCoarseTimer,
        )
        self._safety_timer.timeout.connect(self._minute_check)
        # Several changes in one user action (a completed repeating reminder, an import) make
        # one check, after the event that caused them.
        self._pending = QTimer(self, singleShot=True, interval=0)
        self._pending.timeout.connect(self.check_now)
        events.changed.connect(self._changed)
        self.counts: tuple[int, int] | None = None  # None until the first check
        self._counting = False  # too many to count on the GUI thread: counted on another
        # A backlog's summary under way (counted, announced, being noted), from this time;
        # kept when it cannot be noted (a read-only database): announced once this session.
        self._backlog: datetime | None = None
        self.next_due: datetime | None = None

    def _changed(self, changes: Changes) -> None:
        if changes.reminders or changes.candidate_list or changes.external:
            self._pending.start()

    def start(self, first_check_ms: int = 0) -> None:
        """Begin the once-a-minute checks; the first one after `first_check_ms`."""
        self._safety_timer.start()
        QTimer.singleShot(first_check_ms, self, self.check_now)
        QTimer.singleShot(first_check_ms, self, self.refresh_generated)

    def stop(self) -> None:
        for timer in (self._due_timer, self._safety_timer, self._pending):
            timer.stop()

    def _minute_check(self) -> None:
        # One timer for both, so that with nothing due the app wakes once a minute at most.
        self._ticks += 1
        if self._ticks % GENERATED_REFRESH_EVERY == 0:
            self.refresh_generated()
        self.check_now()

    def refresh_generated(self) -> Op | None:
        """Bring the generated reminders up to date, as an operation (off the GUI thread);
        what it changes makes the panes and this scheduler look again."""
        if self._generated_op is not None or not self.running or self._ws.read_only:
            return None
        ws = self._ws

        def done(summary: RefreshSummary | None) -> None:
            self._generated_op = None
            if summary is not None and (summary.created or summary.removed or summary.moved):
                log.info("generated reminders: %s", summary)

        def failed(exc: BaseException) -> None:  # bookkeeping: tried again in ten minutes
            log.warning("refreshing reminders failed: %s", exc)
            done(None)

        op = self._events.ops.run(
            "Updating the reminders TalentDesk keeps",
            ws.refresh_generated_reminders,
            success=done,
            failure=failed,
        )
        self._generated_op = None if op.finished else op
        return op

    @property
    def announcements_stored(self) -> bool:
        """Every announcement so far is stored as such (none waits on the write path)."""
        return not self._marking and self._backlog is None

    @property
    def refreshing(self) -> bool:
        return self._generated_op is not None

    @property
    def running(self) -> bool:
        return self._safety_timer.isActive()

    def check_now(self) -> list[DueReminder]:
        """Announce what is due and not announced yet, refresh the counts, re-arm the timer."""
        if not self.running:  # stopped (the app is quitting): its database may be closed
            return []
        reminders = self._ws.reminders
        now = self._ws.clock()
        due: list[DueReminder] = []
        if self._backlog is None:  # else those due now are the backlog's, being noted
            found = reminders.due_unannounced(now, BACKLOG + 1)
            if len(found) > BACKLOG:
                self._announce_backlog(now)
            else:
                due = [r for r in found if r.id not in self._marking]
        if due:
            log.info("%d reminder(s) fell due", len(due))
            self._mark_announced([r.id for r in due], now)
            self.announced.emit(due)
        self.recount(now, announced=bool(due))
        self.next_due = reminders.next_due_after(now)
        wait = schedule.due_timer_ms(now, self.next_due)
        if wait is None:
            self._due_timer.stop()
        else:
            self._due_timer.start(wait)
        return due

    def recount(self, now: datetime, *, announced: bool = False) -> None:
        """The due and overdue counts at `now`, heard by `counts_changed` when they change
        (or reminders were just `announced`)."""
        start_of_today = schedule.start_of_day(now, local_zone(self._ws.tz))
        counts = self._ws.reads.due_counts(now, start_of_today, cap=COUNT_CAP)
        if counts is None:  # too many to count here: counted on a thread, shown when known
            self._count_on_a_thread(now, start_of_today)
        elif counts != self.counts or announced:
            self._show_counts(counts)

    def _show_counts(self, counts: tuple[int, int]) -> None:
        self.counts = counts
        self.counts_changed.emit(*counts)

    def _count_on_a_thread(self, now: datetime, start_of_today: datetime) -> None:
        """The exact counts over a million reminders take ~0.2 s: read on a connection of
        their own, then shown (a count already under way is enough)."""
        if self._counting:
            return
        self._counting = True
        ws, send = self._ws, sender_to(self)

        def count() -> None:
            counts: tuple[int, int] | None = None
            try:
                with ws.own_reads() as reads:
                    counts = reads.due_counts(now, start_of_today)
            except Exception as exc:  # tried again at the next check
                log.warning("counting the due reminders failed: %s", exc)
            send(lambda: self._counted(counts))

        threading.Thread(target=count, name="due-counts", daemon=True).start()

    def _counted(self, counts: tuple[int, int] | None) -> None:
        self._counting = False
        if counts is not None and counts != self.counts and self.running:
            self._show_counts(counts)

    @property
    def counting(self) -> bool:
        """The due counts are being read on a thread."""
        return self._counting

    def _mark_announced(self, ids: list[int], now: datetime) -> None:
        """Store that these were announced (once per reminder, across restarts too)."""
        self._marking.update(ids)
        reminders = self._ws.reminders

        def stored(_: object) -> None:
            self._marking.difference_update(ids)

        def not_stored(exc: BaseException) -> None:  # kept in memory: announced once anyway
            log.warning("could not note %d announced reminder(s): %s", len(ids), exc)

        self._events.ops.run(
            "Noting the reminders announced",
            lambda: reminders.mark_notified(ids, now),
            success=stored,
            failure=not_stored,
        )

    def _announce_backlog(self, now: datetime) -> None:
        """Count what fell due by `now` unannounced on a thread, announce it as one summary,
        then note all of it as announced (one under way at a time)."""
        if self._backlog is not None:
            return
        self._backlog = now
        ws, send = self._ws, sender_to(self)

        def count() -> None:
            counts: tuple[int, dict[str, int]] | None = None
            try:
                with ws.own_reads() as reads:
                    counts = reads.unannounced_counts(now, BACKLOG_BY_KIND)
            except Exception as exc:  # tried again at the next check
                log.warning("counting the reminders due failed: %s", exc)
            send(lambda: self._backlog_counted(now, counts))

        threading.Thread(target=count, name="due-backlog", daemon=True).start()

    def _backlog_counted(self, now: datetime, counts: tuple[int, dict[str, int]] | None) -> None:
        if counts is None or not self.running:
            self._backlog = None
            return
        total, kinds = counts
        log.info("%d reminder(s) fell due: announced as one", total)
        if total:
            self.backlog_announced.emit(total, kinds)
        self._note_backlog(now)

    def _note_backlog(self, now: datetime) -> None:
        """Note the backlog as announced, a batch per operation until none is left."""
        reminders = self._ws.reminders

        def stored(noted: int) -> None:
            if noted >= BACKLOG_BATCH and self.running:
                self._note_backlog(now)
                return
            self._backlog = None
            self._pending.start()  # what fell due meanwhile is announced by name

        def not_stored(exc: BaseException) -> None:  # not announced again this session
            log.warning("could not note the reminders announced: %s", exc)

        self._events.ops.run(
            "Noting the reminders announced",
            lambda: reminders.mark_due_notified(now, BACKLOG_BATCH),
            success=stored,
            failure=not_stored,
        )

    @property
    def due_timer_ms(self) -> int | None:
        """What the single-shot timer waits for the next due reminder (None: not armed)."""
        return self._due_timer.interval() if self._due_timer.isActive() else None

    def next_wakeup_ms(self) -> int:
        """How long from now until the next look: the next due time or the safety check."""
        now = self._ws.clock()
        return schedule.next_wakeup_ms(now, self.next_due)
