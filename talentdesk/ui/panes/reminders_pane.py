"""Reminders across all candidates: overdue, today, the next seven days and later; edit, snooze,
complete and delete them from here. Several can be selected (Ctrl/Shift-click, Ctrl+A) and
completed, completed and logged, or snoozed at once, each time one undoable step."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QItemSelectionModel,
    QObject,
    QPoint,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QFont, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.ops.changes import Changes
from talentdesk.core.reads import COUNT_CAP, ReminderGroup
from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events
from talentdesk.ui.gui_thread import sender_to
from talentdesk.ui.panes.reminder_counts import (
    TITLES,
    count_text,
    exact_counts_on_a_thread,
    summary,
)
from talentdesk.ui.panes.reminder_row import REMINDER_ID, reminder_row, reminder_rows
from talentdesk.ui.reminder_actions import ReminderActions, follow_action
from talentdesk.ui.widgets.auto_badge import BADGE_SIZE
from talentdesk.ui.widgets.viewport import viewport_of

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent  # loaded with the first reminders (`first_load`)

# Due as wide as its dates (up to DUE_MAX), Candidate up to a share of the pane's width; What
# gets the rest.
DUE_MAX = 100
CANDIDATE_SHARE = 0.28
MIN_COLUMN = 60
SHOWN_PER_GROUP = 50  # the rest are counted ("…and 120 more"); the pane is a glance, not a list
REFRESH_MS = 60_000  # regroup as time passes (a reminder due at 15:00 becomes overdue)
_GROUP_COLOURS = {"overdue": "#dc2626", "today": "#d97706", "week": "#2563eb", "later": "#6b7280"}
GROUP_KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class RemindersPane(QWidget):
    open_candidate = Signal(int)

    def __init__(
        self,
        ws: Workspace,
        events: Events,
        parent: QWidget | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self._events = events
        self._base_summary: str | None = None  # the counts, once loaded
        self._reading = 0  # reloads so far: exact counts are shown for the latest only
        self._build_tree()
        self._build_actions(undo_stack)
        buttons = self._buttons_row()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)
        self._timer = QTimer(self, interval=REFRESH_MS)
        self._timer.timeout.connect(self._reload_if_shown)
        events.changed.connect(self._changed)
        self.summary.setText("Loading reminders…")
        # Filled in just after the window first paints, so the candidate list shows sooner.
        # The first load comes from the window, right after its first paint (`first_load`).

    # -- building ----------------------------------------------------------------------------
    def _build_tree(self) -> None:
        self.tree = QTreeWidget()
        self.tree.setIndentation(12)  # the pane is narrow: room for the "What" column
        self.tree.setObjectName("reminderTree")
        self.tree.setHeaderLabels(["Due", "Candidate", "What"])
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setIconSize(BADGE_SIZE)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.itemDoubleClicked.connect(self._double_clicked)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.summary = QLabel()
        self.summary.setObjectName("reminderSummary")
        self.summary.setWordWrap(True)

    def _build_actions(self, undo_stack: QUndoStack | None) -> None:
        """The reminder actions (menu, buttons, keys) follow the selection."""
        self.reminder_actions = ReminderActions(
            self._ws,
            self._events,
            self,
            self.selected_reminder_id,
            self._menu_anchor,
            many=self.selected_reminder_ids,
            undo_stack=undo_stack,
        )
        done = self.reminder_actions.done_action  # Ctrl+Enter too, as in the dialogs
        more = [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")]
        done.setShortcuts([*done.shortcuts(), *more])
        self.tree.currentItemChanged.connect(self._update_actions)
        self.tree.itemSelectionChanged.connect(self._update_actions)
        edit_on_enter = QAction(self.tree)  # Enter edits; a double-click opens the candidate
        edit_on_enter.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        edit_on_enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        edit_on_enter.triggered.connect(self._edit_one)
        self.tree.addAction(edit_on_enter)
        unselect = QAction(self.tree)  # Esc lets go of a selection of several
        unselect.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        unselect.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        unselect.triggered.connect(self.tree.clearSelection)
        self.tree.addAction(unselect)
        self.open_action = QAction("&Open candidate", self)
        self.open_action.triggered.connect(self._open_current)

    def _buttons_row(self) -> QHBoxLayout:
        self.done_button = done = QPushButton("Mark done")
        done.setObjectName("markDoneButton")
        done.setToolTip(self.reminder_actions.done_action.toolTip())
        done.clicked.connect(self.reminder_actions.done_action.trigger)
        follow_action(
            done, self.reminder_actions.done_action
        )  # off with nothing selected, or read-only
        snooze = QToolButton()
        snooze.setObjectName("snoozeButton")
        snooze.setDefaultAction(self.reminder_actions.snooze_action)
        snooze.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        snooze.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        buttons = QHBoxLayout()
        buttons.addWidget(done)
        buttons.addWidget(snooze)
        for action in (self.reminder_actions.edit_action, self.reminder_actions.delete_action):
            button = QToolButton()
            button.setDefaultAction(action)
            buttons.addWidget(button)
        buttons.addStretch()
        return buttons

    def _changed(self, changes: Changes) -> None:
        # Names and deletes show here too (candidate_list).
        if changes.reminders or changes.candidate_list or changes.external:
            self._reload_if_shown()

    def first_load(self) -> None:
        # The columns follow the tree's width from now on (an event filter before the first
        # paint would hand every event of the tree to Python while the window is built, and
        # QEvent, ~5 ms for PySide to build, is loaded only now).
        from PySide6.QtCore import QEvent

        self._resized = QEvent.Type.Resize
        self.tree.installEventFilter(self)
        self._reload_if_shown()  # fits the columns
        # No showEvent/hideEvent to start and stop it: a Python event handler before the
        # first paint costs ~30 ms (see ui/first_paint.py); a hidden pane skips the refresh.
        self._timer.start()

    def _reload_if_shown(self) -> None:
        # A closed window's pane stays quiet: its database may be closed already.
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        """Read the groups again; what was selected stays selected (a snoozed reminder in its
        new group). When all of it is gone (done, deleted) while the pane has the keyboard, the
        reminder now in its place is selected, so the keyboard can go on to the next one."""
        current = self.selected_reminder_id()
        selected = set(self.selected_reminder_ids())
        place = self._place_of_selection()
        groups = self._ws.reads.reminder_overview(SHOWN_PER_GROUP, with_later=True, cap=COUNT_CAP)
        with QSignalBlocker(self.tree):
            self._fill(groups, selected, current)
        if selected and not self.selected_reminder_ids() and place and self._has_focus():
            self._select_at(*place)
        self._fit_columns()
        self._show_counts({g.key: count_text(g.total, g.exact) for g in groups})
        self._reading += 1  # a count still under way for an earlier reload is not shown
        if not all(g.exact for g in groups):
            exact_counts_on_a_thread(self._ws, sender_to(self), self._reading, self._counted)

    def _counted(self, reading: int, counts: dict[str, int]) -> None:
        if reading == self._reading:
            self._show_counts({key: f"{count:,}" for key, count in counts.items()}, counts)

    def _show_counts(self, shown: dict[str, str], exact: dict[str, int] | None = None) -> None:
        """The groups' counts in their headings, "…and N more" and the summary."""
        for head in self._groups():
            key = head.data(0, GROUP_KEY_ROLE)
            head.setText(0, f"{TITLES[key]} ({shown[key]})")
            last = head.child(head.childCount() - 1)
            if exact is not None and last is not None and not last.data(0, REMINDER_ID):
                last.setText(0, f"…and {exact[key] - len(reminder_rows(head)):,} more")
        self._base_summary = summary(shown)
        self._update_actions()

    def _fill(self, groups: list[ReminderGroup], selected: set[int], current: int | None) -> None:
        """Each group's rows are made apart and the groups added to the tree at once: a row
        added to a shown tree has the view lay it out (a third of a reload's time at 1M)."""
        now = self._ws.clock()
        self.tree.clear()
        bold = QFont()
        bold.setBold(True)
        heads: list[QTreeWidgetItem] = []
        made: dict[int, QTreeWidgetItem] = {}
        zone = self.reminder_actions.zone
        for group in groups:
            head = QTreeWidgetItem([group.title, "", ""])
            head.setFont(0, bold)
            head.setForeground(0, QColor(_GROUP_COLOURS[group.key]))
            head.setData(0, GROUP_KEY_ROLE, group.key)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            rows = [reminder_row(r, group.key, now, zone) for r in group.items]
            made.update(zip((r.id for r in group.items), rows, strict=True))
            if group.total > len(group.items):
                rest = f"{group.total - len(group.items):,}" + ("" if group.exact else "+")
                more = QTreeWidgetItem([f"…and {rest} more"])
                more.setFlags(Qt.ItemFlag.NoItemFlags)
                rows.append(more)
            head.addChildren(rows)
            heads.append(head)
        self.tree.addTopLevelItems(heads)
        for head in heads:
            head.setFirstColumnSpanned(True)  # only once in the tree: before, it does nothing
            head.setExpanded(True)
        if current in made:  # without selecting it (and unselecting the others)
            self.tree.setCurrentItem(made[current], 0, QItemSelectionModel.SelectionFlag.NoUpdate)
        for reminder_id in selected & made.keys():
            made[reminder_id].setSelected(True)

    def _has_focus(self) -> bool:
        """The keyboard is in the pane (on the list, or on a button just clicked)."""
        focused = QApplication.focusWidget()
        return focused is not None and (focused is self or self.isAncestorOf(focused))

    def _place_of_selection(self) -> tuple[str, int] | None:
        """The group and row of the first selected reminder."""
        for head in self._groups():
            for row, item in enumerate(reminder_rows(head)):
                if item.isSelected():
                    return head.data(0, GROUP_KEY_ROLE), row
        return None

    def _select_at(self, key: str, row: int) -> None:
        """The reminder now at `row` of group `key`, else the next one down, else the last."""
        above: list[QTreeWidgetItem] = []
        below: list[QTreeWidgetItem] = []
        reached = False
        for head in self._groups():
            rows = reminder_rows(head)
            if head.data(0, GROUP_KEY_ROLE) == key:
                reached = True
                above, below = above + rows[:row], rows[row:]
            elif reached:
                below += rows
            else:
                above += rows
        target = below[0] if below else (above[-1] if above else None)
        if target is not None:
            self.tree.setCurrentItem(target)

    def _groups(self) -> list[QTreeWidgetItem]:
        tree = self.tree
        return [h for i in range(tree.topLevelItemCount()) if (h := tree.topLevelItem(i))]

    def _fit_columns(self) -> None:
        """Due and Candidate as wide as their text, Candidate up to a share of the pane, so that
        "What" always keeps the rest in view (long names and notes are cut with "…")."""
        room = viewport_of(self.tree).width()
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(0, min(self.tree.columnWidth(0), DUE_MAX))
        self.tree.resizeColumnToContents(1)
        cap = max(int(room * CANDIDATE_SHARE), MIN_COLUMN)
        self.tree.setColumnWidth(1, min(self.tree.columnWidth(1), cap))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tree and event.type() == self._resized:
            self._fit_columns()
        return False

    def group_items(self, key: str) -> list[QTreeWidgetItem]:
        """The reminder rows under one group ("overdue", "today", "week", "later")."""
        for head in self._groups():
            if head.data(0, GROUP_KEY_ROLE) == key:
                return reminder_rows(head)
        return []

    def select_reminder(self, reminder_id: int) -> bool:
        for head in self._groups():
            for row in reminder_rows(head):
                if row.data(0, Qt.ItemDataRole.UserRole) == reminder_id:
                    self.tree.setCurrentItem(row)
                    return True
        return False

    def selected_reminder_ids(self) -> list[int]:
        """Every selected reminder, top to bottom."""
        return [
            row.data(0, Qt.ItemDataRole.UserRole)
            for head in self._groups()
            for row in reminder_rows(head)
            if row.isSelected()
        ]

    def selected_reminder_id(self) -> int | None:
        # The current item only while it is selected: Ctrl+click unselects it, and then
        # nothing is selected whatever the keyboard focus rests on.
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item and item.isSelected() else None

    def _update_actions(self) -> None:
        count = len(self.selected_reminder_ids())
        self.reminder_actions.set_selected(count)
        done = self.reminder_actions.done_action
        self.done_button.setText(done.text().replace("&", ""))
        self.done_button.setToolTip(done.toolTip())
        chosen = f" · {count:,} selected" if count > 1 else ""
        if self._base_summary is not None:  # not while "Loading reminders…"
            self.summary.setText(self._base_summary + chosen)
        self.open_action.setEnabled(count == 1 and self.selected_reminder_id() is not None)

    def _edit_one(self) -> None:
        """Enter edits the reminder when one is selected (several cannot be edited at once)."""
        if len(self.selected_reminder_ids()) <= 1:
            self.reminder_actions.edit()

    def _menu_anchor(self) -> QPoint:
        """Under the current reminder if it is selected, else under the last selected one."""
        item = self.tree.currentItem()
        if item is None or not item.isSelected():
            chosen = [r for head in self._groups() for r in reminder_rows(head) if r.isSelected()]
            item = chosen[-1] if chosen else None
        rect = self.tree.visualItemRect(item) if item else self.tree.viewport().rect()
        return self.tree.viewport().mapToGlobal(rect.bottomLeft())

    def _open_current(self) -> None:
        item = self.tree.currentItem()
        candidate_id = item.data(1, Qt.ItemDataRole.UserRole) if item else None
        if candidate_id is not None:
            self.open_candidate.emit(candidate_id)

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        candidate_id = item.data(1, Qt.ItemDataRole.UserRole)
        if candidate_id is not None:
            self.open_candidate.emit(candidate_id)

    def _context_menu(self, pos: QPoint) -> None:
        if not self.selected_reminder_ids():
            return
        menu = QMenu(self)
        menu.addAction(self.open_action)
        menu.addSeparator()
        menu.addActions(self.reminder_actions.actions)
        menu.exec(self.tree.viewport().mapToGlobal(pos))
