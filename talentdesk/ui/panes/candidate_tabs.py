"""How the candidate pane is laid out: the header (name, E-mail…, Log reply…) over five tabs
(profile, pools, timeline, reminders, applications), and a hint while no one is shown. Each
builder makes the pane's widgets as its attributes; the pane itself (`candidate_pane`) says
what they do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QToolButton,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.timezone import local_zone
from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events
from talentdesk.ui.panes import consent_from_reply
from talentdesk.ui.panes.candidate_applications import ApplicationsTab
from talentdesk.ui.panes.duplicate_notice import DuplicateNotice
from talentdesk.ui.privacy.consent_chip import ConsentChip
from talentdesk.ui.reminder_actions import ReminderActions, follow_action
from talentdesk.ui.widgets.auto_badge import BADGE_SIZE
from talentdesk.ui.widgets.counted_tabs import CountedTabs
from talentdesk.ui.widgets.elided_label import ElidedLabel
from talentdesk.ui.widgets.profile_form import ProfileForm
from talentdesk.ui.widgets.rich_text_delegate import RichTextDelegate
from talentdesk.ui.widgets.tag_editor import TagEditor

if TYPE_CHECKING:
    from talentdesk.ui.panes.candidate_pane import CandidatePane

QUICK_ACTIONS = (
    (InteractionKind.CALL, "Log call"),
    (InteractionKind.MEETING, "Log meeting"),
    (InteractionKind.NOTE, "Add note"),
    (InteractionKind.EMAIL_IN, "E-mail received"),
)
APPLICATIONS_TAB = 4
HINT = "Select a candidate to see their profile and history,\nor press Ctrl+N to add someone new."


def build(p: CandidatePane, ws: Workspace, events: Events) -> None:
    header(p)
    p.consent_chip = ConsentChip(ws, events)
    tabs = (
        ("Profile", profile_tab(p, ws)),
        ("Pools", pools_tab(p)),
        ("Timeline", timeline_tab(p)),
        ("Reminders", reminders_tab(p, ws, events)),
        ("Applications", applications_tab(p, ws, events)),
    )
    assemble(p, tabs)


def header(p: CandidatePane) -> None:
    p.name_label = ElidedLabel()  # a long name is cut, not the window widened
    p.name_label.setObjectName("candidateName")
    p.name_label.setStyleSheet("font-size: 18px; font-weight: 600;")
    p.subtitle = QLabel()
    p.subtitle.setStyleSheet("color: #4b5563;")
    p.subtitle.setWordWrap(True)
    p.email_button = QPushButton("E-mail…")
    p.email_button.setObjectName("emailCandidateButton")
    p.email_button.setToolTip("Write to this candidate (Ctrl+Shift+E)")
    p.email_button.clicked.connect(p.email_requested)
    p.log_reply_button = QPushButton("Log reply…")
    p.log_reply_button.setObjectName("logReplyButton")
    p.log_reply_button.setToolTip("Record an e-mail reply and the date it arrived")
    p.log_reply_button.clicked.connect(p.log_reply)


def profile_tab(p: CandidatePane, ws: Workspace) -> QWidget:
    """Tags and the form, with Save / Revert below."""
    p.tags = TagEditor()
    p.form = ProfileForm(
        lambda text: ws.candidates.find_by_name(text),
        today=lambda: ws.clock().astimezone(local_zone(ws.tz)).date(),
    )
    p.banner = QLabel()
    p.banner.setObjectName("formBanner")
    p.banner.setWordWrap(True)
    p.banner.setStyleSheet("background: #fef2f2; color: #991b1b; padding: 6px; border-radius: 4px;")
    p.banner.hide()
    tags_box = QGroupBox("Tags")
    QVBoxLayout(tags_box).addWidget(p.tags)
    inner = QWidget()
    inner_layout = QVBoxLayout(inner)
    inner_layout.addWidget(tags_box)
    inner_layout.addWidget(p.form)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(inner)
    p.save_button = QPushButton("Save")
    p.save_button.setObjectName("saveButton")
    p.save_button.setToolTip("Save the profile (Ctrl+S)")
    p.save_button.setDefault(True)
    p.save_button.clicked.connect(p.save)
    p.revert_button = QPushButton("Revert")
    p.revert_button.setToolTip("Throw away unsaved changes")
    p.revert_button.clicked.connect(p.revert)
    save_row = QHBoxLayout()
    save_row.addWidget(p.banner, 1)
    save_row.addWidget(p.revert_button)
    save_row.addWidget(p.save_button)
    profile = QWidget()
    profile_layout = QVBoxLayout(profile)
    profile_layout.setContentsMargins(0, 4, 0, 0)
    profile_layout.addWidget(scroll, 1)
    p.duplicates = DuplicateNotice(ws)
    p.duplicates.open_requested.connect(p.open_existing)
    p.duplicates.save_anyway.connect(p.save)
    profile_layout.addWidget(p.duplicates)
    profile_layout.addLayout(save_row)
    p.form.changed.connect(p._mark_dirty)
    p.form.changed.connect(p._check_duplicates)
    p.tags.changed.connect(p._mark_dirty)
    shortcut = QShortcut(QKeySequence.StandardKey.Save, p)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(p.save)
    return profile


def pools_tab(p: CandidatePane) -> QWidget:
    p.pools_table = QTableWidget(0, 4)
    p.pools_table.setObjectName("membershipTable")
    p.pools_table.setHorizontalHeaderLabels(["Pool", "Stage", "Near-fit", "Added"])
    p.pools_table.verticalHeader().hide()
    p.pools_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    p.pools_table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
    p.pools_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    add_pool = QPushButton("Add to pool…")
    add_pool.clicked.connect(p.add_to_pool_requested)
    remove_pool = QPushButton("Remove from pool")
    remove_pool.clicked.connect(p._remove_from_pool)
    p.pool_buttons = QWidget()
    pool_buttons = QHBoxLayout(p.pool_buttons)
    pool_buttons.setContentsMargins(0, 0, 0, 0)
    pool_buttons.addWidget(add_pool)
    pool_buttons.addWidget(remove_pool)
    pool_buttons.addStretch()
    pools = QWidget()
    pools_layout = QVBoxLayout(pools)
    pools_layout.addWidget(p.pools_table)
    pools_layout.addWidget(p.pool_buttons)
    return pools


def timeline_tab(p: CandidatePane) -> QWidget:
    p.quick_row = QWidget()
    quick = QHBoxLayout(p.quick_row)
    quick.setContentsMargins(0, 0, 0, 0)
    p.quick_buttons = {}
    for kind, label in QUICK_ACTIONS:
        button = QPushButton(label)
        button.clicked.connect(lambda _=False, k=kind: p.log_interaction(k))
        p.quick_buttons[kind] = button
        quick.addWidget(button)
    quick.addStretch()
    p.timeline = QListWidget()
    p.timeline.setObjectName("timeline")
    p.timeline.setWordWrap(True)
    p.timeline.setAlternatingRowColors(True)
    p.timeline.setItemDelegate(RichTextDelegate(p.timeline))
    p.timeline.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
    p.timeline.setResizeMode(QListWidget.ResizeMode.Adjust)
    p.record_consent_action = consent_from_reply.install(p)
    timeline = QWidget()
    timeline_layout = QVBoxLayout(timeline)
    timeline_layout.addWidget(p.quick_row)
    timeline_layout.addWidget(p.timeline)
    return timeline


def reminders_tab(p: CandidatePane, ws: Workspace, events: Events) -> QWidget:
    """Enter, F2 or a double-click edits; Ctrl+D done, Ctrl+Shift+S snooze."""
    p.reminders = QTreeWidget()
    p.reminders.setObjectName("candidateReminders")
    p.reminders.setRootIsDecorated(False)
    p.reminders.setHeaderLabels(["Due", "Kind", "Note", "Done"])
    p.reminders.setIconSize(BADGE_SIZE)
    p.reminders.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    p.reminders.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    reminders = QWidget()
    p.reminder_actions = ReminderActions(
        ws, events, reminders, p._selected_reminder, p._reminder_menu_anchor
    )
    p.reminders.itemActivated.connect(p.reminder_actions.edit)
    p.reminders.currentItemChanged.connect(p._update_reminder_actions)
    p.reminders.itemSelectionChanged.connect(p._update_reminder_actions)
    p.reminders.addActions(p.reminder_actions.actions)
    add_reminder = QPushButton("Add reminder…")
    add_reminder.setObjectName("addReminderButton")
    add_reminder.setToolTip("Add a reminder for this candidate (Ctrl+R)")
    add_reminder.clicked.connect(p.add_reminder)
    done = QPushButton("Mark done")
    done.setObjectName("candidateDoneButton")
    done.setToolTip(p.reminder_actions.done_action.toolTip())
    done.clicked.connect(p.reminder_actions.done_action.trigger)
    follow_action(done, p.reminder_actions.done_action)
    p.reminder_buttons = QWidget()
    reminder_buttons = QHBoxLayout(p.reminder_buttons)
    reminder_buttons.setContentsMargins(0, 0, 0, 0)
    reminder_buttons.addWidget(add_reminder)
    reminder_buttons.addWidget(done)
    for action in (
        p.reminder_actions.snooze_action,
        p.reminder_actions.edit_action,
        p.reminder_actions.delete_action,
    ):
        button = QToolButton()
        button.setDefaultAction(action)
        reminder_buttons.addWidget(button)
        if action.menu() is not None:
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    reminder_buttons.addStretch()
    reminders_layout = QVBoxLayout(reminders)
    reminders_layout.addWidget(p.reminder_buttons)
    reminders_layout.addWidget(p.reminders)
    return reminders


def applications_tab(p: CandidatePane, ws: Workspace, events: Events) -> QWidget:
    p.applications = ApplicationsTab(ws, events)
    p.applications.add_requested.connect(p.add_to_vacancy_requested)
    p.applications.count_changed.connect(
        lambda count: p.tabs.setTabText(APPLICATIONS_TAB, f"Applications ({count})")
    )
    return p.applications


def assemble(p: CandidatePane, tabs: tuple[tuple[str, QWidget], ...]) -> None:
    p.tabs = CountedTabs()  # five tabs in a narrow pane: their counts go first
    for title, tab in tabs:
        p.tabs.addTab(tab, title)

    detail = QWidget()
    detail_layout = QVBoxLayout(detail)
    detail_layout.setContentsMargins(6, 6, 6, 6)
    name_row = QHBoxLayout()
    name_row.addWidget(p.name_label, 1)
    name_row.addWidget(p.email_button)
    name_row.addWidget(p.log_reply_button)
    detail_layout.addLayout(name_row)
    # The chip beside the subtitle, not the name: a long name keeps its room.
    subtitle_row = QHBoxLayout()
    subtitle_row.addWidget(p.subtitle, 1)
    subtitle_row.addWidget(p.consent_chip, 0, Qt.AlignmentFlag.AlignTop)
    detail_layout.addLayout(subtitle_row)
    detail_layout.addWidget(p.tabs, 1)

    placeholder = QLabel(
        "Select a candidate to see their profile and history,\nor press Ctrl+N to add someone new."
    )
    placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
    placeholder.setStyleSheet("color: #6b7280;")
    p.stack = QStackedWidget()
    p.stack.addWidget(placeholder)
    p.stack.addWidget(detail)
    layout = QVBoxLayout(p)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(p.stack)
