"""An import's consent records: the basis and purpose chosen for the file, one record for each
new candidate and for each existing one the file updated who had none, given at the import and
ending as the Privacy settings say. Set-wise (two INSERT … SELECT), in the import's own
transaction (csvio/move.py): a failed or cancelled import leaves none. One audit entry counts
them, without names.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from talentdesk.core.csvio.options import ImportConsent
from talentdesk.core.db.datetimes import to_db
from talentdesk.core.db.enums import ConsentPurpose
from talentdesk.core.privacy.consent import default_expiry

_COLUMNS = (
    "candidate_id, legal_basis, status, purpose, vacancy_id, given_at, source, expires_at,"
    " created_at"
)
_VALUES = "?, 'given', ?, ?, ?, ?, ?, ?"


def record_consent(
    cur: sqlite3.Cursor, consent: ImportConsent | None, base: int, now: datetime
) -> int:
    """Insert the records (new candidates are `base + sid`); returns how many."""
    if consent is None:
        return 0
    at = to_db(now)
    ends = default_expiry(cur.connection, consent.basis, now)
    vacancy = consent.vacancy_id if consent.purpose is ConsentPurpose.VACANCY else None
    source = (consent.source or "").strip()[:200] or None
    values = (
        consent.basis.value,
        consent.purpose.value,
        vacancy,
        at,
        source,
        None if ends is None else to_db(ends),
        at,
    )
    # The values are the enums' own, so the CHECKs (rebuilt for every row) cannot fail.
    cur.execute("PRAGMA ignore_check_constraints = ON")
    try:
        cur.execute(
            f"INSERT INTO main.consent ({_COLUMNS}) SELECT ? + sid, {_VALUES}"
            " FROM stage.record WHERE sid IS NOT NULL ORDER BY rid",
            (base, *values),
        )
        added = cur.rowcount
        cur.execute(
            f"INSERT INTO main.consent ({_COLUMNS}) SELECT DISTINCT r.target, {_VALUES}"
            " FROM stage.record r WHERE r.sid IS NULL AND r.target IS NOT NULL"
            " AND NOT EXISTS (SELECT 1 FROM main.consent k WHERE k.candidate_id = r.target)",
            values,
        )
        added += cur.rowcount
    finally:
        cur.execute("PRAGMA ignore_check_constraints = OFF")
    if added:
        detail = f"given: {consent.basis.value} / {consent.purpose.value} (import)"
        cur.execute(
            "INSERT INTO main.audit_entry (occurred_at, kind, count, detail)"
            " VALUES (?, 'consent', ?, ?)",
            (at, added, detail),
        )
    return added
