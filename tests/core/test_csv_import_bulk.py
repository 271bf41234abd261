"""The bulk write path of the importer: the search index and triggers end exactly as per-row
writes leave them, duplicates are found across batches, and a stopped import writes nothing."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.csvio import bulk
from talentdesk.core.csvio.bulk import SUSPENDED_TRIGGERS
from talentdesk.core.csvio.importer import (
    BATCH,
    ImportReport,
    ImportStoppedError,
    _validated,
    run_import,
)
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions, OnDuplicate, OnError
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.csvio.rows import _record
from talentdesk.core.db.enums import CandidateStatus, InteractionKind, Seniority, TagCategory
from talentdesk.core.errors import ValidationError
from talentdesk.core.records import CandidateRecord, TagRef, validate
from talentdesk.core.workspace import Workspace
from tests.conftest import START, session_outside

HEADER = "First name,Last name,E-mail,Other e-mails,Company,City,Skills,Tags,Notes,Hobby\n"
ROWS = (
    'Łukasz,Wiśniewski,lukasz@example.com,"l.w@example.org; LW@Example.net",Comarch,Kraków,'
    '"Java, Spring",location:Kraków; custom:Straße,Likes Kotlin,Sailing\n'
    "Søren,Æbelø,soren@example.dk,,Œuvre,Gdańsk,Java,skill:java,,\n"
    "Anna,,anna@example.com,,,,,,,Chess\n"
)


def _import(ws: Workspace, path: Path, **kw: object) -> ImportReport:
    layout = sniff(path)
    options = ImportOptions(mapping=guess_mapping(layout.header), **kw)  # type: ignore[arg-type]
    return run_import(ws.db, path, layout, options, ws.clock)


def _mapping_with_notes(path: Path) -> list[str]:
    mapping = guess_mapping(sniff(path).header)
    mapping[-1] = "notes+"  # "Hobby: Sailing" appended to the notes
    return mapping


def _fts(database: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(database)
    # By candidate: the index's rowids are keys in name order (db/search_order.py).
    rows = con.execute(
        "SELECT c.id, f.* FROM candidate_fts f JOIN candidate c ON c.search_key = f.rowid"
        " ORDER BY c.id"
    ).fetchall()
    con.close()
    return rows


def _triggers(database: Path) -> list[tuple[str, str]]:
    con = sqlite3.connect(database)
    rows = con.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    ).fetchall()
    con.close()
    return rows


def test_search_rows_are_exactly_what_the_triggers_build(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    triggers_before = _triggers(ws.paths.database)
    pool = ws.pools.create("Kraków Java")
    layout = sniff(path)
    options = ImportOptions(
        mapping=_mapping_with_notes(path),
        pool_id=pool,
        tags=(TagRef(TagCategory.CUSTOM, "Import 2026"),),
    )
    report = run_import(ws.db, path, layout, options, ws.clock)
    assert (report.created, report.rejected) == (3, [])
    bulk = _fts(ws.paths.database)
    assert _triggers(ws.paths.database) == triggers_before
    # The staged rows went into the index as the search view shows them (external content).
    con = sqlite3.connect(ws.paths.database)
    con.execute("INSERT INTO candidate_fts(candidate_fts, rank) VALUES ('integrity-check', 1)")
    con.close()

    # Rebuild every search row through the update trigger: nothing may change.
    con = sqlite3.connect(ws.paths.database)
    con.execute("UPDATE candidate SET first_name = first_name")
    con.commit()
    con.close()
    assert _fts(ws.paths.database) == bulk
    assert "Hobby: Sailing" in bulk[0][-1]
    assert "l.w@example.org LW@example.net" in bulk[0][2]

    for query, names in [
        ("lukasz krakow", {"Łukasz Wiśniewski"}),
        ("strasse", {"Łukasz Wiśniewski"}),
        ("soren aebelo oeuvre", {"Søren Æbelø"}),
        ("java", {"Łukasz Wiśniewski", "Søren Æbelø"}),
        ("sailing", {"Łukasz Wiśniewski"}),
        ("import", {"Anna", "Łukasz Wiśniewski", "Søren Æbelø"}),
    ]:
        ids = ws.listing.ids(ListQuery(search=query))
        assert {ws.candidates.get(i).full_name for i in ids} == names, query


def test_bulk_import_finds_what_per_row_creation_finds(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    _import(ws, path)
    other = Workspace.open(type(ws.paths)(tmp_path / "other"), ws.clock)
    try:
        for record_id in ws.listing.ids(ListQuery()):
            record = ws.candidates.get(record_id)
            other.candidates.create(record)
        for query in ("lukasz", "krakow", "java", "strasse", "example", "aebelo", "lw"):
            ours = {ws.candidates.get(i).full_name for i in ws.listing.ids(ListQuery(search=query))}
            theirs = {
                other.candidates.get(i).full_name
                for i in other.listing.ids(ListQuery(search=query))
            }
            assert ours == theirs and ours, query
    finally:
        other.close()


def test_triggers_work_after_an_import(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    _import(ws, path)
    (anna,) = ws.listing.ids(ListQuery(search="anna"))
    assert ws.candidates.get(anna).last_contact_at is None  # the import note is not a contact
    called = START - timedelta(days=1)
    ws.interactions.log(anna, InteractionKind.CALL, called, "Intro call")
    assert ws.candidates.get(anna).last_contact_at == called
    record = ws.candidates.get(anna)
    record.tags = [TagRef(TagCategory.SKILL, "Haskell")]
    ws.candidates.update(anna, record)
    assert ws.listing.ids(ListQuery(search="haskell")) == [anna]


@pytest.mark.parametrize("in_memory", [bulk.SEEN_IN_MEMORY, 300])
def test_duplicates_are_found_across_batches_and_against_other_emails(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_memory: int
) -> None:
    # 300: the keys of the first 300 rows are kept in memory, the later ones in the stage.
    monkeypatch.setattr(bulk, "SEEN_IN_MEMORY", in_memory)
    known = ws.candidates.create(
        CandidateRecord(
            first_name="Old", last_name="Friend", other_emails=["Old.Friend@Example.com"]
        )
    )
    body = "".join(f"P{i},Person,p{i}@example.com,,,,,,,\n" for i in range(BATCH + 200))
    body += "Again,Person,P1@EXAMPLE.com,,,,,,,\n"  # same as row 2, a batch earlier
    body += "Late,Person,P1100@example.com,,,,,,,\n"  # same as row 1101 (kept in the stage)
    body += "Old,Friend,old.friend@example.com,,,,,,,\n"  # known by an other e-mail
    path = tmp_path / "many.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    report = _import(ws, path)
    assert (report.rows, report.created, report.skipped) == (BATCH + 203, BATCH + 200, 1)
    assert [(p.row, p.reason) for p in report.rejected] == [
        (BATCH + 201, "same person as row 2"),
        (BATCH + 202, "same person as row 1101"),
    ]
    assert ws.reads.total_candidates() == BATCH + 201
    assert ws.candidates.get(known).full_name == "Old Friend"

    again = _import(ws, path, on_duplicate=OnDuplicate.FILL)
    assert (again.created, again.updated, len(again.rejected)) == (0, BATCH + 201, 2)
    assert ws.reads.total_candidates() == BATCH + 201


def test_fill_shares_tags_with_new_rows_and_updates_the_search_index(
    ws: Workspace, tmp_path: Path
) -> None:
    known = ws.candidates.create(
        CandidateRecord(first_name="Jan", last_name="Nowak", email="jan@example.com")
    )
    path = tmp_path / "people.csv"
    path.write_text(
        HEADER + "Ewa,Lis,ewa@example.com,,,,Elixir,,,\nJan,Nowak,JAN@example.com,,,,elixir,,,\n",
        encoding="utf-8",
    )
    report = _import(ws, path, on_duplicate=OnDuplicate.FILL)
    assert (report.created, report.updated) == (1, 1)
    assert [t.name for t in ws.candidates.get(known).tags] == ["Elixir"]
    assert ws.candidates.tag_names().count(TagRef(TagCategory.SKILL, "Elixir")) == 1
    assert len(ws.listing.ids(ListQuery(search="elixir"))) == 2


def test_a_stop_in_a_later_batch_writes_nothing_and_counts_up_to_the_row(
    ws: Workspace, tmp_path: Path
) -> None:
    body = "".join(f"P{i},Person,p{i}@example.com,,,,Go,,,\n" for i in range(BATCH + 10))
    body += ",,bad@,,,,,,,\n"  # no name: rejected (a bad e-mail alone is only left out)
    path = tmp_path / "stop.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    triggers_before = _triggers(ws.paths.database)
    with pytest.raises(ImportStoppedError) as caught:
        _import(ws, path, on_error=OnError.STOP)
    assert caught.value.problem.row == BATCH + 11
    assert (caught.value.report.rows, caught.value.report.created) == (BATCH + 11, BATCH + 10)
    con = sqlite3.connect(ws.paths.database)
    counts = [
        con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("candidate", "candidate_fts", "tag", "interaction")
    ]
    con.close()
    assert counts == [0, 0, 0, 0]
    assert _triggers(ws.paths.database) == triggers_before
    assert {name for name, _sql in triggers_before} >= set(SUSPENDED_TRIGGERS)


def test_a_dry_run_over_several_batches_counts_what_the_import_does(
    ws: Workspace, tmp_path: Path
) -> None:
    ws.candidates.create(CandidateRecord(first_name="Known", last_name="One", company="Acme"))
    body = "".join(f"P{i},Person,p{i % (BATCH + 5)}@example.com,,,,,,,\n" for i in range(BATCH * 2))
    body += "Known,One,,,Acme,,,,,\n"
    path = tmp_path / "dry.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    layout = sniff(path)
    options = ImportOptions(mapping=guess_mapping(layout.header))
    dry = run_import(ws.db, path, layout, options, ws.clock, dry_run=True)
    assert ws.reads.total_candidates() == 1
    real = run_import(ws.db, path, layout, options, ws.clock)
    assert (dry.created, len(dry.rejected), dry.possible_duplicates) == (
        real.created,
        len(real.rejected),
        real.possible_duplicates,
    )
    assert (real.created, len(real.rejected)) == (BATCH + 6, BATCH - 5)
    assert real.possible_duplicates == [(BATCH * 2 + 1, 1)]


_TEXT = st.sampled_from(["", " ", "Anna", " Kowalska ", "\tx", "Ł", "a b"])
_VALUES = st.fixed_dictionaries(
    {},
    optional={
        "first_name": _TEXT,
        "last_name": _TEXT,
        "email": st.sampled_from(["a@example.com", " B@Example.COM", "bad@", "łu@example.pl", ""]),
        "linkedin_url": st.sampled_from(["linkedin.com/in/a/", "https://x.com/a", " "]),
        "city": _TEXT,
        "notes": _TEXT,
        "salary_min": st.sampled_from([Decimal(-1), Decimal(0), Decimal("100.5")]),
        "salary_max": st.sampled_from([Decimal(50), Decimal(200)]),
        "salary_currency": st.sampled_from(["eur", "EURO", "E1R", " pln "]),
        "birthday": st.sampled_from([date(1990, 1, 1), date(2030, 1, 1)]),
        "seniority": st.sampled_from(list(Seniority)),
        "status": st.sampled_from(list(CandidateStatus)),
    },
)


@settings(max_examples=500)
@given(
    _VALUES,
    st.lists(st.sampled_from(["c@example.com", "A@example.com", " ", "x@", "a@EXAMPLE.com"])),
    st.lists(st.builds(TagRef, st.sampled_from(list(TagCategory)), _TEXT)),
)
def test_the_row_fast_path_agrees_with_validate(
    values: dict[str, object], others: list[str], tags: list[TagRef]
) -> None:
    today = START.date()
    fast = _validated(values, others, tags, today)
    try:
        expected: CandidateRecord | None = validate(
            CandidateRecord(**values, other_emails=others, tags=tags),  # type: ignore[arg-type]
            today,
        )
    except ValidationError:
        expected = None
    assert fast == expected  # valid rows take the fast path; refused ones fall back
    # As RowReader.read passes most rows: every text stripped, none blank.
    stripped = {
        name: value.strip() if type(value) is str else value
        for name, value in values.items()
        if type(value) is not str or value.strip()
    }
    assert _validated(stripped, others, tags, today, stripped=True) == expected


def test_a_fast_record_is_what_the_dataclass_makes() -> None:
    """rows._record fills the record's __dict__ itself: only right for a plain dataclass."""
    assert not hasattr(CandidateRecord, "__post_init__")
    assert not hasattr(CandidateRecord, "__slots__")
    values: dict[str, object] = {"first_name": "Anna", "city": "Kraków", "seniority": Seniority.MID}
    tags = [TagRef(TagCategory.SKILL, "Java")]
    made = _record(values, ["a@example.com"], tags)
    assert made == CandidateRecord(
        first_name="Anna", city="Kraków", seniority=Seniority.MID,
        other_emails=["a@example.com"], tags=tags,
    )  # fmt: skip
    assert vars(made) == vars(CandidateRecord(**values, other_emails=["a@example.com"], tags=tags))  # type: ignore[arg-type]


def test_check_constraints_are_back_on_after_an_import(ws: Workspace, tmp_path: Path) -> None:
    """The bulk writer skips the CHECK lists for its own enum values, and only for them."""
    path = tmp_path / "people.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    assert _import(ws, path).created == 3
    with session_outside(ws.paths.database) as session, pytest.raises(IntegrityError):
        session.execute(text("UPDATE candidate SET status = 'retired'"))
