"""The candidate pane's pools, timeline and reminders tabs: what they show of the candidate
and what they change (stage, near-fit, membership, touchpoints). A part of `CandidatePane`,
kept apart from the profile's editing."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from talentdesk.core.db.enums import InteractionKind, ReminderOrigin
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.reads import ReminderItem
from talentdesk.core.records import CandidateRecord
from talentdesk.core.reminders.recurrence import describe
from talentdesk.core.workspace import Workspace
from talentdesk.ui.dialogs.interaction_dialog import InteractionDialog
from talentdesk.ui.errors import show_error
from talentdesk.ui.events import Events
from talentdesk.ui.formatting import format_date, format_datetime
from talentdesk.ui.panes.consent_from_reply import KIND_ROLE
from talentdesk.ui.reminder_actions import ReminderActions
from talentdesk.ui.widgets.auto_badge import auto_badge
from talentdesk.ui.widgets.rich_text_delegate import HTML_ROLE

TAB_TITLES = {1: "Pools", 2: "Timeline", 3: "Reminders", 4: "Applications"}  # with counts
_KIND_COLOURS = {
    InteractionKind.CALL: "#047857",
    InteractionKind.MEETING: "#7c3aed",
    InteractionKind.NOTE: "#6b7280",
    InteractionKind.EMAIL_IN: "#1d4ed8",
    InteractionKind.EMAIL_OUT: "#1d4ed8",
    InteractionKind.FEEDBACK: "#b45309",
    InteractionKind.MESSAGE: "#0e7490",
}
TIMELINE_BODY_MAX = 400  # characters of a touchpoint shown; the tooltip has it all


class CandidateHistory(QWidget):
    """The tabs beside the profile; `CandidatePane` builds their widgets (see candidate_tabs)."""

    _ws: Workspace
    _events: Events
    _record: CandidateRecord
    _read_only: str | None
    candidate_id: int | None
    tabs: QTabWidget
    pools_table: QTableWidget
    timeline: QListWidget
    reminders: QTreeWidget
    reminder_actions: ReminderActions

    def _load_pools(self) -> None:
        assert self.candidate_id is not None
        memberships = self._ws.pools.memberships(self.candidate_id)
        self.pools_table.setRowCount(len(memberships))
        for row, m in enumerate(memberships):
            name = QTableWidgetItem(m.pool_name)
            name.setData(Qt.ItemDataRole.UserRole, m.pool_id)
            name.setData(Qt.ItemDataRole.DecorationRole, QColor(m.colour))
            self.pools_table.setItem(row, 0, name)
            stage = QComboBox()
            for s in m.stages:
                stage.addItem(s.name, s.id)
            stage.setCurrentIndex(stage.findData(m.stage_id))
            stage.setEnabled(self._read_only is None)
            stage.currentIndexChanged.connect(
                lambda _i, p=m.pool_id, box=stage: self._set_stage(p, box.currentData())
            )
            self.pools_table.setCellWidget(row, 1, stage)
            near_fit = QCheckBox()
            near_fit.setToolTip("Strong, but not right for this pool's current roles")
            near_fit.setChecked(m.near_fit)
            near_fit.setEnabled(self._read_only is None)
            near_fit.toggled.connect(lambda on, p=m.pool_id: self._set_near_fit(p, on))
            self.pools_table.setCellWidget(row, 2, near_fit)
            self.pools_table.setItem(row, 3, QTableWidgetItem(format_date(m.added_at)))
        self.tabs.setTabText(1, f"Pools ({len(memberships)})")

    def _set_stage(self, pool_id: int, stage_id: int) -> None:
        assert self.candidate_id is not None
        pools, candidate_id = self._ws.pools, self.candidate_id
        self._events.ops.run(
            f"Moving {self._record.full_name} to another stage",
            lambda: pools.set_stage(pool_id, candidate_id, stage_id),
            parent=self,
        )

    def _set_near_fit(self, pool_id: int, near_fit: bool) -> None:
        assert self.candidate_id is not None
        pools, candidate_id = self._ws.pools, self.candidate_id
        self._events.ops.run(
            f"Flagging {self._record.full_name} as a near-fit",
            lambda: pools.set_near_fit(pool_id, candidate_id, near_fit),
            parent=self,
        )

    def _remove_from_pool(self) -> None:
        row = self.pools_table.currentRow()
        if row < 0 or self.candidate_id is None:
            return
        item = self.pools_table.item(row, 0)
        if item is None:
            return
        pool_id = item.data(Qt.ItemDataRole.UserRole)
        pools, candidate_id = self._ws.pools, self.candidate_id
        self._events.ops.run(
            f"Removing {self._record.full_name} from a pool",
            lambda: pools.remove_member(pool_id, candidate_id),
            parent=self,
        )

    def _load_timeline(self) -> None:
        assert self.candidate_id is not None
        entries = self._ws.interactions.timeline(self.candidate_id)
        self.timeline.clear()
        for entry in entries:
            kind = "Import" if entry.import_id is not None else entry.kind.label
            heading = f"{kind} · {format_datetime(entry.occurred_at)}"
            if entry.pool_name:
                heading += f" · {entry.pool_name}"
            if entry.by:  # only with several users: who logged it
                heading += f" · by {entry.by}"
            body = (
                entry.body
                if not entry.body or len(entry.body) < TIMELINE_BODY_MAX
                else entry.body[:TIMELINE_BODY_MAX] + "…"
            )
            lines = [heading, *(part for part in (entry.subject, body) if part)]
            item = QListWidgetItem("\n".join(lines))
            colour = _KIND_COLOURS.get(entry.kind, "#374151")
            html = f'<span style="color:{colour}; font-weight:600">{escape(heading)}</span>'
            if entry.subject:
                html += f"<br><b>{escape(entry.subject)}</b>"
            if body:
                html += f'<br><span style="color:#4b5563">{escape(body)}</span>'.replace(
                    "\n", "<br>"
                )
            item.setData(HTML_ROLE, html)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            item.setData(KIND_ROLE, entry.kind.value)  # a reply received can record consent
            item.setToolTip(entry.body or entry.subject or "")
            self.timeline.addItem(item)
        if not entries:
            self.timeline.addItem(
                QListWidgetItem("No history yet. Log a call, meeting or note above.")
            )
        self.tabs.setTabText(2, f"Timeline ({len(entries)})")

    def log_interaction(self, kind: InteractionKind) -> None:
        if self.candidate_id is None:
            return
        dialog = InteractionDialog(kind, self._ws.clock(), self._record.full_name, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        kind, when, subject, body = dialog.values()
        interactions, candidate_id = self._ws.interactions, self.candidate_id
        self._log(
            f"Logging a {kind.label.lower()} with {self._record.full_name}",
            lambda: interactions.log(candidate_id, kind, when, subject, body),
        )

    def log_reply(self) -> None:
        from talentdesk.ui.mail.reply_dialog import ask_reply

        if self.candidate_id is None:
            return
        reply = ask_reply(self, self._ws.clock(), self._record.full_name)
        if reply is None:
            return
        outbox = self._ws.outbox()
        candidate_id = self.candidate_id
        self._log(
            f"Logging a reply from {self._record.full_name}",
            lambda: outbox.log_reply(candidate_id, *reply),
        )

    def _log(self, label: str, work: Callable[[], object]) -> None:
        """A touchpoint: once logged, the timeline shows it."""

        def failed(exc: BaseException) -> None:
            if isinstance(exc, TalentDeskError) and not exc.hint:
                QMessageBox.warning(self, "Not logged", exc.message)
            else:
                show_error(self, exc, "Not logged")

        self._events.ops.run(
            label, work, success=lambda _: self.tabs.setCurrentIndex(2), failure=failed
        )

    def _load_reminders(self) -> None:
        assert self.candidate_id is not None
        selected = self._selected_reminder()
        items = self._ws.reminders.for_candidate(self.candidate_id)
        now = self._ws.clock()
        self.reminders.clear()
        open_count = 0
        for r in items:
            row = QTreeWidgetItem(
                [
                    format_datetime(r.due_at),
                    # As the reminders pane says it: this person may not be contacted.
                    f"⛔ {r.not_contacted.capitalize()} · {r.kind.label}"
                    if r.not_contacted
                    else r.kind.label,
                    r.note or "",
                    format_date(r.done_at) if r.done_at else "",
                ]
            )
            row.setData(0, Qt.ItemDataRole.UserRole, r.id)
            if r.done_at is None:
                open_count += 1
                self._describe_open_reminder(row, r)
                if r.due_at < now:
                    row.setForeground(0, QColor("#dc2626"))
            else:
                for column in range(4):
                    row.setForeground(column, QColor("#9ca3af"))
            self.reminders.addTopLevelItem(row)
            if r.id == selected:
                self.reminders.setCurrentItem(row)
        for column in (0, 1, 3):
            self.reminders.resizeColumnToContents(column)
        self.tabs.setTabText(3, f"Reminders ({open_count})")
        self._update_reminder_actions()

    def _describe_open_reminder(self, row: QTreeWidgetItem, item: ReminderItem) -> None:
        """Why TalentDesk made it, whether it repeats, and a snooze, for an open reminder."""
        if item.due_before_snooze is None:
            due_tip = [f"Due {format_datetime(item.due_at)}"]
        else:
            due_tip = [
                f"Due {format_datetime(item.due_before_snooze)}",
                f"Snoozed until {format_datetime(item.due_at)}",
            ]
        if item.recurrence:
            row.setText(0, row.text(0) + " ↻")
            due_tip.append(describe(item.recurrence, self.reminder_actions.zone))
        row.setToolTip(0, "\n".join(due_tip))
        note_tip = [item.note or ""]
        if item.origin is not ReminderOrigin.MANUAL:
            row.setIcon(1, auto_badge())
            row.setToolTip(1, "Made by TalentDesk")
            if item.reason:
                row.setText(2, item.note or item.reason)
                note_tip.append(f"Made by TalentDesk: {item.reason}")
        row.setToolTip(2, "\n".join(t for t in note_tip if t))

    # -- the reminders tab's selection ---------------------------------------------------------
    def select_reminder(self, reminder_id: int) -> None:
        for i in range(self.reminders.topLevelItemCount()):
            item = self.reminders.topLevelItem(i)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == reminder_id:
                self.reminders.setCurrentItem(item)
                return

    def _selected_reminder(self) -> int | None:
        # The current item only while it is selected: Ctrl+click unselects it, and then
        # nothing is selected whatever the keyboard focus rests on.
        item = self.reminders.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item and item.isSelected() else None

    def _update_reminder_actions(self) -> None:
        self.reminder_actions.set_enabled(self._selected_reminder() is not None)

    def _reminder_menu_anchor(self) -> QPoint:
        item = self.reminders.currentItem()
        rect = self.reminders.visualItemRect(item) if item else self.reminders.viewport().rect()
        return self.reminders.viewport().mapToGlobal(rect.bottomLeft())
