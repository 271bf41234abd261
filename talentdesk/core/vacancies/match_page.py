"""The page alone (what the window waits for), with the role's tags counted in bytes
(match_tagged) rather than by a GROUP BY: the same candidates read, the same rows returned as
match_sql `page_statement`, sooner.

1. Each candidate's counts of the role's tags, from the tags' indexes; `level`, the tags'
   points of the `end`-th best tagged.
2. One statement reads everyone tagged that well (`first`) and returns `bar`, the `end`-th
   best score among them (kept people only), with those of them who reach it.
3. Whom else to read is found in the bytes: the tagged below `level` whose tags plus the
   most the rest can give them reach the bar, as far as is known without their row (who
   lives in the role's city, the near fits: `Terms.can_reach`).
4. One statement reads them, keeps who reaches the bar, leaves out the people left out (best
   first, until `end` are kept), adds the best of the untagged if the tagged cannot fill the
   page, and returns the page's rows.
"""

from __future__ import annotations

import itertools
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from talentdesk.core.vacancies.match_sql import (
    Options,
    _consent,
    _filters,
    _gone,
    _others,
    _page,
    _params,
    _sets,
    bitmap,
)
from talentdesk.core.vacancies.match_tagged import Counts, count_tags
from talentdesk.core.vacancies.match_terms import Terms

Groups = dict[int, list[int]]  # candidate ids by code (match_tagged)


@dataclass(frozen=True)
class Plan:
    sql: str  # the statement of step 4
    params: dict[str, object]
    reads: int  # the candidates' rows read: in step 2, and to be read in step 4
    tagged: int  # candidates with one or more of the role's tags


def page_rows(
    raw: sqlite3.Connection, terms: Terms, options: Options, residents: bytes, near_fit: bytes
) -> list[Any] | None:
    """The page's rows (as `page_statement`'s), or None when the tags cannot be counted in
    bytes (no tags, or too many: `page_statement` is the way then)."""
    plan = page_plan(raw, terms, options, residents, near_fit)
    return None if plan is None else raw.execute(plan.sql, plan.params).fetchall()


def page_plan(
    raw: sqlite3.Connection, terms: Terms, options: Options, residents: bytes, near_fit: bytes
) -> Plan | None:
    """Steps 1 to 3 (see the module's docstring), and the statement of step 4."""
    role = terms.role
    counts = count_tags(raw, [t for t, _ in role.required], [t for t, _ in role.nice])
    if counts is None:
        return None
    values = {code: terms.tag_value(*counts.split(code)) for code in range(1, counts.top + 1)}
    histogram = counts.histogram()
    level = _level(histogram, values, options.offset + options.limit)
    params: dict[str, object] = {
        **_params(terms, options), "residents_bits": residents, "near_fit_bits": near_fit,
        "residents": terms.residents(lazy=True), "tagged_bits": counts.tagged_bits(),
    }  # fmt: skip
    first = counts.pick({(): [c for c in histogram if values[c] >= level]}, [])
    sql, picked = _statement(terms, options, counts, first, _first(terms, options))
    found = raw.execute(sql, {**params, **picked}).fetchall()
    bar = int(found[0][0])
    kept: Groups = {}
    for _, candidate in found:
        if candidate is not None:
            kept.setdefault(counts.codes[candidate], []).append(candidate)
    sets = _sets_known(raw, terms, {"residents": residents, "near_fit": near_fit})
    allowed = _reachable(terms, [c for c in histogram if values[c] < level], values, bar, sets)
    second = counts.pick(allowed, [bits for bits, _ in sets])
    for code, ids in second.items():
        kept.setdefault(code, []).extend(ids)
    sql, picked = _statement(terms, options, counts, kept, _rest(terms, options))
    reads = sum(map(len, first.values())) + sum(map(len, kept.values()))
    return Plan(sql, {**params, **picked, "bar": bar}, reads, sum(histogram.values()))


def _level(histogram: Mapping[int, int], values: Mapping[int, float], end: int) -> float:
    """The tags' points of the `end`-th best tagged (-1: fewer are tagged)."""
    seen = 0
    for value, count in sorted(((values[c], n) for c, n in histogram.items()), reverse=True):
        seen += count
        if seen >= end:
            return value
    return -1


