"""What the tests of generated reminders share: the generated rows as the database has them, a
full refresh, and short ways to add a person, find a stage and log a call."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text

from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.records import CandidateRecord
from talentdesk.core.reminders.generated import RefreshSummary, refresh
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock, written_outside

COLUMNS = "id, candidate_id, origin, kind, pool_id, due_at, reason, done_at, notified_at"


def generated(ws: Workspace, origin: str | None = None) -> list[dict[str, Any]]:
    """The generated reminders in the database, oldest first."""
    sql = f"SELECT {COLUMNS} FROM reminder WHERE origin != 'manual'"
    if origin is not None:
        sql += " AND origin = :origin"
    sql += " ORDER BY id"
    if ws.on_server:  # times come back as datetimes there (from_db reads both)
        with written_outside(ws.paths.database) as connection:
            return [
                dict(row) for row in connection.execute(text(sql), {"origin": origin}).mappings()
            ]
    cursor = ws.reader.execute(sql, {"origin": origin})
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def open_generated(ws: Workspace, origin: str | None = None) -> list[dict[str, Any]]:
    return [r for r in generated(ws, origin) if r["done_at"] is None]


def full_refresh(ws: Workspace, clock: TravelClock, tz: Any = UTC) -> RefreshSummary:
    return refresh(ws.db, clock(), tz)


def person(ws: Workspace, first: str = "Anna", **fields: Any) -> int:
    return ws.candidates.create(CandidateRecord(first_name=first, last_name="Kowalska", **fields))


def stage(ws: Workspace, pool: int, name: str) -> int:
    return next(s.id for s in ws.pools.stages(pool) if s.name == name)


def call(
    ws: Workspace, cid: int, when: datetime, kind: InteractionKind = InteractionKind.CALL
) -> int:
    return ws.interactions.log(cid, kind, occurred_at=when, subject="Talked")
