"""Right-hand pane: one candidate's profile, pools, timeline and reminders."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.edit_conflict import EditConflictError
from talentdesk.core.errors import NotFoundError, TalentDeskError, ValidationError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.privacy.audit import SUPPRESSION_OVERRIDE
from talentdesk.core.records import CandidateRecord, validate
from talentdesk.core.team.reachable import is_server_away, outcome_unknown
from talentdesk.core.workspace import Workspace
from talentdesk.ui.errors import show_error
from talentdesk.ui.events import Events
from talentdesk.ui.formatting import relative_day
from talentdesk.ui.panes import candidate_conflict, candidate_tabs, save_messages
from talentdesk.ui.panes.candidate_applications import ApplicationsTab
from talentdesk.ui.panes.candidate_history import TAB_TITLES, CandidateHistory
from talentdesk.ui.panes.duplicate_notice import DuplicateNotice
from talentdesk.ui.privacy.consent_chip import ConsentChip
from talentdesk.ui.widgets.elided_label import ElidedLabel
from talentdesk.ui.widgets.profile_form import ProfileForm
from talentdesk.ui.widgets.tag_editor import TagEditor


class CandidatePane(CandidateHistory):
    add_to_pool_requested = Signal()
    add_to_vacancy_requested = Signal()  # for the candidate shown
    email_requested = Signal()  # compose to the candidate shown
    created = Signal(int)  # a new candidate was saved
    open_requested = Signal(int)  # open this one instead of the new candidate being typed
    # Made by `candidate_tabs.build` (and the tabs' widgets, see CandidateHistory).
    name_label: ElidedLabel
    subtitle: QLabel
    email_button: QPushButton
    log_reply_button: QPushButton
    tags: TagEditor
    form: ProfileForm
    banner: QLabel
    duplicates: DuplicateNotice
    save_button: QPushButton
    revert_button: QPushButton
    pool_buttons: QWidget
    quick_row: QWidget
    quick_buttons: dict[InteractionKind, QPushButton]
    record_consent_action: QAction  # on the timeline: consent from a reply received
    reminder_buttons: QWidget
    stack: QStackedWidget
    applications: ApplicationsTab
    consent_chip: ConsentChip

    def __init__(self, ws: Workspace, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ws = ws
        self._events = events
        self.candidate_id: int | None = None
        self._record = CandidateRecord()
        # The version of what the form was loaded from: it goes with the save (a newer one
        # stored means someone else saved meanwhile: see core/edit_conflict.py).
        self._loaded_version: int | None = None
        self._editing_new = False
        self._dirty = False
        self._edits = 0  # edits made; a save that ends finds out whether more came since
        self._saving = False
        self._read_only: str | None = None  # why the database cannot be written
        # The pool a new candidate joins: the window sets it to the pool it shows.
        self.pool_for_new: Callable[[], int | None] = lambda: None

        candidate_tabs.build(self, ws, events)
        events.changed.connect(self._changed)
        self._update_buttons()

    # -- which candidate ---------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._dirty

    def show_candidate(self, candidate_id: int | None) -> None:
        self.duplicates.clear()
        if candidate_id is None:
            self.candidate_id = None
            self._editing_new = False
            self.applications.show_candidate(None)
            self.consent_chip.show_candidate(None)
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
        self.applications.show_candidate(candidate_id, record.full_name)
        self.consent_chip.show_candidate(candidate_id, record.full_name)

    def start_new(self) -> None:
        self.candidate_id = None
        self._editing_new = True
        self._record = CandidateRecord()
        self.stack.setCurrentIndex(1)
        self._load_profile(self._record)
        self.duplicates.clear()
        self.pools_table.setRowCount(0)
        self.timeline.clear()
        self.reminders.clear()
        self.applications.show_candidate(None)
        self.consent_chip.show_candidate(None)
        for index, title in TAB_TITLES.items():  # not the previous person's counts
            self.tabs.setTabText(index, title)
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
        record.version = self._loaded_version
        try:
            validate(record, self._ws.clock().date())
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            self.banner.setText("Not saved: please correct the fields marked in red.")
            self.banner.show()
            self.tabs.setCurrentIndex(0)
            return False
        if self._editing_new and self.duplicates.blocks_saving(self.form.contact()):
            self.banner.setText("Not saved yet: open them, or save anyway.")
            self.banner.show()
            return False
        override = False
        if self._editing_new:  # someone erased at their request? (asked before saving)
            from talentdesk.ui.privacy.suppressed_warning import Answer, ask_before_adding

            answer = ask_before_adding(self, self._ws, record)
            if answer is Answer.CANCEL:
                self.banner.setText("Not saved: this person was erased at their request.")
                self.banner.show()
                return False
            override = answer is Answer.GO_ON
        self.banner.hide()
        candidates, candidate_id, new = self._ws.candidates, self.candidate_id, self._editing_new
        pool_id = self.pool_for_new() if new else None
        audit = self._ws.audit
        edits = self._edits
        name = record.full_name or "the new candidate"

        def work() -> tuple[int, int | None]:  # the id, and the version saved
            if candidate_id is not None:
                return candidate_id, candidates.update(candidate_id, record).version
            created = candidates.create(record)
            if override:  # how many, never whom
                audit.record(SUPPRESSION_OVERRIDE, 1, None)
            if pool_id is not None:  # made while a pool was shown: it joins that pool
                self._ws.pools.add_members(pool_id, [created])
            return created, candidates.get(created).version

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

    def _saved(self, saved: tuple[int, int | None], new: bool, edits: int) -> None:
        self._saving = False
        candidate_id, version = saved
        if new and self._editing_new:
            self._editing_new = False
            self.candidate_id = candidate_id
            self.created.emit(candidate_id)
        if self.candidate_id == candidate_id and self._edits == edits:
            self.show_candidate(candidate_id)  # as stored, not dirty any more
        elif self.candidate_id == candidate_id:  # typed on meanwhile: that builds on this save
            self._loaded_version = version
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
        elif isinstance(exc, EditConflictError):
            self.banner.setText(f"Not saved: someone else changed {exc.name} meanwhile.")
            self._set_dirty(True)
            self._loaded_version = exc.yours.version  # still stale: saving again asks again
            if self.candidate_id == candidate_id:
                candidate_conflict.ask(self, exc)
        elif outcome_unknown(exc):  # cut off during COMMIT: asked once the server is back
            self._set_dirty(True)
            self.banner.setText(save_messages.MAYBE)
        elif is_server_away(exc):  # the window's banner says so; the edits stay here
            self._set_dirty(True)
            self.banner.setText(save_messages.AWAY_KEPT)
        else:
            self.banner.setText(f"Not saved: {save_messages.reason(exc)}")
            if not isinstance(exc, TalentDeskError) or exc.hint:
                show_error(self, exc, f"{record.full_name or 'The candidate'} was not saved")
        self.banner.show()
        self._update_buttons()

    def server_back(self) -> None:
        """The team database answers again (ui/team/server_away.py)."""
        if self._dirty and self.banner.text() == save_messages.AWAY_KEPT:
            self.banner.setText(save_messages.BACK)
        elif self._dirty and self.banner.text() == save_messages.MAYBE and self.candidate_id:
            stored = self._ws.candidates.get(self.candidate_id).version
            self.banner.setText(save_messages.after_maybe(stored, self._loaded_version))

    def _check_duplicates(self) -> None:
        if self._editing_new:
            self.duplicates.typed(self.form.contact())

    def open_existing(self, candidate_id: int) -> None:
        """Leave the new candidate unsaved and open someone already there."""
        self._editing_new = False
        self._set_dirty(False)
        self.open_requested.emit(candidate_id)

    def revert(self) -> None:
        self._load_profile(self._record)

    def keep_mine(self, conflict: EditConflictError) -> None:
        """Save the form over what someone else saved (their version, now known)."""
        self._record = conflict.theirs
        self._loaded_version = conflict.theirs.version
        self._update_header(conflict.theirs)
        self.save()

    def take_theirs(self) -> None:
        """Drop the form's edits for what is stored now."""
        if self.candidate_id is not None:
            self.show_candidate(self.candidate_id)

    def _load_profile(self, record: CandidateRecord) -> None:
        self._loaded_version = record.version
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
        if record.owner_name:  # only with colleagues: whose candidate this is
            parts.append(f"Owner: {record.owner_name}")
        elif self._ws.reads.several_users():  # shared, and nobody's (imported, or the demo's)
            parts.append("No owner")
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
        self.applications.set_read_only(why)
        self.consent_chip.set_read_only(why)
        self._update_buttons()

    def _update_buttons(self) -> None:
        writable = self._read_only is None
        self.save_button.setEnabled(
            (self._dirty or self._editing_new) and not self._saving and writable
        )
        self.save_button.setText("Saving…" if self._saving else "Save")
        self.revert_button.setEnabled(self._dirty and not self._editing_new and writable)
        has_candidate = self.candidate_id is not None
        for index in TAB_TITLES:
            self.tabs.setTabEnabled(index, has_candidate)
        # Nobody to write to, or to log a reply from, until the new candidate is saved.
        for button in (self.email_button, self.log_reply_button):
            button.setEnabled(has_candidate and writable)

    # -- pools, timeline, reminders -------------------------------------------------------------
    def reload_related(self) -> None:
        if self.candidate_id is None:
            return
        self._load_pools()
        self._load_timeline()
        self._load_reminders()
        self._update_buttons()

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
