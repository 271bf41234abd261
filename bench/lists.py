"""The starter smart lists over 100,000 candidates and a million interactions (issue 14,
Speed): for each starter, its count and its first page (50 ids in display order and their
rows) as the window asks for them (`CandidateListing` with `ListQuery(list_id=…)`), beside a
hand-written SQL query for the same list measured in the same run. Medians of several rounds;
in each round every query runs once, in turn, so a busy machine slows them alike.

Targets: count + first page within 100 ms, and at most 3x the hand-written query.

    .venv/bin/python bench/lists.py [--candidates 100000] [--applications 40000] [--runs 15]

The database is the demo seed (`talentdesk seed --demo N`: ~10 interactions per candidate,
pool memberships with near-fits), cached as bench/run.py caches it, plus what the starters
need that the seed lacks, added with raw sqlite3 to a copy (cached too): vacancies with the
default pipeline, applications that moved through it with their stage history over two
years, and when pool members last changed stage.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from run import seeded_folder  # noqa: E402

from talentdesk.core.candidate_list import ListQuery  # noqa: E402
from talentdesk.core.clock import utcnow  # noqa: E402
from talentdesk.core.db.datetimes import to_db  # noqa: E402
from talentdesk.core.db.enums import DEFAULT_PIPELINE, StageKind  # noqa: E402
from talentdesk.core.db.migrate import head_revision  # noqa: E402
from talentdesk.core.lists.periods import months_before  # noqa: E402
from talentdesk.core.workspace import Workspace  # noqa: E402
from talentdesk.paths import AppPaths  # noqa: E402

PAGE = 50
VACANCIES = 300
# How an application's path through the pipeline ends, and how often: a recruiting funnel
# (most end unanswered, in screening or rejected early; few reach an offer).
ENDINGS = (
    (StageKind.CONTACTED, 25), (StageKind.SCREENING, 15), (StageKind.INTERVIEWING, 4),
    (StageKind.OFFER, 1), (StageKind.HIRED, 2), (StageKind.REJECTED, 35),
    (StageKind.DECLINED, 6), (StageKind.WITHDRAWN, 12),
)  # fmt: skip
FUNNEL = 2  # the version of the data added below (a change makes a new cached copy)
FORWARD = (StageKind.CONTACTED, StageKind.SCREENING, StageKind.INTERVIEWING, StageKind.OFFER)


def _path(rng: random.Random) -> list[StageKind]:
    """The kinds an application moved through, from contacted to where it ended."""
    end = rng.choices([k for k, _ in ENDINGS], weights=[w for _, w in ENDINGS])[0]
    if end in FORWARD:
        return list(FORWARD[: FORWARD.index(end) + 1])
    reached = {
        StageKind.HIRED: 4,
        StageKind.DECLINED: rng.choice((2, 4, 4)),  # most declines are of an offer
        StageKind.REJECTED: rng.choice((1, 1, 2, 2, 2, 3)),
        StageKind.WITHDRAWN: rng.choice((1, 2, 2, 3)),
    }[end]
    return [*FORWARD[:reached], end]


def _add_vacancies(con: sqlite3.Connection, now: datetime) -> dict[int, dict[StageKind, int]]:
    stages: dict[int, dict[StageKind, int]] = {}
    for n in range(VACANCIES):
        cur = con.execute(
            "INSERT INTO vacancy (title, status, opened_at) VALUES (?, 'open', ?)",
            (f"Role {n}", to_db(now - timedelta(days=730))),
        )
        vacancy_id = int(cur.lastrowid or 0)
        stages[vacancy_id] = {}
        for position, (name, kind) in enumerate(DEFAULT_PIPELINE):
            cur = con.execute(
                "INSERT INTO vacancy_stage (vacancy_id, name, kind, position) VALUES (?, ?, ?, ?)",
                (vacancy_id, name, kind.value, position),
            )
            stages[vacancy_id].setdefault(kind, int(cur.lastrowid or 0))
    return stages


def _add_applications(con: sqlite3.Connection, count: int, candidates: int) -> None:
    rng = random.Random(14)
    now = utcnow()
    stages = _add_vacancies(con, now)
    pairs = {(rng.randint(1, candidates), rng.choice(list(stages))) for _ in range(count)}
    history: list[tuple[object, ...]] = []
    names = {kind: name for name, kind in reversed(DEFAULT_PIPELINE)}
    for app_id, (candidate_id, vacancy_id) in enumerate(sorted(pairs), start=1):
        path = _path(rng)
        moved = now - timedelta(minutes=rng.randint(0, 730 * 24 * 60))
        times = []
        for _ in path:
            times.append(moved)
            moved += timedelta(minutes=rng.randint(60, 20 * 24 * 60))
        times = [min(t, now) for t in times]
        con.execute(
            "INSERT INTO application (id, candidate_id, vacancy_id, stage_id, near_fit,"
            " created_at, updated_at, position) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
            (
                app_id,
                candidate_id,
                vacancy_id,
                stages[vacancy_id][path[-1]],
                int(rng.random() < 0.03),
                to_db(times[0]),
                to_db(times[-1]),
            ),
        )
        previous = None
        for kind, when in zip(path, times, strict=True):
            history.append((app_id, previous, names[kind], kind.value, to_db(when)))
            previous = names[kind]
    con.executemany(
        "INSERT INTO application_stage_change (application_id, from_stage, to_stage, to_kind,"
        " moved_at) VALUES (?, ?, ?, ?, ?)",
        history,
    )


def _stage_changes(con: sqlite3.Connection) -> None:
    """Members past a pool's first stage got there some time after joining."""
    rng = random.Random(15)
    now = utcnow()
    rows = con.execute(
        "SELECT m.id, m.added_at FROM pool_membership m JOIN pool_stage s ON s.id = m.stage_id"
        " WHERE s.position > 0"
    ).fetchall()

    def changed() -> Iterator[tuple[str, int]]:
        for membership_id, added in rows:
            start = datetime.fromisoformat(added).replace(tzinfo=UTC)
            span = max(int((now - start).total_seconds() // 60), 1)
            yield to_db(start + timedelta(minutes=rng.randint(0, span))), membership_id

    con.executemany("UPDATE pool_membership SET stage_changed_at = ? WHERE id = ?", changed())


def _has_list_indexes(database: Path) -> bool:
    con = sqlite3.connect(database)
    try:
        found = con.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'ix_application_stage_change_kind'"
        ).fetchone()
        return found is not None
    finally:
        con.close()


def lists_folder(candidates: int, applications: int) -> Path:
    """The seeded data folder plus applications and stage history (built once, cached)."""
    folder = HERE / ".cache" / f"lists-{FUNNEL}-{candidates}-{applications}-{head_revision()}"
    database = folder / "talentdesk.sqlite3"
    if database.exists() and _has_list_indexes(database):
        return folder
    seeded, _ = seeded_folder(candidates)
    if not _has_list_indexes(seeded / "talentdesk.sqlite3"):  # cached before they were added
        shutil.rmtree(seeded)
        seeded, _ = seeded_folder(candidates)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy(seeded / "talentdesk.sqlite3", folder / "building.sqlite3")
    started = time.perf_counter()
    con = sqlite3.connect(folder / "building.sqlite3", isolation_level=None)
    con.execute("BEGIN")
    _add_applications(con, applications, candidates)
    _stage_changes(con)
    con.execute("COMMIT")
    con.close()
    (folder / "building.sqlite3").rename(database)
    print(f"added applications and stage history in {time.perf_counter() - started:.1f} s")
    return folder


# -- the hand-written queries -----------------------------------------------------------------
def _hand_written(now: datetime) -> dict[str, tuple[str, list[object]]]:
    """WHERE clauses over `candidate c` a developer would write for each starter."""
    year, half, quarter = (to_db(months_before(now, m)) for m in (12, 6, 3))
    # The stages outside the join (CROSS JOIN: SQLite keeps that order), as one who knows
    # that SQLite without statistics may scan the memberships instead.
    reached = (
        "SELECT m.candidate_id FROM pool_stage s CROSS JOIN pool_membership m"
        " ON m.stage_id = s.id WHERE s.kind IN ({kinds}){when}"
        " UNION SELECT a.candidate_id FROM application_stage_change h"
        " JOIN application a ON a.id = h.application_id WHERE h.to_kind IN ({kinds}){hwhen}"
    )
    return {
        "Declined offers — last 12 months": (
            "c.id IN ("
            + reached.format(
                kinds="'declined'",
                when=" AND coalesce(m.stage_changed_at, m.added_at) >= ?",
                hwhen=" AND h.moved_at >= ?",
            )
            + ")",
            [year, year],
        ),
        "Silver medallists": (
            "c.id IN ("
            + reached.format(kinds="'interviewing', 'offer'", when="", hwhen="")
            + ") AND c.id NOT IN ("
            + reached.format(kinds="'hired'", when="", hwhen="")
            + ")",
            [],
        ),
        "Withdrawn": (
            "c.id IN (" + reached.format(kinds="'withdrawn'", when="", hwhen="") + ")",
            [],
        ),
        "Near-fits": (
            "c.id IN (SELECT candidate_id FROM pool_membership WHERE near_fit"
            " UNION SELECT candidate_id FROM application WHERE near_fit)",
            [],
        ),
        "Losing touch": ("c.last_contact_at >= ? AND c.last_contact_at < ?", [year, quarter]),
        "No contact in 6 months": (
            "c.last_contact_at IS NULL OR c.last_contact_at < ?",
            [half],
        ),
    }


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--applications", type=int, default=40_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    folder = lists_folder(args.candidates, args.applications)
    ws = Workspace.open(AppPaths(folder))
    try:
        return _bench(ws, args.runs)
    finally:
        ws.close()


def _bench(ws: Workspace, runs: int) -> int:
    reader, listing = ws.reader, ws.listing
    starters = ws.lists.all(counts=False)
    hand = _hand_written(utcnow())
    counts = {s.name: ws.lists.count(s.filter) for s in starters}
    app_ms: dict[str, list[float]] = {s.name: [] for s in starters}
    hand_ms: dict[str, list[float]] = {s.name: [] for s in starters}

    def app(list_id: int) -> None:
        query = ListQuery(list_id=list_id)
        listing.count(query)
        listing.rows(listing.ids(query, limit=PAGE), None)

    def by_hand(name: str) -> None:
        where, params = hand[name]
        reader.execute(f"SELECT count(*) FROM candidate c WHERE {where}", params).fetchone()
        ids = [
            r[0]
            for r in reader.execute(
                f"SELECT c.id FROM candidate c WHERE {where} ORDER BY c.sort_name, c.id"
                f" LIMIT {PAGE}",
                params,
            )
        ]
        listing.rows(ids, None)  # the same display columns

    for s in starters:  # warm-up, and both give the same page
        app(s.id)
        by_hand(s.name)
        assert listing.ids(ListQuery(list_id=s.id), limit=PAGE) == [
            r[0]
            for r in reader.execute(
                f"SELECT c.id FROM candidate c WHERE {hand[s.name][0]}"
                f" ORDER BY c.sort_name, c.id LIMIT {PAGE}",
                hand[s.name][1],
            )
        ], s.name
    for _ in range(runs):
        for s in starters:
            app_ms[s.name].append(timed(partial(app, s.id)))
            hand_ms[s.name].append(timed(partial(by_hand, s.name)))
    total = int(reader.execute("SELECT count(*) FROM candidate").fetchone()[0])
    interactions = int(reader.execute("SELECT count(*) FROM interaction").fetchone()[0])
    print(f"{total:,} candidates, {interactions:,} interactions; medians of {runs} runs")
    # The fastest run beside the median: on a shared machine the median carries its load.
    print(
        f"{'starter':<34} {'count':>8} {'share':>6} {'list ms':>8} {'hand ms':>8} {'ratio':>6}"
        f" {'list min':>9} {'hand min':>9}"
    )
    worst = 0.0
    for s in starters:
        mine, theirs = median_ms(app_ms[s.name]), median_ms(hand_ms[s.name])
        ratio = mine / theirs if theirs else float("inf")
        worst = max(worst, ratio)
        share = counts[s.name] / total if total else 0
        print(
            f"{s.name:<34} {counts[s.name]:>8,} {share:>6.1%} {mine:>8.1f} {theirs:>8.1f}"
            f" {ratio:>5.2f}x {min(app_ms[s.name]) * 1000:>9.1f}"
            f" {min(hand_ms[s.name]) * 1000:>9.1f}"
        )
    slowest = max(median_ms(v) for v in app_ms.values())
    print(f"slowest {slowest:.1f} ms (target 100), worst ratio {worst:.2f}x (target 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
