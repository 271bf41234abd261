"""`talentdesk team …`: the team database on a PostgreSQL server. `connect URL` tests one and
saves it (team mode is still being built: the window and the other commands keep the local
database until it is complete; `--database URL` opens a team database for one command), `status`
says which is saved, `test` tries it, `forget` forgets it and its password.

The password is never printed. It comes from the URL (and is then moved to the keyring), from
standard input with --password-stdin, or from a prompt on a terminal; the keyring keeps it.
These commands open no database themselves.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import TYPE_CHECKING, Any

from talentdesk.core.errors import TalentDeskError, ValidationError

if TYPE_CHECKING:
    from talentdesk.core.mail.credentials import Credentials
    from talentdesk.core.team.choice import DatabaseChoice
    from talentdesk.core.team.connection import TeamConnection
    from talentdesk.core.team.outcome import Outcome
    from talentdesk.paths import AppPaths


def add_parsers(commands: Any) -> None:
    team = commands.add_parser(
        "team", help="connect to a team database on a PostgreSQL server, or back to the local one"
    )
    sub = team.add_subparsers(
        dest="team_command", metavar="ACTION", required=True, help="what to do"
    )
    connect = sub.add_parser(
        "connect", help="test a team database and save it (with its password in the keyring)"
    )
    connect.add_argument(
        "url",
        metavar="URL",
        help="postgresql://user@server:port/database[?sslmode=verify-full|require|disable]",
    )
    connect.add_argument(
        "--ca-file", metavar="FILE", help="the certificate authority that signed the server's"
    )
    _password_option(connect)
    connect.add_argument(
        "--name",
        metavar="NAME",
        help="your name as your colleagues see it (default: the one given before, else your "
        "login name)",
    )
    connect.add_argument(
        "--no-test", action="store_true", help="remember it without connecting first"
    )
    status = sub.add_parser("status", help="which database TalentDesk opens (never the password)")
    status.add_argument("--json", action="store_true", help="print JSON")
    _password_option(
        sub.add_parser("test", help="connect to the team database and say how it went")
    )
    sub.add_parser("forget", help="forget the saved team database and its password")


def _password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input (for scripts)",
    )


def run(paths: AppPaths, args: argparse.Namespace) -> int:
    from talentdesk.core.mail.credentials import Credentials

    credentials = Credentials()
    handler = {"connect": _connect, "status": _status, "test": _test, "forget": _forget}
    return handler[args.team_command](paths, args, credentials)


def _choice(paths: AppPaths, args: argparse.Namespace, credentials: Credentials) -> DatabaseChoice:
    from talentdesk.core.team.choice import choose_database

    return choose_database(paths.database, getattr(args, "database", None), credentials=credentials)


# ----- connect


def _connect(paths: AppPaths, args: argparse.Namespace, credentials: Credentials) -> int:
    from talentdesk.core.team.connection import parse_url
    from talentdesk.core.team.password import store_password, stored_password
    from talentdesk.core.team.remembered import remember

    conn, password = parse_url(args.url, ca_file=args.ca_file)
    user_name = _user_name(args.name)
    if conn.ca_file:
        _check_ca_file(conn.ca_file)
    from_url = password is not None
    if not from_url:
        if args.password_stdin or sys.stdin.isatty():
            password = _read_password(args, conn)
        else:
            password = stored_password(conn, credentials)
    if args.no_test and conn.unencrypted:
        from talentdesk.core.team.outcome import UNENCRYPTED_WARNING

        print(f"warning: unencrypted (sslmode=disable): {UNENCRYPTED_WARNING}", file=sys.stderr)
    if not args.no_test:
        outcome = _tested(conn, password)
        if not outcome.connected:
            raise TalentDeskError(
                f"{outcome.title}: {outcome.message} Nothing was remembered.",
                "\n".join(filter(None, (outcome.hint, "Or remember it anyway with --no-test."))),
            )
    if password and not store_password(conn, credentials, password):
        raise TalentDeskError(
            f"The keyring cannot keep the password: {credentials.status.reason}.",
            "TalentDesk keeps passwords only in the system keyring. Nothing was remembered.",
        )
    if from_url:
        print("the password in the address was moved to the keyring (never kept in a file)")
    where = remember(conn, user_name=user_name)
    print(f"You are {user_name} on it.")
    print(
        f"Saved the team database {conn.label}. Team mode is still being built: TalentDesk keeps "
        "the local database until it is complete; --database opens the team database now."
    )
    print(f"(remembered in {where}; the password is in the keyring, not in that file)")
    _say_environment_wins()
    return 0


def _user_name(given: str | None) -> str:
    from talentdesk.core.team.remembered import remembered_user_name
    from talentdesk.core.users.names import checked_name, login_name

    try:
        return checked_name(given or remembered_user_name() or login_name())
    except ValidationError as exc:
        raise TalentDeskError(f"--name: {exc.errors['name']}.") from exc


def _check_ca_file(ca_file: str) -> None:
    from pathlib import Path

    if not Path(ca_file).expanduser().is_file():
        raise TalentDeskError(
            f"The certificate authority file {ca_file} does not exist.",
            "Give the .pem or .crt file your administrator gave you.",
        )


def _read_password(args: argparse.Namespace, conn: TeamConnection) -> str | None:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"Password for {conn.label} (Enter if none): ")
    return password or None


def _tested(conn: TeamConnection, password: str | None) -> Outcome:
    from talentdesk.core.team.probe import test_connection

    print(f"connecting to {conn.host}:{conn.port}…", file=sys.stderr, flush=True)
    outcome = test_connection(conn, password)
    if outcome.connected:
        print(outcome.text())
    return outcome


def _say_environment_wins() -> None:
    import os

    from talentdesk.core.team.choice import DATABASE_URL_ENV

    if os.environ.get(DATABASE_URL_ENV, "").strip():
        print(
            f"note: {DATABASE_URL_ENV} is set, and names the database as long as it is",
            file=sys.stderr,
        )


# ----- status, test, forget


def _status(paths: AppPaths, args: argparse.Namespace, credentials: Credentials) -> int:
    from talentdesk.core.team.password import stored_password
    from talentdesk.core.team.remembered import remembered_file

    choice = _choice(paths, args, credentials)
    conn = choice.connection
    info: dict[str, Any] = {
        "kind": "team" if conn else "local",
        "source": choice.source.value,
        "label": choice.label,
        "local_file": str(choice.local_file),
        "remembered_file": str(remembered_file()),
    }
    if conn is not None:
        from talentdesk.core.users.choice import wanted_name

        info |= {
            "user_name": wanted_name(),
            "url": conn.url(),
            **conn.to_json(),
            "unencrypted": conn.unencrypted,
            "password_stored": stored_password(conn, credentials) is not None,
            "keyring": credentials.status.backend,
        }
    if args.json:
        print(json.dumps(info, indent=2))
        return 0
    print(f"database:    {choice.description}")
    print(f"chosen by:   {_SOURCES[choice.source.value]}")
    if conn is not None:
        print(f"address:     {conn.url()}")
        print(f"you are:     {info['user_name']}")
        print(f"encryption:  {conn.tls.label}" + (f", CA {conn.ca_file}" if conn.ca_file else ""))
        kept = "stored in the keyring" if info["password_stored"] else "none stored"
        print(f"password:    {kept} ({credentials.status.backend})")
    print(f"local file:  {choice.local_file}")
    if choice.source.value == "remembered":
        print(
            "note:        saved for team mode, which is still being built: the window and the "
            "other commands open the local file unless given --database."
        )
    return 0


_SOURCES = {
    "option": "the --database option",
    "environment": "TALENTDESK_DATABASE_URL",
    "remembered": "the remembered team connection (talentdesk team forget goes back)",
    "local": "the default: no team database is set up",
}


def _test(paths: AppPaths, args: argparse.Namespace, credentials: Credentials) -> int:
    from talentdesk.core.team.password import stored_password

    conn = _choice(paths, args, credentials).connection
    if conn is None:
        raise TalentDeskError(
            "No team database is set up: TalentDesk opens the local database.",
            "Connect to one with `talentdesk team connect URL`.",
        )
    password = stored_password(conn, credentials)
    if args.password_stdin or (password is None and sys.stdin.isatty()):
        password = _read_password(args, conn)
    outcome = _tested(conn, password)
    if not outcome.connected:
        raise TalentDeskError(f"{outcome.title}: {outcome.message}", outcome.hint)
    return 0


def _forget(paths: AppPaths, args: argparse.Namespace, credentials: Credentials) -> int:
    from talentdesk.core.team.password import forget_password
    from talentdesk.core.team.remembered import forget, remembered

    conn = remembered()
    if conn is not None:
        forget_password(conn, credentials)
    if forget():
        print(f"forgot the team database {conn.label if conn else ''} and its password".strip())
    else:
        print("no team database was remembered")
    print(f"Forgot the team database; TalentDesk uses the local database ({paths.database}).")
    _say_environment_wins()
    return 0
