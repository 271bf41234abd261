"""Two recruiters on one team database: each is the name they gave at connect, and what each
writes is theirs."""

from __future__ import annotations

from datetime import UTC, timedelta
from pathlib import Path

import pytest

from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.records import CandidateRecord
from talentdesk.core.team.connection import TeamConnection
from talentdesk.core.team.remembered import remember, remembered, remembered_user_name
from talentdesk.core.users.choice import wanted_name
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import TravelClock


def _as(name: str, folder: Path, url: str, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.setenv("TALENTDESK_USER", name)
    ws = Workspace.open(AppPaths(folder, url), TravelClock(), tz=UTC)
    _ = ws.db  # the user is found as the write side loads
    return ws


def test_each_recruiter_writes_as_themselves(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna = _as("Anna", tmp_path / "anna", pg_url, monkeypatch)
    bob = _as("Bob", tmp_path / "bob", pg_url, monkeypatch)
    try:
        ola = anna.candidates.create(CandidateRecord(first_name="Ola", last_name="Nowak"))
        ewa = bob.candidates.create(CandidateRecord(first_name="Ewa", last_name="Nowak"))
        bob.interactions.log(ola, InteractionKind.CALL, subject="Covered for Anna")
        assert [u.name for u in anna.users.all()] == ["Anna", "Bob"]
        assert anna.users.current().name == "Anna" and bob.users.current().name == "Bob"
        assert anna.users.owned([ola, ewa]) == [ola] and bob.users.owned([ola, ewa]) == [ewa]
        assert [e.by for e in anna.interactions.timeline(ola)] == ["Bob"]
    finally:
        anna.close()
        bob.close()
    again = _as("anna", tmp_path / "anna", pg_url, monkeypatch)  # the same person, any case
    try:
        assert again.users.current().name == "Anna" and len(again.users.all()) == 2
    finally:
        again.close()


def test_the_name_given_at_connect_is_remembered_with_the_connection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TALENTDESK_USER", raising=False)
    conn = TeamConnection(host="db.example.com", database="talent", user="recruiting")
    remember(conn, tmp_path, user_name="  Anna Kowalska ")
    assert remembered(tmp_path) == conn
    assert remembered_user_name(tmp_path) == "Anna Kowalska"
    assert wanted_name(config_dir=tmp_path) == "Anna Kowalska"
    assert "password" not in (tmp_path / "team-database.json").read_text()
    assert wanted_name({"TALENTDESK_USER": "Bob"}, tmp_path) == "Bob"


def test_the_reminders_overview_is_each_recruiters_own(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna = _as("Anna", tmp_path / "anna", pg_url, monkeypatch)
    bob = _as("Bob", tmp_path / "bob", pg_url, monkeypatch)  # not the database's first user
    try:
        ola = anna.candidates.create(CandidateRecord(first_name="Ola", last_name="Nowak"))
        now = anna.clock()
        annas = anna.reminders.add(ola, now - timedelta(hours=2), note="Anna's")
        bobs = bob.reminders.add(ola, now - timedelta(hours=1), note="Bob's")
        assert [r.id for r in bob.reads.open_reminders(now)] == [bobs]
        assert [r.id for r in anna.reads.open_reminders(now)] == [annas]
        assert [row[0] for row in bob.reads.due_rows(now)] == [bobs]
    finally:
        anna.close()
        bob.close()
