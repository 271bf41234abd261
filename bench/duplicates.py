"""Finding duplicates over 25,000, 50,000 and 100,000 candidates (issue 14, Speed).

Each database is built with the real schema and raw inserts: first names from the demo
vocabulary, surnames from it for a fifth (`--common`: common names repeat, as they do: many
"Anna Nowak"s) and made up for the rest, 16 cities, a company for most (about 40 people each),
an e-mail for most, a phone for most (typed several ways, in their country), LinkedIn for half,
a second address for some. Then `--planted` (a fraction) of the people get a duplicate of each
kind: the same address as a second one in other letter case; the same LinkedIn profile in
other case; the same phone typed in another form; the same name without its accents at the
same company spelt with its legal form.

Times `find_duplicates` (median of `--runs` after a warm-up) beside a baseline measured in the
same run: one read of every candidate's row (what any duplicate finding must at least do), and
prints each size's time, its CPU time's growth over n log n's from the first size (1.00:
exactly n log n) and how many planted pairs were found with the planted reason.

Targets: 100k within 10 s; growth no worse than n log n (ratios near 1 or below).

    .venv/bin/python bench/duplicates.py [--sizes 25000 50000 100000] [--planted 0.02]
        [--common 0.2] [--runs 5]

People with a common name in one city are paired ("same name in Kraków", low confidence), and
those pairs grow with the square of the people there: with `--common 0` every surname is made
up, which shows the search's own growth without that.
"""

from __future__ import annotations

import argparse
import math
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from talentdesk.core.db.datetimes import to_db  # noqa: E402
from talentdesk.core.db.migrate import open_database  # noqa: E402
from talentdesk.core.demo.seed_vocabulary import CITIES, FIRST_NAMES, LAST_NAMES  # noqa: E402
from talentdesk.core.duplicates.finding import find_duplicates  # noqa: E402
from talentdesk.core.duplicates.records import DuplicateReport, ReasonKind  # noqa: E402
from talentdesk.core.normalize import sort_key  # noqa: E402

NOW = datetime(2026, 12, 5, 9, 30, tzinfo=UTC)
SYLLABLES = (
    "ko", "wal", "ski", "na", "zie", "lin", "ber", "ger", "man", "dro", "sza", "rek",
    "mar", "tin", "son", "ew", "ic", "ow", "ak", "el", "ra", "bu", "czy", "pol",
)  # fmt: skip
PHONE_FORMS: tuple[Callable[[str, str], str], ...] = (  # a national number as people type it
    lambda cc, n: f"+{cc} {n[0:3]} {n[3:6]} {n[6:]}",
    lambda cc, n: f"00{cc}{n}",
    lambda cc, n: f"{n[0:3]}-{n[3:6]}-{n[6:]}",
    lambda cc, n: f"({n[0:2]}) {n[2:]}",
    lambda cc, n: f"+{cc}{n}",
)
PEOPLE_PER_COMPANY = 40  # a larger database knows more companies, not larger ones
CODES = {"Poland": "48", "Germany": "49", "United Kingdom": "44"}
COLUMNS = (
    "id, first_name, last_name, sort_name, email, phone, city, country, company, linkedin_url,"
    " created_at, updated_at, status, relationship_kind"
)


def person(i: int, companies: int, common: float, rng: random.Random) -> list[object]:
    first = rng.choice(FIRST_NAMES)
    last = rng.choice(LAST_NAMES) if rng.random() < common else made_up_name(rng)
    city, country = rng.choice(CITIES)
    company = f"Company {rng.randrange(companies)}" if rng.random() < 0.8 else None
    slug = f"{ascii_only(first)}.{ascii_only(last)}"
    email = f"{slug}.{i}@example.com" if rng.random() < 0.9 else None
    number = f"{rng.randrange(500, 900)}{rng.randrange(1_000_000):06d}"
    phone = rng.choice(PHONE_FORMS)(CODES[country], number)
    linkedin = f"https://linkedin.com/in/{ascii_only(last)}-{i}" if rng.random() < 0.5 else None
    return [
        i, first, last, sort_key(f"{first} {last}"), email,
        phone if rng.random() < 0.8 else None, city, country, company, linkedin,
        to_db(NOW), to_db(NOW), "passive", "none",
    ]  # fmt: skip


def ascii_only(name: str) -> str:
    """Folded to ASCII: an address or URL as people have them ("Yılmaz" → "ylmaz")."""
    return sort_key(name).encode("ascii", "ignore").decode()


def made_up_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randrange(2, 4))).capitalize()


