"""Who is due for deletion under the retention policy, computed in one SQL query over the
candidate table (a scan of 100,000 rows; the per-person facts come from indexed lookups).

- The basis: the person's latest consent record (max id) when it is valid (given, not
  expired); otherwise "no valid basis". Due when the last contact (never contacted: when they
  were added) is more than the basis's months ago.
- Rejected or declined: someone whose application or pool membership is at a rejected or
  declined stage now, with no application still in progress and no valid consent of their
  own, is due that many months after the rejection (or after a later contact).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from talentdesk.core.db.datetimes import from_db, to_db
from talentdesk.core.db.enums import LegalBasis
from talentdesk.core.privacy.retention_policy import NO_BASIS, RetentionPolicy

CONTACT = "contact"
REJECTION = "rejection"
_ENDED = "('rejected', 'declined')"
_IN_PROGRESS = "('new', 'contacted', 'screening', 'interviewing', 'offer')"


@dataclass(frozen=True)
class DueRow:
    id: int
    name: str
    reason: str  # CONTACT | REJECTION
    since: datetime  # the last contact (or when added), or the rejection
    basis: str  # a LegalBasis value, or NO_BASIS

    def describe(self) -> str:
        if self.reason == REJECTION:
            return f"rejected or declined on {self.since.date().isoformat()}"
        return f"no contact since {self.since.date().isoformat()}"

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "reason": self.reason,
            "since": self.since.isoformat(),
            "basis": self.basis,
            "why": self.describe(),
        }


def months_before(moment: datetime, months: int) -> datetime:
    """The same day `months` earlier (the month's last day when it has no such day)."""
    total = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    for day in (moment.day, 30, 29, 28):
        try:
            return moment.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


_QUERY = f"""
WITH ended(candidate_id, at) AS (
  SELECT a.candidate_id, coalesce((SELECT max(h.moved_at) FROM application_stage_change h
           WHERE h.application_id = a.id AND h.to_kind IN {_ENDED}), a.updated_at)
  FROM application a JOIN vacancy_stage s ON s.id = a.stage_id WHERE s.kind IN {_ENDED}
  UNION ALL
  SELECT m.candidate_id, coalesce(m.stage_changed_at, m.added_at)
  FROM pool_membership m JOIN pool_stage s ON s.id = m.stage_id WHERE s.kind IN {_ENDED}
),
rejected(candidate_id, at) AS (SELECT candidate_id, max(at) FROM ended GROUP BY candidate_id),
person AS (
  SELECT c.id, c.first_name, c.last_name,
         coalesce(c.last_contact_at, c.created_at) AS touched,
         (SELECT CASE WHEN k.status = 'given' AND (k.expires_at IS NULL OR k.expires_at > :now)
                 THEN k.legal_basis END
          FROM consent k WHERE k.candidate_id = c.id ORDER BY k.id DESC LIMIT 1) AS basis
  FROM candidate c
)
SELECT p.id, p.first_name, p.last_name, p.touched, coalesce(p.basis, '{NO_BASIS}'),
       CASE WHEN r.at IS NOT NULL AND max(r.at, p.touched) < :rejection
            AND coalesce(p.basis, '') <> 'consent'
            AND NOT EXISTS (SELECT 1 FROM application a2 JOIN vacancy_stage s2
                            ON s2.id = a2.stage_id
                            WHERE a2.candidate_id = p.id AND s2.kind IN {_IN_PROGRESS})
            THEN r.at END AS rejected_at
FROM person p LEFT JOIN rejected r ON r.candidate_id = p.id
WHERE p.touched < CASE coalesce(p.basis, '{NO_BASIS}') {{cases}} END
   OR rejected_at IS NOT NULL
ORDER BY coalesce(rejected_at, p.touched), p.id
"""


def _query(policy: RetentionPolicy, now: datetime) -> tuple[str, dict[str, object]]:
    params: dict[str, object] = {"now": to_db(now)}
    cases = []
    for i, basis in enumerate([b.value for b in LegalBasis] + [NO_BASIS]):
        months = policy.after_contact.get(basis, 0)
        params[f"b{i}"] = to_db(months_before(now, months)) if months else None
        cases.append(f"WHEN '{basis}' THEN :b{i}")
    rejection = policy.after_rejection
    params["rejection"] = to_db(months_before(now, rejection)) if rejection else None
    return _QUERY.replace("{cases}", " ".join(cases)), params


def due_for_deletion(
    conn: sqlite3.Connection, policy: RetentionPolicy, now: datetime
) -> list[DueRow]:
    """Everyone due, the longest overdue first."""
    sql, params = _query(policy, now)
    found = []
    for cid, first, last, touched, basis, rejected_at in conn.execute(sql, params):
        name = f"{first or ''} {last or ''}".strip() or f"#{cid}"
        if rejected_at is not None:
            found.append(DueRow(cid, name, REJECTION, from_db(rejected_at), basis))
        else:
            found.append(DueRow(cid, name, CONTACT, from_db(touched), basis))
    return found
