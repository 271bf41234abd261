"""Saved smart lists: named filters, live lists in the pool pane with their counts.

Writes go through the write path (@writes); reads (names, filters, counts) use the window's
reader connection (call them on its thread, as the candidate list), one SQL count per list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.models_lists import SavedList
from talentdesk.core.db.reader import ReadConnection
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.lists.filters import Filter
from talentdesk.core.lists.saved import ListSummary as ListSummary
from talentdesk.core.lists.saved import SavedListReads
from talentdesk.core.lists.sql import fold
from talentdesk.core.ops.changes import Changes

MAX_NAME = 100


@dataclass(frozen=True)
class DeletedList:
    """What `restore` needs to bring a deleted list back as it was (same id and place)."""

    id: int
    name: str
    filter: Filter
    position: int
    created_at: datetime


class SavedLists(SavedListReads):
    def __init__(self, sessions: Sessions, reader: ReadConnection, clock: Clock = utcnow) -> None:
        super().__init__(reader, clock)
        self._sessions = sessions

    # -- writing -------------------------------------------------------------------------------
    @writes("saving a list")
    def create(self, name: str, f: Filter) -> int:
        name = self._free_name(name)
        now = self._clock()
        with self._sessions() as session:
            last = session.scalar(select(func.max(SavedList.position)))
            saved = SavedList(
                name=name,
                filter=f.to_json(),
                position=(last if last is not None else -1) + 1,
                created_at=now,
                updated_at=now,
            )
            session.add(saved)
            _commit_unique(session, name)
            self._sessions.changed(Changes(lists=True))
            return saved.id

    @writes("changing a list's filter")
    def update(self, list_id: int, f: Filter) -> None:
        with self._sessions.begin() as session:
            saved = _get(session, list_id)
            saved.filter = f.to_json()
            saved.updated_at = self._clock()
            self._sessions.changed(Changes(lists=True))

    @writes("renaming a list")
    def rename(self, list_id: int, name: str) -> None:
        name = self._free_name(name, but=list_id)
        with self._sessions() as session:
            saved = _get(session, list_id)
            saved.name, saved.updated_at = name, self._clock()
            _commit_unique(session, name)
            self._sessions.changed(Changes(lists=True))

    @writes("deleting a list")
    def delete(self, list_id: int) -> DeletedList:
        """Delete a saved list (the candidates stay); `restore` the result to undo it."""
        with self._sessions.begin() as session:
            saved = _get(session, list_id)
            gone = DeletedList(
                saved.id,
                saved.name,
                Filter.from_json(saved.filter),
                saved.position,
                saved.created_at,
            )
            session.delete(saved)
            self._sessions.changed(Changes(lists=True))
            return gone

    @writes("restoring a list")
    def restore(self, deleted: DeletedList) -> int:
        """Bring a deleted list back with its id and place (a list since given its name
        makes this one refused)."""
        name = self._free_name(deleted.name)
        with self._sessions() as session:
            session.add(
                SavedList(
                    id=deleted.id,
                    name=name,
                    filter=deleted.filter.to_json(),
                    position=deleted.position,
                    created_at=deleted.created_at,
                    updated_at=self._clock(),
                )
            )
            _commit_unique(session, name)
            self._sessions.changed(Changes(lists=True))
            return deleted.id

    @writes("reordering lists")
    def reorder(self, list_ids: list[int]) -> None:
        """Put the lists in this order (lists left out keep their order, after these)."""
        with self._sessions.begin() as session:
            current = list(
                session.scalars(select(SavedList.id).order_by(SavedList.position, SavedList.id))
            )
            wanted = [i for i in dict.fromkeys(list_ids) if i in current]
            order = wanted + [i for i in current if i not in wanted]
            for position, list_id in enumerate(order):
                session.execute(
                    update(SavedList).where(SavedList.id == list_id).values(position=position)
                )
            self._sessions.changed(Changes(lists=True))

    @writes("moving a list")
    def move(self, list_id: int, position: int) -> None:
        """Move one list to `position` (0: first) in the pane's order."""
        with self._sessions() as session:
            order = list(
                session.scalars(select(SavedList.id).order_by(SavedList.position, SavedList.id))
            )
        if list_id not in order:
            raise NotFoundError("This list no longer exists.")
        order.remove(list_id)
        order.insert(max(0, min(position, len(order))), list_id)
        self.reorder(order)

    def _free_name(self, name: str, but: int | None = None) -> str:
        name = " ".join(name.split())
        if not name:
            raise ValidationError({"name": "a list needs a name"})
        if len(name) > MAX_NAME:
            raise ValidationError({"name": f"at most {MAX_NAME} characters"})
        taken = self._taken(name)
        if taken is not None and taken != but:
            raise ValidationError({"name": f"a list named “{name}” already exists"})
        return name

    def _taken(self, name: str) -> int | None:
        with self._sessions() as session:
            wanted = fold(name)
            for list_id, other in session.execute(select(SavedList.id, SavedList.name)):
                if fold(other) == wanted:
                    return int(list_id)
        return None


def _get(session: Session, list_id: int) -> SavedList:
    saved = session.get(SavedList, list_id)
    if saved is None:
        raise NotFoundError("This list no longer exists.")
    return saved


def _commit_unique(session: Session, name: str) -> None:
    try:
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise ValidationError({"name": f"a list named “{name}” already exists"}) from exc
