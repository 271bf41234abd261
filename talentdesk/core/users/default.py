"""The one user of a local database: made with the file (or by migration 0015 for an older
one), named after the computer's login, so a single user never has to name themselves."""

from __future__ import annotations

from sqlalchemy import Connection, text

from talentdesk.core.clock import utcnow
from talentdesk.core.db.datetimes import to_db
from talentdesk.core.users.names import login_name


def add_default_user(connection: Connection, name: str | None = None) -> int:
    """Add the local database's user (in SQLite's stored time format); returns its id."""
    return int(
        connection.execute(
            text("INSERT INTO app_user (name, created_at) VALUES (:name, :at) RETURNING id"),
            {"name": name or login_name(), "at": to_db(utcnow())},
        ).scalar_one()
    )
