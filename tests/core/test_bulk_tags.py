"""Bulk tag and untag: what lands in the database, the summary, and an exact undo."""

from __future__ import annotations

import pytest

from talentdesk.core.bulk import ids as bulk_ids
from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.db.enums import TagCategory
from talentdesk.core.diagnose import CancelledError
from talentdesk.core.errors import ValidationError
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.workspace import Workspace
from tests.core.bulk_helpers import deleted_one, people, rows, state
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

KOTLIN = TagRef(TagCategory.SKILL, "Kotlin")


def tags_of(ws: Workspace, candidate_id: int) -> list[TagRef]:
    return ws.candidates.get(candidate_id).tags


def test_tagging_many_adds_the_tag_and_undo_takes_it_off(ws: Workspace) -> None:
    ids = people(ws, 5)
    before = state(ws.paths.database)
    result = ws.bulk.tag(ids, [KOTLIN])
    assert result.summary == "Tagged 5 candidates Kotlin · skill"
    assert all(tags_of(ws, i) == [KOTLIN] for i in ids)
    assert sorted(ws.listing.ids(ListQuery(search="kotlin"))) == ids  # found by its tag

    undone = ws.bulk.undo(result.undo)
    assert undone.summary == "Undid: tagged 5 candidates Kotlin · skill"
    assert state(ws.paths.database) == before  # the new tag is gone too
    assert ws.listing.ids(ListQuery(search="kotlin")) == []


def test_those_who_have_it_already_and_the_deleted_are_counted(ws: Workspace) -> None:
    had = ws.candidates.create(CandidateRecord(first_name="Had", tags=[KOTLIN]))
    ids = people(ws, 3)
    gone = deleted_one(ws)
    before = state(ws.paths.database)
    result = ws.bulk.tag([*ids, had, gone], [TagRef(TagCategory.SKILL, " kotlin ")])
    assert result.summary == (
        "Tagged 3 candidates Kotlin · skill · 1 had it already · Skipped 1 deleted meanwhile"
    )
    assert (result.changed, result.unchanged, result.skipped) == (3, 1, 1)
    assert len(rows(ws.paths.database, "tag")) == 1  # "kotlin" found "Kotlin"
    ws.bulk.undo(result.undo)
    assert state(ws.paths.database) == before
    assert tags_of(ws, had) == [KOTLIN]  # theirs stays


def test_untag_removes_only_that_tag_and_undo_puts_it_back(ws: Workspace) -> None:
    java = TagRef(TagCategory.SKILL, "Java")
    a = ws.candidates.create(CandidateRecord(first_name="A", tags=[KOTLIN, java]))
    b = ws.candidates.create(CandidateRecord(first_name="B", tags=[java]))
    before = state(ws.paths.database)
    result = ws.bulk.untag([a, b], [KOTLIN])
    assert result.summary == "Untagged 1 candidate Kotlin · skill · 1 did not have it"
    assert tags_of(ws, a) == [java]
    ws.bulk.undo(result.undo)
    assert state(ws.paths.database) == before
    assert tags_of(ws, a) == [java, KOTLIN]


def test_untag_of_a_tag_nobody_has_is_a_counted_no_op(ws: Workspace) -> None:
    ids = people(ws, 2)
    before = state(ws.paths.database)
    result = ws.bulk.untag(ids, [TagRef(TagCategory.SKILL, "Cobol")])
    assert result.summary == "Untagged 0 candidates Cobol · skill · 2 did not have it"
    assert state(ws.paths.database) == before  # no tag made either


def test_a_tag_made_by_the_action_stays_if_someone_else_got_it_meanwhile(ws: Workspace) -> None:
    ids = people(ws, 2)
    result = ws.bulk.tag(ids[:1], [KOTLIN])
    ws.bulk.tag(ids[1:], [KOTLIN])
    ws.bulk.undo(result.undo)
    assert tags_of(ws, ids[0]) == []
    assert tags_of(ws, ids[1]) == [KOTLIN]


def test_no_tag_is_refused(ws: Workspace) -> None:
    with pytest.raises(ValidationError):
        ws.bulk.tag(people(ws, 1), [TagRef(TagCategory.SKILL, "  ")])


def test_progress_is_reported_and_cancel_rolls_everything_back(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_ids, "CHUNK", 3)
    ids = people(ws, 7)
    seen: list[tuple[int, int]] = []
    with pytest.raises(CancelledError):
        ws.bulk.tag(ids, [KOTLIN], progress=lambda *p: seen.append(p), cancelled=lambda: True)
    assert seen == [(3, 7)]  # cancelled after the first chunk: nothing stays
    assert rows(ws.paths.database, "candidate_tag") == []
    assert rows(ws.paths.database, "tag") == []
    seen.clear()
    ws.bulk.tag(ids, [KOTLIN], progress=lambda *p: seen.append(p))
    assert seen == [(3, 7), (6, 7), (7, 7)]
    assert len(rows(ws.paths.database, "candidate_tag")) == 7