def build(
    path: Path, size: int, planted: float, common: float
) -> dict[ReasonKind, list[tuple[int, int]]]:
    """The database; the planted pairs by the reason they were planted with."""
    rng = random.Random(size)
    open_database(path).close()
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA synchronous = OFF")
    con.execute("BEGIN")
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        con.execute(f"DROP TRIGGER {name}")  # the search index is not needed here
    companies = size // PEOPLE_PER_COMPANY
    rows = [person(i, companies, common, rng) for i in range(1, size + 1)]
    copies = int(size * planted)
    plants: dict[ReasonKind, list[tuple[int, int]]] = {}
    emails: list[tuple[int, str]] = []
    next_id = size + 1
    for kind in (ReasonKind.EMAIL, ReasonKind.LINKEDIN, ReasonKind.PHONE, ReasonKind.NAME_COMPANY):
        plants[kind] = []
        for original in rng.sample(rows[:size], copies):
            copy = person(next_id, companies, common, rng)
            if not plant(kind, original, copy, emails, rng):
                continue
            rows.append(copy)
            plants[kind].append((int(original[0]), next_id))  # type: ignore[call-overload]
            next_id += 1
    marks = ", ".join("?" * len(COLUMNS.split(",")))
    con.executemany(f"INSERT INTO candidate ({COLUMNS}) VALUES ({marks})", rows)
    extra = [(rng.randrange(1, size + 1), f"other{i}@mail.example") for i in range(size // 10)]
    con.executemany(
        "INSERT INTO candidate_email (candidate_id, email) VALUES (?, ?)", extra + emails
    )
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.close()
    return plants


def plant(
    kind: ReasonKind,
    original: list[object],
    copy: list[object],
    emails: list[tuple[int, str]],
    rng: random.Random,
) -> bool:
    """Make `copy` a duplicate of `original` by `kind`; False when the original lacks it."""
    if kind is ReasonKind.EMAIL:
        if original[4] is None:
            return False
        emails.append((int(copy[0]), str(original[4]).upper()))  # type: ignore[call-overload]
    elif kind is ReasonKind.LINKEDIN:
        if original[9] is None:
            return False
        copy[9] = "https://linkedin.com/in/" + str(original[9]).split("/in/")[1].upper()
    elif kind is ReasonKind.PHONE:
        if original[5] is None:
            return False
        digits = "".join(ch for ch in str(original[5]) if ch.isdigit())[-9:]
        copy[5], copy[7] = rng.choice(PHONE_FORMS[2:4])("", digits), original[7]
    else:
        if original[8] is None:
            return False
        copy[1], copy[2] = sort_key(str(original[1])).title(), sort_key(str(original[2])).title()
        copy[3] = sort_key(f"{copy[1]} {copy[2]}")
        copy[8] = f"{original[8]} Sp. z o.o."
    return True


def median_s(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """The median wall-clock and CPU seconds of `action` after a warm-up (the file in the
    page cache, phonenumbers' metadata loaded). CPU time is what a machine busy with other
    work disturbs least, so growth is judged on it."""
    action()
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        action()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall), statistics.median(cpu)


def recall(report: DuplicateReport, plants: dict[ReasonKind, list[tuple[int, int]]]) -> str:
    found = {
        (pair.first_id, pair.second_id): {reason.kind for reason in pair.reasons}
        for group in report.groups
        for pair in group.pairs
    }
    parts = []
    for kind, pairs in plants.items():
        hit = sum(1 for pair in pairs if kind in found.get(pair, set()))
        parts.append(f"{kind.value} {hit}/{len(pairs)}")
    return ", ".join(parts)


def measure(
    path: Path, plants: dict[ReasonKind, list[tuple[int, int]]], runs: int
) -> tuple[tuple[float, float, float], int, str]:
    """(find, find's CPU, baseline) in seconds, how many candidates, and what was found."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        total = int(con.execute("SELECT count(*) FROM candidate").fetchone()[0])
        baseline, _ = median_s(
            lambda: con.execute(
                "SELECT id, sort_name, email, phone, country, company, city, linkedin_url"
                " FROM candidate"
            ).fetchall(),
            runs,
        )
        took = median_s(lambda: find_duplicates(con), runs)
        report = find_duplicates(con)
    finally:
        con.close()
    pairs = sum(len(g.pairs) for g in report.groups)
    line = f"{len(report.groups):,} groups, {pairs:,} pairs; planted found: "
    return (*took, baseline), total, line + recall(report, plants)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[25_000, 50_000, 100_000])
    parser.add_argument("--planted", type=float, default=0.02)
    parser.add_argument(
        "--common", type=float, default=0.2, help="the share of surnames from the common ones"
    )
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results: list[tuple[int, float, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="talentdesk-bench-") as folder:
        for size in args.sizes:
            path = Path(folder) / f"dupes-{size}.sqlite3"
            started = time.perf_counter()
            plants = build(path, size, args.planted, args.common)
            found, total, line = measure(path, plants, args.runs)
            print(f"built {total:,} candidates ({size:,} + planted) in "
                  f"{time.perf_counter() - started:.1f} s; {line}")  # fmt: skip
            results.append((total, *found))
    first_n, _, first_cpu, _ = results[0]
    print(f"\n{'candidates':>11}{'find':>10}{'CPU':>9}{'baseline':>11}{'/ baseline':>12}"
          f"{'CPU / CPU0':>12}{'nlogn / n0logn0':>17}{'growth ratio':>14}")  # fmt: skip
    for n, took, cpu, baseline in results:
        nlogn = (n * math.log(n)) / (first_n * math.log(first_n))
        print(f"{n:>11,}{took:>8.2f} s{cpu:>7.2f} s{baseline * 1000:>8.0f} ms"
              f"{took / baseline:>11.0f}x{cpu / first_cpu:>12.2f}{nlogn:>17.2f}"
              f"{cpu / first_cpu / nlogn:>14.2f}")  # fmt: skip
    print("targets: 100k within 10 s; growth ratio (CPU / CPU0 over n log n / n0 log n0) <= ~1")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
