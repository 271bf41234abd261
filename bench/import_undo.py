"""Undoing a large import (issue 17): `ws.imports.undo` (the touched-since check and the
deletes, one transaction) against a baseline measured in the same run on a copy of the same
database: every trigger dropped, then a plain `DELETE FROM candidate WHERE id IN (SELECT …
import_person …)` with foreign keys on (the cascades delete their e-mails, tags, memberships,
consent and links), committed.

The database (cached in bench/.cache, keyed by the schema's revision) holds 20,000 people
imported earlier and then the import undone, of `--rows` people with e-mails, three tags
each, a pool membership and a consent record each.

    .venv/bin/python bench/import_undo.py [--rows 20000 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from talentdesk.core.db.migrate import head_revision  # noqa: E402

OTHERS = 20_000
SKILLS = ("Java", "Python", "Kubernetes", "SQL", "React", "Go", "AWS", "Spark", "Kafka")
HEADER = ("First Name", "Last Name", "Email", "Company", "City", "Skills")


def write_file(path: Path, rows: int, prefix: str) -> None:
    rng = random.Random(len(prefix) + rows)
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for i in range(rows):
            out.writerow((
                rng.choice(("Anna", "Łukasz", "Maria", "Tomasz", "Zofia")),
                rng.choice(("Kowalska", "Nowak", "Müller", "Smith")),
                f"{prefix}{i}@example.com", f"Company {i % 500}",
                rng.choice(("Kraków", "Berlin")), ", ".join(rng.sample(SKILLS, 3)),
            ))  # fmt: skip


def _import(ws: object, path: Path, pool_id: int | None) -> int:
    from talentdesk.core.csvio.importer import run_import
    from talentdesk.core.csvio.mapping import guess_mapping
    from talentdesk.core.csvio.options import ImportConsent, ImportOptions
    from talentdesk.core.csvio.reader import sniff

    layout = sniff(path)
    options = ImportOptions(
        guess_mapping(layout.header), consent=ImportConsent(source=path.name), pool_id=pool_id
    )
    report = run_import(ws.db, path, layout, options, ws.clock)  # type: ignore[attr-defined]
    assert report.import_id is not None
    return report.import_id


def cached(rows: int) -> Path:
    """A data folder whose last import (of `rows` people) is the one to undo."""
    from talentdesk.core.workspace import Workspace
    from talentdesk.paths import AppPaths

    folder = HERE / ".cache" / f"import-undo-{rows}-{head_revision()}"
    if (folder / "done").exists():
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    ws = Workspace.open(AppPaths(folder))
    pool = ws.pools.create("Imported")
    write_file(folder / "others.csv", OTHERS, "other")
    _import(ws, folder / "others.csv", None)
    write_file(folder / "people.csv", rows, "person")
    _import(ws, folder / "people.csv", pool)
    ws.close()
    (folder / "done").write_text("")
    print(f"built: {OTHERS:,} + {rows:,} imported in {time.perf_counter() - started:.1f} s")
    return folder


def _copy(source: Path, to: Path) -> Path:
    to.mkdir()
    for name in ("talentdesk.sqlite3",):
        shutil.copyfile(source / name, to / name)
    return to


def undo_once(source: Path, scratch: Path) -> tuple[float, int]:
    from talentdesk.core.workspace import Workspace
    from talentdesk.paths import AppPaths

    ws = Workspace.open(AppPaths(_copy(source, scratch)))
    try:
        ws.warm_up()
        import_id = ws.imports.history()[0].id
        started = time.perf_counter()
        result = ws.imports.undo(import_id)
        return time.perf_counter() - started, result.removed
    finally:
        ws.close()


def baseline_once(source: Path, scratch: Path) -> float:
    db = sqlite3.connect(_copy(source, scratch) / "talentdesk.sqlite3", isolation_level=None)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
            db.execute(f'DROP TRIGGER "{name}"')
        (import_id,) = db.execute("SELECT max(id) FROM import_record").fetchone()
        started = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        db.execute(
            "DELETE FROM candidate WHERE id IN (SELECT candidate_id FROM import_person"
            " WHERE import_id = ? AND created = 1)",
            (import_id,),
        )
        db.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for rows in args.rows:
        source = cached(rows)
        ours: list[float] = []
        base: list[float] = []
        with tempfile.TemporaryDirectory(prefix="talentdesk-bench-") as folder:
            for run in range(args.runs):
                took, removed = undo_once(source, Path(folder) / f"ours{run}")
                assert removed == rows, removed
                ours.append(took)
                base.append(baseline_once(source, Path(folder) / f"base{run}"))
                shutil.rmtree(Path(folder) / f"ours{run}")
                shutil.rmtree(Path(folder) / f"base{run}")
        ratios = [o / b for o, b in zip(ours, base, strict=True)]
        print(
            f"undo {rows:>7,}: {statistics.median(ours):6.2f} s (runs "
            + ", ".join(f"{o:.2f}" for o in ours)
            + f"), plain DELETE without triggers {statistics.median(base):5.2f} s;"
            f" ratio {statistics.median(ratios):.2f}x ("
            + ", ".join(f"{r:.2f}" for r in ratios)
            + ")"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
