"""Every part of a smart list's filter in plain words, grouped as a recruiter thinks of them:
the words, stages, tags, where they are, who they are, and how recently we were in touch."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.db.enums import CandidateStatus, Seniority
from talentdesk.core.lists.filters import Contact, Filter
from talentdesk.core.privacy.consent_state import ConsentState
from talentdesk.core.records import TagRef
from talentdesk.ui.lists.choices import Checks, YesNo, split_words
from talentdesk.ui.lists.period_editor import PeriodEditor
from talentdesk.ui.lists.stage_rules import Scope, StageRulesEditor
from talentdesk.ui.lists.tag_rules import TagRulesEditor

CONSENT_WORDS = {
    ConsentState.VALID: "Valid",
    ConsentState.EXPIRING: "Expiring soon",
    ConsentState.EXPIRED: "Expired",
    ConsentState.NONE: "None recorded",
    ConsentState.WITHDRAWN: "Withdrawn",
}
CONTACT_WORDS = (
    ("at any time or never", None),
    ("contacted", Contact.IN),
    ("not contacted", Contact.NOT_IN),
    ("never contacted", Contact.NEVER),
)


@dataclass(frozen=True)
class Choices:
    """What the form offers to pick from, read by the dialog from the workspace."""

    pools: list[tuple[int, str]] = field(default_factory=list)
    vacancies: list[tuple[int, str]] = field(default_factory=list)
    tags: list[TagRef] = field(default_factory=list)

    def scopes(self) -> list[Scope]:
        return [Scope(f"pool:{i}", f"the pool “{name}”") for i, name in self.pools] + [
            Scope(f"vacancy:{i}", f"the vacancy “{title}”") for i, title in self.vacancies
        ]


def _group(title: str, *rows: tuple[str, QWidget]) -> tuple[QGroupBox, QFormLayout]:
    box = QGroupBox(title)
    form = QFormLayout(box)
    # Text fields take the width; choices stay as wide as their words.
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
    for label, widget in rows:
        if label:
            form.addRow(label, widget)
        else:  # a section of its own (the stage conditions, the tags): the full width
            form.addRow(widget)
    return box, form


class FilterForm(QWidget):
    changed = Signal()

    def __init__(
        self, choices: Choices, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.text = QLineEdit()
        self.text.setObjectName("filterWords")
        self.text.setPlaceholderText("free words, matched as in the search box (optional)")
        self.stages = StageRulesEditor(choices.scopes(), today)
        self.near_fit = YesNo("either", "marked near-fit", "not near-fit")
        self.tags = TagRulesEditor(choices.tags)
        self.cities = QLineEdit()
        self.cities.setPlaceholderText("any; several with commas: Kraków, Warszawa")
        self.countries = QLineEdit()
        self.countries.setPlaceholderText("any; several with commas")
        self.remote = YesNo("either", "open to remote work", "not open to remote work")
        self.seniorities = Checks[Seniority]([(s, s.label) for s in Seniority], columns=6)
        self.statuses = Checks[CandidateStatus]([(s, s.label) for s in CandidateStatus])
        self.sources = QLineEdit()
        self.sources.setPlaceholderText("any; several with commas: LinkedIn, referral")
        self.has_email = YesNo("either", "has an e-mail address", "has no e-mail address")
        self.pools = Checks[int](choices.pools, columns=3)
        self.contact = QComboBox()
        for text, value in CONTACT_WORDS:
            self.contact.addItem(text, value)
        self.contact_period = PeriodEditor(today, allow_any=False)
        self.reminder_due = YesNo("either", "has a reminder due", "has no reminder due")
        self.consent = Checks[ConsentState](list(CONSENT_WORDS.items()), columns=5)
        self.retention_due = QCheckBox("due for deletion under the retention policy")
        self.retention_due.setObjectName("filterRetentionDue")
        self.mine = QCheckBox("only the candidates I own")
        self.mine.setObjectName("filterMine")
        self._lay_out()
        self._connect()
        self._show_contact_period()

    def _lay_out(self) -> None:
        words, _ = _group("Words", ("Matching:", self.text))
        stages, stage_form = _group("Stages in pools and vacancies", ("", self.stages))
        stage_form.addRow("Near-fit:", self.near_fit)
        tags, _ = _group("Tags", ("", self.tags))
        where, _ = _group(
            "Where",
            ("City:", self.cities),
            ("Country:", self.countries),
            ("Remote:", self.remote),
        )
        who, who_form = _group(
            "Who",
            ("Seniority:", self.seniorities),
            ("Status:", self.statuses),
            ("Source:", self.sources),
            ("E-mail:", self.has_email),
            ("In the pools:", self.pools),
            ("Owner:", self.mine),
        )
        contact_row = QWidget()
        row = QHBoxLayout(contact_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.contact)
        row.addWidget(self.contact_period, 1)
        touch, _ = _group(
            "Keeping in touch",
            ("Last contact:", contact_row),
            ("Reminders:", self.reminder_due),
            ("Consent:", self.consent),
            ("Retention:", self.retention_due),
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for box in (words, stages, tags, where, who, touch):
            layout.addWidget(box)
        who_form.setRowVisible(self.pools, bool(self.pools.boxes))  # no pools yet

    def _connect(self) -> None:
        for edit in (self.text, self.cities, self.countries, self.sources):
            edit.textChanged.connect(lambda _t: self.changed.emit())
        self.contact.currentIndexChanged.connect(self._show_contact_period)
        self.contact.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for signal in (
            self.stages.changed,
            self.near_fit.changed,
            self.tags.changed,
            self.remote.changed,
            self.seniorities.changed,
            self.statuses.changed,
            self.has_email.changed,
            self.pools.changed,
            self.contact_period.changed,
            self.reminder_due.changed,
            self.consent.changed,
        ):
            signal.connect(self.changed)
        self.retention_due.toggled.connect(lambda _on: self.changed.emit())
        self.mine.toggled.connect(lambda _on: self.changed.emit())

    def filter(self) -> Filter:
        """The filter as filled in; ValueError (in words) for a period that is not one."""
        data = self.contact.currentData()  # Qt hands StrEnum data back as str
        contact = Contact(data) if data else None
        try:
            timed = contact in (Contact.IN, Contact.NOT_IN)
            period = self.contact_period.value() if timed else None
        except ValueError as exc:
            raise ValueError(f"Last contact: {exc}") from None
        try:
            stages = self.stages.rules()
        except ValueError as exc:
            raise ValueError(f"Stages: {exc}") from None
        return Filter(
            text=self.text.text().strip(),
            stages=stages,
            near_fit=self.near_fit.value(),
            tags=self.tags.rules(),
            cities=split_words(self.cities.text()),
            countries=split_words(self.countries.text()),
            remote=self.remote.value(),
            seniorities=self.seniorities.values(),
            statuses=self.statuses.values(),
            contact=contact,
            contact_period=period,
            reminder_due=self.reminder_due.value(),
            consent=self.consent.values(),
            sources=split_words(self.sources.text()),
            has_email=self.has_email.value(),
            pool_ids=tuple(sorted(self.pools.values())),
            retention_due=self.retention_due.isChecked(),
            mine=self.mine.isChecked(),
        )

    def set_filter(self, flt: Filter) -> None:
        self.blockSignals(True)
        self.text.setText(flt.text)
        self.stages.set_rules(flt.stages)
        self.near_fit.set_value(flt.near_fit)
        self.tags.set_rules(flt.tags)
        self.cities.setText(", ".join(flt.cities))
        self.countries.setText(", ".join(flt.countries))
        self.remote.set_value(flt.remote)
        self.seniorities.set_values(flt.seniorities)
        self.statuses.set_values(flt.statuses)
        self.sources.setText(", ".join(flt.sources))
        self.has_email.set_value(flt.has_email)
        self.pools.set_values(flt.pool_ids)
        self.contact.setCurrentIndex(max(self.contact.findData(flt.contact), 0))
        if flt.contact_period is not None:
            self.contact_period.set_value(flt.contact_period)
        self.reminder_due.set_value(flt.reminder_due)
        self.consent.set_values(flt.consent)
        self.retention_due.setChecked(flt.retention_due)
        self.mine.setChecked(flt.mine)
        self._show_contact_period()
        self.blockSignals(False)

    def _show_contact_period(self) -> None:
        self.contact_period.setVisible(self.contact.currentData() in (Contact.IN, Contact.NOT_IN))
