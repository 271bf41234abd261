"""Migration 0008 on a database that already has mail: what the outbox sent gets its
Message-ID on the timeline (so a copy read back from Sent is not added twice), a logged reply
marks its message replied."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import text

from talentdesk.core.db.engine import make_engine, set_foreign_keys
from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.db.migrate import downgrade, upgrade
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import TravelClock, written_outside


def _to(path: Path, target: str) -> None:
    engine = make_engine(path)
    with engine.connect() as conn:
        set_foreign_keys(conn, False)
        with conn.begin():
            if target == "0007":
                downgrade(conn, target)
            else:
                upgrade(conn, target)
    engine.dispose()


def test_existing_mail_is_brought_up_to_0008(paths: AppPaths, clock: TravelClock) -> None:
    ws = Workspace.open(paths, clock)
    anna = ws.candidates.create(CandidateRecord("Anna", "Nowak", "anna@example.com"))
    sent = ws.interactions.log(anna, InteractionKind.EMAIL_OUT, clock(), "Java role")
    replied_at = clock() + timedelta(hours=3)
    reply = ws.interactions.log(anna, InteractionKind.EMAIL_IN, replied_at, "Re: Java role")
    ws.close()
    _to(paths.database, "0007")
    with written_outside(paths.database) as connection:
        connection.execute(
            text(
                "INSERT INTO outbox_message (candidate_id, is_feedback, to_name, to_address,"
                " subject, body_text, status, attempts, next_attempt_at, message_id,"
                " created_at, sent_at, interaction_id, reply_interaction_id) VALUES"
                " (:c, 0, 'Anna', 'anna@example.com', 'Java role', 'Hi', 'sent', 1, :t,"
                " '<s1@agency.test>', :t, :t, :sent, :reply)"
            ),
            {"c": anna, "t": clock().replace(tzinfo=None), "sent": sent, "reply": reply},
        )
    _to(paths.database, "head")
    ws = Workspace.open(paths, clock)
    try:
        assert ws.reader.execute(
            "SELECT message_id FROM interaction WHERE id = ?", (sent,)
        ).fetchone() == ("<s1@agency.test>",)
        with ws.db.sessions() as session:
            from talentdesk.core.db.models import OutboxMessage

            message = session.query(OutboxMessage).one()
            assert message.replied_at == replied_at
    finally:
        ws.close()
