"""`talentdesk mail test` and `talentdesk outbox` as a user runs them, against a real SMTP server,
including a sending process killed mid-batch."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from talentdesk.core import settings
from talentdesk.core.db.enums import CandidateStatus
from talentdesk.core.mail.account import MAIL_ACCOUNT
from talentdesk.core.mail.outbox import Outbox
from talentdesk.core.mail.templates import Template
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import session_outside
from tests.core.conftest import account_for
from tests.integration.conftest import run_cli
from tests.mail_server import PASSWORD, Certificates, MailServer, make_certificates


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    return make_certificates(tmp_path_factory.mktemp("certs"))


@pytest.fixture
def server(certificates: Certificates) -> Iterator[MailServer]:
    s = MailServer(certificates, "starttls").start()
    yield s
    s.stop()


def _env() -> dict[str, str]:
    # No usable keyring: the password comes on standard input.
    return {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}


def _setup(data_dir: Path, server: MailServer, ca: Path, people: int, rate: int) -> None:
    ws = Workspace.open(AppPaths(data_dir))
    try:
        with session_outside(ws.paths.database) as session:
            account = account_for(server, ca, rate_per_minute=rate)
            settings.write(session, MAIL_ACCOUNT, account)
        ids = [
            ws.candidates.create(CandidateRecord("Łukasz", f"Nr {n}", f"p{n}@example.com"))
            for n in range(people)
        ]
        outbox = Outbox(ws.db.sessions, ws.clock)
        outbox.queue(outbox.plan(Template("t", "Hi {{ first_name }}", "Body"), ids, account))
    finally:
        ws.close()


def test_mail_test_and_outbox(
    data_dir: Path, server: MailServer, certificates: Certificates
) -> None:
    _setup(data_dir, server, certificates.ca_file, 3, 0)
    test = _run(data_dir, "mail", "test", "--password-stdin")
    assert test.returncode == 0, test.stderr
    assert "sent a test message to anna.recruiter@example.com" in test.stdout
    listed = json.loads(_run(data_dir, "outbox", "--json").stdout)
    assert listed["counts"]["queued"] == 3
    sent = _run(data_dir, "outbox", "--send", "--password-stdin")
    assert sent.returncode == 0, sent.stderr
    assert "sent 3, failed 0" in sent.stdout
    assert "sending…" not in sent.stderr  # into a pipe: no progress for a few seconds' work
    assert len(server.mailbox.received) == 4
    assert json.loads(_run(data_dir, "outbox", "--json").stdout)["counts"]["sent"] == 3
    assert PASSWORD not in "".join(
        p.read_text("utf-8", "replace") for p in (data_dir / "logs").iterdir()
    )


def test_without_keyring_or_terminal_it_says_how_to_give_the_password(
    data_dir: Path, server: MailServer, certificates: Certificates
) -> None:
    _setup(data_dir, server, certificates.ca_file, 1, 0)
    result = run_cli("--data-dir", str(data_dir), "outbox", "--send", env=_env())
    assert result.returncode == 2
    assert "No password for the e-mail account" in result.stderr
    assert "--password-stdin" in result.stderr


def test_wrong_password_says_so(
    data_dir: Path, server: MailServer, certificates: Certificates
) -> None:
    _setup(data_dir, server, certificates.ca_file, 1, 0)
    result = _run(data_dir, "mail", "test", "--password-stdin", password="nope")
    assert result.returncode == 2
    assert "rejected the user name or password" in result.stderr


def _run(data_dir: Path, *args: str, password: str = PASSWORD) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "talentdesk", "--data-dir", str(data_dir), *args],
        input=password + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        env=_env(),
    )


def test_killed_mid_batch_no_message_is_delivered_twice(
    data_dir: Path, server: MailServer, certificates: Certificates
) -> None:
    _setup(data_dir, server, certificates.ca_file, 6, 0)
    server.mailbox.delay = 1.0  # a slow server: the kill lands while a message is in flight
    process = subprocess.Popen(
        [sys.executable, "-m", "talentdesk", "--data-dir", str(data_dir), "outbox", "--send",
         "--password-stdin"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, text=True,
        env=_env(),
    )  # fmt: skip
    assert process.stdin is not None
    process.stdin.write(PASSWORD + "\n")
    process.stdin.close()
    # The kill lands while the server is still handling the third message.
    server.mailbox.wait_until(lambda box: box.handling >= 3)
    process.send_signal(signal.SIGKILL)
    assert process.wait(timeout=30) == -signal.SIGKILL
    # The slow server finishes what it was given before the second run starts.
    server.mailbox.wait_until(lambda box: len(box.received) >= box.handling)
    server.mailbox.delay = 0.0

    again = _run(data_dir, "outbox", "--send", "--password-stdin")
    assert again.returncode == 0, again.stderr
    assert "may or may not have been delivered" in again.stdout
    delivered = Counter(a for r in server.mailbox.received for a in r.rcpt_tos)
    assert max(delivered.values()) == 1, delivered
    counts = json.loads(_run(data_dir, "outbox", "--json").stdout)["counts"]
    assert counts["unknown"] >= 1 and counts["queued"] == 0 and counts["sending"] == 0
    assert counts["sent"] + counts["unknown"] == 6
    assert len(delivered) >= counts["sent"]


def test_mail_account_sets_up_and_shows_the_account_without_a_password(data_dir: Path) -> None:
    missing = _run(data_dir, "mail", "account", "--host", "smtp.example.com")
    assert missing.returncode == 2
    assert "--port: needed for a new account" in missing.stderr
    plain = _run(data_dir, "mail", "account", "--host", "smtp.example.com", "--port", "25",
                 "--security", "plain", "--user", "anna", "--from", "anna@example.com")  # fmt: skip
    assert plain.returncode == 2
    assert "unencrypted connection is allowed only to this computer" in plain.stderr
    made = _run(data_dir, "mail", "account", "--host", "smtp.example.com", "--port", "587",
                "--security", "starttls", "--user", "anna", "--from", " Anna@Example.com ",
                "--name", "Anna Żółkiewska", "--signature", "Anna\nTalentDesk",
                "--rate", "30")  # fmt: skip
    assert made.returncode == 0, made.stderr
    changed = _run(data_dir, "mail", "account", "--reply-to", "jobs@example.com", "--rate", "0")
    assert changed.returncode == 0, changed.stderr
    shown = _run(data_dir, "mail", "account")
    assert shown.returncode == 0, shown.stderr
    assert "server:    smtp.example.com:587 (STARTTLS)" in shown.stdout
    assert "from:      Anna Żółkiewska <Anna@example.com>"  # domain lower-cased in shown.stdout
    assert "reply-to:  jobs@example.com" in shown.stdout
    assert "rate:      no limit" in shown.stdout
    assert "signature: Anna / TalentDesk" in shown.stdout
    assert PASSWORD not in shown.stdout + shown.stderr
    ws = Workspace.open(AppPaths(data_dir))
    try:
        with ws.db.sessions() as session:
            stored = settings.read(session, MAIL_ACCOUNT)
    finally:
        ws.close()
    assert stored is not None
    assert (stored.username, stored.sender_address, stored.rate_per_minute) == (
        "anna",
        "Anna@example.com",
        0,
    )


def test_mail_queue_plans_skips_and_queues(
    data_dir: Path, server: MailServer, certificates: Certificates
) -> None:
    ws = Workspace.open(AppPaths(data_dir))
    try:
        with session_outside(ws.paths.database) as session:
            settings.write(session, MAIL_ACCOUNT, account_for(server, certificates.ca_file))
        pool = ws.pools.create("Kraków Java")
        rows = [
            CandidateRecord("Łukasz", "Wiśniewski", "lukasz@example.com", company="Allegro"),
            CandidateRecord("No", "Mail", None, company="X"),
            CandidateRecord("No", "Company", "nocompany@example.com"),
        ]
        ids = [ws.candidates.create(r) for r in rows]
        ws.pools.add_members(pool, ids)
        ws.candidates.create(CandidateRecord("Outside", "Pool", "out@example.com", company="Y"))
    finally:
        ws.close()

    dry = _run(data_dir, "mail", "queue", "--template", "check-in", "--pool", "kraków java",
               "--dry-run")  # fmt: skip
    assert dry.returncode == 0, dry.stderr
    assert "skipped: No Mail: no e-mail address" in dry.stdout
    assert "skipped: No Company: no company" in dry.stdout
    assert "would send to Łukasz Wiśniewski <lukasz@example.com>: Catching up, Łukasz" in dry.stdout
    assert "1 message(s) would be queued, 2 skipped" in dry.stdout
    assert json.loads(_run(data_dir, "outbox", "--json").stdout)["counts"]["queued"] == 0

    queued = _run(data_dir, "mail", "queue", "--template", "Check-in", "--search", "outside")
    assert queued.returncode == 0, queued.stderr
    assert "queued 1 message(s), 0 skipped" in queued.stdout
    everyone = _run(data_dir, "mail", "queue", "--template", "Check-in", "--all")
    assert "queued 2 message(s), 2 skipped" in everyone.stdout
    listed = json.loads(_run(data_dir, "outbox", "--json").stdout)["messages"]
    assert sorted(m["to"] for m in listed) == [
        "lukasz@example.com",
        "out@example.com",
        "out@example.com",
    ]
    unknown = _run(data_dir, "mail", "queue", "--template", "Check-in", "--pool", "Nope")
    assert unknown.returncode == 2 and "no pool called 'Nope'" in unknown.stderr


def test_outbox_send_is_refused_while_another_sender_runs(
    data_dir: Path, server: MailServer, certificates: Certificates
) -> None:
    from talentdesk.core.mail.sender_lock import SenderLock

    _setup(data_dir, server, certificates.ca_file, 2, 0)
    with SenderLock(Path(f"{AppPaths(data_dir).database}.sender.lock")):
        busy = _run(data_dir, "outbox", "--send", "--password-stdin")
    assert busy.returncode == 2
    assert "Another TalentDesk is sending the outbox" in busy.stderr
    assert server.mailbox.received == []
    assert json.loads(_run(data_dir, "outbox", "--json").stdout)["counts"]["queued"] == 2


def test_outbox_shows_a_message_cancelled_for_do_not_contact_as_cancelled(
    data_dir: Path, server: MailServer, certificates: Certificates
) -> None:
    _setup(data_dir, server, certificates.ca_file, 2, 0)
    ws = Workspace.open(AppPaths(data_dir))
    try:
        first = ws.reader.execute("SELECT min(id) FROM candidate").fetchone()[0]
        record = ws.candidates.get(first)
        ws.candidates.update(first, replace(record, status=CandidateStatus.DO_NOT_CONTACT))
    finally:
        ws.close()
    listed = _run(data_dir, "outbox")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    cancelled = next(line for line in lines if "p0@example.com" in line)
    assert cancelled.split()[1] == "cancelled"
    assert lines[lines.index(cancelled) + 1].strip() == "Not sent: do not contact"
    queued = next(line for line in lines if "p1@example.com" in line)
    assert queued.split()[1] == "queued"
    rows = json.loads(_run(data_dir, "outbox", "--json").stdout)["messages"]
    shown = {m["to"]: (m["status"], m["cancelled"]) for m in rows}
    assert shown == {"p0@example.com": ("cancelled", True), "p1@example.com": ("queued", False)}
