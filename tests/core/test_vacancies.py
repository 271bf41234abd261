"""Vacancies in the core: roles, their stages, and applications moving through them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from talentdesk.core.db.enums import (
    DEFAULT_STAGES,
    CandidateStatus,
    StageKind,
    TagCategory,
    VacancyStatus,
)
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.vacancies.records import VacancyRecord, WantedTag
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock

KOTLIN = TagRef(TagCategory.SKILL, "Kotlin")
SPRING = TagRef(TagCategory.SKILL, "Spring")


def person(ws: Workspace, first: str, **fields: object) -> int:
    return ws.candidates.create(CandidateRecord(first_name=first, last_name="Nowak", **fields))


def role(ws: Workspace, title: str = "Backend Developer", **fields: object) -> int:
    record = VacancyRecord(title=title, **fields)  # type: ignore[arg-type]
    return ws.vacancies.create(record)


def test_a_role_is_saved_with_its_wanted_tags_and_default_pipeline(ws: Workspace) -> None:
    vacancy_id = role(
        ws,
        company="Allegro",
        salary_min=Decimal("15000"),
        salary_max=Decimal("22000"),
        salary_currency="pln",
        tags=[WantedTag(KOTLIN), WantedTag(SPRING, required=False), WantedTag(KOTLIN, False)],
    )
    saved = ws.vacancies.get(vacancy_id)
    assert (saved.title, saved.company, saved.salary_currency) == (
        "Backend Developer",
        "Allegro",
        "PLN",
    )
    assert saved.required_tags == [KOTLIN] and saved.nice_tags == [SPRING]
    stages = ws.vacancies.stages(vacancy_id)
    assert [s.name for s in stages] == list(DEFAULT_STAGES)
    assert stages[1].kind is StageKind.CONTACTED


def test_bad_input_is_refused_with_the_field_named(ws: Workspace) -> None:
    with pytest.raises(ValidationError) as caught:
        role(ws, title="  ", salary_min=Decimal("9"), salary_max=Decimal("3"))
    assert set(caught.value.errors) == {"title", "salary_max"}


def test_adding_people_puts_them_at_contacted_and_leaves_out_do_not_contact(
    ws: Workspace,
) -> None:
    anna, ben = person(ws, "Anna"), person(ws, "Ben")
    dnc = person(ws, "Dora", status=CandidateStatus.DO_NOT_CONTACT)
    vacancy_id = role(ws)
    first = ws.vacancies.add_candidates(vacancy_id, [anna, dnc])
    again = ws.vacancies.add_candidates(vacancy_id, [anna, ben])
    assert (first.added, first.do_not_contact) == ((anna,), 1)
    assert (again.added, again.already) == ((ben,), 1)
    board = ws.vacancies.board(vacancy_id)
    contacted = next(s for s in board.stages if s.kind is StageKind.CONTACTED)
    assert [c.name for c in board.column(contacted.id)] == ["Anna Nowak", "Ben Nowak"]
    [summary] = ws.vacancies.summaries()
    assert (summary.in_pipeline, summary.total) == (2, 2)


def test_moves_are_recorded_and_shown_on_the_profile(ws: Workspace, clock: TravelClock) -> None:
    anna = person(ws, "Anna")
    vacancy_id = role(ws)
    ws.vacancies.add_candidates(vacancy_id, [anna])
    stages = {s.kind: s for s in ws.vacancies.stages(vacancy_id)}
    [card] = ws.vacancies.board(vacancy_id).cards
    clock.advance(days=2)
    ws.vacancies.move(card.application_id, stages[StageKind.INTERVIEWING].id)
    clock.advance(days=1)
    moved = ws.vacancies.move(card.application_id, stages[StageKind.OFFER].id)
    assert (moved.from_stage, moved.to_stage) == ("Interviewing", "Offer")
    [application] = ws.vacancies.applications_of(anna)
    assert (application.title, application.stage, application.kind) == (
        "Backend Developer",
        "Offer",
        StageKind.OFFER,
    )
    assert [(m.from_stage, m.to_stage) for m in application.history] == [
        (None, "Contacted"),
        ("Contacted", "Interviewing"),
        ("Interviewing", "Offer"),
    ]
    assert application.history[-1].moved_at == clock.now


def test_a_stage_of_another_vacancy_is_refused(ws: Workspace) -> None:
    anna = person(ws, "Anna")
    mine, other = role(ws), role(ws, "Data Engineer")
    ws.vacancies.add_candidates(mine, [anna])
    [card] = ws.vacancies.board(mine).cards
    foreign = ws.vacancies.stages(other)[3]
    with pytest.raises(ValidationError) as caught:
        ws.vacancies.move(card.application_id, foreign.id)
    assert "belongs to another vacancy" in caught.value.message
    assert ws.vacancies.applications_of(anna)[0].stage == "Contacted"


def test_a_card_dropped_between_two_others_keeps_its_place(ws: Workspace) -> None:
    people = [person(ws, name) for name in ("Anna", "Ben", "Cleo")]
    vacancy_id = role(ws)
    ws.vacancies.add_candidates(vacancy_id, people)
    board = ws.vacancies.board(vacancy_id)
    contacted = board.cards[0].stage_id
    cleo = board.cards[2]
    ws.vacancies.move(cleo.application_id, contacted, position=0)
    names = [c.name for c in ws.vacancies.board(vacancy_id).column(contacted)]
    assert names == ["Cleo Nowak", "Anna Nowak", "Ben Nowak"]


def test_moving_to_a_declined_stage_owes_feedback(ws: Workspace) -> None:
    anna = person(ws, "Anna")
    vacancy_id = role(ws, "Site Reliability Engineer")
    ws.vacancies.add_candidates(vacancy_id, [anna])
    [card] = ws.vacancies.board(vacancy_id).cards
    declined = next(s for s in ws.vacancies.stages(vacancy_id) if s.kind is StageKind.DECLINED)
    ws.vacancies.move(card.application_id, declined.id)
    reasons = [r.reason for r in ws.reminders.for_candidate(anna) if r.done_at is None]
    assert reasons == ["Moved to Declined for vacancy Site Reliability Engineer — tell them"]


def test_deleting_a_role_is_undone_with_its_pipeline_and_history(ws: Workspace) -> None:
    anna = person(ws, "Anna")
    vacancy_id = role(ws, tags=[WantedTag(KOTLIN)])
    ws.vacancies.add_candidates(vacancy_id, [anna])
    before = ws.vacancies.applications_of(anna)
    deleted = ws.vacancies.delete(vacancy_id)
    assert ws.vacancies.summaries() == [] and ws.vacancies.applications_of(anna) == []
    with pytest.raises(NotFoundError):
        ws.vacancies.get(vacancy_id)
    ws.vacancies.restore(deleted)
    assert ws.vacancies.applications_of(anna) == before
    assert ws.vacancies.get(vacancy_id).required_tags == [KOTLIN]


def test_closing_sets_the_date_and_reopening_clears_it(ws: Workspace, clock: TravelClock) -> None:
    vacancy_id = role(ws)
    ws.vacancies.set_status(vacancy_id, VacancyStatus.FILLED)
    assert ws.vacancies.get(vacancy_id).closed_on == clock.now.date()
    ws.vacancies.set_status(vacancy_id, VacancyStatus.OPEN)
    assert ws.vacancies.get(vacancy_id).closed_on is None


def test_two_processes_moving_the_same_card_both_land_and_the_later_wins(
    ws: Workspace, clock: TravelClock
) -> None:
    """The window and the command line (two workspaces on one file) move the same card."""
    anna = person(ws, "Anna")
    vacancy_id = role(ws)
    ws.vacancies.add_candidates(vacancy_id, [anna])
    stages = {s.kind: s for s in ws.vacancies.stages(vacancy_id)}
    [card] = ws.vacancies.board(vacancy_id).cards
    other = Workspace.open(ws.paths, clock)
    try:
        ws.vacancies.move(card.application_id, stages[StageKind.INTERVIEWING].id)
        clock.advance(minutes=1)
        other.vacancies.move(card.application_id, stages[StageKind.REJECTED].id)
    finally:
        other.close()
    [application] = ws.vacancies.applications_of(anna)
    assert application.kind is StageKind.REJECTED
    assert [m.to_stage for m in application.history] == ["Contacted", "Interviewing", "Not a fit"]


def test_feedback_is_owed_per_vacancy(ws: Workspace, clock: TravelClock) -> None:
    """Declined on one role and rejected on another: told about each, separately."""
    anna = person(ws, "Anna")
    backend, data = role(ws), role(ws, "Data Engineer")
    for vacancy_id, kind in ((backend, StageKind.DECLINED), (data, StageKind.REJECTED)):
        ws.vacancies.add_candidates(vacancy_id, [anna])
        [card] = ws.vacancies.board(vacancy_id).cards
        stage = next(s for s in ws.vacancies.stages(vacancy_id) if s.kind is kind)
        ws.vacancies.move(card.application_id, stage.id)
    owed = sorted(r.reason or "" for r in ws.reminders.for_candidate(anna) if r.done_at is None)
    assert owed == [
        "Moved to Declined for vacancy Backend Developer — tell them",
        "Moved to Not a fit for vacancy Data Engineer — tell them",
    ]
    ws.vacancies.delete(data)
    owed = [r.reason for r in ws.reminders.for_candidate(anna) if r.done_at is None]
    assert owed == ["Moved to Declined for vacancy Backend Developer — tell them"]
