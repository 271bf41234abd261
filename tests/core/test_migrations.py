"""The schema: migrations match the models, round-trip, and refuse what they cannot open."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text

from talentdesk.core.db import triggers
from talentdesk.core.db.base import Base
from talentdesk.core.db.engine import make_engine, set_foreign_keys
from talentdesk.core.db.migrate import (
    current_revision,
    downgrade,
    head_revision,
    open_database,
    upgrade,
)
from talentdesk.core.errors import (
    DatabaseTooNewError,
    DataDirNotWritableError,
    NotADatabaseError,
)
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import TravelClock, written_outside


def _extras(path: Path) -> dict[str, str]:
    """FTS table, triggers and indexes: Alembic cannot compare the FTS objects or the
    expression index on SQLite, so the two schemas are compared as SQLite stores them."""
    con = sqlite3.connect(path)
    try:
        return {
            name: sql
            for name, sql in con.execute(
                "SELECT name, sql FROM sqlite_master WHERE type IN ('trigger', 'index') "
                "OR name IN ('candidate_fts', 'candidate_search')"
            )
        }
    finally:
        con.close()


def _migrate(path: Path, *targets: str) -> None:
    engine = make_engine(path)
    with engine.connect() as conn:
        set_foreign_keys(conn, False)
        with conn.begin():
            for target in targets:
                if target == "base":
                    downgrade(conn, "base")
                else:
                    upgrade(conn, target)
    engine.dispose()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.filterwarnings("ignore:.*expression-based index:UserWarning")
@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_migrating_empty_to_head_matches_the_models(tmp_path: Path) -> None:
    migrated = tmp_path / "migrated.sqlite3"
    _migrate(migrated, "head")
    engine = make_engine(migrated)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": triggers.include_name})
        diff = compare_metadata(context, Base.metadata)
        assert current_revision(conn) == head_revision()
    engine.dispose()
    assert diff == []
    created = open_database(tmp_path / "created.sqlite3")
    created.close()
    assert _extras(migrated) == _extras(tmp_path / "created.sqlite3")
    assert "ix_reminder_open_due" in _extras(migrated)
    assert len(_extras(migrated)) > 30


def test_head_to_base_to_head_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "rt.sqlite3"
    _migrate(path, "head", "base")
    con = sqlite3.connect(path)
    left = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert left <= {"alembic_version"}
    _migrate(path, "head")
    db = open_database(path)
    with written_outside(db.path) as conn:
        conn.execute(
            text(
                "INSERT INTO candidate(first_name, last_name, relationship_kind, status,"
                " created_at, updated_at) VALUES ('Ola', 'Nowak', 'none', 'passive',"
                " '2026-01-01 00:00:00.000000', '2026-01-01 00:00:00.000000')"
            )
        )
        hits = conn.execute(
            text("SELECT rowid FROM candidate_fts WHERE candidate_fts MATCH 'nowa*'")
        ).all()
    db.close()
    assert len(hits) == 1


def test_a_new_database_is_stamped_at_head_and_reopens(ws: Workspace, paths: AppPaths) -> None:
    with ws.db.engine.connect() as conn:
        assert current_revision(conn) == head_revision()
    journal = ws.db.engine.connect().exec_driver_sql("PRAGMA journal_mode").scalar()
    assert journal == "wal"
    ws.close()
    again = Workspace.open(paths)
    assert again.candidates.count() == 0
    again.close()


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    db = open_database(path)
    with written_outside(db.path) as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    db.close()
    before = _sha(path)
    with pytest.raises(DatabaseTooNewError) as caught:
        open_database(path)
    assert "newer version" in caught.value.message
    assert "left untouched" in caught.value.hint
    assert _sha(path) == before


@pytest.mark.parametrize(
    "content",
    [b"this is a spreadsheet, not a database\n" * 100, bytes(range(256)) * 64],
    ids=["text", "binary"],
)
def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "talentdesk.sqlite3"
    path.write_bytes(content)
    with pytest.raises(NotADatabaseError) as caught:
        open_database(path)
    assert "not a TalentDesk database" in caught.value.message
    assert path.read_bytes() == content
    assert not (tmp_path / "talentdesk.sqlite3-wal").exists()


def test_a_foreign_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER)")
    con.commit()
    con.close()
    before = _sha(path)
    with pytest.raises(NotADatabaseError, match="no TalentDesk schema version"):
        open_database(path)
    assert _sha(path) == before


def test_a_data_folder_that_cannot_be_written_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(DataDirNotWritableError) as caught:
        Workspace.open(AppPaths(blocker / "data"))
    assert str(blocker / "data") in caught.value.message
    assert "--data-dir" in caught.value.hint
    assert blocker.read_text() == "not a folder"


def test_the_preflight_knows_the_same_revisions_as_alembic() -> None:
    from alembic.script import ScriptDirectory

    from talentdesk.core.db.migrate import alembic_config
    from talentdesk.core.db.preflight import known_revisions, schema_head

    script = ScriptDirectory.from_config(alembic_config())
    assert sorted(r.revision for r in script.walk_revisions()) == known_revisions()
    assert schema_head() == head_revision()


def test_an_up_to_date_database_opens_without_loading_sqlalchemy(paths: AppPaths) -> None:
    import subprocess
    import sys

    Workspace.open(paths).close()
    probe = (
        "import sys; from talentdesk.core.workspace import Workspace;"
        "from talentdesk.paths import AppPaths; from pathlib import Path;"
        f"ws = Workspace.open(AppPaths(Path({str(paths.data_dir)!r})));"
        "print(ws.reads.total_candidates(), 'sqlalchemy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "False"]


def test_backups_are_complete_copies_taken_while_the_database_is_open(
    ws: Workspace, paths: AppPaths
) -> None:
    from talentdesk.core.backups.make import backup_into
    from talentdesk.core.records import CandidateRecord

    ws.candidates.create(CandidateRecord(first_name="Anna", last_name="Kowalska"))
    copy = backup_into(paths.backups, paths.database, "test", ws.clock())
    assert copy.parent == paths.backups
    con = sqlite3.connect(copy)
    try:
        assert con.execute("SELECT first_name FROM candidate").fetchall() == [("Anna",)]
        hits = con.execute("SELECT rowid FROM candidate_fts WHERE candidate_fts MATCH 'kowal*'")
        assert len(hits.fetchall()) == 1
    finally:
        con.close()


def test_a_database_from_the_first_release_is_backed_up_and_upgraded_with_its_data(
    paths: AppPaths, clock: TravelClock
) -> None:
    from talentdesk.core.candidate_list import ListQuery
    from talentdesk.core.csvio import saved_mappings
    from talentdesk.core.db.enums import TagCategory
    from talentdesk.core.records import TagRef

    paths.ensure()
    _migrate(paths.database, "0001")
    # Written as the first release wrote it (the services now write columns it lacks).
    con = sqlite3.connect(paths.database)
    with con:
        con.execute(
            "INSERT INTO candidate (id, first_name, last_name, sort_name, email, city,"
            " relationship_kind, status, notes, created_at, updated_at) VALUES (1, 'Anna',"
            " 'Wiśniewska', 'anna wisniewska', 'anna@example.com', 'Kraków', 'none',"
            " 'passive', 'Met at a meetup', '2026-11-25 09:30:00.000000',"
            " '2026-11-25 09:30:00.000000')"
        )
        con.execute(
            "INSERT INTO candidate_email (candidate_id, email) VALUES (1, 'a.w@example.org')"
        )
        con.execute("INSERT INTO tag (id, name, category) VALUES (1, 'Java', 'skill')")
        con.execute("INSERT INTO candidate_tag (candidate_id, tag_id) VALUES (1, 1)")
    con.close()

    clock.advance(days=1)
    ws = Workspace.open(paths, clock)
    try:
        with ws.db.engine.connect() as conn:
            assert current_revision(conn) == head_revision()
        anna = ws.candidates.get(1)
        assert (anna.first_name, anna.email, anna.city, anna.notes) == (
            "Anna",
            "anna@example.com",
            "Kraków",
            "Met at a meetup",
        )
        assert anna.other_emails == ["a.w@example.org"]
        assert anna.tags == [TagRef(TagCategory.SKILL, "Java")]
        assert ws.listing.ids(ListQuery(search="wisniew krak")) == [1]
        saved_mappings.save(ws.db, "Agency", ["Mail"], ["email"], "auto", clock)
        assert [m.name for m in saved_mappings.list_mappings(ws.db)] == ["Agency"]
    finally:
        ws.close()

    [copy] = paths.backups.iterdir()
    assert copy.name == f"talentdesk-20261126-093000-before-{head_revision()}.sqlite3"
    con = sqlite3.connect(copy)
    try:
        assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        assert con.execute("SELECT first_name, city FROM candidate").fetchall() == [
            ("Anna", "Kraków")
        ]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "import_mapping" not in tables
    finally:
        con.close()


def test_reminders_already_due_before_0003_count_as_announced(tmp_path: Path) -> None:
    """The first start after the upgrade must not announce the whole past in the tray."""
    path = tmp_path / "old.sqlite3"
    _migrate(path, "0002")
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO candidate(id, first_name, last_name, relationship_kind, status, created_at,"
        " updated_at) VALUES (1, 'Ola', 'Nowak', 'none', 'passive', '2020-01-01 00:00:00.000000',"
        " '2020-01-01 00:00:00.000000')"
    )
    for rid, due in ((1, "2020-02-01 09:00:00.000000"), (2, "2999-01-01 09:00:00.000000")):
        con.execute(
            "INSERT INTO reminder(id, candidate_id, due_at, kind, created_at)"
            " VALUES (?, 1, ?, 'follow_up', '2020-01-01 00:00:00.000000')",
            (rid, due),
        )
    con.commit()
    con.close()
    _migrate(path, "head")
    con = sqlite3.connect(path)
    rows = con.execute("SELECT id, origin, notified_at IS NOT NULL FROM reminder ORDER BY id")
    assert rows.fetchall() == [(1, "manual", 1), (2, "manual", 0)]
    con.close()
