"""Who is due for deletion (issue 16, Retention) over 100,000 candidates: the full list with
names and reasons (`ws.retention.due()`: `talentdesk privacy due` and the window's count),
and the smart-list filter `retention:due` as the window asks for it (count + first page of 50),
beside a baseline measured in the same run: one plain pass over the candidate table
(`count(*) WHERE coalesce(last_contact_at, created_at) < cutoff`). Medians of several rounds
after a warm-up; in each round every query runs once, in turn.

    .venv/bin/python bench/retention_due.py [--candidates 100000] [--runs 9]

The database is built once (cached in bench/.cache) with the real schema and raw inserts:
last contacts spread over four years (30 % never contacted), 30,000 consent records of every
basis and status, 20,000 pool memberships (a fifth at a rejected or declined stage) and 20,000
applications with their stage history (a quarter rejected).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from talentdesk.core.candidate_list import ListQuery  # noqa: E402
from talentdesk.core.db.datetimes import to_db  # noqa: E402
from talentdesk.core.db.enums import DEFAULT_PIPELINE  # noqa: E402
from talentdesk.core.db.migrate import head_revision, open_database  # noqa: E402
from talentdesk.core.lists.periods import months_before  # noqa: E402
from talentdesk.core.workspace import Workspace  # noqa: E402
from talentdesk.paths import AppPaths  # noqa: E402

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
VERSION = 1  # of the data built below (a change makes a new cached copy)
BASES = ("consent", "legitimate_interest", "contract", "legal_obligation")
STATUSES = ("given",) * 6 + ("pending", "expired", "withdrawn")


def _ago(rng: random.Random, days: int) -> str:
    return to_db(NOW - timedelta(days=rng.randrange(1, days), seconds=rng.randrange(86400)))


def build(path: Path, count: int, rng: random.Random) -> None:
    open_database(path).close()
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA synchronous = OFF")
    con.execute("BEGIN")
    con.executemany(
        "INSERT INTO candidate (id, first_name, last_name, sort_name, last_contact_at, status,"
        " created_at, updated_at, relationship_kind) VALUES (?, 'First', ?, ?, ?, 'passive',"
        " ?, ?, 'none')",
        (
            (i, f"Last{i:06d}", f"first last{i:06d}",
             _ago(rng, 1460) if rng.random() < 0.7 else None, _ago(rng, 1800), to_db(NOW))
            for i in range(1, count + 1)
        ),
    )  # fmt: skip
    con.executemany(
        "INSERT INTO consent (candidate_id, legal_basis, status, expires_at, purpose)"
        " VALUES (?, ?, ?, ?, 'talent_pool')",
        [(rng.randrange(1, count + 1), rng.choice(BASES), rng.choice(STATUSES),
          to_db(NOW + timedelta(days=rng.randrange(-400, 400))) if rng.random() < 0.5 else None)
         for _ in range(count * 3 // 10)],
    )  # fmt: skip
    con.execute("INSERT INTO pool (id, name, colour, created_at) VALUES (1, 'Java', '#2563eb', ?)",
                (to_db(NOW),))  # fmt: skip
    con.execute("INSERT INTO vacancy (id, title, status, opened_at) VALUES (1, 'Dev', 'open', ?)",
                (to_db(NOW),))  # fmt: skip
    for table, owner in (("pool_stage", "pool_id"), ("vacancy_stage", "vacancy_id")):
        con.executemany(
            f"INSERT INTO {table} ({owner}, name, kind, position) VALUES (1, ?, ?, ?)",
            [(n, k.value, i) for i, (n, k) in enumerate(DEFAULT_PIPELINE)],
        )
    pool_stages = dict(con.execute("SELECT kind, id FROM pool_stage").fetchall())
    role_stages = dict(con.execute("SELECT kind, id FROM vacancy_stage").fetchall())
    ended = ("rejected", "declined")
    members = rng.sample(range(1, count + 1), count // 5)
    con.executemany(
        "INSERT INTO pool_membership (candidate_id, pool_id, stage_id, near_fit, added_at,"
        " stage_changed_at) VALUES (?, 1, ?, 0, ?, ?)",
        [(cid, pool_stages[rng.choice(ended) if rng.random() < 0.2 else "new"],
          _ago(rng, 1400), _ago(rng, 700)) for cid in members],
    )  # fmt: skip
    for cid in rng.sample(range(1, count + 1), count // 5):
        kind = rng.choice(ended) if rng.random() < 0.25 else rng.choice(("contacted", "hired"))
        at = _ago(rng, 1000)
        app = con.execute(
            "INSERT INTO application (candidate_id, vacancy_id, stage_id, near_fit, created_at,"
            " updated_at, position) VALUES (?, 1, ?, 0, ?, ?, 0)",
            (cid, role_stages[kind], at, at),
        ).lastrowid
        con.execute(
            "INSERT INTO application_stage_change (application_id, to_stage, to_kind, moved_at)"
            " VALUES (?, ?, ?, ?)",
            (app, kind, kind, at),
        )
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.close()


def median_ms(action: Callable[[], object], runs: int, samples: dict[str, list[float]],
              name: str) -> None:  # fmt: skip
    started = time.perf_counter()
    action()
    samples.setdefault(name, []).append((time.perf_counter() - started) * 1000)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    folder = HERE / ".cache" / f"retention-{VERSION}-{args.candidates}-{head_revision()}"
    paths = AppPaths(folder)
    if not paths.database.exists():
        shutil.rmtree(folder, ignore_errors=True)
        paths.ensure()
        started = time.perf_counter()
        building = folder / "building.sqlite3"
        build(building, args.candidates, random.Random(16))
        building.rename(paths.database)
        print(f"built {args.candidates:,} candidates in {time.perf_counter() - started:.1f} s")
    ws = Workspace.open(paths, lambda: NOW)
    try:
        return _bench(ws, args.runs)
    finally:
        ws.close()


def _bench(ws: Workspace, runs: int) -> int:
    cutoff = to_db(months_before(NOW, 24))
    query = ListQuery(search="retention:due")
    listing, reader = ws.listing, ws.reader

    def page() -> None:
        listing.count(query)
        listing.rows(listing.ids(query, limit=50), None)

    def baseline() -> None:
        reader.execute(
            "SELECT count(*) FROM candidate WHERE coalesce(last_contact_at, created_at) < ?",
            [cutoff],
        ).fetchone()

    calls = {"due() list": ws.retention.due, "retention:due page": page, "baseline": baseline}
    due = len(ws.retention.due())
    assert listing.count(query) == due
    for call in calls.values():  # warm-up
        call()
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        for name, call in calls.items():
            median_ms(call, runs, samples, name)
    base = statistics.median(samples["baseline"])
    print(f"{due:,} of {ws.reads.total_candidates():,} candidates due for deletion")
    for name in calls:
        ms = statistics.median(samples[name])
        print(f"  {name:<20} {ms:8.1f} ms  ({ms / base:4.1f}x the baseline)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
