"""`seed_demo` on a team database (PostgreSQL): the same rows (seed_rows.py, same random
sequence, so the same people as on a local file), written with psycopg's `executemany` on the
write path's connection, in the one transaction of the operation.

What differs from SQLite's way (seed.py): PostgreSQL checks foreign keys as each row goes in,
so each batch's tags follow its candidates (the search trigger then rebuilds a candidate's
search row once per tag: slower, the same rows); the metrics summaries' triggers (PL/pgSQL)
fire row by row; and the candidate ids given here move the id sequence on at the end, so the
next candidate added gets the next id.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from talentdesk.core.db.datetimes import to_db
from talentdesk.core.db.enums import DEFAULT_PIPELINE
from talentdesk.core.demo.seed_rows import DemoRows
from talentdesk.core.demo.seed_vocabulary import DEMO_POOLS, TAG_VOCABULARY
from talentdesk.core.ops.changes import Changes

if TYPE_CHECKING:
    from talentdesk.core.db.migrate import Database
    from talentdesk.core.demo.seed import Seeding


def _server(sql: str) -> str:
    return sql.replace("?", "%s")


def tag_ids(cur: Any) -> list[int]:
    ids = []
    for category, name in TAG_VOCABULARY:
        row = cur.execute(
            "SELECT id FROM tag WHERE category = %s AND name = %s", (category.value, name)
        ).fetchone()
        if row is None:
            row = cur.execute(
                "INSERT INTO tag (name, category) VALUES (%s, %s) RETURNING id",
                (name, category.value),
            ).fetchone()
        ids.append(int(row[0]))
    return ids


def pools(cur: Any, now: datetime) -> list[tuple[int, list[int]]]:
    """(pool id, stage ids by position) for each demo pool, creating what is missing."""
    found = []
    stages_sql = "SELECT id FROM pool_stage WHERE pool_id = %s ORDER BY position"
    for name, colour, description in DEMO_POOLS:
        row = cur.execute("SELECT id FROM pool WHERE name = %s", (name,)).fetchone()
        if row is None:
            row = cur.execute(
                "INSERT INTO pool (name, description, colour, created_at)"
                " VALUES (%s, %s, %s, %s) RETURNING id",
                (name, description, colour, to_db(now - timedelta(days=500))),
            ).fetchone()
        pool_id = int(row[0])
        stages = [int(r[0]) for r in cur.execute(stages_sql, (pool_id,)).fetchall()]
        if not stages:
            cur.executemany(
                "INSERT INTO pool_stage (pool_id, name, kind, position) VALUES (%s, %s, %s, %s)",
                [(pool_id, n, k.value, i) for i, (n, k) in enumerate(DEFAULT_PIPELINE)],
            )
            stages = [int(r[0]) for r in cur.execute(stages_sql, (pool_id,)).fetchall()]
        found.append((pool_id, stages))
    return found


def write(db: Database, seeding: Seeding) -> None:
    """The seed, as an operation on the write path (seed.py's `seed_demo` runs it)."""
    connection: Any = db.writer.connection.connection.driver_connection  # psycopg's
    cur = connection.cursor()
    try:
        make = DemoRows(seeding.rng, seeding.stamps, tag_ids(cur), pools(cur, seeding.now))
        (max_id,) = cur.execute("SELECT coalesce(max(id), 0) FROM candidate").fetchone()
        _insert_batches(cur, int(max_id) + 1, seeding, make)
    finally:
        cur.close()
    db.writer.note(Changes.everything())


def _insert_batches(cur: Any, first_id: int, seeding: Seeding, make: DemoRows) -> None:
    from talentdesk.core.demo import seed

    sql = {table: _server(statement) for table, statement in seed.STATEMENTS.items()}
    count, batch, totals, progress = seeding.count, seed._BATCH, seeding.totals, seeding.progress
    for start in range(0, count, batch):
        ids = range(first_id + start, first_id + min(start + batch, count))
        rows = make.batch(ids)
        cur.executemany(sql["candidate"], rows.candidates)
        cur.executemany(sql["candidate_tag"], rows.tags)  # after them: foreign keys
        near_fit = [(*m[:3], bool(m[3]), *m[4:]) for m in rows.memberships]  # a boolean here
        cur.executemany(sql["pool_membership"], near_fit)
        cur.executemany(sql["interaction"], rows.interactions)
        cur.executemany(sql["reminder"], rows.reminders)
        totals["interactions"] += len(rows.interactions)
        totals["tag_links"] += len(rows.tags)
        totals["memberships"] += len(rows.memberships)
        if progress is not None:
            progress(start + len(ids), count)
    cur.execute(
        "SELECT setval(pg_get_serial_sequence('candidate', 'id'),"
        " (SELECT coalesce(max(id), 1) FROM candidate))"
    )
