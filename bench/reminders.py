"""Reminder speed, each figure beside a baseline measured in the same run.

1. The notifier's two questions, "what is due now and not announced yet" and "when is the next
   one", at 10,000 and at 1,000,000 reminders: the query plans (they must use the partial index
   ix_reminder_unannounced), and the median time at the large size over the small one
   (target <= 2x).
2. The reminders TalentDesk writes itself at 100,000 candidates and 1,000,000 interactions:
   a full refresh that creates them, a repeat that finds nothing to do (what the scheduler
   runs in a background thread every ten minutes), one narrowed to a candidate (after logging
   an interaction), and the pool pane's losing-touch counts.

    .venv/bin/python bench/reminders.py [--small 10000] [--large 1000000] [--runs 200]
        [--candidates 100000]

The databases are built in a temporary folder with raw sqlite3 (a few seconds each).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from talentdesk.core.db.datetimes import to_db  # noqa: E402
from talentdesk.core.db.enums import DEFAULT_PIPELINE  # noqa: E402
from talentdesk.core.db.migrate import open_database  # noqa: E402

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
DUE_NOW = 25  # open, unannounced reminders already due: what one wake-up announces
DUE_SQL = (
    "SELECT id, candidate_id, coalesce(snoozed_until, due_at) FROM reminder"
    " WHERE done_at IS NULL AND notified_at IS NULL AND coalesce(snoozed_until, due_at) <= ?"
    " ORDER BY coalesce(snoozed_until, due_at)"
)
NEXT_SQL = (
    "SELECT min(coalesce(snoozed_until, due_at)) FROM reminder"
    " WHERE done_at IS NULL AND notified_at IS NULL AND coalesce(snoozed_until, due_at) > ?"
)
REMINDER_CANDIDATES = 10_000


def new_database(folder: Path, name: str) -> sqlite3.Connection:
    """A database at the current schema, for raw inserts: the triggers that keep the search
    index and last contact in step are dropped (this copy is thrown away afterwards)."""
    path = folder / name
    open_database(path).close()
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = OFF")
    for (trigger,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
        con.execute(f"DROP TRIGGER {trigger}")
    return con


def stamp(moment: datetime) -> str:
    return to_db(moment)


def add_candidates(con: sqlite3.Connection, count: int, rng: random.Random) -> None:
    def rows() -> Iterator[tuple[object, ...]]:
        for i in range(1, count + 1):
            birthday = date(rng.randint(1960, 2000), rng.randint(1, 12), rng.randint(1, 28))
            status = "do_not_contact" if rng.random() < 0.01 else "passive"
            yield (i, "First", f"Last{i}", f"first last{i}", birthday.isoformat(), status,
                   stamp(NOW), stamp(NOW))  # fmt: skip

    con.executemany(
        "INSERT INTO candidate (id, first_name, last_name, sort_name, birthday, status,"
        " created_at, updated_at, relationship_kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'none')",
        rows(),
    )


def build_reminder_database(folder: Path, total: int) -> sqlite3.Connection:
    """`total` reminders over 10,000 candidates, as years of use leave them: most done, many
    announced and still open, the rest upcoming, and DUE_NOW due and not announced yet."""
    con = new_database(folder, f"reminders-{total}.sqlite3")
    rng = random.Random(total)
    con.execute("BEGIN")
    add_candidates(con, REMINDER_CANDIDATES, rng)

    def rows() -> Iterator[tuple[object, ...]]:
        for i in range(total):
            cid = rng.randrange(1, REMINDER_CANDIDATES + 1)
            share = rng.random()
            if i < DUE_NOW:  # due in the last hour, not announced
                due, done, notified = NOW - timedelta(seconds=rng.randrange(3600)), None, None
            elif share < 0.80:  # done long ago
                due = NOW - timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
                done, notified = due + timedelta(hours=2), due
            elif share < 0.95:  # announced, still open
                due = NOW - timedelta(minutes=rng.randrange(60 * 24 * 60))
                done, notified = None, due
            else:  # upcoming
                due = NOW + timedelta(minutes=rng.randrange(1, 365 * 24 * 60))
                done, notified = None, None
            upcoming = i >= DUE_NOW and share >= 0.95
            snoozed = due + timedelta(days=1) if upcoming and share > 0.99 else None
            yield (cid, stamp(due), "follow_up", stamp(due) if done is None else stamp(done),
                   None if done is None else stamp(done), None if snoozed is None
                   else stamp(snoozed), None if notified is None else stamp(notified))  # fmt: skip

    con.executemany(
        "INSERT INTO reminder (candidate_id, due_at, kind, created_at, done_at, snoozed_until,"
        " notified_at, origin) VALUES (?, ?, ?, ?, ?, ?, ?, 'manual')",
        rows(),
    )
    con.execute("COMMIT")
    con.execute("ANALYZE")
    return con


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench_notifier(folder: Path, small: int, large: int, runs: int) -> None:
    now = stamp(NOW)
    medians = {}
    for total in (small, large):
        started = time.perf_counter()
        con = build_reminder_database(folder, total)
        built = time.perf_counter() - started
        due = con.execute(DUE_SQL, (now,)).fetchall()
        nxt = con.execute(NEXT_SQL, (now,)).fetchone()[0]
        assert len(due) == DUE_NOW, len(due)
        if total == large:
            for label, sql in (("due now", DUE_SQL), ("next due", NEXT_SQL)):
                print(f"query plan, {label}:")
                for row in con.execute(f"EXPLAIN QUERY PLAN {sql}", (now,)):
                    print(f"    {row[-1]}")

        def both(con: sqlite3.Connection = con) -> None:
            con.execute(DUE_SQL, (now,)).fetchall()
            con.execute(NEXT_SQL, (now,)).fetchone()

        medians[total] = median_ms(both, runs)
        print(
            f"{total:>9,} reminders (built in {built:.1f} s): due now ({len(due)}) + next due "
            f"({nxt[:16]}): median {medians[total] * 1000:.0f} µs over {runs} runs"
        )
        con.close()
    ratio = medians[large] / medians[small]
    print(
        f"due-now query median at {large:,} / at {small:,} reminders = {ratio:.2f} (target <= 2.00)"
    )


def build_pool_database(folder: Path, candidates: int) -> sqlite3.Connection:
    """`candidates` candidates in five pools with cadences (half of them in two), spread over
    the stages; nine in ten with ten interactions (one in ten a feedback), the rest never
    contacted."""
    con = new_database(folder, f"pools-{candidates}.sqlite3")
    rng = random.Random(candidates)
    con.execute("BEGIN")
    add_candidates(con, candidates, rng)
    stages: dict[int, list[int]] = {}
    for pool_id, cadence in enumerate((30, 45, 60, 90, 180), start=1):
        con.execute(
            "INSERT INTO pool (id, name, colour, created_at, cadence_days) VALUES (?, ?, ?, ?, ?)",
            (pool_id, f"Pool {pool_id}", "#2563eb", stamp(NOW), cadence),
        )
        con.executemany(
            "INSERT INTO pool_stage (pool_id, name, kind, position) VALUES (?, ?, ?, ?)",
            [(pool_id, n, k.value, i) for i, (n, k) in enumerate(DEFAULT_PIPELINE)],
        )
        stages[pool_id] = [
            r[0] for r in con.execute("SELECT id FROM pool_stage WHERE pool_id = ?", (pool_id,))
        ]

    def memberships() -> Iterator[tuple[object, ...]]:
        for cid in range(1, candidates + 1):
            pools = rng.sample(range(1, 6), 2 if rng.random() < 0.5 else 1)
            for pool_id in pools:
                added = NOW - timedelta(minutes=rng.randrange(500 * 24 * 60))
                moved = added + (NOW - added) * rng.random() if rng.random() < 0.5 else None
                yield (cid, pool_id, rng.choice(stages[pool_id]), stamp(added),
                       None if moved is None else stamp(moved))  # fmt: skip

    con.executemany(
        "INSERT INTO pool_membership (candidate_id, pool_id, stage_id, near_fit, added_at,"
        " stage_changed_at) VALUES (?, ?, ?, 0, ?, ?)",
        memberships(),
    )

    def interactions() -> Iterator[tuple[object, ...]]:
        for cid in range(1, candidates + 1):
            for _ in range(10 if cid % 10 else 0):
                kind = "feedback" if rng.random() < 0.1 else "call"
                at = stamp(NOW - timedelta(minutes=rng.randrange(400 * 24 * 60)))
                yield cid, kind, at, "Call", at

    con.executemany(
        "INSERT INTO interaction (candidate_id, kind, occurred_at, subject, created_at)"
        " VALUES (?, ?, ?, ?, ?)",
        interactions(),
    )
    # What the dropped trigger would have kept.
    con.execute(
        "UPDATE candidate SET last_contact_at = (SELECT max(occurred_at) FROM interaction i"
        " WHERE i.candidate_id = candidate.id AND i.kind <> 'note')"
    )
    con.execute("COMMIT")
    con.execute("ANALYZE")
    return con


def bench_generated(folder: Path, candidates: int) -> None:
    from talentdesk.core.candidate_list import CandidateListing, ListQuery
    from talentdesk.core.db.reader import open_reader
    from talentdesk.core.reads import ReadModel
    from talentdesk.core.reminders import generated

    started = time.perf_counter()
    build_pool_database(folder, candidates).close()
    path = folder / f"pools-{candidates}.sqlite3"
    db = open_database(path)
    with db.engine.connect() as conn:
        interactions = conn.exec_driver_sql("SELECT count(*) FROM interaction").scalar_one()
        members = conn.exec_driver_sql("SELECT count(*) FROM pool_membership").scalar_one()
    print(
        f"{candidates:,} candidates, {members:,} pool memberships, {interactions:,} "
        f"interactions built in {time.perf_counter() - started:.1f} s"
    )

    started = time.perf_counter()
    first = generated.refresh(db, NOW, UTC)
    print(
        f"full refresh, first: {(time.perf_counter() - started) * 1000:.0f} ms "
        f"(created {first.created:,})"
    )
    started = time.perf_counter()
    again = generated.refresh(db, NOW, UTC)
    assert again == generated.RefreshSummary(0, 0, 0), again
    full = (time.perf_counter() - started) * 1000
    print(f"full refresh, nothing to do: {full:.0f} ms (background, every 10 minutes)")
    one = median_ms(lambda: generated.refresh(db, NOW, UTC, candidate_ids=[4242]), 50)
    print(f"refresh of one candidate: median {one:.2f} ms")

    reader = open_reader(path)
    reads = ReadModel(reader, lambda: NOW, UTC)
    counts = median_ms(reads.losing_touch_counts, 5)
    print(f"losing-touch counts for the pool pane: median {counts:.0f} ms")
    listing = CandidateListing(reader, lambda: NOW)
    page = listing.ids(ListQuery(pool_id=1))[:100]
    with_touch = median_ms(lambda: listing.rows(page, 1), 50)
    without = median_ms(lambda: listing.rows(page, None), 50)
    print(
        f"a page of 100 list rows in a pool with a cadence (touch marks): median "
        f"{with_touch:.2f} ms; the same rows in All candidates {without:.2f} ms"
    )
    reader.close()
    db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--candidates", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="talentdesk-bench-") as folder:
        bench_notifier(Path(folder), args.small, args.large, args.runs)
        bench_generated(Path(folder), args.candidates)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
