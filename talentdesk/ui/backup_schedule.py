"""The backups the window takes by itself: once a day while it runs (looked at every hour, and
a minute after start) and on quit. Before an import or a bulk delete, the operation backs up
first (see the import pages and DeleteCandidates).

They are made off the GUI thread (a backup of 100,000 candidates takes a few seconds) and only
read the database, so writes go on meanwhile. A failure is logged and said in the status bar:
it never stops the work it protects.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from talentdesk.core.backups.auto import auto_backup
from talentdesk.core.backups.names import DAILY, QUIT
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.workspace import Workspace
from talentdesk.ui.jobs import Cancelled, Job, Progress

log = logging.getLogger(__name__)
FIRST_LOOK_MS = 60_000
LOOK_EVERY_MS = 3_600_000


class BackupSchedule(QObject):
    message = Signal(str)  # for the status bar

    def __init__(self, ws: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._job: Job | None = None
        self._timer = QTimer(self, interval=LOOK_EVERY_MS)
        self._timer.timeout.connect(self.daily)

    def start(self, first_look_ms: int = FIRST_LOOK_MS) -> None:
        self._timer.start()
        QTimer.singleShot(first_look_ms, self, self.daily)

    def daily(self) -> Job | None:
        """A daily backup unless there is one from today already (off the GUI thread)."""
        if self._job is not None or self._ws.read_only is not None:
            return None
        paths, clock = self._ws.paths, self._ws.clock

        def work(_progress: Progress, _cancelled: Cancelled) -> Path | None:
            return auto_backup(paths, DAILY, clock())

        job = Job(work, self)
        job.succeeded.connect(self._made)
        job.failed.connect(self._failed)
        job.finished.connect(self._finished)
        self._job = job
        job.start()
        return job

    @property
    def busy(self) -> bool:
        return self._job is not None

    def stop(self) -> None:
        self._timer.stop()
        if self._job is not None:
            self._job.wait()

    def _made(self, made: object) -> None:
        if isinstance(made, Path):
            log.info("daily backup: %s", made)

    def _failed(self, error: Exception) -> None:
        log.warning("the daily backup failed: %s", error)
        self.message.emit(f"The daily backup failed: {error}")

    def _finished(self) -> None:
        self._job = None


def backup_on_quit(ws: Workspace) -> Path | None:
    """The backup taken as TalentDesk quits (its window already gone): logged, never raised."""
    if ws.read_only is not None or ws.on_server:  # a team database is backed up on its server
        return None
    try:
        return auto_backup(ws.paths, QUIT, ws.clock())
    except TalentDeskError as exc:
        log.warning("the backup on quit failed: %s", exc.message)
    except OSError:
        log.exception("the backup on quit failed")
    return None
