"""`talentdesk mail account` shows or sets up the SMTP account, `talentdesk mail test` sends the
test message, `talentdesk mail queue` puts personalised messages in the outbox; `talentdesk
outbox` lists the outbox and `talentdesk outbox --send` sends what is queued, with progress on
stderr.

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

from talentdesk import cli_imap
from talentdesk.core.errors import TalentDeskError
from talentdesk.progress_line import ProgressLine


def add_parsers(commands: Any) -> None:
    mail = commands.add_parser("mail", help="the e-mail account: test it, store its password")
    actions = mail.add_subparsers(
        dest="mail_command", metavar="ACTION", required=True, help="what to do"
    )
    account = actions.add_parser(
        "account", help="show the e-mail account, or set it up (options left out stay as they are)"
    )
    account.add_argument("--host", help="the SMTP server, such as smtp.example.com")
    account.add_argument("--port", type=int, help="usually 465 (tls) or 587 (starttls)")
    account.add_argument(
        "--security",
        choices=("tls", "starttls", "plain"),
        help="tls (encrypted from the start), starttls (upgraded after connecting) or plain "
        "(unencrypted: only to a server on this computer)",
    )
    account.add_argument("--user", help="the user name to log in with")
    account.add_argument("--from", dest="sender_address", metavar="ADDRESS", help="your address")
    account.add_argument("--name", dest="sender_name", help="your name, as recipients see it")
    account.add_argument("--reply-to", metavar="ADDRESS", help="where replies go ('' for none)")
    account.add_argument("--signature", help="appended to every message")
    account.add_argument(
        "--rate", type=int, metavar="N", help="messages per minute (0: no limit; default 20)"
    )
    account.add_argument(
        "--ca-file", metavar="PEM", help="extra certificate authorities to trust ('' for none)"
    )
    queue = actions.add_parser("queue", help="queue a personalised message per recipient")
    queue.add_argument("--template", required=True, help="the template's name")
    whom = queue.add_mutually_exclusive_group(required=True)
    whom.add_argument("--pool", metavar="NAME", help="the members of this pool")
    whom.add_argument("--search", metavar="QUERY", help="the candidates this search finds")
    whom.add_argument("--all", action="store_true", help="every candidate")
    queue.add_argument(
        "--dry-run", action="store_true", help="say who would get it and who not, queue nothing"
    )
    test = actions.add_parser("test", help="send a test message to the sender's own address")
    _password_option(test)
    password = actions.add_parser("password", help="store the account's password in the keyring")
    _password_option(password)
    cli_imap.add_parsers(actions, _password_option)

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
            "No e-mail account is set up.",
            "Set it up in the window (Settings → E-mail account) or with "
            "`talentdesk mail account`.",
        )


def run_mail(ws: Any, args: argparse.Namespace) -> int:
    from talentdesk.core.mail.credentials import Credentials
    from talentdesk.core.mail.smtp import send_test_message

    if args.mail_command == "account":
        return _account_command(ws, args)
    if args.mail_command == "queue":
        return _queue(ws, args)
    if args.mail_command in ("imap", "imap-test", "imap-password", "sync"):
        return cli_imap.run(ws, args, _read_password)
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
                "cancelled": e.cancelled,  # as "status": "cancelled" (older scripts read this)
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
        print(f"{e.id:>6}  {e.shown_status:<9}  {e.to_address:<32}  {e.subject}")
        if e.error and e.status.value != "sent":
            print(f"{'':>19}{e.error}")
    print(", ".join(f"{n:,} {status}" for status, n in counts.items()))
    return 0


def _send(ws: Any, outbox: Any, args: argparse.Namespace) -> int:
    from talentdesk.core.mail.credentials import Credentials
    from talentdesk.core.mail.outbox import Sender

    account = _account(ws)
    credentials = Credentials()
    password = _password(args, credentials, account.keyring_user)

    line = ProgressLine()

    def progress(done: int, total: int) -> None:
        line.show(f"sending… {done:,} / {total:,}")

    try:
        report = Sender(outbox, account, password).run(progress)
    finally:
        line.end()
    print(f"sent {report.sent:,}, failed {report.failed:,}, to retry {report.retry_later:,}")
    if report.not_contacted:
        print(f"{report.not_contacted:,} not sent: do not contact / consent withdrawn")
    if report.unknown or report.unknown_before:
        print(
            f"{report.unknown + report.unknown_before:,} message(s) may or may not have been "
            "delivered: see "
            "`talentdesk outbox`, then --mark-sent ID or --send-again ID",
        )
    if report.next_retry_at is not None:
        print(f"the next queued message is due at {report.next_retry_at:%Y-%m-%d %H:%M} UTC")
    if report.stopped is not None:
        raise report.stopped
    return 1 if report.failed else 0


_ACCOUNT_OPTIONS = {
    "host": "host",
    "port": "port",
    "security": "security",
    "user": "username",
    "sender_address": "sender_address",
    "sender_name": "sender_name",
    "reply_to": "reply_to",
    "signature": "signature",
    "rate": "rate_per_minute",
    "ca_file": "ca_file",
}
_REQUIRED = {"host": "--host", "port": "--port", "security": "--security", "username": "--user",
             "sender_address": "--from"}  # fmt: skip


def _account_command(ws: Any, args: argparse.Namespace) -> int:
    from dataclasses import replace

    from talentdesk.core.errors import ValidationError
    from talentdesk.core.mail.account import MailAccount

    changes = {
        field: getattr(args, option)
        for option, field in _ACCOUNT_OPTIONS.items()
        if getattr(args, option) is not None
    }
    current = ws.mail_accounts().get()  # this recruiter's own
    if not changes:
        if current is None:
            raise NoAccountError()
        _print_account(current)
        return 0
    if current is None:
        missing = {f: "needed for a new account" for f in _REQUIRED if f not in changes}
        if missing:
            raise ValidationError({_REQUIRED[f]: why for f, why in missing.items()})
        account = MailAccount(**changes)
    else:
        account = replace(current, **changes)
    if account.reply_to == "":
        account = replace(account, reply_to=None)
    account = account.validated()
    ws.mail_accounts().set(account)
    print("saved the e-mail account")
    _print_account(account)
    return 0


def _print_account(account: Any) -> None:
    rate = f"{account.rate_per_minute} a minute" if account.rate_per_minute else "no limit"
    sender = (
        f"{account.sender_name} <{account.sender_address}>"
        if account.sender_name
        else (account.sender_address)
    )
    rows = [
        ("server", f"{account.host}:{account.port} ({account.security.label})"),
        ("user", account.username),
        ("from", sender),
        ("reply-to", account.reply_to or "—"),
        ("rate", rate),
        ("signature", " / ".join(account.signature.splitlines()) or "—"),
    ]
    if account.ca_file:
        rows.append(("CA file", account.ca_file))
    for label, value in rows:
        print(f"{label + ':':<11}{value}")
    print(f"{'password:':<11}in the keyring, never shown (`talentdesk mail password` sets it)")


def _queue(ws: Any, args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from talentdesk.core.candidate_list import ListQuery
    from talentdesk.core.db.models import Pool
    from talentdesk.core.errors import NotFoundError
    from talentdesk.core.mail.outbox import Outbox, TemplateLibrary

    account = _account(ws)
    template = TemplateLibrary(ws.db.sessions, ws.clock).get(args.template)
    pool_id = None
    if args.pool is not None:
        with ws.db.sessions() as session:
            pool_id = session.scalar(
                select(Pool.id).where(func.lower(Pool.name) == args.pool.strip().lower())
            )
        if pool_id is None:
            raise NotFoundError(f"There is no pool called {args.pool!r}.")
    ids = ws.listing.ids(ListQuery(pool_id=pool_id, search=args.search or ""))
    outbox = Outbox(ws.db.sessions, ws.clock)
    plan = outbox.plan(template, ids, account, pool_id=pool_id)
    for skipped in plan.skipped:
        print(f"skipped: {skipped.name or f'candidate {skipped.candidate_id}'}: {skipped.reason}")
    if plan.not_contacted:
        print(plan.not_contacted)
    if args.dry_run:
        for draft in plan.drafts:
            print(f"would send to {draft.to_name} <{draft.to_address}>: {draft.subject}")
        print(f"{len(plan.drafts):,} message(s) would be queued, {len(plan.skipped):,} skipped")
        return 0
    queued = outbox.queue(plan)
    print(f"queued {queued:,} message(s), {len(plan.skipped):,} skipped")
    if queued:
        print("send them with `talentdesk outbox --send`")
    return 0


def _account(ws: Any) -> Any:
    account = ws.mail_accounts().get()  # this recruiter's own
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
