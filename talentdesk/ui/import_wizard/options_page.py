"""Step 3: where the people go, tags for all of them, and what to do with duplicates, bad rows
and ambiguous dates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget, QWizardPage

from talentdesk.core.csvio.options import ImportOptions, OnDuplicate, OnError
from talentdesk.core.db.enums import TagCategory
from talentdesk.core.records import TagRef
from talentdesk.ui.import_wizard.consent_fields import ConsentFields

if TYPE_CHECKING:
    from talentdesk.ui.import_wizard.state import WizardHost

DUPLICATE_LABELS = {
    OnDuplicate.SKIP: "Skip them (keep TalentDesk as it is)",
    OnDuplicate.FILL: "Fill only the fields that are empty in TalentDesk",
    OnDuplicate.OVERWRITE: "Overwrite with the file's values",
    OnDuplicate.NEW: "Import them as new candidates",
}
ERROR_LABELS = {
    OnError.SKIP: "Skip them and list them in the report",
    OnError.STOP: "Stop and import nothing",
}


def parse_tags(text: str) -> list[TagRef]:
    """ "skill:Java, Meetup 2026" → a skill tag and a custom tag; ValueError names a bad one."""
    categories = {c.value: c for c in TagCategory} | {c.label.lower(): c for c in TagCategory}
    refs = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        category, sep, name = part.partition(":")
        if sep and category.strip().lower() in categories:
            if not name.strip():
                raise ValueError(f"“{part}” has no tag name after the colon")
            refs.append(TagRef(categories[category.strip().lower()], name.strip()))
        else:
            refs.append(TagRef(TagCategory.CUSTOM, part))
    return refs


def locale_is_month_first() -> bool:
    return QLocale().dateFormat(QLocale.FormatType.ShortFormat).lower().startswith("m")


class OptionsPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Decide")
        self.setSubTitle("Nothing is written yet: the next step shows what would happen.")
        self.pool = QComboBox()
        self.pool.setObjectName("importPool")
        self.stage = QComboBox()
        self.stage.setObjectName("importStage")
        self.pool.currentIndexChanged.connect(self._load_stages)
        self.tags = QLineEdit()
        self.tags.setObjectName("importTags")
        self.tags.setPlaceholderText("e.g. Meetup Kraków 2026, skill:Java")
        self.tags.setToolTip(
            "Comma-separated. “category:name” for skill, industry, location or seniority "
            "tags; anything else becomes a custom tag."
        )
        self.tags.textChanged.connect(self._check)
        self.tag_problem = QLabel()
        self.tag_problem.setStyleSheet("color: #b91c1c;")
        self.tag_problem.hide()
        self.duplicates = QComboBox()
        self.duplicates.setObjectName("onDuplicate")
        for value, label in DUPLICATE_LABELS.items():
            self.duplicates.addItem(label, value.value)
        self.errors = QComboBox()
        self.errors.setObjectName("onError")
        for on_error, label in ERROR_LABELS.items():
            self.errors.addItem(label, on_error.value)
        self.dates = QComboBox()
        self.dates.setObjectName("dateOrder")
        self.dates.addItem("Day first: 03/04/2025 is 3 April 2025", True)
        self.dates.addItem("Month first: 03/04/2025 is 4 March 2025", False)
        self.consent = ConsentFields()

        form = QFormLayout(self)
        form.addRow("Add everyone to &pool", self.pool)
        form.addRow("… at &stage", self.stage)
        form.addRow("&Tag everyone", self.tags)
        form.addRow("", self.tag_problem)
        note = QLabel(
            "People already in TalentDesk are recognised by e-mail address or LinkedIn URL. "
            "Same name and company without either are listed as possible duplicates, "
            "never merged."
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #6b7280;")
        form.addRow(note)
        form.addRow("&Duplicates", self.duplicates)
        form.addRow("&Rows with problems", self.errors)
        form.addRow("Dates like 03/04/2025", self.dates)
        self.consent.add_rows(form)

    def _wizard(self) -> WizardHost:
        return self.wizard()  # type: ignore[return-value]

    def initializePage(self) -> None:
        wizard = self._wizard()
        first = self.pool.count() == 0
        if first:
            self.pool.addItem("— no pool —", None)
            for pool in wizard.ws.reads.pool_summaries():
                self.pool.addItem(pool.name, pool.id)
            if wizard.pool_id is not None:
                self.pool.setCurrentIndex(max(0, self.pool.findData(wizard.pool_id)))
            settings = wizard.settings
            for combo, key in ((self.duplicates, "duplicates"), (self.errors, "errors")):
                index = combo.findData(settings.value(f"import/{key}"))
                combo.setCurrentIndex(max(0, index))
            month_first = settings.value("import/month_first", locale_is_month_first(), bool)
            self.dates.setCurrentIndex(1 if month_first else 0)
        path = wizard.state.path
        self.consent.load(wizard.settings, path.name if path is not None else "", first)

    def _load_stages(self) -> None:
        self.stage.clear()
        pool_id = self.pool.currentData()
        self.stage.setEnabled(pool_id is not None)
        if pool_id is None:
            return
        for stage in self._wizard().ws.pools.stages(pool_id):
            self.stage.addItem(stage.name, stage.id)

    def _check(self) -> None:
        try:
            parse_tags(self.tags.text())
            self.tag_problem.hide()
        except ValueError as exc:
            self.tag_problem.setText(str(exc).capitalize() + ".")
            self.tag_problem.show()
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.tag_problem.isHidden()

    def validatePage(self) -> bool:
        wizard = self._wizard()
        state = wizard.state
        state.options = ImportOptions(
            mapping=state.mapping,
            pool_id=self.pool.currentData(),
            stage_id=self.stage.currentData(),
            tags=tuple(parse_tags(self.tags.text())),
            on_duplicate=OnDuplicate(self.duplicates.currentData()),
            on_error=OnError(self.errors.currentData()),
            day_first=bool(self.dates.currentData()),
            consent=self.consent.consent(wizard.settings),
            preset=state.preset,
        )
        state.pool_name = self.pool.currentText() if self.pool.currentData() else None
        wizard.settings.setValue("import/duplicates", self.duplicates.currentData())
        wizard.settings.setValue("import/errors", self.errors.currentData())
        wizard.settings.setValue("import/month_first", not self.dates.currentData())
        return True
