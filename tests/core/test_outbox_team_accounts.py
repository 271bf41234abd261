"""Each message leaves from the account of the recruiter who queued it (issue 18, "mail once"):
two recruiters, each on their own desktop with their own SMTP account (two logins on the real
test server), send from the one outbox of a team database at the same time; every message
arrives once, from its queuer's account, and its timeline entry is theirs."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest

from talentdesk.core.db.enums import OutboxStatus
from talentdesk.core.db.server import make_server_engine
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.outbox import Sender, SendReport
from talentdesk.core.mail.templates import Template
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import TravelClock
from tests.core.conftest import account_for
from tests.mail_server import (
    PASSWORD,
    SECOND_PASSWORD,
    SECOND_USER,
    USER,
    Certificates,
    MailServer,
)

TEMPLATE = Template("Hello", "News for {{ first_name }}", "Hello {{ first_name }}")
PASSWORDS = {USER: PASSWORD, SECOND_USER: SECOND_PASSWORD}


@pytest.fixture
def recruiters(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Workspace, Workspace]]:
    """Anna's and Bob's desktops on one team database, each writing as its recruiter."""
    clock = TravelClock()
    opened: list[Workspace] = []
    for name in ("Anna", "Bob"):
        monkeypatch.setenv("TALENTDESK_USER", name)
        ws = Workspace.open(AppPaths(tmp_path / name).with_database_url(pg_url), clock, tz=UTC)
        _ = ws.db  # the user is found as the write side loads
        opened.append(ws)
    yield opened[0], opened[1]
    for ws in opened:
        ws.close()


def _own_account(
    ws: Workspace, server: MailServer, certificates: Certificates, login: str
) -> MailAccount:
    name = ws.users.current().name
    account = account_for(
        server,
        certificates.ca_file,
        username=login,
        sender_address=f"{name.lower()}@agency.example",
        sender_name=name,
    )
    ws.mail_accounts().set(account)
    return account


def _queue(ws: Workspace, prefix: str, n: int) -> list[str]:
    ids = [
        ws.candidates.create(CandidateRecord(f"{prefix}{i}", "Test", f"{prefix}{i}@example.com"))
        for i in range(n)
    ]
    account = ws.mail_accounts().get()  # the recruiter's own, as the compose window uses
    assert account is not None
    outbox = ws.outbox()
    outbox.queue(outbox.plan(TEMPLATE, ids, account))
    return [f"{prefix}{i}@example.com" for i in range(n)]


def _send(ws: Workspace) -> SendReport:
    account = ws.mail_accounts().get()
    assert account is not None
    return Sender(ws.outbox(), account, PASSWORDS[account.username], timeout=10).run()


def test_each_recruiters_messages_leave_once_from_their_own_account(
    recruiters: tuple[Workspace, Workspace],
    pg_url: str,
    smtp_server: MailServer,
    certificates: Certificates,
) -> None:
    anna, bob = recruiters
    _own_account(anna, smtp_server, certificates, USER)
    _own_account(bob, smtp_server, certificates, SECOND_USER)
    assert anna.mail_accounts().get() != bob.mail_accounts().get()
    annas = _queue(anna, "anna", 12)
    bobs = _queue(bob, "bob", 12)
    [unowned] = _queue(anna, "old", 1)
    server = make_server_engine(pg_url)  # as another program writes
    with server.begin() as db:  # queued before team mode: nobody's
        db.exec_driver_sql(
            "UPDATE outbox_message SET queued_by_id = NULL WHERE to_address = %s", (unowned,)
        )
    assert {e.queued_by for e in bob.outbox().entries()} == {"Anna", "Bob", None}

    reports: dict[str, SendReport] = {}
    errors: list[BaseException] = []

    def send(ws: Workspace) -> None:
        try:
            reports[ws.users.current().name] = _send(ws)
        except BaseException as exc:  # handed to the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=send, args=(ws,)) for ws in recruiters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors

    received = smtp_server.mailbox.received
    assert Counter(a for r in received for a in r.rcpt_tos) == Counter([*annas, *bobs, unowned])
    sent_from = {r.rcpt_tos[0]: (r.login, r.mail_from) for r in received}
    assert {sent_from[a] for a in annas} == {(USER, "anna@agency.example")}
    assert {sent_from[a] for a in bobs} == {(SECOND_USER, "bob@agency.example")}
    assert reports["Anna"].sent + reports["Bob"].sent == 25
    assert reports["Anna"].sent >= 12 and reports["Bob"].sent >= 12
    assert anna.outbox().counts()[OutboxStatus.SENT] == 25
    with server.begin() as db:
        by: dict[str, str | None] = dict(
            db.exec_driver_sql(
                "SELECT i.subject, u.name FROM interaction i"
                " LEFT JOIN app_user u ON u.id = i.created_by_id"
            ).all()
        )
    server.dispose()
    assert len(by) == 25
    assert by["News for anna0"] == "Anna" and by["News for bob0"] == "Bob"
    assert by["News for old0"] is None  # nobody queued it: nobody's entry


def test_a_colleagues_desktop_leaves_my_messages_for_mine(
    recruiters: tuple[Workspace, Workspace],
    smtp_server: MailServer,
    certificates: Certificates,
) -> None:
    anna, bob = recruiters
    _own_account(anna, smtp_server, certificates, USER)
    _own_account(bob, smtp_server, certificates, SECOND_USER)
    annas = _queue(anna, "anna", 3)
    assert _send(bob).sent == 0  # Anna is away: her messages wait for her desktop
    assert bob.outbox().next_retry_at() is None
    assert anna.outbox().counts()[OutboxStatus.QUEUED] == 3
    assert _send(anna).sent == 3
    assert sorted(a for r in smtp_server.mailbox.received for a in r.rcpt_tos) == sorted(annas)
    assert {r.login for r in smtp_server.mailbox.received} == {USER}


def test_send_again_by_a_colleague_leaves_from_the_colleagues_account(
    recruiters: tuple[Workspace, Workspace],
    pg_url: str,
    smtp_server: MailServer,
    certificates: Certificates,
) -> None:
    """Anna's message failed and Anna is away: Bob presses Send again; his desktop sends it from
    his own account at once instead of leaving it queued for Anna's."""
    anna, bob = recruiters
    _own_account(anna, smtp_server, certificates, USER)
    _own_account(bob, smtp_server, certificates, SECOND_USER)
    [address] = _queue(anna, "anna", 1)
    server = make_server_engine(pg_url)
    with server.begin() as db:
        db.exec_driver_sql("UPDATE outbox_message SET status = 'failed', error = 'timed out'")
    [failed] = bob.outbox().entries()
    assert (failed.status, failed.queued_by) == (OutboxStatus.FAILED, "Anna")
    bob.outbox().send_again(failed.id)
    assert [e.queued_by for e in anna.outbox().entries()] == ["Bob"]
    assert _send(anna).sent == 0  # Bob's now: not sent from Anna's account behind his back
    assert _send(bob).sent == 1
    [received] = smtp_server.mailbox.received
    assert (received.rcpt_tos, received.login, received.mail_from) == (
        [address],
        SECOND_USER,
        "bob@agency.example",
    )
    with server.begin() as db:
        author = db.exec_driver_sql(
            "SELECT u.name FROM interaction i JOIN app_user u ON u.id = i.created_by_id"
        ).scalar_one()
    server.dispose()
    assert author == "Bob"
