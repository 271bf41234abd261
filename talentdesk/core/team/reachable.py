"""The server goes away (issue 18): telling a dropped team database connection from other
errors, and a cheap probe that says whether the server answers again.

A connection error is one of psycopg's OperationalErrors with no SQLSTATE (the socket went)
or of class 08 (connection exception) or 57P01–57P03 (the server shut down or is starting):
a lock or statement timeout is an OperationalError too, but the server is there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from talentdesk.core.diagnose import psycopg_operational, server_state_lost

if TYPE_CHECKING:
    from talentdesk.core.db.reader import ReadConnection
    from talentdesk.core.ops.writer import Writer

log = logging.getLogger(__name__)

PROBE_LABEL = "Checking the team database"
# How long the probe waits for its turn on the write path (behind another operation).
WRITER_WAIT_S = 30.0


def is_server_away(exc: BaseException) -> bool:
    """`exc` (or what caused it) says the team database's server cannot be reached."""
    from talentdesk.core.db.server_open import ServerUnreachableError

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ServerUnreachableError):
            return True
        if getattr(current, "connection_invalidated", False):  # SQLAlchemy saw a disconnect
            return True
        if _is_connection_failure(current):
            return True
        # The writer's ServerConnectionError has the driver's error as its cause.
        current = current.__cause__ or current.__context__
    return False


def outcome_unknown(exc: BaseException) -> bool:
    """`exc` says the connection was lost during COMMIT and whether it committed is not known
    yet (core/ops/server_link.py: the write path asks once the server answers)."""
    from talentdesk.core.ops.server_link import OutcomeUnknownError

    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OutcomeUnknownError):
            return True
        current = current.__cause__ or current.__context__
    return False


def _is_connection_failure(exc: BaseException) -> bool:
    orig = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's error
    if isinstance(orig, BaseException):
        exc = orig
    return psycopg_operational(exc) and server_state_lost(getattr(exc, "sqlstate", None))


def ping(reader: ReadConnection, writer: Writer | None) -> bool:
    """True when the team database answers both the read connection and the write path (each
    connects again if its connection was dropped). Blocks for up to the connect timeout: call
    it off the GUI thread. A connection found dead is tried once more, connected anew."""
    try:
        _twice(lambda: reader.execute("SELECT 1").fetchone())
        if writer is not None:
            _twice(lambda: _through_writer(writer))
    except TimeoutError:  # the write path is busy (or stuck): not known to answer yet
        log.info("the write path did not answer within %s s", WRITER_WAIT_S)
        return False
    except Exception as exc:
        if not is_server_away(exc):
            raise
        log.info("team database still unreachable: %s", exc)
        return False
    return True


def _twice(probe: Callable[[], object]) -> None:
    try:
        probe()
    except Exception as exc:
        if not is_server_away(exc):
            raise
        probe()  # a connection the server dropped is replaced on its next statement


def _through_writer(writer: Writer) -> None:
    writer.submit(lambda: _select_one(writer), label=PROBE_LABEL).result(WRITER_WAIT_S)


def _select_one(writer: Writer) -> None:
    from sqlalchemy import text

    writer.connection.execute(text("SELECT 1")).scalar()
