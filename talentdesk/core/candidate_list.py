"""The candidate list as the window shows it: ids in display order, rows fetched a page at a time.

Only the ids of the current list live in memory (about 4 MB for 100,000); the columns of a row
are read when the view asks for it. Filtering and sorting happen in SQL, searching in FTS5.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.datetimes import from_db, to_db
from talentdesk.core.db.enums import CandidateStatus, Seniority
from talentdesk.core.db.read_sql import as_text, binary, days_before, nocase
from talentdesk.core.db.reader import ReadConnection, on_server
from talentdesk.core.lists.fold_function import register_fold
from talentdesk.core.privacy.consent_state import ConsentState, days_left, setting_window, state_of
from talentdesk.core.users.mine import local_user

if TYPE_CHECKING:
    from talentdesk.core.lists.describe import Chip
    from talentdesk.core.lists.filters import Filter
    from talentdesk.core.lists.hints import Hint

# The smart-list machinery (core/lists/*, core/first_screen.py) is imported where a search or
# a list first needs it: the window's first screen, everyone by name, does not (~35 ms).


class SortColumn(StrEnum):
    NAME = "name"
    TITLE = "title"
    COMPANY = "company"
    CITY = "city"
    SENIORITY = "seniority"
    STAGE = "stage"
    LAST_CONTACT = "last_contact"
    NEXT_REMINDER = "next_reminder"
    CONSENT = "consent"


class Touch(StrEnum):
    """How recently a pool member was contacted, against the pool's keep-in-touch cadence."""

    OK = "ok"
    AMBER = "amber"  # past the cadence
    RED = "red"  # past twice the cadence


# NamedTuples: the window makes both before its first paint, where a frozen dataclass costs
# ~2-4 ms to create (Python 3.11 compiles six methods for it).
class ListQuery(NamedTuple):
    pool_id: int | None = None  # None: all candidates
    # Free words and `field:value` filters (core/lists/syntax.py), as typed in the search box.
    search: str = ""
    sort: SortColumn = SortColumn.NAME
    descending: bool = False
    list_id: int | None = None  # a saved list: only its members (with the pool and search)
    mine: bool = False  # "My candidates": only those the current user owns (else everyone's)


class CandidateRow(NamedTuple):
    id: int
    name: str
    title: str | None
    company: str | None
    city: str | None
    seniority: Seniority | None
    stage: str | None
    last_contact_at: datetime | None
    next_reminder_at: datetime | None
    email: str | None
    status: CandidateStatus
    touch: Touch | None = None  # None: not listed in a pool with a cadence
    consent: ConsentState = ConsentState.NONE  # by the rule of core/privacy/consent_state.py
    consent_days_left: int | None = None  # until the latest consent record ends


_NEXT_REMINDER = (
    "(SELECT min(coalesce(r.snoozed_until, r.due_at)) FROM reminder r"
    " WHERE r.candidate_id = c.id AND r.done_at IS NULL)"
)
# In "All candidates" the stage shown is the one in the pool the candidate joined last.
_LATEST_STAGE = (
    "(SELECT {col} FROM pool_membership lm JOIN pool_stage ls ON ls.id = lm.stage_id"
    " WHERE lm.candidate_id = c.id ORDER BY lm.added_at DESC, lm.id DESC LIMIT 1)"
)


# In a pool with a cadence: how long since the last contact (never: since joining the pool).
# "Do not contact" candidates are never late. Parameters: now, twice.
def _touch(server: bool) -> str:
    return (
        "(SELECT CASE WHEN p.cadence_days IS NULL THEN NULL"
        " WHEN c.status = 'do_not_contact' THEN 'ok'"
        " WHEN coalesce(c.last_contact_at, pm.added_at)"
        f"  <= {days_before(server, '?', '2 * p.cadence_days')} THEN 'red'"
        " WHEN coalesce(c.last_contact_at, pm.added_at)"
        f"  <= {days_before(server, '?', 'p.cadence_days')} THEN 'amber'"
        " ELSE 'ok' END FROM pool p WHERE p.id = pm.pool_id)"
    )


_TOUCH = _touch(False)


# The latest consent record (its status and end), as the consent column shows it.
def _latest_consent(server: bool) -> str:
    return (
        f"(SELECT k.status || '|' || coalesce({as_text(server, 'k.expires_at')}, '')"
        " FROM consent k WHERE k.candidate_id = c.id ORDER BY k.id DESC LIMIT 1)"
    )


# Sorted by the latest record: withdrawn, marked expired, then by end (passed, soon, later,
# none), then no record or a pending one.
def _consent_order(server: bool) -> str:
    return (
        "(SELECT CASE k.status WHEN 'withdrawn' THEN '0' WHEN 'expired' THEN '1'"
        f" WHEN 'given' THEN '2' || coalesce({as_text(server, 'k.expires_at')}, '9') END"
        " FROM consent k WHERE k.candidate_id = c.id ORDER BY k.id DESC LIMIT 1)"
    )


