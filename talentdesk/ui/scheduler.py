"""Wakes up when reminders fall due and announces each one once.

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
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from talentdesk.core.reminders import generated, schedule
from talentdesk.core.reminders.generated import RefreshSummary
from talentdesk.core.timezone import local_zone
from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events
from talentdesk.ui.jobs import Cancelled, Job, Progress

if TYPE_CHECKING:
    from talentdesk.core.services.reminders import DueReminder

log = logging.getLogger(__name__)

BATCH = 500  # announced reminders are fetched and marked this many at a time
GENERATED_REFRESH_EVERY = 10  # minute checks between refreshes of the generated reminders


class ReminderScheduler(QObject):
    announced = Signal(list)  # list[DueReminder], newly due, soonest first; already marked
    counts_changed = Signal(int, int)  # due now, of which overdue (due before today)

    def __init__(self, ws: Workspace, events: Events, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._events = events
        self._generated_job: Job | None = None
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
        events.reminders_changed.connect(self._pending.start)
        events.candidates_changed.connect(self._pending.start)
        self.counts: tuple[int, int] | None = None  # None until the first check
        self.next_due: datetime | None = None

    def start(self, first_check_ms: int = 0) -> None:
        """Begin the once-a-minute checks; the first one after `first_check_ms`."""
        self._safety_timer.start()
        QTimer.singleShot(first_check_ms, self, self.check_now)
        QTimer.singleShot(first_check_ms, self, self.refresh_generated)

    def stop(self) -> None:
        for timer in (self._due_timer, self._safety_timer, self._pending):
            timer.stop()
        if self._generated_job is not None:  # the database closes after this
            self._generated_job.wait()

    def _minute_check(self) -> None:
        # One timer for both, so that with nothing due the app wakes once a minute at most.
        self._ticks += 1
        if self._ticks % GENERATED_REFRESH_EVERY == 0:
            self.refresh_generated()
        self.check_now()

    def refresh_generated(self) -> Job | None:
        """Bring the generated reminders up to date off the GUI thread; when that changed
        anything, `reminders_changed` makes the panes and this scheduler look again."""
        if self._generated_job is not None or not self.running:
            return None
        ws = self._ws

        def work(_progress: Progress, _cancelled: Cancelled) -> RefreshSummary:
            return generated.refresh(ws.db, ws.clock(), ws.tz)

        job = Job(work, self)
        job.succeeded.connect(self._generated_refreshed)
        job.failed.connect(lambda exc: log.warning("refreshing reminders failed: %s", exc))
        job.finished.connect(self._generated_finished)
        self._generated_job = job
        job.start()
        return job

    def _generated_refreshed(self, summary: RefreshSummary) -> None:
        if summary.created or summary.removed or summary.moved:
            log.info("generated reminders: %s", summary)
            self._events.reminders_changed.emit()

    def _generated_finished(self) -> None:
        self._generated_job = None

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
        while batch := reminders.due_unannounced(now, BATCH):
            reminders.mark_notified([r.id for r in batch], now)
            due += batch
        if due:
            log.info("%d reminder(s) fell due", len(due))
            self.announced.emit(due)
        counts = reminders.due_counts(now, schedule.start_of_day(now, local_zone(self._ws.tz)))
        if counts != self.counts or due:
            self.counts = counts
            self.counts_changed.emit(*counts)
        self.next_due = reminders.next_due_after(now)
        wait = schedule.due_timer_ms(now, self.next_due)
        if wait is None:
            self._due_timer.stop()
        else:
            self._due_timer.start(wait)
        return due

    @property
    def due_timer_ms(self) -> int | None:
        """What the single-shot timer waits for the next due reminder (None: not armed)."""
        return self._due_timer.interval() if self._due_timer.isActive() else None

    def next_wakeup_ms(self) -> int:
        """How long from now until the next look: the next due time or the safety check."""
        now = self._ws.clock()
        return schedule.next_wakeup_ms(now, self.next_due)
