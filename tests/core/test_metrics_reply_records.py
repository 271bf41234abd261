"""Reply rate and time to respond from what the outbox records, written by its own services:
the template a message came from (kept when queued) and its first reply (a logged reply, as
the mailbox sync sets it), sent through a real SMTP server."""

from __future__ import annotations

from datetime import timedelta

from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.outbox import Outbox, Sender
from talentdesk.core.mail.templates import Template
from talentdesk.core.metrics import Filters
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock
from tests.mail_server import MailServer
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

UPDATE = Template("Pool update", "News, {{ first_name }}", "Hello {{ first_name }}")
OWN_WORDS = Template("", "Lunch?", "Lunch, {{ first_name }}?")


def test_replies_and_templates_as_the_outbox_records_them(
    ws: Workspace,
    clock: TravelClock,
    account: MailAccount,
    password: str,
    smtp_server: MailServer,
) -> None:
    ann, ben = (
        ws.candidates.create(CandidateRecord(n, "Test", f"{n.lower()}@example.com"))
        for n in ("Ann", "Ben")
    )
    outbox = Outbox(ws.db.sessions, ws.clock)
    sent_at = clock.now
    # Ben writes a day before anything is sent to him: that answers nothing.
    outbox.log_reply(ben, sent_at - timedelta(days=1))
    outbox.queue(outbox.plan(UPDATE, [ann, ben], account))
    outbox.queue(outbox.plan(OWN_WORDS, [ben], account))
    Sender(outbox, account, password, timeout=5).run()
    to_ann = next(e for e in outbox.entries() if e.candidate_id == ann)
    # Ann answers twice (the second reply logged first): one reply, after 2 hours.
    outbox.log_reply(ann, sent_at + timedelta(hours=5), message_id=to_ann.id)
    outbox.log_reply(ann, sent_at + timedelta(hours=2), message_id=to_ann.id)

    figure = ws.metrics.figure("replies", Filters())
    by_template = {r.key: (r.values["sent"], r.values["replied"]) for r in figure.table(
        "by_template").rows}  # fmt: skip
    assert by_template == {"Pool update": (2, 1), "No template (own words)": (1, 0)}
    everyone = figure.table("reply_rate").row("all")
    assert everyone is not None and everyone.people["replied"] == (ann,)
    assert "Pool update" in ws.metrics.template_names()
    narrowed = ws.metrics.figure("replies", Filters(template="pool UPDATE"))
    assert [r.values["sent"] for r in narrowed.table("reply_rate").rows] == [2]

    times = ws.metrics.figure("response_times", Filters()).table("response_times")
    candidates = times.row("candidates")
    assert candidates is not None
    assert candidates.values == {"answered": 1, "median": 2.0, "p90": 2.0, "waiting": 1}
    assert candidates.people["waiting"] == (ben,)
