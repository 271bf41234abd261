"""The retention policy's group box: months after the last contact per legal basis, and
months after a rejection (0: no limit). Kept in a module of its own so a Privacy settings
dialog can hold it as well as the small dialog beside it."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QSpinBox, QWidget

from talentdesk.core.privacy.retention_policy import (
    AFTER_CONTACT,
    MAX_MONTHS,
    RetentionPolicy,
    basis_label,
)


def _months_box(name: str) -> QSpinBox:
    box = QSpinBox()
    box.setObjectName(name)
    box.setRange(0, MAX_MONTHS)
    box.setSuffix(" months")
    box.setSpecialValueText("no limit")  # shown for 0
    return box


class RetentionGroup(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Retention", parent)
        form = QFormLayout(self)
        intro = QLabel(
            "When someone is due for deletion: months after the last contact (never "
            "contacted: after they were added), by the legal basis of their latest consent "
            "record. The French CNIL suggests 24 months for a talent pool; German practice "
            "keeps rejected applicants about 6 months."
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        self.after_contact = {basis: _months_box(f"retention_{basis}") for basis in AFTER_CONTACT}
        for basis, box in self.after_contact.items():
            form.addRow(f"{basis_label(basis)}:", box)
        self.after_rejection = _months_box("retention_after_rejection")
        self.after_rejection.setToolTip(
            "People whose application or pool stage is rejected or declined, with nothing in "
            "progress and no consent of their own to be kept"
        )
        form.addRow("After a rejection:", self.after_rejection)

    def set_policy(self, policy: RetentionPolicy) -> None:
        for basis, box in self.after_contact.items():
            box.setValue(policy.after_contact.get(basis, 0))
        self.after_rejection.setValue(policy.after_rejection)

    def policy(self) -> RetentionPolicy:
        return RetentionPolicy(
            {basis: box.value() for basis, box in self.after_contact.items()},
            self.after_rejection.value(),
        )
