"""Team mode's foundation on a real PostgreSQL server: the same migrations make the same schema as
on SQLite, a server database newer than the app or not TalentDesk's is refused untouched, reads
cannot write, writes go through the one write path, and the password is never logged."""

from __future__ import annotations

import logging
import warnings
from datetime import UTC
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, exc, inspect, text

from talentdesk.core.db.engine import make_engine
from talentdesk.core.db.migrate import create_schema, upgrade
from talentdesk.core.db.preflight import schema_head
from talentdesk.core.db.server import describe, make_server_engine
from talentdesk.core.errors import DatabaseTooNewError, TalentDeskError
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import TravelClock
from tests.pg_server import PASSWORD


def _shape(engine: Engine) -> dict[str, dict[str, Any]]:
    """Tables with their columns (name, nullable), primary key, unique constraints, foreign
    keys, check constraints and plain indexes, as SQLAlchemy reflects them on either dialect.
    Left out: SQLite's FTS5 search tables (no server counterpart yet), indexes a server reports
    for its unique constraints, expression indexes (SQLite's reflection skips them)."""
    found = inspect(engine)
    shape: dict[str, dict[str, Any]] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", exc.SAWarning)  # "skipped expression-based index"
        for table in found.get_table_names():
            if table.startswith("candidate_fts"):
                continue
            uniques = {u["name"] for u in found.get_unique_constraints(table)}
            shape[table] = {
                "columns": sorted((c["name"], c["nullable"]) for c in found.get_columns(table)),
                "primary key": found.get_pk_constraint(table)["constrained_columns"],
                "unique": sorted(uniques),
                "foreign keys": sorted(
                    (
                        tuple(f["constrained_columns"]),
                        f["referred_table"],
                        tuple(f["referred_columns"]),
                        (f.get("options") or {}).get("ondelete"),
                    )
                    for f in found.get_foreign_keys(table)
                ),
                # A batch copy on SQLite renamed some "ck_<table>_<name>" to "<name>".
                "checks": sorted(
                    str(c["name"]).removeprefix(f"ck_{table}_")
                    for c in found.get_check_constraints(table)
                ),
                "indexes": sorted(
                    (i["name"], bool(i["unique"]))
                    for i in found.get_indexes(table)
                    if i["name"] not in uniques and None not in i["column_names"]
                ),
            }
    return shape


def _sqlite_upgraded(tmp_path: Path) -> dict[str, dict[str, Any]]:
    engine = make_engine(tmp_path / "local.sqlite3")
    try:
        with engine.begin() as connection:
            upgrade(connection)
        return _shape(engine)
    finally:
        engine.dispose()


def test_the_migrations_make_the_same_schema_on_a_server_as_on_sqlite(
    pg_url: str, tmp_path: Path
) -> None:
    engine = make_server_engine(pg_url)
    try:
        with engine.begin() as connection:
            upgrade(connection)
        on_server = _shape(engine)
        with engine.connect() as connection:
            head = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()
    on_sqlite = _sqlite_upgraded(tmp_path)
    assert set(on_server) == set(on_sqlite)
    for table, parts in on_sqlite.items():
        assert on_server[table] == parts, table
    assert head == schema_head()


def test_a_new_server_database_gets_the_schema_the_migrations_make(
    postgres: Any, pg_url: str
) -> None:
    migrated = postgres.create_database()
    try:
        created_engine = make_server_engine(pg_url)
        migrated_engine = make_server_engine(postgres.url(migrated))
        with created_engine.begin() as connection:
            create_schema(connection)  # what opening an empty team database does
        with migrated_engine.begin() as connection:
            upgrade(connection)
        assert _shape(created_engine) == _shape(migrated_engine)
        created_engine.dispose()
        migrated_engine.dispose()
    finally:
        postgres.drop_database(migrated)


def _open(paths: AppPaths, url: str) -> Workspace:
    return Workspace.open(paths.with_database_url(url), TravelClock(), tz=UTC)


def test_a_server_database_newer_than_the_app_is_refused_untouched(
    paths: AppPaths, pg_url: str
) -> None:
    _open(paths, pg_url).close()
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(DatabaseTooNewError) as caught:
        _open(paths, pg_url)
    assert "written by a newer version of TalentDesk (schema 9999_future)" in caught.value.message
    assert caught.value.message.startswith(describe(pg_url))
    assert "left untouched" in caught.value.hint
    with engine.connect() as connection:
        kept = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
    assert kept == "9999_future"


def test_a_server_database_with_other_tables_is_refused_untouched(
    paths: AppPaths, pg_url: str
) -> None:
    engine = create_engine(pg_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id integer)"))
    with pytest.raises(TalentDeskError, match="not a TalentDesk database"):
        _open(paths, pg_url)
    tables = inspect(engine).get_table_names()
    engine.dispose()
    assert tables == ["invoices"]


