"""Moving to a team database: `talentdesk migrate-to` of 100,000 candidates with about 1,000,000
interactions into a local PostgreSQL server (issue 18's target: within 2 minutes), beside the
floor, and a candidate's save on that server (target: within 50 ms) beside a bare UPDATE.

    .venv/bin/python bench/migrate_to.py [--candidates 100000] [--runs 3] [--saves 30]

The local database is the demo seed bench/run.py caches (bench/.cache/seed-N-<revision>; about
ten interactions a candidate). A throw-away server (tests/pg_server.py, as the tests use: fsync
off) gets a new database for each run, in which
- floor: the same tables' rows, read with sqlite3 and written by psycopg's COPY as they are
  (no conversion, no triggers, no key checks: session_replication_role = replica), the schema
  made beforehand and not timed;
- migrate-to: core/team/migrate_to.migrate_to, all of it (schema, rows through the column
  types, sequences, search index rebuilt, counts checked, commit);
with the ratio of the two measured in the same run. Then, on the last copy: a candidate edit
saved through the Workspace (the write path, its triggers: search index, version), the median
of `--saves` runs, beside a bare psycopg UPDATE of the same row (autocommit).
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import UTC
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from run import seeded_folder  # noqa: E402
from sqlalchemy import text  # noqa: E402

from talentdesk.core.db import models  # noqa: E402
from talentdesk.core.db.migrate import create_schema  # noqa: E402
from talentdesk.core.db.server import make_server_engine  # noqa: E402
from talentdesk.core.team.migrate_to import migrate_to  # noqa: E402
from tests.pg_server import PostgresServer  # noqa: E402


def floor(database: Path, url: str) -> float:
    """Seconds to COPY every table's rows as SQLite holds them (the schema made untimed)."""
    engine = make_server_engine(url)
    with engine.begin() as connection:
        create_schema(connection)
        connection.execute(text("DELETE FROM saved_list"))
    engine.dispose()
    import psycopg

    local = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    started = time.perf_counter()
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as server:
        server.execute("SET session_replication_role = replica")
        for table in models.Base.metadata.sorted_tables:
            names = ", ".join(f'"{c.name}"' for c in table.columns)
            rows = local.execute(f'SELECT {names} FROM "{table.name}"')
            with server.cursor().copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
                for row in rows:
                    copy.write_row(row)
        server.commit()
    local.close()
    return time.perf_counter() - started


def timed_migrate(database: Path, url: str) -> tuple[float, dict[str, float]]:
    """Seconds for migrate-to, and the seconds its biggest tables took."""
    tables: dict[str, float] = {}
    marks: dict[str, float] = {}

    def progress(table: str, done: int, total: int) -> None:
        now = time.perf_counter()
        marks.setdefault(table, now)
        tables[table] = now - marks[table]

    started = time.perf_counter()
    migrate_to(database, url, progress)
    return time.perf_counter() - started, tables


def saves(url: str, runs: int) -> tuple[float, float]:
    """Median ms of a candidate edit saved through the Workspace, and of a bare UPDATE."""
    import psycopg

    from talentdesk.core.clock import utcnow
    from talentdesk.core.workspace import Workspace
    from talentdesk.paths import AppPaths

    with tempfile.TemporaryDirectory() as folder:
        ws = Workspace.open(AppPaths(Path(folder) / "team", url), utcnow, tz=UTC)
        try:
            cid = int(ws.candidates.count() // 2)
            seen = []
            for i in range(runs):
                record = ws.candidates.get(cid)
                record.title = f"Senior engineer {i}"
                started = time.perf_counter()
                ws.candidates.update(cid, record)
                seen.append((time.perf_counter() - started) * 1000)
            assert ws.candidates.get(cid).title == f"Senior engineer {runs - 1}"
        finally:
            ws.close()
    bare = []
    with psycopg.connect(url.replace("postgresql+psycopg", "postgresql"), autocommit=True) as c:
        for i in range(runs):
            started = time.perf_counter()
            c.execute("UPDATE candidate SET title = %s WHERE id = %s", (f"Lead {i}", cid))
            bare.append((time.perf_counter() - started) * 1000)
    return statistics.median(seen), statistics.median(bare)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--saves", type=int, default=30)
    args = parser.parse_args()
    folder, seeded = seeded_folder(args.candidates)
    database = folder / "talentdesk.sqlite3"
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as local:
        (people,) = local.execute("SELECT count(*) FROM candidate").fetchone()
        (entries,) = local.execute("SELECT count(*) FROM interaction").fetchone()
    print(f"{people:,} candidates, {entries:,} interactions" + (f" (seeded in {seeded:.0f} s)"
          if seeded else ""))  # fmt: skip
    with PostgresServer() as server:
        url = ""
        print(f"{'run':>3} {'floor s':>8} {'migrate-to s':>13} {'ratio':>6}  slowest tables")
        for run in range(1, args.runs + 1):
            name = server.create_database()
            base = floor(database, server.url(name))
            server.drop_database(name)  # a copy is ~0.5 GB: one on the disk at a time
            if url:
                server.drop_database(url.rsplit("/", 1)[1])
            url = server.url(server.create_database())
            took, tables = timed_migrate(database, url)
            slowest = sorted(tables.items(), key=lambda kv: -kv[1])[:3]
            print(
                f"{run:>3} {base:>8.1f} {took:>13.1f} {took / base:>5.2f}x  "
                + ", ".join(f"{name} {s:.1f} s" for name, s in slowest)
            )
        workspace, bare = saves(url, args.saves)
        print(
            f"save a candidate: workspace {workspace:.1f} ms, bare UPDATE {bare:.1f} ms"
            f" (median of {args.saves}), {workspace / bare:.1f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
