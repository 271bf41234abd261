"""The IMAP test server itself (tests/imap_server.py): what the sync's tests rely on, checked
with a plain IMAP client."""

from __future__ import annotations

import imaplib
import os
import socket
import ssl
import subprocess
import sys
import time
from email.message import EmailMessage
from pathlib import Path

import pytest
from imapclient import IMAPClient

from tests.imap_fixtures import ImapMailbox
from tests.imap_server import ImapServer

ROOT = Path(__file__).resolve().parents[2]


def _context(box: ImapMailbox) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(box.ca_file))


def _client(box: ImapMailbox) -> IMAPClient:
    client = IMAPClient(box.host, box.tls_port, ssl=True, ssl_context=_context(box), timeout=30)
    client.login(box.user, box.password)
    return client


def _message(subject: str = "Re: The backend role") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Jan Kowalski <jan@example.com>"
    message["To"] = "recruiter@example.com"
    message["Subject"] = subject
    message["Message-ID"] = "<reply-1@example.com>"
    message["In-Reply-To"] = "<sent-1@talentdesk.example>"
    message.set_content("Yes, I am interested.\n")
    return message


def test_login_over_implicit_tls_trusting_the_test_ca(imap_server: ImapMailbox) -> None:
    with IMAPClient(
        imap_server.host, imap_server.tls_port, ssl=True, ssl_context=_context(imap_server)
    ) as client:
        client.login(imap_server.user, imap_server.password)
        assert client.select_folder("INBOX", readonly=True)[b"EXISTS"] == 0


def test_login_over_starttls_trusting_the_test_ca(imap_server: ImapMailbox) -> None:
    with IMAPClient(imap_server.host, imap_server.port, ssl=False) as client:
        assert b"STARTTLS" in client.capabilities()
        client.starttls(_context(imap_server))
        client.login(imap_server.user, imap_server.password)
        assert client.folder_exists("Sent")


def test_the_certificate_is_refused_without_the_test_ca(imap_server: ImapMailbox) -> None:
    with pytest.raises(ssl.SSLCertVerificationError):
        imaplib.IMAP4_SSL(
            imap_server.host, imap_server.tls_port, ssl_context=ssl.create_default_context()
        )


def test_a_wrong_password_is_refused(imap_server: ImapMailbox) -> None:
    with (
        IMAPClient(
            imap_server.host, imap_server.tls_port, ssl=True, ssl_context=_context(imap_server)
        ) as client,
        pytest.raises(IMAPClient.Error, match=r"(?i)authentication failed"),
    ):
        client.login(imap_server.user, "not the password")


def test_a_delivered_message_is_in_the_inbox_with_its_headers(imap_server: ImapMailbox) -> None:
    imap_server.deliver(_message())
    with _client(imap_server) as client:
        client.select_folder("INBOX", readonly=True)
        [uid] = client.search()
        fetched = client.fetch([uid], ["ENVELOPE", "BODY.PEEK[HEADER.FIELDS (IN-REPLY-TO)]"])[uid]
    envelope = fetched[b"ENVELOPE"]
    assert envelope.subject == b"Re: The backend role"
    assert envelope.message_id == b"<reply-1@example.com>"
    assert envelope.from_[0].mailbox == b"jan" and envelope.from_[0].host == b"example.com"
    assert b"<sent-1@talentdesk.example>" in fetched[b"BODY[HEADER.FIELDS (IN-REPLY-TO)]"]


def test_an_appended_message_is_in_the_sent_folder(imap_server: ImapMailbox) -> None:
    imap_server.append(_message("The backend role"), "Sent", flags="\\Seen")
    with _client(imap_server) as client:
        client.select_folder("Sent", readonly=True)
        [uid] = client.search()
        assert b"\\Seen" in client.get_flags([uid])[uid]


def test_the_sent_folder_is_flagged_special_use(imap_server: ImapMailbox) -> None:
    with _client(imap_server) as client:
        folders = {name: flags for flags, _, name in client.list_folders()}
        assert client.find_special_folder(b"\\Sent") == "Sent"
    assert b"\\Sent" in folders["Sent"] and b"\\Trash" in folders["Trash"]
    assert "INBOX" in folders


def test_examine_and_peek_leave_a_message_unread(imap_server: ImapMailbox) -> None:
    imap_server.deliver(_message())
    with _client(imap_server) as client:
        client.select_folder("INBOX", readonly=True)
        [uid] = client.search()
        client.fetch([uid], ["BODY.PEEK[]"])
    with _client(imap_server) as client:
        client.select_folder("INBOX", readonly=True)
        assert client.search(["UNSEEN"]) == [uid]


def test_a_message_delivered_as_seen_is_seen(imap_server: ImapMailbox) -> None:
    imap_server.deliver(_message(), seen=True)
    with _client(imap_server) as client:
        client.select_folder("INBOX", readonly=True)
        assert client.search(["UNSEEN"]) == [] and len(client.search(["SEEN"])) == 1


def test_each_test_gets_an_empty_mailbox(imap_server: ImapMailbox) -> None:
    imap_server.fill(3)
    client = imap_server.login()
    assert client.select("INBOX", readonly=True) == ("OK", [b"3"])
    client.logout()
    other = ImapMailbox(imap_server.server, imap_server.server.add_user())
    with _client(other) as client:
        assert client.select_folder("INBOX", readonly=True)[b"EXISTS"] == 0


