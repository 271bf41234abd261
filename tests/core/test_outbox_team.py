"""Mail once on a team database (issue 18): two desktops sending from the same outbox on one
PostgreSQL server never send a message twice, counted at a real SMTP server; a desktop that
died leaves its claims to the others once they are stale, by the server's clock (desktop
clocks may disagree)."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

import psycopg

from talentdesk.core.db.enums import OutboxStatus
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.outbox import Outbox, Progress, Sender, SendReport
from talentdesk.core.mail.outbox.claims import CLAIM_BATCH, STALE_AFTER
from talentdesk.core.mail.templates import Template
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock
from tests.mail_server import MailServer
from tests.team_fixtures import two_desktops  # noqa: F401  (`desktops`: two on one database)

TEMPLATE = Template("Hello", "News for {{ first_name }}", "Hello {{ first_name }},\n\nAnna")


def _queue(ws: Workspace, account: MailAccount, n: int) -> list[str]:
    ids = [
        ws.candidates.create(CandidateRecord(f"Person{i}", "Test", f"person{i}@example.com"))
        for i in range(n)
    ]
    outbox = ws.outbox()
    outbox.queue(outbox.plan(TEMPLATE, ids, account))
    return [f"person{i}@example.com" for i in range(n)]


def _delivered(server: MailServer) -> Counter[str]:
    return Counter(a for r in server.mailbox.received for a in r.rcpt_tos)


def test_two_desktops_sending_at_once_deliver_each_message_once(
    desktops: tuple[Workspace, Workspace],
    account: MailAccount,
    password: str,
    smtp_server: MailServer,
) -> None:
    first, second = desktops
    addresses = _queue(first, account, 3 * CLAIM_BATCH)
    # The first desktop holds on after its first message until the second has sent one: both
    # are sending from the outbox at the same time, whatever the threads' timing.
    second_sent = threading.Event()
    waited: list[bool] = []

    def hold_on(done: int, _total: int) -> None:
        if done == 1:
            waited.append(second_sent.wait(60))

    def tell(done: int, _total: int) -> None:
        if done >= 1:
            second_sent.set()

    reports: dict[str, SendReport] = {}
    errors: list[BaseException] = []

    def send(name: str, ws: Workspace, progress: Progress) -> None:
        try:
            sender = Sender(Outbox(ws.db.sessions, ws.clock), account, password, timeout=10)
            reports[name] = sender.run(progress)
        except BaseException as exc:  # handed to the test's thread
            errors.append(exc)
            second_sent.set()

    threads = [
        threading.Thread(target=send, args=("first", first, hold_on)),
        threading.Thread(target=send, args=("second", second, tell)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    assert waited == [True]
    assert reports["first"].sent >= 1 and reports["second"].sent >= 1
    assert reports["first"].sent + reports["second"].sent == len(addresses)
    assert _delivered(smtp_server) == Counter(addresses)  # each one, exactly once
    counts = first.outbox().counts()
    assert counts[OutboxStatus.SENT] == len(addresses)
    assert counts[OutboxStatus.QUEUED] == counts[OutboxStatus.UNKNOWN] == 0


def _server_clock_passes(pg_url: str, by: timedelta) -> None:
    """Claims age on the server as if its clock had moved on by `by`."""
    with psycopg.connect(pg_url.replace("+psycopg", ""), autocommit=True) as connection:
        connection.execute(
            "UPDATE outbox_message SET claimed_at = claimed_at - %s WHERE claimed_at IS NOT NULL",
            [by],
        )


def test_a_dead_desktops_claims_are_taken_over_once_stale(
    desktops: tuple[Workspace, Workspace],
    clock: TravelClock,
    pg_url: str,
    account: MailAccount,
    password: str,
    smtp_server: MailServer,
) -> None:
    first, second = desktops
    addresses = _queue(first, account, CLAIM_BATCH + 2)
    # The first desktop reserves a batch, marks one "sending", and dies before handing it over.
    in_flight = first.outbox()._claim_next(account, "a desktop that died")
    assert in_flight is not None
    seen: list[tuple[int, int]] = []
    report = Sender(second.outbox(), account, password, timeout=10).run(
        lambda done, total: seen.append((done, total))
    )
    assert (report.sent, report.unknown_before) == (2, 0)  # only what nobody had claimed
    assert seen[-1] == (2, 2)
    # A desktop whose clock runs ahead does not find them stale: the server's clock decides.
    clock.advance(seconds=STALE_AFTER.total_seconds() + 60)
    report = Sender(second.outbox(), account, password, timeout=10).run()
    assert (report.sent, report.unknown_before) == (0, 0)
    _server_clock_passes(pg_url, STALE_AFTER + timedelta(minutes=1))
    report = Sender(second.outbox(), account, password, timeout=10).run()
    assert (report.sent, report.unknown_before) == (CLAIM_BATCH - 1, 1)
    [unknown] = second.outbox().entries([OutboxStatus.UNKNOWN])
    assert unknown.id == in_flight.id  # maybe delivered: never resent on its own
    expected = Counter(a for a in addresses if a != in_flight.to_address)
    assert _delivered(smtp_server) == expected


def test_a_message_sent_again_is_for_any_desktop_at_once(
    desktops: tuple[Workspace, Workspace],
    account: MailAccount,
    password: str,
    smtp_server: MailServer,
) -> None:
    first, second = desktops
    addresses = _queue(first, account, 3)
    smtp_server.mailbox.refuse[addresses[1]] = "550 5.1.1 No such mailbox here"
    assert Sender(first.outbox(), account, password, timeout=10).run().failed == 1
    del smtp_server.mailbox.refuse[addresses[1]]
    [failed] = first.outbox().entries([OutboxStatus.FAILED])
    first.outbox().send_again(failed.id)  # the recruiter fixed the mailbox
    assert Sender(second.outbox(), account, password, timeout=10).run().sent == 1
    assert _delivered(smtp_server) == Counter(addresses)


def test_claims_are_stamped_with_the_servers_clock(
    desktops: tuple[Workspace, Workspace],
    clock: TravelClock,
    account: MailAccount,
    pg_url: str,
) -> None:
    first, _second = desktops
    _queue(first, account, 2)
    clock.advance(hours=5)  # this desktop's clock is hours off
    assert first.outbox()._claim_next(account, "a desktop") is not None
    with psycopg.connect(pg_url.replace("+psycopg", ""), autocommit=True) as connection:
        ages = connection.execute(
            "SELECT now() AT TIME ZONE 'UTC' - claimed_at FROM outbox_message"
            " WHERE claimed_by IS NOT NULL"
        ).fetchall()
    assert len(ages) == 2  # the batch, stamped by the server a moment ago
    assert all(timedelta(0) <= age < timedelta(minutes=1) for (age,) in ages)
