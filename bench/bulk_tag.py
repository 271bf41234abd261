"""A bulk tag of 10,000 selected candidates in a database of 100,000 (issue 14, Speed).

Times `BulkService.tag` (the real write path: an operation on the writer, one transaction,
the ids in a temporary table, INSERT…SELECT per chunk, progress and Cancel between chunks, a
journal for undo) and its undo, beside a baseline measured in the same run: a plain
`executemany` of the same candidate_tag rows in one transaction of a sqlite3 connection with
the app's pragmas, which fires the search-index trigger for each row (as any other insert of
tag links would); and, for context, the same executemany with those triggers held back and the
search rows rebuilt once, as the service does.
Medians of several rounds; in each round every action runs once, in turn.

Targets: the tag at most 2 s and at most 3x the executemany; the undo at most as long as the
tag.

    .venv/bin/python bench/bulk_tag.py [--candidates 100000] [--selected 10000] [--runs 5]

The database (the one bench/vacancy_match.py builds: candidates, 300,000 tag links, pools,
consents, a vacancy) is built once and cached in bench/.cache keyed by the schema revision and
size; each run works on a copy.
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
from collections.abc import Callable
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from vacancy_match import NOW, build  # noqa: E402

from talentdesk.core.db.enums import TagCategory  # noqa: E402
from talentdesk.core.db.migrate import head_revision, open_database  # noqa: E402
from talentdesk.core.db.triggers import forget_rows, index_rows  # noqa: E402
from talentdesk.core.records import TagRef  # noqa: E402


def cached_database(candidates: int) -> Path:
    folder = HERE / ".cache" / f"bulk-{candidates}-{head_revision()}"
    path = folder / "bulk.sqlite3"
    if not path.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        started = time.perf_counter()
        build(path, candidates, candidates * 3, 300)
        print(f"built {candidates:,} candidates in {time.perf_counter() - started:.1f} s")
    return path


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--selected", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    source = cached_database(args.candidates)
    with tempfile.TemporaryDirectory(prefix="talentdesk-bench-") as folder:
        path = Path(folder) / "bulk.sqlite3"
        shutil.copyfile(source, path)
        run(path, args.candidates, args.selected, args.runs)
    return 0


def run(path: Path, candidates: int, selected: int, runs: int) -> None:
    from talentdesk.core.bulk.service import BulkService

    db = open_database(path)
    bulk = BulkService(db.sessions, lambda: NOW)
    ids = random.Random(14).sample(range(1, candidates + 1), selected)
    plain = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
        plain.execute(f"PRAGMA {pragma}")
    times: dict[str, list[float]] = {"executemany": [], "held": [], "tag": [], "undo": []}

    def executemany(name: str) -> None:
        plain.execute("BEGIN IMMEDIATE")
        tag_id = plain.execute(
            "INSERT INTO tag (name, category) VALUES (?, 'skill') RETURNING id", (name,)
        ).fetchone()[0]
        plain.executemany(
            "INSERT INTO candidate_tag (candidate_id, tag_id) VALUES (?, ?)",
            [(cid, tag_id) for cid in ids],
        )
        plain.execute("COMMIT")

    def held(name: str) -> None:
        """Context: the same rows with the search triggers held back, the people's search rows
        out of the index before and back after, as the service does, by hand: the floor under
        the service's way."""
        plain.execute("BEGIN IMMEDIATE")
        plain.execute("CREATE TEMP TABLE IF NOT EXISTS held (id INTEGER PRIMARY KEY)")
        plain.execute("DELETE FROM temp.held")
        plain.executemany("INSERT INTO temp.held (id) VALUES (?)", [(cid,) for cid in ids])
        plain.execute(forget_rows("SELECT id FROM temp.held"))
        triggers = plain.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
            " AND tbl_name = 'candidate_tag'"
        ).fetchall()
        for trigger, _sql in triggers:
            plain.execute(f"DROP TRIGGER {trigger}")
        tag_id = plain.execute(
            "INSERT INTO tag (name, category) VALUES (?, 'skill') RETURNING id", (name,)
        ).fetchone()[0]
        plain.executemany(
            "INSERT INTO candidate_tag (candidate_id, tag_id) VALUES (?, ?)",
            [(cid, tag_id) for cid in ids],
        )
        plain.execute(index_rows("SELECT id FROM temp.held"))
        for _trigger, sql in triggers:
            plain.execute(sql)
        plain.execute("COMMIT")

    def take_back(name: str) -> None:  # untimed: the baseline's tag goes again
        plain.execute("BEGIN IMMEDIATE")
        plain.execute("DELETE FROM tag WHERE name = ?", (name,))
        plain.execute("COMMIT")

    summary = ""
    for round_no in range(runs + 1):  # the first round warms up
        name = f"Plain {round_no}"
        spent = {"executemany": timed(partial(executemany, name))}
        take_back(name)
        spent["held"] = timed(partial(held, f"Held {round_no}"))
        take_back(f"Held {round_no}")
        started = time.perf_counter()
        result = bulk.tag(ids, [TagRef(TagCategory.SKILL, f"Bulk {round_no}")])
        spent["tag"] = (time.perf_counter() - started) * 1000
        assert result.changed == selected, result.summary
        summary = result.summary
        started = time.perf_counter()
        bulk.undo(result.undo)
        spent["undo"] = (time.perf_counter() - started) * 1000
        if round_no:
            for key, value in spent.items():
                times[key].append(value)
    left = plain.execute("SELECT count(*) FROM tag WHERE name LIKE 'Bulk %'").fetchone()[0]
    assert left == 0, "undo left tags behind"
    took = {key: statistics.median(value) for key, value in times.items()}
    print(f"{candidates:,} candidates; {selected:,} selected; medians of {runs} rounds")
    print(f"summary: {summary}")
    print(f"{'':<52}{'median':>10}{'target':>12}")
    print(f"{'baseline: executemany of the candidate_tag rows':<52}"
          f"{took['executemany']:>7.0f} ms")  # fmt: skip
    print(f"{'context: executemany, search triggers held back':<52}{took['held']:>7.0f} ms")
    print(f"{'BulkService.tag (write path, journal)':<52}{took['tag']:>7.0f} ms{'<= 2000 ms':>12}")
    print(f"{'BulkService.undo':<52}{took['undo']:>7.0f} ms{'<= tag':>12}")
    print(f"{'ratio tag / executemany':<52}{took['tag'] / took['executemany']:>8.2f}x"
          f"{'<= 3.00x':>12}")  # fmt: skip
    print(f"{'ratio tag / executemany with triggers held back':<52}"
          f"{took['tag'] / took['held']:>8.2f}x")  # fmt: skip
    print(f"{'ratio undo / tag':<52}{took['undo'] / took['tag']:>8.2f}x{'<= 1.00x':>12}")
    plain.close()
    db.close()


if __name__ == "__main__":
    raise SystemExit(main())
