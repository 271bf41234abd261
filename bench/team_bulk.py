"""Bulk tagging on a team database: 10,000 selected of 100,000 candidates on a local
PostgreSQL server (bench/bulk_tag.py is the same on the local file), beside a baseline
measured in the same run.

    .venv/bin/python bench/team_bulk.py [--candidates 100000] [--selected 10000] [--runs 3]

Starts a throw-away server (tests/pg_server.py), fills it as bench/team_search.py does, then
per round times, on a Workspace opened on it: `ws.bulk.tag` (the write path's operation, the
ids in a temporary table, INSERT…SELECT per chunk, the search index's row triggers firing, a
journal for undo), its undo, and the baseline: one psycopg `executemany` of the same
candidate_tag rows in one transaction (the same triggers firing), rolled back. Medians.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from sqlalchemy import text  # noqa: E402
from team_search import fill  # noqa: E402

from talentdesk.core.db.enums import TagCategory  # noqa: E402
from talentdesk.core.db.migrate import create_schema  # noqa: E402
from talentdesk.core.db.server import make_server_engine  # noqa: E402
from talentdesk.core.db.server_search_schema import TRIGGERS, rebuild  # noqa: E402
from talentdesk.core.records import TagRef  # noqa: E402
from talentdesk.core.workspace import Workspace  # noqa: E402
from talentdesk.paths import AppPaths  # noqa: E402
from tests.pg_server import PostgresServer  # noqa: E402


def _baseline(url: str, chosen: list[int], tag_name: str) -> float:
    engine = make_server_engine(url)
    try:
        with engine.connect() as connection:
            tag_id = connection.execute(
                text("INSERT INTO tag (category, name) VALUES ('skill', :n) RETURNING id"),
                {"n": tag_name},
            ).scalar_one()
            start = time.perf_counter()
            cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            cursor.executemany(
                "INSERT INTO candidate_tag (candidate_id, tag_id) VALUES (%s, %s)",
                [(i, tag_id) for i in chosen],
            )
            took = time.perf_counter() - start
            connection.rollback()
        return took
    finally:
        engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--selected", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with PostgresServer() as server, tempfile.TemporaryDirectory() as folder:
        url = server.url(server.create_database())
        engine = make_server_engine(url)
        with engine.begin() as connection:
            create_schema(connection)
            for name, table, _ in TRIGGERS:
                connection.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER {name}"))
            fill(connection, args.candidates)
            rebuild(connection)
            for name, table, _ in TRIGGERS:
                connection.execute(text(f"ALTER TABLE {table} ENABLE TRIGGER {name}"))
        with engine.connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()
        engine.dispose()
        ws = Workspace.open(AppPaths(Path(folder) / "desk").with_database_url(url), tz=UTC)
        ids = list(range(1, args.candidates + 1))  # a new database's: 1…N
        tags, undos, bases = [], [], []
        try:
            for run in range(args.runs):
                chosen = sorted(random.Random(run).sample(ids, args.selected))
                start = time.perf_counter()
                done = ws.bulk.tag(chosen, [TagRef(TagCategory.SKILL, f"Bench{run}")])
                tags.append(time.perf_counter() - start)
                start = time.perf_counter()
                ws.bulk.undo(done.undo)
                undos.append(time.perf_counter() - start)
                bases.append(_baseline(url, chosen, f"Base{run}"))
        finally:
            ws.close()
    tag, undo, base = (statistics.median(x) for x in (tags, undos, bases))
    print(
        f"team database, {args.selected:,} of {args.candidates:,} candidates tagged:"
        f" bulk tag {tag:.2f} s, undo {undo:.2f} s; executemany of the same links {base:.2f} s;"
        f" tag / executemany {tag / base:.1f}x, undo / tag {undo / tag:.1f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
