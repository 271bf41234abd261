"""A `Filter` as one SQL condition over the candidate table aliased `c`, for the raw sqlite3
reader (`prepare` it first: city, country and tag names compare through `td_fold`).

Each part is a `c.id IN (…)` on an indexed column or a plain condition on `c`; the parts
combine with AND. Relative periods are resolved against the `now` given (the injected clock).

- Cities and countries compare accent- and case-insensitively ("krakow" finds "Kraków"):
  cities through the search index first (it folds accents), then exactly.
- Remote: the city "Remote" or a location tag "Remote" (how imports and people write it;
  a candidate has no remote column).
- Consent: a candidate's latest consent record decides, by the one rule in
  core/privacy/consent_state.py (valid includes expiring there).
- Source: the candidate's source, equal ignoring case.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable
from datetime import datetime, timedelta

from talentdesk.core.db.datetimes import to_db
from talentdesk.core.db.read_sql import server_text_ids
from talentdesk.core.db.reader import ReadConnection
from talentdesk.core.lists.filters import Contact, Filter, TagMode, TagRule
from talentdesk.core.lists.parts import Part, joined
from talentdesk.core.lists.periods import range_sql
from talentdesk.core.lists.stage_sql import stage_parts
from talentdesk.core.normalize import sort_key
from talentdesk.core.privacy.consent_state import (
    EXPIRING_DAYS,
    ConsentState,
    setting_window,
    sql_conditions,
)
from talentdesk.core.search import fts_query, fts_words

FOLD = "td_fold"
REMOTE = "remote"  # the city or location tag that means "works remotely" (folded)

# The search index's rowid is the candidate's key in name order (db/search_order.py).
FTS = (
    "SELECT k.id FROM candidate_fts f JOIN candidate k INDEXED BY ix_candidate_search_key"
    " ON k.search_key = f.rowid WHERE candidate_fts MATCH ?"
)
Sql = tuple[str, list[object]]


def fold(value: object) -> str | None:
    """What `td_fold` computes: the text folded as names sort (case and accents dropped)."""
    return None if value is None else sort_key(str(value))


@functools.lru_cache(maxsize=4096)
def fold_cached(value: object) -> str | None:
    return fold(value)


def prepare(connection: ReadConnection) -> None:
    """Register the SQL functions the conditions use on this connection. Cities and countries
    repeat: cached, a folded value costs half as much (a country over 100,000 people: 50 ms).
    (A team database's reader has its own td_fold: core/db/server_reader.py.)"""
    if isinstance(connection, sqlite3.Connection):
        connection.create_function(FOLD, 1, fold_cached, deterministic=True)


def expiring_window(reader: ReadConnection, f: Filter | None = None) -> int:
    """How many days consent "expiring" looks ahead for `f` (for any filter when None): its
    own window, else the setting (read only when the filter asks for expiring consent)."""
    if f is not None and (f.consent_days or ConsentState.EXPIRING not in f.consent):
        return f.consent_days or EXPIRING_DAYS
    return setting_window(reader)


def _marks(values: Iterable[object]) -> tuple[str, list[object]]:
    items = list(values)
    return ",".join("?" * len(items)), items


def condition(
    f: Filter, now: datetime, *, server: bool = False, expiring_days: int = EXPIRING_DAYS
) -> Sql:
    """The filter as one SQL condition on `c` ('' when it filters nothing) and its parameters."""
    return joined(parts(f, now, server=server, expiring_days=expiring_days))


def parts(
    f: Filter, now: datetime, *, server: bool = False, expiring_days: int = EXPIRING_DAYS
) -> list[Part]:
    """The filter's conditions on `c`, each a set of ids where it can be (see parts.py);
    `server`: for a team database's reader (its search index is not FTS5); `expiring_days`:
    consent "expiring" within (the setting, read by `expiring_window`) unless the filter
    says its own."""
    found: list[Part] = []
    match = fts_query(f.text)
    if match and server:
        words = server_text_ids(f.text)
        if words is not None:
            found.append(Part.of_ids(*words))
    elif match:
        found.append(Part.of_ids(FTS, [match]))
    for rule in f.stages:
        found += stage_parts(rule, now)
    if f.near_fit is not None:
        near = (
            "SELECT candidate_id FROM pool_membership WHERE near_fit"
            " UNION ALL SELECT candidate_id FROM application WHERE near_fit"
        )
        found.append(Part.of_ids(near, [], negated=not f.near_fit))
    for tags in f.tags:
        found += _tag_parts(tags)
    if f.remote is not None:
        remote: Sql = (_SERVER_REMOTE, []) if server else (_REMOTE, [f'city : "{REMOTE}"'])
        found.append(Part.of_ids(*remote, negated=not f.remote))
    found += _cities(f.cities, server)
    found += _plain(f, now)
    if f.reminder_due is not None:
        due = (
            "SELECT candidate_id FROM reminder WHERE done_at IS NULL"
            " AND coalesce(snoozed_until, due_at) <= ?"
        )
        found.append(Part.of_ids(due, [to_db(now)], negated=not f.reminder_due))
    found += _consent(f.consent, now, f.consent_days or expiring_days)
    if f.pool_ids:
        marks, params = _marks(f.pool_ids)
        members = f"SELECT candidate_id FROM pool_membership WHERE pool_id IN ({marks})"
        found.append(Part.of_ids(members, params))
    if f.mine:  # a local file's current user is its first (core/users/mine.py)
        found.append(Part("c.owner_id = (SELECT min(id) FROM app_user)", []))
    if f.retention_due:
        from talentdesk.core.privacy.retention import due_ids_sql

        found.append(Part.of_ids(*due_ids_sql(now, server)))
    return found


def _plain(f: Filter, now: datetime) -> list[Part]:
    """The conditions on the candidate's own columns."""
    found: list[Part] = []
    if f.countries:
        marks, params = _marks(sorted({fold(c) or "" for c in f.countries}))
        found.append(Part(f"{FOLD}(c.country) IN ({marks})", params))
    if f.seniorities:
        marks, params = _marks(sorted(f.seniorities))
        found.append(Part(f"c.seniority IN ({marks})", params))
    if f.statuses:
        marks, params = _marks(sorted(f.statuses))
        found.append(Part(f"c.status IN ({marks})", params))
    contact, params = _contact(f, now)
    if contact:
        found.append(Part(contact, params))
    if f.sources:
        marks, params = _marks(f.sources)
        found.append(Part(f"c.source COLLATE NOCASE IN ({marks})", params))
    if f.has_email is not None:
        email = "coalesce(c.email, '') <> '' OR c.id IN (SELECT candidate_id FROM candidate_email)"
        found.append(Part(email if f.has_email else f"NOT ({email})"))
    return found


def _tagged(match: str) -> str:
    """Who has a tag that `match` (a condition on `t`) picks: the tags are found first (a few
    hundred rows, folded once each), then their links through the tag_id index."""
    return (
        "SELECT candidate_id FROM candidate_tag WHERE tag_id IN"
        f" (SELECT t.id FROM tag t WHERE {match})"
    )


# Remote: the city "Remote" (found through the search index, then exactly) or a location tag.
_REMOTE = (
    "SELECT r.id FROM candidate_fts f JOIN candidate r ON r.search_key = f.rowid"
    f" WHERE candidate_fts MATCH ? AND {FOLD}(r.city) = '{REMOTE}'"
    " UNION ALL " + _tagged(f"t.category = 'location' AND {FOLD}(t.name) = '{REMOTE}'")
)
# On a team database: narrowed by its search index (the city's word), then exactly.
_SERVER_REMOTE = (
    "SELECT f.id FROM candidate_fts f JOIN candidate r ON r.id = f.id"
    f" WHERE f.doc @@ to_tsquery('simple', '{REMOTE}') AND {FOLD}(r.city) = '{REMOTE}'"
    " UNION ALL " + _tagged(f"t.category = 'location' AND {FOLD}(t.name) = '{REMOTE}'")
)


def _tag_match(rule: TagRule) -> list[Sql]:
    """One condition on `t` per tag of the rule."""
    found: list[Sql] = [
        (f"t.category = ? AND {FOLD}(t.name) = ?", [ref.category.value, fold(ref.name)])
        for ref in rule.tags
    ]
    found += [(f"{FOLD}(t.name) = ?", [fold(name)]) for name in rule.names]
    return found


def _tag_parts(rule: TagRule) -> list[Part]:
    matches = _tag_match(rule)
    if rule.mode is TagMode.ALL:
        return [Part.of_ids(_tagged(sql), params) for sql, params in matches]
    if not matches:
        return []
    either = " OR ".join(f"({sql})" for sql, _ in matches)
    params = [p for _, more in matches for p in more]
    return [Part.of_ids(_tagged(either), params, negated=rule.mode is TagMode.NONE)]


def _cities(cities: tuple[str, ...], server: bool) -> list[Part]:
    if not cities:
        return []
    folded = sorted({fold(city) or "" for city in cities} - {""})
    phrases = [" ".join(f'"{w}"' for w in fts_words(city)) for city in cities]
    phrases = [p for p in phrases if p]
    marks, params = _marks(folded)
    exact = Part(f"{FOLD}(c.city) IN ({marks})", params)
    if server:  # a condition on c: read from the folded-city index (db/server_fold.py) in
        return [exact]  # name order, beside other parts (as a set of ids it was ~10x slower)
    if not phrases or len(phrases) != len(cities):
        return [exact]
    # Narrowed by the search index first (it folds accents as td_fold does), then exactly.
    near = "city : (" + " OR ".join(f"({p})" for p in phrases) + ")"
    return [Part.of_ids(FTS, [near]), exact]


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


def _consent(states: frozenset[ConsentState], now: datetime, days: int) -> list[Part]:
    if not states:
        return []
    at, soon = to_db(now), to_db(now + timedelta(days=days))
    latest = (
        "SELECT k.candidate_id FROM consent k WHERE k.id = (SELECT max(k2.id) FROM consent k2"
        " WHERE k2.candidate_id = k.candidate_id)"
    )
    cases = sql_conditions(at, soon)
    chosen = [cases[s] for s in sorted(states) if s in cases]
    found: list[Part] = []
    if chosen:
        either = " OR ".join(f"({s})" for s, _ in chosen)
        found.append(Part.of_ids(f"{latest} AND ({either})", [p for _, ps in chosen for p in ps]))
    if ConsentState.NONE in states:
        found.append(Part.of_ids(f"{latest} AND k.status <> 'pending'", [], negated=True))
    if len(found) < 2:
        return found
    # Any of the states: one condition (a set OR the complement of another).
    sql, params = " OR ".join(p.sql for p in found), [v for p in found for v in p.params]
    return [Part(sql, params)]
