"""One condition of a filter as SQL over `c`, and, for `c.id [NOT] IN (…)` conditions, the set
of ids itself: a count over sets alone is set algebra (INTERSECT / EXCEPT) with no candidate
row read, about twice as fast on a large list as looking each id up."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Part:
    sql: str  # a condition on `c`
    params: list[object] = field(default_factory=list)
    ids: str | None = None  # the subquery of `c.id IN (ids)`, when it is only that
    negated: bool = False  # `c.id NOT IN (ids)`

    @classmethod
    def of_ids(cls, ids: str, params: list[object], negated: bool = False) -> Part:
        return cls(f"c.id {'NOT IN' if negated else 'IN'} ({ids})", params, ids, negated)


def joined(parts: Sequence[Part]) -> tuple[str, list[object]]:
    """The parts as one condition, ANDed ('' when there are none)."""
    return (
        " AND ".join(f"({p.sql})" for p in parts),
        [value for p in parts for value in p.params],
    )


def id_set(parts: Sequence[Part]) -> tuple[str, list[object]] | None:
    """The ids the parts select, as one compound SELECT, when every part is a set of ids and
    one at least includes (None otherwise: the candidate table has to be read)."""
    if not parts or any(p.ids is None for p in parts):
        return None
    plus = [p for p in parts if not p.negated]
    minus = [p for p in parts if p.negated]
    if not plus:
        return None
    # (each subquery named: PostgreSQL before 16 requires it)
    members = [f"SELECT * FROM ({p.ids}) AS s{i}" for i, p in enumerate(plus)]
    if len(members) == 1 and not minus:  # a set may name someone twice (two of the tags)
        members = [f"SELECT DISTINCT * FROM ({plus[0].ids}) AS s0"]
    sql = " INTERSECT ".join(members)  # INTERSECT and EXCEPT give each row once
    if minus:
        sql += "".join(f" EXCEPT SELECT * FROM ({p.ids}) AS m{i}" for i, p in enumerate(minus))
    return sql, [v for p in plus for v in p.params] + [v for p in minus for v in p.params]
