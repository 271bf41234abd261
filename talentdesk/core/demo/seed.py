"""Bulk synthetic data for demos and benchmarks (`talentdesk seed --demo N`): written straight
to the sqlite3 connection with `executemany`, so 100,000 candidates with a million
interactions take seconds, not minutes."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from talentdesk.core.db import summary
from talentdesk.core.db.datetimes import to_db
from talentdesk.core.db.enums import DEFAULT_PIPELINE
from talentdesk.core.db.migrate import Database
from talentdesk.core.demo.common import aware_utc
from talentdesk.core.demo.seed_rows import DemoRows, Timestamps
from talentdesk.core.demo.seed_vocabulary import DEMO_POOLS, TAG_VOCABULARY
from talentdesk.core.ops.changes import Changes

ProgressCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class SeedSummary:
    candidates: int
    interactions: int
    reminders: int
    tag_links: int
    memberships: int


_BATCH = 5000

_CANDIDATE_COLUMNS = (
    "id", "first_name", "last_name", "sort_name", "email", "phone", "city", "country", "title",
    "company", "seniority", "industry", "linkedin_url", "source", "relationship_kind", "status",
    "salary_min", "salary_max", "salary_currency", "notice_period", "notes", "created_at",
    "updated_at", "last_contact_at",
)  # fmt: skip
_INSERT_CANDIDATE = (
    f"INSERT INTO candidate ({', '.join(_CANDIDATE_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_CANDIDATE_COLUMNS))})"
)
_INSERT_CANDIDATE_TAG = "INSERT INTO candidate_tag (candidate_id, tag_id) VALUES (?, ?)"
_INSERT_MEMBERSHIP = (
    "INSERT INTO pool_membership (candidate_id, pool_id, stage_id, near_fit, added_at) "
    "VALUES (?, ?, ?, ?, ?)"
)
_INSERT_INTERACTION = (
    "INSERT INTO interaction (candidate_id, kind, occurred_at, subject, body, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?)"
)
_INSERT_REMINDER = (
    "INSERT INTO reminder (candidate_id, due_at, note, kind, created_at) VALUES (?, ?, ?, ?, ?)"
)


# seed_server.py writes the same statements on a team database.
STATEMENTS = {
    "candidate": _INSERT_CANDIDATE,
    "candidate_tag": _INSERT_CANDIDATE_TAG,
    "pool_membership": _INSERT_MEMBERSHIP,
    "interaction": _INSERT_INTERACTION,
    "reminder": _INSERT_REMINDER,
}


@dataclass
class Seeding:
    """One seed_demo call's inputs and running totals (for seed_server.py)."""

    rng: random.Random
    stamps: Timestamps
    now: datetime
    count: int
    totals: dict[str, int]
    progress: ProgressCallback | None


def _demo_tag_ids(cur: sqlite3.Cursor) -> list[int]:
    ids = []
    for category, name in TAG_VOCABULARY:
        row = cur.execute(
            "SELECT id FROM tag WHERE category = ? AND name = ?", (category.value, name)
        ).fetchone()
        if row is None:
            cur.execute("INSERT INTO tag (name, category) VALUES (?, ?)", (name, category.value))
            ids.append(int(cur.lastrowid or 0))
        else:
            ids.append(int(row[0]))
    return ids


def _demo_pools(cur: sqlite3.Cursor, now: datetime) -> list[tuple[int, list[int]]]:
    """(pool id, stage ids by position) for each demo pool, creating what is missing."""
    pools = []
    for name, colour, description in DEMO_POOLS:
        row = cur.execute("SELECT id FROM pool WHERE name = ?", (name,)).fetchone()
        if row is None:
            cur.execute(
                "INSERT INTO pool (name, description, colour, created_at) VALUES (?, ?, ?, ?)",
                (name, description, colour, to_db(now - timedelta(days=500))),
            )
            pool_id = int(cur.lastrowid or 0)
        else:
            pool_id = int(row[0])
        stages = [
            int(r[0])
            for r in cur.execute(
                "SELECT id FROM pool_stage WHERE pool_id = ? ORDER BY position", (pool_id,)
            )
        ]
        if not stages:
            cur.executemany(
                "INSERT INTO pool_stage (pool_id, name, kind, position) VALUES (?, ?, ?, ?)",
                [(pool_id, n, k.value, i) for i, (n, k) in enumerate(DEFAULT_PIPELINE)],
            )
            stages = [
                int(r[0])
                for r in cur.execute(
                    "SELECT id FROM pool_stage WHERE pool_id = ? ORDER BY position", (pool_id,)
                )
            ]
        pools.append((pool_id, stages))
    return pools


