"""Add, edit, snooze, complete and delete reminders: the actions (and shortcuts) both reminder
lists offer, on whichever reminder the list has selected."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, tzinfo
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QAbstractButton, QWidget

from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.errors import NotFoundError, TalentDeskError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.timezone import local_zone
from talentdesk.core.workspace import Workspace
from talentdesk.ui.errors import show_error
from talentdesk.ui.events import Events
from talentdesk.ui.formatting import format_datetime
from talentdesk.ui.reminder_bulk import BulkReminders
from talentdesk.ui.widgets.snooze_menu import SnoozeMenu, short_when

if TYPE_CHECKING:
    from talentdesk.core.services.reminders import ReminderDetail

T = TypeVar("T")


def follow_action(button: QAbstractButton, action: QAction) -> None:
    """A push button that is enabled exactly when `action` is (a plain button, so it keeps its
    own text, unlike QToolButton.setDefaultAction)."""
    button.setEnabled(action.isEnabled())
    action.enabledChanged.connect(button.setEnabled)


class ReminderActions(QObject):
    """`selected()` gives the list's current reminder id; `anchor()` where, on screen, the
    snooze menu opens when asked for from the keyboard. Given `many()`, the ids of every
    selected reminder, completing and snoozing act on all of them, each time as one undoable
    command (on `undo_stack`); editing and deleting only on one."""

    message = Signal(str)  # what happened, for the status bar

    def __init__(
        self,
        ws: Workspace,
        events: Events,
        host: QWidget,
        selected: Callable[[], int | None],
        anchor: Callable[[], QPoint],
        *,
        many: Callable[[], list[int]] | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(host)
        self._ws = ws
        self._events = events
        self._host = host
        self._selected = selected
        self._anchor = anchor
        self.writable = True  # False: a read-only database

        def action(text: str, keys: list[str], tip: str, slot: Callable[[], object]) -> QAction:
            act = QAction(text, host)
            act.setShortcuts([QKeySequence(k) for k in keys])
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.setToolTip(f"{tip} ({keys[0]})")
            act.triggered.connect(slot)
            host.addAction(act)
            return act

        self.edit_action = action("&Edit…", ["F2"], "Edit the reminder", self.edit)
        self.done_action = action("Mark &done", ["Ctrl+D"], "Mark the reminder done", self.done)
        self.log_action = action(
            "Done and &log…",
            ["Ctrl+Shift+D"],
            "Mark it done and log what happened",
            self.done_and_log,
        )
        self.snooze_action = action(
            "&Snooze", ["Ctrl+Shift+S"], "Snooze the reminder", self.show_snooze_menu
        )
        self.delete_action = action("De&lete…", ["Del"], "Delete the reminder", self.delete)
        self.snooze_menu = SnoozeMenu(
            ws.clock, lambda: self.zone, self.day_start, host, due=self._due
        )
        self.snooze_menu.chosen.connect(self.snooze)
        self.snooze_action.setMenu(self.snooze_menu)
        self.bulk: BulkReminders | None = None
        if many is not None:
            self.bulk = BulkReminders(ws, events, host, many, undo_stack, lambda: self.zone)
            self.bulk.message.connect(self.message)
        self.set_enabled(False)

    @property
    def actions(self) -> list[QAction]:
        return [
            self.edit_action,
            self.done_action,
            self.log_action,
            self.snooze_action,
            self.delete_action,
        ]

    def set_enabled(self, has_reminder: bool) -> None:
        self.set_selected(1 if has_reminder else 0)

    def set_selected(self, count: int) -> None:
        """On for `count` selected reminders: edit and delete for one, the rest for any; the
        texts say how many ("Complete 3")."""
        for act in (self.done_action, self.log_action, self.snooze_action):
            act.setEnabled(count > 0 and self.writable)
        for act in (self.edit_action, self.delete_action):
            act.setEnabled(count == 1 and self.writable)
        counted = count > 1
        self.done_action.setText(f"&Complete {count:,}" if counted else "Mark &done")
        self.log_action.setText(f"Complete {count:,} and &log…" if counted else "Done and &log…")
        self.snooze_action.setText(f"&Snooze {count:,}" if counted else "&Snooze")
        them = "the selected reminders" if counted else "the reminder"
        for act, tip in (
            (self.done_action, f"Mark {them} done"),
            (self.snooze_action, f"Snooze {them}"),
        ):
            act.setToolTip(f"{tip} ({act.shortcut().toString()})")

    def set_read_only(self) -> None:
        self.writable = False
        self.set_enabled(False)

    @cached_property
    def zone(self) -> tzinfo:
        """The user's time zone; looked up when first needed, not while the window opens."""
        return local_zone(self._ws.tz)

    def day_start(self) -> time:
        from talentdesk.core import settings

        return settings.read(self._ws.reader, settings.WORK_DAY_START)

    # -- the actions ---------------------------------------------------------------------------
    def add(
        self,
        candidate_id: int,
        candidate_name: str,
        added: Callable[[int], object] | None = None,
    ) -> bool:
        """Ask for a new reminder for the candidate and add it (`added(id)` once it is);
        False when the user cancelled."""
        from talentdesk.ui.dialogs.reminder_dialog import ReminderDialog

        dialog = ReminderDialog(
            now=self._ws.clock(),
            zone=self.zone,
            day_start=self.day_start(),
            candidate_name=candidate_name,
            parent=self._host,
        )
        if dialog.exec() != dialog.DialogCode.Accepted:
            return False
        values = dialog.values()
        reminders = self._ws.reminders

        def done(reminder_id: int) -> None:
            self.message.emit(f"Reminder added for {format_datetime(values.due_at)}.")
            if added is not None:
                added(reminder_id)

        self._run(
            f"Adding a reminder for {candidate_name}",
            lambda: reminders.add(
                candidate_id, values.due_at, values.kind, values.note, values.recurrence
            ),
            done,
            "Reminder not added",
        )
        return True

    def edit(self) -> None:
        detail = self._open_detail()
        if detail is None:
            return
        from talentdesk.ui.dialogs.reminder_dialog import ReminderDialog

        dialog = ReminderDialog(
            now=self._ws.clock(),
            zone=self.zone,
            day_start=self.day_start(),
            candidate_name=detail.candidate_name,
            detail=detail,
            parent=self._host,
        )
        if dialog.exec() != dialog.DialogCode.Accepted:
            return
        values = dialog.values()
        reminders, now = self._ws.reminders, self._ws.clock()
        # Saving ends a snooze; unless the due time changed, the user meant to keep it.
        snoozed = detail.snoozed_until
        keep_snooze = snoozed is not None and not dialog.due_changed() and snoozed > now

        def save() -> None:
            reminders.update(detail.id, values.due_at, values.kind, values.note, values.recurrence)
            if keep_snooze and snoozed is not None:
                reminders.snooze([detail.id], snoozed)

        self._run(
            f"Saving a reminder for {detail.candidate_name}",
            save,
            lambda _: self.message.emit("Reminder saved."),
            "Reminder not saved",
        )

    def done(self) -> None:
        if self.bulk is not None:
            if self._allowed():
                self.bulk.complete(log=False)
            return
        detail = self._open_detail()
        if detail is not None:
            self._complete(detail, None, None)

    def done_and_log(self) -> None:
        if self.bulk is not None:
            if self._allowed():
                self.bulk.complete(log=True)
            return
        detail = self._open_detail()
        if detail is None:
            return
        from talentdesk.ui.dialogs.complete_dialog import CompleteDialog

        dialog = CompleteDialog(detail, self.zone, self._host)
        if dialog.exec() != dialog.DialogCode.Accepted:
            return
        kind, text = dialog.values()
        self._complete(detail, kind, text)

    def show_snooze_menu(self) -> None:
        if self.snooze_action.isEnabled():
            self.snooze_menu.popup(self._anchor())

    def snooze(self, until: datetime) -> None:
        if self.bulk is not None:
            if self._allowed():
                self.bulk.snooze(until)
            return
        detail = self._open_detail()
        if detail is None:
            return
        reminders = self._ws.reminders
        when = short_when(until, self._ws.clock(), self.zone)
        self._run(
            f"Snoozing a reminder for {detail.candidate_name}",
            lambda: reminders.snooze([detail.id], until),
            lambda _: self.message.emit(f"Snoozed until {when}."),
            "Not snoozed",
        )

    def delete(self) -> None:
        detail = self._detail()
        if detail is None:
            return
        what = detail.kind.label + (f" “{detail.note}”" if detail.note else "")
        from PySide6.QtWidgets import QMessageBox  # loaded when it first opens

        answer = QMessageBox.question(
            self._host,
            "Delete reminder",
            f"Delete the reminder {what} for {detail.candidate_name}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        reminders = self._ws.reminders
        self._run(
            f"Deleting a reminder for {detail.candidate_name}",
            lambda: reminders.delete(detail.id),
            lambda _: self.message.emit("Reminder deleted."),
            "Reminder not deleted",
        )

    # -- helpers -------------------------------------------------------------------------------
    def _allowed(self) -> bool:
        if not self.writable:
            self.message.emit("Read-only: reminders cannot be changed.")
        return self.writable

    def _due(self) -> datetime | None:
        if self.bulk is not None:
            return self.bulk.earliest_due()
        detail = self._detail()
        return detail.due_at if detail is not None else None

    def _detail(self) -> ReminderDetail | None:
        """The selected reminder, to change; None with nothing selected, or read-only (Enter
        and a double-click reach here past the disabled actions)."""
        reminder_id = self._selected()
        if reminder_id is None:
            return None
        if not self.writable:
            self.message.emit("Read-only: reminders cannot be changed.")
            return None
        try:
            return self._ws.reminders.get(reminder_id)
        except NotFoundError:  # deleted meanwhile (elsewhere, or its candidate): show that
            self._events.touch(Changes(reminders=True))
            return None

    def _open_detail(self) -> ReminderDetail | None:
        detail = self._detail()
        if detail is not None and detail.done_at is not None:
            self.message.emit("That reminder is done already.")
            return None
        return detail

    def _complete(
        self, detail: ReminderDetail, kind: InteractionKind | None, text: str | None
    ) -> None:
        reminders = self._ws.reminders
        logged = " and logged" if kind is not None else ""

        def complete() -> datetime | None:
            next_id = reminders.complete(detail.id, kind, text)
            return None if next_id is None else reminders.get(next_id).due_at

        def done(due: datetime | None) -> None:
            if due is None:
                self.message.emit(f"Marked done{logged}.")
            else:
                self.message.emit(f"Marked done{logged}. Next: {format_datetime(due)}")

        self._run(f"Completing a reminder for {detail.candidate_name}", complete, done, "Not done")

    def _run(
        self,
        label: str,
        work: Callable[[], T],
        done: Callable[[T], object],
        refused: str,
    ) -> None:
        """One operation; a reminder gone meanwhile only refreshes (the lists show that)."""

        def failed(exc: BaseException) -> None:
            if isinstance(exc, NotFoundError):
                self._events.touch(Changes(reminders=True))
            elif isinstance(exc, TalentDeskError) and not exc.hint:
                from PySide6.QtWidgets import QMessageBox  # loaded when it first opens

                QMessageBox.warning(self._host, refused, exc.message)
            else:
                show_error(self._host, exc, refused)

        self._events.ops.run(label, work, success=done, failure=failed, parent=self._host)
