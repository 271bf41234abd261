"""E-mail sending speed: 1,000 personalised messages through the outbox (render, queue, send
with no rate limit, each marked sent with its timeline entry) to a local aiosmtpd server with
STARTTLS and AUTH, beside a baseline in the same run that sends the same 1,000 pre-rendered
messages with plain smtplib over one connection. Target: outbox time <= 2x the baseline.

    .venv/bin/python bench/mail.py [--messages 1000]
"""

from __future__ import annotations

import argparse
import smtplib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from talentdesk.core import settings  # noqa: E402
from talentdesk.core.mail.account import MAIL_ACCOUNT, MailAccount, Security  # noqa: E402
from talentdesk.core.mail.outbox import Outbox, Sender  # noqa: E402
from talentdesk.core.mail.smtp import build_message, tls_context  # noqa: E402
from talentdesk.core.mail.templates import STARTER_TEMPLATES  # noqa: E402
from talentdesk.core.records import CandidateRecord  # noqa: E402
from talentdesk.core.workspace import Workspace  # noqa: E402
from talentdesk.paths import AppPaths  # noqa: E402
from tests.mail_server import PASSWORD, USER, MailServer, make_certificates  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1000)
    n = parser.parse_args().messages
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        server = MailServer(make_certificates(folder / "certs")).start()
        account = MailAccount(
            "127.0.0.1", server.port, Security.STARTTLS, USER, "anna@example.com", "Anna",
            signature="Anna Żółkiewska\nTalentDesk Recruiting", rate_per_minute=0,
            ca_file=str(folder / "certs" / "test-ca.pem"),
        ).validated()  # fmt: skip
        ws = Workspace.open(AppPaths(folder / "data"))
        with ws.db.sessions.begin() as session:
            settings.write(session, MAIL_ACCOUNT, account)
        ids = [
            ws.candidates.create(
                CandidateRecord("Łukasz", f"Wiśniewski {i}", f"c{i}@example.com", company="Acme")
            )
            for i in range(n)
        ]
        template = next(t for t in STARTER_TEMPLATES if t.name == "Check-in")
        outbox = Outbox(ws.db.sessions, ws.clock)

        started = time.perf_counter()
        plan = outbox.plan(template, ids, account, with_html=True)
        outbox.queue(plan)
        render_s = time.perf_counter() - started
        report = Sender(outbox, account, PASSWORD, timeout=10).run()
        outbox_s = time.perf_counter() - started
        assert report.sent == n, report

        messages = [
            build_message(account, d.to_name, d.to_address, d.subject, d.text, d.html)
            for d in plan.drafts
        ]
        started = time.perf_counter()
        with smtplib.SMTP(account.host, account.port, timeout=10) as smtp:
            smtp.starttls(context=tls_context(account))
            smtp.login(USER, PASSWORD)
            for message in messages:
                smtp.send_message(message)
        baseline_s = time.perf_counter() - started
        assert len(server.mailbox.received) == 2 * n
        ws.close()
        server.stop()
    print(f"outbox:   {n:,} messages in {outbox_s:.2f} s (render+queue {render_s:.2f} s)")
    print(
        f"baseline: {n:,} pre-rendered messages over one smtplib connection in {baseline_s:.2f} s"
    )
    print(f"ratio:    {outbox_s / baseline_s:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
