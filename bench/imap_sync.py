"""Reading a mailbox over IMAP (issue 15, Speed): the first sync of a 10,000-message INBOX and a
sync with nothing new, against the throw-away Dovecot of the tests (tests/imap_server.py, run as
root with dovecot-imapd installed), over implicit TLS on 127.0.0.1.

A third of the messages come from candidates (5,000 of them in the database), a few answer an
outbox message, the rest from strangers (read, matched against nobody, not stored). Beside the
sync a baseline measured in the same run: imapclient fetching every message's header fields in
the same batches, and nothing else (the network and server floor).

Targets: first sync at most 60 s, a sync with nothing new at most 1 s.

    .venv/bin/python bench/imap_sync.py [--messages 10000] [--candidates 5000]
"""

from __future__ import annotations

import argparse
import resource
import ssl
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from imapclient import IMAPClient  # noqa: E402

from talentdesk.core.mail.account import Security  # noqa: E402
from talentdesk.core.mail.imap.account import ImapAccount  # noqa: E402
from talentdesk.core.mail.imap.sync import BATCH, HEADER_PART  # noqa: E402
from talentdesk.core.records import CandidateRecord  # noqa: E402
from talentdesk.core.workspace import Workspace  # noqa: E402
from talentdesk.paths import AppPaths  # noqa: E402
from tests.imap_server import PASSWORD, ImapServer  # noqa: E402


def _message(n: int, candidates: int) -> bytes:
    sender = f"c{n % candidates}@example.com" if n % 3 == 0 else f"stranger{n}@else.test"
    return (
        f"Message-ID: <{n}.bench@example.com>\r\nFrom: {sender}\r\n"
        f"To: recruiter@agency.test\r\nSubject: Message {n}\r\n"
        "Date: Wed, 25 Nov 2026 09:30:00 +0000\r\n"
        'Content-Type: multipart/alternative; boundary="b"\r\nMIME-Version: 1.0\r\n\r\n'
        "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"Thanks for the message, number {n}. "
        * 20
        + "\r\n--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>html</p>\r\n--b--\r\n"
    ).encode()


def _baseline(server: ImapServer, user: str, password: str) -> float:
    started = time.perf_counter()
    context = ssl.create_default_context(cafile=str(server.ca_file))
    with IMAPClient(server.host, server.tls_port, ssl_context=context) as client:
        client.login(user, password)
        client.select_folder("INBOX", readonly=True)
        uids = client.search(["UID", "1:*"])
        for start in range(0, len(uids), BATCH):
            client.fetch(uids[start : start + BATCH], [HEADER_PART, b"INTERNALDATE"])
    return time.perf_counter() - started


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--candidates", type=int, default=5_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, ImapServer() as server:
        user = server.add_user()
        server.deliver_many(user, (_message(n, args.candidates) for n in range(args.messages)))
        ws = Workspace.open(AppPaths(Path(folder) / "data"))
        try:
            for n in range(args.candidates):
                ws.candidates.create(CandidateRecord("C", str(n), f"c{n}@example.com"))
            account = ImapAccount(
                server.host, server.tls_port, Security.TLS, user, ca_file=str(server.ca_file)
            )
            password = PASSWORD  # the test server's throw-away password
            baseline = _baseline(server, user, password)
            peak_mb = _peak_mb()
            started = time.perf_counter()
            first = ws.mail_sync.sync(account, password)
            first_s = time.perf_counter() - started
            started = time.perf_counter()
            again = ws.mail_sync.sync(account, password)
            again_s = time.perf_counter() - started
            after_mb = _peak_mb()
        finally:
            ws.close()
    print(f"mailbox: {args.messages:,} messages, {args.candidates:,} candidates")
    print(
        f"first sync:        {first_s:6.2f} s  (target <= 60 s)  read {first.read:,}, "
        f"matched {first.matched:,}, stored {first.stored:,}"
    )
    print(f"  baseline (headers fetched, nothing else): {baseline:6.2f} s, "
          f"ratio {first_s / baseline:.1f}x")  # fmt: skip
    print(f"nothing new:       {again_s:6.3f} s  (target <= 1 s)  read {again.read:,}")
    print(f"peak memory (RSS): {peak_mb:.0f} MB before the sync, {after_mb:.0f} MB after")


if __name__ == "__main__":
    main()
