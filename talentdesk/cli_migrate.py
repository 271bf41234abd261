"""`talentdesk migrate-to URL`: copy the local database into an empty team database (team mode,
in progress; core/team/migrate_to.py)."""

from __future__ import annotations

import argparse
from typing import Any

from talentdesk.core.errors import TalentDeskError
from talentdesk.paths import chosen_database_url
from talentdesk.progress_line import ProgressLine


def add_parsers(commands: Any) -> None:
    move = commands.add_parser(
        "migrate-to",
        help="copy the local database into an empty PostgreSQL database (team mode)",
        description="Copy everything in the local database into an empty team database on a "
        "PostgreSQL server, in one transaction, and check the counts. The local database is "
        "left as it was.",
    )
    move.add_argument("url", metavar="URL", help="postgresql://user@host:port/database")


def run(ws: Any, args: argparse.Namespace) -> int:
    from talentdesk.core.team.migrate_to import migrate_to

    if ws.paths.database_url is not None:
        raise TalentDeskError(
            "migrate-to copies the local database: leave out --database "
            "(and TALENTDESK_DATABASE_URL).",
        )
    url = chosen_database_url(args.url)
    assert url is not None
    line = ProgressLine()

    def progress(table: str, done: int, total: int) -> None:
        line.show(f"copying {table}: {done:,} of {total:,}")

    try:
        copied = migrate_to(ws.paths.database, url, progress)
    finally:
        line.end()
    for table, count in copied.counts.items():
        if count:
            print(f"{table}: {count:,}")
    print(f"copied {copied.total:,} rows; the counts match on the server")
    return 0
