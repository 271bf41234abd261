"""Record (or edit) one consent record: basis, purpose (a vacancy's), source, evidence, given on,
ends on (filled from the Privacy settings for the basis until typed over; empty: no end)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from talentdesk.core.db.enums import ConsentPurpose, LegalBasis
from talentdesk.core.privacy.consent import BASIS_WORDS, PURPOSE_WORDS, ConsentRecord
from talentdesk.ui.widgets.date_field import DateField

TEXT_LIMIT = 200
DefaultEnd = Callable[[LegalBasis, datetime], datetime | None]


@dataclass(frozen=True)
class ConsentInput:
    basis: LegalBasis
    purpose: ConsentPurpose
    vacancy_id: int | None
    source: str | None
    evidence: str | None
    given_at: datetime
    expires_at: datetime | None
    note: str | None


def _combo(name: str, items: list[tuple[str, object]]) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    for text, data in items:
        combo.addItem(text, data)
    return combo


class ConsentForm(QDialog):
    def __init__(
        self,
        title: str,
        now: datetime,
        zone: tzinfo,
        default_end: DefaultEnd,
        vacancies: list[tuple[int, str]],
        record: ConsentRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("consentForm")
        self._now, self._zone, self._default_end = now, zone, default_end
        self._end_typed = record is not None  # an edit keeps its end unless changed
        self._record = record
        today = now.astimezone(zone).date
        self.basis = _combo("consentBasis", [(w, b.value) for b, w in BASIS_WORDS.items()])
        self.purpose = _combo("consentPurpose", [(w, p.value) for p, w in PURPOSE_WORDS.items()])
        self.vacancy = _combo("consentVacancy", [(title, vid) for vid, title in vacancies])
        self.source = self._line("consentSource", "Where the data came from: LinkedIn, a fair…")
        self.evidence = self._line("consentEvidence", "A reply, a call note, a signed form…")
        self.given = DateField(today)
        self.given.setObjectName("consentGiven")
        self.ends = DateField(today)
        self.ends.setObjectName("consentEnds")
        self.ends.edit.setPlaceholderText("no end")
        self.note = QPlainTextEdit()
        self.note.setObjectName("consentNote")
        self.note.setFixedHeight(60)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b91c1c;")
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Legal basis", self.basis)
        form.addRow("&Purpose", self.purpose)
        form.addRow("&Vacancy", self.vacancy)
        form.addRow("&Source", self.source)
        form.addRow("&Evidence", self.evidence)
        form.addRow("&Given on", self.given)
        form.addRow("E&nds on", self.ends)
        form.addRow("N&ote", self.note)
        form.addRow(self.problem)
        form.addRow(buttons)
        self._show(record)
        self.basis.currentIndexChanged.connect(self._refill_end)
        self.given.changed.connect(self._refill_end)
        self.ends.changed.connect(self._end_was_typed)
        self.purpose.currentIndexChanged.connect(self._update)
        self._update()
        self.resize(460, 0)

    def _line(self, name: str, hint: str) -> QLineEdit:
        line = QLineEdit()
        line.setObjectName(name)
        line.setPlaceholderText(hint)
        line.setMaxLength(TEXT_LIMIT)
        return line

    def _show(self, record: ConsentRecord | None) -> None:
        if record is None:
            self.basis.setCurrentIndex(self.basis.findData(LegalBasis.CONSENT.value))
            self.given.set_value(self._local(self._now))
            self._refill_end()
            return
        self.basis.setCurrentIndex(self.basis.findData(record.basis.value))
        self.purpose.setCurrentIndex(self.purpose.findData(record.purpose.value))
        if record.vacancy_id is not None:
            self.vacancy.setCurrentIndex(max(0, self.vacancy.findData(record.vacancy_id)))
        self.source.setText(record.source or "")
        self.evidence.setText(record.evidence or "")
        self.given.set_value(None if record.given_at is None else self._local(record.given_at))
        self.ends.set_value(None if record.expires_at is None else self._local(record.expires_at))
        self.note.setPlainText(record.note or "")

    def _local(self, value: datetime) -> date:
        return value.astimezone(self._zone).date()

    def _at(self, day: date) -> datetime:
        """A day as a moment: today is now; another day at now's time of day."""
        return self._now if day == self._local(self._now) else self._moment(day)

    def _moment(self, day: date) -> datetime:
        local_now = self._now.astimezone(self._zone)
        return datetime.combine(day, local_now.timetz()).astimezone(self._now.tzinfo)

    def _kept(self, day: date, field: str) -> datetime | None:
        """An edited record's own moment when its day was left as it was."""
        before = None if self._record is None else getattr(self._record, field)
        return before if before is not None and self._local(before) == day else None

    def _end_was_typed(self) -> None:
        self._end_typed = True

    def _refill_end(self) -> None:
        if self._end_typed:
            return
        try:
            given = self.given.value()
        except ValueError:
            return
        ends = self._default_end(self._basis(), self._at(given or self._local(self._now)))
        self.ends.set_value(None if ends is None else self._local(ends))

    # A combo box hands its data back as plain text.
    def _basis(self) -> LegalBasis:
        return LegalBasis(self.basis.currentData())

    def _purpose(self) -> ConsentPurpose:
        return ConsentPurpose(self.purpose.currentData())

    def _update(self) -> None:
        for_vacancy = self._purpose() is ConsentPurpose.VACANCY
        self.vacancy.setEnabled(for_vacancy and self.vacancy.count() > 0)

    def values(self) -> ConsentInput:
        """What the form holds; ValueError says what cannot be read."""
        try:
            given, ends = self.given.value(), self.ends.value()
        except ValueError as exc:
            raise ValueError("a date cannot be read: use yyyy-mm-dd") from exc
        if given is None:
            raise ValueError("say when it was given")
        purpose = self._purpose()
        vacancy = self.vacancy.currentData() if purpose is ConsentPurpose.VACANCY else None
        if purpose is ConsentPurpose.VACANCY and vacancy is None:
            raise ValueError("there is no vacancy to choose: pick another purpose")
        given_at = self._kept(given, "given_at") or self._at(given)
        expires_at = None if ends is None else self._kept(ends, "expires_at") or self._moment(ends)
        return ConsentInput(
            basis=self._basis(),
            purpose=purpose,
            vacancy_id=vacancy,
            source=self.source.text().strip() or None,
            evidence=self.evidence.text().strip() or None,
            given_at=given_at,
            expires_at=expires_at,
            note=self.note.toPlainText().strip() or None,
        )

    def accept(self) -> None:
        try:
            self.values()
        except ValueError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            return
        super().accept()
