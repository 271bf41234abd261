"""A person's own data on request: the zip holds every table's rows about them (checked
against a query per table, the tables derived from the schema) and nothing about anyone else.
On both backends (team mode)."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from talentdesk.core.db.enums import (
    ConsentStatus,
    InteractionKind,
    LegalBasis,
    OutboxStatus,
    TagCategory,
)
from talentdesk.core.db.models import Base, Consent, Interaction, OutboxMessage
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.privacy.access_export import default_file_name
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.workspace import Workspace
from tests.conftest import SERVER_FOR, START, TravelClock, session_outside, written_outside
from tests.core.merge_people import make_pair
from tests.pg_fixtures import ws_on_both  # noqa: F401

# Written by hand, one per table that holds rows about a person: a table added to the schema
# with a path to `candidate` fails `test_every_table_about_a_person_has_a_query` until it is
# listed here (and so looked at).
BY_HAND = {
    "candidate": "SELECT * FROM candidate WHERE id = :id",
    "candidate_email": "SELECT * FROM candidate_email WHERE candidate_id = :id",
    "candidate_tag": "SELECT * FROM candidate_tag WHERE candidate_id = :id",
    "pool_membership": "SELECT * FROM pool_membership WHERE candidate_id = :id",
    "interaction": "SELECT * FROM interaction WHERE candidate_id = :id",
    "reminder": "SELECT * FROM reminder WHERE candidate_id = :id",
    "consent": "SELECT * FROM consent WHERE candidate_id = :id",
    "application": "SELECT * FROM application WHERE candidate_id = :id",
    "application_stage_change": (
        "SELECT h.* FROM application_stage_change h JOIN application a"
        " ON a.id = h.application_id WHERE a.candidate_id = :id"
    ),
    "outbox_message": "SELECT * FROM outbox_message WHERE candidate_id = :id",
    "candidate_merge": "SELECT * FROM candidate_merge WHERE kept_id = :id",
    "duplicate_dismissal": (
        "SELECT * FROM duplicate_dismissal WHERE first_id = :id OR second_id = :id"
    ),
    "import_person": "SELECT * FROM import_person WHERE candidate_id = :id",
}
# Rows that must be there in the fixture (so the comparison is not of empty lists).
# (An import's links: tests/core/test_import_records.py.)
FILLED = set(BY_HAND) - {"duplicate_dismissal", "import_person"}
STRANGER = ("Zbigniewa", "Quarkowska", "zq-unique@stranger.example", "STRANGER-NOTE-7731")


def reaches_person(metadata_tables: dict[str, object]) -> set[str]:
    """Tables with a chain of foreign keys to `candidate` (computed here, not by the export)."""
    graph = {
        name: {fk.column.table.name for fk in table.foreign_keys}  # type: ignore[attr-defined]
        for name, table in metadata_tables.items()
    }
    found = {"candidate"}
    while True:
        more = {n for n, targets in graph.items() if targets & found} - found
        if not more:
            return found
        found |= more


def test_every_table_about_a_person_has_a_query() -> None:
    assert reaches_person(dict(Base.metadata.tables)) == set(BY_HAND)


def _person(ws: Workspace, clock: TravelClock) -> tuple[int, int]:
    pair = make_pair(ws, clock)
    ws.merging.merge(pair.keep, pair.other)
    kotlin = TagRef(TagCategory.SKILL, "Kotlin")
    first, last, email, note = STRANGER
    stranger = ws.candidates.create(
        CandidateRecord(first, last, email=email, notes=note, tags=[kotlin])
    )
    ws.pools.add_members(pair.shared_pool, [stranger])
    ws.vacancies.add_candidates(pair.shared_role, [stranger])
    ws.interactions.log(stranger, InteractionKind.CALL, subject=note, body=note)
    ws.reminders.add(stranger, START + timedelta(days=2), note=note)
    with session_outside(ws.paths.database) as session:
        session.add(
            Interaction(
                candidate_id=pair.keep,
                kind=InteractionKind.EMAIL_IN,
                occurred_at=START,
                subject="Re: Hello",
                body="Yes, <b>happy</b> to talk",
                message_id="<reply-1@mail.example>",
            )
        )
        for who in (pair.keep, stranger):
            session.add(
                Consent(
                    candidate_id=who, legal_basis=LegalBasis.CONSENT, status=ConsentStatus.GIVEN
                )
            )
        session.add(
            OutboxMessage(
                candidate_id=stranger,
                to_name=f"{first} {last}",
                to_address=email,
                subject=note,
                body_text=note,
                status=OutboxStatus.SENT,
                next_attempt_at=START,
                sent_at=START,
            )
        )
    return pair.keep, stranger


def _expected(database: Path, candidate_id: int) -> dict[str, list[dict[str, object]]]:
    if database in SERVER_FOR:
        return _expected_on_server(database, candidate_id)
    conn = sqlite3.connect(database)
    conn.row_factory = sqlite3.Row
    try:
        return {
            table: sorted((dict(r) for r in conn.execute(sql, {"id": candidate_id})), key=repr)
            for table, sql in BY_HAND.items()
        }
    finally:
        conn.close()


def _as_sqlite(value: object) -> object:
    """A team database's value as SQLite would give it (times as stored text, JSON as text)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


