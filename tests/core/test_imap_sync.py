"""Reading replies over IMAP from a real Dovecot (tests/imap_server.py): read-only, once per
message, matched to candidates, resumable, and every fault in words. On both backends (team
mode: the store's SQL per dialect)."""

from __future__ import annotations

from datetime import timedelta
from email.utils import format_datetime

import pytest
from sqlalchemy import text

from talentdesk.core.db.datetimes import from_db
from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.mail.account import Security
from talentdesk.core.mail.imap.account import ImapAccount
from talentdesk.core.mail.imap.connection import ImapError
from talentdesk.core.mail.imap.service import MailSync, SyncRunningError
from talentdesk.core.mail.imap.sync import SyncProgress
from talentdesk.core.mail.smtp import FailureKind
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock, written_outside
from tests.imap_fixtures import ImapMailbox
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

ME = "recruiter@agency.test"


def account(box: ImapMailbox, **changes: object) -> ImapAccount:
    fields: dict[str, object] = {
        "host": box.host,
        "port": box.tls_port,
        "security": Security.TLS,
        "username": box.user,
        "ca_file": str(box.ca_file),
        "own_addresses": (ME,),
    }
    fields.update(changes)
    return ImapAccount(**fields).validated()  # type: ignore[arg-type]


def mail(
    clock: TravelClock,
    n: int,
    sender: str,
    to: str = ME,
    subject: str = "Hello",
    body: str = "Sounds good, let's talk on Monday.",
    extra: str = "",
) -> bytes:
    date = format_datetime(clock() - timedelta(hours=n))
    return (
        f"Message-ID: <m{n}@example.com>\r\nFrom: {sender}\r\nTo: {to}\r\n"
        f"Subject: {subject}\r\nDate: {date}\r\n{extra}"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    ).encode()


def people(ws: Workspace) -> tuple[int, int]:
    anna = ws.candidates.create(
        CandidateRecord("Anna", "Nowak", "anna@example.com", other_emails=["A.Nowak@Work-Mail.com"])
    )
    jan = ws.candidates.create(CandidateRecord("Jan", "Kowalski", "jan@example.com"))
    return anna, jan


def timeline(ws: Workspace, cid: int) -> list[tuple[InteractionKind, str | None]]:
    return [(e.kind, e.subject) for e in ws.interactions.timeline(cid)]


def test_sync_stores_matched_mail_once_and_reads_nothing_twice(
    ws: Workspace, clock: TravelClock, imap_server: ImapMailbox
) -> None:
    anna, jan = people(ws)
    imap_server.deliver(mail(clock, 1, "Anna <anna@example.com>", subject="Re: Java role"))
    imap_server.deliver(mail(clock, 2, "Anna N <a.nowak@WORK-MAIL.COM>", subject="From work"))
    imap_server.deliver(mail(clock, 3, "stranger@else.test", subject="Newsletter"))
    imap_server.deliver(mail(clock, 4, ME, to="Jan <JAN@example.com>", subject="Offer"), "Sent")
    summary = ws.mail_sync.sync(account(imap_server), imap_server.password)
    assert (summary.read, summary.matched, summary.stored) == (4, 3, 3)
    assert [f.name for f in summary.folders] == ["INBOX", "Sent"]
    assert sorted(timeline(ws, anna)) == [
        (InteractionKind.EMAIL_IN, "From work"),
        (InteractionKind.EMAIL_IN, "Re: Java role"),
    ]
    assert timeline(ws, jan) == [(InteractionKind.EMAIL_OUT, "Offer")]
    [entry] = [e for e in ws.interactions.timeline(anna) if e.subject == "Re: Java role"]
    assert entry.body == "Sounds good, let's talk on Monday."
    assert entry.occurred_at == clock() - timedelta(hours=1)
    assert ws.candidates.get(anna).last_contact_at == clock() - timedelta(hours=1)
    strangers = ws.reader.execute("SELECT count(*) FROM interaction WHERE subject = 'Newsletter'")
    assert strangers.fetchone() == (0,)

    again = ws.mail_sync.sync(account(imap_server), imap_server.password)
    assert (again.read, again.stored) == (0, 0)
    state = ws.mail_sync.folder_state(account(imap_server), "INBOX")
    assert state is not None and state.last_uid == 3


