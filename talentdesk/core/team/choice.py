"""Which database TalentDesk opens: a URL given for this run (the --database option, then
TALENTDESK_DATABASE_URL), else the remembered team database, else the local SQLite file.

A URL given with a password has the password moved to the keyring: what is remembered, shown
or logged is the connection without it (`DatabaseChoice` never holds it)."""

from __future__ import annotations

import enum
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit, urlunsplit

from talentdesk.core.errors import ValidationError
from talentdesk.core.team.connection import TeamConnection, parse_url
from talentdesk.core.team.password import store_password, stored_password
from talentdesk.core.team.remembered import remembered

if TYPE_CHECKING:
    from talentdesk.core.mail.credentials import Credentials

log = logging.getLogger(__name__)
DATABASE_URL_ENV = "TALENTDESK_DATABASE_URL"


class Source(enum.StrEnum):
    OPTION = "option"  # --database URL
    ENVIRONMENT = "environment"  # TALENTDESK_DATABASE_URL
    REMEMBERED = "remembered"  # File ▸ Connect to team database… / talentdesk team connect
    LOCAL = "local"  # the SQLite file in the data folder


@dataclass(frozen=True)
class DatabaseChoice:
    source: Source
    local_file: Path  # the data folder's database: what "local" opens
    connection: TeamConnection | None = None

    @property
    def is_team(self) -> bool:
        return self.connection is not None

    @property
    def label(self) -> str:
        """user@host/database, or "local database"."""
        return self.connection.label if self.connection else "local database"

    @property
    def description(self) -> str:
        """One line for a status bar or `team status`: which, where, how encrypted."""
        conn = self.connection
        if conn is None:
            return f"local database ({self.local_file})"
        unencrypted = ", unencrypted" if conn.unencrypted else ""
        return f"team database {conn.label}{unencrypted}"


def choose_database(
    local_file: Path,
    option_url: str | None = None,
    environ: Mapping[str, str] = os.environ,
    credentials: Credentials | None = None,
    config_dir: Path | None = None,
) -> DatabaseChoice:
    """The database this run opens. A URL's password goes to `credentials` (the keyring when it
    can keep it; this process's memory otherwise), so `engine_url` finds it."""
    for source, url in (
        (Source.OPTION, option_url),
        (Source.ENVIRONMENT, environ.get(DATABASE_URL_ENV)),
    ):
        if url and url.strip():
            conn, password = parse_url(url)
            if password is not None and credentials is not None:
                store_password(conn, credentials, password)
            return DatabaseChoice(source, local_file, conn)
    chosen = remembered(config_dir)
    if chosen is not None:
        return DatabaseChoice(Source.REMEMBERED, local_file, chosen)
    return DatabaseChoice(Source.LOCAL, local_file)


def engine_url(choice: DatabaseChoice, credentials: Credentials) -> str | None:
    """The URL an engine connects with, password included: never show or log it. None for the
    local database."""
    if choice.connection is None:
        return None
    return choice.connection.url(stored_password(choice.connection, credentials))


def opened_connection(paths: object) -> TeamConnection | None:
    """The team database a workspace's paths opened (team mode gives AppPaths a database URL);
    None: the local file."""
    url = getattr(paths, "database_url", None)
    if not url:
        return None
    try:
        return parse_url(str(url))[0]
    except ValidationError:  # opened by an address the dialog could not have made
        return None


def start_url(
    local_file: Path,
    option_url: str | None = None,
    environ: Mapping[str, str] = os.environ,
    credentials: Credentials | None = None,
    config_dir: Path | None = None,
) -> str | None:
    """What a start opens, for `AppPaths.with_database_url`: the chosen team database's engine
    URL (its password from the keyring), or None for the local file. The one call the window's
    and the command line's start make; it logs which database, never the password."""
    if credentials is None:
        from talentdesk.core.mail.credentials import Credentials

        credentials = Credentials()
    choice = choose_database(local_file, option_url, environ, credentials, config_dir)
    log.info("opening the %s (chosen by: %s)", choice.description, choice.source.value)
    return engine_url(choice, credentials)


def with_stored_password(url: str, credentials: Credentials) -> str:
    """`url` (--database or TALENTDESK_DATABASE_URL) with the password `team connect` keeps in
    the keyring for its user@host:port/database, when the URL names none itself; else as given
    (libpq's PGPASSWORD or ~/.pgpass may still supply one). For an engine only: never show it."""
    try:
        conn, password = parse_url(url)
    except ValidationError:  # an address the dialog could not have made: used as given
        return url
    stored = None if password is not None else stored_password(conn, credentials)
    if not stored:
        return url
    parts = urlsplit(url.strip())
    server = parts.netloc.rsplit("@", 1)[-1]
    netloc = f"{quote(conn.user, safe='')}:{quote(stored, safe='')}@{server}"
    return urlunsplit(parts._replace(netloc=netloc))
