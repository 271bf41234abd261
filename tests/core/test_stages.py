"""One stage model: a pool's and a vacancy's stages are named, ordered and given a kind by the
user, saved whole; the code follows the kind."""

from __future__ import annotations

import pytest

from talentdesk.core.db.enums import DEFAULT_STAGES, StageKind
from talentdesk.core.errors import ValidationError
from talentdesk.core.records import CandidateRecord
from talentdesk.core.stages import Pipeline, StageRow
from talentdesk.core.vacancies.records import VacancyRecord
from talentdesk.core.workspace import Workspace
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)


def person(ws: Workspace, first: str = "Anna") -> int:
    return ws.candidates.create(CandidateRecord(first_name=first, last_name="Nowak"))


def test_renaming_reordering_and_adding_pool_stages_in_one_save(ws: Workspace) -> None:
    pool = ws.pools.create("Java")
    anna = person(ws)
    ws.pools.add_members(pool, [anna])
    rows = ws.stages.stages(Pipeline.POOL, pool)
    assert [r.name for r in rows] == list(DEFAULT_STAGES)
    assert rows[0].people == 1
    # Swap the first two, rename one to a name another had, add one, drop "Withdrawn".
    edited = [
        StageRow(rows[1].id, "Sourced", rows[1].kind),
        StageRow(rows[0].id, "Long list", rows[0].kind),
        StageRow(None, "Tech test", StageKind.SCREENING),
        *rows[2:8],
    ]
    ws.stages.save(Pipeline.POOL, pool, edited)
    after = ws.stages.stages(Pipeline.POOL, pool)
    assert [r.name for r in after][:4] == ["Sourced", "Long list", "Tech test", "Engaged"]
    assert len(after) == 10 - 1
    assert after[2].kind is StageKind.SCREENING
    [membership] = ws.pools.memberships(anna)
    assert membership.stage_name == "Long list"  # the same stage, renamed


def test_a_stage_with_people_is_not_removed(ws: Workspace) -> None:
    pool = ws.pools.create("Java")
    ws.pools.add_members(pool, [person(ws)])
    rows = ws.stages.stages(Pipeline.POOL, pool)
    with pytest.raises(ValidationError) as caught:
        ws.stages.save(Pipeline.POOL, pool, rows[1:])
    assert "move everyone out of Sourced (1) first" in caught.value.message
    assert [r.name for r in ws.stages.stages(Pipeline.POOL, pool)] == list(DEFAULT_STAGES)


@pytest.mark.parametrize(
    ("names", "problem"),
    [([], "at least one stage"), (["A", " a "], "two stages are called"), (["  "], "a name")],
)
def test_bad_pipelines_are_refused(ws: Workspace, names: list[str], problem: str) -> None:
    pool = ws.pools.create("Java")
    rows = [StageRow(None, n, StageKind.NEW) for n in names]
    with pytest.raises(ValidationError) as caught:
        ws.stages.save(Pipeline.POOL, pool, rows)
    assert problem in caught.value.message


def test_a_stage_of_another_pipeline_is_refused(ws: Workspace) -> None:
    java, data = ws.pools.create("Java"), ws.pools.create("Data")
    foreign = ws.stages.stages(Pipeline.POOL, data)[0]
    rows = [*ws.stages.stages(Pipeline.POOL, java), StageRow(foreign.id, "Theirs", foreign.kind)]
    with pytest.raises(ValidationError) as caught:
        ws.stages.save(Pipeline.POOL, java, rows)
    assert "belongs to another pool" in caught.value.message


def test_giving_a_stage_a_rejected_kind_owes_its_people_feedback(ws: Workspace) -> None:
    vacancy = ws.vacancies.create(VacancyRecord(title="Data Engineer"))
    anna = person(ws)
    ws.vacancies.add_candidates(vacancy, [anna])
    rows = ws.stages.stages(Pipeline.VACANCY, vacancy)
    assert rows[1].people == 1
    assert [r for r in ws.reminders.for_candidate(anna) if r.done_at is None] == []
    rows[1] = StageRow(rows[1].id, "Client said no", StageKind.REJECTED)
    ws.stages.save(Pipeline.VACANCY, vacancy, rows)
    [owed] = [r for r in ws.reminders.for_candidate(anna) if r.done_at is None]
    assert owed.reason == "Moved to Client said no for vacancy Data Engineer — tell them"
