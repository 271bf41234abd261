"""Handing 10,000 selected candidates of 100,000 over to a colleague (issue 18, Who did what),
with a follow-up each, and its undo.

Times `UserService.hand_over` (the real write path: one operation, the ids in a temporary
table, the old owners, stamps and reminder owners read into a journal per chunk, progress and
Cancel between chunks, versions moved on) and `BulkService.undo` of it, beside a baseline
measured in the same run: a plain `executemany` of the same candidate and reminder UPDATEs in
one transaction of a sqlite3 connection with the app's pragmas (what the hand-over writes,
without reading what it overwrites). Medians of several rounds; in each round every action
runs once, in turn (the hand-over goes back to its first owner by an untimed undo).

    .venv/bin/python bench/handover.py [--candidates 100000] [--selected 10000] [--runs 5]

The database is bench/bulk_tag.py's (cached in bench/.cache); each run works on a copy.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from bulk_tag import cached_database  # noqa: E402
from vacancy_match import NOW  # noqa: E402

from talentdesk.core.db.datetimes import to_db  # noqa: E402
from talentdesk.core.db.migrate import open_database  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--selected", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    source = cached_database(args.candidates)
    with tempfile.TemporaryDirectory(prefix="talentdesk-bench-") as folder:
        path = Path(folder) / "handover.sqlite3"
        shutil.copyfile(source, path)
        run(path, args.candidates, args.selected, args.runs)
    return 0


def _two_owners(plain: sqlite3.Connection, ids: list[int]) -> tuple[int, int]:
    """Anna owns everyone, with a follow-up each of the selected; Bob is her colleague."""
    plain.execute("BEGIN IMMEDIATE")
    anna = plain.execute("SELECT min(id) FROM app_user").fetchone()[0]
    bob = plain.execute(
        "INSERT INTO app_user (name, created_at) VALUES ('Bob', ?) RETURNING id", (to_db(NOW),)
    ).fetchone()[0]
    plain.execute("UPDATE candidate SET owner_id = ?", (anna,))
    plain.executemany(
        "INSERT INTO reminder (candidate_id, due_at, kind, created_at, origin, owner_id)"
        " VALUES (?, ?, 'follow_up', ?, 'manual', ?)",
        [(cid, to_db(NOW), to_db(NOW), anna) for cid in ids],
    )
    plain.execute("COMMIT")
    return anna, bob


def run(path: Path, candidates: int, selected: int, runs: int) -> None:
    from talentdesk.core.bulk.service import BulkService
    from talentdesk.core.users.service import UserService

    db = open_database(path)
    users, bulk = UserService(db.sessions, lambda: NOW), BulkService(db.sessions, lambda: NOW)
    ids = sorted(random.Random(18).sample(range(1, candidates + 1), selected))
    plain = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
        plain.execute(f"PRAGMA {pragma}")
    anna, bob = _two_owners(plain, ids)

    def executemany(owner: int) -> None:
        plain.execute("BEGIN IMMEDIATE")
        plain.executemany(
            "UPDATE candidate SET owner_id = ?, updated_at = ?, version = version + 1 WHERE id = ?",
            [(owner, to_db(NOW), cid) for cid in ids],
        )
        plain.executemany(
            "UPDATE reminder SET owner_id = ? WHERE candidate_id = ? AND done_at IS NULL",
            [(owner, cid) for cid in ids],
        )
        plain.execute("COMMIT")

    times: dict[str, list[float]] = {"executemany": [], "hand_over": [], "undo": []}
    summary = ""
    for round_no in range(runs + 1):  # the first round warms up
        started = time.perf_counter()
        executemany(bob)
        spent = {"executemany": (time.perf_counter() - started) * 1000}
        executemany(anna)  # untimed: back to Anna
        started = time.perf_counter()
        result = users.hand_over(ids, bob)
        spent["hand_over"] = (time.perf_counter() - started) * 1000
        assert result.changed == selected, result.summary
        summary = result.summary
        started = time.perf_counter()
        bulk.undo(result.undo)
        spent["undo"] = (time.perf_counter() - started) * 1000
        if round_no:
            for key, value in spent.items():
                times[key].append(value)
    left = plain.execute("SELECT count(*) FROM candidate WHERE owner_id = ?", (bob,)).fetchone()
    assert left[0] == 0, "undo left candidates with Bob"
    took = {key: statistics.median(value) for key, value in times.items()}
    print(f"{candidates:,} candidates; {selected:,} selected, a follow-up each; medians of {runs}")
    print(f"summary: {summary}")
    print(f"{'baseline: executemany of the same UPDATEs':<48}{took['executemany']:>8.0f} ms")
    print(f"{'UserService.hand_over (write path, journal)':<48}{took['hand_over']:>8.0f} ms")
    print(f"{'BulkService.undo of it':<48}{took['undo']:>8.0f} ms")
    print(f"{'ratio hand_over / executemany':<48}{took['hand_over'] / took['executemany']:>9.2f}x")
    print(f"{'ratio undo / hand_over':<48}{took['undo'] / took['hand_over']:>9.2f}x")
    plain.close()
    db.close()


if __name__ == "__main__":
    raise SystemExit(main())
