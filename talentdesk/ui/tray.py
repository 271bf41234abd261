"""How due reminders reach the recruiter: the system tray icon (tooltip with the counts, a red dot
when something is overdue, a notification when reminders fall due, a menu), or, on a desktop
without a tray, a banner at the top of the window."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QMenu, QPushButton

from talentdesk import APP_NAME
from talentdesk.core.db.enums import ReminderKind
from talentdesk.core.reminders.snooze import SnoozePreset, snooze_until
from talentdesk.core.timezone import local_zone
from talentdesk.ui.icons import app_icon, overdue_icon

if TYPE_CHECKING:  # the window imports this module: it must not load SQLAlchemy
    from PySide6.QtWidgets import QSystemTrayIcon  # with the tray (after the first paint)

    from talentdesk.core.services.reminders import DueReminder
    from talentdesk.core.workspace import Workspace
    from talentdesk.ui.events import Events
    from talentdesk.ui.scheduler import ReminderScheduler


class TrayHost(Protocol):
    """What the tray needs of the window (the main window is one; the tray does not import
    it, so the window and the tray do not import each other)."""

    ws: Workspace
    events: Events
    settings_action: QAction

    def bring_to_front(self) -> None: ...
    def show_due_reminders(self) -> None: ...
    def open_candidate(self, candidate_id: int) -> None: ...
    def quit(self) -> None: ...


MENU_REMINDERS = 5  # due reminders listed in the tray menu
SNOOZE_ALL_LIMIT = 10_000
NAMES_SHOWN = 3  # candidates named in a notification about several reminders
MESSAGE_MS = 10_000
WHAT_CHARS = 60
_PLURALS = {
    ReminderKind.FOLLOW_UP: "follow-ups",
    ReminderKind.CHECK_IN: "check-ins",
    ReminderKind.BIRTHDAY: "birthdays",
}
TRAY_HINT = f"{APP_NAME} keeps running in the tray; Quit from its menu or Ctrl+Q."


def counts_text(due: int, overdue: int) -> str:
    """ "3 reminders due, 1 overdue", "1 reminder due", "Nothing due"."""
    if due == 0:
        return "Nothing due"
    text = f"{due:,} reminder{'' if due == 1 else 's'} due"
    return f"{text}, {overdue:,} overdue" if overdue else text


def announcement(due: Sequence[DueReminder]) -> tuple[str, str]:
    """The notification's title and text: one reminder names its candidate and what it is
    about; several name the first few candidates ("3 follow-ups due" / "Anna Kowalska, …")."""
    if len(due) == 1:
        reminder = due[0]
        return f"{reminder.kind.label} due: {reminder.candidate_name}", _short(reminder.what)
    kinds = {r.kind for r in due}
    noun = _PLURALS.get(kinds.pop(), "reminders") if len(kinds) == 1 else "reminders"
    names = list(dict.fromkeys(r.candidate_name for r in due))
    text = ", ".join(names[:NAMES_SHOWN]) + (", …" if len(names) > NAMES_SHOWN else "")
    return f"{len(due):,} {noun} due", text


def backlog_announcement(total: int, kinds: dict[str, int]) -> tuple[str, str]:
    """A backlog's one notification: "1,234 follow-ups due" / "Open TalentDesk to see them"."""
    if total == 1:
        noun = "reminder"
    elif len(kinds) == 1:
        noun = _PLURALS.get(ReminderKind(next(iter(kinds))), "reminders")
    else:
        noun = "reminders"
    return f"{total:,} {noun} due", f"Open {APP_NAME} to see them."


def only_candidate(due: Sequence[DueReminder]) -> int | None:
    """The candidate all of `due` are about, if there is one: a click opens them."""
    ids = {r.candidate_id for r in due}
    return ids.pop() if len(ids) == 1 else None


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= WHAT_CHARS else text[: WHAT_CHARS - 1].rstrip() + "…"