_LATEST_CONSENT = _latest_consent(False)
_CONSENT_ORDER = _consent_order(False)
_SENIORITY_ORDER = (
    "CASE c.seniority "
    + " ".join(f"WHEN '{s.value}' THEN {i}" for i, s in enumerate(Seniority))
    + " END"
)


def _sort_keys(sort: SortColumn, in_pool: bool, server: bool = False) -> list[str]:
    if sort is SortColumn.NAME:
        return [binary(server, "c.sort_name")]
    if sort is SortColumn.STAGE:
        return ["ps.position" if in_pool else _LATEST_STAGE.format(col="ls.position")]
    return [
        {
            SortColumn.TITLE: nocase(server, "nullif(c.title, '')"),
            SortColumn.COMPANY: nocase(server, "nullif(c.company, '')"),
            SortColumn.CITY: nocase(server, "nullif(c.city, '')"),
            SortColumn.SENIORITY: _SENIORITY_ORDER,
            SortColumn.LAST_CONTACT: "c.last_contact_at",
            SortColumn.NEXT_REMINDER: _NEXT_REMINDER,
            SortColumn.CONSENT: binary(True, _consent_order(True)) if server else _CONSENT_ORDER,
        }[sort]
    ]


def _from_clause(pool_id: int | None, by_name: bool = False) -> str:
    if pool_id is None:
        # A list's conditions are sets of ids: walking the names in order and stopping at the
        # page beats sorting thousands (the planner would look each id up, then sort).
        return (
            "FROM candidate c INDEXED BY ix_candidate_sort_name"
            if by_name
            else ("FROM candidate c")
        )
    return (
        "FROM candidate c JOIN pool_membership pm ON pm.candidate_id = c.id AND pm.pool_id = ?"
        " JOIN pool_stage ps ON ps.id = pm.stage_id"
    )


def _select(
    reader: ReadConnection, what: str, query: ListQuery, now: datetime, ordered: bool = False
) -> tuple[str, list[object]]:
    params: list[object] = [] if query.pool_id is None else [query.pool_id]
    where: str = ""
    more: list[object] = []
    searched = False
    if query.search.strip() or query.list_id is not None:
        from talentdesk.core.lists.query import narrowing, searches_text

        where, more = narrowing(reader, query.search, query.list_id, now)
        searched = searches_text(reader, query.search)
    by_name = ordered and query.sort is SortColumn.NAME and not searched
    sql = f"SELECT {what} {_from_clause(query.pool_id, by_name)}"
    if query.mine:
        where = " AND ".join(filter(None, ["c.owner_id = ?", f"({where})" if where else ""]))
        more = [local_user(reader), *more]
    if where:
        sql += f" WHERE {where}"
        params += more
    return sql, params


