"""`migrate-to`: the local database copied into an empty team database in one transaction, with
every row, id and value, counts checked; a database that is not empty refused; the local file
left as it was."""

from __future__ import annotations

import hashlib
from datetime import UTC, time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text

from talentdesk.core import settings
from talentdesk.core.db import models
from talentdesk.core.db.engine import make_engine
from talentdesk.core.demo import load_sample_data
from talentdesk.core.records import CandidateRecord
from talentdesk.core.team.migrate_to import (
    MoveCancelledError,
    ServerNotEmptyError,
    local_counts,
    migrate_to,
)
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import START, TravelClock


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _rows(url: str, table_name: str) -> list[tuple[Any, ...]]:
    table = models.Base.metadata.tables[table_name]
    engine = make_engine(Path(url)) if not url.startswith("postgresql") else create_engine(url)
    try:
        with engine.connect() as connection:
            order = list(table.primary_key.columns)
            return [tuple(r) for r in connection.execute(select(table).order_by(*order))]
    finally:
        engine.dispose()


@pytest.fixture
def local(paths: AppPaths) -> Path:
    """A local database with a bit of everything (the sample data), and a referral."""
    ws = Workspace.open(paths, TravelClock(), tz=UTC)
    try:
        load_sample_data(ws.db, START, tz=UTC)
        first = ws.candidates.create(CandidateRecord(first_name="Zofia", last_name="Wrona"))
        referrer = ws.candidates.create(CandidateRecord(first_name="Adam", last_name="Nowak"))
        record = ws.candidates.get(first)
        record.referred_by_id = referrer  # a later id: copied after every candidate
        ws.candidates.update(first, record)
        store = ws.settings_store()  # JSON values: a time as text, a number, a boolean
        store.set(settings.WORK_DAY_START, time(8, 30))
        store.set(settings.BIRTHDAY_DAYS_BEFORE, 3)
        store.set(settings.CLOSE_TO_TRAY, False)
    finally:
        ws.close()
    return paths.database


def test_everything_is_copied_with_its_ids_and_values(local: Path, pg_url: str) -> None:
    before = _sha(local)
    seen: list[tuple[str, int, int]] = []
    copied = migrate_to(local, pg_url, lambda t, done, total: seen.append((t, done, total)))
    assert _sha(local) == before
    assert copied.counts["candidate"] > 10
    assert copied.counts["interaction"] > 10
    assert copied.counts["app_setting"] == 3
    for table in models.Base.metadata.sorted_tables:
        assert _rows(pg_url, table.name) == _rows(str(local), table.name), table.name
    assert ("candidate", copied.counts["candidate"], copied.counts["candidate"]) in seen


def test_the_copy_is_a_working_team_database(local: Path, pg_url: str, tmp_path: Path) -> None:
    migrate_to(local, pg_url)
    ws = Workspace.open(AppPaths(tmp_path / "team", pg_url), TravelClock(), tz=UTC)
    try:
        new = ws.candidates.create(CandidateRecord(first_name="Ewa", last_name="Lis"))
        assert ws.candidates.get(new).last_name == "Lis"
        assert ws.search_ids("lis ewa") == [new]
        on_server = {words: ws.search_ids(words) for words in ("a", "krakow", "kow", "zofia")}
    finally:
        ws.close()
    ws = Workspace.open(AppPaths(local.parent), TravelClock(), tz=UTC)
    try:  # the copied people are found by the same words as in the local file
        assert on_server == {words: ws.search_ids(words) for words in on_server}
        assert on_server["zofia"]
    finally:
        ws.close()
    assert new > max(row[0] for row in _rows(str(local), "candidate"))


def test_a_database_that_is_not_empty_is_refused_and_left_alone(local: Path, pg_url: str) -> None:
    migrate_to(local, pg_url)
    engine = create_engine(pg_url)
    with engine.connect() as connection:
        count = connection.execute(text("SELECT count(*) FROM candidate")).scalar_one()
    with pytest.raises(ServerNotEmptyError):
        migrate_to(local, pg_url)
    with engine.connect() as connection:
        again = connection.execute(text("SELECT count(*) FROM candidate")).scalar_one()
    engine.dispose()
    assert again == count


def test_a_cancelled_move_leaves_the_server_database_empty(local: Path, pg_url: str) -> None:
    before = _sha(local)
    counts = local_counts(local)
    assert counts["candidate"] > 10 and list(counts) == [
        t.name for t in models.Base.metadata.sorted_tables
    ]
    seen: list[str] = []

    def cancelled() -> bool:  # the user presses Cancel once the interactions are under way
        return "interaction" in seen

    with pytest.raises(MoveCancelledError):
        migrate_to(local, pg_url, lambda table, _d, _t: seen.append(table), cancelled)
    engine = create_engine(pg_url)
    with engine.connect() as connection:
        tables = connection.execute(
            text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        ).scalar_one()
    engine.dispose()
    assert tables == 0 and "candidate" in seen
    assert _sha(local) == before
    assert migrate_to(local, pg_url).counts == counts  # and it may be tried again
