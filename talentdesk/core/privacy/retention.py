"""Who is due for deletion under the retention policy, computed in one SQL query over the
candidate table (a scan of 100,000 rows; the per-person facts come from indexed lookups). The
policy is read by the query itself from `app_setting`, so the same SQL serves the list, the
command line and the smart-list filter `retention:due` (core/lists/sql.py).

- The basis: the person's latest consent record (max id) when it is valid (given, not
  expired); otherwise "no valid basis". Due when the last contact (never contacted: when they
  were added) is more than the basis's months ago.
- Rejected or declined: someone whose application or pool membership is at a rejected or
  declined stage now, with no application still in progress and no valid record with the
  basis "consent", is due that many months after the rejection (or after a later contact).
- Months are calendar months kept in the month, on both backends and as everywhere else in the
  app (core/lists/periods.months_before): 31 March less one month is 28 or 29 February.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from talentdesk.core.db.datetimes import from_db, to_db
from talentdesk.core.db.reader import ReadConnection, on_server
from talentdesk.core.privacy.retention_policy import (
    AFTER_CONTACT,
    AFTER_REJECTION,
    MAX_MONTHS,
    NO_BASIS,
)

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


def _months(key: str, default: int) -> str:
    """A policy setting's months in SQL: its stored value when valid, else the default."""
    return (
        "coalesce((SELECT CASE WHEN typeof(s.value) = 'integer'"
        f" AND s.value BETWEEN 0 AND {MAX_MONTHS} THEN s.value END"
        f" FROM app_setting s WHERE s.key = '{key}'), {default})"
    )


def months_back(now: str, months: str) -> str:
    """The stored time `months` calendar months before `now` (both SQL expressions), kept in
    the month as core/lists/periods.months_before and PostgreSQL's intervals keep it (31 March
    less one month is 28 or 29 February), not carried over as SQLite's '-N months' does
    (3 March): the same day, or the month's last when it has no such day, at the same time to
    the microsecond (strftime would keep milliseconds only)."""
    first = f"date({now}, 'start of month', '-' || ({months}) || ' months')"
    last = f"CAST(strftime('%d', {first}, '+1 month', '-1 day') AS integer)"
    day = f"min(CAST(substr({now}, 9, 2) AS integer), {last})"
    return f"date({first}, '+' || ({day} - 1) || ' days') || substr({now}, 11)"


def _cutoff(key: str, default: int) -> str:
    """The moment that many months before now, as stored text; NULL for 0 (no limit)."""
    months = _months(key, default)
    return f"CASE WHEN {months} = 0 THEN NULL ELSE {months_back('a.now_at', months)} END"


_BASES = list(AFTER_CONTACT)
_CUT = ", ".join(
    [f"{_cutoff(s.key, s.default)} AS b_{basis}" for basis, s in AFTER_CONTACT.items()]
    + [f"{_cutoff(AFTER_REJECTION.key, AFTER_REJECTION.default)} AS rejection"]
)
_TOUCHED = "coalesce(c.last_contact_at, c.created_at)"  # never contacted: since added
# The latest consent record's basis while it is valid (`k`, joined by max id), else none.
_BASIS = (
    "CASE WHEN k.status = 'given' AND (k.expires_at IS NULL OR k.expires_at > cut.now_at)"
    f" THEN k.legal_basis ELSE '{NO_BASIS}' END"
)
_CASES = " ".join(f"WHEN '{basis}' THEN cut.b_{basis}" for basis in _BASES)

# One parameter: now, as stored text (to_db). The stages first (CROSS JOIN keeps that order):
# the few rejected or declined ones, then their people through the (stage) indexes. The
# cut-offs are computed once (MATERIALIZED), not on every candidate's row.
_DUE = f"""
WITH a(now_at) AS (SELECT ?),
cut AS MATERIALIZED (SELECT a.now_at, {_CUT} FROM a),
ended(candidate_id, at) AS (
  SELECT ap.candidate_id, coalesce((SELECT max(h.moved_at) FROM application_stage_change h
           WHERE h.application_id = ap.id AND h.to_kind IN {_ENDED}), ap.updated_at)
  FROM vacancy_stage s CROSS JOIN application ap
    ON ap.vacancy_id = s.vacancy_id AND ap.stage_id = s.id WHERE s.kind IN {_ENDED}
  UNION ALL
  SELECT m.candidate_id, coalesce(m.stage_changed_at, m.added_at)
  FROM pool_stage s CROSS JOIN pool_membership m ON m.stage_id = s.id WHERE s.kind IN {_ENDED}
),
rejected(candidate_id, at) AS (SELECT candidate_id, max(at) FROM ended GROUP BY candidate_id)
SELECT c.id, c.first_name, c.last_name, {_TOUCHED} AS touched, {_BASIS} AS basis,
       CASE WHEN r.at IS NOT NULL AND max(r.at, {_TOUCHED}) < cut.rejection
            AND {_BASIS} <> 'consent'
            AND NOT EXISTS (SELECT 1 FROM application a2 JOIN vacancy_stage s2
                            ON s2.id = a2.stage_id
                            WHERE a2.candidate_id = c.id AND s2.kind IN {_IN_PROGRESS})
            THEN r.at END AS rejected_at
FROM candidate c CROSS JOIN cut
LEFT JOIN consent k ON k.id = (SELECT max(k2.id) FROM consent k2 WHERE k2.candidate_id = c.id)
LEFT JOIN rejected r ON r.candidate_id = c.id
WHERE {_TOUCHED} < CASE {_BASIS} {_CASES} END
   OR rejected_at IS NOT NULL
"""


