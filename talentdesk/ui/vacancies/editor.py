"""The dialog that creates or edits a role: every field of VacancyRecord, required and
nice-to-have tags as the candidate profile has them, errors shown under their field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.db.enums import RemotePolicy, Seniority, VacancyStatus
from talentdesk.core.errors import ValidationError
from talentdesk.core.records import TagRef
from talentdesk.core.vacancies import editing
from talentdesk.core.vacancies.records import VacancyRecord, WantedTag
from talentdesk.ui.widgets.date_field import DateField
from talentdesk.ui.widgets.profile_form import CURRENCIES
from talentdesk.ui.widgets.tag_editor import TagEditor

_ERROR_STYLE = "border: 1px solid #dc2626; background: #fef2f2;"
_ENUMS: dict[str, type[StrEnum]] = {
    "remote_policy": RemotePolicy,
    "seniority": Seniority,
    "status": VacancyStatus,
}
# Fields that share a row show their problems under that row.
_ERROR_ROW = {"salary_max": "salary_min", "salary_currency": "salary_min"}


class VacancyEditor(QDialog):
    """`record()` reads the form (ValidationError for what cannot be read or is wrong);
    `submit` is what the Save button asks for once the form is valid."""

    submitted = Signal(object)  # a VacancyRecord that passed validation

    def __init__(
        self,
        known_tags: list[TagRef],
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("vacancyEditor")
        self.setWindowTitle("New vacancy")
        self._id: int | None = None
        self._errors: dict[str, QLabel] = {}
        self.inputs: dict[str, QWidget] = {}
        self.title = self._line("title", "e.g. Senior Java Developer")
        self.company = self._line("company", "the client")
        self.hiring_manager = self._line("hiring_manager")
        self.location = self._line("location", "e.g. Kraków")
        self.remote_policy = self._combo("remote_policy", RemotePolicy, "—")
        self.seniority = self._combo("seniority", Seniority, "—")
        self.status = self._combo("status", VacancyStatus, None)
        self.salary_min = self._line("salary_min", "min")
        self.salary_max = self._line("salary_max", "max")
        self.salary_currency = QComboBox()
        self.salary_currency.setEditable(True)
        self.salary_currency.addItems(["", *CURRENCIES])
        self.inputs["salary_currency"] = self.salary_currency
        self.opened_on = DateField(today)
        self.closed_on = DateField(today)
        self.opened_on.edit.setPlaceholderText("yyyy-mm-dd (empty: today)")
        self.inputs.update(opened_on=self.opened_on, closed_on=self.closed_on)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)
        self.inputs["description"] = self.notes
        self.required_tags = TagEditor()
        self.nice_tags = TagEditor()
        for editor in (self.required_tags, self.nice_tags):
            editor.set_known(known_tags)
            editor.list.setMaximumHeight(60)
        self.required_tags.setObjectName("requiredTags")
        self.nice_tags.setObjectName("niceTags")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()

    def _lay_out(self) -> None:
        role = self._form(
            "Role",
            [
                ("title", "Title"),
                ("company", "Client"),
                ("hiring_manager", "Hiring manager"),
                ("location", "Location"),
                ("remote_policy", "Remote"),
                ("seniority", "Seniority"),
            ],
        )
        salary = QWidget()
        row = QHBoxLayout(salary)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.salary_min)
        row.addWidget(QLabel("–"))
        row.addWidget(self.salary_max)
        row.addWidget(self.salary_currency)
        self.inputs["salary_min_row"] = salary
        terms = self._form(
            "Terms and dates",
            [
                ("salary_min_row", "Salary band"),
                ("status", "Status"),
                ("opened_on", "Opened"),
                ("closed_on", "Closed"),
                ("description", "Notes"),
            ],
        )
        tags = QGroupBox("Wanted tags")
        tag_form = QFormLayout(tags)
        tag_form.addRow("Required", self.required_tags)
        tag_form.addRow("Nice to have", self.nice_tags)
        grid = QGridLayout()
        grid.addWidget(role, 0, 0)
        grid.addWidget(terms, 0, 1)
        grid.addWidget(tags, 1, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.buttons)
        self.resize(860, 560)

    def _form(self, title: str, rows: list[tuple[str, str]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, label in rows:
            holder = QWidget()
            inner = QVBoxLayout(holder)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.setSpacing(1)
            inner.addWidget(self.inputs[name])
            error = QLabel()
            key = name.removesuffix("_row")
            error.setObjectName(f"error_{key}")
            error.setStyleSheet("color: #dc2626; font-size: 11px;")
            error.setWordWrap(True)
            error.hide()
            inner.addWidget(error)
            self._errors[key] = error
            form.addRow(label, holder)
        return box

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        self.inputs[name] = edit
        return edit

    def _combo(self, name: str, enum: type[StrEnum], empty: str | None) -> QComboBox:
        box = QComboBox()
        if empty is not None:
            box.addItem(empty, None)
        for value in enum:
            box.addItem(getattr(value, "label", str(value)), value.value)
        self.inputs[name] = box
        return box

    # -- the record ----------------------------------------------------------------------
    def show_record(self, record: VacancyRecord) -> None:
        self._id = record.id
        self.setWindowTitle("New vacancy" if record.id is None else f"Edit {record.title}")
        for name in ("title", "company", "hiring_manager", "location"):
            edit = self.inputs[name]
            assert isinstance(edit, QLineEdit)
            edit.setText(getattr(record, name) or "")
        for name in _ENUMS:
            box = self.inputs[name]
            assert isinstance(box, QComboBox)
            value = getattr(record, name)
            box.setCurrentIndex(max(0, box.findData(value.value if value else None)))
        self.salary_min.setText("" if record.salary_min is None else str(record.salary_min))
        self.salary_max.setText("" if record.salary_max is None else str(record.salary_max))
        self.salary_currency.setEditText(record.salary_currency or "")
        self.opened_on.set_value(record.opened_on)
        self.closed_on.set_value(record.closed_on)
        self.notes.setPlainText(record.description or "")
        self.required_tags.set_tags(record.required_tags)
        self.nice_tags.set_tags(record.nice_tags)

    def record(self) -> VacancyRecord:
        """What the form says, checked as the core checks it (ValidationError per field)."""
        errors: dict[str, str] = {}
        values: dict[str, object] = {"id": self._id}
        for name in ("title", "company", "hiring_manager", "location"):
            edit = self.inputs[name]
            assert isinstance(edit, QLineEdit)
            values[name] = edit.text().strip() or (None if name != "title" else "")
        for name, enum in _ENUMS.items():
            box = self.inputs[name]
            assert isinstance(box, QComboBox)
            data = box.currentData()
            values[name] = enum(str(data)) if data else None
        for name, edit in (("salary_min", self.salary_min), ("salary_max", self.salary_max)):
            raw = edit.text().replace(" ", "").replace(",", ".")
            try:
                values[name] = Decimal(raw) if raw else None
            except InvalidOperation:
                errors[name], values[name] = "not a number", None
        values["salary_currency"] = self.salary_currency.currentText().strip() or None
        for name, field in (("opened_on", self.opened_on), ("closed_on", self.closed_on)):
            try:
                values[name] = field.value()
            except ValueError as exc:
                errors[name], values[name] = str(exc), None
        values["description"] = self.notes.toPlainText().strip() or None
        values["tags"] = [WantedTag(t, True) for t in self.required_tags.tags()] + [
            WantedTag(t, False) for t in self.nice_tags.tags()
        ]
        record = VacancyRecord(**values)  # type: ignore[arg-type]
        try:
            record = editing.validate(record)
        except ValidationError as exc:
            errors = {**exc.errors, **errors}
        if errors:
            raise ValidationError(errors)
        return record

    def submit(self) -> None:
        try:
            record = self.record()
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        self.clear_errors()
        self.submitted.emit(record)

    # -- errors --------------------------------------------------------------------------
    def show_errors(self, errors: dict[str, str]) -> None:
        self.clear_errors()
        for name, message in errors.items():
            label = self._errors.get(_ERROR_ROW.get(name, name))
            if label is not None:
                label.setText(message if label.isHidden() else f"{label.text()}; {message}")
                label.show()
            widget = self.inputs.get(name)
            if widget is not None:
                _styled(widget).setStyleSheet(_ERROR_STYLE)
        first = next((self.inputs[n] for n in errors if n in self.inputs), None)
        if first is not None:
            first.setFocus()

    def clear_errors(self) -> None:
        for label in self._errors.values():
            label.hide()
        for name, widget in self.inputs.items():
            if not name.endswith("_row"):
                _styled(widget).setStyleSheet("")

    def error_text(self, name: str) -> str:
        label = self._errors[_ERROR_ROW.get(name, name)]
        return label.text() if not label.isHidden() else ""


def _styled(widget: QWidget) -> QWidget:
    return widget.edit if isinstance(widget, DateField) else widget
