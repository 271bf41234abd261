"""A `Filter` as one SQL condition over the candidate table aliased `c`, for the raw sqlite3
reader (`prepare` it first: city, country and tag names compare through `td_fold`).

Each part is a `c.id IN (…)` on an indexed column or a plain condition on `c`; the parts
combine with AND. Relative periods are resolved against the `now` given (the injected clock).

- Cities and countries compare accent- and case-insensitively ("krakow" finds "Kraków"):
  cities through the search index first (it folds accents), then exactly.
- Remote: the city "Remote" or a location tag "Remote" (how imports and people write it;
  a candidate has no remote column).
- Consent: a candidate's latest consent record decides. Valid: given and not expired
  (expiring included); expiring: valid and ending within 30 days; expired: marked expired or
  given with its end passed; withdrawn; none: no record, or only a pending one.
- Source: the candidate's source, equal ignoring case.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime, timedelta

from talentdesk.core.db.datetimes import to_db
from talentdesk.core.lists.filters import ConsentState, Contact, Filter, TagMode, TagRule
from talentdesk.core.lists.periods import range_sql
from talentdesk.core.lists.stage_sql import stage_condition
from talentdesk.core.normalize import sort_key
from talentdesk.core.search import fts_query, fts_words

FOLD = "td_fold"
EXPIRING_DAYS = 30
REMOTE = "remote"  # the city or location tag that means "works remotely" (folded)

Sql = tuple[str, list[object]]


def fold(value: object) -> str | None:
    """What `td_fold` computes: the text folded as names sort (case and accents dropped)."""
    return None if value is None else sort_key(str(value))


def prepare(connection: sqlite3.Connection) -> None:
    """Register the SQL functions the conditions use on this connection."""
    connection.create_function(FOLD, 1, fold, deterministic=True)


def _marks(values: Iterable[object]) -> tuple[str, list[object]]:
    items = list(values)
    return ",".join("?" * len(items)), items


class _Where:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[object] = []

    def add(self, sql: str, params: Iterable[object] = ()) -> None:
        if sql:
            self.parts.append(sql)
            self.params += list(params)

    def sql(self) -> Sql:
        return " AND ".join(f"({p})" for p in self.parts), self.params


def condition(f: Filter, now: datetime) -> Sql:
    """The filter as one SQL condition on `c` ('' when it filters nothing) and its parameters."""
    where = _Where()
    match = fts_query(f.text)
    if match:
        where.add("c.id IN (SELECT rowid FROM candidate_fts WHERE candidate_fts MATCH ?)", [match])
    for rule in f.stages:
        where.add(*stage_condition(rule, now))
    if f.near_fit is not None:
        near = (
            "c.id IN (SELECT candidate_id FROM pool_membership WHERE near_fit"
            " UNION SELECT candidate_id FROM application WHERE near_fit)"
        )
        where.add(near if f.near_fit else near.replace("c.id IN", "c.id NOT IN", 1))
    for tags in f.tags:
        where.add(*_tag_condition(tags))
    where.add(*_cities(f.cities))
    if f.countries:
        marks, params = _marks(sorted({fold(c) or "" for c in f.countries}))
        where.add(f"{FOLD}(c.country) IN ({marks})", params)
    if f.remote is not None:
        remote = (
            f"{FOLD}(c.city) = '{REMOTE}' OR c.id IN (SELECT ct.candidate_id FROM candidate_tag ct"
            f" JOIN tag t ON t.id = ct.tag_id WHERE t.category = 'location'"
            f" AND {FOLD}(t.name) = '{REMOTE}')"
        )
        where.add(remote if f.remote else f"NOT ({remote})")
    if f.seniorities:
        marks, params = _marks(sorted(f.seniorities))
        where.add(f"c.seniority IN ({marks})", params)
    if f.statuses:
        marks, params = _marks(sorted(f.statuses))
        where.add(f"c.status IN ({marks})", params)
    where.add(*_contact(f, now))
    if f.reminder_due is not None:
        due = (
            "c.id IN (SELECT candidate_id FROM reminder WHERE done_at IS NULL"
            " AND coalesce(snoozed_until, due_at) <= ?)"
        )
        where.add(due if f.reminder_due else due.replace("c.id IN", "c.id NOT IN", 1), [to_db(now)])
    where.add(*_consent(f.consent, now))
    if f.sources:
        marks, params = _marks(f.sources)
        where.add(f"c.source COLLATE NOCASE IN ({marks})", params)
    if f.has_email is not None:
        email = "coalesce(c.email, '') <> '' OR c.id IN (SELECT candidate_id FROM candidate_email)"
        where.add(email if f.has_email else f"NOT ({email})")
    if f.pool_ids:
        marks, params = _marks(f.pool_ids)
        where.add(
            f"c.id IN (SELECT candidate_id FROM pool_membership WHERE pool_id IN ({marks}))",
            params,
        )
    return where.sql()


def _tag_match(rule: TagRule) -> list[Sql]:
    """One condition on `t` per tag of the rule."""
    found: list[Sql] = [
        (f"t.category = ? AND {FOLD}(t.name) = ?", [ref.category.value, fold(ref.name)])
        for ref in rule.tags
    ]
    found += [(f"{FOLD}(t.name) = ?", [fold(name)]) for name in rule.names]
    return found


def _tag_condition(rule: TagRule) -> Sql:
    matches = _tag_match(rule)
    if not matches:
        return "", []
    having = "SELECT ct.candidate_id FROM candidate_tag ct JOIN tag t ON t.id = ct.tag_id WHERE "
    if rule.mode is TagMode.ALL:
        parts = [f"c.id IN ({having}{sql})" for sql, _ in matches]
        return " AND ".join(parts), [p for _, params in matches for p in params]
    either = " OR ".join(f"({sql})" for sql, _ in matches)
    params = [p for _, more in matches for p in more]
    negate = "NOT " if rule.mode is TagMode.NONE else ""
    return f"c.id {negate}IN ({having}{either})", params


def _cities(cities: tuple[str, ...]) -> Sql:
    if not cities:
        return "", []
    folded = sorted({fold(city) or "" for city in cities} - {""})
    phrases = [" ".join(f'"{w}"' for w in fts_words(city)) for city in cities]
    phrases = [p for p in phrases if p]
    marks, params = _marks(folded)
    sql = f"{FOLD}(c.city) IN ({marks})"
    if phrases and len(phrases) == len(cities):  # narrowed by the index first
        sql = f"c.id IN (SELECT rowid FROM candidate_fts WHERE candidate_fts MATCH ?) AND {sql}"
        params = ["city : (" + " OR ".join(f"({p})" for p in phrases) + ")", *params]
    return sql, params


def _contact(f: Filter, now: datetime) -> Sql:
    if f.contact is None:
        return "", []
    if f.contact is Contact.NEVER:
        return "c.last_contact_at IS NULL", []
    within, params = range_sql("c.last_contact_at", f.contact_period, now)
    if f.contact is Contact.IN:
        return (within or "c.last_contact_at IS NOT NULL"), params
    if not within:  # not contacted at any time: never
        return "c.last_contact_at IS NULL", []
    return f"c.last_contact_at IS NULL OR NOT ({within})", params


def _consent(states: frozenset[ConsentState], now: datetime) -> Sql:
    if not states:
        return "", []
    at, soon = to_db(now), to_db(now + timedelta(days=EXPIRING_DAYS))
    latest = (
        "SELECT k.candidate_id FROM consent k WHERE k.id = (SELECT max(k2.id) FROM consent k2"
        " WHERE k2.candidate_id = k.candidate_id)"
    )
    cases: dict[ConsentState, Sql] = {
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
    chosen = [cases[s] for s in sorted(states) if s in cases]
    parts: list[str] = []
    params: list[object] = []
    if chosen:
        parts.append(f"c.id IN ({latest} AND (" + " OR ".join(f"({s})" for s, _ in chosen) + "))")
        params += [p for _, more in chosen for p in more]
    if ConsentState.NONE in states:
        parts.append(f"c.id NOT IN ({latest} AND k.status <> 'pending')")
    return " OR ".join(parts), params
