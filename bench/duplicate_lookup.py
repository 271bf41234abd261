"""The "already there?" check while a candidate is typed by hand (issue 14): who has this
e-mail address, LinkedIn URL or phone number, over 100,000 candidates (every one with an
address, 70% with a phone typed in assorted ways, 30% with a LinkedIn URL, 20,000 secondary
addresses). Times `matching_people` for each kind of question and all three at once, beside
a baseline measured in the same run: one indexed lookup of an address as stored.

Target (the brief's): each question under ~100 ms, so the form can ask as it is typed.

    .venv/bin/python bench/duplicate_lookup.py [--candidates 100000] [--runs 15]
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
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from talentdesk.core.db.datetimes import to_db  # noqa: E402
from talentdesk.core.db.migrate import open_database  # noqa: E402
from talentdesk.core.duplicates.lookup import matching_people  # noqa: E402

NOW = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
SECONDARY = 20_000


def _phone(i: int, rng: random.Random) -> str:
    digits = f"{600_000_000 + i * 37:09d}"
    style = rng.randrange(4)
    if style == 0:
        return f"+48 {digits[:3]} {digits[3:6]} {digits[6:]}"
    if style == 1:
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    if style == 2:
        return f"0048{digits}"
    return digits


def build(path: Path, count: int) -> None:
    rng = random.Random(14)
    open_database(path).close()
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("BEGIN")

    def rows() -> Iterator[tuple[object, ...]]:
        for i in range(1, count + 1):
            yield (
                i, "First", f"Last{i:06d}", f"first last{i:06d}",
                f"First.Last{i}@Example{i % 300}.com",
                _phone(i, rng) if rng.random() < 0.7 else None, "Poland",
                f"https://linkedin.com/in/person-{i}" if rng.random() < 0.3 else None,
                to_db(NOW), to_db(NOW),
            )  # fmt: skip

    con.executemany(
        "INSERT INTO candidate (id, first_name, last_name, sort_name, email, phone, country,"
        " linkedin_url, created_at, updated_at, relationship_kind, status)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'none', 'passive')",
        rows(),
    )
    con.executemany(
        "INSERT INTO candidate_email (candidate_id, email) VALUES (?, ?)",
        [(cid, f"home{cid}@mail.example") for cid in rng.sample(range(1, count + 1), SECONDARY)],
    )
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.close()


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "talentdesk.sqlite3"
        started = time.perf_counter()
        build(path, args.candidates)
        print(f"built {args.candidates:,} candidates in {time.perf_counter() - started:.1f} s")
        con = sqlite3.connect(path)
        someone = args.candidates // 2
        digits = f"{600_000_000 + someone * 37:09d}"
        stored = f"First.Last{someone}@Example{someone % 300}.com"

        def baseline() -> object:
            return con.execute("SELECT id FROM candidate WHERE email = ?", (stored,)).fetchall()

        questions: dict[str, Callable[[], object]] = {
            "e-mail (any case)": lambda: matching_people(con, stored.lower()),
            "LinkedIn": lambda: matching_people(con, None, "linkedin.com/in/person-7"),
            "phone": lambda: matching_people(con, None, None, f"+48 {digits}", None),
            "all three": lambda: matching_people(
                con, stored.upper(), "linkedin.com/in/person-7", f"0048 {digits}", "Poland"
            ),
        }
        base = median_ms(baseline, args.runs)
        print(f"{'indexed lookup (baseline)':<28}{base:8.2f} ms")
        worst = 0.0
        for label, question in questions.items():
            ms = median_ms(question, args.runs)
            worst = max(worst, ms)
            print(f"{label:<28}{ms:8.2f} ms  ({ms / base:,.0f}x the baseline)")
        print(f"slowest question: {worst:.1f} ms (target: under 100 ms)")
        con.close()
        return 0 if worst < 100 else 1


if __name__ == "__main__":
    sys.exit(main())
