"""Migration 0019 on an older database (a file, or a team database on a server): messages queued
before it are nobody's, so any desktop sends them, and the account set up before stays its
user's; a downgrade takes the column away."""

from __future__ import annotations

from datetime import UTC

from sqlalchemy import Engine, inspect

from talentdesk.core import settings
from talentdesk.core.db.engine import make_engine, set_foreign_keys
from talentdesk.core.db.migrate import downgrade
from talentdesk.core.db.server import make_server_engine
from talentdesk.core.mail.account import MAIL_ACCOUNT, MailAccount
from talentdesk.core.mail.outbox import Sender
from talentdesk.core.mail.templates import Template
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.mail_server import MailServer
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)


def _engine(paths: AppPaths) -> Engine:
    url = paths.database_url
    return make_engine(paths.database) if url is None else make_server_engine(url)


def _before_0019(paths: AppPaths) -> list[str]:
    """Downgrade below 0019 (wherever the chain puts it); the outbox table's columns."""
    engine = _engine(paths)
    try:
        with engine.connect() as conn:
            if paths.database_url is None:
                set_foreign_keys(conn, False)
            with conn.begin():
                downgrade(conn, "0019-1")
            return [c["name"] for c in inspect(conn).get_columns("outbox_message")]
    finally:
        engine.dispose()


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
    assert "queued_by_id" not in _before_0019(paths)

    again = Workspace.open(paths, clock, tz=UTC)  # upgrades to the head
    try:
        assert [e.queued_by for e in again.outbox().entries()] == [None, None]
        assert again.mail_accounts().get() == account  # now the first user's own
        assert Sender(again.outbox(), account, password, timeout=10).run().sent == 2
        assert len(smtp_server.mailbox.received) == 2
    finally:
        again.close()
