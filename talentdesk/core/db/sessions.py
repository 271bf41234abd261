"""Sessions for the services, and the decorator that puts a service's write on the write path.

On the write path (inside an operation) a session is bound to the operation's connection and
each `begin()` is a savepoint in its transaction, so an operation made of several service
calls commits as one. Anywhere else a session reads, through a query_only connection.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec, Protocol, TypeVar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from talentdesk.core.ops.writer import Writer

from talentdesk.core.ops.changes import Changes

P = ParamSpec("P")
R = TypeVar("R")


class Sessions:
    def __init__(self, writer: Writer, read: sessionmaker[Session], database: Path) -> None:
        self.writer = writer
        self._read = read
        self.database = database
        # Who this workspace's writes are stamped with (core/users): the owner of what they
        # create, the author of what they log. None until the workspace has found its user.
        self.user_id: int | None = None

    def __call__(self) -> Session:
        from sqlalchemy.orm import Session  # loaded with the write side, not at start-up

        if self.writer.on_write_path():
            return Session(
                bind=self.writer.connection,
                join_transaction_mode="create_savepoint",
                expire_on_commit=False,
            )
        return self._read()

    @contextmanager
    def begin(self) -> Iterator[Session]:
        with self() as session, session.begin():
            yield session

    def changed(self, changes: Changes) -> None:
        """What the running operation changed."""
        self.writer.note(changes)


class _Service(Protocol):
    _sessions: Sessions


S = TypeVar("S", bound=_Service)


def writes(
    label: str,
) -> Callable[[Callable[Concatenate[S, P], R]], Callable[Concatenate[S, P], R]]:
    """Run the decorated service method on the write path: called from an operation, it joins
    that operation; called from anywhere else (the command line, a worker, a test), it runs as
    an operation of its own and the caller waits for it."""

    def decorate(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
        @functools.wraps(method)
        def on_write_path(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
            return self._sessions.writer.run(lambda: method(self, *args, **kwargs), label=label)

        return on_write_path

    return decorate
