"""Handing candidates over to a colleague (`ws.users.hand_over`), on SQLite and PostgreSQL: the
people change owners with the follow-ups their old owner had, their stamps and versions move
on, and one undo gives each person their previous owner and reminders back, exactly."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text

from talentdesk.core.bulk import ids as bulk_ids
from talentdesk.core.diagnose import CancelledError
from talentdesk.core.edit_conflict import EditConflictError
from talentdesk.core.errors import NotFoundError
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock, written_outside
from tests.core.bulk_helpers import deleted_one, people, state
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)


def _owners(ws: Workspace, table: str) -> dict[int, int | None]:
    """id → owner_id of every row of `table` (reminders: the open ones)."""
    where = " WHERE done_at IS NULL" if table == "reminder" else ""
    with written_outside(ws.paths.database) as connection:
        found = connection.execute(text(f"SELECT id, owner_id FROM {table}{where}"))
        return {int(i): None if o is None else int(o) for i, o in found}


def _set_owner(ws: Workspace, table: str, row_id: int, owner: int | None) -> None:
    with written_outside(ws.paths.database) as connection:
        connection.execute(
            text(f"UPDATE {table} SET owner_id = :o WHERE id = :i"), {"o": owner, "i": row_id}
        )


def _versions(ws: Workspace, candidate_ids: list[int]) -> list[int]:
    return [ws.candidates.get(i).version or 0 for i in candidate_ids]


def test_hand_over_moves_owners_and_follow_ups_and_undo_gives_them_back(
    ws: Workspace, clock: TravelClock
) -> None:
    me = ws.users.current_id
    bob, cleo = ws.users.find_or_add("Bob"), ws.users.find_or_add("Cleo")
    ola, ewa, piotr = people(ws, 3)
    _set_owner(ws, "candidate", piotr, cleo)
    pool = ws.pools.create("Backend")
    ws.pools.add_members(pool, [ola, ewa])
    ws.pools.set_cadence(pool, 10)
    clock.advance(days=11)
    ws.refresh_generated_reminders()  # a check-in each for Ola and Ewa, mine as they are
    soon = clock() + timedelta(days=1)
    call_back = ws.reminders.add(ola, soon, note="call back")  # mine
    cleos_own = ws.reminders.add(ola, soon, note="Cleo asks about Ola")
    _set_owner(ws, "reminder", cleos_own, cleo)
    nobodys = ws.reminders.add(ewa, soon, note="anyone may call")
    _set_owner(ws, "reminder", nobodys, None)
    piotrs = ws.reminders.add(piotr, soon, note="Cleo's follow-up")
    _set_owner(ws, "reminder", piotrs, cleo)
    done = ws.reminders.add(ola, soon, note="done long ago")
    ws.reminders.complete(done)
    clock.advance(hours=1)
    owners_before, before = _owners(ws, "reminder"), state(ws.paths.database)
    versions = _versions(ws, [ola, ewa, piotr])

    result = ws.users.hand_over([ola, ewa, piotr, deleted_one(ws)], bob)

    assert result.summary == (
        "Handed 3 candidates over to Bob · 4 follow-ups went along · Skipped 1 deleted meanwhile"
    )
    assert {i: o for i, o in _owners(ws, "candidate").items() if i in (ola, ewa, piotr)} == {
        ola: bob,
        ewa: bob,
        piotr: bob,
    }
    moved = {i for i, o in _owners(ws, "reminder").items() if o != owners_before[i]}
    check_ins = {i for i, o in owners_before.items() if o == me and i != call_back}
    assert len(check_ins) == 2 and moved == {call_back, piotrs, *check_ins}
    assert _owners(ws, "reminder")[cleos_own] == cleo  # a colleague's own stays theirs
    assert _owners(ws, "reminder")[nobodys] is None
    assert {ws.candidates.get(i).updated_at for i in (ola, ewa, piotr)} == {clock()}
    after = _versions(ws, [ola, ewa, piotr])
    assert all(a > v for a, v in zip(after, versions, strict=True))

    undone = ws.bulk.undo(result.undo)
    assert undone.summary == "Undid: handed 3 candidates over to Bob"
    assert state(ws.paths.database) == before  # owners, stamps and reminders as they were
    assert _owners(ws, "reminder") == owners_before
    assert all(u > a for u, a in zip(_versions(ws, [ola, ewa, piotr]), after, strict=True))


def test_follow_ups_can_stay_with_their_owner(ws: Workspace, clock: TravelClock) -> None:
    bob = ws.users.find_or_add("Bob")
    (ola,) = people(ws, 1)
    call_back = ws.reminders.add(ola, clock() + timedelta(days=1), note="call back")
    before = _owners(ws, "reminder")
    result = ws.users.hand_over([ola], bob, reminders=False)
    assert result.summary == "Handed 1 candidate over to Bob"
    assert _owners(ws, "reminder") == before and before[call_back] == ws.users.current_id
    assert _owners(ws, "candidate")[ola] == bob


def test_who_is_theirs_already_is_counted_and_nobody_may_own_them(ws: Workspace) -> None:
    bob = ws.users.find_or_add("Bob")
    ola, ewa = people(ws, 2)
    assert ws.users.hand_over([ola], bob).summary == "Handed 1 candidate over to Bob"
    assert ws.users.hand_over([ola, ewa], bob).summary == (
        "Handed 1 candidate over to Bob · 1 was Bob's already"
    )
    assert ws.users.hand_over([ola], None).summary == "Handed 1 candidate over to nobody"
    assert ws.users.owned_counts() == {bob: 1}
    with pytest.raises(NotFoundError):
        ws.users.hand_over([ola], 999)


def test_a_form_opened_before_the_hand_over_is_stale(ws: Workspace) -> None:
    bob = ws.users.find_or_add("Bob")
    (ola,) = people(ws, 1)
    form = ws.candidates.get(ola)
    ws.users.hand_over([ola], bob)
    form.city = "Kraków"
    with pytest.raises(EditConflictError):
        ws.candidates.update(ola, form)


def test_progress_is_reported_and_cancel_changes_nothing(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_ids, "CHUNK", 3)
    bob = ws.users.find_or_add("Bob")
    ids = people(ws, 7)
    before = _owners(ws, "candidate")
    seen: list[tuple[int, int]] = []
    with pytest.raises(CancelledError):
        ws.users.hand_over(ids, bob, progress=lambda *p: seen.append(p), cancelled=lambda: True)
    assert seen == [(3, 7)] and _owners(ws, "candidate") == before
    seen.clear()
    result = ws.users.hand_over(ids, bob, progress=lambda *p: seen.append(p))
    assert seen == [(3, 7), (6, 7), (7, 7)] and result.changed == 7