def seed_demo(
    db: Database,
    count: int,
    now: datetime,
    progress: ProgressCallback | None = None,
    rng_seed: int = 1,
) -> SeedSummary:
    """Add `count` synthetic candidates, each with about ten interactions, one reminder, two to
    four tags and one or two demo-pool memberships, in a single transaction.

    The triggers stay in place and fire, but the rows go in an order that leaves them almost
    nothing to do, while ending in exactly the state they would produce:

    * Foreign-key checks are deferred to commit (`PRAGMA defer_foreign_keys`, which SQLite
      resets when the transaction ends), so each batch's `candidate_tag` rows are inserted
      *before* its candidates. The tag triggers then find no candidate row and write nothing to
      `candidate_fts`; the candidate insert trigger builds each search row once, tags included,
      from the same query. (Tags after candidates would rebuild each row once per tag.)
    * `last_contact_at` is inserted already equal to the newest non-note interaction, which is
      known here, so the interaction trigger's `last_contact_at < NEW.occurred_at` is never true
      and it writes nothing.
    * The metrics summaries' insert triggers (db/summary.py) are held back and the new people's
      summaries filled in one statement each at the end (row by row they added ~40 %).

    New ids continue from the largest existing candidate id. 100,000 candidates take about 25 s
    on a 2-core machine, most of it in SQLite (FTS tokenising, trigger calls, index upkeep).
    `progress(done, count)` is called after every batch of 5,000 candidates.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    now = aware_utc(now)
    rng = random.Random(rng_seed)
    stamps = Timestamps(now)
    totals = {"interactions": 0, "tag_links": 0, "memberships": 0}

    def on_server() -> None:
        from talentdesk.core.demo import seed_server

        seed_server.write(db, Seeding(rng, stamps, now, count, totals, progress))

    def work() -> None:
        raw = db.writer.connection.connection.driver_connection
        assert isinstance(raw, sqlite3.Connection)
        cur = raw.cursor()
        (old_cache_size,) = cur.execute("PRAGMA cache_size").fetchone()
        cur.execute("PRAGMA cache_size = -65536")  # 64 MiB while the indexes grow
        try:
            cur.execute("PRAGMA defer_foreign_keys = ON")
            make = DemoRows(rng, stamps, _demo_tag_ids(cur), _demo_pools(cur, now))
            (max_id,) = cur.execute("SELECT coalesce(max(id), 0) FROM candidate").fetchone()
            held = _hold_summary_triggers(cur)
            _insert_batches(cur, int(max_id) + 1, count, make, totals, progress)
            for sql in held:
                cur.execute(sql)
            for sql, params in summary.fill_people(int(max_id) + 1):
                cur.execute(sql, params)
        finally:
            cur.execute(f"PRAGMA cache_size = {int(old_cache_size)}")
            cur.close()
        db.writer.note(Changes.everything())
        # Hand the big write-ahead log back to the main file now rather than on a later write.
        db.writer.checkpoint_after()

    server = db.engine.dialect.name != "sqlite"  # a team database (seed_server.py)
    label = f"adding {count:,} demo candidates"
    db.writer.run(on_server if server else work, label=label, announce=True)
    return SeedSummary(candidates=count, reminders=count, **totals)


def _hold_summary_triggers(cur: sqlite3.Cursor) -> list[str]:
    """Drops the summaries' insert triggers; returns the SQL that creates them again (DDL is
    part of the transaction: a rollback puts them back too)."""
    marks = ", ".join("?" * len(summary.INSERT_TRIGGERS))
    found: list[tuple[str, str]] = cur.execute(
        f"SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
        summary.INSERT_TRIGGERS,
    ).fetchall()
    for name, _sql in found:
        cur.execute(f"DROP TRIGGER main.{name}")
    return [sql for _name, sql in found]


def _insert_batches(
    cur: sqlite3.Cursor,
    first_id: int,
    count: int,
    make: DemoRows,
    totals: dict[str, int],
    progress: ProgressCallback | None,
) -> None:
    for start in range(0, count, _BATCH):
        ids = range(first_id + start, first_id + min(start + _BATCH, count))
        rows = make.batch(ids)
        cur.executemany(_INSERT_CANDIDATE_TAG, rows.tags)  # before the candidates
        cur.executemany(_INSERT_CANDIDATE, rows.candidates)
        cur.executemany(_INSERT_MEMBERSHIP, rows.memberships)
        cur.executemany(_INSERT_INTERACTION, rows.interactions)
        cur.executemany(_INSERT_REMINDER, rows.reminders)
        totals["interactions"] += len(rows.interactions)
        totals["tag_links"] += len(rows.tags)
        totals["memberships"] += len(rows.memberships)
        if progress is not None:
            progress(start + len(ids), count)
