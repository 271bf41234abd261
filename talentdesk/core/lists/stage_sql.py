"""Stage rules as SQL: who stands at (or ever reached) a kind of stage in a pool or vacancy.

The stage tables are small and the memberships / applications / history large: CROSS JOIN
keeps the small side outside (SQLite keeps that order), so the large side is searched by
its index; without statistics (TalentDesk never runs ANALYZE) the planner may scan it instead.

Pools keep no stage history: a membership's current stage and when it changed
(`stage_changed_at`, else `added_at`) is all there is, so "ever reached" in a pool is its
current stage. Vacancies record every move (`application_stage_change`, the first stage
included), so "ever reached" there reads the history.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from talentdesk.core.db.enums import StageKind
from talentdesk.core.lists.filters import Period, StageRule
from talentdesk.core.lists.parts import Part
from talentdesk.core.lists.periods import range_sql

Sql = tuple[str, list[object]]


def _marks(values: Iterable[object]) -> tuple[str, list[object]]:
    items = list(values)
    return ",".join("?" * len(items)), items


def _pool_now(
    kinds: frozenset[StageKind], rule: StageRule, reached: Period | None, now: datetime
) -> Sql:
    marks, params = _marks(sorted(kinds))
    sql = (
        "SELECT m.candidate_id FROM pool_stage s CROSS JOIN pool_membership m ON m.stage_id = s.id"
        f" WHERE s.kind IN ({marks})"
    )
    if rule.pool_id is not None:
        sql += " AND s.pool_id = ?"
        params.append(rule.pool_id)
    when, more = range_sql("coalesce(m.stage_changed_at, m.added_at)", reached, now)
    if when:
        sql += f" AND {when}"
        params += more
    return sql, params


def _vacancy_now(
    kinds: frozenset[StageKind], rule: StageRule, reached: Period | None, now: datetime
) -> Sql:
    marks, params = _marks(sorted(kinds))
    # Joined on both columns so the (vacancy_id, stage_id) index finds the applications.
    sql = (
        "SELECT a.candidate_id FROM vacancy_stage s CROSS JOIN application a"
        " ON a.vacancy_id = s.vacancy_id AND a.stage_id = s.id"
        f" WHERE s.kind IN ({marks})"
    )
    if rule.vacancy_id is not None:
        sql += " AND s.vacancy_id = ?"
        params.append(rule.vacancy_id)
    when, more = range_sql("h.moved_at", reached, now)
    if when:  # when they moved into the stage they are at
        sql += (
            " AND EXISTS (SELECT 1 FROM application_stage_change h"
            f" WHERE h.application_id = a.id AND h.to_kind = s.kind AND {when})"
        )
        params += more
    return sql, params


def _vacancy_ever(
    kinds: frozenset[StageKind], rule: StageRule, reached: Period | None, now: datetime
) -> Sql:
    marks, params = _marks(sorted(kinds))
    sql = (
        "SELECT a.candidate_id FROM application_stage_change h"
        f" CROSS JOIN application a ON a.id = h.application_id WHERE h.to_kind IN ({marks})"
    )
    if rule.vacancy_id is not None:
        sql += " AND a.vacancy_id = ?"
        params.append(rule.vacancy_id)
    when, more = range_sql("h.moved_at", reached, now)
    if when:
        sql += f" AND {when}"
        params += more
    return sql, params


def _scopes(rule: StageRule) -> tuple[bool, bool]:
    """Whether the rule looks at pools, at vacancies (narrowed to one: only that side)."""
    if rule.pool_id is None and rule.vacancy_id is None:
        return True, True
    return rule.pool_id is not None, rule.vacancy_id is not None


def _reached(
    kinds: frozenset[StageKind], rule: StageRule, ever: bool, reached: Period | None, now: datetime
) -> Sql:
    """The ids of who is at / ever reached one of `kinds`: a UNION ALL of SELECTs (a set
    of ids for IN or set algebra, where a duplicate does not matter)."""
    pools, vacancies = _scopes(rule)
    selects: list[Sql] = []
    if pools:
        selects.append(_pool_now(kinds, rule, reached, now))
    if vacancies:
        vacancy = _vacancy_ever if ever else _vacancy_now
        selects.append(vacancy(kinds, rule, reached, now))
    sql = " UNION ALL ".join(s for s, _ in selects)
    return sql, [p for _, params in selects for p in params]


def stage_parts(rule: StageRule, now: datetime) -> list[Part]:
    """The rule as conditions on `c` (none when it asks for nothing)."""
    parts: list[Part] = []
    if rule.kinds:
        parts.append(Part.of_ids(*_reached(rule.kinds, rule, rule.ever, rule.reached, now)))
    elif rule.reached is not None or rule.pool_id is not None or rule.vacancy_id is not None:
        # No kind: any stage there (a member of the pool / in the vacancy's pipeline).
        every = frozenset(StageKind)
        parts.append(Part.of_ids(*_reached(every, rule, rule.ever, rule.reached, now)))
    if rule.never:
        sql, params = _reached(rule.never, rule, True, None, now)
        parts.append(Part.of_ids(sql, params, negated=True))
    return parts
