"""What the tests of sample and demo data share: a fresh database file, plain SQL reads, and the
checks that the search index and last-contact columns are what the triggers would build."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from talentdesk.core.db.migrate import Database, open_database
from tests.conftest import written_outside

NOW = datetime(2026, 3, 10, 10, 15, 30, tzinfo=UTC)
SAMPLE_POOLS = {"Kraków Java seniors", "Berlin data engineers", "London product managers"}
DB_TEXT = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$")


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "t.sqlite3")
    yield database
    database.close()


def rows(db: Database, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with db.engine.connect() as conn:
        return [tuple(row) for row in conn.exec_driver_sql(sql, params)]


def scalar(db: Database, sql: str, params: tuple[Any, ...] = ()) -> Any:
    return rows(db, sql, params)[0][0]


def last_contact_mismatches(db: Database) -> list[tuple[Any, ...]]:
    """Candidates whose last_contact_at is not the newest non-note interaction."""
    return rows(
        db,
        """
        SELECT c.id, c.last_contact_at, agg.newest FROM candidate c
        LEFT JOIN (SELECT candidate_id, max(occurred_at) AS newest FROM interaction
                   WHERE kind <> 'note' GROUP BY candidate_id) agg ON agg.candidate_id = c.id
        WHERE c.last_contact_at IS NOT agg.newest
        """,
    )


def fts_rows(db: Database) -> list[tuple[Any, ...]]:
    return rows(
        db,
        "SELECT c.id, f.name, f.email, f.title, f.company, f.city, f.tags, f.notes"
        " FROM candidate_fts f JOIN candidate c ON c.search_key = f.rowid ORDER BY c.id",
    )


def assert_fts_is_what_the_triggers_build(db: Database) -> None:
    """Every candidate has exactly one search row, equal to the one the update trigger rebuilds."""
    before = fts_rows(db)
    assert [r[0] for r in before] == [
        r[0] for r in rows(db, "SELECT id FROM candidate ORDER BY id")
    ]
    with written_outside(db.path) as conn:
        # Fires trg_candidate_fts_update for every candidate: each row rebuilt from scratch.
        conn.exec_driver_sql("UPDATE candidate SET first_name = first_name")
        conn.exec_driver_sql(
            "INSERT INTO candidate_fts(candidate_fts, rank) VALUES ('integrity-check', 1)"
        )
    assert fts_rows(db) == before


def trigger_names(db: Database) -> list[str]:
    return [
        r[0] for r in rows(db, "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY 1")
    ]
