"""The import wizard asks for the legal basis of the file's people and records it for each."""

from __future__ import annotations

from PySide6.QtWidgets import QWizard

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.db.enums import ConsentPurpose, LegalBasis
from talentdesk.core.privacy.consent_state import ConsentState
from talentdesk.core.workspace import Workspace
from talentdesk.ui.main_window import MainWindow
from tests.ui.import_wizard_helpers import DATA, go_to_dry_run, open_wizard, wait_run


def test_the_wizard_records_the_chosen_basis(qtbot, window: MainWindow, ws: Workspace) -> None:
    wizard = open_wizard(window, DATA / "linkedin_connections.csv")
    wizard.next()
    wizard.next()
    consent = wizard.options_page.consent
    # The default: legitimate interest for the talent pool, the file as the source.
    assert consent.basis.currentData() == LegalBasis.LEGITIMATE_INTEREST.value
    assert consent.purpose.currentData() == ConsentPurpose.TALENT_POOL.value
    assert consent.source.text() == "linkedin_connections.csv"
    consent.basis.setCurrentIndex(consent.basis.findData(LegalBasis.CONSENT.value))
    consent.purpose.setCurrentIndex(consent.purpose.findData(ConsentPurpose.NEWSLETTER.value))
    go_to_dry_run(qtbot, wizard)
    assert "Each new person is kept on consent, for: newsletter." in (
        wizard.dry_run_page.status.text()
    )
    with qtbot.waitSignal(wizard.imported, timeout=20_000):
        wizard.next()
    wait_run(qtbot, wizard.import_page)

    ids = ws.listing.ids(ListQuery())
    assert len(ids) == 3
    for pid in ids:
        summary = ws.consent.summary(pid)
        assert summary.state is ConsentState.VALID
        assert summary.latest is not None
        assert (summary.latest.basis, summary.latest.purpose, summary.latest.source) == (
            LegalBasis.CONSENT,
            ConsentPurpose.NEWSLETTER,
            "linkedin_connections.csv",
        )
    wizard.button(QWizard.WizardButton.FinishButton).click()
    # The next import starts from the last choice.
    again = open_wizard(window, DATA / "google_contacts.csv")
    again.next()
    again.next()
    assert again.options_page.consent.basis.currentData() == LegalBasis.CONSENT.value
    assert again.options_page.consent.source.text() == "google_contacts.csv"
    again.reject()
