"""Import records (issue 17): one record per import with its people linked, the timeline's
"Imported from FILE on DATE" read from it, "Undo this import", and migration 0012 moving the
old per-candidate notes into records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.csvio.importer import run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions, OnDuplicate
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.db.engine import make_engine, set_foreign_keys
from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.db.migrate import downgrade, upgrade
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import TravelClock, written_outside
from tests.integration.conftest import run_cli
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

HEADER = "First name,Last name,E-mail,Company\n"


def _import(ws: Workspace, tmp_path: Path, body: str, name: str = "people.csv", **kw: object):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    layout = sniff(path)
    options = ImportOptions(
        mapping=guess_mapping(layout.header),
        preset="google",
        **kw,  # type: ignore[arg-type]
    )
    return run_import(ws.db, path, layout, options, ws.clock)


def _ids(ws: Workspace) -> list[int]:
    return [row[0] for row in ws.reader.execute("SELECT id FROM candidate ORDER BY id")]


def test_an_import_writes_one_record_linked_to_its_people_and_no_notes(
    ws: Workspace, tmp_path: Path, clock: TravelClock
) -> None:
    anna = ws.candidates.create(CandidateRecord("Anna", "Nowak", "anna@example.com"))
    clock.advance(minutes=1)
    pool = ws.pools.create("Java")
    report = _import(
        ws,
        tmp_path,
        "Anna,Nowak,anna@example.com,Allegro\nPiotr,Zieliński,piotr@example.com,\n"
        "Ewa,Lis,ewa@example.com,\n",
        on_duplicate=OnDuplicate.FILL,
        pool_id=pool,
    )
    assert (report.created, report.updated) == (2, 1)
    [summary] = ws.imports.history()
    assert summary.id == report.import_id
    assert (summary.file_name, summary.imported_at, summary.preset) == (
        "people.csv",
        clock(),
        "google",
    )
    assert (summary.created, summary.updated, summary.skipped, summary.pool_name) == (
        2,
        1,
        0,
        "Java",
    )
    assert summary.mapping["E-mail"] == "email"
    links = ws.reader.execute(
        "SELECT candidate_id, created FROM import_person WHERE import_id = ? ORDER BY 1",
        (report.import_id,),
    ).fetchall()
    piotr, ewa = _ids(ws)[1:]
    assert links == [(anna, 0), (piotr, 1), (ewa, 1)]
    assert ws.reader.execute("SELECT count(*) FROM interaction").fetchone() == (0,)
    day = f"{clock().astimezone():%Y-%m-%d}"
    [entry] = ws.interactions.timeline(piotr)
    assert (entry.kind, entry.subject, entry.occurred_at, entry.pool_name) == (
        InteractionKind.NOTE,
        f"Imported from people.csv on {day}",
        clock(),
        "Java",
    )
    assert [e.subject for e in ws.interactions.timeline(anna)] == [
        f"Updated from people.csv on {day}"
    ]


def test_the_timeline_puts_the_import_among_the_entries_by_date(
    ws: Workspace, tmp_path: Path, clock: TravelClock
) -> None:
    _import(ws, tmp_path, "Piotr,Zieliński,piotr@example.com,\n")
    [piotr] = _ids(ws)
    clock.advance(days=1)
    ws.interactions.log(piotr, InteractionKind.CALL, subject="First call")
    subjects = [e.subject or "" for e in ws.interactions.timeline(piotr)]
    assert subjects[0] == "First call"
    assert subjects[1].startswith("Imported from people.csv on ")


def test_an_untouched_import_is_undone_as_a_whole(
    ws: Workspace, tmp_path: Path, clock: TravelClock
) -> None:
    kept = ws.candidates.create(CandidateRecord("Kept", "Person", "kept@example.com"))
    report = _import(ws, tmp_path, "Piotr,Zieliński,piotr@example.com,\nEwa,Lis,ewa@e.com,\n")
    clock.advance(hours=2)
    assert ws.imports.why_not_undone(report.import_id) is None
    result = ws.imports.undo(report.import_id)
    assert (result.removed, result.file_name) == (2, "people.csv")
    assert _ids(ws) == [kept]
    assert ws.listing.ids(ListQuery(search="piotr")) == []
    [summary] = ws.imports.history()
    assert summary.undone_at == clock()
    assert ws.reader.execute("SELECT count(*) FROM import_person").fetchone() == (0,)
    with pytest.raises(TalentDeskError, match="undone already"):
        ws.imports.undo(report.import_id)
    # The same people can be imported again.
    again = _import(ws, tmp_path, "Piotr,Zieliński,piotr@example.com,\n")
    assert again.created == 1


def test_an_import_whose_people_were_touched_is_not_undone(
    ws: Workspace, tmp_path: Path, clock: TravelClock
) -> None:
    report = _import(ws, tmp_path, "Piotr,Zieliński,piotr@example.com,\nEwa,Lis,ewa@e.com,\n")
    piotr = _ids(ws)[0]
    clock.advance(minutes=5)
    ws.interactions.log(piotr, InteractionKind.CALL, subject="First call")
    with pytest.raises(TalentDeskError, match=r"1 person of the 2 .* changed since"):
        ws.imports.undo(report.import_id)
    assert len(_ids(ws)) == 2
    assert ws.imports.history()[0].undone_at is None


def test_an_edit_since_blocks_the_undo(ws: Workspace, tmp_path: Path, clock: TravelClock) -> None:
    report = _import(ws, tmp_path, "Piotr,Zieliński,piotr@example.com,\n")
    [piotr] = _ids(ws)
    clock.advance(minutes=5)
    record = ws.candidates.get(piotr)
    ws.candidates.update(piotr, CandidateRecord("Piotr", "Zieliński", "p@example.com"))
    assert record.email == "piotr@example.com"
    assert "changed since" in (ws.imports.why_not_undone(report.import_id) or "")


def test_an_import_that_updated_people_is_not_undone(ws: Workspace, tmp_path: Path) -> None:
    ws.candidates.create(CandidateRecord("Anna", "Nowak", "anna@example.com"))
    report = _import(
        ws, tmp_path, "Anna,Nowak,anna@example.com,Allegro\n", on_duplicate=OnDuplicate.FILL
    )
    with pytest.raises(TalentDeskError, match="also updated 1 person"):
        ws.imports.undo(report.import_id)


def _to(path: Path, target: str) -> None:
    engine = make_engine(path)
    with engine.connect() as conn:
        set_foreign_keys(conn, False)
        with conn.begin():
            if target == "0010":
                downgrade(conn, target)
            else:
                upgrade(conn, target)
    engine.dispose()


def test_migration_moves_the_imported_from_notes_into_records_with_their_dates(
    paths: AppPaths, clock: TravelClock
) -> None:
    ws = Workspace.open(paths, clock)
    people = [
        ws.candidates.create(CandidateRecord(name, "Nowak", f"{name}@example.com"))
        for name in ("anna", "piotr", "ewa")
    ]
    clock.advance(days=1)
    ws.interactions.log(people[0], InteractionKind.NOTE, subject="Imported from my notes")
    ws.close()
    _to(paths.database, "0010")
    first, second = "2025-03-01 09:00:00.000000", "2025-04-02 10:30:00.000000"
    with written_outside(paths.database) as conn:
        for cid, subject, at in (
            (people[0], "Imported from a.csv", first),
            (people[1], "Imported from a.csv", first),
            (people[2], "Imported from b's.csv", second),
        ):
            conn.execute(
                text(
                    "INSERT INTO interaction (candidate_id, kind, occurred_at, subject,"
                    " created_at) VALUES (:c, 'note', :at, :s, :at)"
                ),
                {"c": cid, "at": at, "s": subject},
            )
            conn.execute(
                text("UPDATE candidate SET created_at = :at WHERE id = :c"), {"c": cid, "at": at}
            )
        conn.execute(  # a note the recruiter wrote, with text: kept as it is
            text(
                "INSERT INTO interaction (candidate_id, kind, occurred_at, subject, body,"
                " created_at) VALUES (:c, 'note', :at, 'Imported from memory', 'met at a fair',"
                " :at)"
            ),
            {"c": people[2], "at": second},
        )
    _to(paths.database, "head")
    ws = Workspace.open(paths, clock)
    try:
        history = ws.imports.history()
        assert [(h.file_name, f"{h.imported_at:%Y-%m-%d %H:%M}", h.created) for h in history] == [
            ("b's.csv", "2025-04-02 10:30", 1),
            ("a.csv", "2025-03-01 09:00", 2),
        ]
        notes = ws.reader.execute("SELECT subject FROM interaction ORDER BY id").fetchall()
        assert notes == [("Imported from my notes",), ("Imported from memory",)]
        [entry] = ws.interactions.timeline(people[1])
        assert entry.subject == f"Imported from a.csv on {entry.occurred_at.astimezone():%Y-%m-%d}"
        assert f"{entry.occurred_at:%Y-%m-%d %H:%M}" == "2025-03-01 09:00"
        links = ws.reader.execute(
            "SELECT candidate_id, created FROM import_person ORDER BY candidate_id"
        ).fetchall()
        assert links == [(people[0], 1), (people[1], 1), (people[2], 1)]
    finally:
        ws.close()


def test_a_persons_imports_are_in_their_data_and_go_with_an_erasure(
    ws: Workspace, paths: AppPaths, tmp_path: Path
) -> None:
    from talentdesk.core.privacy.person_data import read_person

    _import(ws, tmp_path, "Piotr,Zieliński,piotr@example.com,\nEwa,Lis,ewa@e.com,\n")
    piotr, ewa = _ids(ws)
    person = read_person(ws.reader, piotr)  # type: ignore[arg-type]  (a server's reader too)
    assert [row["created"] for row in person.tables["import_person"]] == [1]
    assert [r["file_name"] for r in person.labels["import_record"].values()] == ["people.csv"]
    ws.erasure.erase([piotr])
    links = ws.reader.execute("SELECT candidate_id FROM import_person").fetchall()
    assert links == [(ewa,)]


def test_a_deleted_person_comes_back_with_their_import(ws: Workspace, tmp_path: Path) -> None:
    _import(ws, tmp_path, "Piotr,Zieliński,piotr@example.com,\n")
    [piotr] = _ids(ws)
    deleted = ws.candidates.delete([piotr])
    assert ws.interactions.timeline(piotr) == []
    ws.candidates.restore(deleted)
    assert [e.import_id is not None for e in ws.interactions.timeline(piotr)] == [True]


def test_the_command_line_lists_imports_and_undoes_one(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = tmp_path / "people.csv"
    path.write_text(HEADER + "Piotr,Zieliński,piotr@example.com,\nEwa,Lis,ewa@e.com,\n")
    done = run_cli("--data-dir", str(data), "import", str(path), "--json")
    assert done.returncode == 0, done.stderr
    import_id = json.loads(done.stdout)["import_id"]
    listed = json.loads(run_cli("--data-dir", str(data), "import", "history", "--json").stdout)
    assert [(i["id"], i["file"], i["created"], i["undone_at"]) for i in listed] == [
        (import_id, "people.csv", 2, None)
    ]
    text_out = run_cli("--data-dir", str(data), "import", "history").stdout
    assert f"#{import_id}" in text_out and "people.csv: created 2, updated 0" in text_out
    asked = run_cli("--data-dir", str(data), "import", "undo", str(import_id))
    assert asked.returncode == 2 and "--yes" in asked.stderr  # no terminal to ask on
    undone = run_cli("--data-dir", str(data), "import", "undo", str(import_id), "--yes")
    assert undone.returncode == 0, undone.stderr
    assert "2 people removed" in undone.stdout
    again = run_cli("--data-dir", str(data), "import", "undo", str(import_id), "--yes")
    assert again.returncode == 2 and "undone already" in again.stderr
    missing = run_cli("--data-dir", str(data), "import", "undo", "--yes")
    assert missing.returncode == 2 and "id" in missing.stderr


def test_a_merge_carries_the_imports_and_its_undo_brings_the_links_back(
    ws: Workspace, tmp_path: Path, clock: TravelClock
) -> None:
    first = _import(ws, tmp_path, "Piotr,Zieliński,piotr@example.com,Acme\n", name="a.csv")
    clock.advance(days=1)
    second = _import(ws, tmp_path, "Piotr,Zielinski,pz@example.com,Acme\n", name="b.csv")
    keep, other = _ids(ws)
    result = ws.merging.merge(keep, other)
    subjects = [e.subject or "" for e in ws.interactions.timeline(keep)]
    assert [s.split(" on ")[0] for s in subjects[1:]] == [
        "Updated from b.csv",
        "Imported from a.csv",
    ]
    assert subjects[0].startswith("Merged with")
    with pytest.raises(TalentDeskError, match="also updated 1 person"):
        ws.imports.undo(second.import_id)  # never deletes the kept person
    ws.merging.unmerge(result)
    links = ws.reader.execute(
        "SELECT candidate_id, import_id, created FROM import_person ORDER BY 1, 2"
    ).fetchall()
    assert links == [(keep, first.import_id, 1), (other, second.import_id, 1)]
