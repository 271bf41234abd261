"""Undoable smart-list commands for the window's undo stack (Ctrl+Z)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events

if TYPE_CHECKING:
    from talentdesk.core.lists.service import DeletedList


class DeleteList(QUndoCommand):
    """Deleting a list is an operation; Undo (another one) puts it back where it was, with
    its filter. What was deleted is kept by the operation itself, on the write path, so an
    Undo queued right behind the delete finds it."""

    def __init__(
        self,
        ws: Workspace,
        events: Events,
        list_id: int,
        name: str,
        status: Callable[[str], None],
        restored: Callable[[int], None],
        deleted: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(f"delete list {name}")
        self._ws = ws
        self._events = events
        self._id = list_id
        self._name = name
        self._status = status
        self._restored = restored
        self._deleted_done = deleted
        self._deleted: DeletedList | None = None

    def redo(self) -> None:
        lists = self._ws.lists

        def delete() -> None:
            self._deleted = lists.delete(self._id)

        def done(_: object) -> None:
            self._status(f"Deleted the list “{self._name}”. Undo with Ctrl+Z.")
            self._deleted_done()

        self._events.ops.run(f"Deleting the list “{self._name}”", delete, success=done)

    def undo(self) -> None:
        lists = self._ws.lists

        def restore() -> int | None:
            if self._deleted is None:  # the delete itself failed
                return None
            return lists.restore(self._deleted)

        def done(list_id: int | None) -> None:
            if list_id is not None:
                self._id = list_id
                self._status(f"Restored the list “{self._name}”.")
                self._restored(list_id)

        self._events.ops.run(f"Restoring the list “{self._name}”", restore, success=done)
