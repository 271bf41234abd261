"""People with consent records for the privacy tests, written as another program would (the
consent service is not what these tests are about)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import text

from talentdesk.core.db.datetimes import from_db, to_db
from talentdesk.core.db.enums import ConsentStatus, LegalBasis
from talentdesk.core.db.models_privacy import Consent
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.conftest import session_outside, written_outside


def person(ws: Workspace, first: str, email: str | None = None, **fields: Any) -> int:
    address = email if email is not None else f"{first.lower()}@example.com"
    return ws.candidates.create(CandidateRecord(first, "Nowak", address, **fields))


def consent(
    ws: Workspace,
    candidate_id: int,
    status: ConsentStatus,
    basis: LegalBasis = LegalBasis.CONSENT,
    expires_at: datetime | None = None,
    notice_sent_at: datetime | None = None,
) -> None:
    with session_outside(ws.paths.database) as session:
        session.add(
            Consent(
                candidate_id=candidate_id,
                legal_basis=basis,
                status=status,
                expires_at=expires_at,
                notice_sent_at=notice_sent_at,
            )
        )


def withdraw(ws: Workspace, candidate_id: int) -> None:
    """What the consent service's withdrawal writes: a newest record, withdrawn."""
    consent(ws, candidate_id, ConsentStatus.WITHDRAWN)


def open_reminders(ws: Workspace, origin: str) -> list[tuple[int, str, str, str]]:
    """(candidate, kind, due, reason) of the open reminders TalentDesk made for `origin`."""
    sql = (
        "SELECT candidate_id, kind, due_at, reason FROM reminder"
        " WHERE origin = :origin AND done_at IS NULL ORDER BY candidate_id"
    )
    if not ws.on_server:
        return ws.reader.execute(sql, {"origin": origin}).fetchall()
    with written_outside(ws.paths.database) as connection:  # due as the local file's text
        rows = connection.execute(text(sql), {"origin": origin}).all()
    return [(cid, kind, to_db(from_db(due)), why) for cid, kind, due, why in rows]
