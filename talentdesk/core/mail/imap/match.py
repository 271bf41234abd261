"""Who a message is about: the reply to an outbox message, else the candidates whose addresses
it comes from (incoming) or goes to (outgoing). Pure functions over maps built once per sync."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, text

from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.mail.imap.parse import Headers

AddressBook = Mapping[str, tuple[int, ...]]  # lower-case address → candidate ids


@dataclass(frozen=True)
class Sent:
    """An outbox message a reply may answer."""

    outbox_id: int
    candidate_id: int
    pool_id: int | None


@dataclass(frozen=True)
class Found:
    """A message to put on one candidate's timeline (and the outbox message it answers)."""

    candidate_id: int
    kind: InteractionKind
    message_id: str
    occurred_at: datetime
    subject: str
    snippet: str
    outbox_id: int | None = None
    pool_id: int | None = None


def address_book(connection: Connection) -> dict[str, tuple[int, ...]]:
    """Every candidate's addresses (main and others), lower case: one read per sync."""
    book: dict[str, list[int]] = {}
    rows = connection.execute(
        text(
            "SELECT email, id FROM candidate WHERE email IS NOT NULL"
            " UNION SELECT email, candidate_id FROM candidate_email"
        )
    )
    for address, candidate_id in rows:
        ids = book.setdefault(str(address).lower(), [])
        if candidate_id not in ids:
            ids.append(candidate_id)
    return {address: tuple(sorted(ids)) for address, ids in book.items()}


def sent_messages(connection: Connection, message_ids: Iterable[str]) -> dict[str, Sent]:
    """The outbox messages with these Message-IDs (indexed), by Message-ID."""
    wanted = list(dict.fromkeys(message_ids))
    found: dict[str, Sent] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ", ".join(f":m{i}" for i in range(len(chunk)))
        rows = connection.execute(
            text(
                "SELECT message_id, id, candidate_id, pool_id FROM outbox_message"
                f" WHERE message_id IN ({marks})"
            ),
            {f"m{i}": m for i, m in enumerate(chunk)},
        )
        for message_id, outbox_id, candidate_id, pool_id in rows:
            found[message_id] = Sent(outbox_id, candidate_id, pool_id)
    return found


@dataclass(frozen=True)
class Target:
    candidate_id: int
    kind: InteractionKind
    answers: Sent | None = None


def targets(
    headers: Headers,
    outgoing: bool,
    book: AddressBook,
    sent: Mapping[str, Sent],
    mine: frozenset[str] = frozenset(),
) -> list[Target]:
    """Whose timeline this message belongs on; [] when it is about no candidate."""
    if outgoing or (headers.sender is not None and headers.sender in mine):
        ids = dict.fromkeys(
            c
            for address in headers.recipients
            if address not in mine
            for c in book.get(address, ())
        )
        return [Target(c, InteractionKind.EMAIL_OUT) for c in ids]
    for answered in headers.answers:
        original = sent.get(answered)
        if original is not None:
            return [Target(original.candidate_id, InteractionKind.EMAIL_IN, original)]
    if headers.sender is None:
        return []
    return [Target(c, InteractionKind.EMAIL_IN) for c in book.get(headers.sender, ())]
