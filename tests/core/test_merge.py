"""Merging two records of one person: what moves, what is combined, what is refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from talentdesk.core.db.enums import InteractionKind, ReminderOrigin
from talentdesk.core.db.models import (
    Application,
    ApplicationStageChange,
    CandidateMerge,
    Consent,
    DuplicateDismissal,
    Interaction,
    OutboxMessage,
    PoolMembership,
    Reminder,
)
from talentdesk.core.duplicates.merge import MergeRefusedError
from talentdesk.core.duplicates.merge_fields import MERGED_COLUMNS
from talentdesk.core.errors import ValidationError
from talentdesk.core.records import PLAIN_FIELDS, CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock, session_outside
from tests.core.merge_people import make_pair
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)


def test_every_profile_column_is_picked_in_exactly_one_field() -> None:
    assert sorted(MERGED_COLUMNS) == sorted(PLAIN_FIELDS)


def test_preview_shows_both_sides_and_defaults_to_the_newest_non_empty(
    ws: Workspace, clock: TravelClock
) -> None:
    pair = make_pair(ws, clock)
    preview = ws.merging.preview(pair.keep, pair.other)
    rows = {f.key: f for f in preview.fields}
    assert (rows["name"].keep_text, rows["name"].other_text) == (
        "Anna Kowalska",
        "Anna Kowalska-Nowak",
    )
    assert rows["name"].default == "other"  # the other was saved later
    assert rows["phone"].default == "other" and rows["phone"].keep_text == ""
    assert rows["city"].default == "other"
    assert rows["notes"].same and rows["notes"].default == "keep"
    assert preview.moving.interactions == 1
    assert preview.moving.pools == 2 and preview.shared_pools == 1
    assert preview.moving.applications == 2 and preview.shared_vacancies == 1
    assert preview.moving.tags == 2 and preview.moving.emails == 3
    assert preview.moving.consents == 1 and preview.moving.outbox == 1


def test_merge_moves_everything_to_the_kept_person(ws: Workspace, clock: TravelClock) -> None:
    pair = make_pair(ws, clock)
    result = ws.merging.merge(pair.keep, pair.other, {"name": "keep", "email": "keep"})

    kept = ws.candidates.get(pair.keep)
    assert kept.full_name == "Anna Kowalska"  # picked
    assert kept.phone == "+48 601 234 567" and kept.city == "Warszawa"  # defaults
    assert kept.email == "anna@example.com"
    assert sorted(kept.other_emails) == [
        "a.k@work.example",
        "anna.nowak@example.org",
        "anna@home.example",
    ]
    assert [t.name for t in kept.tags] == ["Go", "Java", "Kotlin"]
    subjects = [e.subject for e in ws.interactions.timeline(pair.keep)]
    assert sorted(s or "" for s in subjects) == [
        "Coffee",
        "Intro call",
        "Merged with Anna Kowalska-Nowak",
    ]
    merged_note = next(
        e for e in ws.interactions.timeline(pair.keep) if e.subject and "Merged" in e.subject
    )
    assert merged_note.kind is InteractionKind.NOTE
    assert {m.pool_name for m in ws.pools.memberships(pair.keep)} == {"Kraków Java", "Warsaw Go"}
    assert ws.candidates.get(pair.referred).referred_by_id == pair.keep
    assert ws.candidates.count() == 2
    assert result.moved.interactions == 1 and result.merged_name == "Anna Kowalska-Nowak"
    with session_outside(ws.paths.database) as session:
        owners = set(session.scalars(select(Reminder.candidate_id)))
        assert owners == {pair.keep}
        merge = session.get(CandidateMerge, pair.other)
        assert merge is not None and merge.kept_id == pair.keep
        assert set(session.scalars(select(Application.candidate_id))) == {pair.keep}
        for model in (Consent, OutboxMessage, Interaction, PoolMembership):
            assert set(session.scalars(select(model.candidate_id))) == {pair.keep}, model
        dismissed = session.execute(
            select(DuplicateDismissal.first_id, DuplicateDismissal.second_id)
        ).all()
        assert [tuple(d) for d in dismissed] == [(pair.keep, pair.referred)]  # still not them


def test_a_pool_both_were_in_keeps_the_further_stage_and_the_near_fit(
    ws: Workspace, clock: TravelClock
) -> None:
    pair = make_pair(ws, clock)
    stages = ws.pools.stages(pair.shared_pool)
    ws.merging.merge(pair.keep, pair.other)
    shared = next(m for m in ws.pools.memberships(pair.keep) if m.pool_id == pair.shared_pool)
    assert shared.stage_id == stages[2].id  # the other's, further on
    assert shared.near_fit  # the kept one's flag


def test_a_vacancy_both_applied_to_keeps_the_further_application_and_both_histories(
    ws: Workspace, clock: TravelClock
) -> None:
    pair = make_pair(ws, clock)
    ws.merging.merge(pair.keep, pair.other)
    with session_outside(ws.paths.database) as session:
        apps = session.scalars(
            select(Application).where(Application.vacancy_id == pair.shared_role)
        ).all()
        assert len(apps) == 1 and apps[0].stage.name == "Engaged"
        moves = session.scalars(
            select(ApplicationStageChange.to_stage).where(
                ApplicationStageChange.application_id == apps[0].id
            )
        ).all()
        assert sorted(moves) == ["Contacted", "Contacted", "Engaged"]


def test_open_generated_reminders_are_not_doubled(ws: Workspace, clock: TravelClock) -> None:
    pair = make_pair(ws, clock)
    with session_outside(ws.paths.database) as session:
        before = session.scalars(
            select(Reminder.candidate_id).where(
                Reminder.origin == ReminderOrigin.CADENCE, Reminder.pool_id == pair.shared_pool
            )
        ).all()
    assert sorted(before) == sorted([pair.keep, pair.other])
    ws.merging.merge(pair.keep, pair.other)
    with session_outside(ws.paths.database) as session:
        check_ins = session.scalars(
            select(Reminder).where(Reminder.origin == ReminderOrigin.CADENCE)
        ).all()
        assert sorted(r.pool_id or 0 for r in check_ins) == sorted(
            [pair.shared_pool, pair.other_pool]
        )
        manual = session.scalars(select(Reminder).where(Reminder.origin == ReminderOrigin.MANUAL))
        assert [r.note for r in manual] == ["send the offer"]


def test_merging_someone_with_themself_is_refused(ws: Workspace) -> None:
    anna = ws.candidates.create(CandidateRecord("Anna"))
    with pytest.raises(MergeRefusedError, match="cannot be merged with themself"):
        ws.merging.merge(anna, anna)


def test_an_id_that_does_not_exist_is_refused(ws: Workspace) -> None:
    anna = ws.candidates.create(CandidateRecord("Anna"))
    with pytest.raises(ValidationError, match="There is no candidate #999"):
        ws.merging.preview(anna, 999)


def test_someone_merged_away_is_refused_saying_where_they_went(
    ws: Workspace, clock: TravelClock
) -> None:
    anna = ws.candidates.create(CandidateRecord("Anna", "Kowalska"))
    twin = ws.candidates.create(CandidateRecord("Anna", "K."))
    third = ws.candidates.create(CandidateRecord("Ola"))
    ws.merging.merge(anna, twin, {"name": "keep"})
    with pytest.raises(
        MergeRefusedError, match=r"^Anna K\. was merged into Anna Kowalska on 25 Nov 2026\.$"
    ):
        ws.merging.merge(third, twin)
    assert ws.candidates.count() == 2


def test_unknown_picks_are_refused(ws: Workspace) -> None:
    anna = ws.candidates.create(CandidateRecord("Anna"))
    twin = ws.candidates.create(CandidateRecord("Anna"))
    with pytest.raises(ValidationError, match="shoe_size"):
        ws.merging.merge(anna, twin, {"shoe_size": "keep"})
    with pytest.raises(ValidationError, match="pick keep or other"):
        ws.merging.merge(anna, twin, {"name": "both"})
    assert ws.candidates.count() == 2


def test_the_kept_persons_generated_reminders_are_worked_out_again(
    ws: Workspace, clock: TravelClock
) -> None:
    pair = make_pair(ws, clock)
    ws.interactions.log(pair.other, InteractionKind.CALL, subject="Caught up")  # today
    with session_outside(ws.paths.database) as session:
        open_check_ins = select(Reminder.candidate_id).where(
            Reminder.origin == ReminderOrigin.CADENCE, Reminder.done_at.is_(None)
        )
        assert set(session.scalars(open_check_ins)) == {pair.keep}  # the call settled theirs
    ws.merging.merge(pair.keep, pair.other)
    with session_outside(ws.paths.database) as session:
        assert list(session.scalars(open_check_ins)) == []  # the kept one was called today too


def test_the_same_address_in_another_letter_case_is_not_counted_as_moving(
    ws: Workspace,
) -> None:
    keep = ws.candidates.create(CandidateRecord("Anna", "Nowak", email="anna@x.pl"))
    other = ws.candidates.create(CandidateRecord("Anna", "Nowak", email="ANNA@x.pl"))
    assert ws.merging.preview(keep, other).moving.emails == 0
    ws.merging.merge(keep, other)
    kept = ws.candidates.get(keep)
    assert kept.email == "anna@x.pl" and kept.other_emails == []