def test_mail_read_from_the_mailbox_is_logged_by_its_owner(
    ws: Workspace, clock: TravelClock, imap_server: ImapMailbox
) -> None:
    """With colleagues, the timeline names who logged each entry: mail read from a mailbox is
    its owner's (the user syncing), in and out."""
    anna, jan = people(ws)
    ws.users.find_or_add("Bob")  # a colleague: the timeline names authors
    imap_server.deliver(mail(clock, 1, "Anna <anna@example.com>", subject="Re: Java role"))
    imap_server.deliver(mail(clock, 2, ME, to="Jan <JAN@example.com>", subject="Offer"), "Sent")
    ws.mail_sync.sync(account(imap_server), imap_server.password)
    me = ws.users.current().name
    logged = ws.interactions.timeline(anna) + ws.interactions.timeline(jan)
    assert sorted((e.subject, e.by) for e in logged) == [("Offer", me), ("Re: Java role", me)]


def test_nothing_is_marked_read_on_the_server(
    ws: Workspace, clock: TravelClock, imap_server: ImapMailbox
) -> None:
    people(ws)
    for n in range(3):
        imap_server.deliver(mail(clock, n, "anna@example.com"))
    ws.mail_sync.sync(account(imap_server), imap_server.password)
    client = imap_server.server.login(imap_server.user)
    try:
        client.select("INBOX", readonly=True)
        _status, flags = client.fetch("1:*", "(FLAGS)")
    finally:
        client.logout()
    assert len(flags) == 3 and not any(b"\\Seen" in f for f in flags if isinstance(f, bytes))


def test_a_reply_by_in_reply_to_marks_the_outbox_message_replied(
    ws: Workspace, clock: TravelClock, imap_server: ImapMailbox
) -> None:
    anna, _jan = people(ws)
    sent_at = clock() - timedelta(days=2)
    with written_outside(ws.paths.database) as connection:
        outbox_id = connection.execute(
            text(
                "INSERT INTO outbox_message (candidate_id, is_feedback, to_name, to_address,"
                " subject, body_text, status, attempts, next_attempt_at, message_id,"
                " created_at, sent_at) VALUES (:c, false, 'Anna', 'anna@example.com', 'Java role',"
                " 'Hi', 'sent', 1, :t, '<sent-1@agency.test>', :t, :t) RETURNING id"
            ),
            {"c": anna, "t": sent_at.replace(tzinfo=None)},
        ).scalar_one()
    # From an address TalentDesk does not know: only In-Reply-To links it.
    reply = mail(clock, 5, "anna.private@else.test", extra="In-Reply-To: <sent-1@agency.test>\r\n")
    imap_server.deliver(reply)
    summary = ws.mail_sync.sync(account(imap_server), imap_server.password)
    assert (summary.matched, summary.replies) == (1, 1)
    row = ws.reader.execute(
        "SELECT o.replied_at, i.candidate_id, i.kind FROM outbox_message o"
        " JOIN interaction i ON i.id = o.reply_interaction_id WHERE o.id = ?",
        (outbox_id,),
    ).fetchone()
    assert row[1:] == (anna, "email_in")
    assert from_db(row[0]).strftime("%Y-%m-%d %H:%M") == (clock() - timedelta(hours=5)).strftime(
        "%Y-%m-%d %H:%M"
    )


