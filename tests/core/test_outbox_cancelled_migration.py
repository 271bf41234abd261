"""Migration 0021 on an older database (a file, or a team database on a server): a message
cancelled before it (stored as failed, "Not sent: …") becomes cancelled, a real failure stays
failed; a downgrade makes cancelled ones failed again with their reason, and the old status
check is back."""

from __future__ import annotations

import sqlite3
from datetime import UTC
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from talentdesk.core.db.enums import OutboxStatus
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.templates import Template
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.core.downgraded import run_below
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

SET = "UPDATE outbox_message SET status = 'failed', error = '{error}' WHERE to_address = '{to}'"
STATUSES = "SELECT to_address, status, error FROM outbox_message ORDER BY to_address"


def _schema(path: Path) -> dict[str, str]:
    """outbox_message's definition, its indexes and every trigger, as SQLite stores them."""
    con = sqlite3.connect(path)
    try:
        return dict(
            con.execute(
                "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'outbox_message'"
                " OR type = 'trigger'"
            ).fetchall()
        )
    finally:
        con.close()


def test_cancelled_before_becomes_cancelled_and_a_downgrade_restores_it(
    ws: Workspace, account: MailAccount
) -> None:
    paths, clock = ws.paths, ws.clock
    ids = [
        ws.candidates.create(CandidateRecord(n, "Test", f"{n.lower()}@example.com"))
        for n in ("Ola", "Jan", "Ewa")
    ]
    outbox = ws.outbox()
    outbox.queue(outbox.plan(Template("t", "Hi {{ first_name }}", "Hello"), ids, account))
    ws.close()
    head_schema = _schema(paths.database) if paths.database_url is None else {}
    run_below(
        paths,
        "0021",
        SET.format(error="Not sent: consent withdrawn", to="ola@example.com"),
        SET.format(error="550 No such mailbox", to="jan@example.com"),
    )

    again = Workspace.open(paths, clock, tz=UTC)  # upgrades to the head
    try:
        shown = {
            e.to_address: (e.status, e.error, e.shown_status) for e in again.outbox().entries()
        }
    finally:
        again.close()
    assert shown == {
        "ola@example.com": (OutboxStatus.CANCELLED, "Not sent: consent withdrawn", "cancelled"),
        "jan@example.com": (OutboxStatus.FAILED, "550 No such mailbox", "failed"),
        "ewa@example.com": (OutboxStatus.QUEUED, None, "queued"),
    }
    if paths.database_url is None:  # the same definition, indexes and triggers as before
        assert _schema(paths.database) == head_schema

    [rows] = run_below(paths, "0021", STATUSES)
    assert rows == [
        ("ewa@example.com", "queued", None),
        ("jan@example.com", "failed", "550 No such mailbox"),
        ("ola@example.com", "failed", "Not sent: consent withdrawn"),
    ]
    cancel = "UPDATE outbox_message SET status = 'cancelled' WHERE to_address = 'ewa@example.com'"
    with pytest.raises(IntegrityError, match="ck_outbox_message_status"):  # the old check
        run_below(paths, "0021", cancel)