class TrayNotifier(QObject):
    """The tray icon, its menu and its notifications. `notified` carries each notification's
    title and text (showMessage itself has no observable result)."""

    notified = Signal(str, str)

    def __init__(self, window: TrayHost, scheduler: ReminderScheduler) -> None:
        super().__init__(window)  # type: ignore[arg-type]  # a QObject: the main window
        self._window = window
        self._scheduler = scheduler
        self._target: int | None = None  # whom the last notification's click opens
        self._overdue = False
        from PySide6.QtWidgets import QSystemTrayIcon

        self.icon = QSystemTrayIcon(app_icon(), self)
        self.icon.setToolTip(f"{APP_NAME}\nChecking reminders…")
        self.menu = QMenu()  # a widget cannot be this QObject's child: deleted along with it
        self.menu.setObjectName("trayMenu")
        self.destroyed.connect(self.menu.deleteLater)
        self.open_action = self.menu.addAction(f"Open {APP_NAME}", window.bring_to_front)
        self.menu.addSeparator()
        self._due_anchor = self.menu.addSeparator()
        self.reminder_actions: list[QAction] = []
        self.snooze_action = self.menu.addAction("Snooze all 1 hour", self.snooze_all)
        self.menu.addSeparator()
        self.menu.addAction(window.settings_action)
        self.quit_action = self.menu.addAction("Quit", window.quit)
        self.icon.setContextMenu(self.menu)
        self.menu.aboutToShow.connect(self.refresh_menu)
        self.icon.activated.connect(self._activated)
        self.icon.messageClicked.connect(self.open_target)
        scheduler.announced.connect(self.announce)
        scheduler.backlog_announced.connect(self.announce_backlog)
        scheduler.counts_changed.connect(self.show_counts)
        self.refresh_menu()
        self.icon.show()

    def announce(self, due: list[DueReminder]) -> None:
        title, text = announcement(due)
        self._target = only_candidate(due)
        self.show_message(title, text)

    def announce_backlog(self, total: int, kinds: dict[str, int]) -> None:
        self._target = None  # a click opens the reminders pane
        self.show_message(*backlog_announcement(total, kinds))

    def show_message(self, title: str, text: str) -> None:
        self.icon.showMessage(title, text, app_icon(), MESSAGE_MS)
        self.notified.emit(title, text)

    def show_hint(self) -> None:
        """The one-time note, when the window first closes, that the app is still running."""
        self._target = None
        self.show_message(APP_NAME, TRAY_HINT)

    def open_target(self) -> None:
        """A click on the notification: its candidate, or the reminders pane for several."""
        if self._target is None:
            self._window.show_due_reminders()
        else:
            self._window.bring_to_front()
            self._window.open_candidate(self._target)

    def show_counts(self, due: int, overdue: int) -> None:
        self.icon.setToolTip(f"{APP_NAME}\n{counts_text(due, overdue)}")
        if (overdue > 0) != self._overdue:
            self._overdue = overdue > 0
            self.icon.setIcon(overdue_icon() if self._overdue else app_icon())
        self.refresh_menu()

    @property
    def shows_overdue(self) -> bool:
        return self._overdue

    def refresh_menu(self) -> None:
        """List the next few due reminders (the menu is rebuilt when counts change and when
        it opens, so it is right on trays that copy the menu ahead of time)."""
        for action in self.reminder_actions:
            self.menu.removeAction(action)
            action.deleteLater()
        self.reminder_actions = []
        if not self._scheduler.running:
            self.snooze_action.setEnabled(False)
            return
        due = self._window.ws.reminders.due_now(self._window.ws.clock(), MENU_REMINDERS + 1)
        for reminder in due[:MENU_REMINDERS]:
            action = QAction(f"{reminder.candidate_name} — {_short(reminder.what)}", self.menu)
            action.triggered.connect(
                lambda _checked=False, cid=reminder.candidate_id: self._open_candidate(cid)
            )
            self.reminder_actions.append(action)
        if len(due) > MENU_REMINDERS:
            more = QAction("All due reminders…", self.menu)
            more.triggered.connect(self._window.show_due_reminders)
            self.reminder_actions.append(more)
        self.menu.insertActions(self._due_anchor, self.reminder_actions)
        self.snooze_action.setEnabled(bool(due))

    def snooze_all(self) -> None:
        """Snooze everything due now for an hour; each is announced again when it ends."""
        ws = self._window.ws
        now = ws.clock()
        ids = [r.id for r in ws.reminders.due_now(now, SNOOZE_ALL_LIMIT)]
        if not ids:
            return
        until = snooze_until(SnoozePreset.ONE_HOUR, now, local_zone(ws.tz))
        reminders = ws.reminders
        self._window.events.ops.run(
            f"Snoozing {len(ids):,} reminder(s) for an hour", lambda: reminders.snooze(ids, until)
        )

    def hide(self) -> None:
        self.icon.hide()

    def _open_candidate(self, candidate_id: int) -> None:
        self._window.bring_to_front()
        self._window.open_candidate(candidate_id)

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        from PySide6.QtWidgets import QSystemTrayIcon

        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self._window.bring_to_front()


class DueBanner(QFrame):
    """Where there is no tray: newly due reminders shown above the list, with Show and ×."""

    show_requested = Signal(object)  # the candidate id, or None for the reminders pane

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("dueBanner")
        self.setStyleSheet(
            "#dueBanner { background: #fef3c7; border: 1px solid #f59e0b; border-radius: 4px; }"
        )
        self.label = QLabel()
        self.label.setObjectName("dueBannerText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        # On one line a long text would widen the window past the screen.
        self.label.setWordWrap(True)
        self.show_button = QPushButton("Show")
        self.show_button.setObjectName("dueBannerShow")
        self.show_button.clicked.connect(lambda: self.show_requested.emit(self._target))
        dismiss = QPushButton("×")
        dismiss.setObjectName("dueBannerDismiss")
        dismiss.setToolTip("Hide until more reminders fall due")
        dismiss.setFlat(True)
        dismiss.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.show_button)
        layout.addWidget(dismiss)
        self._target: int | None = None
        self.hide()

    def show_due(self, due: list[DueReminder]) -> None:
        """ "2 reminders due: Anna Kowalska — Send the offer, Jan Nowak — Check in"."""
        head = f"{len(due):,} reminder{'' if len(due) == 1 else 's'} due: "
        items = [f"{r.candidate_name} — {_short(r.what)}" for r in due[:NAMES_SHOWN]]
        more = " …" if len(due) > NAMES_SHOWN else ""
        self.label.setText(head + ", ".join(items) + more)
        self._target = only_candidate(due)
        self.show()

    def show_backlog(self, total: int, kinds: dict[str, int]) -> None:
        """ "1,234 follow-ups due: open the reminders to see them"."""
        title, _text = backlog_announcement(total, kinds)
        self.label.setText(f"{title}: Show lists them.")
        self._target = None
        self.show()

    def show_counts(self, due: int, _overdue: int) -> None:
        if due == 0:  # all done or snoozed: nothing left to point at
            self.hide()
