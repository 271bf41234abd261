"""A person's consent: the state and the record that decides it, every record, and what can be
done — record, renew, withdraw, note the information notice sent, edit or delete a record.
Every change is an operation; all but withdrawing are undoable (withdrawing also stops e-mail
to the person, which an undo could not bring back)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.db.enums import VacancyStatus
from talentdesk.core.ops.changes import Changes
from talentdesk.core.privacy.consent import BASIS_WORDS, ConsentRecord, ConsentSummary
from talentdesk.core.timezone import local_zone
from talentdesk.core.workspace import Workspace
from talentdesk.ui.events import Events
from talentdesk.ui.formatting import format_date
from talentdesk.ui.privacy.consent_commands import run_undoable
from talentdesk.ui.privacy.consent_form import ConsentForm, ConsentInput

T = TypeVar("T")
HISTORY_COLUMNS = ("Given", "Basis", "Purpose", "Status", "Ends", "Source", "Notice sent")
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def details_text(summary: ConsentSummary) -> str:
    """The latest record in a few lines (the chip's tooltip and the dialog's header)."""
    r = summary.latest
    if r is None:
        return "No legal basis recorded."
    lines = [
        f"{BASIS_WORDS[r.basis]} — {r.purpose_text()}",
        f"Given {format_date(r.given_at) or '—'}; "
        + (f"ends {format_date(r.expires_at)}" if r.expires_at else "no end"),
    ]
    if r.withdrawn_at is not None:
        lines.append(f"Withdrawn {format_date(r.withdrawn_at)}")
    if r.source:
        lines.append(f"Source: {r.source}")
    if r.evidence:
        lines.append(f"Evidence: {r.evidence}")
    sent = summary.notice_sent_at
    lines.append(f"Information notice sent {format_date(sent)}" if sent else "No notice sent yet")
    return "\n".join(lines)


class ConsentDialog(QDialog):
    def __init__(
        self,
        ws: Workspace,
        events: Events,
        candidate_id: int,
        name: str,
        *,
        undo_stack: QUndoStack | None = None,
        read_only: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Consent — {name}")
        self.setObjectName("consentDialog")
        self._ws, self._events = ws, events
        self.candidate_id, self._name = candidate_id, name
        self._undo_stack, self._read_only = undo_stack, read_only
        self.summary: ConsentSummary | None = None
        self.state = QLabel()
        self.state.setObjectName("consentState")
        self.state.setStyleSheet("font-weight: 600;")
        self.details = QLabel()
        self.details.setObjectName("consentDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history = QTreeWidget()
        self.history.setObjectName("consentHistory")
        self.history.setRootIsDecorated(False)
        self.history.setHeaderLabels(list(HISTORY_COLUMNS))
        self.history.header().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.history.itemSelectionChanged.connect(self._update_buttons)
        self.history.itemActivated.connect(lambda *_: self.edit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.details)
        layout.addWidget(QLabel("Records, newest first:"))
        layout.addWidget(self.history, 1)
        layout.addLayout(self._buttons())
        events.changed.connect(self._changed)
        self.reload()
        self.resize(640, 420)

    def _buttons(self) -> QVBoxLayout:
        def button(text: str, name: str, tip: str, slot: object) -> QPushButton:
            made = QPushButton(text)
            made.setObjectName(name)
            made.setToolTip(tip)
            made.clicked.connect(slot)
            return made

        self.record_button = button(
            "&Record…", "consentRecord", "Record a legal basis: a new latest record", self.record
        )
        self.renew_button = button(
            "Re&new", "consentRenew", "They said yes again: a new period on the same basis",
            self.renew,
        )  # fmt: skip
        self.withdraw_button = button(
            "&Withdraw…", "consentWithdraw", "They withdrew: e-mail to them stops", self.withdraw
        )
        self.notice_button = button(
            "Notice &sent", "consentNotice", "The information notice was sent today",
            self.mark_notice_sent,
        )  # fmt: skip
        self.edit_button = button("&Edit…", "consentEdit", "Correct the selected record", self.edit)
        self.delete_button = button(
            "&Delete", "consentDelete", "Delete the selected record (undoable)", self.delete
        )
        actions = QHBoxLayout()
        for each in (self.record_button, self.renew_button, self.withdraw_button,
                     self.notice_button):  # fmt: skip
            actions.addWidget(each)
        actions.addStretch()
        records = QHBoxLayout()
        records.addWidget(self.edit_button)
        records.addWidget(self.delete_button)
        records.addStretch()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        records.addWidget(close)
        column = QVBoxLayout()
        column.addLayout(actions)
        column.addLayout(records)
        return column

    # -- showing -------------------------------------------------------------------------------
    def reload(self) -> None:
        self.summary = summary = self._ws.consent.summary(self.candidate_id)
        self.state.setText(f"Consent: {summary.text}")
        self.details.setText(details_text(summary))
        selected = self._selected()
        self.history.clear()
        for record in summary.history:
            item = QTreeWidgetItem(_row(record))
            item.setData(0, RECORD_ID_ROLE, record.id)
            self.history.addTopLevelItem(item)
            if selected is not None and record.id == selected.id:
                self.history.setCurrentItem(item)
        for column in range(self.history.columnCount() - 1):  # "Legitimate interest" in full
            self.history.resizeColumnToContents(column)
        first = self.history.topLevelItem(0)
        if self.history.currentItem() is None and first is not None:
            self.history.setCurrentItem(first)
        self._update_buttons()

    def _changed(self, changes: Changes) -> None:
        if self.candidate_id in changes.candidates or changes.external:
            self.reload()

    def _selected(self) -> ConsentRecord | None:
        item = self.history.currentItem()
        if item is None or self.summary is None:
            return None
        wanted = item.data(0, RECORD_ID_ROLE)
        return next((r for r in self.summary.history if r.id == wanted), None)

    def _update_buttons(self) -> None:
        writable = self._read_only is None
        has = self.summary is not None and self.summary.latest is not None
        selected = self._selected() is not None
        self.record_button.setEnabled(writable)
        for each in (self.renew_button, self.notice_button):
            each.setEnabled(writable and has)
        self.withdraw_button.setEnabled(writable)
        self.edit_button.setEnabled(writable and selected)
        self.delete_button.setEnabled(writable and selected)

    # -- changes -------------------------------------------------------------------------------
    def _form(self, title: str, record: ConsentRecord | None) -> ConsentInput | None:
        vacancies = [
            (v.id, v.title) for v in self._ws.vacancies.summaries(frozenset({VacancyStatus.OPEN}))
        ]
        # A record's own vacancy stays choosable once it has closed.
        own = None if record is None else record.vacancy_id
        if own is not None and record is not None and all(own != vid for vid, _ in vacancies):
            vacancies.append((own, record.vacancy_title or f"Vacancy #{own}"))
        form = ConsentForm(
            title, self._ws.clock(), local_zone(self._ws.tz), self._ws.consent.default_expiry,
            vacancies, record, self,
        )  # fmt: skip
        if form.exec() != QDialog.DialogCode.Accepted:
            return None
        return form.values()

    def _undoable(self, text: str, do: Callable[[], T], undo: Callable[[T], object]) -> None:
        # Errors show over the window, not this dialog: Ctrl+Z may come after it has closed.
        owner = self.parentWidget()
        anchor = owner.window() if owner is not None else self
        run_undoable(self._undo_stack, text, self._events, anchor, do, undo)

    def record(self) -> None:
        got = self._form(f"Record consent — {self._name}", None)
        if got is None:
            return
        consent, who = self._ws.consent, self.candidate_id

        def do() -> int:
            return consent.record(
                who, got.basis, got.purpose, vacancy_id=got.vacancy_id, source=got.source,
                evidence=got.evidence, given_at=got.given_at, expires_at=got.expires_at,
                note=got.note,
            )  # fmt: skip

        self._undoable(f"recording consent of {self._name}", do, consent.delete)

    def renew(self) -> None:
        consent, who = self._ws.consent, self.candidate_id
        self._undoable(
            f"renewing consent of {self._name}", lambda: consent.renew(who), consent.delete
        )

    def withdraw(self) -> None:
        answer = QMessageBox.question(
            self,
            "Withdraw consent",
            f"Record that {self._name} withdrew their consent? E-mail to them stops, "
            "including messages already queued.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        consent, who = self._ws.consent, self.candidate_id
        self._events.ops.run(
            f"Withdrawing the consent of {self._name}", lambda: consent.withdraw(who), parent=self
        )

    def mark_notice_sent(self) -> None:
        consent, who = self._ws.consent, self.candidate_id
        self._undoable(
            f"noting the notice sent to {self._name}",
            lambda: consent.mark_notice_sent(who),
            consent.edit,
        )

    def edit(self) -> None:
        record = self._selected()
        if record is None or self._read_only is not None:
            return
        got = self._form(f"Edit consent record — {self._name}", record)
        if got is None:
            return
        changed = _edited(record, got)
        consent = self._ws.consent
        self._undoable("editing a consent record", lambda: consent.edit(changed), consent.edit)

    def delete(self) -> None:
        record = self._selected()
        if record is None:
            return
        consent = self._ws.consent
        self._undoable(
            "deleting a consent record", lambda: consent.delete(record.id), consent.restore
        )


def _edited(record: ConsentRecord, got: ConsentInput) -> ConsentRecord:
    from dataclasses import replace

    return replace(
        record,
        basis=got.basis,
        purpose=got.purpose,
        vacancy_id=got.vacancy_id,
        source=got.source,
        evidence=got.evidence,
        given_at=got.given_at,
        expires_at=got.expires_at,
        note=got.note,
    )


def _day(value: datetime | None) -> str:
    return format_date(value) if value is not None else ""


def _row(r: ConsentRecord) -> list[str]:
    status = r.status.label if r.withdrawn_at is None else f"withdrawn {_day(r.withdrawn_at)}"
    return [
        _day(r.given_at),
        BASIS_WORDS[r.basis],
        r.purpose_text(),
        status,
        _day(r.expires_at) or "no end",
        r.source or "",
        _day(r.notice_sent_at),
    ]
