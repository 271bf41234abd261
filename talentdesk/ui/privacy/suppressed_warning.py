"""Adding by hand someone who was erased: their e-mail, LinkedIn URL or phone matches a
suppression entry. The window says so and lets the user cancel or go on (someone who asked to
be erased may apply again); going on is noted in the audit log, without personal data."""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.ui.formatting import format_date

TITLE = "This person was erased"


class Answer(Enum):
    NOT_ERASED = "not erased"  # nothing matched: save as usual
    GO_ON = "go on"  # save, and note the override in the audit log
    CANCEL = "cancel"


def ask_before_adding(parent: QWidget, ws: Workspace, record: CandidateRecord) -> Answer:
    erased = ws.erasure.erased_on(
        [record.email, *record.other_emails], record.linkedin_url, record.phone, record.country
    )
    if erased is None:
        return Answer.NOT_ERASED
    box = QMessageBox(QMessageBox.Icon.Warning, TITLE, "", parent=parent)
    box.setObjectName("suppressedWarning")
    box.setText(
        f"This person was erased on {format_date(erased)} at their request: their e-mail "
        "address, LinkedIn URL or phone number matches what was kept so that they would not "
        "be added again.\n\nAdd them anyway only if they asked to be (for example, they "
        "applied again). Going on is noted in the audit log."
    )
    go_on = box.addButton("Add anyway", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return Answer.GO_ON if box.clickedButton() is go_on else Answer.CANCEL