def test_a_candidate_saved_on_the_server_is_there_for_another_connection(
    paths: AppPaths, pg_url: str
) -> None:
    ws = _open(paths, pg_url)
    try:
        saved = ws.candidates.create(CandidateRecord(first_name="Łukasz", last_name="Nowak"))
        assert ws.candidates.get(saved).first_name == "Łukasz"
    finally:
        ws.close()
    engine = create_engine(pg_url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT first_name, last_name FROM candidate")).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [("Łukasz", "Nowak")]
    assert not paths.database.exists()  # no local file was made


def test_reads_cannot_write_on_the_server(paths: AppPaths, pg_url: str) -> None:
    ws = _open(paths, pg_url)
    try:
        with ws.db.sessions() as session, pytest.raises(exc.InternalError, match="read-only"):
            session.execute(text("INSERT INTO tag (category, name) VALUES ('skill', 'Java')"))
    finally:
        ws.close()


def test_the_password_is_never_logged_or_shown(
    paths: AppPaths, pg_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    assert PASSWORD.replace(" ", "%20") in pg_url
    caplog.set_level(logging.DEBUG)
    ws = _open(paths, pg_url)
    try:
        ws.candidates.create(CandidateRecord(first_name="Anna", last_name="Kowalska"))
        assert ws.db.url is not None and "***" in ws.db.url
    finally:
        ws.close()
    wrong = pg_url.replace("%20", "-wrong%20", 1)
    with pytest.raises(TalentDeskError) as caught:
        _open(paths, wrong)
    shown = f"{caught.value.message} {caught.value.hint}"
    assert "password" in shown
    for secret in (PASSWORD, PASSWORD.replace(" ", "%20"), "wrong"):
        assert secret not in caplog.text
        assert secret not in shown
    assert [p for p in paths.data_dir.rglob("*") if p.is_file() and _holds(p, PASSWORD)] == []


def _holds(path: Path, secret: str) -> bool:
    return secret.encode() in path.read_bytes()


def test_nothing_on_a_team_database_makes_a_local_sqlite_file(paths: AppPaths, pg_url: str) -> None:
    """The duplicates scan once read a SQLite file by the database's path: on a team database
    it reads the server, and no SQLite file appears in the data folder."""
    ws = _open(paths, pg_url)
    try:
        assert ws.duplicates.find().groups == ()
    finally:
        ws.close()
    assert not [p for p in paths.data_dir.rglob("*") if p.is_file() and p.suffix != ".log"]


def test_a_server_that_goes_away_is_an_error_in_words_not_a_bug(paths: AppPaths) -> None:
    from talentdesk.core.diagnose import ServerConnectionError
    from tests.pg_server import PostgresServer

    with PostgresServer() as server:  # one of its own: this test stops it
        url = server.url(server.create_database())
        ws = _open(paths, url)
        try:
            ws.candidates.create(CandidateRecord(first_name="Anna", last_name="Kowalska"))
            server.stop()
            with pytest.raises(ServerConnectionError) as caught:
                ws.candidates.create(CandidateRecord(first_name="Jan", last_name="Nowak"))
            assert "try again" in caught.value.hint
            assert PASSWORD not in f"{caught.value.message} {caught.value.hint}"
        finally:
            ws.close()


def _count(url: str, table: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
    finally:
        engine.dispose()


def test_writes_from_many_threads_take_turns_on_the_one_writer(
    paths: AppPaths, pg_url: str
) -> None:
    import threading

    ws = _open(paths, pg_url)
    threads_seen: set[str] = set()

    def add(n: int) -> None:
        for i in range(10):
            ws.candidates.create(CandidateRecord(f"T{n}-{i}", "Nowak"))
            ws.writer.run(lambda: threads_seen.add(threading.current_thread().name), label="where")

    try:
        workers = [threading.Thread(target=add, args=(n,)) for n in range(4)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        assert ws.candidates.count() == 40
    finally:
        ws.close()
    assert threads_seen == {"writer"}
    assert _count(pg_url, "candidate") == 40


def test_an_operation_on_the_server_is_all_or_nothing(paths: AppPaths, pg_url: str) -> None:
    from talentdesk.core.db.enums import InteractionKind
    from talentdesk.core.errors import NotFoundError

    ws = _open(paths, pg_url)
    try:

        def two_writes_then_a_failure() -> None:
            anna = ws.candidates.create(CandidateRecord("Anna", "Kowalska"))
            ws.pools.add_members(ws.pools.create("Backend"), [anna])
            ws.interactions.log(anna + 1000, InteractionKind.CALL, subject="nobody")

        with pytest.raises(NotFoundError):
            ws.writer.run(two_writes_then_a_failure, label="test")
        assert ws.candidates.count() == 0
    finally:
        ws.close()
    assert (_count(pg_url, "candidate"), _count(pg_url, "pool")) == (0, 0)


def test_the_latest_contact_is_kept_by_the_servers_trigger(paths: AppPaths, pg_url: str) -> None:
    from datetime import timedelta

    from talentdesk.core.db.enums import InteractionKind
    from tests.conftest import START

    ws = _open(paths, pg_url)
    try:
        anna = ws.candidates.create(CandidateRecord("Anna", "Kowalska"))
        call = ws.interactions.log(anna, InteractionKind.CALL, START - timedelta(days=3), "a")
        ws.interactions.log(anna, InteractionKind.EMAIL_OUT, START - timedelta(days=9), "b")
        ws.interactions.log(anna, InteractionKind.NOTE, START - timedelta(days=1), body="x")
        assert ws.candidates.get(anna).last_contact_at == START - timedelta(days=3)
        ws.interactions.delete(call)  # back to the e-mail; a note is not a contact
        assert ws.candidates.get(anna).last_contact_at == START - timedelta(days=9)
    finally:
        ws.close()
