"""`talentdesk mail test` sends the test message; `talentdesk outbox` lists the outbox and
`talentdesk outbox --send` sends what is queued, with progress on stderr.

The password comes from the keyring (service "TalentDesk"). When the keyring has none, it is
read from standard input with --password-stdin (for scripts; never from an environment
variable or an argument, which other processes can read), else asked for on a terminal. It is
never stored by these commands: `talentdesk mail password` stores it in the keyring.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from talentdesk.core.errors import TalentDeskError


def add_parsers(commands: Any) -> None:
    mail = commands.add_parser("mail", help="the e-mail account: test it, store its password")
    actions = mail.add_subparsers(dest="mail_command", metavar="ACTION", required=True)
    test = actions.add_parser("test", help="send a test message to the sender's own address")
    _password_option(test)
    password = actions.add_parser("password", help="store the account's password in the keyring")
    _password_option(password)

    outbox = commands.add_parser("outbox", help="list the outbox, or send what is queued")
    outbox.add_argument("--json", action="store_true", help="print JSON")
    outbox.add_argument("--send", action="store_true", help="send the queued messages now")
    outbox.add_argument(
        "--mark-sent", type=int, metavar="ID", help="an unknown message was delivered after all"
    )
    outbox.add_argument(
        "--send-again", type=int, metavar="ID", help="queue an unknown or failed message again"
    )
    _password_option(outbox)


def _password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input when the keyring has none",
    )


class NoPasswordError(TalentDeskError):
    def __init__(self, reason: str) -> None:
        super().__init__(
            f"No password for the e-mail account ({reason}).",
            "Store it with `talentdesk mail password` on a terminal, or pass it on standard "
            "input with --password-stdin.",
        )


class NoAccountError(TalentDeskError):
    def __init__(self) -> None:
        super().__init__(
            "No e-mail account is set up.", "Set it up in the window: Settings → E-mail account."
        )


def run_mail(ws: Any, args: argparse.Namespace) -> int:
    from talentdesk.core.mail.credentials import Credentials
    from talentdesk.core.mail.smtp import send_test_message

    account = _account(ws)
    credentials = Credentials()
    if args.mail_command == "password":
        password = _read_password(args, credentials, account.keyring_user)
        if credentials.set(account.keyring_user, password):
            print(f"stored the password in the keyring ({credentials.status.backend})")
            return 0
        print(f"error: the keyring cannot keep it: {credentials.status.reason}", file=sys.stderr)
        return 2
    password = _password(args, credentials, account.keyring_user)
    message_id = send_test_message(account, password, clock=ws.clock)
    print(f"sent a test message to {account.sender_address} ({message_id})")
    return 0


def run_outbox(ws: Any, args: argparse.Namespace) -> int:
    from talentdesk.core.mail.outbox import Outbox

    outbox = Outbox(ws.db.sessions, ws.clock)
    if args.mark_sent is not None:
        outbox.mark_sent(args.mark_sent)
        print(f"message {args.mark_sent} marked sent")
        return 0
    if args.send_again is not None:
        outbox.send_again(args.send_again)
        print(f"message {args.send_again} queued again")
        return 0
    if args.send:
        return _send(ws, outbox, args)
    counts = {status.value: n for status, n in outbox.counts().items()}
    entries = outbox.entries()
    if args.json:
        rows = [
            {
                "id": e.id,
                "candidate_id": e.candidate_id,
                "to": e.to_address,
                "to_name": e.to_name,
                "subject": e.subject,
                "status": e.status.value,
                "attempts": e.attempts,
                "error": e.error,
                "message_id": e.message_id,
                "created_at": e.created_at.isoformat(),
                "sent_at": e.sent_at.isoformat() if e.sent_at else None,
                "next_attempt_at": e.next_attempt_at.isoformat(),
            }
            for e in entries
        ]
        print(json.dumps({"counts": counts, "messages": rows}, ensure_ascii=False, indent=2))
        return 0
    for e in entries:
        print(f"{e.id:>6}  {e.status.value:<8}  {e.to_address:<32}  {e.subject}")
        if e.error and e.status.value != "sent":
            print(f"{'':>18}{e.error}")
    print(", ".join(f"{n:,} {status}" for status, n in counts.items()))
    return 0


def _send(ws: Any, outbox: Any, args: argparse.Namespace) -> int:
    from talentdesk.core.mail.credentials import Credentials
    from talentdesk.core.mail.outbox import Sender

    account = _account(ws)
    credentials = Credentials()
    password = _password(args, credentials, account.keyring_user)

    def progress(done: int, total: int) -> None:
        print(f"\rsending… {done:,} / {total:,}", end="", file=sys.stderr, flush=True)

    report = Sender(outbox, account, password).run(progress)
    print(file=sys.stderr)
    print(f"sent {report.sent:,}, failed {report.failed:,}, to retry {report.retry_later:,}")
    if report.unknown_before:
        print(
            f"{report.unknown_before:,} message(s) may or may not have been delivered: see "
            "`talentdesk outbox`, then --mark-sent ID or --send-again ID",
        )
    if report.next_retry_at is not None:
        print(f"the next queued message is due at {report.next_retry_at:%Y-%m-%d %H:%M} UTC")
    if report.stopped is not None:
        raise report.stopped
    return 1 if report.failed else 0


def _account(ws: Any) -> Any:
    from talentdesk.core import settings
    from talentdesk.core.mail.account import MAIL_ACCOUNT

    with ws.db.sessions() as session:
        account = settings.read(session, MAIL_ACCOUNT)
    if account is None:
        raise NoAccountError()
    return account


def _password(args: argparse.Namespace, credentials: Any, user: str) -> str:
    stored = credentials.get(user)
    return stored if stored is not None else _read_password(args, credentials, user)


def _read_password(args: argparse.Namespace, credentials: Any, user: str) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        password = getpass.getpass(f"Password for {user}: ")
    else:
        reason = credentials.status.reason or "the keyring has none"
        raise NoPasswordError(f"{reason}; standard input is not a terminal")
    if not password:
        raise NoPasswordError("an empty password was given")
    return password
