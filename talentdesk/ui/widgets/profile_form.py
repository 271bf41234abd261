"""The candidate profile as a form: every field of CandidateRecord, with inline validation."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import NamedTuple

from PySide6.QtCore import QStringListModel, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.db.enums import CandidateStatus, RelationshipKind, Seniority
from talentdesk.core.errors import ValidationError
from talentdesk.core.normalize import normalise_email, normalise_linkedin_url
from talentdesk.core.records import CandidateRecord
from talentdesk.ui.widgets.date_field import DateField, parse_date

_ERROR_STYLE = "border: 1px solid #dc2626; background: #fef2f2;"
# Fields without a row of their own show their problems under this row.
_ERROR_ROW = {"salary_max": "salary_min", "salary_currency": "salary_min"}
_ENUM_FIELDS: dict[str, type[StrEnum]] = {
    "seniority": Seniority,
    "status": CandidateStatus,
    "relationship_kind": RelationshipKind,
}
CURRENCIES = ("EUR", "PLN", "GBP", "USD", "CHF", "SEK", "CZK")


class Contact(NamedTuple):
    email: str
    other_emails: tuple[str, ...]
    linkedin: str
    phone: str
    country: str


class ProfileForm(QWidget):
    """Edits one CandidateRecord; `record()` reads it back (raising ValidationError)."""

    changed = Signal()

    def __init__(
        self,
        find_by_name: Callable[[str], list[tuple[int, str]]],
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._find_by_name = find_by_name  # (id, name) of candidates whose name starts so
        self._today = today
        self._loading = False
        self._referrer_ids: dict[str, int] = {}
        self._errors: dict[str, QLabel] = {}
        self.inputs: dict[str, QWidget] = {}
        # Made first: `inputs` keeps this order, and the first field in error takes the focus.
        salary = self._salary_row()
        referrer = self._referrer_edit()
        email, linkedin = self._checked_edits()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._person_box(email, linkedin))
        layout.addWidget(self._work_box())
        layout.addWidget(self._relationship_box(referrer))
        layout.addWidget(self._terms_box(salary))
        layout.addWidget(self._section("Notes", [("notes", "", self._text("notes", "", 90))]))
        kind = self.inputs["relationship_kind"]
        assert isinstance(kind, QComboBox)
        kind.currentIndexChanged.connect(self._update_referrer)
        self._update_referrer()
        self.show_record(CandidateRecord())

    # -- building: one builder per box -----------------------------------------------------
    def _salary_row(self) -> QWidget:
        salary = QWidget()
        salary_row = QHBoxLayout(salary)
        salary_row.setContentsMargins(0, 0, 0, 0)
        salary_row.addWidget(self._line("salary_min", "min"))
        salary_row.addWidget(QLabel("–"))
        salary_row.addWidget(self._line("salary_max", "max"))
        currency = self._combo("salary_currency", [("", None)] + [(c, c) for c in CURRENCIES])
        currency.setEditable(True)
        currency.editTextChanged.connect(self._on_changed)
        salary_row.addWidget(currency)
        return salary

    def _referrer_edit(self) -> QLineEdit:
        referrer = self._line("referred_by", "start typing a candidate's name")
        self._referrer_names = QStringListModel(self)
        self._referrer_completer = QCompleter(self._referrer_names, self)
        self._referrer_completer.setFilterMode(self._referrer_completer.filterMode().MatchContains)
        referrer.setCompleter(self._referrer_completer)
        referrer.textEdited.connect(self._suggest_referrers)
        return referrer

    def _checked_edits(self) -> tuple[QLineEdit, QLineEdit]:
        """The e-mail and LinkedIn fields, checked as soon as the user leaves them."""
        email = self._line("email", "name@example.com")
        email.editingFinished.connect(lambda: self._check_field("email"))
        linkedin = self._line("linkedin_url", "linkedin.com/in/…")
        linkedin.editingFinished.connect(lambda: self._check_field("linkedin_url"))
        return email, linkedin

    def _person_box(self, email: QLineEdit, linkedin: QLineEdit) -> QGroupBox:
        line = self._line
        return self._section(
            "Person",
            [
                ("first_name", "First name", line("first_name")),
                ("last_name", "Last name", line("last_name")),
                ("email", "E-mail", email),
                ("other_emails", "Other e-mails", line("other_emails", "comma-separated")),
                ("phone", "Phone", line("phone", "+48 …")),
                ("city", "City", line("city")),
                ("country", "Country", line("country")),
                ("linkedin_url", "LinkedIn", linkedin),
                ("birthday", "Birthday", self._date_edit("birthday")),
            ],
        )

    def _work_box(self) -> QGroupBox:
        line, combo = self._line, self._combo
        levels: list[tuple[str, object]] = [("", None)] + [(s.label, s) for s in Seniority]
        return self._section(
            "Work",
            [
                ("title", "Current title", line("title")),
                ("company", "Company", line("company")),
                ("seniority", "Seniority", combo("seniority", levels)),
                ("industry", "Industry", line("industry")),
                ("status", "Status", combo("status", [(s.label, s) for s in CandidateStatus])),
            ],
        )

    def _relationship_box(self, referrer: QLineEdit) -> QGroupBox:
        source = self._line("source", "e.g. LinkedIn search, meetup")
        kinds = [(k.label, k) for k in RelationshipKind]
        return self._section(
            "How we know them",
            [
                ("source", "Source", source),
                ("relationship_kind", "Relationship", self._combo("relationship_kind", kinds)),
                ("referred_by_id", "Referred by", referrer),
                (
                    "relationship_note",
                    "Details",
                    self._text("relationship_note", "e.g. worked together at …"),
                ),
            ],
        )

    def _terms_box(self, salary: QWidget) -> QGroupBox:
        text = self._text
        return self._section(
            "Motivation and terms",
            [
                ("motivators", "Motivators", text("motivators", "what would make them move")),
                ("doubts", "Doubts", text("doubts")),
                ("competing_offers", "Competing offers", text("competing_offers")),
                ("salary_min", "Salary expectation", salary),
                ("notice_period", "Notice period", self._line("notice_period", "e.g. 3 months")),
                ("available_from", "Available from", self._date_edit("available_from")),
            ],
        )

    def _section(self, title: str, rows: list[tuple[str, str, QWidget]]) -> QGroupBox:
        """A titled form; each row's field has its error label under it."""
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, label, widget in rows:
            holder = QWidget()
            inner = QVBoxLayout(holder)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.setSpacing(1)
            inner.addWidget(widget)
            error = QLabel()
            error.setObjectName(f"error_{name}")
            error.setStyleSheet("color: #dc2626; font-size: 11px;")
            error.hide()
            inner.addWidget(error)
            self._errors[name] = error
            form.addRow(label, holder)
        return box

    # -- the fields: each registers itself in `inputs` and reports edits --------------------
    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(self._on_changed)
        self.inputs[name] = edit
        return edit

    def _text(self, name: str, placeholder: str = "", height: int = 54) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setPlaceholderText(placeholder)
        edit.setFixedHeight(height)
        edit.setTabChangesFocus(True)
        edit.textChanged.connect(self._on_changed)
        self.inputs[name] = edit
        return edit

    def _combo(self, name: str, items: Sequence[tuple[str, object]]) -> QComboBox:
        box = QComboBox()
        for label, value in items:
            box.addItem(label, value)
        box.currentIndexChanged.connect(self._on_changed)
        self.inputs[name] = box
        return box

    def _date_edit(self, name: str) -> DateField:
        edit = DateField(self._today)
        edit.changed.connect(self._on_changed)
        edit.editing_finished.connect(lambda: self._check_field(name))
        self.inputs[name] = edit
        return edit

    # -- loading and reading ---------------------------------------------------------------
    def show_record(self, record: CandidateRecord) -> None:
        self._loading = True
        try:
            self.clear_errors()
            for name, widget in self.inputs.items():
                if name in ("referred_by",):
                    continue
                value = getattr(record, name)
                if name == "other_emails":
                    value = ", ".join(value)
                self._set(widget, value)
            self._referrer_ids = {}
            if record.referred_by_id and record.referred_by_name:
                self._referrer_ids[record.referred_by_name] = record.referred_by_id
            self._set(self.inputs["referred_by"], record.referred_by_name or "")
            self._update_referrer()
        finally:
            self._loading = False

    def record(self) -> CandidateRecord:
        """The form's content as a record; ValidationError for fields that cannot be parsed."""
        errors: dict[str, str] = {}
        values: dict[str, object] = {}
        names = {f.name for f in fields(CandidateRecord)}
        for name, widget in self.inputs.items():
            if name not in names:
                continue
            try:
                values[name] = self._get(widget)
            except ValueError as exc:  # a date that cannot be read
                errors[name] = str(exc)
                values[name] = None
        values["other_emails"] = [
            part.strip() for part in str(values["other_emails"] or "").split(",") if part.strip()
        ]
        for name in ("salary_min", "salary_max"):
            raw = str(values[name] or "").replace(" ", "").replace(",", ".")
            try:
                values[name] = Decimal(raw) if raw else None
            except InvalidOperation:
                errors[name] = "not a number"
                values[name] = None
        referrer = str(self._get(self.inputs["referred_by"]) or "").strip()
        values["referred_by_id"] = self._referrer_ids.get(referrer)
        if referrer and values["referred_by_id"] is None:
            errors["referred_by_id"] = "pick a candidate from the suggestions"
        for name in ("first_name", "last_name"):
            values[name] = values[name] or ""
        # Qt hands StrEnum item data back as plain str.
        for name, enum_type in _ENUM_FIELDS.items():
            values[name] = enum_type(str(values[name])) if values[name] else None
        if errors:
            raise ValidationError(errors)
        return CandidateRecord(**values)  # type: ignore[arg-type]

    def contact(self) -> Contact:
        """What identifies a person, as typed: for the "already there?" check."""

        def text(name: str) -> str:
            return str(self._get(self.inputs[name]) or "")

        others = tuple(p.strip() for p in text("other_emails").split(",") if p.strip())
        return Contact(text("email"), others, text("linkedin_url"), text("phone"), text("country"))

    # -- errors ----------------------------------------------------------------------------
    def show_errors(self, errors: dict[str, str]) -> None:
        self.clear_errors()
        for name, message in errors.items():
            label = self._errors.get(_ERROR_ROW.get(name, name))
            if label is not None:
                label.setText(message if label.isHidden() else f"{label.text()}; {message}")
                label.show()
            widget = self.inputs.get("referred_by" if name == "referred_by_id" else name)
            if widget is not None:
                _styled(widget).setStyleSheet(_ERROR_STYLE)
        first = next(iter(errors), None)
        target = self.inputs.get(first or "")
        if target is not None:
            target.setFocus()

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.hide()
        for widget in self.inputs.values():
            _styled(widget).setStyleSheet("")

    def error_text(self, name: str) -> str:
        label = self._errors[_ERROR_ROW.get(name, name)]
        return label.text() if not label.isHidden() else ""

    def _check_field(self, name: str) -> None:
        """Check an e-mail, URL or date as soon as the user leaves the field."""
        widget = self.inputs[name]
        edit = _styled(widget)
        assert isinstance(edit, QLineEdit)
        value = edit.text().strip()
        check: Callable[[str], object] = parse_date
        if name == "email":
            check = normalise_email
        elif name == "linkedin_url":
            check = normalise_linkedin_url
        try:
            if value:
                check(value)
        except ValueError as exc:
            self._errors[name].setText(str(exc))
            self._errors[name].show()
            edit.setStyleSheet(_ERROR_STYLE)
            return
        self._errors[name].hide()
        edit.setStyleSheet("")

    # -- helpers ---------------------------------------------------------------------------
    def _on_changed(self) -> None:
        if not self._loading:
            self.changed.emit()

    def _update_referrer(self) -> None:
        kind = self._get(self.inputs["relationship_kind"])
        self.inputs["referred_by"].setEnabled(kind == RelationshipKind.REFERRED_BY)

    def _suggest_referrers(self, text: str) -> None:
        if len(text.strip()) < 2:
            return
        found = self._find_by_name(text.split()[0])
        self._referrer_ids.update({name: cid for cid, name in found})
        self._referrer_names.setStringList(list(self._referrer_ids))

    @staticmethod
    def _set(widget: QWidget, value: object) -> None:
        if isinstance(widget, QLineEdit):
            widget.setText("" if value is None else str(value))
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText("" if value is None else str(value))
        elif isinstance(widget, QComboBox):
            index = widget.findData(value)
            if index < 0 and widget.isEditable():
                widget.setEditText("" if value is None else str(value))
            else:
                widget.setCurrentIndex(max(index, 0))
        elif isinstance(widget, DateField):
            widget.set_value(value if isinstance(value, date) else None)

    @staticmethod
    def _get(widget: QWidget) -> object:
        if isinstance(widget, QLineEdit):
            return widget.text().strip() or None
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText().strip() or None
        if isinstance(widget, QComboBox):
            if widget.isEditable():
                return widget.currentText().strip() or None
            return widget.currentData()
        if isinstance(widget, DateField):
            return widget.value()  # ValueError: not a date
        return None


def _styled(widget: QWidget) -> QWidget:
    """The widget that shows a field's error: a date field's line edit, not its button."""
    return widget.edit if isinstance(widget, DateField) else widget
