"""Right-hand pane: one candidate's profile, pools, timeline and reminders."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.db.enums import InteractionKind, ReminderOrigin
from talentdesk.core.errors import NotFoundError, TalentDeskError, ValidationError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.reads import ReminderItem
from talentdesk.core.records import CandidateRecord, validate
from talentdesk.core.reminders.recurrence import describe
from talentdesk.core.workspace import Workspace
from talentdesk.ui.dialogs.interaction_dialog import InteractionDialog
from talentdesk.ui.errors import show_error
from talentdesk.ui.events import Events
from talentdesk.ui.formatting import format_date, format_datetime, relative_day
from talentdesk.ui.panes.reminders_pane import BADGE_SIZE, auto_badge
from talentdesk.ui.reminder_actions import ReminderActions, follow_action
from talentdesk.ui.widgets.profile_form import ProfileForm
from talentdesk.ui.widgets.rich_text_delegate import HTML_ROLE, RichTextDelegate
from talentdesk.ui.widgets.tag_editor import TagEditor

_KIND_COLOURS = {
    InteractionKind.CALL: "#047857",
    InteractionKind.MEETING: "#7c3aed",
    InteractionKind.NOTE: "#6b7280",
    InteractionKind.EMAIL_IN: "#1d4ed8",
    InteractionKind.EMAIL_OUT: "#1d4ed8",
    InteractionKind.FEEDBACK: "#b45309",
    InteractionKind.MESSAGE: "#0e7490",
}
QUICK_ACTIONS = (
    (InteractionKind.CALL, "Log call"),
    (InteractionKind.MEETING, "Log meeting"),
    (InteractionKind.NOTE, "Add note"),
    (InteractionKind.EMAIL_IN, "E-mail received"),
)


class CandidatePane(QWidget):
    add_to_pool_requested = Signal()
    email_requested = Signal()  # compose to the candidate shown
    created = Signal(int)  # a new candidate was saved

    def __init__(self, ws: Workspace, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._events = events
        self.candidate_id: int | None = None
        self._record = CandidateRecord()
        self._editing_new = False
        self._dirty = False
        self._edits = 0  # edits made; a save that ends finds out whether more came since
        self._saving = False
        self._read_only: str | None = None  # why the database cannot be written
        # The pool a new candidate joins: the window sets it to the pool it shows.
        self.pool_for_new: Callable[[], int | None] = lambda: None

        # Header
        self.name_label = QLabel()
        self.name_label.setObjectName("candidateName")
        self.name_label.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel()
        self.subtitle.setStyleSheet("color: #4b5563;")
        self.subtitle.setWordWrap(True)
        self.email_button = QPushButton("E-mail…")
        self.email_button.setObjectName("emailCandidateButton")
        self.email_button.setToolTip("Write to this candidate (Ctrl+Shift+E)")
        self.email_button.clicked.connect(self.email_requested)
        self.log_reply_button = QPushButton("Log reply…")
        self.log_reply_button.setObjectName("logReplyButton")
        self.log_reply_button.setToolTip("Record an e-mail reply and the date it arrived")
        self.log_reply_button.clicked.connect(self.log_reply)

        # Profile tab: tags and the form, with Save / Revert below
        self.tags = TagEditor()
        self.form = ProfileForm(lambda text: ws.candidates.find_by_name(text))
        self.banner = QLabel()
        self.banner.setObjectName("formBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "background: #fef2f2; color: #991b1b; padding: 6px; border-radius: 4px;"
        )
        self.banner.hide()
        tags_box = QGroupBox("Tags")
        QVBoxLayout(tags_box).addWidget(self.tags)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.addWidget(tags_box)
        inner_layout.addWidget(self.form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.save_button = QPushButton("Save")
        self.save_button.setObjectName("saveButton")
        self.save_button.setToolTip("Save the profile (Ctrl+S)")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("Revert")
        self.revert_button.setToolTip("Throw away unsaved changes")
        self.revert_button.clicked.connect(self.revert)
        save_row = QHBoxLayout()
        save_row.addWidget(self.banner, 1)
        save_row.addWidget(self.revert_button)
        save_row.addWidget(self.save_button)
        profile = QWidget()
        profile_layout = QVBoxLayout(profile)
        profile_layout.setContentsMargins(0, 4, 0, 0)
        profile_layout.addWidget(scroll, 1)
        profile_layout.addLayout(save_row)
        self.form.changed.connect(self._mark_dirty)
        self.tags.changed.connect(self._mark_dirty)
        shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.save)

        # Pools tab
        self.pools_table = QTableWidget(0, 4)
        self.pools_table.setObjectName("membershipTable")
        self.pools_table.setHorizontalHeaderLabels(["Pool", "Stage", "Near-fit", "Added"])
        self.pools_table.verticalHeader().hide()
        self.pools_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.pools_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.pools_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        add_pool = QPushButton("Add to pool…")
        add_pool.clicked.connect(self.add_to_pool_requested)
        remove_pool = QPushButton("Remove from pool")
        remove_pool.clicked.connect(self._remove_from_pool)
        self.pool_buttons = QWidget()
        pool_buttons = QHBoxLayout(self.pool_buttons)
        pool_buttons.setContentsMargins(0, 0, 0, 0)
        pool_buttons.addWidget(add_pool)
        pool_buttons.addWidget(remove_pool)
        pool_buttons.addStretch()
        pools = QWidget()
        pools_layout = QVBoxLayout(pools)
        pools_layout.addWidget(self.pools_table)
        pools_layout.addWidget(self.pool_buttons)

        # Timeline tab
        self.quick_row = QWidget()
        quick = QHBoxLayout(self.quick_row)
        quick.setContentsMargins(0, 0, 0, 0)
        self.quick_buttons: dict[InteractionKind, QPushButton] = {}
        for kind, label in QUICK_ACTIONS:
            button = QPushButton(label)
            button.clicked.connect(lambda _=False, k=kind: self.log_interaction(k))
            self.quick_buttons[kind] = button
            quick.addWidget(button)
        quick.addStretch()
        self.timeline = QListWidget()
        self.timeline.setObjectName("timeline")
        self.timeline.setWordWrap(True)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setItemDelegate(RichTextDelegate(self.timeline))
        self.timeline.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.timeline.setResizeMode(QListWidget.ResizeMode.Adjust)
        timeline = QWidget()
        timeline_layout = QVBoxLayout(timeline)
        timeline_layout.addWidget(self.quick_row)
        timeline_layout.addWidget(self.timeline)

        # Reminders tab: Enter, F2 or a double-click edits; Ctrl+D done, Ctrl+Shift+S snooze
        self.reminders = QTreeWidget()
        self.reminders.setObjectName("candidateReminders")
        self.reminders.setRootIsDecorated(False)
        self.reminders.setHeaderLabels(["Due", "Kind", "Note", "Done"])
        self.reminders.setIconSize(BADGE_SIZE)
        self.reminders.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.reminders.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        reminders = QWidget()
        self.reminder_actions = ReminderActions(
            ws, events, reminders, self._selected_reminder, self._reminder_menu_anchor
        )
        self.reminders.itemActivated.connect(self.reminder_actions.edit)
        self.reminders.currentItemChanged.connect(self._update_reminder_actions)
        self.reminders.addActions(self.reminder_actions.actions)
        add_reminder = QPushButton("Add reminder…")
        add_reminder.setObjectName("addReminderButton")
        add_reminder.setToolTip("Add a reminder for this candidate (Ctrl+R)")
        add_reminder.clicked.connect(self.add_reminder)
        done = QPushButton("Mark done")
        done.setObjectName("candidateDoneButton")
        done.setToolTip(self.reminder_actions.done_action.toolTip())
        done.clicked.connect(self.reminder_actions.done_action.trigger)
        follow_action(done, self.reminder_actions.done_action)
        self.reminder_buttons = QWidget()
        reminder_buttons = QHBoxLayout(self.reminder_buttons)
        reminder_buttons.setContentsMargins(0, 0, 0, 0)
        reminder_buttons.addWidget(add_reminder)
        reminder_buttons.addWidget(done)
        for action in (
            self.reminder_actions.snooze_action,
            self.reminder_actions.edit_action,
            self.reminder_actions.delete_action,
        ):
            tool = QToolButton()
            tool.setDefaultAction(action)
            reminder_buttons.addWidget(tool)
            if action.menu() is not None:
                tool.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        reminder_buttons.addStretch()
        reminders_layout = QVBoxLayout(reminders)
        reminders_layout.addWidget(self.reminder_buttons)
        reminders_layout.addWidget(self.reminders)
        events.changed.connect(self._changed)

        self.tabs = QTabWidget()
        self.tabs.addTab(profile, "Profile")
        self.tabs.addTab(pools, "Pools")
        self.tabs.addTab(timeline, "Timeline")
        self.tabs.addTab(reminders, "Reminders")

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(6, 6, 6, 6)
        name_row = QHBoxLayout()
        name_row.addWidget(self.name_label, 1)
        name_row.addWidget(self.email_button)
        name_row.addWidget(self.log_reply_button)
        detail_layout.addLayout(name_row)
        detail_layout.addWidget(self.subtitle)
        detail_layout.addWidget(self.tabs, 1)

        placeholder = QLabel(
            "Select a candidate to see their profile and history,\n"
            "or press Ctrl+N to add someone new."
        )
        placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        placeholder.setStyleSheet("color: #6b7280;")
        self.stack = QStackedWidget()
        self.stack.addWidget(placeholder)
        self.stack.addWidget(detail)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self._update_buttons()

    # -- which candidate ---------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._dirty

    def show_candidate(self, candidate_id: int | None) -> None:
        if candidate_id is None:
            self.candidate_id = None
            self._editing_new = False
            self.stack.setCurrentIndex(0)
            return
        try:
            record = self._ws.candidates.get(candidate_id)
        except NotFoundError:
            self.show_candidate(None)
            return
        self.candidate_id = candidate_id
        self._editing_new = False
        self._record = record
        self.stack.setCurrentIndex(1)
        self._load_profile(record)
        self.reload_related()

    def start_new(self) -> None:
        self.candidate_id = None
        self._editing_new = True
        self._record = CandidateRecord()
        self.stack.setCurrentIndex(1)
        self._load_profile(self._record)
        self.pools_table.setRowCount(0)
        self.timeline.clear()
        self.reminders.clear()
        self.tabs.setCurrentIndex(0)
        self._update_buttons()
        self.form.inputs["first_name"].setFocus()

    def confirm_leave(self) -> bool:
        """Before showing another candidate: save or discard unsaved edits. False: stay."""
        if not self._dirty:
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            f"Save the changes to {self._record.full_name or 'the new candidate'}?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self._set_dirty(False)
            return True
        return False

    # -- profile -----------------------------------------------------------------------------
    def save(self) -> bool:
        """Check the form and queue the save; False (with the problems shown) when it cannot
        be saved as it is. The form stays as typed until the save has landed; if it fails,
        what was typed comes back into the form, marked unsaved."""
        if self._saving or (not self._editing_new and self.candidate_id is None):
            return False
        record = self.form.record()
        record.tags = self.tags.tags()
        try:
            validate(record, self._ws.clock().date())
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            self.banner.setText("Not saved: please correct the fields marked in red.")
            self.banner.show()
            self.tabs.setCurrentIndex(0)
            return False
        self.banner.hide()
        candidates, candidate_id, new = self._ws.candidates, self.candidate_id, self._editing_new
        pool_id = self.pool_for_new() if new else None
        edits = self._edits
        name = record.full_name or "the new candidate"

        def work() -> int:
            if candidate_id is not None:
                candidates.update(candidate_id, record)
                return candidate_id
            created = candidates.create(record)
            if pool_id is not None:  # made while a pool was shown: it joins that pool
                self._ws.pools.add_members(pool_id, [created])
            return created

        self._saving = True
        self._update_buttons()
        self._events.ops.run(
            f"Saving {name}",
            work,
            success=lambda saved: self._saved(saved, new, edits),
            failure=lambda exc: self._not_saved(exc, candidate_id, record),
            parent=self,
        )
        return True

    def _saved(self, candidate_id: int, new: bool, edits: int) -> None:
        self._saving = False
        if new and self._editing_new:
            self._editing_new = False
            self.candidate_id = candidate_id
            self.created.emit(candidate_id)
        if self.candidate_id == candidate_id and self._edits == edits:
            self.show_candidate(candidate_id)  # as stored, not dirty any more
        self._update_buttons()

    def _not_saved(
        self, exc: BaseException, candidate_id: int | None, record: CandidateRecord
    ) -> None:
        self._saving = False
        if self.candidate_id != candidate_id and not self._dirty:
            # The user moved on meanwhile: bring back what they typed, unsaved.
            if candidate_id is None:
                self.start_new()
            else:
                self.show_candidate(candidate_id)
            self.form.show_record(record)
            self.tags.set_tags(record.tags)
            self._set_dirty(True)
        if isinstance(exc, ValidationError):
            self.form.show_errors(exc.errors)
            self.banner.setText("Not saved: please correct the fields marked in red.")
        else:
            self.banner.setText(f"Not saved: {_reason(exc)}")
            if not isinstance(exc, TalentDeskError) or exc.hint:
                show_error(self, exc, f"{record.full_name or 'The candidate'} was not saved")
        self.banner.show()
        self._update_buttons()

    def revert(self) -> None:
        self._load_profile(self._record)

    def _load_profile(self, record: CandidateRecord) -> None:
        self.form.show_record(record)
        self.tags.set_known(self._ws.candidates.tag_names())
        self.tags.set_tags(record.tags)
        self.banner.hide()
        self._set_dirty(False)
        self._update_header(record)

    def _update_header(self, record: CandidateRecord) -> None:
        if self._editing_new:
            self.name_label.setText("New candidate")
            self.subtitle.setText("Fill in what you know and press Save (Ctrl+S).")
            return
        self.name_label.setText(record.full_name or "(no name)")
        work = " at ".join(p for p in (record.title, record.company) if p)
        parts = [p for p in (work, record.city) if p]
        parts.append(record.status.label)
        contact = relative_day(record.last_contact_at, self._ws.clock())
        parts.append(f"last contact {contact}" if contact else "never contacted")
        self.subtitle.setText(" · ".join(parts))

    def _mark_dirty(self) -> None:
        self._edits += 1
        self._set_dirty(True)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self._update_buttons()

    def set_read_only(self, why: str) -> None:
        """A database that cannot be written: the profile can be read, not changed."""
        self._read_only = why
        for widget in (self.form, self.tags, self.pool_buttons, self.quick_row):
            widget.setEnabled(False)
            widget.setToolTip(why)
        self.log_reply_button.setEnabled(False)
        self.email_button.setEnabled(False)
        self.reminder_buttons.setEnabled(False)
        self.reminder_actions.set_read_only()
        self._update_buttons()

    def _update_buttons(self) -> None:
        writable = self._read_only is None
        self.save_button.setEnabled(
            (self._dirty or self._editing_new) and not self._saving and writable
        )
        self.save_button.setText("Saving…" if self._saving else "Save")
        self.revert_button.setEnabled(self._dirty and not self._editing_new and writable)
        has_candidate = self.candidate_id is not None
        for index in (1, 2, 3):
            self.tabs.setTabEnabled(index, has_candidate)

    # -- pools, timeline, reminders -------------------------------------------------------------
    def reload_related(self) -> None:
        if self.candidate_id is None:
            return
        self._load_pools()
        self._load_timeline()
        self._load_reminders()
        self._update_buttons()

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
            heading = f"{entry.kind.label} · {format_datetime(entry.occurred_at)}"
            if entry.pool_name:
                heading += f" · {entry.pool_name}"
            body = entry.body if not entry.body or len(entry.body) < 400 else entry.body[:400] + "…"
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
        from talentdesk.core.mail.outbox import Outbox
        from talentdesk.ui.mail.reply_dialog import ask_reply

        if self.candidate_id is None:
            return
        reply = ask_reply(self, self._ws.clock(), self._record.full_name)
        if reply is None:
            return
        outbox = Outbox(self._ws.db.sessions, self._ws.clock)
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
                    r.kind.label,
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

    def _changed(self, changes: Changes) -> None:
        """What an operation (ours, a worker's, another process's) changed of who is shown."""
        candidate_id = self.candidate_id
        if candidate_id is None or self._saving:
            return
        if candidate_id in changes.candidates or changes.external:
            try:
                record = self._ws.candidates.get(candidate_id)
            except NotFoundError:  # deleted (here, or by another program)
                if not self._dirty:
                    self.show_candidate(None)
                return
            self._record = record
            if not self._dirty:  # never overwrite what the user is typing
                self._load_profile(record)
            self._update_header(record)
            self.reload_related()
        elif changes.reminders:
            self._load_reminders()

    def add_reminder(self) -> None:
        if self.candidate_id is None:
            return
        self.tabs.setCurrentIndex(3)
        self.reminder_actions.add(
            self.candidate_id, self._record.full_name, added=self.select_reminder
        )

    def select_reminder(self, reminder_id: int) -> None:
        for i in range(self.reminders.topLevelItemCount()):
            item = self.reminders.topLevelItem(i)
            if item is not None and item.data(0, Qt.ItemDataRole.UserRole) == reminder_id:
                self.reminders.setCurrentItem(item)
                return

    def _selected_reminder(self) -> int | None:
        item = self.reminders.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item else None

    def _update_reminder_actions(self) -> None:
        self.reminder_actions.set_enabled(self._selected_reminder() is not None)

    def _reminder_menu_anchor(self) -> QPoint:
        item = self.reminders.currentItem()
        rect = self.reminders.visualItemRect(item) if item else self.reminders.viewport().rect()
        return self.reminders.viewport().mapToGlobal(rect.bottomLeft())


def _reason(exc: BaseException) -> str:
    if isinstance(exc, TalentDeskError):
        return exc.message
    return "an unexpected problem (see the log)"
