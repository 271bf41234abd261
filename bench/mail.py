"""E-mail sending speed and the window's responsiveness meanwhile.

TalentDesk: 1,000 personalised messages through the outbox (render, queue, send with no rate
limit, each marked sent with its timeline entry) to a local aiosmtpd server with STARTTLS and
AUTH. Baselines in the same run, the same 1,000 messages pre-rendered, over one plain smtplib
connection: as EmailMessage objects through `send_message` (the target: outbox time <= 2x
this), and as ready bytes through `sendmail` (the protocol and TLS alone, for reference).

The server runs in a process of its own, as a real one would: in this process it would take
the interpreter lock from both the sender and the window.

Responsiveness: the outbox is worked off on a worker thread, as the window does, while this
thread runs a Qt event loop (offscreen) with a 10 ms timer; each tick's lateness is how much
longer than 10 ms it came after the previous one. The same is measured idle for comparison.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/mail.py [--messages 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import smtplib
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from talentdesk.core import settings  # noqa: E402
from talentdesk.core.mail.account import MAIL_ACCOUNT, MailAccount, Security  # noqa: E402
from talentdesk.core.mail.outbox import Outbox, Plan, Sender, SendReport  # noqa: E402
from talentdesk.core.mail.smtp import build_message, tls_context  # noqa: E402
from talentdesk.core.mail.templates import STARTER_TEMPLATES  # noqa: E402
from talentdesk.core.records import CandidateRecord  # noqa: E402
from talentdesk.core.workspace import Workspace  # noqa: E402
from talentdesk.paths import AppPaths  # noqa: E402
from tests.mail_server import PASSWORD, USER  # noqa: E402

TICK_MS = 10


def measure_lateness(busy: Callable[[], bool]) -> list[float]:
    """Run a Qt event loop on this thread while `busy()`; each 10 ms tick's lateness, in ms."""
    from PySide6.QtCore import QCoreApplication, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    late: list[float] = []
    last = time.perf_counter()

    def tick() -> None:
        nonlocal last
        now = time.perf_counter()
        late.append(max((now - last) * 1000 - TICK_MS, 0.0))
        last = now
        if not busy():
            QCoreApplication.quit()

    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(tick)
    timer.start(TICK_MS)
    app.exec()
    timer.stop()
    return late


def lateness_line(label: str, late: list[float]) -> str:
    return (
        f"{label}: {len(late):,} ticks of {TICK_MS} ms, lateness median "
        f"{statistics.median(late):.1f} ms, p99 {sorted(late)[int(len(late) * 0.99)]:.1f} ms, "
        f"max {max(late):.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1000)
    n = parser.parse_args().messages
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        server = subprocess.Popen(
            [sys.executable, "-m", "tests.mail_server", str(folder / "certs")],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert server.stdin is not None and server.stdout is not None
        found = json.loads(server.stdout.readline())
        account = MailAccount(
            "127.0.0.1", found["port"], Security.STARTTLS, USER, "anna@example.com", "Anna",
            signature="Anna Żółkiewska\nTalentDesk Recruiting", rate_per_minute=0,
            ca_file=found["ca_file"],
        ).validated()  # fmt: skip
        ws = Workspace.open(AppPaths(folder / "data"))
        stored: MailAccount | None = account  # the setting's type (None: no account)
        settings.AppSettings(ws.db.sessions).set(MAIL_ACCOUNT, stored)
        ids = [
            ws.candidates.create(
                CandidateRecord("Łukasz", f"Wiśniewski {i}", f"c{i}@example.com", company="Acme")
            )
            for i in range(n)
        ]
        template = next(t for t in STARTER_TEMPLATES if t.name == "Check-in")
        outbox = Outbox(ws.db.sessions, ws.clock)

        idle = measure_lateness(_for(0.5))
        plans: list[Plan] = []
        reports: list[SendReport] = []
        timing: dict[str, float] = {}

        def send() -> None:
            started = time.perf_counter()
            plans.append(outbox.plan(template, ids, account, with_html=True))
            outbox.queue(plans[0])
            timing["render"] = time.perf_counter() - started
            reports.append(Sender(outbox, account, PASSWORD, timeout=10).run())
            timing["outbox"] = time.perf_counter() - started

        worker = threading.Thread(target=send)
        worker.start()
        sending = measure_lateness(worker.is_alive)
        worker.join()
        assert reports[0].sent == n, reports[0]

        messages = [
            build_message(account, d.to_name, d.to_address, d.subject, d.text, d.html)
            for d in plans[0].drafts
        ]
        objects_s = baseline(account, lambda smtp: [smtp.send_message(m) for m in messages])
        flat = [_flatten(m) for m in messages]
        bytes_s = baseline(
            account,
            lambda smtp: [
                smtp.sendmail(account.sender_address, [m["To"].addresses[0].addr_spec], b)
                for m, b in zip(messages, flat, strict=True)
            ],
        )
        ws.close()
        server.stdin.close()
        received = Counter(a for rcpt in json.loads(server.stdout.readline()) for a in rcpt)
        server.wait(10)
    assert len(received) == n and set(received.values()) == {3}, "one message each, each run"
    outbox_s = timing["outbox"]
    print(f"outbox:     {n:,} messages in {outbox_s:.2f} s (render+queue {timing['render']:.2f} s)")
    print(f"baseline:   {n:,} pre-rendered EmailMessage, smtplib send_message: {objects_s:.2f} s")
    print(f"ratio:      {outbox_s / objects_s:.2f}x (target <= 2x)")
    print(f"reference:  {n:,} ready bytes, smtplib sendmail: {bytes_s:.2f} s")
    print(f"            outbox / reference {outbox_s / bytes_s:.2f}x")
    print(lateness_line("idle       ", idle))
    print(lateness_line("sending    ", sending))


def _for(seconds: float) -> Callable[[], bool]:
    until = time.perf_counter() + seconds
    return lambda: time.perf_counter() < until


def _flatten(message: object) -> bytes:
    from email.generator import BytesGenerator

    out = BytesIO()
    BytesGenerator(out).flatten(message, linesep="\r\n")
    return out.getvalue()


def baseline(account: MailAccount, send_all: Callable[[smtplib.SMTP], object]) -> float:
    started = time.perf_counter()
    with smtplib.SMTP(account.host, account.port, timeout=10) as smtp:
        smtp.starttls(context=tls_context(account))
        smtp.login(USER, PASSWORD)
        send_all(smtp)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
