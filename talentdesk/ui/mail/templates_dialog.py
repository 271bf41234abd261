"""E-mail → Templates…: the template library, with the merge fields listed and insertable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from talentdesk.core.errors import ValidationError
from talentdesk.core.mail.templates import STARTER_TEMPLATES, Template, check
from talentdesk.ui.errors import show_error
from talentdesk.ui.mail.services import MERGE_FIELDS, MailServices

_FIELD_ROLE = Qt.ItemDataRole.UserRole


def merge_field_list() -> QListWidget:
    """The merge fields, one a row ("{{ first_name }} — the candidate's first name")."""
    fields = QListWidget()
    fields.setObjectName("mergeFields")
    fields.setToolTip("Double-click to insert at the cursor")
    for name, meaning in MERGE_FIELDS:
        item = QListWidgetItem(f"{{{{ {name} }}}} — {meaning}")
        item.setData(_FIELD_ROLE, f"{{{{ {name} }}}}")
        fields.addItem(item)
    return fields


class FieldInserter:
    """Inserts a double-clicked merge field into whichever of subject and body had focus last."""

    def __init__(self, fields: QListWidget, subject: QLineEdit, body: QPlainTextEdit) -> None:
        self._subject = subject
        self._body = body
        self._target: QLineEdit | QPlainTextEdit = body
        subject.cursorPositionChanged.connect(lambda *_: self._aim(subject))
        body.cursorPositionChanged.connect(lambda: self._aim(body))
        fields.itemActivated.connect(self.insert)

    def _aim(self, target: QLineEdit | QPlainTextEdit) -> None:
        if target.hasFocus():
            self._target = target

    def insert(self, item: QListWidgetItem) -> None:
        text = item.data(_FIELD_ROLE)
        if isinstance(self._target, QLineEdit):
            self._target.insert(text)
        else:
            self._target.insertPlainText(text)
        self._target.setFocus()


def _is_starter(template: Template) -> bool:
    return template in STARTER_TEMPLATES


class TemplatesDialog(QDialog):
    def __init__(self, mail: MailServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mail = mail
        self.setWindowTitle("E-mail templates")
        splitter = QSplitter()
        splitter.addWidget(self._list_side())
        splitter.addWidget(self._editor_side())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 560])
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(close)
        self.resize(820, 560)
        self.reload()

    # -- building: the templates on the left, the one chosen on the right ------------------
    def _list_side(self) -> QWidget:
        self.list = QListWidget()
        self.list.setObjectName("templateList")
        self.list.currentItemChanged.connect(self._selected)
        new = QPushButton("New")
        new.clicked.connect(self.new_template)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setObjectName("deleteTemplateButton")
        self.delete_button.clicked.connect(self.delete_template)
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(new)
        list_buttons.addWidget(self.delete_button)
        list_buttons.addStretch()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addLayout(list_buttons)
        return left

    def _editor_side(self) -> QWidget:
        self.name = QLineEdit()
        self.name.setObjectName("templateName")
        self.subject = QLineEdit()
        self.subject.setObjectName("templateSubject")
        self.body = QPlainTextEdit()
        self.body.setObjectName("templateBody")
        self.fields = merge_field_list()
        self.fields.setMaximumHeight(150)
        self.inserter = FieldInserter(self.fields, self.subject, self.body)
        self.problem = QLabel()
        self.problem.setObjectName("templateProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b91c1c;")
        self.save_button = QPushButton("Save template")
        self.save_button.setObjectName("saveTemplateButton")
        self.save_button.clicked.connect(self.save_template)
        for edit in (self.name, self.subject):
            edit.textChanged.connect(self._check)
        self.body.textChanged.connect(self._check)
        right = QWidget()
        form = QFormLayout(right)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Name", self.name)
        form.addRow("Subject", self.subject)
        form.addRow("Body", self.body)
        form.addRow("Merge fields", self.fields)
        form.addRow(self.problem)
        form.addRow("", self.save_button)
        return right

    def reload(self, select: str | None = None) -> None:
        self.list.clear()
        for template in self._mail.templates.all():
            label = f"{template.name} (starter)" if _is_starter(template) else template.name
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, template)
            self.list.addItem(item)
            if template.name == select:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)

    def _selected(self, item: QListWidgetItem | None) -> None:
        template: Template | None = item.data(Qt.ItemDataRole.UserRole) if item else None
        self.name.setText(template.name if template else "")
        self.subject.setText(template.subject if template else "")
        self.body.setPlainText(template.body if template else "")
        # A starter has no stored row to delete; deleting a changed one brings the starter back.
        self.delete_button.setEnabled(template is not None and not _is_starter(template))

    def new_template(self) -> None:
        self.list.setCurrentRow(-1)  # no current template
        self.name.setText("New template")
        self.subject.setText("")
        self.body.setPlainText("Hi {{ first_name }},\n\n\n\nBest regards,\n{{ recruiter.name }}")
        self.name.setFocus()
        self.name.selectAll()

    def _template(self) -> Template:
        return Template(self.name.text().strip(), self.subject.text(), self.body.toPlainText())

    def _check(self) -> None:
        template = self._template()
        problems: dict[str, str] = {}
        if not template.name:
            problems["name"] = "a template needs a name"
        try:
            check(template)
        except ValidationError as exc:
            problems.update(exc.errors)
        self.problem.setText(
            "\n".join(f"{field.capitalize()}: {reason}" for field, reason in problems.items())
        )
        self.save_button.setEnabled(not problems)

    def save_template(self) -> None:
        template, templates = self._template(), self._mail.templates

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ValidationError):
                self.problem.setText(exc.message)
            else:
                show_error(self, exc, "Template not saved")

        self._mail.ops.run(
            f"Saving the template “{template.name}”",
            lambda: templates.save(template),
            success=lambda _: self.reload(select=template.name),
            failure=failed,
        )

    def delete_template(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        template: Template = item.data(Qt.ItemDataRole.UserRole)
        answer = QMessageBox.question(self, "Delete template", f"Delete “{template.name}”?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        templates = self._mail.templates
        self._mail.ops.run(
            f"Deleting the template “{template.name}”",
            lambda: templates.delete(template.name),
            success=lambda _: self.reload(),
            parent=self,
        )