def due_ids_sql(now: datetime, server: bool = False) -> tuple[str, list[object]]:
    """The ids of everyone due, as a subquery and its parameters (for `c.id IN (…)`)."""
    if server:
        return f"SELECT id FROM ({SERVER_DUE}) due", [to_db(now)]
    return f"SELECT id FROM ({_DUE})", [to_db(now)]


def due_for_deletion(conn: ReadConnection, now: datetime) -> list[DueRow]:
    """Everyone due, the longest overdue first."""
    if on_server(conn):
        sql = f"{SERVER_DUE} ORDER BY coalesce(rejected_at, touched), id"
    else:
        sql = f"{_DUE} ORDER BY coalesce(rejected_at, touched), c.id"
    found = []
    for cid, first, last, touched, basis, rejected_at in conn.execute(sql, [to_db(now)]):
        name = f"{first or ''} {last or ''}".strip() or f"#{cid}"
        if rejected_at is not None:
            found.append(DueRow(cid, name, REJECTION, from_db(rejected_at), basis))
        else:
            found.append(DueRow(cid, name, CONTACT, from_db(touched), basis))
    return found


# The same query on a team database (PostgreSQL): its time and JSON functions, and the
# conditions on the computed columns in an outer query (PostgreSQL's WHERE cannot name them).
# Months are PostgreSQL's calendar months there (31 March less one month is 28 or 29 February,
# as `months_back` computes them on SQLite).
def _server_months(key: str, default: int) -> str:
    return (
        "coalesce((SELECT CASE WHEN json_typeof(s.value) = 'number'"
        " AND CAST(s.value AS text) ~ '^[0-9]+$'"
        f" AND CAST(CAST(s.value AS text) AS numeric) BETWEEN 0 AND {MAX_MONTHS}"
        " THEN CAST(CAST(s.value AS text) AS integer) END"
        f" FROM app_setting s WHERE s.key = '{key}'), {default})"
    )


def _server_cutoff(key: str, default: int) -> str:
    months = _server_months(key, default)
    return f"CASE WHEN {months} = 0 THEN NULL ELSE a.now_at - make_interval(months => {months}) END"


_SERVER_CUT = ", ".join(
    [f"{_server_cutoff(s.key, s.default)} AS b_{basis}" for basis, s in AFTER_CONTACT.items()]
    + [f"{_server_cutoff(AFTER_REJECTION.key, AFTER_REJECTION.default)} AS rejection"]
)
SERVER_DUE = (
    _DUE.replace("WITH a(now_at) AS (SELECT ?)", "WITH a(now_at) AS (SELECT CAST(? AS timestamp))")
    .replace(_CUT, _SERVER_CUT)
    .replace(f"max(r.at, {_TOUCHED})", f"greatest(r.at, {_TOUCHED})")
    .replace(
        "FROM candidate c CROSS JOIN cut",
        f", CASE {_BASIS} {_CASES} END AS basis_cut FROM candidate c JOIN cut ON true",
    )
    .replace("CROSS JOIN", "JOIN")
    .replace(
        f"WHERE {_TOUCHED} < CASE {_BASIS} {_CASES} END\n   OR rejected_at IS NOT NULL\n",
        ") due WHERE touched < basis_cut OR rejected_at IS NOT NULL\n",
    )
    .replace(
        "\nSELECT c.id, c.first_name",
        "\nSELECT id, first_name, last_name, touched, basis,"
        " rejected_at FROM (SELECT c.id, c.first_name",
    )
)
