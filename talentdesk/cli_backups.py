"""`talentdesk backup`, `backups`, `restore` and `check`.

They run without opening the database the usual way (no creating, no upgrading), so they work
on a database that cannot be opened: that is when a restore or a check is wanted most.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from talentdesk.core.clock import utcnow
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.files import check_output_path
from talentdesk.paths import AppPaths
from talentdesk.progress_line import ProgressLine

COMMANDS = frozenset({"backup", "backups", "restore", "check"})


def add_parsers(commands: Any) -> None:
    backup = commands.add_parser("backup", help="back up the database now")
    backup.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write the backup to FILE, outside the data folder (default: the backups folder)",
    )
    listing = commands.add_parser("backups", help="list the backups")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.add_argument(
        "--purge-erased",
        action="store_true",
        help="delete now every backup that still holds erased people (needs --yes)",
    )
    listing.add_argument("--yes", action="store_true", help="confirm --purge-erased")
    restore = commands.add_parser(
        "restore", help="replace the database's contents with a backup's (backs it up first)"
    )
    restore.add_argument("file", type=Path, help="the backup to restore")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    commands.add_parser(
        "check",
        help="check the database's integrity and links (exit 0: ok, 1: problems, 2: cannot)",
    )


def run(paths: AppPaths, args: argparse.Namespace) -> int:
    handler = {
        "backup": _backup,
        "backups": _backups,
        "restore": _restore,
        "check": _check,
    }[args.command]
    return handler(paths, args)


def _backup(paths: AppPaths, args: argparse.Namespace) -> int:
    from talentdesk.core.backups.auto import checked_database, manual_backup
    from talentdesk.core.backups.listing import format_size
    from talentdesk.core.backups.make import make_backup

    line = ProgressLine()

    def progress(done: int, total: int) -> None:
        if total:
            line.show(f"backing up… {done * 100 // total} %")

    try:
        if args.output is None:
            made = manual_backup(paths, utcnow(), progress)
        else:
            out = check_output_path(args.output, paths)  # never the database or the data folder
            made = make_backup(checked_database(paths), out.target, progress)
    finally:
        line.end()
    _note_backup(paths)
    print(f"backed up {paths.database} to {made} ({format_size(made.stat().st_size)})")
    return 0


def _note_backup(paths: AppPaths) -> None:
    """In the audit log (a write of this process's own, as another program would make it);
    a database that cannot be written is backed up all the same."""
    import sqlite3

    from talentdesk.core.privacy.audit import BACKUP, record_in_file

    try:
        record_in_file(paths.database, BACKUP, 1, "by hand", utcnow())
    except sqlite3.Error as exc:
        print(f"(not noted in the audit log: {exc})", file=sys.stderr)


def _backups(paths: AppPaths, args: argparse.Namespace) -> int:
    from talentdesk.core.backups.listing import format_size, list_backups

    if args.purge_erased:
        return _purge_erased(paths, args)
    backups = list_backups(paths)
    if args.json:
        print(json.dumps([b.as_json() for b in backups], indent=2))
        return 0
    if not backups:
        print(f"No backups in {paths.backups} yet.")
        return 0
    print(f"{'Date (local time)':<17}  {'Reason':<28}  {'Size':>9}  {'Candidates':>10}  File")
    for b in backups:
        count = f"{b.candidates:,}" if b.candidates is not None else "—"
        line = (
            f"{b.when.astimezone():%Y-%m-%d %H:%M}   {b.label[:28]:<28}  "
            f"{format_size(b.size):>9}  {count:>10}  {b.path.name}"
        )
        if b.expires_at is not None:
            line += f"  (holds erased people; expires {b.expires_at.astimezone():%Y-%m-%d})"
        print(line if b.readable else f"{line}  ({b.problem})")
    print(f"{len(backups)} backup{'s' if len(backups) != 1 else ''} in {paths.backups}")
    if holding := sum(b.holds_erased for b in backups):
        print(
            f"{holding} made before an erasure still hold erased people:"
            " `talentdesk backups --purge-erased --yes` deletes them now."
        )
    return 0


def _purge_erased(paths: AppPaths, args: argparse.Namespace) -> int:
    from talentdesk.core.privacy.backups import holding_erased, purge

    if not args.yes:
        count = len(holding_erased(paths))
        raise TalentDeskError(
            f"{count} backup{'s' if count != 1 else ''} would be deleted for good.",
            "Add --yes to delete them.",
        )
    deleted = purge(paths)
    print(f"Deleted {len(deleted)} backup{'s' if len(deleted) != 1 else ''} holding erased people.")
    return 0


def _restore(paths: AppPaths, args: argparse.Namespace) -> int:
    from talentdesk.core.backups.restore import restore

    if not args.yes and not _confirmed(paths, args.file):
        print("Nothing was restored.")
        return 1
    line = ProgressLine()

    def progress(done: int, total: int) -> None:
        if total:
            line.show(f"restoring… {done * 100 // total} % copied")

    try:
        result = restore(paths, args.file, utcnow(), progress)
    finally:
        line.end()
    if result.saved_current is not None:
        print(f"Backed up the current database first, to {result.saved_current}")
    for path in result.set_aside:
        print(f"The current database could not be read: set it aside as {path}")
    upgraded = f" (upgraded from schema {result.upgraded_from})" if result.upgraded_from else ""
    print(f"Restored {result.candidates:,} candidates from {result.restored}{upgraded}.")
    if result.erased_again:
        print(f"{result.erased_again_text()}: erased since the backup was made.")
    return 0


def _confirmed(paths: AppPaths, file: Path) -> bool:
    if not sys.stdin.isatty():
        raise TalentDeskError(
            "restore replaces everything in the database and needs a confirmation.",
            "Add --yes to restore without being asked.",
        )
    from talentdesk.core.backups.listing import read_contents

    _revision, candidates, problem = read_contents(file)
    what = f"{candidates:,} candidates" if candidates is not None else (problem or "unknown")
    print(f"This replaces everything in {paths.database} with {file} ({what}).")
    print("The current database is backed up first.")
    try:
        answer = input("Restore? [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def _check(paths: AppPaths, _args: argparse.Namespace) -> int:
    from talentdesk.core.backups.check import check

    report = check(paths)
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1
