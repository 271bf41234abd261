"""Migration 0019 on an older database (a file, or a team database on a server): messages queued
before it are nobody's, so any desktop sends them, and the account set up before stays its
user's; a downgrade takes the column away."""

from __future__ import annotations

from datetime import UTC

from talentdesk.core import settings
from talentdesk.core.mail.account import MAIL_ACCOUNT, MailAccount
from talentdesk.core.mail.outbox import Sender
from talentdesk.core.mail.templates import Template
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.core.downgraded import columns_below
from tests.mail_server import MailServer
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)


def test_older_messages_are_nobodys_and_the_account_stays(
    ws: Workspace, account: MailAccount, password: str, smtp_server: MailServer
) -> None:
    paths, clock = ws.paths, ws.clock
    settings.AppSettings(ws.db.sessions).set(MAIL_ACCOUNT, account)
    ids = [
        ws.candidates.create(CandidateRecord(n, "Test", f"{n.lower()}@example.com"))
        for n in ("Ola", "Jan")
    ]
    outbox = ws.outbox()
    outbox.queue(outbox.plan(Template("t", "Hi {{ first_name }}", "Hello"), ids, account))
    ws.close()
    assert "queued_by_id" not in columns_below(paths, "0019", "outbox_message")

    again = Workspace.open(paths, clock, tz=UTC)  # upgrades to the head
    try:
        assert [e.queued_by for e in again.outbox().entries()] == [None, None]
        assert again.mail_accounts().get() == account  # now the first user's own
        assert Sender(again.outbox(), account, password, timeout=10).run().sent == 2
        assert len(smtp_server.mailbox.received) == 2
    finally:
        again.close()
