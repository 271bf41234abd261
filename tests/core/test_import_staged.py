"""A staged import holds the write lock only while it moves its rows in: other writers go on
while its rows are read; a person another writer adds meanwhile is not imported twice; cancel
or an error while the rows move in leaves the database as it was; the stage file is private
and gone afterwards, however the import ends."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
import threading
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.csvio import bulk
from talentdesk.core.csvio.bulk import SUSPENDED_TRIGGERS
from talentdesk.core.csvio.importer import BATCH, ImportReport, run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions, OnDuplicate
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.csvio.server_move import SEARCH_TRIGGERS
from talentdesk.core.csvio.stage import stage_folder
from talentdesk.core.db.enums import TagCategory
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.workspace import Workspace
from tests.conftest import written_outside
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

MEANWHILE = "INSERT INTO tag (name, category) VALUES ('Meanwhile', 'custom')"
BOOM_SQLITE = (
    "CREATE TRIGGER boom BEFORE INSERT ON import_person BEGIN SELECT RAISE(ABORT, 'boom'); END",
)
BOOM_SERVER = (
    "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS"
    " $$ BEGIN RAISE EXCEPTION 'boom'; END $$",
    "CREATE TRIGGER boom BEFORE INSERT ON import_person FOR EACH ROW EXECUTE FUNCTION boom()",
)
ROWS = 3 * BATCH
LATE = ROWS - 10  # the row whose person another writer adds while the rows are read


def people(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as f:
        f.write("First Name,Last Name,Email,Company,City\n")
        for i in range(ROWS):
            f.write(f"Person{i},Nowak,p{i}@example.com,Company {i % 7},Kraków\n")
    return path


def imported(ws: Workspace, path: Path, **kw: object) -> ImportReport:
    layout = sniff(path)
    mode = kw.pop("on_duplicate", OnDuplicate.SKIP)
    tags = kw.pop("tags", ())
    options = ImportOptions(mapping=guess_mapping(layout.header), on_duplicate=mode, tags=tags)  # type: ignore[arg-type]
    return run_import(ws.db, path, layout, options, ws.clock, **kw)  # type: ignore[arg-type]


def state(ws: Workspace) -> dict[str, object]:
    """What an import writes, and whether the triggers it suspends are in place."""
    with written_outside(ws.paths.database) as con:
        tables = ("candidate", "candidate_email", "candidate_tag", "tag", "interaction")
        found: dict[str, object] = {
            t: con.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in tables
        }
        found["fts"] = con.execute(text("SELECT count(*) FROM candidate_fts")).scalar()
        if con.dialect.name == "sqlite":
            names = {n for (n,) in con.execute(text(TRIGGERS_SQLITE)) if n in SUSPENDED_TRIGGERS}
            found["triggers in place"] = names == set(SUSPENDED_TRIGGERS)
        else:
            names = {n for (n,) in con.execute(text(TRIGGERS_SERVER))}
            found["triggers in place"] = names >= {name for name, _table in SEARCH_TRIGGERS}
        return found


TRIGGERS_SQLITE = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
TRIGGERS_SERVER = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'"


def stage_files(ws: Workspace) -> list[Path]:
    folder = stage_folder(ws.db.path)
    return sorted(folder.iterdir()) if folder.exists() else []


def test_another_connection_writes_at_once_while_the_rows_are_read(
    ws: Workspace, tmp_path: Path
) -> None:
    path = people(tmp_path / "people.csv")
    outcome: list[str] = []
    modes: list[int] = []

    def progress(_rows: int) -> None:
        if outcome or ws.db.writer.on_write_path():
            return
        modes.extend(stat.S_IMODE(p.stat().st_mode) for p in stage_files(ws))
        modes.append(stat.S_IMODE(stage_folder(ws.db.path).stat().st_mode))
        if ws.on_server:  # a colleague, who would wait a second at most
            with written_outside(ws.paths.database) as server:
                server.execute(text("SET LOCAL lock_timeout = 1000"))
                server.execute(text(MEANWHILE))
            outcome.append("written")
            return
        # Another program, which does not wait at all for the lock.
        con = sqlite3.connect(ws.db.path, timeout=0, isolation_level=None)
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute(MEANWHILE)
            con.execute("COMMIT")
            outcome.append("written")
        except sqlite3.OperationalError as exc:
            outcome.append(str(exc))
        finally:
            con.close()

    report = imported(ws, path, progress=progress)

    assert outcome == ["written"]
    # The stage (and on a server the mirror beside it): private files in a private folder.
    assert modes == [0o600] * (2 if ws.on_server else 1) + [0o700]
    assert report.created == ROWS
    assert state(ws)["candidate"] == ROWS
    assert [t.name for t in ws.candidates.tag_names()] == ["Meanwhile"]
    assert stage_files(ws) == []


def test_a_save_on_another_thread_completes_while_the_rows_are_read(
    ws: Workspace, tmp_path: Path
) -> None:
    anna = ws.candidates.create(CandidateRecord(first_name="Anna", last_name="Lis"))
    path = people(tmp_path / "people.csv")
    reading, released = threading.Event(), threading.Event()
    released_in_time: list[bool] = []

    def progress(_rows: int) -> None:
        if not reading.is_set() and not ws.db.writer.on_write_path():
            reading.set()
            # Safety net only: the test releases the import as soon as its save is done.
            released_in_time.append(released.wait(timeout=60))

    reports: list[ImportReport] = []
    worker = threading.Thread(target=lambda: reports.append(imported(ws, path, progress=progress)))
    worker.start()
    try:
        assert reading.wait(timeout=60)
        record = ws.candidates.get(anna)
        ws.candidates.update(anna, CandidateRecord(first_name="Anna", last_name="Lis", city="Łódź"))
        released.set()
    finally:
        released.set()
        worker.join()
    assert released_in_time == [True]  # the save did not wait for the import
    assert record is not None and ws.candidates.get(anna).city == "Łódź"
    assert reports[0].created == ROWS


@pytest.mark.parametrize(
    ("mode", "in_memory"),
    [
        (OnDuplicate.SKIP, bulk.SEEN_IN_MEMORY),
        (OnDuplicate.FILL, bulk.SEEN_IN_MEMORY),
        (OnDuplicate.NEW, bulk.SEEN_IN_MEMORY),
        (OnDuplicate.FILL, 500),  # the file's keys partly in memory, partly in the stage
    ],
)
def test_a_person_added_while_the_rows_are_read_is_not_imported_twice(
    ws: Workspace,
    tmp_path: Path,
    mode: OnDuplicate,
    in_memory: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bulk, "SEEN_IN_MEMORY", in_memory)
    path = people(tmp_path / "people.csv")
    late = CandidateRecord(first_name="Late", last_name="Comer", email=f"P{LATE}@example.com")
    added: list[int] = []

    def progress(_rows: int) -> None:
        if not added and not ws.db.writer.on_write_path():
            added.append(ws.candidates.create(late))  # another writer, between the phases

    report = imported(ws, path, progress=progress, on_duplicate=mode)

    # What the import gives when that person was there before it began.
    other = Workspace.open(type(ws.paths)(tmp_path / "other"), ws.clock)
    try:
        other.candidates.create(late)
        expected = imported(other, path, on_duplicate=mode)
        assert (report.created, report.updated, report.skipped, report.rejected_count) == (
            expected.created,
            expected.updated,
            expected.skipped,
            expected.rejected_count,
        )
        assert state(ws) == state(other)
        assert ws.candidates.get(added[0]) == other.candidates.get(added[0])
    finally:
        other.close()
    with written_outside(ws.paths.database) as con:
        times = con.execute(
            text("SELECT count(*) FROM candidate WHERE lower(email) = :e"),
            {"e": f"p{LATE}@example.com"},
        ).scalar()
    assert times == (2 if mode is OnDuplicate.NEW else 1)
    assert stage_files(ws) == []


def test_cancel_while_the_rows_move_in_leaves_the_database_as_it_was(
    ws: Workspace, tmp_path: Path
) -> None:
    ws.candidates.create(CandidateRecord(first_name="Anna", last_name="Lis"))
    path = people(tmp_path / "people.csv")
    before = state(ws)
    moving = threading.Event()

    def progress(_rows: int) -> None:
        if ws.db.writer.on_write_path():  # the final step has begun, under the lock
            moving.set()

    report = imported(ws, path, progress=progress, cancelled=moving.is_set)

    assert moving.is_set() and report.cancelled
    assert (report.created, report.updated) == (0, 0)
    assert state(ws) == before
    assert stage_files(ws) == []


def test_an_error_while_the_rows_move_in_leaves_the_database_as_it_was(
    ws: Workspace, tmp_path: Path
) -> None:
    path = people(tmp_path / "people.csv")
    with written_outside(ws.paths.database) as con:  # every other table is written by then
        for statement in BOOM_SERVER if ws.on_server else BOOM_SQLITE:
            con.execute(text(statement))
    ws.candidates.create(CandidateRecord(first_name="Anna", last_name="Lis"))
    before = state(ws)

    with pytest.raises((sqlite3.DatabaseError, psycopg.DatabaseError, TalentDeskError)):
        imported(ws, path, tags=(TagRef(TagCategory.CUSTOM, "Fair 2026"),))

    assert state(ws) == before
    assert stage_files(ws) == []
    # The search triggers work again: a save is found, and the next import goes in whole.
    ws.candidates.create(CandidateRecord(first_name="Zofia", last_name="Żak", city="Łódź"))
    assert len(ws.listing.ids(ListQuery(search="zofia lodz"))) == 1
    with written_outside(ws.paths.database) as con:
        con.execute(
            text("DROP TRIGGER boom ON import_person" if ws.on_server else "DROP TRIGGER boom")
        )
    assert imported(ws, path).created == ROWS
    assert len(ws.listing.ids(ListQuery(search=f"person{LATE} krakow"))) == 1


def test_a_namesake_added_while_the_rows_are_read_is_listed_as_a_possible_duplicate(
    ws: Workspace, tmp_path: Path
) -> None:
    path = people(tmp_path / "people.csv")
    namesake = CandidateRecord(
        first_name=f"Person{LATE}", last_name="Nowak", company=f"Company {LATE % 7}"
    )
    added: list[int] = []

    def progress(_rows: int) -> None:
        if not added and not ws.db.writer.on_write_path():
            added.append(ws.candidates.create(namesake))

    report = imported(ws, path, progress=progress)

    other = Workspace.open(type(ws.paths)(tmp_path / "other"), ws.clock)
    try:
        assert other.candidates.create(namesake) == added[0]
        expected = imported(other, path)
    finally:
        other.close()
    assert report.possible_duplicates == expected.possible_duplicates
    assert [cid for _row, cid in report.possible_duplicates] == added
    assert report.created == ROWS


def test_a_stage_left_by_a_killed_import_is_deleted_by_the_next(
    ws: Workspace, tmp_path: Path
) -> None:
    folder = stage_folder(ws.db.path)
    folder.mkdir(mode=0o700)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    leftover = folder / f"import-{dead.pid}-0123456789ab.sqlite3"
    leftover.write_bytes(b"")
    running = folder / f"import-{os.getpid()}-0123456789ab.sqlite3"  # this process's: kept
    running.write_bytes(b"")

    imported(ws, people(tmp_path / "people.csv"))

    assert stage_files(ws) == [running]
