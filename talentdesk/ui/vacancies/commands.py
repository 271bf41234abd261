"""Undoable vacancy commands for the window's undo stack (Ctrl+Z)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from talentdesk.core.vacancies.service import DeletedVacancy
from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events


class DeleteVacancy(QUndoCommand):
    """Deleting a role is an operation; Undo (another one) puts it back with its stages,
    applications and their history. What was deleted is kept by the operation itself, on the
    write path, so an Undo queued right behind the delete finds it."""

    def __init__(
        self,
        ws: Workspace,
        events: Events,
        vacancy_id: int,
        title: str,
        status: Callable[[str], None],
        restored: Callable[[int], None],
    ) -> None:
        super().__init__(f"delete vacancy {title}")
        self._ws = ws
        self._events = events
        self._id = vacancy_id
        self._title = title
        self._status = status
        self._restored = restored
        self._deleted: DeletedVacancy | None = None

    def redo(self) -> None:
        vacancies = self._ws.vacancies

        def delete() -> None:
            self._deleted = vacancies.delete(self._id)

        self._events.ops.run(
            f"Deleting {self._title}",
            delete,
            success=lambda _: self._status(f"Deleted {self._title}. Undo with Ctrl+Z."),
        )

    def undo(self) -> None:
        vacancies = self._ws.vacancies

        def restore() -> None:
            if self._deleted is not None:  # None: the delete itself failed
                vacancies.restore(self._deleted)

        def done(_: object) -> None:
            self._status(f"Restored {self._title}.")
            self._restored(self._id)

        self._events.ops.run(f"Restoring {self._title}", restore, success=done)
