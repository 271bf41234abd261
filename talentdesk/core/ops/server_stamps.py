"""Stamps (core/ops/stamps.py) on a PostgreSQL server (team mode): the same `app_setting` rows,
kept true by every desktop's write path, as SQLite's writer keeps them.

- Whether an operation changed anything: it has a transaction id (PostgreSQL gives one at the
  first write); whether anything after its own stamp: the transaction's row counts
  (`pg_stat_xact_user_tables`: inserted, updated, deleted), the counterpart of SQLite's
  `total_changes`.
- Several desktops write at once. Every operation takes one advisory lock first thing in its
  transaction, before it reads or locks anything, and keeps it until it commits: shared
  (writers never wait for one another), or exclusive for an operation that reads everything
  to stamp it (a full refresh of the generated reminders: `Writer.submit(stamping=True)`).
  A refresh therefore reads after every change in flight has committed, and a change begun
  meanwhile starts after the stamp's commit, so its clearing deletes the stamp. Taken before
  any row lock, it can never be part of a deadlock.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, text

from talentdesk.core.ops.stamps import PREFIX

# pg_advisory_xact_lock's key for "the stamps": any fixed bigint (b"tdstamp" as a number).
LOCK = 0x7464_7374_616D_70
_CHANGED = (
    "SELECT CAST(coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) AS bigint)"
    " FROM pg_stat_xact_user_tables"
)


def changes(connection: Connection) -> int:
    """Rows this transaction has inserted, updated or deleted so far."""
    return int(connection.execute(text(_CHANGED)).scalar_one())


def begin(connection: Connection, *, exclusive: bool) -> None:
    """An operation's first statement (core/ops/writer.py)."""
    kind = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
    connection.execute(text(f"SELECT {kind}({LOCK})"))


def clear_unless(connection: Connection, at_stamp: int | None) -> None:
    """Before commit: delete every stamp if this transaction changed any row, unless all it
    changed came before the stamp it wrote (`at_stamp`: its count then). One statement, the
    count taken before the delete's own rows; without a stamp of its own, whether the
    transaction wrote at all (it has an id then) is enough, and costs nothing (the count
    reads every table's statistics: about a millisecond)."""
    if at_stamp is None:
        changed = "txid_current_if_assigned() IS NOT NULL"
    else:
        changed = f"({_CHANGED}) NOT IN (0, {int(at_stamp)})"
    connection.execute(
        text(f"DELETE FROM app_setting WHERE key >= 'stamp:' AND key < 'stamp;' AND {changed}")
    )


def write(connection: Connection, name: str, value: dict[str, Any]) -> None:
    """Store stamp `name` in the caller's transaction (an exclusive one: `begin`)."""
    connection.execute(
        text(
            "INSERT INTO app_setting (key, value) VALUES (:key, CAST(:value AS json))"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        {"key": PREFIX + name, "value": json.dumps(value)},
    )


def read(connection: Connection, name: str) -> dict[str, Any] | None:
    found = connection.execute(
        text("SELECT value FROM app_setting WHERE key = :key"), {"key": PREFIX + name}
    ).scalar()
    return found if isinstance(found, dict) else None
