"""Do not contact and withdrawn consent, enforced where e-mail starts and where it leaves: one
rule (core/privacy/contactable.py) for planning, the sender, and the reminders that suggest
contact; the sender tested against a real SMTP server receiving nothing for them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from talentdesk.core.db.enums import (
    CandidateStatus,
    ConsentStatus,
    InteractionKind,
    LegalBasis,
    OutboxStatus,
)
from talentdesk.core.errors import ValidationError
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.outbox import Sender
from talentdesk.core.mail.templates import Template
from talentdesk.core.privacy import contactable
from talentdesk.core.reminders.generated import refresh
from talentdesk.core.workspace import Workspace
from tests.conftest import START, TravelClock
from tests.core.privacy_people import consent, open_reminders, person, withdraw
from tests.mail_server import MailServer

HELLO = Template("Hello", "Hello {{ first_name }}", "Hi {{ first_name }},\n\nHow are you?")


def _four(ws: Workspace) -> dict[str, int]:
    """Anna may be written to; Bartek is do not contact; Celina withdrew her consent; Dawid
    withdrew it and gave it again (his latest record decides)."""
    ids = {name: person(ws, name) for name in ("Anna", "Bartek", "Celina", "Dawid")}
    record = ws.candidates.get(ids["Bartek"])
    record.status = CandidateStatus.DO_NOT_CONTACT
    ws.candidates.update(ids["Bartek"], record)
    consent(ws, ids["Celina"], ConsentStatus.GIVEN)
    withdraw(ws, ids["Celina"])
    withdraw(ws, ids["Dawid"])
    consent(ws, ids["Dawid"], ConsentStatus.GIVEN)
    return ids


def test_one_rule_says_who_may_not_be_emailed_and_why(ws: Workspace) -> None:
    ids = _four(ws)
    assert contactable.why_not(ws.reader, ids.values()) == {
        ids["Bartek"]: "do not contact",
        ids["Celina"]: "consent withdrawn",
    }
    may = ws.reader.execute(
        f"SELECT first_name FROM candidate c WHERE {contactable.contactable_sql('c')}"
        " ORDER BY first_name"
    ).fetchall()
    assert may == [("Anna",), ("Dawid",)]


def test_a_mailing_skips_them_and_says_how_many(ws: Workspace, account: MailAccount) -> None:
    ids = _four(ws)
    plan = ws.outbox().plan(HELLO, list(ids.values()), account)
    assert [d.to_name for d in plan.drafts] == ["Anna Nowak", "Dawid Nowak"]
    assert {s.name: s.reason for s in plan.skipped} == {
        "Bartek Nowak": "do not contact",
        "Celina Nowak": "consent withdrawn",
    }
    assert plan.not_contacted == "2 not contacted: do not contact / consent withdrawn"
    assert plan.template_name == "Hello"


def test_withdrawing_stops_mail_already_queued(
    ws: Workspace, account: MailAccount, password: str, smtp_server: MailServer
) -> None:
    anna, celina = person(ws, "Anna"), person(ws, "Celina")
    consent(ws, celina, ConsentStatus.GIVEN)
    outbox = ws.outbox()
    assert outbox.queue(outbox.plan(HELLO, [anna, celina], account)) == 2

    withdraw(ws, celina)  # after queueing, before the sender reaches her message
    report = Sender(outbox, account, password, timeout=5).run()

    assert [r.rcpt_tos for r in smtp_server.mailbox.received] == [["anna@example.com"]]
    assert (report.sent, report.failed, report.not_contacted) == (1, 0, 1)
    entries = {e.to_address: e for e in outbox.entries()}
    assert entries["celina@example.com"].status is OutboxStatus.CANCELLED
    assert entries["celina@example.com"].error == "Not sent: consent withdrawn"
    assert [t.kind for t in ws.interactions.timeline(celina)] == []
    assert [t.kind for t in ws.interactions.timeline(anna)] == [InteractionKind.EMAIL_OUT]


def test_marking_do_not_contact_cancels_their_queued_mail_at_once(
    ws: Workspace, account: MailAccount, password: str, smtp_server: MailServer
) -> None:
    bartek = person(ws, "Bartek")
    outbox = ws.outbox()
    outbox.queue(outbox.plan(HELLO, [bartek], account))
    record = ws.candidates.get(bartek)
    record.status = CandidateStatus.DO_NOT_CONTACT
    ws.candidates.update(bartek, record)

    (entry,) = outbox.entries()  # before any sender ran
    assert (entry.status, entry.error) == (OutboxStatus.CANCELLED, "Not sent: do not contact")
    Sender(outbox, account, password, timeout=5).run()
    assert smtp_server.mailbox.received == []


def test_stop_contact_cancels_queued_mail_and_reminders_in_one_step(
    ws: Workspace, clock: TravelClock, account: MailAccount
) -> None:
    """What the consent service runs when it records a withdrawal."""
    celina = person(ws, "Celina")
    pool = ws.pools.create("Kraków Java")
    ws.pools.add_members(pool, [celina])
    clock.advance(days=40)
    ws.pools.set_cadence(pool, 30)
    assert [r[1] for r in open_reminders(ws, "cadence")] == ["check_in"]
    outbox = ws.outbox()
    outbox.queue(outbox.plan(HELLO, [celina], account))
    withdraw(ws, celina)

    def work() -> int:
        return contactable.stop_contact_in(ws.db.writer.connection, [celina], clock())

    assert ws.db.writer.run(work, label="withdrawing consent") == 1
    assert outbox.entries()[0].error == "Not sent: consent withdrawn"
    assert open_reminders(ws, "cadence") == []


def test_no_check_ins_or_birthdays_for_people_who_withdrew(
    ws: Workspace, clock: TravelClock
) -> None:
    birthday = (START + timedelta(days=45)).date().replace(year=1990)
    anna = person(ws, "Anna", birthday=birthday)
    celina = person(ws, "Celina", birthday=birthday)
    withdraw(ws, celina)
    pool = ws.pools.create("Kraków Java")
    ws.pools.add_members(pool, [anna, celina])
    clock.advance(days=40)
    ws.pools.set_cadence(pool, 30)
    refresh(ws.db, clock(), None)
    assert [r[0] for r in open_reminders(ws, "cadence")] == [anna]
    assert [r[0] for r in open_reminders(ws, "birthday")] == [anna]
    consent(ws, celina, ConsentStatus.GIVEN)  # she gave it again: reminded as anyone
    refresh(ws.db, clock(), None)
    assert [r[0] for r in open_reminders(ws, "cadence")] == [anna, celina]


def test_setting_many_to_do_not_contact_cancels_their_queued_mail_and_send_again_refuses(
    ws: Workspace, account: MailAccount
) -> None:
    anna, bartek = person(ws, "Anna"), person(ws, "Bartek")
    outbox = ws.outbox()
    outbox.queue(outbox.plan(HELLO, [anna, bartek], account))
    ws.bulk.set_status([bartek], CandidateStatus.DO_NOT_CONTACT)
    entries = {e.to_address: e for e in outbox.entries()}
    assert entries["anna@example.com"].status is OutboxStatus.QUEUED
    cancelled = entries["bartek@example.com"]
    assert (cancelled.status, cancelled.error) == (
        OutboxStatus.CANCELLED,
        "Not sent: do not contact",
    )
    assert outbox.counts()[OutboxStatus.CANCELLED] == 1
    with pytest.raises(ValidationError, match="do not contact"):
        outbox.send_again(cancelled.id)


def test_a_cancelled_message_is_sent_again_once_allowed_or_discarded(
    ws: Workspace, account: MailAccount
) -> None:
    anna, bartek = person(ws, "Anna"), person(ws, "Bartek")
    outbox = ws.outbox()
    outbox.queue(outbox.plan(HELLO, [anna, bartek], account))
    ws.bulk.set_status([anna, bartek], CandidateStatus.DO_NOT_CONTACT)
    ws.bulk.set_status([bartek], CandidateStatus.PASSIVE)  # he may be written to again
    entries = {e.to_address: e for e in outbox.entries()}
    outbox.send_again(entries["bartek@example.com"].id)
    assert outbox.discard([entries["anna@example.com"].id]) == 1
    [again] = outbox.entries()
    assert (again.to_address, again.status, again.error) == (
        "bartek@example.com",
        OutboxStatus.QUEUED,
        None,
    )


def test_the_consent_services_withdrawal_cancels_queued_mail_before_any_sender_runs(
    ws: Workspace, clock: TravelClock, account: MailAccount, password: str, smtp_server: MailServer
) -> None:
    anna, celina = person(ws, "Anna"), person(ws, "Celina")
    ws.consent.record(celina, LegalBasis.CONSENT)
    pool = ws.pools.create("Kraków Java")
    ws.pools.add_members(pool, [celina])
    clock.advance(days=40)
    ws.pools.set_cadence(pool, 30)
    outbox = ws.outbox()
    assert outbox.queue(outbox.plan(HELLO, [anna, celina], account)) == 2

    ws.consent.withdraw(celina)

    entries = {e.to_address: e for e in outbox.entries()}
    assert entries["celina@example.com"].status is OutboxStatus.CANCELLED
    assert entries["celina@example.com"].error == "Not sent: consent withdrawn"
    assert open_reminders(ws, "cadence") == []
    Sender(outbox, account, password, timeout=5).run()
    assert [r.rcpt_tos for r in smtp_server.mailbox.received] == [["anna@example.com"]]
