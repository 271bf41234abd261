"""`talentdesk mail imap`, `mail imap-test` and `mail sync --json` as a user runs them, against
the throw-away Dovecot."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.imap_fixtures import ImapMailbox


def _cli(
    data_dir: Path, *args: str, password: str | None = None
) -> subprocess.CompletedProcess[str]:
    # No usable keyring: the password comes on standard input.
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring"}
    extra = ("--password-stdin",) if password is not None else ()
    return subprocess.run(
        [sys.executable, "-m", "talentdesk", "--data-dir", str(data_dir), *args, *extra],
        input=(password or "") + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def _set_up(data_dir: Path, box: ImapMailbox) -> None:
    result = _cli(
        data_dir, "mail", "imap", "--host", box.host, "--port", str(box.tls_port),
        "--security", "tls", "--user", box.user, "--ca-file", str(box.ca_file), "--every", "0",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "sync:      only on demand" in result.stdout
    ws = Workspace.open(AppPaths(data_dir))
    try:
        ws.candidates.create(CandidateRecord("Anna", "Nowak", "anna@example.com"))
    finally:
        ws.close()


def test_imap_test_says_what_it_found_and_what_failed(
    data_dir: Path, imap_server: ImapMailbox
) -> None:
    _set_up(data_dir, imap_server)
    ok = _cli(data_dir, "mail", "imap-test", password=imap_server.password)
    assert ok.returncode == 0, ok.stderr
    assert f"logged in to {imap_server.host}:{imap_server.tls_port} (TLS)" in ok.stdout
    assert "will read INBOX (0 message(s))" in ok.stdout
    assert "sent mail is read from Sent" in ok.stdout
    wrong = _cli(data_dir, "mail", "imap-test", password="nope")
    assert wrong.returncode == 2
    assert wrong.stderr.startswith("error: ")
    assert "rejected the user name or password" in wrong.stderr


def test_mail_sync_json_reports_what_it_read(data_dir: Path, imap_server: ImapMailbox) -> None:
    _set_up(data_dir, imap_server)
    imap_server.deliver(
        b"Message-ID: <r1@example.com>\r\nFrom: anna@example.com\r\nTo: me@agency.test\r\n"
        b"Subject: Re: hello\r\nDate: Fri, 04 Dec 2026 10:00:00 +0000\r\n\r\nYes please\r\n"
    )
    imap_server.deliver(b"From: other@else.test\r\nSubject: spam\r\n\r\nx\r\n")
    first = _cli(data_dir, "mail", "sync", "--json", password=imap_server.password)
    assert first.returncode == 0, first.stderr
    summary = json.loads(first.stdout)
    assert (summary["read"], summary["matched"], summary["stored"]) == (2, 1, 1)
    assert [f["name"] for f in summary["folders"]] == ["INBOX", "Sent"]
    again = json.loads(
        _cli(data_dir, "mail", "sync", "--json", password=imap_server.password).stdout
    )
    assert (again["read"], again["stored"]) == (0, 0)
    words = _cli(data_dir, "mail", "sync", password=imap_server.password)
    assert "INBOX: 0 new, 0 about candidates" in words.stdout
