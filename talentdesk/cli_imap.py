"""`talentdesk mail imap` shows or sets up the IMAP account, `talentdesk mail imap-test` logs in
and says what it found, `talentdesk mail sync` reads new mail into the timelines (progress on
stderr). The password comes from the keyring as for SMTP (the SMTP account's when host and user
match), else --password-stdin or a prompt; `talentdesk mail imap-password` stores it."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from talentdesk.core.errors import TalentDeskError
from talentdesk.progress_line import ProgressLine


def add_parsers(actions: Any, password_option: Any) -> None:
    imap = actions.add_parser(
        "imap",
        help="show the IMAP account (replies), or set it up (options left out stay as they are)",
    )
    imap.add_argument("--host", help="the IMAP server, such as imap.example.com")
    imap.add_argument("--port", type=int, help="usually 993 (tls) or 143 (starttls)")
    imap.add_argument("--security", choices=("tls", "starttls", "plain"), help="as for SMTP")
    imap.add_argument("--user", help="the user name to log in with")
    imap.add_argument(
        "--folders",
        metavar="NAMES",
        help="folders to read, comma-separated ('' for INBOX and the Sent folder)",
    )
    imap.add_argument(
        "--sent-folder", metavar="NAME", help="the folder of mail you sent ('' to find it)"
    )
    imap.add_argument(
        "--every",
        type=int,
        metavar="MINUTES",
        help="sync in the background every N minutes (0: off)",
    )
    imap.add_argument(
        "--ca-file", metavar="PEM", help="extra certificate authorities to trust ('' for none)"
    )
    test = actions.add_parser("imap-test", help="log in to the IMAP server and list what it has")
    password_option(test)
    stored = actions.add_parser("imap-password", help="store the IMAP password in the keyring")
    password_option(stored)
    sync = actions.add_parser("sync", help="read new mail over IMAP into the timelines")
    sync.add_argument("--json", action="store_true", help="print the summary as JSON")
    password_option(sync)


class NoImapAccountError(TalentDeskError):
    def __init__(self) -> None:
        super().__init__(
            "No IMAP account is set up.",
            "Set it up in the window (E-mail → Mailbox for replies (IMAP)…) or with "
            "`talentdesk mail imap --host … --user …`.",
        )


def run(ws: Any, args: argparse.Namespace, read_password: Any) -> int:
    from talentdesk.core.mail.credentials import Credentials

    service = ws.mail_sync
    if args.mail_command == "imap":
        return _configure(service, args)
    account = service.account()
    if account is None:
        raise NoImapAccountError()
    credentials = Credentials()
    user = service.password_user(account)
    if args.mail_command == "imap-password":
        if service.store_password(account, credentials, read_password(args, credentials, user)):
            print(f"stored the password in the keyring ({credentials.status.backend})")
            return 0
        print(f"error: the keyring cannot keep it: {credentials.status.reason}", file=sys.stderr)
        return 2
    password = service.password(account, credentials)
    if password is None:
        password = read_password(args, credentials, user)
    if args.mail_command == "imap-test":
        for line in service.test(account, password).lines():
            print(line)
        return 0
    return _sync(service, account, password, args.json)


def _sync(service: Any, account: Any, password: str, as_json: bool) -> int:
    line = ProgressLine()

    def progress(step: Any) -> None:
        line.show(f"{step.folder}: {step.done:,} / {step.total:,}")

    try:
        summary = service.sync(account, password, progress)
    finally:
        line.end()
    if as_json:
        print(json.dumps(summary.as_json(), ensure_ascii=False, indent=2))
        return 0
    for folder in summary.folders:
        again = " (read again: the server renumbered it)" if folder.reread else ""
        print(f"{folder.name}: {folder.read:,} new, {folder.matched:,} about candidates{again}")
    print(
        f"{summary.stored:,} added to timelines, {summary.replies:,} outbox message(s) replied, "
        f"in {summary.seconds:.1f} s"
    )
    for reason, count in sorted(summary.skipped.items()):
        print(f"skipped {count:,}: {reason}")
    if summary.replaced:
        print(f"{summary.replaced:,} in an unknown charset: read with replacement characters")
    return 0


def _configure(service: Any, args: argparse.Namespace) -> int:
    from dataclasses import replace

    from talentdesk.core.errors import ValidationError
    from talentdesk.core.mail.imap.account import ImapAccount

    changes: dict[str, Any] = {
        field: value
        for field, value in (
            ("host", args.host),
            ("port", args.port),
            ("security", args.security),
            ("username", args.user),
            ("sent_folder", args.sent_folder),
            ("ca_file", args.ca_file),
        )
        if value is not None
    }
    if args.folders is not None:
        changes["folders"] = tuple(f for f in args.folders.split(",") if f.strip())
    current = service.account()
    if not changes and args.every is None:
        if current is None:
            raise NoImapAccountError()
        _print(current, service.interval_minutes())
        return 0
    account = current
    if changes:
        if current is None:
            needed = {"host": "--host", "port": "--port", "security": "--security",
                      "username": "--user"}  # fmt: skip
            missing = {flag: "needed for a new account" for f, flag in needed.items()
                       if f not in changes}  # fmt: skip
            if missing:
                raise ValidationError(missing)
            smtp = service.smtp_account()
            own = (smtp.sender_address.lower(),) if smtp else ()
            account = ImapAccount(**changes, own_addresses=own)
        else:
            account = replace(current, **changes)
        account = account.validated()
    service.save_account(account, args.every)
    print("saved the IMAP account")
    if account is not None:
        _print(account, service.interval_minutes())
    return 0


def _print(account: Any, minutes: int) -> None:
    rows = [
        ("server", f"{account.host}:{account.port} ({account.security.label})"),
        ("user", account.username),
        ("folders", ", ".join(account.folders) or "INBOX and the Sent folder"),
        ("sent", account.sent_folder or "the folder flagged Sent"),
        ("sync", f"every {minutes} minutes" if minutes else "only on demand"),
    ]
    if account.ca_file:
        rows.append(("CA file", account.ca_file))
    for label, value in rows:
        print(f"{label + ':':<11}{value}")
    print(f"{'password:':<11}in the keyring, never shown (`talentdesk mail imap-password`)")