class CandidateListing:
    """Read-only queries behind the candidate table, the CLI's `search` and the benchmarks."""

    def __init__(self, reader: ReadConnection, clock: Clock = utcnow) -> None:
        self._reader = reader
        self._server = on_server(reader)
        # For how long ago "long ago" is: the touch marks, a list's "last 12 months".
        self._clock = clock
        if isinstance(reader, sqlite3.Connection):
            register_fold(reader)  # what the filters compare through (a server's reader has it)

    def ids(self, query: ListQuery, limit: int | None = None) -> list[int]:
        """Ids of the candidates in the list, in display order; empty values sort last."""
        walked = self._first_screen(query, limit)
        if walked is not None:
            return walked
        sql, params = _select(self._reader, "c.id", query, self._clock(), ordered=True)
        direction = "DESC" if query.descending else "ASC"
        keys = _sort_keys(query.sort, query.pool_id is not None, self._server)
        order = [f"({keys[0]}) IS NULL"] if query.sort is not SortColumn.NAME else []
        order += [f"{key} {direction}" for key in keys] + [f"c.id {direction}"]
        sql += " ORDER BY " + ", ".join(order)
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [row[0] for row in self._reader.execute(sql, params).fetchall()]

    def _first_screen(self, query: ListQuery, limit: int | None) -> list[int] | None:
        """The first `limit` (None: all) ids of a search in "All candidates" by name, or the
        first screen of one in a pool, read in name order from the search index
        (core/first_screen.py); None: not such a search."""
        if query.sort is not SortColumn.NAME or query.mine or query.list_id is not None:
            return None
        if not query.search.strip():
            return None  # everyone by name: the plain query walks the name index
        if query.pool_id is not None:
            return self._pool_first_screen(query, limit)
        if self._server:  # its search index is not FTS5
            from talentdesk.core.server_first_screen import server_first_screen

            return server_first_screen(
                self._reader, query.search, limit, query.descending, self._clock()
            )
        from talentdesk.core.first_screen import in_order, text_match

        match = text_match(self._reader, query.search)
        if match is None:
            return None
        return in_order(self._reader, match, limit, query.descending)

    def _pool_first_screen(self, query: ListQuery, limit: int | None) -> list[int] | None:
        if limit is None or self._server or query.pool_id is None:
            return None
        from talentdesk.core.first_screen import in_pool_order, text_match

        match = text_match(self._reader, query.search)
        if match is None:
            return None
        return in_pool_order(self._reader, match, query.pool_id, limit, query.descending)

    def count(self, query: ListQuery) -> int:
        """How many candidates `ids(query)` would return."""
        from talentdesk.core.lists.query import counted_as_sets

        now = self._clock()
        sets = (
            None
            if query.mine
            else counted_as_sets(self._reader, query.search, query.list_id, query.pool_id, now)
        )
        if sets is not None:
            return sets
        sql, params = _select(self._reader, "count(*)", query, now)
        return int(self._reader.execute(sql, params).fetchone()[0])

    def total(self, pool_id: int | None, list_id: int | None = None) -> int:
        """How many candidates the list holds before any search (a saved list: its members,
        within the pool if one is given)."""
        if list_id is not None:
            return self.count(ListQuery(pool_id=pool_id, list_id=list_id))
        params = () if pool_id is None else (pool_id,)
        sql = (
            "SELECT count(*) FROM candidate"
            if pool_id is None
            else "SELECT count(*) FROM pool_membership WHERE pool_id = ?"
        )
        return int(self._reader.execute(sql, params).fetchone()[0])

    # -- the search box and the filter builder (no SQLAlchemy: usable before the write side) --
    def parse_search(self, search: str) -> Filter:
        """The search text as a filter (`pool:` names found); raises ValidationError."""
        from talentdesk.core.lists.query import parse_search

        return parse_search(self._reader, search)

    def search_text(self, f: Filter) -> str:
        """The filter as search text, for what the syntax can say (core/lists/syntax.py)."""
        from talentdesk.core.lists.query import pool_name
        from talentdesk.core.lists.syntax import to_text

        return to_text(f, pool_name(self._reader))

    def chips(self, f: Filter) -> list[Chip]:
        """What the filter asks for, in plain words, one removable chip a part."""
        from talentdesk.core.lists.describe import describe
        from talentdesk.core.lists.query import pool_name

        return describe(f, pool_name(self._reader))

    def completions(self, prefix: str) -> list[str]:
        """Whole words completing the word being typed in the search box."""
        from talentdesk.core.lists.describe import completions

        return completions(prefix, self._reader)

    def count_filter(self, f: Filter) -> int:
        """How many candidates a filter matches now (the filter builder's live count)."""
        from talentdesk.core.lists.query import count_parts
        from talentdesk.core.lists.sql import expiring_window, parts

        window = expiring_window(self._reader, f)
        found = parts(f, self._clock(), server=self._server, expiring_days=window)
        return count_parts(self._reader, found)

    def search_problem(self, search: str) -> str | None:
        """What is wrong with a search's `field:value` words (None: nothing); such a search
        lists nobody."""
        from talentdesk.core.lists.query import problem

        return problem(self._reader, search)

    def search_hints(self, search: str) -> list[Hint]:
        """For a search that finds nobody: the filter words its free words may have meant
        ("declined" → `stage:declined`)."""
        from talentdesk.core.lists.hints import hints

        return hints(self._reader, search)

    def rows(self, ids: list[int], pool_id: int | None) -> list[CandidateRow]:
        """The display columns of `ids`, in the same order (missing ids are left out)."""
        if not ids:
            return []
        stage = "ps.name" if pool_id is not None else _LATEST_STAGE.format(col="ls.name")
        touch = "NULL" if pool_id is None else (_touch(True) if self._server else _TOUCH)
        consent = _latest_consent(True) if self._server else _LATEST_CONSENT
        marks = ",".join("?" * len(ids))
        sql = (
            "SELECT c.id, c.first_name, c.last_name, c.title, c.company, c.city, c.seniority,"
            f" {stage}, c.last_contact_at, {_NEXT_REMINDER}, c.email, c.status, {touch},"
            f" {consent}"
            f" {_from_clause(pool_id)} WHERE c.id IN ({marks})"
        )
        at = self._clock()
        now = to_db(at)
        window = setting_window(self._reader)
        params = ([] if pool_id is None else [now, now, pool_id]) + list(ids)
        found = {
            r[0]: CandidateRow(
                id=r[0],
                name=f"{r[1]} {r[2]}".strip(),
                title=r[3],
                company=r[4],
                city=r[5],
                seniority=Seniority(r[6]) if r[6] else None,
                stage=r[7],
                last_contact_at=from_db(r[8]),
                next_reminder_at=from_db(r[9]),
                email=r[10],
                status=CandidateStatus(r[11]),
                touch=Touch(r[12]) if r[12] else None,
                **_consent(r[13], at, window),
            )
            for r in self._reader.execute(sql, params)
        }
        return [found[i] for i in ids if i in found]


def _consent(latest: str | None, now: datetime, window: int) -> dict[str, Any]:
    """The consent fields of a row from its latest record ("status|expires_at")."""
    if latest is None:
        return {}
    status, _, ends = latest.partition("|")
    expires = from_db(ends or None)
    state = state_of(status, expires, now, window)
    return {"consent": state, "consent_days_left": days_left(expires, now)}
