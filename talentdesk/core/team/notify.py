"""What a team database's desktops tell each other (issue 18, "live together"): each write
operation that changed something sends `pg_notify('talentdesk', …)` in its own transaction, so
the message goes out when, and only if, it commits. The payload is JSON: the writer's origin
(so that a workspace ignores its own writes, which it already heard from its writer) and the
operation's `Changes`. PostgreSQL refuses a payload of 8000 bytes or more: an operation that
touched too many candidates to name them says "anything may have changed" instead.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING, Any

from talentdesk.core.ops.changes import Changes

if TYPE_CHECKING:
    from sqlalchemy import Connection

CHANNEL = "talentdesk"
MAX_PAYLOAD = 7900  # bytes; PostgreSQL's limit is 8000 by default

log = logging.getLogger(__name__)


def payload(origin: str, changes: Changes) -> str:
    """The notification's text for `changes`, made by the writer whose origin is `origin`."""
    flags = {
        name: True for name in changes._fields if name != "candidates" and getattr(changes, name)
    }
    text = _dump(origin, sorted(changes.candidates), flags)
    if len(text.encode()) > MAX_PAYLOAD:
        text = _dump(origin, [], {**flags, "external": True})
    return text


def _dump(origin: str, candidates: list[int], flags: dict[str, bool]) -> str:
    return json.dumps({"origin": origin, "candidates": candidates, **flags}, separators=(",", ":"))


def parse(text: str) -> tuple[str, Changes] | None:
    """(origin, changes) of a notification's text; None for one this version cannot read
    (a newer TalentDesk's flags are dropped, not refused)."""
    try:
        data: Any = json.loads(text)
        origin = str(data.pop("origin"))
        candidates = [int(c) for c in data.pop("candidates", [])]
    except (ValueError, TypeError, KeyError, AttributeError):
        log.warning("a team notification that cannot be read: %.200s", text)
        return None
    known = set(Changes._fields) - {"candidates"}
    flags = {name: bool(value) for name, value in data.items() if name in known}
    return origin, Changes.of(candidates, **flags)


def notify(connection: Connection, origin: str, changes: Changes) -> None:
    """Tell the other desktops, on commit of `connection`'s transaction, what it changed."""
    from sqlalchemy import text

    connection.execute(
        text("SELECT pg_notify(:channel, :payload)"),
        {"channel": CHANNEL, "payload": payload(origin, changes)},
    )
