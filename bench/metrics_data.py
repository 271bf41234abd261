"""The metrics benchmark's database: bench/lists.py's (100,000 demo candidates, ~1,000,000
interactions, applications with stage history), plus keep-in-touch cadences on half the pools
and 100,000 outbox messages in bulk sends of about a hundred, added with executemany to a
cached copy."""

from __future__ import annotations

import random
import shutil
import sqlite3
import sys
import time
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from lists import lists_folder  # noqa: E402

from talentdesk.core.clock import utcnow  # noqa: E402
from talentdesk.core.db.datetimes import to_db  # noqa: E402
from talentdesk.core.db.migrate import head_revision  # noqa: E402

VERSION = 2  # of the data added below (a change makes a new cached copy)
# What the sends were: a subject as each starter template renders it (None: the recruiter's
# own words), and how often.
SUBJECTS = (("Catching up, {first}", "Check-in", 5),
            ("{pool}: a short market update", "Market update", 3),
            ("Your interview for {role}", "Feedback after interview", 1),
            ("Quick question", None, 1))  # fmt: skip
# Each sent message's reply, as the mailbox sync records it: the candidate's first e-mail
# received after it and before the next message sent to them.
REPLIED = (
    "WITH e AS (SELECT candidate_id AS cid, sent_at AS t, id AS mid FROM outbox_message"
    " WHERE status = 'sent' UNION ALL SELECT candidate_id, occurred_at, NULL FROM interaction"
    " WHERE kind = 'email_in'),"
    " g AS (SELECT cid, t, mid, count(mid) OVER (PARTITION BY cid ORDER BY t, mid IS NOT NULL"
    " ROWS UNBOUNDED PRECEDING) AS run FROM e),"
    " r AS (SELECT max(mid) AS mid, min(CASE WHEN mid IS NULL THEN t END) AS at FROM g"
    " WHERE run > 0 GROUP BY cid, run)"
    " UPDATE outbox_message SET replied_at = r.at FROM r"
    " WHERE r.mid = outbox_message.id AND r.at IS NOT NULL"
)


def _outbox(con: sqlite3.Connection, messages: int, per_send: int = 100) -> None:
    rng = random.Random(15)
    now = utcnow()
    people = con.execute("SELECT id, first_name, email FROM candidate").fetchall()
    pools = con.execute("SELECT id, name FROM pool").fetchall()
    roles = [r[0] for r in con.execute("SELECT title FROM vacancy")]
    rows: list[tuple[object, ...]] = []
    while len(rows) < messages:
        queued = now - timedelta(minutes=rng.randint(0, 730 * 24 * 60))
        subject, template, _ = rng.choices(SUBJECTS, weights=[w for *_, w in SUBJECTS])[0]
        pool_id, pool = rng.choice(pools) if rng.random() < 0.7 else (None, "")
        feedback = int(subject.startswith("Your interview") and rng.random() < 0.5)
        role = rng.choice(roles)
        for n, (cid, first, email) in enumerate(rng.sample(people, per_send)):
            sent = queued + timedelta(seconds=2 * n)
            status = rng.choices(("sent", "failed", "queued"), weights=(90, 5, 5))[0]
            rows.append((
                cid, pool_id, feedback, first, email or "x@example.com",
                subject.format(first=first, pool=pool, role=role), template, "…", status, 1,
                to_db(queued), to_db(queued), to_db(sent) if status == "sent" else None,
            ))  # fmt: skip
    con.executemany(
        "INSERT INTO outbox_message (candidate_id, pool_id, is_feedback, to_name, to_address,"
        " subject, template_name, body_text, status, attempts, next_attempt_at, created_at,"
        " sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows[:messages],
    )
    con.execute(REPLIED)


def metrics_folder(candidates: int, applications: int, messages: int) -> Path:
    """Built once and cached, as bench/lists.py caches its own."""
    name = f"metrics-{VERSION}-{candidates}-{applications}-{messages}-{head_revision()}"
    folder = HERE / ".cache" / name
    database = folder / "talentdesk.sqlite3"
    if database.exists():
        return folder
    base = lists_folder(candidates, applications)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copy(base / "talentdesk.sqlite3", folder / "building.sqlite3")
    started = time.perf_counter()
    con = sqlite3.connect(folder / "building.sqlite3", isolation_level=None)
    con.execute("BEGIN")
    con.execute("UPDATE pool SET cadence_days = 30 + 30 * (id % 3) WHERE id % 2 = 0")
    _outbox(con, messages)
    con.execute("COMMIT")
    con.close()
    (folder / "building.sqlite3").rename(database)
    print(f"added {messages:,} outbox messages in {time.perf_counter() - started:.1f} s")
    return folder
