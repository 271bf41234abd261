"""Status, touchpoints and reminders for many people at once."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from talentdesk.core.bulk.db import stamp, typed
from talentdesk.core.bulk.ids import TABLE, Scope
from talentdesk.core.bulk.journal import Inserted, Journal, recorded_update
from talentdesk.core.db.candidate_versions import bump_raw
from talentdesk.core.db.enums import CandidateStatus, InteractionKind, ReminderKind

_CHUNK = f"SELECT id FROM {TABLE} WHERE id BETWEEN ? AND ?"


def set_status(
    scope: Scope,
    status: CandidateStatus,
    now: datetime,
    chunks: Iterable[tuple[int, int]],
    journal: Journal,
) -> list[int]:
    """Set the status of everyone in scope who has another; returns who changed."""
    changed: list[int] = []
    for low, high in chunks:
        changed += recorded_update(
            scope.connection,
            journal,
            "candidate",
            {"status": status.value, "updated_at": stamp(scope.connection, now)},
            f"status != ? AND id IN ({_CHUNK})",
            (status.value, low, high),
        )
    bump_raw(scope.connection, changed)  # the status is on the form (undo bumps it again)
    return changed


def log_touchpoints(
    scope: Scope,
    kind: InteractionKind,
    occurred_at: datetime,
    subject: str | None,
    body: str | None,
    now: datetime,
    chunks: Iterable[tuple[int, int]],
    journal: Journal,
) -> int:
    """One interaction each (the trigger moves each last contact), logged by the scope's
    user; returns how many."""
    added: list[tuple[int]] = []
    db = scope.connection
    by, by_id = typed(db, "bigint"), scope.user_id
    for low, high in chunks:
        added += db.execute(
            "INSERT INTO interaction (candidate_id, kind, occurred_at, subject, body, created_at,"
            f" created_by_id) SELECT id, ?, ?, ?, ?, ?, {by} FROM ({_CHUNK}) AS b RETURNING id",
            (kind.value, stamp(db, occurred_at), subject, body, stamp(db, now), by_id, low, high),
        ).fetchall()
    journal.add(Inserted("interaction", ("id",), [tuple(row) for row in added]))
    return len(added)


def add_reminders(
    scope: Scope,
    due_at: datetime,
    kind: ReminderKind,
    note: str | None,
    rule: str | None,
    now: datetime,
    chunks: Iterable[tuple[int, int]],
    journal: Journal,
) -> int:
    """One manual reminder each, the scope's user's; returns how many."""
    added: list[tuple[int]] = []
    db = scope.connection
    by = typed(db, "bigint")
    for low, high in chunks:
        added += db.execute(
            "INSERT INTO reminder (candidate_id, due_at, note, kind, recurrence, created_at,"
            " origin, owner_id)"
            f" SELECT id, ?, ?, ?, ?, ?, 'manual', {by} FROM ({_CHUNK}) AS b RETURNING id",
            (stamp(db, due_at), note, kind.value, rule, stamp(db, now), scope.user_id, low, high),
        ).fetchall()
    journal.add(Inserted("reminder", ("id",), [tuple(row) for row in added]))
    return len(added)