def test_a_matched_reply_settles_the_check_in(
    ws: Workspace, clock: TravelClock, imap_server: ImapMailbox
) -> None:
    anna, _jan = people(ws)
    pool = ws.pools.create("Kraków Java")
    ws.pools.add_members(pool, [anna])
    ws.interactions.log(anna, InteractionKind.CALL, clock() - timedelta(days=90), "Talked")
    ws.pools.set_cadence(pool, 30)
    open_check_ins = "SELECT count(*) FROM reminder WHERE kind = 'check_in' AND done_at IS NULL"
    assert ws.reader.execute(open_check_ins).fetchone() == (1,)
    imap_server.deliver(mail(clock, 1, "anna@example.com"))
    ws.mail_sync.sync(account(imap_server), imap_server.password)
    assert ws.reader.execute(open_check_ins).fetchone() == (0,)


def test_a_changed_uidvalidity_reads_again_without_duplicates(
    ws: Workspace, clock: TravelClock, imap_server: ImapMailbox
) -> None:
    anna, _jan = people(ws)
    for n in range(3):
        imap_server.deliver(mail(clock, n, "anna@example.com", subject=f"m{n}"))
    ws.mail_sync.sync(account(imap_server), imap_server.password)
    imap_server.change_uidvalidity("INBOX")
    imap_server.deliver(mail(clock, 9, "anna@example.com", subject="m9"))
    summary = ws.mail_sync.sync(account(imap_server), imap_server.password)
    inbox = summary.folders[0]
    assert inbox.reread and inbox.read == 4
    assert summary.stored == 1
    assert sorted(s for _k, s in timeline(ws, anna)) == ["m0", "m1", "m2", "m9"]


def test_broken_headers_are_skipped_and_counted(
    ws: Workspace, clock: TravelClock, imap_server: ImapMailbox
) -> None:
    anna, _jan = people(ws)
    imap_server.deliver(b"From: <<<garbage\r\nSubject: broken\r\nDate: never\r\n\r\nx\r\n")
    imap_server.deliver(
        mail(clock, 1, "anna@example.com", subject="=?x-martian?q?caf=E9?=", body="ok")
    )
    summary = ws.mail_sync.sync(account(imap_server), imap_server.password)
    assert summary.skipped == {"no readable sender or recipients": 1}
    assert summary.replaced == 1 and summary.stored == 1
    assert len(timeline(ws, anna)) == 1


def test_a_drop_mid_sync_keeps_what_was_saved_and_the_next_sync_resumes(
    ws: Workspace, clock: TravelClock, imap_server: ImapMailbox
) -> None:
    anna, _jan = people(ws)
    for n in range(6):
        imap_server.deliver(mail(clock, n, "anna@example.com", subject=f"m{n}"))
    sync = MailSync(ws.db.sessions, ws.clock, batch=2)
    seen: list[SyncProgress] = []

    def kick_after_first(step: SyncProgress) -> None:
        seen.append(step)
        imap_server.kick()

    with pytest.raises(ImapError) as dropped:
        sync.sync(account(imap_server), imap_server.password, kick_after_first)
    assert dropped.value.kind is FailureKind.TEMPORARY
    assert "next sync continues" in dropped.value.hint
    assert seen == [SyncProgress("INBOX", 2, 6)]
    saved = len(timeline(ws, anna))  # the batches saved before the drop (the next is read
    assert 2 <= saved < 6  # while one is saved)
    resumed = sync.sync(account(imap_server), imap_server.password)
    assert resumed.folders[0].read == 6 - saved
    assert sorted(s for _k, s in timeline(ws, anna)) == [f"m{n}" for n in range(6)]


def test_cancel_stops_between_batches(
    ws: Workspace, clock: TravelClock, imap_server: ImapMailbox
) -> None:
    people(ws)
    for n in range(5):
        imap_server.deliver(mail(clock, n, "anna@example.com"))
    sync = MailSync(ws.db.sessions, ws.clock, batch=2)
    summary = sync.sync(account(imap_server), imap_server.password, cancel=lambda: True)
    assert summary.cancelled and summary.read == 0


