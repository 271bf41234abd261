"""Handing candidates over to a colleague (`ws.users.hand_over`): one operation, set-based like
the bulk actions (core/bulk/), with their progress, Cancel and exact undo. The people's old
owners, stamps and versions are kept in a bulk journal, so `ws.bulk.undo` gives each person
their previous owner back.

Their follow-ups go along by default: an open reminder of a handed-over person that their
previous owner owned (a call back they set, the check-ins and birthdays TalentDesk keeps for
the owner) becomes the new owner's, who now does the calling. A colleague's own reminders
about the person, and nobody's, stay as they are; done ones are history and stay too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from talentdesk.core.bulk import ids
from talentdesk.core.bulk.db import BulkDb, on_server, stamp, typed
from talentdesk.core.bulk.ids import TABLE, Cancelled, Progress, Scope
from talentdesk.core.bulk.journal import Journal, recorded_update
from talentdesk.core.bulk.result import BulkResult, BulkUndo, already, notes
from talentdesk.core.bulk.result import people as n_people
from talentdesk.core.db.candidate_versions import bump_raw
from talentdesk.core.db.models import AppUser
from talentdesk.core.errors import NotFoundError
from talentdesk.core.ops.changes import Changes

NOBODY = "nobody"  # how a hand-over to no one names its new owner

_CHUNK = f"SELECT id FROM {TABLE} WHERE id BETWEEN ? AND ?"


@dataclass(frozen=True)
class HandOver:
    """What to hand over: the people, to whom (None: nobody's), and whether their
    follow-ups go along."""

    candidate_ids: Iterable[int]
    user_id: int | None
    reminders: bool = True


def hand_over(
    session: Session,
    wanted: HandOver,
    now: datetime,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> BulkResult:
    """Do it inside the caller's transaction (its undo's `changes` name who changed hands)."""
    name = _name(session, wanted.user_id)
    scope = ids.load(session.connection(), wanted.candidate_ids)
    journal = Journal()
    moved: list[int] = []
    followed = 0
    for low, high in scope.chunks("handing over", progress, cancelled):
        if wanted.reminders:  # before the owners change: it compares with the old owner
            followed += len(_follow_ups(scope, wanted.user_id, low, high, journal))
        moved += _owners(scope, wanted.user_id, now, low, high, journal)
    bump_raw(scope.connection, moved)  # an open form must not save over the hand-over
    headline = f"Handed {n_people(len(moved))} over to {name}"
    kept = len(scope.ids) - len(moved)
    found = [already(kept, f"{'was' if kept == 1 else 'were'} {_whose(name)} already")]
    if followed:
        found.append(f"{followed:,} follow-up{'s' if followed != 1 else ''} went along")
    changes = Changes.of(moved, candidate_list=True, reminders=True)
    return BulkResult(
        headline=headline,
        changed=len(moved),
        unchanged=len(scope.ids) - len(moved),
        skipped=scope.skipped,
        notes=notes(" · ".join(f for f in found if f) or None, scope.skipped),
        undo=BulkUndo(headline[0].lower() + headline[1:], journal, changes),
    )


def _name(session: Session, user_id: int | None) -> str:
    if user_id is None:
        return NOBODY
    user = session.get(AppUser, user_id)
    if user is None:
        raise NotFoundError("This user no longer exists.")
    return user.name


def _whose(name: str) -> str:
    return "nobody's" if name == NOBODY else f"{name}'s"


def _distinct(db: BulkDb, negate: bool = False) -> str:
    """`IS DISTINCT FROM` (NULL-safe `!=`), or its negation, as each dialect spells it."""
    if on_server(db):
        return "IS NOT DISTINCT FROM" if negate else "IS DISTINCT FROM"
    return "IS" if negate else "IS NOT"


def _owners(
    scope: Scope, user_id: int | None, now: datetime, low: int, high: int, journal: Journal
) -> list[int]:
    """The people of the chunk owned by someone else get `user_id`, stamped as modified now
    (their old owner and stamp kept for undo)."""
    db = scope.connection
    return recorded_update(
        db,
        journal,
        "candidate",
        {"owner_id": user_id, "updated_at": stamp(db, now)},
        f"id IN ({_CHUNK}) AND owner_id {_distinct(db)} {typed(db, 'bigint')}",
        (low, high, user_id),
    )


def _follow_ups(
    scope: Scope, user_id: int | None, low: int, high: int, journal: Journal
) -> list[int]:
    """Of the chunk's people changing hands, the open reminders their present owner owns
    become `user_id`'s (their old owners kept for undo)."""
    db = scope.connection
    same = _distinct(db, negate=True)
    leaving = (
        f"SELECT c.id FROM candidate c WHERE c.id IN ({_CHUNK})"
        f" AND c.owner_id {_distinct(db)} {typed(db, 'bigint')}"
    )
    return recorded_update(
        db,
        journal,
        "reminder",
        {"owner_id": user_id},
        f"done_at IS NULL AND candidate_id IN ({leaving}) AND owner_id {same}"
        " (SELECT c.owner_id FROM candidate c WHERE c.id = reminder.candidate_id)",
        (low, high, user_id),
    )
