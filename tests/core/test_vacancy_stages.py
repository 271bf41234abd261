"""A role's stages: added, renamed, given a kind, reordered; a stage with people is kept."""

from __future__ import annotations

import pytest

from talentdesk.core.db.enums import StageKind
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.records import CandidateRecord
from talentdesk.core.vacancies.records import VacancyRecord
from talentdesk.core.workspace import Workspace


def role(ws: Workspace) -> int:
    return ws.vacancies.create(VacancyRecord(title="Backend Developer"))


def names(ws: Workspace, vacancy_id: int) -> list[str]:
    return [s.name for s in ws.vacancies.stages(vacancy_id)]


def test_a_stage_is_added_where_asked_and_the_order_is_kept(ws: Workspace) -> None:
    vacancy_id = role(ws)
    before = names(ws, vacancy_id)
    stage_id = ws.vacancies.add_stage(vacancy_id, "  Tech   test ", StageKind.INTERVIEWING, 3)
    after = ws.vacancies.stages(vacancy_id)
    assert [s.name for s in after] == [*before[:3], "Tech test", *before[3:]]
    assert [s.position for s in after] == list(range(len(after)))
    assert after[3].id == stage_id and after[3].kind is StageKind.INTERVIEWING
    last = ws.vacancies.add_stage(vacancy_id, "On ice", StageKind.WITHDRAWN)
    assert ws.vacancies.stages(vacancy_id)[-1].id == last


def test_rename_change_kind_and_reorder(ws: Workspace) -> None:
    vacancy_id = role(ws)
    stages = ws.vacancies.stages(vacancy_id)
    ws.vacancies.update_stage(stages[2].id, "Phone screen", StageKind.SCREENING)
    ws.vacancies.move_stage(stages[2].id, 0)
    moved = ws.vacancies.stages(vacancy_id)
    assert moved[0].name == "Phone screen" and moved[0].id == stages[2].id
    assert [s.position for s in moved] == list(range(len(moved)))
    ws.vacancies.update_stage(stages[4].id, "Offer made", StageKind.HIRED)
    assert {s.id: s.kind for s in ws.vacancies.stages(vacancy_id)}[stages[4].id] is StageKind.HIRED


def test_bad_names_are_refused(ws: Workspace) -> None:
    vacancy_id = role(ws)
    stages = ws.vacancies.stages(vacancy_id)
    with pytest.raises(ValidationError) as caught:
        ws.vacancies.add_stage(vacancy_id, "contacted", StageKind.CONTACTED)
    assert "already" in caught.value.errors["name"]
    with pytest.raises(ValidationError):
        ws.vacancies.update_stage(stages[0].id, "   ", StageKind.NEW)
    ws.vacancies.update_stage(stages[0].id, "SOURCED", StageKind.NEW)  # its own name, recased
    assert names(ws, vacancy_id)[0] == "SOURCED"
    with pytest.raises(NotFoundError):
        ws.vacancies.add_stage(vacancy_id + 1, "Anything", StageKind.NEW)


def test_a_stage_with_people_is_not_deleted_an_empty_one_is(ws: Workspace) -> None:
    vacancy_id = role(ws)
    person = ws.candidates.create(CandidateRecord(first_name="Anna", last_name="Nowak"))
    ws.vacancies.add_candidates(vacancy_id, [person])
    stages = {s.name: s for s in ws.vacancies.stages(vacancy_id)}
    with pytest.raises(ValidationError) as caught:
        ws.vacancies.delete_stage(stages["Contacted"].id)
    assert "has 1 person in it" in caught.value.errors["stage"]
    ws.vacancies.delete_stage(stages["Withdrawn"].id)
    left = ws.vacancies.stages(vacancy_id)
    assert "Withdrawn" not in [s.name for s in left]
    assert [s.position for s in left] == list(range(len(left)))


def test_renaming_keeps_the_history_as_it_was(ws: Workspace) -> None:
    vacancy_id = role(ws)
    person = ws.candidates.create(CandidateRecord(first_name="Anna", last_name="Nowak"))
    ws.vacancies.add_candidates(vacancy_id, [person])
    stages = {s.name: s for s in ws.vacancies.stages(vacancy_id)}
    ws.vacancies.update_stage(stages["Contacted"].id, "Reached out", StageKind.CONTACTED)
    (application,) = ws.vacancies.applications_of(person)
    assert application.stage == "Reached out"
    assert [m.to_stage for m in application.history] == ["Contacted"]
