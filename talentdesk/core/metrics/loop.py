"""Closing the loop: who reached not-a-fit, declined or withdrawn, whether they then got
feedback, how many days it took, and who is still owed it.

Reaching is counted per pool membership (its current stage, since it changed) and per
application (the first move to such a stage): someone turned down for two vacancies is owed
two answers. Feedback is a "feedback" timeline entry (a feedback e-mail the outbox sent is
one) at or after the moment they reached it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from talentdesk.core.db.enums import NOT_HIRED_KINDS, StageKind
from talentdesk.core.db.reader import ReadConnection, on_server
from talentdesk.core.metrics import scope
from talentdesk.core.metrics.dialect import alias, falsity, micros_between, truth
from talentdesk.core.metrics.lookup import Lookup
from talentdesk.core.metrics.model import Column, Figure, Filters, Row, Table
from talentdesk.core.metrics.stats import median, rate, rounded

_KINDS = ", ".join(f"'{k.value}'" for k in sorted(NOT_HIRED_KINDS))
ORDER = (StageKind.REJECTED, StageKind.DECLINED, StageKind.WITHDRAWN)

# The first feedback at or after reaching the stage (NULL: none yet). A feedback e-mail the
# outbox sent is on the timeline as feedback too, at the moment it was sent. In time order
# with LIMIT 1 the index read stops at the first feedback (min() would read them all).
_FEEDBACK_SQL = (
    "(SELECT f.occurred_at FROM interaction f"
    " WHERE f.candidate_id = r.candidate_id AND f.kind = 'feedback' AND f.occurred_at >= r.at"
    " ORDER BY f.occurred_at LIMIT 1)"
)

COLUMNS = (
    Column("reached", "Reached"),
    Column("got_feedback", "Got feedback"),
    Column("share", "Share", "%"),
    Column("median_days", "Median days to feedback", "days"),
    Column("owed", "Still owed"),
)


def _reached_sql(filters: Filters, server: bool = False) -> scope.Sql:
    pools = truth(server) if filters.vacancy_id is None else falsity(server)
    vacancies = truth(server)
    params: list[object] = []
    if filters.pool_id is not None:
        pools += " AND m.pool_id = ?"
        params.append(filters.pool_id)
    vacancy_params: list[object] = []
    if filters.vacancy_id is not None:
        vacancies += " AND a.vacancy_id = ?"
        vacancy_params.append(filters.vacancy_id)
    sql = (
        "SELECT m.candidate_id AS candidate_id, coalesce(m.stage_changed_at, m.added_at) AS at,"
        " ps.kind AS kind FROM pool_membership m JOIN pool_stage ps ON ps.id = m.stage_id"
        f" WHERE ps.kind IN ({_KINDS}) AND {pools}"
    )
    if server:  # SQLite's bare column beside min(): the kind of the first such move
        sql += (
            " UNION ALL (SELECT DISTINCT ON (a.id) a.candidate_id, h.moved_at, h.to_kind"
            " FROM application_stage_change h JOIN application a ON a.id = h.application_id"
            f" WHERE h.to_kind IN ({_KINDS}) AND {vacancies} ORDER BY a.id, h.moved_at, h.id)"
        )
    else:
        sql += (
            " UNION ALL SELECT a.candidate_id, min(h.moved_at), h.to_kind"
            " FROM application_stage_change h JOIN application a ON a.id = h.application_id"
            f" WHERE h.to_kind IN ({_KINDS}) AND {vacancies} GROUP BY a.id"
        )
    return sql, params + vacancy_params


# Days between reaching the stage and the feedback, exactly as datetime subtraction counts
# them (whole seconds, then microseconds), NULL when none yet: the delay in SQL, so Python
# receives a kind and a number per event rather than two times to parse.
_DAYS = (
    "((unixepoch(substr(fed, 1, 19)) - unixepoch(substr(at, 1, 19))) * 1000000"
    " + (substr(fed, 21) - substr(at, 21))) / 1000000.0 / 86400.0"
)
_SERVER_DAYS = (
    f"CAST({micros_between('fed', 'at')} AS double precision)"
    " / CAST(1000000 AS double precision) / CAST(86400 AS double precision)"
)


def loop_figure(reader: ReadConnection, filters: Filters, lookup: Lookup | None = None) -> Figure:
    lookup = lookup or Lookup.over(reader)
    server = on_server(reader)
    reached, params = _reached_sql(filters, server)
    where, more = scope.both(
        scope.in_range("r.at", filters, server), scope.people("r.candidate_id", filters, server)
    )
    events = (
        f"SELECT r.candidate_id, r.kind, r.at AS at, {_FEEDBACK_SQL} AS fed"
        f" FROM ({reached}) r WHERE {where}"
    )
    params += more
    by_kind: dict[str, list[float | None]] = defaultdict(list)
    # Materialized: the delay names the feedback twice, and flattened it would be found twice.
    days = _SERVER_DAYS if server else _DAYS
    delays = f"WITH e AS MATERIALIZED ({events}) SELECT kind, {days} FROM e"
    for kind, days in reader.execute(delays, params):
        by_kind[kind].append(days)
    everyone = [days for kind in ORDER for days in by_kind[kind.value]]
    source = f"({events}){alias(server)}"  # a subquery in FROM is named on a server
    rows = [_row("all", "Everyone", everyone, _people(lookup, source, params, _KINDS))]
    rows += [
        _row(kind.value, kind.label, by_kind[kind.value],
             _people(lookup, source, params, f"'{kind.value}'"))
        for kind in ORDER
    ]  # fmt: skip
    table = Table(
        "closing_loop",
        "Closing the loop",
        COLUMNS,
        tuple(rows),
        "Per membership or application that reached the stage; feedback at or after it.",
    )
    return Figure("closing_loop", "Closing the loop", (table,))


def _people(
    lookup: Lookup, source: str, params: list[object], kinds: str
) -> dict[str, Sequence[int]]:
    """Who is behind a row's numbers, read when asked for (`source`: the events subquery)."""
    chosen = f"SELECT candidate_id FROM {source} WHERE kind IN ({kinds})"
    return {
        "reached": lookup.people(chosen, params),
        "got_feedback": lookup.people(f"{chosen} AND fed IS NOT NULL", params),
        "owed": lookup.people(f"{chosen} AND fed IS NULL", params),
    }


def _row(key: str, label: str, events: list[float | None], people: dict[str, Sequence[int]]) -> Row:
    fed = [d for d in events if d is not None]
    return Row(
        key,
        label,
        {"reached": len(events), "got_feedback": len(fed), "share": rate(len(fed), len(events)),
         "median_days": rounded(median(fed)), "owed": len(events) - len(fed)},
        people,
    )  # fmt: skip
