"""The engines of a team database on a PostgreSQL server (team mode; the SQLite engines are in
engine.py and are unchanged by this).

The same shape as for SQLite: the writer's engine (one connection, owned by the write path,
read committed) and the readers' (every transaction READ ONLY, so the server itself refuses a
write that did not come through the write path). The password never goes further than the
URL this process was given: `describe` is what logs and messages show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from talentdesk.core.diagnose import SERVER_LOCK_TIMEOUT_S
from talentdesk.core.errors import TalentDeskError

if TYPE_CHECKING:
    from sqlalchemy import URL, Engine

SCHEMES = ("postgresql", "postgresql+psycopg")
CONNECT_TIMEOUT_S = 10
# How long a statement may wait for another session's lock before failing, rather than hanging
# the write path (connections also name themselves "TalentDesk" in pg_stat_activity).
_OPTIONS = f"-c lock_timeout={SERVER_LOCK_TIMEOUT_S * 1000}"


def is_server_url(text: str | None) -> bool:
    """`text` names a PostgreSQL database (postgresql:// or postgresql+psycopg://)."""
    return bool(text) and str(text).split("://", 1)[0].lower() in SCHEMES


def parse_url(text: str) -> URL:
    """The SQLAlchemy URL of `text`, on the psycopg 3 driver; a mistake is a TalentDeskError
    that does not repeat the password."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    if not is_server_url(text):
        raise TalentDeskError(
            "Not a PostgreSQL database address.",
            "Give it as postgresql://user@host:port/database.",
        )
    try:
        url = make_url(text)
    except ArgumentError as exc:
        raise TalentDeskError(
            "The PostgreSQL database address cannot be read.",
            "Give it as postgresql://user@host:port/database.",
        ) from exc
    if not url.database:
        raise TalentDeskError(
            f"{describe(url)} names no database.",
            "Add the database's name at the end: postgresql://user@host:port/database.",
        )
    return url.set(drivername="postgresql+psycopg")


def describe(url: URL | str) -> str:
    """The URL as shown in logs and messages: never with its password."""
    if isinstance(url, str):
        try:
            url = parse_url(url)
        except TalentDeskError:
            return "postgresql://…"
    return url.render_as_string(hide_password=True)


def _engine(url: URL | str, *, read_only: bool, pool_size: int | None) -> Engine:
    from sqlalchemy import NullPool, create_engine

    url = parse_url(url) if isinstance(url, str) else url
    options = _OPTIONS + (" -c default_transaction_read_only=on" if read_only else "")
    connect_args = {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "application_name": "TalentDesk",
        "options": options,
    }
    if pool_size is None:
        return create_engine(url, poolclass=NullPool, connect_args=connect_args)
    return create_engine(
        url,
        pool_size=pool_size,
        max_overflow=0,
        pool_timeout=1,
        connect_args=connect_args,
        pool_pre_ping=True,
    )


def make_server_engine(url: URL | str) -> Engine:
    """A plain engine for opening, creating and upgrading (before the write path exists)."""
    return _engine(url, read_only=False, pool_size=None)


def make_server_write_engine(url: URL | str) -> Engine:
    """The writer's engine: one connection; the writer's operations are its transactions."""
    return _engine(url, read_only=False, pool_size=1)


def make_server_read_engine(url: URL | str) -> Engine:
    """The readers' engine: every transaction is READ ONLY (the server refuses writes)."""
    return _engine(url, read_only=True, pool_size=5)
