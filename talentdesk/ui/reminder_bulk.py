"""Complete, complete-and-log and snooze every reminder selected in the reminders pane: each
is one operation on the write path and one command on the window's undo stack, so one Ctrl+Z
puts all of it back. The status bar says what happened."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.workspace import Workspace
from talentdesk.ui.errors import show_error
from talentdesk.ui.events import Events

if TYPE_CHECKING:
    from talentdesk.core.services.reminders import BulkOutcome

# From this many on, the status bar says the work has begun (and other TalentDesk processes
# waiting for the database are told what holds it).
LARGE = 50


def how_many(count: int) -> str:
    return f"{count:,} reminder" + ("" if count == 1 else "s")


class BulkReminderCommand(QUndoCommand):
    """One bulk action and its undo. What undo needs is kept by the operation itself, on the
    write path, so an Undo queued right behind the action finds it."""

    def __init__(
        self,
        bulk: BulkReminders,
        text: str,
        count: int,
        work: Callable[[], BulkOutcome],
    ) -> None:
        super().__init__(text)  # the Edit menu: "Undo complete 3 reminders"
        self._bulk = bulk
        self._count = count
        self._work = work
        self._outcome: BulkOutcome | None = None

    def redo(self) -> None:
        def act() -> BulkOutcome:
            self._outcome = self._work()
            return self._outcome

        self._bulk.run(self.text().capitalize(), self._count, act, self._landed)

    def _landed(self, outcome: BulkOutcome | None) -> None:
        if outcome is not None and outcome.changed == 0:
            self._bulk.drop(self)  # nothing to undo: Ctrl+Z goes to what came before

    def undo(self) -> None:
        reminders = self._bulk.ws.reminders
        outcome = self._outcome

        def put_back() -> BulkOutcome | None:
            if outcome is None or outcome.undo is None:  # the action itself failed
                return None
            return reminders.undo_bulk(outcome.undo)

        self._bulk.run(f"Undoing: {self.text()}", self._count, put_back)


class BulkReminders(QObject):
    """The reminders pane's complete / complete-and-log / snooze, on `selected()` ids."""

    message = Signal(str)

    def __init__(
        self,
        ws: Workspace,
        events: Events,
        host: QWidget,
        selected: Callable[[], list[int]],
        undo_stack: QUndoStack | None,
        zone: Callable[[], tzinfo],
    ) -> None:
        super().__init__(host)
        self.ws = ws
        self._events = events
        self._host = host
        self._selected = selected
        self._undo_stack = undo_stack
        self._zone = zone

    def complete(self, log: bool) -> None:
        ids = self._selected()
        if not ids:
            return
        kind: InteractionKind | None = None
        text = ""
        if log:
            chosen = self._ask_what_happened(ids)
            if chosen is None:
                return
            kind, text = chosen
        reminders = self.ws.reminders
        verb = "complete and log" if kind is not None else "complete"
        self._push(
            f"{verb} {how_many(len(ids))}",
            len(ids),
            lambda: reminders.complete_many(ids, kind, text),
        )

    def snooze(self, until: datetime) -> None:
        ids = self._selected()
        if not ids:
            return
        reminders = self.ws.reminders
        self._push(
            f"snooze {how_many(len(ids))}", len(ids), lambda: reminders.snooze_many(ids, until)
        )

    def earliest_due(self) -> datetime | None:
        """When the first of the selected reminders is due (its own time, not a snooze's)."""
        dues = [d.due_at for d in self.ws.reminders.get_many(self._selected())]
        return min(dues) if dues else None

    def _ask_what_happened(self, ids: list[int]) -> tuple[InteractionKind | None, str] | None:
        from talentdesk.ui.dialogs.complete_dialog import CompleteDialog

        details = [d for d in self.ws.reminders.get_many(ids) if d.done_at is None]
        if not details:
            self.message.emit("Those reminders are done or deleted already.")
            return None
        dialog = CompleteDialog(details, self._zone(), self._host)
        if dialog.exec() != dialog.DialogCode.Accepted:
            return None
        return dialog.values()

    def _push(self, text: str, count: int, work: Callable[[], BulkOutcome]) -> None:
        command = BulkReminderCommand(self, text, count, work)
        if self._undo_stack is not None:
            self._undo_stack.push(command)  # runs it
        else:
            command.redo()

    def drop(self, command: QUndoCommand) -> None:
        """Take `command` off the undo stack, if nothing was pushed after it."""
        stack = self._undo_stack
        if stack is None or stack.index() == 0 or stack.index() != stack.count():
            return
        if stack.command(stack.index() - 1) is command:
            command.setObsolete(True)
            stack.undo()  # an obsolete command is removed, not undone

    def run(
        self,
        label: str,
        count: int,
        work: Callable[[], BulkOutcome | None],
        landed: Callable[[BulkOutcome | None], None] | None = None,
    ) -> None:
        large = count >= LARGE
        if large:
            self.message.emit(f"{label}…")

        def done(outcome: BulkOutcome | None) -> None:
            if landed is not None:
                landed(outcome)
            if outcome is None:
                return
            undoable = self._undo_stack is not None and outcome.undo is not None
            again = " Undo with Ctrl+Z." if undoable and outcome.changed > 1 else ""
            self.message.emit(outcome.summary + again)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, TalentDeskError) and not exc.hint:
                from PySide6.QtWidgets import QMessageBox  # loaded when it first opens

                QMessageBox.warning(self._host, f"{label} failed", exc.message)
            else:
                show_error(self._host, exc, f"{label} failed")

        self._events.ops.run(
            label, work, success=done, failure=failed, parent=self._host, announce=large
        )
