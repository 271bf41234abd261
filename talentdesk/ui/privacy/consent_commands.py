"""Consent changes as undoable commands: each an operation on the write path whose result (the
new record's id, or the record as it was) is kept by the operation itself, so an Undo queued
right behind it finds it (as ui/mainwindow/commands.py's DeleteCandidates does)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from talentdesk.ui.events import Events

T = TypeVar("T")


class ConsentCommand(QUndoCommand, Generic[T]):
    def __init__(
        self,
        text: str,
        events: Events,
        parent: QWidget,
        do: Callable[[], T],
        undo: Callable[[T], object],
    ) -> None:
        super().__init__(text)
        self._events, self._parent = events, parent
        self._do, self._undo = do, undo
        self._result: list[T] = []  # set on the write path by `redo`'s operation

    def redo(self) -> None:
        def work() -> None:
            self._result[:] = [self._do()]

        self._events.ops.run(self.text().capitalize(), work, parent=self._parent)

    def undo(self) -> None:
        def work() -> None:
            if self._result:  # empty: the change itself failed
                self._undo(self._result.pop())

        self._events.ops.run(f"Undoing {self.text()}", work, parent=self._parent)


def run_undoable(
    stack: QUndoStack | None,
    text: str,
    events: Events,
    parent: QWidget,
    do: Callable[[], T],
    undo: Callable[[T], object],
) -> None:
    """Run `do` as an operation, undoable with `undo(result)` when there is a stack."""
    command = ConsentCommand(text, events, parent, do, undo)
    if stack is None:
        command.redo()
    else:
        stack.push(command)  # runs it
