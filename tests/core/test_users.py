"""Who did what (issue 18): each workspace writes as its user, on a local file (its one user,
named after the login) and on a team database (the name given at connect)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.errors import ValidationError
from talentdesk.core.records import CandidateRecord
from talentdesk.core.vacancies.records import VacancyRecord
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock, written_outside
from tests.pg_fixtures import ws_on_both  # noqa: F401


@pytest.fixture(autouse=True)
def _login(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.setenv(name, "anna")
    monkeypatch.delenv("TALENTDESK_USER", raising=False)


def _column(ws: Workspace, sql: str) -> list[object]:
    with written_outside(ws.paths.database) as connection:
        return [row[0] for row in connection.execute(text(sql))]


def test_the_workspace_is_one_user_named_after_the_login(ws: Workspace) -> None:
    [me] = ws.users.all()
    assert me.name == "anna"
    assert ws.users.current() == me and ws.users.current_id == me.id


def test_what_one_writes_carries_ones_name(ws: Workspace, clock: TravelClock) -> None:
    me = ws.users.current_id
    cid = ws.candidates.create(CandidateRecord(first_name="Ola", last_name="Nowak"))
    ws.interactions.log(cid, InteractionKind.CALL, subject="Intro call")
    reminder = ws.reminders.add(cid, clock() + timedelta(days=1), note="Call back")
    ws.reminders.complete(reminder, InteractionKind.CALL, "Called back")
    pool = ws.pools.create("Backend")
    ws.pools.add_members(pool, [cid])
    ws.pools.set_stage(pool, cid, ws.pools.stages(pool)[1].id)
    role = ws.vacancies.create(VacancyRecord(title="Backend Developer"))
    ws.vacancies.add_candidates(role, [cid])
    [application] = _column(ws, "SELECT id FROM application")
    ws.vacancies.move(int(str(application)), ws.vacancies.stages(role)[2].id)

    assert _column(ws, "SELECT owner_id FROM candidate") == [me]
    assert _column(ws, "SELECT DISTINCT created_by_id FROM interaction") == [me]
    assert _column(ws, "SELECT DISTINCT owner_id FROM reminder") == [me]
    assert _column(ws, "SELECT stage_changed_by_id FROM pool_membership") == [me]
    assert _column(ws, "SELECT DISTINCT by_id FROM application_stage_change") == [me]


def test_the_timeline_and_profile_name_who_once_there_are_colleagues(
    ws: Workspace,
) -> None:
    cid = ws.candidates.create(CandidateRecord(first_name="Ola", last_name="Nowak"))
    ws.interactions.log(cid, InteractionKind.CALL, subject="Intro call")
    assert [e.by for e in ws.interactions.timeline(cid)] == [None]  # alone: no names
    assert ws.candidates.get(cid).owner_name is None
    ws.users.find_or_add("Bob")
    assert [e.by for e in ws.interactions.timeline(cid)] == ["anna"]
    assert ws.candidates.get(cid).owner_name == "anna"


def test_a_user_is_renamed_but_never_to_a_colleagues_name(ws: Workspace) -> None:
    ws.users.find_or_add("Bob")
    with pytest.raises(ValidationError):
        ws.users.rename(ws.users.current_id, "bob")
    with pytest.raises(ValidationError):
        ws.users.rename(ws.users.current_id, "   ")
    ws.users.rename(ws.users.current_id, "  Anna   Kowalska ")
    assert [u.name for u in ws.users.all()] == ["Anna Kowalska", "Bob"]
    assert ws.users.find_or_add("BOB") == ws.users.find_or_add("Bob")


def test_the_tray_announces_ones_own_reminders_and_nobodys(
    ws: Workspace, clock: TravelClock
) -> None:
    cid = ws.candidates.create(CandidateRecord(first_name="Ola", last_name="Nowak"))
    due = clock() - timedelta(hours=1)
    mine = ws.reminders.add(cid, due, note="mine")
    bobs = ws.reminders.add(cid, due, note="Bob's")
    nobodys = ws.reminders.add(cid, due, note="nobody's")
    later_bob = ws.reminders.add(cid, clock() + timedelta(hours=1), note="Bob's later")
    later_mine = ws.reminders.add(cid, clock() + timedelta(hours=2), note="mine later")
    now = clock()
    # Alone in the database, every reminder is one's own.
    assert len(ws.reminders.due_unannounced(now)) == 3
    bob = ws.users.find_or_add("Bob")
    with written_outside(ws.paths.database) as connection:
        connection.execute(
            text("UPDATE reminder SET owner_id = :bob WHERE id IN (:a, :b)"),
            {"bob": bob, "a": bobs, "b": later_bob},
        )
        connection.execute(
            text("UPDATE reminder SET owner_id = NULL WHERE id = :n"), {"n": nobodys}
        )
    assert [r.id for r in ws.reminders.due_unannounced(now)] == [mine, nobodys]
    assert [r.id for r in ws.reminders.due_now(now)] == [mine, nobodys]
    assert ws.reminders.due_counts(now, now - timedelta(days=1)) == (2, 0)
    assert ws.reminders.next_due_after(now) == ws.reminders.get(later_mine).due_at
    # The window's read path (the local file's or the team database's reader) says the same.
    assert [r.id for r in ws.reads.open_reminders(now)] == [mine, nobodys]
    assert [row[0] for row in ws.reads.due_rows(now)] == [mine, nobodys]


def test_a_repeating_reminders_next_time_stays_its_owners(
    ws: Workspace, clock: TravelClock
) -> None:
    cid = ws.candidates.create(CandidateRecord(first_name="Ola", last_name="Nowak"))
    first = ws.reminders.add(cid, clock(), note="weekly", recurrence="FREQ=WEEKLY")
    bob = ws.users.find_or_add("Bob")
    with written_outside(ws.paths.database) as connection:
        connection.execute(text("UPDATE reminder SET owner_id = :bob"), {"bob": bob})
    following = ws.reminders.complete(first)
    assert _column(ws, f"SELECT owner_id FROM reminder WHERE id = {following}") == [bob]


def test_candidates_are_handed_over_with_what_talentdesk_reminds_of_them(
    ws: Workspace, clock: TravelClock
) -> None:
    from talentdesk.core.errors import NotFoundError

    ola = ws.candidates.create(CandidateRecord(first_name="Ola", last_name="Nowak"))
    ewa = ws.candidates.create(CandidateRecord(first_name="Ewa", last_name="Nowak"))
    mine = ws.reminders.add(ola, clock() + timedelta(days=1), note="my own follow-up")
    bob = ws.users.find_or_add("Bob")
    assert ws.users.assign([ola], bob) == 1
    assert ws.users.assign([ola, ewa], bob) == 1  # Ola is Bob's already
    assert ws.users.owned([ola, ewa]) == []
    assert ws.users.owned_counts() == {bob: 2}
    # The follow-ups go with them: Bob makes the calls now (tests/core/test_users_handover.py).
    assert _column(ws, f"SELECT owner_id FROM reminder WHERE id = {mine}") == [bob]
    assert ws.users.assign([ewa], None) == 1 and ws.users.owned_counts() == {bob: 1}
    with pytest.raises(NotFoundError):
        ws.users.assign([ola], 999)
