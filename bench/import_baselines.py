"""The baselines bench/csv_import.py measures the import against, in the same run (issue 17):

- `same_schema`: the file read with `csv` and inserted with executemany into TalentDesk's own
  empty schema as the import writes it: candidates, tags, tag links, the import's record and
  its links, a consent record each (when the import writes them), search rows, with the
  importer's triggers suspended and no validation at all;
- `sqlite_utils_cpu`: the CPU time of `sqlite-utils insert --csv` and `sqlite-utils enable-fts
  --create-triggers` over the same file (pip install '.[bench]'), beside `talentdesk import`'s
  own, each a process of its own.
"""

from __future__ import annotations

import csv
import json
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEARCHED = ("First Name", "Last Name", "Email", "Title", "Company", "City", "Skills", "Notes")


def same_schema(path: Path, data_dir: Path, consent: bool) -> tuple[float, float]:
    """Wall and CPU seconds to write the file's rows into an empty TalentDesk database, as
    described above."""
    from talentdesk.core.csvio.bulk import Triggers
    from talentdesk.core.db import search_order
    from talentdesk.core.db.datetimes import to_db
    from talentdesk.core.folding import CURRENT_FOLD
    from talentdesk.core.workspace import Workspace
    from talentdesk.paths import AppPaths

    paths = AppPaths(data_dir)
    Workspace.open(paths).close()
    fold = str.maketrans(CURRENT_FOLD)
    started, cpu = time.perf_counter(), time.process_time()
    now = datetime.now(UTC)
    at, ends = to_db(now), to_db(now + timedelta(days=730))
    con = sqlite3.connect(paths.database, isolation_level=None)
    con.execute("PRAGMA synchronous = FULL")  # as the app's engine sets it
    con.execute("PRAGMA foreign_keys = ON")
    cur = con.cursor()
    triggers = Triggers(cur)
    cur.execute("BEGIN IMMEDIATE")
    triggers.suspend()
    cur.execute("PRAGMA ignore_check_constraints = ON")
    people: list[tuple[object, ...]] = []
    links: list[tuple[int, int]] = []
    search: list[tuple[object, ...]] = []
    tags: dict[str, int] = {}
    with path.open(newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        next(rows)
        for cid, row in enumerate(rows, start=1):
            first, last, email, phone, company, title, city, seniority, skills, url, notes = row
            name = f"{first} {last}"
            people.append((cid, first, last, name.lower(), email, phone, company, title, city,
                           seniority, url, notes, path.name, at, at))  # fmt: skip
            names = skills.split(", ")
            for tag in names:
                tid = tags.get(tag)
                if tid is None:
                    tid = tags[tag] = len(tags) + 1
                links.append((cid, tid))
            search.append((cid, name.translate(fold), email + " ", title, company,
                           city.translate(fold), " ".join(names), notes))  # fmt: skip
    cur.executemany(
        "INSERT INTO tag (id, name, category) VALUES (?, ?, 'skill')",
        [(tid, tag) for tag, tid in tags.items()],
    )
    # Everyone's place by name (db/search_order.py), as an empty database gives them out.
    ranked = sorted(range(len(people)), key=lambda i: (people[i][3], people[i][0]))
    keys = [0] * len(people)
    for rank, i in enumerate(ranked):
        keys[i] = search_order.MID + rank * search_order.END_STEP
    cur.executemany(
        "INSERT INTO candidate (id, first_name, last_name, sort_name, email, phone, company,"
        " title, city, seniority, linkedin_url, notes, source, created_at, updated_at,"
        " search_key, relationship_kind, status) VALUES"
        " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'none', 'passive')",
        [(*p, k) for p, k in zip(people, keys, strict=True)],
    )
    cur.executemany("INSERT INTO candidate_tag (candidate_id, tag_id) VALUES (?, ?)", links)
    if consent:
        cur.executemany(
            "INSERT INTO consent (candidate_id, legal_basis, status, purpose, given_at, source,"
            " expires_at, created_at) VALUES (?, 'legitimate_interest', 'given', 'talent_pool',"
            " ?, ?, ?, ?)",
            [(p[0], at, path.name, ends, at) for p in people],
        )
    cur.execute(
        "INSERT INTO import_record (file_name, imported_at, created, updated, skipped)"
        " VALUES (?, ?, ?, 0, 0)",
        (path.name, at, len(people)),
    )
    import_id = cur.lastrowid
    cur.executemany(
        "INSERT INTO import_person (candidate_id, import_id, created) VALUES (?, ?, 1)",
        [(p[0], import_id) for p in people],
    )
    # The search rows in key order (FTS5 writes out what it holds when a rowid goes down).
    cur.executemany(
        "INSERT INTO candidate_fts (rowid, name, email, title, company, city, tags, notes)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(keys[i], *search[i][1:]) for i in ranked],
    )
    cur.execute("PRAGMA ignore_check_constraints = OFF")
    triggers.restore()
    cur.execute("COMMIT")
    con.close()
    return time.perf_counter() - started, time.process_time() - cpu


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(command: list[str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of a child process."""
    cpu, wall = _child_cpu(), time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return _child_cpu() - cpu, time.perf_counter() - wall


def talentdesk_cli_cpu(path: Path, data_dir: Path) -> tuple[float, float, int, float]:
    """`talentdesk import FILE` in a process of its own (start-up included, as a user runs
    it) into a TalentDesk database that exists: (CPU seconds, wall seconds, people created,
    CPU seconds of creating that database first, not counted: the schema's migrations, ~1 s,
    are no part of an import)."""
    command = [sys.executable, "-m", "talentdesk", "--data-dir", str(data_dir)]
    created_cpu, _wall = _timed([*command, "info"])
    cpu, wall = _timed([*command, "import", str(path)])
    from talentdesk.paths import AppPaths

    con = sqlite3.connect(AppPaths(data_dir).database)
    (created,) = con.execute("SELECT count(*) FROM candidate").fetchone()
    con.close()
    return cpu, wall, int(created), created_cpu


def sqlite_utils_cpu(path: Path, database: Path) -> tuple[float, float] | None:
    """(CPU seconds, wall seconds) of sqlite-utils inserting the file and indexing the searched
    columns with triggers; None when sqlite-utils is not installed."""
    tool = shutil.which("sqlite-utils", path=str(Path(sys.executable).parent))
    if tool is None:
        return None
    cpu1, wall1 = _timed([tool, "insert", str(database), "people", str(path), "--csv"])
    cpu2, wall2 = _timed([tool, "enable-fts", str(database), "people", *SEARCHED,
                          "--create-triggers"])  # fmt: skip
    return cpu1 + cpu2, wall1 + wall2


def describe(figures: dict[str, float]) -> str:
    return json.dumps({k: round(v, 3) for k, v in figures.items()})
