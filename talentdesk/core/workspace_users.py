"""Who did what, as the Workspace offers it (a base class of `Workspace`): `ws.users`, and the
user this workspace's writes are stamped with, found when the write side loads (the local
file's one user; on a team database the name given at connect, added when new)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from talentdesk.core.clock import Clock
    from talentdesk.core.db.migrate import Database
    from talentdesk.core.users.service import UserService

S = TypeVar("S")


class UserServices:
    _reader: sqlite3.Connection | None
    clock: Clock  # the Workspace's: a hand-over's stamps

    def _service(self, kind: type[S], make: Callable[[Database], S]) -> S:
        raise NotImplementedError  # the Workspace's

    @property
    def users(self) -> UserService:
        """The recruiters of this database, and which one this workspace is."""
        from talentdesk.core.users.service import UserService

        return self._service(UserService, lambda db: UserService(db.sessions, self.clock))

    def _find_user(self, db: Database) -> None:
        """Stamp this workspace's writes with its user (called once the write side loads)."""
        from talentdesk.core.users.service import UserService

        users = UserService(db.sessions)
        if self._reader is not None:  # the local file: its one user
            db.sessions.user_id = users.first_id()
            return
        from talentdesk.core.users.choice import wanted_name

        db.sessions.user_id = users.find_or_add(wanted_name())
