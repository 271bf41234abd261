"""Reminders across all candidates: overdue, today and the next seven days."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.errors import NotFoundError
from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events
from talentdesk.ui.formatting import format_datetime, relative_day

SHOWN_PER_GROUP = 50  # the rest are counted ("…and 120 more"); the pane is a glance, not a list
REFRESH_MS = 60_000
FIRST_LOAD_DELAY_MS = 40  # regroup as time passes (a reminder due at 15:00 becomes overdue)
_GROUP_COLOURS = {"overdue": "#dc2626", "today": "#d97706", "week": "#2563eb"}


class RemindersPane(QWidget):
    open_candidate = Signal(int)

    def __init__(self, ws: Workspace, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._events = events
        self.tree = QTreeWidget()
        self.tree.setObjectName("reminderTree")
        self.tree.setHeaderLabels(["Due", "Candidate", "What"])
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.itemActivated.connect(self._activated)
        self.summary = QLabel()
        self.summary.setObjectName("reminderSummary")
        done = QPushButton("Mark done")
        done.setObjectName("markDoneButton")
        done.setToolTip("Mark the selected reminder done (Ctrl+D)")
        done.clicked.connect(self.mark_selected_done)
        shortcut = QShortcut(QKeySequence("Ctrl+D"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.mark_selected_done)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(done)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.tree)
        self._timer = QTimer(self, interval=REFRESH_MS)
        self._timer.timeout.connect(self._reload_if_shown)  # runs while the pane is on screen
        events.reminders_changed.connect(self.reload)
        events.candidates_changed.connect(self.reload)
        self.summary.setText("Loading reminders…")
        # Filled in just after the window first paints, so the candidate list shows sooner.
        QTimer.singleShot(FIRST_LOAD_DELAY_MS, self, self._reload_if_shown)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        # Also when the window closes: no refreshes against a database that may be closed.
        self._timer.stop()
        super().hideEvent(event)

    def _reload_if_shown(self) -> None:
        # A closed window's pane stays quiet: its database may be closed already.
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        selected = self.selected_reminder_id()
        groups = self._ws.reads.reminder_overview(SHOWN_PER_GROUP)
        now = self._ws.clock()
        self.tree.clear()
        bold = QFont()
        bold.setBold(True)
        for group in groups:
            head = QTreeWidgetItem([f"{group.title} ({group.count:,})", "", ""])
            head.setFirstColumnSpanned(True)
            head.setFont(0, bold)
            head.setForeground(0, QColor(_GROUP_COLOURS[group.key]))
            head.setData(0, Qt.ItemDataRole.UserRole + 1, group.key)
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(head)
            for r in group.items:
                when = (
                    relative_day(r.due_at, now)
                    if group.key != "today"
                    else f"{r.due_at.astimezone():%H:%M}"
                )
                what = r.kind.label + (f": {r.note}" if r.note else "")
                item = QTreeWidgetItem([when, r.candidate_name, what])
                item.setToolTip(0, format_datetime(r.due_at))
                item.setToolTip(2, what)
                item.setData(0, Qt.ItemDataRole.UserRole, r.id)
                item.setData(1, Qt.ItemDataRole.UserRole, r.candidate_id)
                head.addChild(item)
                if r.id == selected:
                    self.tree.setCurrentItem(item)
            if group.count > len(group.items):
                more = QTreeWidgetItem([f"…and {group.count - len(group.items):,} more"])
                more.setFlags(Qt.ItemFlag.NoItemFlags)
                head.addChild(more)
            head.setExpanded(True)
        self.tree.resizeColumnToContents(0)
        self.tree.resizeColumnToContents(1)
        counts = {g.key: g.count for g in groups}
        if not any(counts.values()):
            self.summary.setText("Nothing due this week.")
        else:
            self.summary.setText(
                f"{counts['overdue']:,} overdue · {counts['today']:,} today · "
                f"{counts['week']:,} this week"
            )

    def group_items(self, key: str) -> list[QTreeWidgetItem]:
        """The reminder rows under one group ("overdue", "today", "week")."""
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            if head.data(0, Qt.ItemDataRole.UserRole + 1) == key:
                return [
                    head.child(j)
                    for j in range(head.childCount())
                    if head.child(j).data(0, Qt.ItemDataRole.UserRole) is not None
                ]
        return []

    def selected_reminder_id(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def mark_selected_done(self) -> None:
        item = self.tree.currentItem()
        reminder_id = self.selected_reminder_id()
        if item is None or reminder_id is None:
            return
        candidate_id = item.data(1, Qt.ItemDataRole.UserRole)
        with contextlib.suppress(NotFoundError):  # already gone: the reload shows that
            self._ws.reminders.mark_done(reminder_id)
        self._events.reminders_changed.emit()
        self._events.candidate_changed.emit(candidate_id)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        candidate_id = item.data(1, Qt.ItemDataRole.UserRole)
        if candidate_id is not None:
            self.open_candidate.emit(candidate_id)
