"""The one rule for "may this person be e-mailed": not when their status is Do not contact,
and not when their latest consent record (the highest id) is withdrawn.

Every path that can reach a person asks it here: planning a mailing (compose, bulk e-mail,
campaigns from pools and lists), the outbox sender before it claims a message, matching, and
the reminders TalentDesk writes that suggest contact. `stop_contact_in` is what a withdrawal
or a status change to Do not contact runs in its own transaction: the person's queued
messages are cancelled (with the reason) and their generated reminders worked out
again, so nothing goes out to them from that commit on.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from talentdesk.core.db.enums import CandidateStatus, ConsentStatus, OutboxStatus
from talentdesk.core.db.raw_sql import for_driver
from talentdesk.core.db.reader import ReadConnection

if TYPE_CHECKING:  # the window's read path asks this module before SQLAlchemy is loaded
    from sqlalchemy import Connection

    from talentdesk.core.bulk.db import BulkDb

DO_NOT_CONTACT = "do not contact"
CONSENT_WITHDRAWN = "consent withdrawn"
REASONS = (DO_NOT_CONTACT, CONSENT_WITHDRAWN)
NOT_SENT = "Not sent: {reason}"  # what a cancelled outbox message says

DNC_SQL = f"'{CandidateStatus.DO_NOT_CONTACT.value}'"
_DNC = DNC_SQL
_WITHDRAWN = f"'{ConsentStatus.WITHDRAWN.value}'"

# The candidates whose latest consent record is withdrawn (the consent table's own index).
WITHDRAWN_IDS = (
    f"SELECT o.candidate_id FROM consent o WHERE o.status = {_WITHDRAWN} AND NOT EXISTS ("
    "SELECT 1 FROM consent n WHERE n.candidate_id = o.candidate_id AND n.id > o.id)"
)


def withdrawn_sql(alias: str = "c") -> str:
    """True when the candidate aliased `alias` has a latest consent record that is withdrawn:
    looked up per row (the consent index), for a few rows; `WITHDRAWN_IDS` for whole tables."""
    return (
        f"coalesce((SELECT k.status FROM consent k WHERE k.candidate_id = {alias}.id"
        f" ORDER BY k.id DESC LIMIT 1), '') = {_WITHDRAWN}"
    )


def contactable_sql(alias: str = "c") -> str:
    """A condition on the candidate table aliased `alias`: true when they may be e-mailed."""
    return f"({alias}.status <> {_DNC} AND {alias}.id NOT IN ({WITHDRAWN_IDS}))"


def not_contactable_sql(alias: str = "c") -> str:
    return f"NOT {contactable_sql(alias)}"


def reason_sql(alias: str = "c") -> str:
    """An expression on the candidate table aliased `alias`: why they may not be e-mailed
    ("do not contact" or "consent withdrawn"), NULL when they may. Per row: for pages and
    lists of ids."""
    return (
        f"CASE WHEN {alias}.status = {_DNC} THEN '{DO_NOT_CONTACT}'"
        f" WHEN {withdrawn_sql(alias)} THEN '{CONSENT_WITHDRAWN}' END"
    )


def _reasons_sql(count: int) -> str:
    marks = ",".join("?" * count)
    return (
        f"SELECT id, reason FROM (SELECT c.id AS id, {reason_sql('c')} AS reason"
        f" FROM candidate c WHERE c.id IN ({marks})) AS r WHERE reason IS NOT NULL"
    )


def _chunks(ids: Iterable[int], size: int = 500) -> Iterable[list[int]]:
    items = list(dict.fromkeys(int(i) for i in ids))
    for start in range(0, len(items), size):
        yield items[start : start + size]


def why_not(connection: Connection | ReadConnection | BulkDb, ids: Iterable[int]) -> dict[int, str]:
    """Of `ids`, those who may not be e-mailed, each with the reason ("do not contact" wins
    over "consent withdrawn"); on a SQLAlchemy connection or the window's reader."""
    found: dict[int, str] = {}
    for chunk in _chunks(ids):
        sql = _reasons_sql(len(chunk))
        rows: Iterable[Any]
        if hasattr(connection, "exec_driver_sql"):  # SQLAlchemy's
            orm = cast("Connection", connection)
            rows = orm.exec_driver_sql(for_driver(orm, sql), tuple(chunk)).all()
        else:
            rows = connection.execute(sql, chunk).fetchall()
        found.update((int(cid), str(reason)) for cid, reason in rows)
    return found


def not_contacted_summary(reasons: Iterable[str]) -> str:
    """ "3 not contacted: do not contact / consent withdrawn" ('' when nobody)."""
    kept = [r for r in reasons if r in REASONS]
    if not kept:
        return ""
    return f"{len(kept):,} not contacted: {DO_NOT_CONTACT} / {CONSENT_WITHDRAWN}"


def cancel_queued_in(connection: Connection | BulkDb, candidate_ids: Iterable[int]) -> int:
    """Cancel the queued messages of those of `candidate_ids` who may not be e-mailed: they
    become cancelled with the reason (the outbox shows it); returns how many. On a SQLAlchemy
    connection or a raw one (a bulk action's)."""
    reasons = why_not(connection, candidate_ids)
    cancelled = 0
    for reason in REASONS:
        ids = [cid for cid, why in reasons.items() if why == reason]
        for chunk in _chunks(ids):
            sql = (
                f"UPDATE outbox_message SET status = '{OutboxStatus.CANCELLED.value}', error = ?"
                f" WHERE status = 'queued' AND candidate_id IN ({','.join('?' * len(chunk))})"
            )
            params = (NOT_SENT.format(reason=reason), *chunk)
            if hasattr(connection, "exec_driver_sql"):  # SQLAlchemy's
                orm = cast("Connection", connection)
                cancelled += orm.exec_driver_sql(for_driver(orm, sql), params).rowcount
            else:  # a bulk action's raw connection
                cancelled += connection.execute(sql, params).rowcount
    return cancelled


def stop_contact_in(connection: Connection, candidate_ids: Iterable[int], now: datetime) -> int:
    """After a withdrawal or a status change to Do not contact, in the same transaction:
    their queued e-mail is cancelled and their generated reminders follow the rule. Returns
    how many messages were cancelled. The caller notes `Changes(mail=True, reminders=True)`."""
    from talentdesk.core.reminders import generated  # generated reminders ask this module

    ids = list(candidate_ids)
    cancelled = cancel_queued_in(connection, ids)
    generated.refresh_in(connection, now, None, candidate_ids=ids)
    return cancelled
