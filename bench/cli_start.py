"""How fast the read-only commands start: each beside a `python -c` that opens the same
database with sqlite3 and runs that command's main query, measured in the same run (median
of several). Target: `talentdesk info` at most 2x its baseline (counting the same tables).
`lists` is printed twice: beside reading the saved lists, and beside also counting each in
SQL as the command does (over 1,000,000 candidates a count is most of its time).

    .venv/bin/python bench/cli_start.py [--candidates 1000000] [--runs 7]

The database is bench/big_database.py's, cached in bench/.cache. `due` is measured on an
empty database (its start-up; bench/due_stream.py times 552,000 due reminders), the others
on the big one. Also printed: whether each command loaded SQLAlchemy or Alembic.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from big_database import data_folder, empty_folder  # noqa: E402

COUNT_TABLES = (
    "import sqlite3, sys; con = sqlite3.connect(sys.argv[1]);"
    "print([con.execute(f'SELECT count(*) FROM {t}').fetchone()[0]"
    " for t in ('candidate', 'pool', 'interaction', 'reminder')])"
)
FTS_PAGE = (
    "import sqlite3, sys; con = sqlite3.connect(sys.argv[1]);"
    'print(len(con.execute("SELECT c.id, c.first_name, c.last_name, c.city FROM candidate c'
    " WHERE c.search_key IN (SELECT rowid FROM candidate_fts WHERE candidate_fts MATCH 'anna*')"
    ' ORDER BY c.sort_name LIMIT 50").fetchall()))'
)
SAVED_LISTS = (
    "import sqlite3, sys; con = sqlite3.connect(sys.argv[1]);"
    "print(con.execute('SELECT id, name, filter FROM saved_list').fetchall())"
)
LIST_COUNTS = (
    "import json, sqlite3, sys; con = sqlite3.connect(sys.argv[1]);"
    "print(con.execute('SELECT id, name, filter FROM saved_list').fetchall(),"
    " [con.execute(sql, params).fetchone()[0] for sql, params in json.loads(sys.argv[2])])"
)
DUE_QUERY = (
    "import sqlite3, sys; con = sqlite3.connect(sys.argv[1]);"
    "print(con.execute('SELECT r.id, c.first_name FROM reminder r JOIN candidate c"
    " ON c.id = r.candidate_id WHERE r.done_at IS NULL').fetchall())"
)
LOADED = (
    "import sys; from talentdesk.cli import main; main(sys.argv[1:]); sys.stdout.flush();"
    "print(*[m for m in ('sqlalchemy', 'alembic') if m in sys.modules] or ['neither'],"
    " file=sys.stderr)"
)


# As installed (pip compiles the modules): PYTHONDONTWRITEBYTECODE would compile every module
# on every start, which no user's run does.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def median_s(command: list[str], runs: int) -> float:
    subprocess.run(command, check=True, capture_output=True, env=ENV)  # writes the bytecode
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=ENV)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def loaded(data_dir: Path, args: list[str]) -> str:
    command = [sys.executable, "-c", LOADED, "--data-dir", str(data_dir), *args]
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=ENV)
    return done.stderr.strip().splitlines()[-1]


def list_counts(database: Path) -> str:
    """The SQL `talentdesk lists` counts each saved list with (as core/lists/query.py's
    count_parts builds it), as JSON for the baseline."""
    import json
    import sqlite3

    from talentdesk.core.clock import utcnow
    from talentdesk.core.lists.filters import Filter
    from talentdesk.core.lists.parts import id_set, joined
    from talentdesk.core.lists.sql import parts

    con = sqlite3.connect(database)
    found = []
    for (stored,) in con.execute("SELECT filter FROM saved_list"):
        made = parts(Filter.from_json(json.loads(stored)), utcnow())
        compound = id_set(made)
        if compound is not None:
            found.append([f"SELECT count(*) FROM ({compound[0]})", compound[1]])
        else:
            where, params = joined(made)
            found.append([f"SELECT count(*) FROM candidate c WHERE {where}", params])
    con.close()
    return json.dumps(found, default=str)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    folder, built = data_folder(args.candidates)
    if built is not None:
        print(f"built the {args.candidates:,}-candidate database in {built:.0f} s")
    empty = empty_folder(folder.parent)
    cases = (
        ("info", folder, ["info"], COUNT_TABLES, "count the same 4 tables"),
        ("search anna", folder, ["search", "anna"], FTS_PAGE, "FTS match, first 50 by name"),
        ("lists", folder, ["lists"], SAVED_LISTS, "read the saved lists"),
        ("lists", folder, ["lists"], LIST_COUNTS, "read and count them in SQL"),
        ("due (empty db)", empty, ["due"], DUE_QUERY, "the open reminders"),
    )
    print(f"start-up over {args.candidates:,} candidates, median of {args.runs} runs")
    cli = [sys.executable, "-m", "talentdesk", "--data-dir"]
    for name, data_dir, command, baseline, what in cases:
        database = str(data_dir / "talentdesk.sqlite3")
        ours = median_s([*cli, str(data_dir), *command], args.runs)
        extra = [list_counts(Path(database))] if baseline is LIST_COUNTS else []
        base = median_s([sys.executable, "-c", baseline, database, *extra], args.runs)
        modules = loaded(data_dir, command)
        print(
            f"  talentdesk {name:<15} {ours * 1000:7.0f} ms   python -c sqlite3 ({what})"
            f" {base * 1000:6.0f} ms   {ours / base:5.2f}x   loads: {modules}"
        )
    print("  target: info <= 2x its baseline; lists and due within ~2x too")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
