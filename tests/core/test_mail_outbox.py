"""The outbox against a real SMTP server: one personalised message per recipient, logged on the
timeline, each failure handled by kind, and never sent twice."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from talentdesk.core.db.enums import CandidateStatus, InteractionKind, OutboxStatus
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.outbox import Outbox, Sender, TemplateLibrary
from talentdesk.core.mail.smtp import FailureKind
from talentdesk.core.mail.templates import Template
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock, written_outside
from tests.mail_server import Certificates, MailServer
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

TEMPLATE = Template(
    "Pool update",
    "{{ first_name }}, news from {{ pool.name }}",
    "Cześć {{ first_name }},\n\nYou are at the {{ pool.stage }} stage of {{ pool.name }}.\n"
    "How is {{ company }}?\n\n{{ recruiter.name }}",
)


def _people(ws: Workspace) -> tuple[int, list[int]]:
    pool = ws.pools.create("Kraków Java")
    rows = [
        CandidateRecord("Łukasz", "Wiśniewski", "lukasz@example.com", company="Allegro"),
        CandidateRecord("Zofia", "Nowak", "zofia@example.com", company="Comarch"),
        CandidateRecord("Jan", "Kowalski", "jan@example.com", company="Onet"),
        CandidateRecord("No", "Mail", None, company="X"),
        CandidateRecord("Do", "Not", "dnc@example.com", company="Y"),
        CandidateRecord("No", "Company", "nocompany@example.com"),
    ]
    rows[4].status = CandidateStatus.DO_NOT_CONTACT
    ids = [ws.candidates.create(r) for r in rows]
    ws.pools.add_members(pool, ids)
    return pool, ids


def _minutes_pass(ws: Workspace, clock: TravelClock, minutes: int) -> None:
    """The desktop's clock moves on; on a team database, claims age as by the server's clock
    too, which is the one their staleness is told by (core/mail/outbox/claims.py)."""
    clock.advance(minutes=minutes)
    if ws.on_server:
        with written_outside(ws.paths.database) as connection:
            connection.exec_driver_sql(
                "UPDATE outbox_message SET claimed_at = claimed_at - %(by)s"
                " WHERE claimed_at IS NOT NULL",
                {"by": timedelta(minutes=minutes)},
            )


def _queue(ws: Workspace, account: MailAccount) -> tuple[Outbox, list[int]]:
    pool, ids = _people(ws)
    outbox = Outbox(ws.db.sessions, ws.clock)
    plan = outbox.plan(TEMPLATE, ids, account, pool_id=pool, with_html=True)
    outbox.queue(plan)
    return outbox, ids


def test_plan_lists_who_is_skipped_and_why(ws: Workspace, account: MailAccount) -> None:
    pool, ids = _people(ws)
    plan = Outbox(ws.db.sessions, ws.clock).plan(TEMPLATE, [*ids, ids[0]], account, pool_id=pool)
    assert [d.to_address for d in plan.drafts] == [
        "lukasz@example.com",
        "zofia@example.com",
        "jan@example.com",
    ]
    reasons = {s.name: s.reason for s in plan.skipped}
    assert reasons["No Mail"] == "no e-mail address"
    assert reasons["Do Not"] == "do not contact"
    assert "company" in reasons["No Company"]
    first = plan.drafts[0]
    assert first.subject == "Łukasz, news from Kraków Java"
    assert "at the Sourced stage" in first.text and "How is Allegro?" in first.text


def test_each_recipient_gets_their_own_message(
    ws: Workspace, account: MailAccount, password: str, smtp_server: MailServer
) -> None:
    outbox, ids = _queue(ws, account)
    seen: list[tuple[int, int]] = []
    report = Sender(outbox, account, password, timeout=5).run(lambda d, t: seen.append((d, t)))
    assert (report.sent, report.failed, report.retry_later) == (3, 0, 0)
    assert seen[-1] == (3, 3)
    got = smtp_server.mailbox.received
    assert [r.rcpt_tos for r in got] == [
        ["lukasz@example.com"],
        ["zofia@example.com"],
        ["jan@example.com"],
    ]
    message = got[0].message
    assert str(message["To"]) == "Łukasz Wiśniewski <lukasz@example.com>"
    assert message["From"].addresses[0].display_name == "Anna Żółkiewska"
    assert message["Subject"] == "Łukasz, news from Kraków Java"
    assert message["Date"] and message["Message-ID"]
    assert message["Cc"] is None and message["Bcc"] is None
    assert "Cześć Łukasz" in message.get_body(("plain",)).get_content()
    assert "<p>Cześć Łukasz,</p>" in message.get_body(("html",)).get_content()
    entries = {e.to_address: e for e in outbox.entries()}
    assert entries["lukasz@example.com"].status is OutboxStatus.SENT
    assert entries["lukasz@example.com"].message_id == message["Message-ID"]
    timeline = ws.interactions.timeline(ids[0])
    assert [(t.kind, t.subject) for t in timeline] == [
        (InteractionKind.EMAIL_OUT, "Łukasz, news from Kraków Java")
    ]
    assert ws.candidates.get(ids[0]).id == ids[0]
    assert ws.reader.execute(
        "SELECT last_contact_at IS NOT NULL FROM candidate WHERE id = ?", (ids[0],)
    ).fetchone() == (1,)


def test_a_refused_recipient_fails_with_the_servers_words_and_the_rest_go(
    ws: Workspace, account: MailAccount, password: str, smtp_server: MailServer
) -> None:
    smtp_server.mailbox.refuse["zofia@example.com"] = "550 5.1.1 No such mailbox here"
    outbox, _ = _queue(ws, account)
    report = Sender(outbox, account, password, timeout=5).run()
    assert (report.sent, report.failed) == (2, 1)
    failed = outbox.entries([OutboxStatus.FAILED])
    assert [e.to_address for e in failed] == ["zofia@example.com"]
    assert "550 5.1.1 No such mailbox here" in (failed[0].error or "")
    assert len(smtp_server.mailbox.received) == 2


def test_a_temporary_refusal_is_retried_later(
    ws: Workspace, clock: TravelClock, account: MailAccount, password: str, smtp_server: MailServer
) -> None:
    smtp_server.mailbox.refuse["jan@example.com"] = "451 4.7.1 Try again later"
    outbox, _ = _queue(ws, account)
    report = Sender(outbox, account, password, timeout=5).run()
    assert (report.sent, report.retry_later) == (2, 1)
    assert report.next_retry_at == clock.now + timedelta(minutes=1)
    del smtp_server.mailbox.refuse["jan@example.com"]
    assert Sender(outbox, account, password, timeout=5).run().sent == 0  # not due yet
    clock.advance(minutes=1)
    assert Sender(outbox, account, password, timeout=5).run().sent == 1
    assert len(smtp_server.mailbox.received) == 3


def test_wrong_password_stops_the_batch_before_anything_is_claimed(
    ws: Workspace, account: MailAccount, smtp_server: MailServer
) -> None:
    outbox, _ = _queue(ws, account)
    report = Sender(outbox, account, "wrong", timeout=5).run()
    assert report.stopped is not None and report.stopped.kind is FailureKind.AUTH_REJECTED
    assert "wrong" not in str(report.stopped)
    assert outbox.counts()[OutboxStatus.QUEUED] == 3
    assert smtp_server.mailbox.received == []


def test_server_stopping_mid_batch_never_delivers_twice(
    ws: Workspace,
    clock: TravelClock,
    account: MailAccount,
    password: str,
    smtp_server: MailServer,
    certificates: Certificates,
) -> None:
    outbox, _ = _queue(ws, account)

    def stop_after_first(done: int, _total: int) -> None:
        if done == 1:
            smtp_server.stop()

    report = Sender(outbox, account, password, timeout=5).run(stop_after_first)
    assert report.sent == 1
    assert report.stopped is not None or report.retry_later == 1
    assert outbox.counts()[OutboxStatus.SENT] == 1
    assert outbox.counts()[OutboxStatus.SENDING] == 0
    first = [r.rcpt_tos for r in smtp_server.mailbox.received]

    again = MailServer(certificates, "starttls", smtp_server.port).start()
    try:
        clock.advance(hours=1)
        report = Sender(outbox, account, password, timeout=5).run()
        assert report.stopped is None
        delivered = first + [r.rcpt_tos for r in again.mailbox.received]
    finally:
        again.stop()
    assert sorted(a for r in delivered for a in r) == [
        "jan@example.com",
        "lukasz@example.com",
        "zofia@example.com",
    ]
    assert outbox.counts()[OutboxStatus.SENT] == 3


def test_a_message_left_sending_becomes_unknown_and_is_not_resent(
    ws: Workspace, clock: TravelClock, account: MailAccount, password: str, smtp_server: MailServer
) -> None:
    outbox, _ = _queue(ws, account)
    # What a run that died mid-send leaves behind (on a server: once its claim is stale).
    claimed = outbox._claim_next(account, "a run that died")
    assert claimed is not None
    _minutes_pass(ws, clock, 11)
    report = Sender(outbox, account, password, timeout=5).run()
    assert (report.sent, report.unknown_before) == (2, 1)
    [unknown] = outbox.entries([OutboxStatus.UNKNOWN])
    assert unknown.id == claimed.id and "may or may not" in (unknown.error or "")
    assert claimed.to_address not in [a for r in smtp_server.mailbox.received for a in r.rcpt_tos]
    outbox.mark_sent(unknown.id)
    assert outbox.counts()[OutboxStatus.SENT] == 3
    kinds = [t.kind for t in ws.interactions.timeline(claimed.candidate_id)]
    assert kinds == [InteractionKind.EMAIL_OUT]


def test_a_drop_after_the_whole_message_went_out_is_unknown_and_not_resent(
    ws: Workspace, clock: TravelClock, account: MailAccount, password: str, smtp_server: MailServer
) -> None:
    """The server kept the message but the connection dropped before its "250": sending it
    again could deliver it twice, so the recruiter decides."""
    outbox, _ = _queue(ws, account)
    smtp_server.mailbox.drop_after_data = 1
    report = Sender(outbox, account, password, timeout=5).run()
    assert (report.sent, report.unknown, report.retry_later, report.failed) == (2, 1, 0, 0)
    [unknown] = outbox.entries([OutboxStatus.UNKNOWN])
    assert "may or may not have been delivered" in (unknown.error or "")
    clock.advance(hours=2)
    assert Sender(outbox, account, password, timeout=5).run().sent == 0
    delivered = sorted(a for r in smtp_server.mailbox.received for a in r.rcpt_tos)
    assert delivered == ["jan@example.com", "lukasz@example.com", "zofia@example.com"]
    assert outbox.counts()[OutboxStatus.UNKNOWN] == 1


def test_send_again_puts_an_unknown_message_back(
    ws: Workspace, clock: TravelClock, account: MailAccount, password: str, smtp_server: MailServer
) -> None:
    outbox, _ = _queue(ws, account)
    claimed = outbox._claim_next(account, "a run that died")
    assert claimed is not None
    _minutes_pass(ws, clock, 11)
    outbox.recover()
    outbox.send_again(claimed.id)
    assert Sender(outbox, account, password, timeout=5).run().sent == 3


def test_rate_pause_and_cancel(
    ws: Workspace, account: MailAccount, password: str, smtp_server: MailServer
) -> None:
    from dataclasses import replace

    outbox, _ = _queue(ws, account)
    slow = replace(account, rate_per_minute=120)  # one every half second
    sender = Sender(outbox, slow, password, timeout=5)
    sender.pause()
    stop = threading.Event()
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(sender.run(cancelled=stop.is_set)))
    worker.start()
    worker.join(0.5)
    assert smtp_server.mailbox.received == []  # paused
    sender.resume()
    while not smtp_server.mailbox.received:
        worker.join(0.05)
    stop.set()
    worker.join(5)
    report = result[0]
    assert report.cancelled and report.sent == 1  # type: ignore[attr-defined]
    assert outbox.counts()[OutboxStatus.QUEUED] == 2


def test_log_reply_links_the_message(
    ws: Workspace, account: MailAccount, password: str, smtp_server: MailServer
) -> None:
    outbox, ids = _queue(ws, account)
    Sender(outbox, account, password, timeout=5).run()
    sent = next(e for e in outbox.entries() if e.candidate_id == ids[0])
    received = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
    reply = outbox.log_reply(ids[0], received, body="Happy to talk!", message_id=sent.id)
    timeline = ws.interactions.timeline(ids[0])
    assert (timeline[0].id, timeline[0].kind, timeline[0].occurred_at) == (
        reply,
        InteractionKind.EMAIL_IN,
        received,
    )
    assert timeline[0].subject == f"Re: {sent.subject}"
    ws.users.find_or_add("Bob")  # with a colleague, the timeline names who logged the reply
    assert ws.interactions.timeline(ids[0])[0].by == ws.users.current().name
    from talentdesk.core.db.models import OutboxMessage

    with ws.db.sessions() as session:
        linked = session.scalar(
            select(OutboxMessage.reply_interaction_id).where(OutboxMessage.id == sent.id)
        )
    assert linked == reply


def test_template_library_has_starters_and_overrides(ws: Workspace) -> None:
    library = TemplateLibrary(ws.db.sessions, ws.clock)
    names = [t.name for t in library.all()]
    for starter in (
        "Check-in",
        "Market update",
        "Feedback after interview",
        "Role that fits you",
        "Re-consent request",
    ):
        assert starter in names
    library.save(Template("check-in", "Hello {{ first_name }}", "Body"))
    assert library.get("Check-in").subject == "Hello {{ first_name }}"
    assert len(library.all()) == len(names)


def test_deleting_a_candidate_removes_their_messages(ws: Workspace, account: MailAccount) -> None:
    outbox, ids = _queue(ws, account)
    ws.candidates.delete([ids[0]])
    assert outbox.counts()[OutboxStatus.QUEUED] == 2


def test_a_second_sender_is_refused_while_the_first_runs(
    ws: Workspace, account: MailAccount, password: str, smtp_server: MailServer
) -> None:
    from talentdesk.core.mail.sender_lock import SenderBusyError

    outbox, _ = _queue(ws, account)
    smtp_server.mailbox.delay = 0.3  # the first sender is still at it when the second starts
    first = Sender(outbox, account, password, timeout=5)
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(first.run()))
    worker.start()
    while not smtp_server.mailbox.received:
        worker.join(0.02)
    with pytest.raises(SenderBusyError) as caught:
        Sender(Outbox(ws.db.sessions, ws.clock), account, password, timeout=5).run()
    assert "Another TalentDesk is sending the outbox" in str(caught.value)
    worker.join(10)
    assert result[0].sent == 3  # type: ignore[attr-defined]
    # The refused sender changed nothing: its recover() never ran, so nothing became unknown.
    assert outbox.counts()[OutboxStatus.UNKNOWN] == 0
    assert sorted(a for r in smtp_server.mailbox.received for a in r.rcpt_tos) == [
        "jan@example.com",
        "lukasz@example.com",
        "zofia@example.com",
    ]
    smtp_server.mailbox.delay = 0.0
    assert Sender(outbox, account, password, timeout=5).run().sent == 0  # the lock is free


def test_the_lock_is_held_across_processes(
    ws: Workspace, clock: TravelClock, account: MailAccount
) -> None:
    import subprocess
    import sys

    from talentdesk.core.mail.sender_lock import SenderBusyError, SenderLock

    outbox, _ = _queue(ws, account)
    in_flight = outbox._claim_next(account, "the other process")  # its message, being sent
    assert in_flight is not None
    lock_path = outbox._lock_path
    assert lock_path.parent == ws.paths.database.parent
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from pathlib import Path;"
         "from talentdesk.core.mail.sender_lock import SenderLock;"
         "lock = SenderLock(Path(sys.argv[1])); lock.acquire(); print('held', flush=True);"
         "sys.stdin.read()", str(lock_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    try:
        with pytest.raises(SenderBusyError):
            SenderLock(lock_path).acquire()
        assert outbox.recover() == 0  # a running sender's message is no leftover
        assert outbox.entries([OutboxStatus.UNKNOWN]) == []
    finally:
        holder.kill()  # killed, not released: the OS drops its lock
        holder.wait(10)
    _minutes_pass(ws, clock, 11)  # on a server, where other desktops send too: once stale
    assert outbox.recover() == 1  # now it is: its sender died
    [unknown] = outbox.entries([OutboxStatus.UNKNOWN])
    assert unknown.id == in_flight.id
