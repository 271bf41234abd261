"""The import wizard's legal basis for the file's people: basis, purpose and source (the file's
name unless typed over). Each imported person gets a consent record on it (csvio/consent_rows)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit

from talentdesk.core.csvio.options import ImportConsent
from talentdesk.core.db.enums import ConsentPurpose, LegalBasis
from talentdesk.core.privacy.consent import BASIS_WORDS, PURPOSE_WORDS

# A vacancy as the purpose needs the vacancy: recorded on the profile, not for a whole file.
PURPOSES = (ConsentPurpose.TALENT_POOL, ConsentPurpose.NEWSLETTER)


class ConsentFields:
    def __init__(self) -> None:
        self.basis = QComboBox()
        self.basis.setObjectName("importBasis")
        for basis, words in BASIS_WORDS.items():
            self.basis.addItem(words, basis.value)
        self.basis.setToolTip(
            "Why you may keep these people's data. People found by you (a fair, LinkedIn) are "
            "usually kept on legitimate interest; they must get an information notice."
        )
        self.purpose = QComboBox()
        self.purpose.setObjectName("importPurpose")
        for purpose in PURPOSES:
            self.purpose.addItem(PURPOSE_WORDS[purpose], purpose.value)
        self.source = QLineEdit()
        self.source.setObjectName("importSource")
        self.source.setMaxLength(200)
        self._typed = False
        self.source.textEdited.connect(self._source_typed)

    def add_rows(self, form: QFormLayout) -> None:
        form.addRow("&Legal basis", self.basis)
        form.addRow("… for the p&urpose", self.purpose)
        form.addRow("… with the s&ource", self.source)
        note = QLabel("Everyone imported gets a consent record on this basis.")
        note.setStyleSheet("color: #6b7280;")
        form.addRow(note)

    def _source_typed(self) -> None:
        self._typed = True

    def load(self, settings: QSettings, source: str, first: bool) -> None:
        """The first time: the last choices (default: legitimate interest, talent pool).
        Every time: the file's name as the source, unless typed over."""
        if not self._typed:
            self.source.setText(source)
        if not first:
            return
        basis = settings.value("import/basis", LegalBasis.LEGITIMATE_INTEREST.value)
        self.basis.setCurrentIndex(max(0, self.basis.findData(basis)))
        purpose = settings.value("import/purpose", ConsentPurpose.TALENT_POOL.value)
        self.purpose.setCurrentIndex(max(0, self.purpose.findData(purpose)))

    def consent(self, settings: QSettings) -> ImportConsent:
        """The choice, remembered for the next import."""
        settings.setValue("import/basis", self.basis.currentData())
        settings.setValue("import/purpose", self.purpose.currentData())
        return ImportConsent(
            LegalBasis(self.basis.currentData()),
            ConsentPurpose(self.purpose.currentData()),
            source=self.source.text().strip() or None,
        )


def consent_words(consent: ImportConsent | None) -> str:
    """What the check page says the import records ("" when it records none)."""
    if consent is None:
        return ""
    basis = BASIS_WORDS[consent.basis].lower()
    return f"Each new person is kept on {basis}, for: {PURPOSE_WORDS[consent.purpose].lower()}. "
