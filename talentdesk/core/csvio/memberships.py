"""Pools, stages and near-fit flags read back from a file, as TalentDesk's export writes them:
Pools "Java; QA", Stage "Java: Interviewing; QA: Sourced" and Near-fit "Java" (pool names);
or, from an export of one pool, a bare stage ("Interviewing") and "Yes"/"No", which speak of
the pool the import puts people in, or of the row's only pool.

A pool the database does not have is created with the usual stages; a stage its pool does not
have is added after its others, so an export imports back into an empty database whole.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from talentdesk.core.csvio.list_cells import split_items
from talentdesk.core.db.datetimes import to_db
from talentdesk.core.db.enums import DEFAULT_PIPELINE, guess_stage_kind
from talentdesk.core.services.pools import POOL_COLOURS

POOLS, STAGE, NEAR_FIT = "pools", "stage", "near_fit"
_YES = frozenset({"yes", "y", "true", "1", "x", "tak", "ja", "oui"})
_NO = frozenset({"no", "n", "false", "0", "", "nie", "nein", "non"})


@dataclass(frozen=True)
class Membership:
    pool: str | None  # None: the import's pool, or the row's only pool
    stage: str | None = None
    near_fit: bool | None = None  # None: the file does not say


def read_memberships(cells: dict[str, str]) -> list[Membership]:
    """The memberships a row's Pools, Stage and Near-fit cells describe."""
    wanted: dict[str | None, Membership] = {}

    def merge(pool: str | None, stage: str | None = None, near_fit: bool | None = None) -> None:
        key = pool.casefold() if pool else None
        was = wanted.get(key, Membership(pool))
        wanted[key] = Membership(
            was.pool, stage if stage is not None else was.stage,
            near_fit if near_fit is not None else was.near_fit,
        )  # fmt: skip

    for name in _parts(cells.get(POOLS, "")):
        merge(name)
    for part in _parts(cells.get(STAGE, "")):
        pool, colon, stage = part.rpartition(":")
        if colon and pool.strip() and stage.strip():
            merge(pool.strip(), stage=stage.strip())
        else:
            merge(None, stage=part)
    flag = cells.get(NEAR_FIT, "").strip()
    if flag.casefold() in _YES or (flag.casefold() in _NO and flag):
        merge(None, near_fit=flag.casefold() in _YES)
    else:
        for name in _parts(flag):
            merge(name, near_fit=True)
        for key, each in list(wanted.items()):
            if key is not None and each.near_fit is None and flag:
                wanted[key] = Membership(each.pool, each.stage, False)
    return _settled(wanted)


def _settled(wanted: dict[str | None, Membership]) -> list[Membership]:
    """A bare stage or flag with exactly one named pool speaks of that pool."""
    bare = wanted.pop(None, None)
    named = list(wanted.values())
    if bare is None:
        return named
    if len(named) == 1:
        one = named[0]
        stage = one.stage if one.stage is not None else bare.stage
        near_fit = one.near_fit if one.near_fit is not None else bare.near_fit
        return [Membership(one.pool, stage, near_fit)]
    return [*named, bare]


def _parts(text: str) -> list[str]:
    return split_items(text)


class QmarkCursor:
    """A psycopg cursor (a team database's write connection) taking the `?` marks of the SQL
    here, which has no other question mark or percent sign."""

    def __init__(self, raw: Any) -> None:
        self._cur = raw.cursor()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._cur.execute(sql.replace("?", "%s"), params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._cur.executemany(sql.replace("?", "%s"), rows)


Cursor = sqlite3.Cursor | QmarkCursor


class MembershipWriter:
    """Joins candidates to the pools their rows name, inside the import's transaction."""

    def __init__(
        self, cur: Cursor, now: datetime, default_pool: int | None, overwrite: bool
    ) -> None:
        self._cur = cur
        self._now = to_db(now)
        self._default = default_pool
        self._overwrite = overwrite
        self._pools = {
            str(name).casefold(): int(pid) for pid, name in cur.execute("SELECT id, name FROM pool")
        }
        self._stages: dict[int, dict[str, int]] = {}

    def join(self, candidate_id: int, memberships: list[Membership], new: bool) -> None:
        """Join `candidate_id` (`new`: made by this import) to the pools the row names. A
        candidate from before the import is moved or flagged only when the import overwrites;
        otherwise it only joins pools it is not in."""
        upsert = new or self._overwrite
        for each in memberships:
            pool_id = self._default if each.pool is None else self._pool(each.pool)
            if pool_id is None:
                continue  # a bare stage or flag, with no pool it could speak of
            if each.stage:
                stage_id = self._stage(pool_id, each.stage)
            else:
                stage_id = next(iter(self._stages_of(pool_id).values()))
            conflict = (
                "DO UPDATE SET stage_id = CASE WHEN ? THEN excluded.stage_id"
                " ELSE pool_membership.stage_id END,"
                " near_fit = coalesce(?, pool_membership.near_fit)"
                if upsert
                else "DO NOTHING"
            )
            params: tuple[object, ...] = (
                candidate_id, pool_id, stage_id, bool(each.near_fit), self._now,
            )  # fmt: skip
            if upsert:
                params += (each.stage is not None, each.near_fit)
            self._cur.execute(
                "INSERT INTO pool_membership (candidate_id, pool_id, stage_id, near_fit, added_at)"
                f" VALUES (?, ?, ?, ?, ?) ON CONFLICT (candidate_id, pool_id) {conflict}",
                params,
            )

    def _pool(self, name: str) -> int:
        found = self._pools.get(name.casefold())
        if found is None:
            colour = POOL_COLOURS[len(self._pools) % len(POOL_COLOURS)]
            (made,) = self._cur.execute(
                "INSERT INTO pool (name, colour, created_at) VALUES (?, ?, ?) RETURNING id",
                (name[:200], colour, self._now),
            ).fetchone()
            found = self._pools[name.casefold()] = int(made)
            self._cur.executemany(
                "INSERT INTO pool_stage (pool_id, name, kind, position) VALUES (?, ?, ?, ?)",
                [(found, n, k.value, i) for i, (n, k) in enumerate(DEFAULT_PIPELINE)],
            )
        return found

    def _stages_of(self, pool_id: int) -> dict[str, int]:
        if pool_id not in self._stages:
            rows = self._cur.execute(
                "SELECT name, id FROM pool_stage WHERE pool_id = ? ORDER BY position", (pool_id,)
            )
            self._stages[pool_id] = {_stage_key(str(name)): int(sid) for name, sid in rows}
        return self._stages[pool_id]

    def _stage(self, pool_id: int, name: str) -> int:
        stages = self._stages_of(pool_id)
        name = " ".join(name.split())  # "Final  round" pasted from a spreadsheet is "Final round"
        found = stages.get(_stage_key(name))
        if found is None:
            (last,) = self._cur.execute(
                "SELECT coalesce(max(position), -1) FROM pool_stage WHERE pool_id = ?", (pool_id,)
            ).fetchone()
            (made,) = self._cur.execute(
                "INSERT INTO pool_stage (pool_id, name, kind, position) VALUES (?, ?, ?, ?)"
                " RETURNING id",
                (pool_id, name[:100], guess_stage_kind(name).value, int(last) + 1),
            ).fetchone()
            found = stages[_stage_key(name)] = int(made)
        return found


def _stage_key(name: str) -> str:
    """A stage named in any letter case or spacing is the same stage."""
    return " ".join(name.split()).casefold()
