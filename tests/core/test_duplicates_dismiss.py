"""Dismissed pairs stay dismissed; dismissing is a write that can be taken back."""

from __future__ import annotations

import pytest

from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)


def add(ws: Workspace, first: str, last: str, **fields: object) -> int:
    record = CandidateRecord(first_name=first, last_name=last, **fields)  # type: ignore[arg-type]
    return ws.candidates.create(record)


def pairs(ws: Workspace) -> set[tuple[int, int]]:
    return {pair.ids for group in ws.duplicates.find().groups for pair in group.pairs}


def test_a_dismissed_pair_stays_dismissed(ws: Workspace) -> None:
    a = add(ws, "Anna", "Nowak", email="anna@x.pl")
    b = add(ws, "Anna", "Nowak", email="anna@x.pl")
    done = ws.duplicates.dismiss(b, a)  # either order
    assert (done.first_id, done.second_id, done.new) == (a, b, True)
    assert pairs(ws) == set()
    assert ws.duplicates.dismissed() == [(a, b)]
    # Still dismissed after the people change, and dismissing again changes nothing.
    ws.candidates.update(a, ws.candidates.get(a))
    assert pairs(ws) == set()
    assert not ws.duplicates.dismiss(a, b).new


def test_a_third_person_still_pairs_with_each(ws: Workspace) -> None:
    a = add(ws, "Anna", "Nowak", email="anna@x.pl")
    b = add(ws, "Anna", "Nowak", email="anna@x.pl")
    c = add(ws, "Anna", "Nowak", email="anna@x.pl")
    ws.duplicates.dismiss(a, b)
    assert pairs(ws) == {(a, c), (b, c)}


def test_undismiss_lists_the_pair_again(ws: Workspace) -> None:
    a = add(ws, "Anna", "Nowak", email="anna@x.pl")
    b = add(ws, "Anna", "Nowak", email="anna@x.pl")
    ws.duplicates.dismiss(a, b)
    assert ws.duplicates.undismiss(b, a)
    assert pairs(ws) == {(a, b)}
    assert ws.duplicates.dismissed() == []
    assert not ws.duplicates.undismiss(a, b)


def test_dismissing_notes_the_two_candidates(ws: Workspace) -> None:
    a = add(ws, "Anna", "Nowak", email="anna@x.pl")
    b = add(ws, "Anna", "Nowak", email="anna@x.pl")
    heard = []
    ws.writer.add_listener(heard.append)
    ws.duplicates.dismiss(a, b)
    assert heard[-1].changes.candidates == frozenset({a, b})


def test_bad_pairs_are_refused(ws: Workspace) -> None:
    a = add(ws, "Anna", "Nowak")
    with pytest.raises(ValidationError):
        ws.duplicates.dismiss(a, a)
    with pytest.raises(NotFoundError):
        ws.duplicates.dismiss(a, a + 100)
    assert ws.duplicates.dismissed() == []


def test_deleting_a_person_drops_their_dismissals(ws: Workspace) -> None:
    a = add(ws, "Anna", "Nowak", email="anna@x.pl")
    b = add(ws, "Anna", "Nowak", email="anna@x.pl")
    ws.duplicates.dismiss(a, b)
    ws.candidates.delete([b])
    assert ws.duplicates.dismissed() == []


def test_a_report_regrouped_without_a_pair_and_with_it_again(ws: Workspace) -> None:
    from talentdesk.core.duplicates.groups import regrouped

    a = add(ws, "Anna", "Nowak", email="anna@x.pl")
    b = add(ws, "Anna", "Nowak", email="anna@x.pl", phone="+48 601 234 567")
    c = add(ws, "Ania", "Nowak", phone="+48 601 234 567")
    report = ws.duplicates.find()
    assert [g.ids for g in report.groups] == [(a, b, c)]
    pair = next(p for p in report.groups[0].pairs if p.ids == (a, b))
    split = regrouped(report, without=[(b, c)])
    assert [g.ids for g in split.groups] == [(a, b)]
    gone = regrouped(split, without=[(a, b)])
    assert gone.groups == ()
    back = regrouped(gone, adding=[pair], people=report.groups[0].members)
    assert [g.ids for g in back.groups] == [(a, b)]
    assert back.groups[0].pairs == (pair,)


def test_undoing_a_delete_brings_back_their_dismissals(ws: Workspace) -> None:
    a = add(ws, "Anna", "Nowak", email="anna@x.pl")
    b = add(ws, "Anna", "Nowak", email="anna@x.pl")
    c = add(ws, "Anna", "Nowak", email="anna@x.pl")
    ws.duplicates.dismiss(a, b)
    ws.duplicates.dismiss(b, c)
    deleted = ws.candidates.delete([b])
    assert ws.duplicates.dismissed() == []
    ws.candidates.restore(deleted)
    assert ws.duplicates.dismissed() == [(a, b), (b, c)]
    assert pairs(ws) == {(a, c)}


def test_a_dismissal_with_someone_deleted_since_is_not_restored(ws: Workspace) -> None:
    a = add(ws, "Anna", "Nowak", email="anna@x.pl")
    b = add(ws, "Anna", "Nowak", email="anna@x.pl")
    ws.duplicates.dismiss(a, b)
    deleted_a = ws.candidates.delete([a])
    ws.candidates.delete([b])
    ws.candidates.restore(deleted_a)
    assert ws.duplicates.dismissed() == []
