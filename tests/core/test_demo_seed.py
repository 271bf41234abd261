"""Bulk demo seeding (seed_demo), against a real SQLite file."""

from __future__ import annotations

import pytest

from talentdesk.core.db.datetimes import to_db
from talentdesk.core.db.enums import DEFAULT_STAGES
from talentdesk.core.db.migrate import Database
from talentdesk.core.demo import SeedSummary, load_sample_data, seed, seed_demo
from talentdesk.core.search import fts_query
from tests.core.demo_helpers import (
    DB_TEXT,
    NOW,
    assert_fts_is_what_the_triggers_build,
    db,
    fts_rows,
    last_contact_mismatches,
    rows,
    scalar,
    trigger_names,
)

__all__ = ["db"]  # the fixture, used by name


# --------------------------------------------------------------------------- bulk demo data


def test_seed_demo_counts(db: Database) -> None:
    calls: list[tuple[int, int]] = []
    summary = seed_demo(db, 1000, NOW, progress=lambda done, total: calls.append((done, total)))

    interactions = scalar(db, "SELECT count(*) FROM interaction")
    assert summary == SeedSummary(
        candidates=1000,
        interactions=interactions,
        reminders=1000,
        tag_links=scalar(db, "SELECT count(*) FROM candidate_tag"),
        memberships=scalar(db, "SELECT count(*) FROM pool_membership"),
    )
    assert scalar(db, "SELECT count(*) FROM candidate") == 1000
    assert 9500 <= interactions <= 10500
    assert scalar(db, "SELECT count(*) FROM reminder") == 1000
    assert scalar(db, "SELECT count(DISTINCT candidate_id) FROM reminder") == 1000
    per_candidate = rows(
        db, "SELECT min(n), max(n) FROM (SELECT count(*) n FROM interaction GROUP BY candidate_id)"
    )
    assert per_candidate == [(8, 12)]
    tags = rows(
        db,
        "SELECT min(n), max(n) FROM (SELECT count(*) n FROM candidate_tag GROUP BY candidate_id)",
    )
    assert tags == [(2, 4)]
    assert scalar(db, "SELECT count(DISTINCT tag_id) FROM candidate_tag") >= 55
    pools = rows(
        db,
        "SELECT min(n), max(n), count(*) FROM "
        "(SELECT count(*) n FROM pool_membership GROUP BY candidate_id)",
    )
    assert pools == [(1, 2, 1000)]
    assert scalar(db, "SELECT count(*) FROM pool") == 6
    assert scalar(db, "SELECT count(*) FROM pool_stage") == 6 * len(DEFAULT_STAGES)
    assert calls == [(1000, 1000)]


def test_seed_demo_search_rows_and_last_contact(db: Database) -> None:
    triggers_before = trigger_names(db)
    seed_demo(db, 1000, NOW)

    assert trigger_names(db) == triggers_before
    assert scalar(db, "SELECT count(*) FROM candidate_fts") == 1000
    people = rows(db, "SELECT id, last_name FROM candidate")
    tags: dict[int, list[str]] = {}
    for candidate_id, name in rows(
        db, "SELECT ct.candidate_id, t.name FROM candidate_tag ct JOIN tag t ON t.id = ct.tag_id"
    ):
        tags.setdefault(candidate_id, []).append(name)
    with db.engine.connect() as conn:
        for candidate_id, last_name in people:
            # Queried the way the app does (fts_query folds what unicode61 leaves, like Ł).
            queries = [f"name : ({fts_query(last_name)})"]
            queries += [f"tags : ({fts_query(tag)})" for tag in tags[candidate_id]]
            for query in queries:
                hit = conn.exec_driver_sql(
                    "SELECT count(*) FROM candidate_fts WHERE rowid ="
                    " (SELECT search_key FROM candidate WHERE id = ?) AND candidate_fts MATCH ?",
                    (candidate_id, query),
                ).scalar()
                assert hit == 1, (candidate_id, query)
    assert_fts_is_what_the_triggers_build(db)

    assert last_contact_mismatches(db) == []
    assert scalar(db, "SELECT count(*) FROM candidate WHERE last_contact_at IS NOT NULL") > 990


def test_seed_demo_stores_canonical_datetimes(db: Database) -> None:
    seed_demo(db, 200, NOW)

    stamps = [
        value
        for table, column in [
            ("interaction", "occurred_at"),
            ("interaction", "created_at"),
            ("reminder", "due_at"),
            ("candidate", "created_at"),
            ("candidate", "last_contact_at"),
            ("pool_membership", "added_at"),
        ]
        for (value,) in rows(db, f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL")
    ]
    assert all(DB_TEXT.fullmatch(v) for v in stamps)
    assert max(v for (v,) in rows(db, "SELECT occurred_at FROM interaction")) <= to_db(NOW)
    due = rows(db, "SELECT min(due_at), max(due_at) FROM reminder")[0]
    assert due[0] < to_db(NOW) < due[1]
    kinds = {kind for (kind,) in rows(db, "SELECT DISTINCT kind FROM interaction")}
    assert kinds == {"email_out", "email_in", "call", "meeting", "message", "note", "feedback"}


def test_seed_demo_after_existing_data(db: Database) -> None:
    load_sample_data(db, NOW)
    sample_fts = fts_rows(db)
    seed_demo(db, 500, NOW)
    seed_demo(db, 300, NOW, rng_seed=2)

    assert scalar(db, "SELECT count(*) FROM candidate") == 36 + 800
    assert rows(db, "SELECT min(id), max(id) FROM candidate") == [(1, 836)]
    assert scalar(db, "SELECT count(*) FROM pool") == 3 + 6
    assert fts_rows(db)[:36] == sample_fts
    assert last_contact_mismatches(db) == []
    assert_fts_is_what_the_triggers_build(db)


def test_seed_demo_is_all_or_nothing(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(seed, "_BATCH", 100)
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        calls.append((done, total))
        if done == 300:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        seed_demo(db, 1000, NOW, progress=progress)

    assert calls == [(100, 1000), (200, 1000), (300, 1000)]
    for table in ("candidate", "candidate_fts", "interaction", "reminder", "tag", "pool"):
        assert scalar(db, f"SELECT count(*) FROM {table}") == 0, table
    # The connection went back to the pool in a usable state, foreign keys enforced again.
    summary = seed_demo(db, 250, NOW)
    assert summary.candidates == scalar(db, "SELECT count(*) FROM candidate") == 250
    assert rows(db, "PRAGMA foreign_key_check") == []
    assert scalar(db, "PRAGMA foreign_keys") == 1
    assert scalar(db, "PRAGMA defer_foreign_keys") == 0
