"""Every metrics figure, with the people behind each number, dumped as JSON for a few filters
over the benchmark database at a fixed moment: run it before and after a change to the metrics
code and compare the files (`cmp`); they must be byte-identical.

    .venv/bin/python bench/metrics_dump.py OUT.json [--candidates 100000]

Team mode: `--database URL` dumps the figures of a team database instead (the benchmark
database copied there with `talentdesk migrate-to URL`); the file must equal the local one's.
`--sqlite FILE` dumps another local file.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from metrics_data import metrics_folder  # noqa: E402

from talentdesk.core.db.reader import ReadConnection, open_reader  # noqa: E402
from talentdesk.core.db.server_reader import open_server_reader  # noqa: E402
from talentdesk.core.metrics import Filters, Metrics  # noqa: E402
from talentdesk.core.metrics.model import FIGURES  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--applications", type=int, default=40_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--database", metavar="URL", help="a team database (PostgreSQL)")
    parser.add_argument("--sqlite", type=Path, metavar="FILE", help="another local database")
    args = parser.parse_args()
    reader: ReadConnection
    if args.database:
        reader = open_server_reader(args.database)
    elif args.sqlite:
        reader = open_reader(args.sqlite, True)
    else:
        folder = metrics_folder(args.candidates, args.applications, args.messages)
        reader = open_reader(folder / "talentdesk.sqlite3", True)
    now = datetime.now(UTC).replace(hour=15, minute=30, second=0, microsecond=0)
    pool = reader.execute("SELECT min(pool_id) FROM pool_membership").fetchone()[0]
    vacancy = reader.execute("SELECT min(vacancy_id) FROM application").fetchone()[0]
    today = now.date()
    filters = {
        "all": Filters(),
        "pool": Filters(pool_id=pool),
        "vacancy": Filters(vacancy_id=vacancy),
        "range": Filters(start=date(today.year - 1, 1, 1), end=today.replace(day=1)),
        "year": Filters(start=date(today.year - 2, 3, 7), end=today),
    }
    dumped: dict[str, object] = {"now": now.isoformat()}
    for name, chosen in filters.items():
        metrics = Metrics(reader, lambda: now)  # a memo of its own per filter set
        dumped[name] = [dataclasses.asdict(metrics.figure(key, chosen)) for key, _ in FIGURES]
    reader.close()
    args.out.write_text(json.dumps(dumped, default=list, sort_keys=True, indent=0))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
