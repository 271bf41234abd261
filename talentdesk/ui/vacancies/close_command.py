"""Closing a vacancy as one undoable command: redo closes it (an operation on the write path),
undo reopens it exactly. The e-mails are queued once, after the first close, and are not
undone: they are in the outbox, as any mailing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from talentdesk.core.db.enums import StageKind, VacancyStatus
from talentdesk.core.vacancies.close_mail import CloseMail, queue_close_mail
from talentdesk.core.vacancies.close_records import ClosedVacancy

if TYPE_CHECKING:
    from talentdesk.ui.main_window import MainWindow


@dataclass(frozen=True)
class CloseWish:
    """What the close dialog was told."""

    vacancy_id: int
    title: str
    outcomes: dict[int, StageKind]
    status: VacancyStatus
    near_fits: list[int]
    pool_id: int | None
    stage_id: int | None


def summary(closed: ClosedVacancy, queued: int | None, skipped: int) -> str:
    """ "Closed Backend Developer: 1 hired, 4 told · 5 e-mails queued · 2 near fits in Java"."""
    parts = [f"{closed.hired:,} hired, {closed.told:,} told"]
    if queued is not None:
        parts.append(f"{queued:,} e-mail{'s' if queued != 1 else ''} queued")
    if skipped:
        parts.append(f"{skipped:,} not e-mailed (do not contact or no address)")
    if closed.near_fits:
        where = f" in {closed.pool_name}" if closed.pool_name else ""
        parts.append(f"{closed.near_fits:,} near fit{'s' if closed.near_fits != 1 else ''}{where}")
    return f"Closed {closed.title}: " + " · ".join(parts)


class CloseVacancy(QUndoCommand):
    def __init__(
        self, window: MainWindow, wish: CloseWish, mail: CloseMail | None, skipped: int = 0
    ) -> None:
        super().__init__(f"close {wish.title}")
        self._window = window
        self._wish = wish
        self._mail = mail  # None once queued (or when there is nothing to send)
        self._skipped = skipped
        self._queued = False
        self._closed: ClosedVacancy | None = None

    def redo(self) -> None:
        window, wish = self._window, self._wish
        closing = window.ws.closing

        def close() -> ClosedVacancy:
            self._closed = closing.close(
                wish.vacancy_id,
                wish.outcomes,
                wish.status,
                wish.near_fits,
                wish.pool_id,
                wish.stage_id,
            )
            return self._closed

        window.events.ops.run(f"Closing {wish.title}", close, success=self._closed_now)

    def _closed_now(self, closed: ClosedVacancy) -> None:
        window = self._window
        mail, self._mail = self._mail, None
        if mail is None:
            tail = " (the e-mails stay in the outbox)" if self._queued else ""
            window.status(summary(closed, None, 0) + f". Undo with Ctrl+Z{tail}.", 15000)
            return
        outbox = window.mail_ui.services.outbox

        def queued(count: int) -> None:
            self._queued = True
            text = summary(closed, count, self._skipped)
            window.status(text + ". Ctrl+Z reopens the role; the e-mails stay queued.", 15000)

        window.events.ops.run(
            f"Queueing the e-mails for {closed.title}",
            lambda: queue_close_mail(outbox, mail),
            success=queued,
        )

    def undo(self) -> None:
        window, wish = self._window, self._wish
        closing = window.ws.closing

        def reopen() -> None:
            closed, self._closed = self._closed, None
            if closed is not None:  # None: the close itself failed
                closing.reopen(closed)

        def reopened(_: object) -> None:
            tail = "; the e-mails stay in the outbox" if self._queued else ""
            window.status(f"Reopened {wish.title}{tail}.", 15000)

        window.events.ops.run(f"Reopening {wish.title}", reopen, success=reopened)
