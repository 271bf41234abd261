"""`talentdesk mail queue` leaves out people who may not be e-mailed and says how many."""

from __future__ import annotations

from pathlib import Path

from talentdesk.core import settings
from talentdesk.core.db.enums import CandidateStatus, ConsentStatus, LegalBasis
from talentdesk.core.db.models_privacy import Consent
from talentdesk.core.mail.account import MAIL_ACCOUNT
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import session_outside
from tests.core.conftest import account_for
from tests.integration.test_cli_mail import _run, certificates, server  # noqa: F401
from tests.mail_server import Certificates, MailServer


def test_mail_queue_skips_do_not_contact_and_withdrawn_consent(
    data_dir: Path,
    server: MailServer,  # noqa: F811
    certificates: Certificates,  # noqa: F811
) -> None:
    ws = Workspace.open(AppPaths(data_dir))
    try:
        with session_outside(ws.paths.database) as session:
            settings.write(session, MAIL_ACCOUNT, account_for(server, certificates.ca_file))
        ws.candidates.create(CandidateRecord("Anna", "Nowak", "anna@example.com"))
        dnc = CandidateRecord("Bartek", "Nowak", "bartek@example.com")
        dnc.status = CandidateStatus.DO_NOT_CONTACT
        ws.candidates.create(dnc)
        celina = ws.candidates.create(CandidateRecord("Celina", "Nowak", "celina@example.com"))
        with session_outside(ws.paths.database) as session:
            session.add(
                Consent(
                    candidate_id=celina,
                    legal_basis=LegalBasis.CONSENT,
                    status=ConsentStatus.WITHDRAWN,
                )
            )
    finally:
        ws.close()

    queued = _run(data_dir, "mail", "queue", "--template", "Re-consent request", "--all")
    assert queued.returncode == 0, queued.stderr
    assert "skipped: Bartek Nowak: do not contact" in queued.stdout
    assert "skipped: Celina Nowak: consent withdrawn" in queued.stdout
    assert "2 not contacted: do not contact / consent withdrawn" in queued.stdout
    assert "queued 1 message(s), 2 skipped" in queued.stdout
