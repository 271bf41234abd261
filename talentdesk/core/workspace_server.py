"""Team mode in the Workspace: what differs when the database is on a PostgreSQL server
(`AppPaths.database_url`) rather than the local file.

The services that go through the ORM work on a server database, and so does the window's read
path: `ws.reader` is a psycopg connection there (core/db/server_reader.py) and the candidate
list, search and its filters, smart lists, counts, reminders overview and duplicates lookup
write their few SQLite-only bits per dialect (core/db/read_sql.py); the metrics write theirs
per dialect too (core/metrics/dialect.py), as do bulk actions (core/bulk/db.py), the CSV
export (core/csvio/export_sql.py), erasure and the privacy tools, the IMAP store, the
duplicates scan and the demo seed. Still SQLite-only on a server database: CSV imports.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from talentdesk.core.errors import TalentDeskError
from talentdesk.paths import AppPaths

if TYPE_CHECKING:
    from talentdesk.core.db.migrate import Database


class NotOnServerYetError(TalentDeskError):
    def __init__(self, what: str) -> None:
        super().__init__(
            f"{what} does not work on a team database yet.",
            "Team mode (PostgreSQL) is in progress: use the local database for it meanwhile.",
        )


def prepare(paths: AppPaths) -> None:
    """Check the team database and bring its schema up to date (Workspace.open)."""
    from talentdesk.core.db.server_open import prepare_server

    assert paths.database_url is not None
    paths.team_marker.mkdir(mode=0o700, exist_ok=True)
    prepare_server(paths.database_url)


def open_database(paths: AppPaths, max_wait_s: float | None) -> Database:
    from talentdesk.core.db.server_open import open_server_database

    assert paths.database_url is not None
    return open_server_database(paths.database_url, paths.team_marker, max_wait_s=max_wait_s)