def _sets_known(
    raw: sqlite3.Connection, terms: Terms, bits: Mapping[str, bytes]
) -> list[tuple[bytes, float]]:
    """The sets whom to read is decided with, as bitmaps, each with the points someone outside
    it cannot get: those of `Terms.can_reach`, and the people contacted recently (the
    others get half the points for last contact at best; found through its index)."""
    sets = [(bits[name], drop) for name, drop in terms.reach_sets()]
    if terms.weighted("last_contact"):
        (found,) = raw.execute(
            "SELECT group_concat(id) FROM candidate WHERE last_contact_at >= ?",
            (terms.params["recent"],),
        )
        recent = bitmap(map(int, found[0].split(","))) if found[0] else b""
        sets.append((recent, terms.coefficients["last_contact"]))
    return sets


def _reachable(
    terms: Terms,
    codes: Sequence[int],
    values: Mapping[int, float],
    bar: int,
    sets: Sequence[tuple[bytes, float]],
) -> dict[tuple[bool, ...], list[int]]:
    """For each combination of memberships of the `sets`, the codes whose tags plus the most
    the rest can give reach `bar` (with a point to spare for rounding), as `Terms.can_reach`
    has it."""
    best = terms.max_rest()
    allowed = {}
    for inside in itertools.product((True, False), repeat=len(sets)):
        less = sum(drop for (_, drop), member in zip(sets, inside, strict=True) if not member)
        allowed[inside] = [c for c in codes if values[c] + best - less >= bar - 1]
    return allowed


def _statement(
    terms: Terms, options: Options, counts: Counts, groups: Groups, rest: str
) -> tuple[str, dict[str, object]]:
    """`rest` over `tagged`: the candidates given, each group of one code a JSON array."""
    parts: list[str] = []
    params: dict[str, object] = {}
    for i, (code, ids) in enumerate(sorted(groups.items())):
        required, nice = counts.split(code)
        points = terms.tag_points(str(required), str(nice))
        parts.append(f"SELECT value AS candidate_id, {required} AS required, {nice} AS nice,"
                     f" {points} AS tags FROM json_each(:picked{i})")  # fmt: skip
        params[f"picked{i}"] = f"[{','.join(map(str, ids))}]"
    tagged = "\n    UNION ALL ".join(parts) or (
        "SELECT NULL AS candidate_id, 0 AS required, 0 AS nice, 0 AS tags WHERE 0"
    )
    return _sets(terms, options, tagged) + rest, params


def _scored(terms: Terms, options: Options, name: str) -> str:
    base, _ = _filters(options, tagged=True)
    score = f"CAST(round(t.tags + ({terms.rest_points()})) AS INTEGER)"
    return f"""
{name} AS MATERIALIZED (
    SELECT c.id AS id, c.sort_name AS sort_name, t.required AS required, t.nice AS nice,
        {score} AS score
    FROM tagged t CROSS JOIN candidate c {_consent(terms)}
    WHERE c.id = t.candidate_id AND {base}),"""


def _first(terms: Terms, options: Options) -> str:
    """The bar and who in `first` (the tagged given) reaches it (see `page_statement`)."""
    return (
        _scored(terms, options, "first")
        + f"""
bar AS MATERIALIZED (
    SELECT max(:min_score, coalesce((SELECT score FROM (
        SELECT id, score FROM first ORDER BY score DESC LIMIT -1) f
        WHERE NOT ({_gone(options, "f")}) LIMIT 1 OFFSET :last), 0)) AS bar)
SELECT b.bar, f.id FROM bar b LEFT JOIN first f ON f.score >= b.bar"""
    )


def _rest(terms: Terms, options: Options) -> str:
    """The page from the tagged given who reach `:bar`, and the untagged if needed."""
    untagged = "substr(:tagged_bits, c.id + 1, 1) <> x'01'"
    return (
        _scored(terms, options, "scored")
        + f"""
tag_top AS MATERIALIZED (
    SELECT id, sort_name, required, nice, score FROM (
        SELECT * FROM scored WHERE score >= :bar ORDER BY score DESC, sort_name, id LIMIT -1
    ) x WHERE NOT ({_gone(options, "x")}) LIMIT :end),"""
        + _others(terms, options, untagged)
        + _page(terms, False)
    )
