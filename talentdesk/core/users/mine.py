"""Whose reminders and candidates a workspace shows as "mine", in raw SQL over the reader (a
local file's user is its first; a team database's is the workspace's, which its reader knows).
A reminder is the current user's when they own it or nobody does; with one user in the database
that is every reminder, and no filter is added (the overview's counts then stay ranges of one
index)."""

from __future__ import annotations

from talentdesk.core.db.reader import ReadConnection, on_server

# A reminder `r` that is the current user's (parameter: the user's id) or nobody's.
REMINDER_MINE_SQL = "(r.owner_id IS NULL OR r.owner_id = ?)"


def local_user(reader: ReadConnection) -> int | None:
    """This workspace's user: a local database's first (made with the file or by migration
    0015), a team database's the one its reader was given (core/db/server_reader.py)."""
    if on_server(reader):
        return getattr(reader, "current_user", lambda: None)()
    row = reader.execute("SELECT min(id) FROM app_user").fetchone()
    return None if row is None or row[0] is None else int(row[0])


def several_users(reader: ReadConnection) -> bool:
    row = reader.execute("SELECT count(*) FROM (SELECT 1 FROM app_user LIMIT 2) AS two").fetchone()
    return bool(row[0] > 1)


def reminder_scope(reader: ReadConnection) -> tuple[str, list[object]]:
    """(" AND …", parameters) keeping the current user's reminders and nobody's; ("", [])
    when the database has a single user."""
    if not several_users(reader):
        return "", []
    return f" AND {REMINDER_MINE_SQL}", [local_user(reader)]
