"""Consent renewal and the information notice: the reminders TalentDesk makes for them, the
"Consent expiring soon" filter, a yes recorded from a reply, and the notice recorded when the
template marked as the notice is sent (through a real SMTP server)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from talentdesk.core import settings
from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.db.datetimes import from_db
from talentdesk.core.db.enums import ConsentStatus, InteractionKind, LegalBasis
from talentdesk.core.errors import ValidationError
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.outbox import Sender
from talentdesk.core.mail.templates import Template
from talentdesk.core.reminders.generated import refresh
from talentdesk.core.workspace import Workspace
from tests.conftest import START, TravelClock
from tests.core.privacy_people import consent, open_reminders, person, withdraw
from tests.mail_server import MailServer
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)


# Known gaps of team mode: these fail on PostgreSQL today (tests/pg_fixtures.py).
def test_renewal_is_reminded_the_set_days_before_consent_ends(
    ws: Workspace, clock: TravelClock
) -> None:
    anna, bartek, celina = person(ws, "Anna"), person(ws, "Bartek"), person(ws, "Celina")
    ends = START + timedelta(days=20)
    consent(ws, anna, ConsentStatus.GIVEN, expires_at=ends)
    consent(ws, bartek, ConsentStatus.GIVEN, expires_at=START + timedelta(days=90))
    consent(ws, celina, ConsentStatus.GIVEN, expires_at=ends)
    withdraw(ws, celina)  # no renewal asked of someone who withdrew
    refresh(ws.db, clock(), None)

    ((who, kind, due, reason),) = open_reminders(ws, "consent")
    assert (who, kind) == (anna, "consent_renewal")
    assert from_db(due) == ends - timedelta(days=30)
    assert reason == f"Consent ends on {ends:%Y-%m-%d} — ask them to renew it"

    ws.settings_store().set(settings.CONSENT_RENEWAL_DAYS_BEFORE, 10)
    refresh(ws.db, clock(), None)
    assert open_reminders(ws, "consent") == []
    clock.advance(days=11)
    refresh(ws.db, clock(), None)
    assert [r[0] for r in open_reminders(ws, "consent")] == [anna]


def test_consent_expiring_is_a_filter_of_the_search_syntax(ws: Workspace) -> None:
    anna, bartek = person(ws, "Anna"), person(ws, "Bartek")
    consent(ws, anna, ConsentStatus.GIVEN, expires_at=START + timedelta(days=20))
    consent(ws, bartek, ConsentStatus.GIVEN, expires_at=START + timedelta(days=90))
    assert ws.listing.ids(ListQuery(search="consent:expiring")) == [anna]
    templates = [t.name for t in ws.templates().all()]
    assert "Re-consent request" in templates and "Information notice" in templates


def test_a_yes_in_a_reply_renews_consent_and_clears_the_reminder(
    ws: Workspace, clock: TravelClock
) -> None:
    anna = person(ws, "Anna")
    consent(ws, anna, ConsentStatus.GIVEN, expires_at=START + timedelta(days=20))
    refresh(ws.db, clock(), None)
    assert len(open_reminders(ws, "consent")) == 1
    replied = START - timedelta(hours=2)
    reply = ws.outbox().log_reply(anna, replied, "Re: May I keep your details?", "Yes, fine")

    ws.consent.record_from_reply(reply)

    assert open_reminders(ws, "consent") == []
    row = ws.reader.execute(
        "SELECT legal_basis, status, given_at, expires_at, evidence, evidence_interaction_id"
        " FROM consent WHERE candidate_id = ? ORDER BY id DESC LIMIT 1",
        (anna,),
    ).fetchone()
    assert row[:2] == ("consent", "given")
    assert from_db(row[2]) == replied
    assert from_db(row[3]) == ws.consent.default_expiry(LegalBasis.CONSENT, replied)
    assert row[4:] == (f"e-mail reply of {replied:%Y-%m-%d}", reply)
    assert ws.listing.ids(ListQuery(search="consent:valid")) == [anna]
    assert ws.reader.execute("SELECT kind, count FROM audit_entry").fetchall() == [("consent", 1)]


def test_only_a_reply_received_records_consent(ws: Workspace) -> None:
    anna = person(ws, "Anna")
    call = ws.interactions.log(anna, InteractionKind.CALL, START, "Talked")
    with pytest.raises(ValidationError):
        ws.consent.record_from_reply(call)


def test_people_recorded_without_a_notice_are_reminded_to_send_one(
    ws: Workspace, clock: TravelClock
) -> None:
    anna, bartek, celina = person(ws, "Anna"), person(ws, "Bartek"), person(ws, "Celina")
    dawid = person(ws, "Dawid")  # no record at all: nothing says where his data came from
    consent(ws, anna, ConsentStatus.PENDING, LegalBasis.LEGITIMATE_INTEREST)
    consent(ws, bartek, ConsentStatus.GIVEN)  # he gave it himself
    consent(ws, celina, ConsentStatus.GIVEN, LegalBasis.LEGITIMATE_INTEREST, notice_sent_at=START)
    refresh(ws.db, clock(), None)
    ((who, kind, due, reason),) = open_reminders(ws, "notice")
    assert (who, kind) == (anna, "custom")
    assert from_db(due) == START + timedelta(days=30)
    assert reason == f"Send the information notice (GDPR Art. 14): added on {START:%Y-%m-%d}"
    assert dawid not in [r[0] for r in open_reminders(ws, "notice")]


def test_sending_the_notice_template_records_it(
    ws: Workspace, clock: TravelClock, account: MailAccount, password: str, smtp_server: MailServer
) -> None:
    anna, bartek = person(ws, "Anna"), person(ws, "Bartek")
    for who in (anna, bartek):
        consent(ws, who, ConsentStatus.GIVEN, LegalBasis.LEGITIMATE_INTEREST)
    refresh(ws.db, clock(), None)
    assert [r[0] for r in open_reminders(ws, "notice")] == [anna, bartek]
    outbox, library = ws.outbox(), ws.templates()
    outbox.queue(outbox.plan(library.get("Information notice"), [anna], account))
    outbox.queue(outbox.plan(Template("Hello", "Hello", "Hi {{ first_name }}"), [bartek], account))

    assert Sender(outbox, account, password, timeout=5).run().sent == 2

    noted = dict(ws.reader.execute("SELECT candidate_id, notice_sent_at FROM consent").fetchall())
    assert from_db(noted[anna]) == clock() and noted[bartek] is None
    assert [r[0] for r in open_reminders(ws, "notice")] == [bartek]
    message = smtp_server.mailbox.received[0].message
    assert message["Subject"] == "How I keep your details, Anna"
