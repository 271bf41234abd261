"""The one rule for a person's consent state, in Python (the profile's chip, the list's column,
`privacy status`) and in SQL (smart lists, core/lists/sql.py): both come from here.

A person's LATEST consent record (the highest id) decides:

- none: no record, or only a pending one (asked, not answered);
- withdrawn: the latest record was withdrawn;
- expired: marked expired, or given with its end passed (`expires_at <= now`);
- expiring: given, ending within the window (`now < expires_at <= now + days`): the
  `consent_expiring_days` setting (core/settings.py, default `EXPIRING_DAYS`), or a search's
  own (`consent:expiring:60d`);
- valid: given and not expired; no end date is valid for good. A smart list's "valid" includes
  the expiring ones (they are still valid); the chip shows the more specific "expiring".

No SQLAlchemy here: the window's reader and smart lists use it before the write side loads.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from talentdesk.core.db.reader import ReadConnection

__all__ = [
    "EXPIRING_DAYS",
    "ConsentState",
    "chip_text",
    "days_left",
    "setting_window",
    "sql_conditions",
    "state_of",
]

EXPIRING_DAYS = 30


# Here, not with the filters (core/lists/filters.py) that use it too: the candidate list shows
# the state from its first paint, before anything loads the smart-list machinery.
class ConsentState(StrEnum):
    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    NONE = "none"
    WITHDRAWN = "withdrawn"


def setting_window(reader: ReadConnection) -> int:
    """How many days "expiring" looks ahead: the `consent_expiring_days` setting."""
    from talentdesk.core import settings  # not before the window's first rows

    return settings.read(reader, settings.CONSENT_EXPIRING_DAYS)


def state_of(
    status: str | None,
    expires_at: datetime | None,
    now: datetime,
    expiring_days: int = EXPIRING_DAYS,
) -> ConsentState:
    """The state a latest record with this status and end gives (None: no record)."""
    if status is None or status == "pending":
        return ConsentState.NONE
    if status == "withdrawn":
        return ConsentState.WITHDRAWN
    if status == "expired" or (expires_at is not None and expires_at <= now):
        return ConsentState.EXPIRED
    if expires_at is not None and expires_at <= now + timedelta(days=expiring_days):
        return ConsentState.EXPIRING
    return ConsentState.VALID


def days_left(expires_at: datetime | None, now: datetime) -> int | None:
    """Whole days until the end, rounded up (ending in 1 hour: 1 day); None: no end."""
    if expires_at is None:
        return None
    return max(0, math.ceil((expires_at - now).total_seconds() / 86400))


def sql_conditions(at: str, soon: str) -> dict[ConsentState, tuple[str, list[object]]]:
    """Each state but none as a condition on the latest record aliased `k`, with its
    parameters; `at` is now and `soon` the end of the expiring window, as stored
    (db/datetimes.to_db). None is the complement: no latest record whose status is other
    than pending."""
    return {
        ConsentState.VALID: (
            "k.status = 'given' AND (k.expires_at IS NULL OR k.expires_at > ?)",
            [at],
        ),
        ConsentState.EXPIRING: (
            "k.status = 'given' AND k.expires_at > ? AND k.expires_at <= ?",
            [at, soon],
        ),
        ConsentState.EXPIRED: (
            "k.status = 'expired' OR (k.status = 'given' AND k.expires_at <= ?)",
            [at],
        ),
        ConsentState.WITHDRAWN: ("k.status = 'withdrawn'", []),
    }


def chip_text(state: ConsentState, left: int | None) -> str:
    """The state in a few words, as the profile's chip and the list's column say it."""
    if state is ConsentState.EXPIRING and left is not None:
        return "expires today" if left == 0 else f"expiring in {left} day{'s' * (left != 1)}"
    return {
        ConsentState.VALID: "valid",
        ConsentState.EXPIRING: "expiring",
        ConsentState.EXPIRED: "expired",
        ConsentState.NONE: "none",
        ConsentState.WITHDRAWN: "withdrawn",
    }[state]
