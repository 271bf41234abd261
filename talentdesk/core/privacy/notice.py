"""The information notice (GDPR Art. 14): sending the template marked as the notice (the
setting `notice_template`, "Information notice" by default) records when it was sent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, text

from talentdesk.core import settings
from talentdesk.core.db.datetimes import to_db
from talentdesk.core.db.enums import ReminderOrigin
from talentdesk.core.reminders import generated


def is_notice(connection: Connection, template_name: str | None) -> bool:
    if not template_name:
        return False
    marked = settings.read(connection, settings.NOTICE_TEMPLATE)
    return template_name.strip().casefold() == marked.strip().casefold()


def mark_sent_in(connection: Connection, candidate_id: int, now: datetime) -> None:
    """Their latest consent record notes the notice (kept when already noted); without a
    record, a pending one on legitimate interest holds it (pending reads as "none", as no
    record does). Their notice reminder goes."""
    run = connection.execute
    latest = run(
        text("SELECT max(id) FROM consent WHERE candidate_id = :c"), {"c": candidate_id}
    ).scalar()
    if latest is None:
        run(
            text(
                "INSERT INTO consent (candidate_id, legal_basis, status, purpose, source,"
                " notice_sent_at, created_at) VALUES (:c, 'legitimate_interest', 'pending',"
                " 'talent_pool', 'information notice', :now, :now)"
            ),
            {"c": candidate_id, "now": to_db(now)},
        )
    else:
        run(
            text(
                "UPDATE consent SET notice_sent_at = :now WHERE id = :id AND notice_sent_at IS NULL"
            ),
            {"id": latest, "now": to_db(now)},
        )
    generated.refresh_in(
        connection, now, None, candidate_ids=[candidate_id], origins=[ReminderOrigin.NOTICE]
    )
