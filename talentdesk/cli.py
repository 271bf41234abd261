"""The one entry point: `talentdesk` opens the window, `talentdesk COMMAND` works headless."""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import talentdesk
from talentdesk import APP_NAME
from talentdesk.core.errors import TalentDeskError
from talentdesk.display import no_display_message
from talentdesk.log import log_file, setup_logging
from talentdesk.paths import (
    DATA_DIR_ENV,
    DATABASE_URL_ENV,
    check_data_dir_option,
    chosen_database_url,
    resolve_paths,
)
from talentdesk.progress_line import ProgressLine

if TYPE_CHECKING:
    from talentdesk.core.ops.writer import Waiting

log = logging.getLogger(__name__)
# A change from the command line waits this long for another TalentDesk's long write.
CLI_MAX_WAIT_S = 600.0


class _VersionAction(argparse.Action):
    """--version, looked up only when asked (the lookup is slow enough to matter at start)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any) -> None:
        parser.exit(message=f"{APP_NAME} {talentdesk.__version__}\n")


# Who adds each group of commands, in the order --help lists them.
_PARSER_MAKERS = (
    ("cli_import", "add_parser"),
    ("cli_export", "add_parser"),
    ("cli_reminders", "add_parsers"),
    ("cli_mail", "add_parsers"),
    ("cli_backups", "add_parsers"),
    ("cli_vacancy", "add_parsers"),
    ("cli_merge", "add_parser"),
    ("cli_lists", "add_parsers"),
    ("cli_duplicates", "add_parsers"),
    ("cli_metrics", "add_parser"),
    ("cli_privacy", "add_parsers"),
    ("cli_team", "add_parsers"),
    ("cli_migrate", "add_parsers"),
    ("cli_users", "add_parsers"),
)
# The read-only commands a script runs often, and the module adding each: their command line
# is parsed with that module's commands alone, so nothing else is imported (start-up time).
_QUICK: dict[str, str | None] = {
    "info": None,
    "search": "cli_lists",
    "lists": "cli_lists",
    "list": "cli_lists",
    "due": "cli_reminders",
}
# Global options that take a value (argparse also accepts any unambiguous prefix of them).
_VALUED = ("--data-dir", "--wait", "--database")
# What runs each command: (module, function); None for the ones in this file.
_HANDLERS: dict[str, tuple[str, str] | None] = {
    "info": None,
    "seed": None,
    "search": ("cli_lists", "run_search"),
    "lists": ("cli_lists", "run_lists"),
    "list": ("cli_lists", "run_list"),
    "import": ("cli_import", "run"),
    "export": ("cli_export", "run"),
    "due": ("cli_reminders", "run_due"),
    "reminders": ("cli_reminders", "run_reminders"),
    "mail": ("cli_mail", "run_mail"),
    "outbox": ("cli_mail", "run_outbox"),
    "vacancy": ("cli_vacancy", "run"),
    "merge": ("cli_merge", "run"),
    "duplicates": ("cli_duplicates", "run"),
    "metrics": ("cli_metrics", "run"),
    "privacy": ("cli_privacy", "run"),
    "migrate-to": ("cli_migrate", "run"),
    "users": ("cli_users", "run"),
}


def _parser_makers(only: str | None) -> tuple[tuple[str, str], ...]:
    if only in _QUICK:
        return tuple(m for m in _PARSER_MAKERS if m[0] == _QUICK[only])
    return _PARSER_MAKERS


def quick_command(argv: Sequence[str]) -> str | None:
    """The command in `argv` when it is one of the quick read-only ones (None otherwise, or
    when help is asked for the whole program: that lists every command)."""
    skip = False
    for token in argv:
        if skip:
            skip = False
            continue
        if token.startswith("--") and "=" not in token and len(token) > 2:
            if any(option.startswith(token) for option in _VALUED):
                skip = True
            elif "--help".startswith(token):
                return None
            continue
        if token == "-h":
            return None
        if token.startswith("-"):
            continue
        return token if token in _QUICK else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """Every command's parser; given `only`, a quick command (see `quick_command`), its own
    group of commands alone."""
    parser = argparse.ArgumentParser(
        prog="talentdesk",
        description=f"{APP_NAME}: a talent-pool manager. Without a command, opens the window.",
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"folder for the database, backups and logs (default: ${DATA_DIR_ENV}, "
        "then the user's data folder)",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="team mode (in progress): a PostgreSQL database postgresql://user@host/name "
        f"instead of the data folder's file (default: ${DATABASE_URL_ENV}); the command line "
        "only so far",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details")
    parser.add_argument(
        "--wait",
        type=float,
        default=CLI_MAX_WAIT_S,
        metavar="SECONDS",
        help="how long a change waits while another TalentDesk is writing to the database "
        f"(default {CLI_MAX_WAIT_S:.0f})",
    )
    parser.add_argument(
        "--in-tray",
        action="store_true",
        help="open in the system tray without showing the window (how it starts at login)",
    )
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="check every part of the app headless in a temporary data folder, then exit",
    )
    commands = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        help="what to do headless (without one, the window opens)",
    )

    info = commands.add_parser("info", help="paths, schema revision and counts")
    info.add_argument("--json", action="store_true", help="print JSON")

    seed = commands.add_parser("seed", help="fill the database with synthetic candidates")
    seed.add_argument(
        "--demo", type=int, required=True, metavar="N", help="number of candidates to add"
    )

    for module, function in _parser_makers(only):
        getattr(importlib.import_module(f"talentdesk.{module}"), function)(commands)
    return parser


# What a shell reports for a program that SIGPIPE ended (128 + 13), as `yes | head` shows.
EXIT_STDOUT_CLOSED = 141


def main(argv: Sequence[str] | None = None) -> int:
    """Everything, with a reader that stops early (`talentdesk search x --json | head`) ending
    the output quietly: Python ignores SIGPIPE, so the next write raises BrokenPipeError."""
    try:
        try:
            return _main(argv)
        finally:
            sys.stdout.flush()  # here, where a closed pipe can still be caught
    except BrokenPipeError:
        # Whatever is still buffered goes nowhere, so the interpreter's last flush at exit
        # cannot fail and print "Exception ignored … BrokenPipeError".
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return EXIT_STDOUT_CLOSED


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser(quick_command(sys.argv[1:] if argv is None else argv)).parse_args(argv)
    if args.self_check:
        from talentdesk.selfcheck import run

        return run()
    if args.command is None:
        return _open_window(args, sys.argv[1:] if argv is None else list(argv))
    return _with_error_boundary(args)


def _open_window(args: argparse.Namespace, argv: list[str]) -> int:
    try:
        check_data_dir_option(args.data_dir)
        chosen_database_url(args.database)  # refuses anything but a postgresql:// address
    except TalentDeskError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        print(exc.hint, file=sys.stderr)
        return 2
    # Asked before Qt loads: without a display Qt aborts with a misleading message.
    no_display = no_display_message(os.environ, argv)
    if no_display is not None:
        print(no_display, end="", file=sys.stderr)
        return 1
    # The window turns automatic collection off for good (ui/gc_guard.py): off before its
    # ~300 modules load, their import triggers no collection either (start-up time).
    gc.disable()
    from talentdesk.ui.app import run_gui  # Qt is loaded only for the window

    return run_gui(
        args.data_dir, verbose=args.verbose, in_tray=args.in_tray, database=args.database
    )


def _with_error_boundary(args: argparse.Namespace) -> int:
    """The command line's one error boundary: what the environment caused (disk full,
    read-only, busy past the wait, bad input) is one `error:` line with what to do, exit 2; a
    bug is logged with its traceback and named with the log's path, exit 1. No traceback
    reaches the user."""
    from talentdesk.core.diagnose import explain

    try:
        check_data_dir_option(args.data_dir)
        return _run_command(args)
    except KeyboardInterrupt:
        print("interrupted: what was under way was not saved", file=sys.stderr)
        return 130
    except BrokenPipeError:
        raise  # the reader of our output left: main() ends quietly, neither bug nor error
    except Exception as exc:
        explained = explain(exc)
        if explained is None:
            return _bug(exc)
        # Logged (not as a warning: Python would print an unconfigured log's on stderr too).
        log.info("%s: %s", args.command, explained.message)
        print(f"error: {explained.message}", file=sys.stderr)
        if explained.hint:
            print(explained.hint, file=sys.stderr)
        return 2


def _bug(exc: Exception) -> int:
    log.error("unexpected error", exc_info=exc)
    where = log_file()
    print(
        f"error: TalentDesk hit an unexpected problem ({type(exc).__name__}: {exc}).",
        file=sys.stderr,
    )
    print(
        f"This is a bug; the details are in {where}." if where else "This is a bug.",
        file=sys.stderr,
    )
    return 1


def _say_waiting(waiting: Waiting | None) -> None:
    if waiting is not None:
        print(f"{waiting.text()} (Ctrl+C stops waiting)", file=sys.stderr, flush=True)


def main_gui() -> int:
    return main([])


def _database_url(option: str | None) -> str | None:
    """The team database this command opens (--database, then TALENTDESK_DATABASE_URL), with
    the password `talentdesk team connect` keeps in the keyring; None: the local file."""
    url = chosen_database_url(option)
    if url is None:
        return None
    from talentdesk.core.mail.credentials import Credentials
    from talentdesk.core.team.choice import with_stored_password

    return with_stored_password(url, Credentials())


def _run_command(args: argparse.Namespace) -> int:
    from talentdesk.core.workspace import Workspace

    if args.command == "team":  # which database to open: they open none
        from talentdesk import cli_team

        paths = resolve_paths(args.data_dir)
        paths.ensure()
        setup_logging(paths.logs, args.verbose)
        return cli_team.run(paths, args)
    paths = resolve_paths(args.data_dir, _database_url(args.database))
    if args.command not in _HANDLERS:  # backups: they work on a database that cannot be opened
        if paths.database_url is not None:
            raise TalentDeskError(
                "Backups here are of the local database file, not of a team database.",
                "A team database is backed up on its server (pg_dump).",
            )
        from talentdesk import cli_backups

        paths.ensure()
        setup_logging(paths.logs, args.verbose)
        return cli_backups.run(paths, args)
    line = ProgressLine()
    if _needs_upgrade(paths):  # a backup, then the migrations: minutes at a million people
        line.show("upgrading the database to this version (backing it up first)…")
    try:
        ws = Workspace.open(paths, max_wait_s=args.wait, on_wait=_say_waiting)
    finally:
        line.end()
    setup_logging(paths.logs, args.verbose)
    try:
        where = _HANDLERS[args.command]
        if where is None:
            handler = _info if args.command == "info" else _seed
        else:
            handler = getattr(importlib.import_module(f"talentdesk.{where[0]}"), where[1])
        return int(handler(ws, args))
    finally:
        ws.close()


def _needs_upgrade(paths: Any) -> bool:
    """The database exists at an older schema (Workspace.open will back it up and upgrade it)."""
    from talentdesk.core.db.preflight import inspect_file, schema_head

    try:
        found = inspect_file(paths.database) if paths.database.is_file() else None
    except (TalentDeskError, OSError):  # Workspace.open says what is wrong
        return False
    return found not in (None, schema_head())


def _info(ws: Any, args: argparse.Namespace) -> int:
    from talentdesk.core.info import workspace_info

    info = workspace_info(ws)
    if args.json:
        import json  # only here: every command pays for what the CLI imports at its top

        print(json.dumps(info, indent=2))
        return 0
    state = "up to date" if info["at_head"] else f"behind (head is {info['schema_head']})"
    print(f"{APP_NAME} {info['version']}")
    print(f"data folder:  {info['data_dir']}")
    print(f"database:     {info['database']}")
    print(f"backups:      {info['backups']}")
    print(f"logs:         {info['logs']}")
    print(f"schema:       {info['schema_revision']} ({state})")
    for name, count in info["counts"].items():
        print(f"{name + ':':<13} {count:,}")
    return 0


def _seed(ws: Any, args: argparse.Namespace) -> int:
    from talentdesk.core.demo import seed_demo

    if args.demo < 1:
        print("error: --demo needs a positive number of candidates", file=sys.stderr)
        return 2
    started = time.perf_counter()

    line = ProgressLine()

    def progress(done: int, total: int) -> None:
        line.show(f"seeding… {done:,} / {total:,} candidates")

    try:
        summary = seed_demo(ws.db, args.demo, ws.clock(), progress=progress)
    finally:
        line.end()
    elapsed = time.perf_counter() - started
    print(
        f"added {summary.candidates:,} candidates, {summary.interactions:,} interactions and "
        f"{summary.reminders:,} reminders in {elapsed:.1f} s"
    )
    return 0
