"""`talentdesk mail queue` with a template that is too large or too slow: one `error:` line and
exit code 2 when it fails whatever the recipient, the reason per recipient when it fails only
for some; never a traceback, never a hang."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from talentdesk.core import settings
from talentdesk.core.db.models import MailTemplate
from talentdesk.core.mail.account import MAIL_ACCOUNT, MailAccount, Security
from talentdesk.core.mail.outbox import TemplateLibrary
from talentdesk.core.mail.templates import Template
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import session_outside
from tests.integration.conftest import run_cli

TOO_BIG = "the template is too large or too slow to render"


def _setup(data_dir: Path) -> None:
    ws = Workspace.open(AppPaths(data_dir))
    try:
        account = MailAccount(
            "smtp.example.com", 587, Security.STARTTLS, "anna", "anna@example.com", "Anna"
        )
        settings.AppSettings(ws.db.sessions).set(MAIL_ACCOUNT, account.validated())
        for first, last in (("Łukasz", "Wiśniewski"), ("Zofia", "Nowak")):
            ws.candidates.create(CandidateRecord(first, last, f"{last.lower()}@example.com"))
        # Fine with the sample values, too large for Zofia only.
        TemplateLibrary(ws.db.sessions).save(
            Template(
                "Some",
                "Hi {{ first_name }}",
                "Hello{% if first_name == 'Zofia' %}{{ '!' * 10**9 }}{% endif %}",
            )
        )
        # Too large for anyone: stored as an earlier version (which did not check) could have.
        now = datetime.now(UTC)
        with session_outside(ws.paths.database) as session:
            session.add(
                MailTemplate(
                    name="Bomb",
                    subject="Hi",
                    body="{% for a in range(10**6) %}{% for b in range(10**6) %}x"
                    "{% endfor %}{% endfor %}",
                    created_at=now,
                    updated_at=now,
                )
            )
    finally:
        ws.close()


def test_queue_reports_the_limit_per_recipient_or_in_one_line(data_dir: Path) -> None:
    _setup(data_dir)
    some = run_cli("--data-dir", str(data_dir), "mail", "queue", "--template", "Some", "--all")
    assert some.returncode == 0, some.stderr
    assert f"skipped: Zofia Nowak: {TOO_BIG} for them: it would make 1,000,000,000" in some.stdout
    assert "queued 1 message(s), 1 skipped" in some.stdout

    bomb = run_cli("--data-dir", str(data_dir), "mail", "queue", "--template", "Bomb", "--all")
    assert bomb.returncode == 2
    assert "Traceback" not in bomb.stderr
    first = bomb.stderr.splitlines()[0]
    assert first.startswith("error: ") and TOO_BIG in first
    assert "range() of 1,000,000 numbers (at most 100,000)" in first
    assert bomb.stdout == ""
