"""Whose a message is (issue 18, "a message is sent from the account of the recruiter who queued
it"), on a SQLite file and on a team database: each queued message records its recruiter, a
desktop sends only its own user's messages and nobody's, the sent e-mail's timeline entry is the
recruiter's, and each user's SMTP account is their own (a single user's stays where it was)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import text

from talentdesk.core import settings
from talentdesk.core.db.enums import OutboxStatus
from talentdesk.core.mail.account import MAIL_ACCOUNT, MailAccount
from talentdesk.core.mail.outbox import Sender
from talentdesk.core.mail.templates import Template
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.conftest import written_outside
from tests.mail_server import MailServer
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

TEMPLATE = Template("Hello", "News for {{ first_name }}", "Hello {{ first_name }},\n\nAnna")


def _queue(ws: Workspace, account: MailAccount, *names: str) -> list[int]:
    ids = [
        ws.candidates.create(CandidateRecord(name, "Test", f"{name.lower()}@example.com"))
        for name in names
    ]
    outbox = ws.outbox()
    assert outbox.queue(outbox.plan(TEMPLATE, ids, account)) == len(names)
    return ids


def _queued_by(ws: Workspace, message_id: int, user_id: int | None) -> None:
    with written_outside(ws.paths.database) as db:
        db.execute(
            text("UPDATE outbox_message SET queued_by_id = :u WHERE id = :id"),
            {"u": user_id, "id": message_id},
        )


def test_a_message_is_its_recruiters_and_so_is_its_timeline_entry(
    ws: Workspace, account: MailAccount, password: str, smtp_server: MailServer
) -> None:
    me = ws.users.current()
    [ola] = _queue(ws, account, "Ola")
    [entry] = ws.outbox().entries()
    assert entry.queued_by == me.name
    report = Sender(ws.outbox(), account, password, timeout=10).run()
    assert report.sent == 1
    assert [e.subject for e in ws.interactions.timeline(ola)] == ["News for Ola"]
    with written_outside(ws.paths.database) as db:
        author = db.execute(text("SELECT created_by_id FROM interaction")).scalar_one()
    assert author == me.id


def test_a_desktop_sends_its_own_users_messages_and_nobodys_not_a_colleagues(
    ws: Workspace, account: MailAccount, password: str, smtp_server: MailServer
) -> None:
    bob = ws.users.find_or_add("Bob")
    _queue(ws, account, "Mine", "Bobs", "Nobodys")
    by_address = {e.to_address: e for e in ws.outbox().entries()}
    _queued_by(ws, by_address["bobs@example.com"].id, bob)
    _queued_by(ws, by_address["nobodys@example.com"].id, None)  # older than team mode
    outbox = ws.outbox()
    assert outbox.due_count("this desktop") == 2 and outbox.due_count() == 3
    report = Sender(outbox, account, password, timeout=10).run()
    assert report.sent == 2
    delivered = sorted(a for r in smtp_server.mailbox.received for a in r.rcpt_tos)
    assert delivered == ["mine@example.com", "nobodys@example.com"]
    statuses = {e.to_address: (e.status, e.queued_by) for e in ws.outbox().entries()}
    assert statuses["bobs@example.com"] == (OutboxStatus.QUEUED, "Bob")  # Bob's desktop sends it
    assert statuses["nobodys@example.com"] == (OutboxStatus.SENT, None)
    # Bob's message due now does not keep this desktop retrying: nothing of its own is queued.
    assert ws.outbox().next_retry_at() is None


def test_send_again_sends_it_from_the_account_of_who_pressed_it(
    ws: Workspace, account: MailAccount, password: str, smtp_server: MailServer
) -> None:
    """Bob's message failed while he is away; I press Send again: it is mine now, my desktop
    sends it at once (not left waiting for Bob's), and its timeline entry is mine."""
    me = ws.users.current()
    bob = ws.users.find_or_add("Bob")
    [ola] = _queue(ws, account, "Ola")
    [entry] = ws.outbox().entries()
    with written_outside(ws.paths.database) as db:
        db.execute(
            text(
                "UPDATE outbox_message SET queued_by_id = :bob, status = 'failed',"
                " error = 'mailbox full' WHERE id = :id"
            ),
            {"bob": bob, "id": entry.id},
        )
    assert [(e.status, e.queued_by) for e in ws.outbox().entries()] == [
        (OutboxStatus.FAILED, "Bob")
    ]
    ws.outbox().send_again(entry.id)
    [again] = ws.outbox().entries()
    assert (again.status, again.queued_by, again.error) == (OutboxStatus.QUEUED, me.name, None)
    assert ws.outbox().due_count("this desktop") == 1
    report = Sender(ws.outbox(), account, password, timeout=10).run()
    assert report.sent == 1
    assert [a for r in smtp_server.mailbox.received for a in r.rcpt_tos] == ["ola@example.com"]
    assert [e.subject for e in ws.interactions.timeline(ola)] == ["News for Ola"]
    with written_outside(ws.paths.database) as db:
        author = db.execute(text("SELECT created_by_id FROM interaction")).scalar_one()
    assert author == me.id


def test_a_single_users_account_stays_the_mail_account_setting(
    ws: Workspace, account: MailAccount
) -> None:
    accounts = ws.mail_accounts()
    assert accounts.get() is None
    settings.AppSettings(ws.db.sessions).set(MAIL_ACCOUNT, account)  # saved before team mode
    assert accounts.get() == account
    moved = replace(account, sender_name="Anna K.")
    accounts.set(moved)
    assert settings.AppSettings(ws.db.sessions).get(MAIL_ACCOUNT) == moved
    with written_outside(ws.paths.database) as db:
        keys = db.execute(text("SELECT key FROM app_setting WHERE key LIKE 'mail%'")).scalars()
        stored = db.execute(text("SELECT value FROM app_setting WHERE key = 'mail_account'"))
        assert list(keys) == ["mail_account"]
        assert "password" not in str(stored.scalar_one()).lower()


def test_another_users_account_is_their_own(ws: Workspace, account: MailAccount) -> None:
    accounts = ws.mail_accounts()
    accounts.set(account)
    first = ws.db.sessions.user_id
    ws.db.sessions.user_id = ws.users.find_or_add("Bob")  # as Bob's desktop writes
    try:
        assert accounts.get() is None  # Bob has not set his up: not Anna's
        bobs = replace(account, sender_address="bob@example.com")
        accounts.set(bobs)
        assert accounts.get() == bobs
    finally:
        ws.db.sessions.user_id = first
    assert accounts.get() == account
