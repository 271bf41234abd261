"""Plain SQL for the metrics' numbers, as a developer would write it for a one-off report:
counts by GROUP BY, delays fetched in order and their medians picked in Python, no candidate
ids and no labels. The benchmark's baseline (bench/metrics.py)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from talentdesk.core.db.datetimes import to_db

SENT = "SELECT * FROM outbox_message WHERE status = 'sent'"


def _middle(values: list[float]) -> tuple[float | None, float | None]:
    if not values:
        return None, None
    n = len(values)
    return (values[(n - 1) // 2] + values[n // 2]) / 2, values[max(-(-9 * n // 10) - 1, 0)]


def replies(con: sqlite3.Connection) -> object:
    groups = (
        ("'all'", "''"),
        ("'template'", "template_name"),
        ("'bulk'", "created_at, pool_id, vacancy_id, is_feedback, template_name"),
        ("'pool'", "pool_id"),
        ("'month'", "strftime('%Y-%m', sent_at)"),
    )
    union = " UNION ALL ".join(
        f"SELECT {name}, count(*), count(replied_at) FROM s GROUP BY {by}" for name, by in groups
    )
    return con.execute(f"WITH s AS ({SENT}) {union}").fetchall()


def response_times(con: sqlite3.Connection) -> object:
    candidates = [
        r[0]
        for r in con.execute(
            f"SELECT (julianday(replied_at) - julianday(sent_at)) * 24 FROM ({SENT})"
            " WHERE replied_at IS NOT NULL ORDER BY 1"
        )
    ]
    recruiter = [
        r[0]
        for r in con.execute(
            "WITH a AS (SELECT i.candidate_id, min(i.occurred_at) AS asked,"
            " (SELECT min(o.occurred_at) FROM interaction o WHERE o.candidate_id = i.candidate_id"
            " AND o.kind IN ('email_out', 'feedback') AND o.occurred_at > i.occurred_at)"
            " AS answered FROM interaction i WHERE i.kind = 'email_in'"
            " GROUP BY i.candidate_id, answered)"
            " SELECT (julianday(answered) - julianday(asked)) * 24 FROM a"
            " WHERE answered IS NOT NULL ORDER BY 1"
        )
    ]
    return _middle(candidates), _middle(recruiter)


def closing_loop(con: sqlite3.Connection) -> object:
    kinds = "'rejected', 'declined', 'withdrawn'"
    rows = con.execute(
        "WITH r AS (SELECT m.candidate_id, coalesce(m.stage_changed_at, m.added_at) AS at,"
        " ps.kind FROM pool_membership m JOIN pool_stage ps ON ps.id = m.stage_id"
        f" WHERE ps.kind IN ({kinds}) UNION ALL SELECT a.candidate_id, min(h.moved_at),"
        " h.to_kind FROM application_stage_change h JOIN application a ON a.id = h.application_id"
        f" WHERE h.to_kind IN ({kinds}) GROUP BY a.id),"
        " f AS (SELECT r.kind, julianday((SELECT min(x.occurred_at) FROM interaction x"
        " WHERE x.candidate_id = r.candidate_id AND x.kind = 'feedback' AND x.occurred_at >= r.at))"
        " - julianday(r.at) AS days FROM r)"
        " SELECT kind, days FROM f ORDER BY kind, days"
    ).fetchall()
    return len(rows), _middle([d for _, d in rows if d is not None])


def pipeline(con: sqlite3.Connection) -> object:
    reached = con.execute(
        "SELECT to_kind, count(DISTINCT application_id) FROM application_stage_change"
        " GROUP BY to_kind"
    ).fetchall()
    stays = con.execute(
        "SELECT to_kind, (julianday(lead(moved_at) OVER w) - julianday(moved_at)) AS d"
        " FROM application_stage_change WINDOW w AS (PARTITION BY application_id"
        " ORDER BY moved_at, id) ORDER BY to_kind, d"
    ).fetchall()
    hires = con.execute(
        "SELECT a.vacancy_id, count(*), count(h.at), group_concat(julianday(h.at)"
        " - julianday(a.created_at)) FROM application a LEFT JOIN (SELECT application_id,"
        " min(moved_at) AS at FROM application_stage_change WHERE to_kind = 'hired'"
        " GROUP BY application_id) h ON h.application_id = a.id GROUP BY a.vacancy_id"
    ).fetchall()
    return reached, len(stays), hires


def sources(con: sqlite3.Connection) -> object:
    return con.execute(
        "SELECT CASE WHEN c.referred_by_id IS NOT NULL OR c.relationship_kind = 'referred_by'"
        " THEN 'Referral' WHEN c.source LIKE '%linkedin%' THEN 'LinkedIn'"
        " WHEN coalesce(c.source, '') = '' THEN 'Manual' ELSE c.source END AS origin,"
        " count(*), sum(EXISTS (SELECT 1 FROM application_stage_change h"
        " WHERE h.application_id = a.id AND h.to_kind IN ('interviewing', 'offer', 'hired'))),"
        " sum(EXISTS (SELECT 1 FROM application_stage_change h WHERE h.application_id = a.id"
        " AND h.to_kind = 'hired')) FROM application a JOIN candidate c ON c.id = a.candidate_id"
        " GROUP BY origin"
    ).fetchall()


def pool_health(con: sqlite3.Connection) -> object:
    now = datetime.now(UTC)
    monday = now.date() - timedelta(days=now.weekday())
    found = []
    for week in range(12):
        end = datetime.combine(monday - timedelta(weeks=10 - week), datetime.min.time(), UTC)
        at = to_db(min(end, now))
        found += con.execute(
            "SELECT CASE WHEN c.status = 'do_not_contact' THEN 'ok' WHEN coalesce(l, m.added_at)"
            " <= strftime('%Y-%m-%d %H:%M:%f000', ?1, '-' || (2 * p.cadence_days) || ' days')"
            " THEN 'red' WHEN coalesce(l, m.added_at) <= strftime('%Y-%m-%d %H:%M:%f000', ?1,"
            " '-' || p.cadence_days || ' days') THEN 'amber' ELSE 'ok' END AS touch, count(*)"
            " FROM (SELECT m.*, (SELECT max(i.occurred_at) FROM interaction i"
            " WHERE i.candidate_id = m.candidate_id AND i.kind != 'note' AND i.occurred_at <= ?1)"
            " AS l FROM pool_membership m) m JOIN pool p ON p.id = m.pool_id"
            " JOIN candidate c ON c.id = m.candidate_id"
            " WHERE p.cadence_days IS NOT NULL AND m.added_at <= ?1 GROUP BY touch",
            (at,),
        ).fetchall()
    start = to_db(datetime.combine(monday - timedelta(weeks=11), datetime.min.time(), UTC))
    found += con.execute(
        "SELECT date(occurred_at, 'weekday 0', '-6 days'), count(*), count(DISTINCT candidate_id)"
        " FROM interaction WHERE kind != 'note' AND occurred_at >= ? GROUP BY 1",
        (start,),
    ).fetchall()
    return found


PLAIN: dict[str, Callable[[sqlite3.Connection], object]] = {
    "replies": replies,
    "response_times": response_times,
    "closing_loop": closing_loop,
    "pipeline": pipeline,
    "sources": sources,
    "pool_health": pool_health,
}
