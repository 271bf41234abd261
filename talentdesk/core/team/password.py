"""A team database's password: in the operating system's keyring, under the same service as
the e-mail passwords (core/mail/credentials.py decides which keyrings count), one entry per
user@host:port/database. Never in a file, the database or a log."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from talentdesk.core.mail.credentials import Credentials
    from talentdesk.core.team.connection import TeamConnection


def stored_password(conn: TeamConnection, credentials: Credentials) -> str | None:
    return credentials.get(conn.keyring_user)


def store_password(conn: TeamConnection, credentials: Credentials, password: str) -> bool:
    """True when the keyring holds it; False when only this process's memory does."""
    return credentials.set(conn.keyring_user, password)


def forget_password(conn: TeamConnection, credentials: Credentials) -> None:
    credentials.delete(conn.keyring_user)