def test_wrong_password_and_untrusted_certificate_say_what_happened(
    ws: Workspace, imap_server: ImapMailbox
) -> None:
    with pytest.raises(ImapError) as wrong:
        ws.mail_sync.test(account(imap_server), "not the password")
    assert wrong.value.kind is FailureKind.AUTH_REJECTED
    assert "rejected the user name or password" in wrong.value.message
    with pytest.raises(ImapError) as untrusted:
        ws.mail_sync.test(account(imap_server, ca_file=None), imap_server.password)
    assert untrusted.value.kind is FailureKind.TLS_UNTRUSTED
    assert "is not trusted" in untrusted.value.message
    starttls = account(imap_server, port=imap_server.port, security=Security.STARTTLS)
    report = ws.mail_sync.test(starttls, imap_server.password)
    assert report.sent_folder == "Sent"
    assert ("INBOX", 0) in report.reading
    imap_server.stop()
    with pytest.raises(ImapError) as refused:
        ws.mail_sync.test(account(imap_server), imap_server.password)
    assert refused.value.kind is FailureKind.CONNECTION_REFUSED


def test_a_copy_of_what_the_outbox_sent_is_not_added_twice(
    ws: Workspace, clock: TravelClock, imap_server: ImapMailbox
) -> None:
    anna, _jan = people(ws)
    with written_outside(ws.paths.database) as connection:
        connection.execute(
            text(
                "INSERT INTO interaction (candidate_id, kind, occurred_at, subject, message_id,"
                " created_at) VALUES (:c, 'email_out', :t, 'Java role', '<m1@example.com>', :t)"
            ),
            {"c": anna, "t": clock().replace(tzinfo=None)},
        )
    imap_server.deliver(mail(clock, 1, ME, to="anna@example.com", subject="Java role"), "Sent")
    summary = ws.mail_sync.sync(account(imap_server), imap_server.password)
    assert (summary.matched, summary.stored) == (1, 0)
    assert timeline(ws, anna) == [(InteractionKind.EMAIL_OUT, "Java role")]


def test_a_message_in_two_folders_is_stored_once(
    ws: Workspace, clock: TravelClock, imap_server: ImapMailbox
) -> None:
    anna, _jan = people(ws)
    copy = mail(clock, 1, ME, to="anna@example.com", subject="Copied", extra=f"Cc: {ME}\r\n")
    imap_server.deliver(copy, "Sent")
    imap_server.deliver(copy)  # the Cc to oneself, in INBOX
    summary = ws.mail_sync.sync(account(imap_server), imap_server.password)
    assert (summary.read, summary.matched, summary.stored) == (2, 2, 1)
    assert timeline(ws, anna) == [(InteractionKind.EMAIL_OUT, "Copied")]


def test_one_sync_at_a_time_and_when_the_next_is_due(
    ws: Workspace, clock: TravelClock, imap_server: ImapMailbox
) -> None:
    people(ws)
    imap_server.deliver(mail(clock, 1, "anna@example.com"))
    box = account(imap_server)
    assert ws.mail_sync.next_sync_at(box) == clock()  # never synced: due now
    refused: list[str] = []

    def second_sync(_step: SyncProgress) -> None:
        try:
            ws.mail_sync.sync(box, imap_server.password)
        except SyncRunningError as exc:
            refused.append(exc.message)

    ws.mail_sync.sync(box, imap_server.password, second_sync)
    assert refused == ["The mailbox is being read already."]
    assert ws.mail_sync.next_sync_at(box) == clock() + timedelta(minutes=5)
    ws.mail_sync.save_account(box, interval_minutes=0)
    assert ws.mail_sync.account() == box
    assert ws.mail_sync.next_sync_at(box) is None


def test_a_folder_no_longer_read_does_not_keep_the_sync_due(
    ws: Workspace, clock: TravelClock, imap_server: ImapMailbox
) -> None:
    people(ws)
    ws.mail_sync.sync(account(imap_server), imap_server.password)  # INBOX and Sent
    clock.advance(hours=1)
    inbox_only = account(imap_server, folders=("INBOX",))
    ws.mail_sync.save_account(inbox_only, interval_minutes=5)
    ws.mail_sync.sync(inbox_only, imap_server.password)
    assert ws.mail_sync.next_sync_at(inbox_only) == clock() + timedelta(minutes=5)