def test_a_full_folder_is_read_in_order(imap_server: ImapMailbox) -> None:
    imap_server.fill(2000, "Archive")
    with _client(imap_server) as client:
        status = client.folder_status("Archive", ["MESSAGES", "UIDNEXT"])
        client.select_folder("Archive", readonly=True)
        last = client.fetch([2000], ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])[2000]
    assert status[b"MESSAGES"] == 2000 and status[b"UIDNEXT"] == 2001
    assert b"<2000.fill@example.com>" in last[b"BODY[HEADER.FIELDS (MESSAGE-ID)]"]


def test_uidvalidity_changes_on_demand(imap_server: ImapMailbox) -> None:
    imap_server.fill(2)
    with _client(imap_server) as client:
        before = client.select_folder("INBOX", readonly=True)[b"UIDVALIDITY"]
    changed = imap_server.change_uidvalidity()
    with _client(imap_server) as client:
        after = client.select_folder("INBOX", readonly=True)
    assert after[b"UIDVALIDITY"] == changed != before
    assert after[b"EXISTS"] == 2


def test_a_rebuilt_folder_has_a_new_uidvalidity_and_keeps_its_mail(
    imap_server: ImapMailbox,
) -> None:
    imap_server.fill(3)
    before = imap_server.uidvalidity()
    imap_server.rebuild_folder()
    with _client(imap_server) as client:
        after = client.select_folder("INBOX", readonly=True)
    assert after[b"UIDVALIDITY"] != before and after[b"EXISTS"] == 3


def test_other_special_folder_names(tmp_path: Path) -> None:
    names = {"Sent Items": "\\Sent", "Wysłane/Stare": "\\Archive"}
    with ImapServer(special_use=names) as server:
        box = ImapMailbox(server, server.add_user())
        box.fill(2, "Wysłane/Stare")
        with _client(box) as client:
            assert client.find_special_folder(b"\\Sent") == "Sent Items"
            assert client.find_special_folder(b"\\Archive") == "Wysłane/Stare"
            assert client.select_folder("Wysłane/Stare", readonly=True)[b"EXISTS"] == 2


def test_kicking_drops_the_connection(imap_server: ImapMailbox) -> None:
    client = _client(imap_server)
    client.select_folder("INBOX", readonly=True)
    imap_server.kick()
    with pytest.raises((IMAPClient.AbortError, OSError)):
        client.noop()
        client.noop()


def test_stopping_refuses_connections_and_starting_again_keeps_the_mail(
    imap_server: ImapMailbox,
) -> None:
    imap_server.fill(1)
    client = _client(imap_server)
    imap_server.stop()
    with pytest.raises((IMAPClient.AbortError, OSError)):
        client.noop()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection((imap_server.host, imap_server.tls_port), timeout=5).close()
    imap_server.start()
    with _client(imap_server) as client:
        assert client.select_folder("INBOX", readonly=True)[b"EXISTS"] == 1


def _without_dovecot(tmp_path: Path, ci: str) -> subprocess.CompletedProcess[str]:
    """A test asking for `imap_server`, run by its own pytest on a machine without Dovecot."""
    (tmp_path / "conftest.py").write_text('pytest_plugins = ["tests.imap_fixtures"]\n')
    (tmp_path / "test_mail.py").write_text("def test_reading(imap_server):\n    pass\n")
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TALENTDESK_TEST_DOVECOT": str(tmp_path / "no-dovecot-here"),
        "CI": ci,
    }
    quiet = ["-q", "-rs", "-p", "no:cacheprovider", "-p", "no:pytest-qt"]
    return subprocess.run(
        [sys.executable, "-m", "pytest", *quiet],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_dovecot_the_imap_tests_are_skipped_with_the_reason(tmp_path: Path) -> None:
    done = _without_dovecot(tmp_path, ci="")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 skipped" in done.stdout
    assert "dovecot is not installed (Debian package dovecot-imapd" in done.stdout


def test_without_dovecot_in_ci_the_imap_tests_fail(tmp_path: Path) -> None:
    done = _without_dovecot(tmp_path, ci="true")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "1 error" in done.stdout and "skipped" not in done.stdout
    assert "CI=true but dovecot is not installed" in done.stdout


def _group_alive(group: int) -> bool:
    """A process of this process group still running (zombies, left for init, do not count)."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state, _, pgrp = stat.read_text().rsplit(")", 1)[1].split()[:3]
        except (OSError, ValueError):
            continue
        if state != "Z" and int(pgrp) == group:
            return True
    return False


def test_nothing_is_left_when_the_test_process_dies(tmp_path: Path) -> None:
    script = (
        "import os\n"
        "from tests.imap_server import ImapServer\n"
        "server = ImapServer().start()\n"
        "client = server.login(server.add_user())\n"
        "print(server._process.pid, server.root, flush=True)\n"
        "os._exit(1)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    group, root = done.stdout.split()
    deadline = time.monotonic() + 30
    while (_group_alive(int(group)) or Path(root).exists()) and time.monotonic() < deadline:
        time.sleep(0.05)  # polling for the watchdog's work, with a deadline
    assert not _group_alive(int(group)), "Dovecot processes outlived the test process"
    assert not Path(root).exists()


def test_a_port_taken_before_dovecot_binds_it_is_replaced() -> None:
    server = ImapServer()
    with socket.socket() as squatter:
        squatter.bind((server.host, server.tls_port))
        squatter.listen()
        taken = server.tls_port
        with server:
            assert server.tls_port != taken
            box = ImapMailbox(server, server.add_user())
            with _client(box) as client:
                assert client.select_folder("INBOX", readonly=True)[b"EXISTS"] == 0
