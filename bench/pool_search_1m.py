"""The first screen of a search in a pool over 1,000,000 candidates, sorted by name (the list's
default), for a large pool (a fifth of everyone) and a small one (2,000 people).

    .venv/bin/python bench/pool_search_1m.py [--runs 7]

Per pool and query, median (ms) of, in the same run:
- bare:    the search index alone, `LIMIT 100`, no order and no pool (the floor);
- general: the list's general query (the pool joined, the search a set of ids, sorted, `LIMIT
           100`): how a pool's first screen was read before core/first_screen.py read it;
- screen:  `CandidateListing.ids(query, limit=100)`, the first screen as the list shows it;
and screen/general. The pools are added to a copy of bench/big_database.py's database (cached
in bench/.cache) in a temporary folder, deleted afterwards.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from big_database import data_folder  # noqa: E402
from duplicate_lookup import median_ms  # noqa: E402

from talentdesk.core.candidate_list import ListQuery, _select  # noqa: E402
from talentdesk.core.search import fts_query  # noqa: E402
from talentdesk.core.workspace import Workspace  # noqa: E402
from talentdesk.paths import AppPaths  # noqa: E402

QUERIES = ("a", "an", "kow", "anna kow", "z")
POOLS = (("large", 5), ("small", 500))  # every 5th, every 500th person
BARE = "SELECT rowid FROM candidate_fts WHERE candidate_fts MATCH ? LIMIT 100"


def add_pools(database: Path) -> dict[str, int]:
    con = sqlite3.connect(database)
    made = {}
    for number, (name, every) in enumerate(POOLS, start=1):
        con.execute(
            "INSERT INTO pool (id, name, colour, created_at)"
            " VALUES (?, ?, '#336699', '2026-01-01')",
            [number, name],
        )
        con.execute(
            "INSERT INTO pool_stage (id, pool_id, name, kind, position) VALUES (?, ?, 'New',"
            " 'new', 0)",
            [number, number],
        )
        con.execute(
            "INSERT INTO pool_membership (candidate_id, pool_id, stage_id, near_fit, added_at)"
            " SELECT id, ?, ?, 0, '2026-01-01' FROM candidate WHERE id % ? = 3",
            [number, number, every],
        )
        made[name] = number
    con.commit()
    con.close()
    return made


def fetch(reader: Any, sql: str, params: list[object]) -> list[Any]:
    return list(reader.execute(sql, params).fetchall())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    source, _built = data_folder(args.candidates)
    with tempfile.TemporaryDirectory(prefix="pool-search-") as folder:
        shutil.copy(source / "talentdesk.sqlite3", Path(folder) / "talentdesk.sqlite3")
        pools = add_pools(Path(folder) / "talentdesk.sqlite3")
        ws = Workspace.open(AppPaths(Path(folder)))
        try:
            report(ws, pools, args.runs)
        finally:
            ws.close()
    return 0


def report(ws: Workspace, pools: dict[str, int], runs: int) -> None:
    listing, reader = ws.listing, ws.reader
    print(f"{'pool':6} {'query':10} {'bare':>6} {'general':>8} {'screen':>7} {'ratio':>6}  ms")
    for name, pool_id in pools.items():
        for typed in QUERIES:
            query = ListQuery(pool_id=pool_id, search=typed)
            sql, params = _select(reader, "c.id", query, ws.clock(), ordered=True)
            general = sql + " ORDER BY c.sort_name, c.id LIMIT 100"
            match = fts_query(typed)
            bare = median_ms(partial(fetch, reader, BARE, [match]), runs)
            old = median_ms(partial(fetch, reader, general, params), runs)
            new = median_ms(partial(listing.ids, query, limit=100), runs)
            assert listing.ids(query, limit=100) == [
                r[0] for r in reader.execute(general, params)
            ], (name, typed)
            print(f"{name:6} {typed:10} {bare:6.1f} {old:8.1f} {new:7.1f} {new / old:5.2f}x")


if __name__ == "__main__":
    raise SystemExit(main())
