"""Pool memberships of many people at once: join, leave, move stage, near-fit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from talentdesk.core.bulk.db import on_server, stamp
from talentdesk.core.bulk.ids import TABLE, Scope
from talentdesk.core.bulk.journal import Deleted, Inserted, Journal, recorded_update

_IN_CHUNK = f"candidate_id IN (SELECT id FROM {TABLE} WHERE id BETWEEN ? AND ?)"


def members_in_scope(scope: Scope, pool_id: int) -> int:
    return int(
        scope.connection.execute(
            "SELECT count(*) FROM pool_membership"
            f" WHERE pool_id = ? AND candidate_id IN (SELECT id FROM {TABLE})",
            (pool_id,),
        ).fetchone()[0]
    )


def join(
    scope: Scope,
    pool_id: int,
    stage_id: int,
    now: datetime,
    chunks: Iterable[tuple[int, int]],
    journal: Journal,
) -> list[int]:
    """Add everyone in scope who is not a member yet, at `stage_id`; returns who joined."""
    db = scope.connection
    added: list[tuple[int, int]] = []
    no = "false" if on_server(db) else "0"
    for low, high in chunks:
        found = db.execute(
            "INSERT INTO pool_membership (candidate_id, pool_id, stage_id, near_fit, added_at)"
            f" SELECT b.id, ?, ?, {no}, ? FROM {TABLE} b WHERE b.id BETWEEN ? AND ?"
            " AND NOT EXISTS (SELECT 1 FROM pool_membership m"
            "  WHERE m.candidate_id = b.id AND m.pool_id = ?)"
            " RETURNING id, candidate_id",
            (pool_id, stage_id, stamp(db, now), low, high, pool_id),
        ).fetchall()
        added.extend((row[0], row[1]) for row in found)
    journal.add(Inserted("pool_membership", ("id",), [(i,) for i, _ in added]))
    return [candidate_id for _, candidate_id in added]


def leave(
    scope: Scope, pool_id: int, chunks: Iterable[tuple[int, int]], journal: Journal
) -> list[int]:
    """Remove everyone in scope from the pool, keeping their rows whole (stage, near-fit,
    joined) for undo; returns who left."""
    db = scope.connection
    removed: list[dict[str, object]] = []
    for low, high in chunks:
        cursor = db.execute(
            f"DELETE FROM pool_membership WHERE pool_id = ? AND {_IN_CHUNK} RETURNING *",
            (pool_id, low, high),
        )
        names = [d[0] for d in cursor.description]
        removed.extend(dict(zip(names, row, strict=True)) for row in cursor.fetchall())
    journal.add(Deleted("pool_membership", removed))
    return [int(str(row["candidate_id"])) for row in removed]


def move(
    scope: Scope,
    pool_id: int,
    stage_id: int,
    now: datetime,
    chunks: Iterable[tuple[int, int]],
    journal: Journal,
) -> list[int]:
    """Move the members in scope to `stage_id`, noting when (as a single move does); those
    already there are left alone. Returns the membership ids moved."""
    moved: list[int] = []
    for low, high in chunks:
        moved += recorded_update(
            scope.connection,
            journal,
            "pool_membership",
            {
                "stage_id": stage_id,
                "stage_changed_at": stamp(scope.connection, now),
                "stage_changed_by_id": scope.user_id,
            },
            f"pool_id = ? AND stage_id != ? AND {_IN_CHUNK}",
            (pool_id, stage_id, low, high),
        )
    return moved


def flag_near_fit(
    scope: Scope,
    pool_id: int,
    near_fit: bool,
    chunks: Iterable[tuple[int, int]],
    journal: Journal,
) -> list[int]:
    """Set or clear near-fit on the members in scope; returns the membership ids changed."""
    flag = near_fit if on_server(scope.connection) else int(near_fit)
    changed: list[int] = []
    for low, high in chunks:
        changed += recorded_update(
            scope.connection,
            journal,
            "pool_membership",
            {"near_fit": flag},
            f"pool_id = ? AND near_fit != ? AND {_IN_CHUNK}",
            (pool_id, flag, low, high),
        )
    return changed


def candidates_of(scope: Scope, membership_ids: list[int]) -> list[int]:
    """The candidates of some memberships (for what changed)."""
    db = scope.connection
    if on_server(db):
        found = db.execute(
            "SELECT candidate_id FROM pool_membership WHERE id = ANY(?)", (membership_ids,)
        )
        return [row[0] for row in found]
    db.execute("CREATE TEMP TABLE IF NOT EXISTS bulk_rows (id INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM temp.bulk_rows")
    db.executemany("INSERT INTO temp.bulk_rows (id) VALUES (?)", ((i,) for i in membership_ids))
    found = db.execute(
        "SELECT candidate_id FROM pool_membership WHERE id IN (SELECT id FROM temp.bulk_rows)"
    )
    return [row[0] for row in found]
