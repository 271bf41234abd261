"""A data folder with many candidates and a reminder due for 55.2 % of them (552,000 at
1,000,000), built once with raw sqlite3 and cached in bench/.cache keyed by the schema
revision and size. Used by bench/due_stream.py and bench/cli_start.py.

Due times are in the past of the day it was built (they stay due); the upcoming ones are a
year or more ahead. Names come from small lists, so a search for "anna" finds many people.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from talentdesk.core.db import search_order  # noqa: E402
from talentdesk.core.db.datetimes import to_db  # noqa: E402
from talentdesk.core.db.preflight import schema_head  # noqa: E402
from talentdesk.core.db.triggers import SEARCH_COLUMNS  # noqa: E402
from talentdesk.core.normalize import sort_key  # noqa: E402

DUE_SHARE = 0.552
FIRST = ("Anna", "Jan", "Zofia", "Piotr", "Łukasz", "Maria", "Tomasz", "Ewa", "Felix", "Lena")
LAST = ("Kowalska", "Nowak", "Wiśniewski", "Müller", "Schmidt", "Smith", "Jones", "Dąbrowska")
CITIES = ("Kraków", "Warszawa", "Berlin", "London", "Wrocław", "Gdańsk")
NOTES = (None, None, "Send the offer", "Call about the Kraków role", "Zapytać o widełki")


def data_folder(count: int) -> tuple[Path, float | None]:
    """The cached folder holding `count` candidates; seconds it took when built now."""
    folder = HERE / ".cache" / f"due-{count}-{schema_head()}"
    database = folder / "talentdesk.sqlite3"
    if database.exists():
        return folder, None
    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    from talentdesk.core.db.migrate import open_database

    folder.mkdir(parents=True)
    partial = folder / "building.sqlite3"
    open_database(partial).close()
    _fill(partial, count)
    partial.rename(database)
    return folder, time.perf_counter() - started


def _fill(path: Path, count: int) -> None:
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = OFF")
    triggers = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    for name, _sql in triggers:
        con.execute(f"DROP TRIGGER {name}")
    rng = random.Random(count)
    now = datetime.now(UTC)
    stamp = to_db(now - timedelta(days=400))
    con.execute("BEGIN")
    con.executemany(
        "INSERT INTO candidate (id, first_name, last_name, sort_name, email, city, status,"
        " created_at, updated_at, relationship_kind)"
        " VALUES (?, ?, ?, ?, ?, ?, 'passive', ?, ?, 'none')",
        _candidates(count, rng, stamp),
    )
    con.executemany(
        "INSERT INTO reminder (candidate_id, due_at, kind, created_at, done_at, note, origin)"
        " VALUES (?, ?, 'follow_up', ?, ?, ?, 'manual')",
        _reminders(count, rng, now, stamp),
    )
    # Everyone's place by name, then the search index read from its view in that order
    # (external content: db/triggers.py, db/search_order.py).
    con.execute(search_order.fill_all())
    names = ", ".join(SEARCH_COLUMNS)
    con.execute(
        f"INSERT INTO candidate_fts (rowid, {names})"
        f" SELECT id, {names} FROM candidate_search ORDER BY id"
    )
    con.execute("COMMIT")
    for _name, sql in triggers:
        con.execute(sql)
    con.execute("ANALYZE")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def _candidates(count: int, rng: random.Random, stamp: str) -> Iterator[tuple[object, ...]]:
    for i in range(1, count + 1):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        yield (i, first, last, sort_key(f"{first} {last}"), f"p{i}@example.com",
               rng.choice(CITIES), stamp, stamp)  # fmt: skip


def _reminders(
    count: int, rng: random.Random, now: datetime, stamp: str
) -> Iterator[tuple[object, ...]]:
    due_count = round(count * DUE_SHARE)
    for cid in rng.sample(range(1, count + 1), due_count):  # open and due: in the past
        due = now - timedelta(minutes=rng.randrange(1, 90 * 24 * 60))
        yield cid, to_db(due), stamp, None, rng.choice(NOTES)
    for _ in range(count // 10):  # done long ago
        due = now - timedelta(days=rng.randrange(100, 300))
        yield rng.randrange(1, count + 1), to_db(due), stamp, to_db(due), None
    for _ in range(count // 20):  # a year or more ahead: never due while the cache is kept
        due = now + timedelta(days=rng.randrange(400, 800))
        yield rng.randrange(1, count + 1), to_db(due), stamp, None, rng.choice(NOTES)


def empty_folder(folder: Path) -> Path:
    """A data folder with an empty database at the current schema (the runs' floor)."""
    from talentdesk.core.db.migrate import open_database

    target = folder / f"empty-{schema_head()}"
    if not (target / "talentdesk.sqlite3").exists():
        target.mkdir(parents=True, exist_ok=True)
        open_database(target / "talentdesk.sqlite3").close()
    return target