def _expected_on_server(database: Path, candidate_id: int) -> dict[str, list[dict[str, object]]]:
    with written_outside(database) as conn:
        return {
            table: sorted(
                (
                    {k: _as_sqlite(v) for k, v in r._mapping.items()}
                    for r in conn.execute(text(sql), {"id": candidate_id})
                ),
                key=repr,
            )
            for table, sql in BY_HAND.items()
        }


def test_the_zip_holds_every_row_about_the_person_and_nothing_of_others(
    ws: Workspace, clock: TravelClock, tmp_path: Path
) -> None:
    person, _stranger = _person(ws, clock)
    dest = tmp_path / "anna.zip"
    result = ws.subject_access.export(person, dest)

    with zipfile.ZipFile(dest) as zf:
        assert sorted(zf.namelist()) == ["data.json", "report.html"]
        data = json.loads(zf.read("data.json"))
        report = zf.read("report.html").decode()
        raw = b"".join(zf.read(n) for n in zf.namelist())
    expected = _expected(ws.paths.database, person)
    assert set(data["tables"]) == set(BY_HAND)
    for table, rows in expected.items():
        assert sorted(data["tables"][table], key=repr) == rows, table
    assert {t for t, rows in expected.items() if rows} >= FILLED
    assert [row["id"] for row in data["tables"]["candidate"]] == [person]  # not whom they referred
    assert data["tables"]["candidate"][0]["created_at"] == "2026-11-25 09:30:00.000000"
    assert result.rows == sum(len(rows) for rows in expected.values())
    assert any(i["message_id"] == "<reply-1@mail.example>" for i in data["tables"]["interaction"])
    assert {row["name"] for row in data["labels"]["tag"].values()} >= {"Kotlin", "Java", "Go"}
    for secret in STRANGER:
        assert secret.encode() not in raw
    # The HTML escapes what people wrote; it lists the e-mail sent, with when.
    assert "&lt;b&gt;happy&lt;/b&gt;" in report and "<b>happy" not in report
    sent = report.split("<h2>E-mails sent to you</h2>", 1)[1].split("<h2>", 1)[0]
    assert "Hello" in sent and "anna.nowak@example.org" in sent
    assert dest.stat().st_mode & 0o777 == 0o600


def test_each_export_is_audited_without_personal_data(
    ws: Workspace, clock: TravelClock, tmp_path: Path
) -> None:
    person, _ = _person(ws, clock)
    ws.subject_access.export(person, tmp_path / "one.zip")
    entries = ws.audit.entries()
    assert [e.kind for e in entries] == ["export"]
    assert entries[0].count == 1
    assert "Anna" not in (entries[0].detail or "") and "Kowalska" not in (entries[0].detail or "")
    assert entries[0].occurred_at == clock.now


def test_no_such_person_writes_nothing(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(TalentDeskError, match="no candidate #999"):
        ws.subject_access.export(999, tmp_path / "x.zip")
    assert list(tmp_path.glob("*.zip")) == [] and ws.audit.entries() == []


def test_a_folder_that_cannot_be_written_leaves_no_part_file(ws: Workspace, tmp_path: Path) -> None:
    person = ws.candidates.create(CandidateRecord("Ola", "Lis"))
    with pytest.raises(TalentDeskError, match="could not be written"):
        ws.subject_access.export(person, tmp_path / "missing-folder" / "x.zip")


def test_default_file_name() -> None:
    assert default_file_name("Anna Kowalska-Nowak", 3, START) == (
        "data-of-anna-kowalska-nowak-2026-11-25.zip"
    )
    assert default_file_name("", 3, START) == "data-of-candidate-3-2026-11-25.zip"
