"""The recruiters of a database (`ws.users`): who they are, which one this workspace writes as,
and renaming one. On a local file the current user is its one user (the first); on a team
database it is the name given at first connect (core/users/choice.py), added when new."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from talentdesk.core.bulk.ids import Cancelled, Progress
from talentdesk.core.bulk.result import BulkResult
from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.models import AppUser, Candidate
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.ops.changes import Changes
from talentdesk.core.users.names import checked_name


@dataclass(frozen=True)
class User:
    id: int
    name: str
    created_at: datetime


class UserService:
    def __init__(self, sessions: Sessions, clock: Clock = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    @property
    def current_id(self) -> int | None:
        """The current user's id (what writes are stamped with)."""
        return self._sessions.user_id

    def all(self) -> list[User]:
        """Every user, by name."""
        with self._sessions() as session:
            rows = session.scalars(select(AppUser).order_by(func.lower(AppUser.name), AppUser.id))
            return [_user(u) for u in rows]

    def count(self) -> int:
        with self._sessions() as session:
            return int(session.scalar(select(func.count()).select_from(AppUser)) or 0)

    def current(self) -> User:
        """The user this workspace's writes are stamped with."""
        user_id = self._sessions.user_id
        with self._sessions() as session:
            user = session.get(AppUser, user_id) if user_id is not None else None
            if user is None:
                raise NotFoundError("This workspace has no user yet.")
            return _user(user)

    def get(self, user_id: int) -> User:
        with self._sessions() as session:
            user = session.get(AppUser, user_id)
            if user is None:
                raise NotFoundError("This user no longer exists.")
            return _user(user)

    def first_id(self) -> int | None:
        """A local database's own user: the first one (made with the file)."""
        with self._sessions() as session:
            return session.scalar(select(func.min(AppUser.id)))

    def owned_counts(self) -> dict[int, int]:
        """How many candidates each user owns (users owning none are left out)."""
        with self._sessions() as session:
            rows = session.execute(
                select(Candidate.owner_id, func.count())
                .where(Candidate.owner_id.is_not(None))
                .group_by(Candidate.owner_id)
            )
            return {int(owner or 0): int(n) for owner, n in rows}

    def owned(self, candidate_ids: list[int]) -> list[int]:
        """Those of `candidate_ids` the current user owns, in the same order."""
        mine: set[int] = set()
        with self._sessions() as session:
            for start in range(0, len(candidate_ids), 5000):
                chunk = candidate_ids[start : start + 5000]
                mine.update(
                    session.scalars(
                        select(Candidate.id).where(
                            Candidate.id.in_(chunk), Candidate.owner_id == self._sessions.user_id
                        )
                    )
                )
        return [i for i in candidate_ids if i in mine]

    @writes("adding a user")
    def find_or_add(self, name: str) -> int:
        """The user called `name` (case aside), added when there is none yet."""
        name = checked_name(name)
        with self._sessions.begin() as session:
            found = session.scalar(
                select(AppUser.id).where(func.lower(AppUser.name) == name.lower()).limit(1)
            )
            if found is not None:
                return int(found)
            user = AppUser(name=name, created_at=self._clock())
            session.add(user)
            session.flush()
            self._sessions.changed(_changes())
            return user.id

    def assign(self, candidate_ids: list[int], user_id: int | None) -> int:
        """`hand_over`, saying only how many changed hands."""
        return self.hand_over(candidate_ids, user_id).changed

    @writes("handing candidates over")
    def hand_over(
        self,
        candidate_ids: Iterable[int],
        user_id: int | None,
        *,
        reminders: bool = True,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> BulkResult:
        """Make `user_id` the owner of the candidates (None: nobody's), their follow-ups going
        along unless `reminders` is False (core/users/handover.py); undone by `ws.bulk.undo`
        with the result's `undo`: each person gets their previous owner back."""
        from talentdesk.core.users.handover import HandOver, hand_over

        with self._sessions.begin() as session:
            wanted = HandOver(candidate_ids, user_id, reminders)
            result = hand_over(session, wanted, self._clock(), progress, cancelled)
            self._sessions.changed(result.undo.changes)
            return result

    @writes("renaming a user")
    def rename(self, user_id: int, name: str) -> None:
        name = checked_name(name)
        with self._sessions.begin() as session:
            user = session.get(AppUser, user_id)
            if user is None:
                raise NotFoundError("This user no longer exists.")
            taken = session.scalar(
                select(AppUser.id).where(
                    func.lower(AppUser.name) == name.lower(), AppUser.id != user_id
                )
            )
            if taken is not None:
                raise ValidationError({"name": f"{name} is already a user of this database"})
            user.name = name
            self._sessions.changed(_changes())


def _changes() -> Changes:
    # Names show in the timeline and the pool pane's toggle; a rename is rare: redraw both.
    return Changes.of(candidate_list=True, settings=True)


def _user(user: AppUser) -> User:
    return User(user.id, user.name, user.created_at)
