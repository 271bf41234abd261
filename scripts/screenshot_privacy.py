"""The privacy screenshots: a person's consent records, the reviewed erasure and the audit
log. The sample data has no consent records, so a history is recorded first (an operation of
the window, as a recruiter's would be)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QTimer

from talentdesk.core.db.enums import LegalBasis
from talentdesk.core.workspace import Workspace
from talentdesk.ui.main_window import MainWindow
from talentdesk.ui.privacy.erase_dialog import erase_candidates

SHOTS = ("consent.png", "erase.png", "audit-log.png")


def record_history(ws: Workspace, candidate_id: int) -> None:
    """Two years on legitimate interest from an import, then consent given in a reply."""
    now = ws.clock()
    ws.consent.record(
        candidate_id, LegalBasis.LEGITIMATE_INTEREST, source="LinkedIn export (kontakty.csv)",
        given_at=now - timedelta(days=700), notice_sent_at=now - timedelta(days=690),
    )  # fmt: skip
    ws.consent.renew(
        candidate_id, evidence="e-mail reply: “yes, keep me posted”",
        given_at=now - timedelta(days=340),
    )  # fmt: skip
    ws.consent.record(
        candidate_id, LegalBasis.CONSENT, evidence="call note", given_at=now - timedelta(days=3)
    )


def privacy_shots(window: MainWindow, out: Path, then: Callable[[], None]) -> None:
    """Record, open and grab each privacy view in turn, then call `then`."""
    pane = window.candidate_pane
    if pane.candidate_id is None:  # the list was read again (on a thread) meanwhile
        window.list_pane.table.selectRow(0)
    candidate_id = pane.candidate_id
    assert candidate_id is not None

    def consent() -> None:
        dialog = pane.consent_chip.open_dialog()
        assert dialog is not None
        dialog.resize(900, 420)
        QTimer.singleShot(400, lambda: consent_shot(dialog))

    def consent_shot(dialog: object) -> None:
        dialog.grab().save(str(out / "consent.png"))  # type: ignore[attr-defined]
        dialog.reject()  # type: ignore[attr-defined]
        erase = erase_candidates(window, [candidate_id])
        assert erase is not None
        QTimer.singleShot(400, lambda: erase_shot(erase))

    def erase_shot(dialog: object) -> None:
        dialog.grab().save(str(out / "erase.png"))  # type: ignore[attr-defined]
        dialog.reject()  # type: ignore[attr-defined]
        audit = window.privacy_ui.open_audit_log()
        audit.resize(760, 360)
        QTimer.singleShot(400, lambda: audit_shot(audit))

    def audit_shot(dialog: object) -> None:
        dialog.grab().save(str(out / "audit-log.png"))  # type: ignore[attr-defined]
        dialog.close()  # type: ignore[attr-defined]
        then()

    window.events.ops.run(
        "Consent history",
        lambda: record_history(window.ws, candidate_id),
        success=lambda _recorded: consent(),
    )
