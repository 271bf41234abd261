"""No lost updates (issue 18): the writes besides the profile form's own save (bulk actions,
merges, imports, and their undos) move `candidate.version` on too, so a form opened before them
is refused on save rather than writing over what they did."""

from __future__ import annotations

from pathlib import Path

import pytest

from talentdesk.core.csvio.importer import run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions, OnDuplicate
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.db.enums import (
    CandidateStatus,
    InteractionKind,
    RelationshipKind,
    TagCategory,
)
from talentdesk.core.edit_conflict import EditConflictError
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.workspace import Workspace
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

JAVA = TagRef(TagCategory.SKILL, "Java")


def _anna(ws: Workspace, **fields: object) -> int:
    return ws.candidates.create(
        CandidateRecord(first_name="Anna", last_name="Kowalska", **fields)  # type: ignore[arg-type]
    )


def _refused(ws: Workspace, stale: CandidateRecord, field: str) -> None:
    """The stale form's save is refused, naming `field` among what differs."""
    assert stale.id is not None
    stale.notes = "typed meanwhile"
    with pytest.raises(EditConflictError) as refused:
        ws.candidates.update(stale.id, stale)
    assert field in [d.field for d in refused.value.differences]


def test_bulk_tagging_and_its_undo_make_an_open_form_stale(ws: Workspace) -> None:
    cid = _anna(ws)
    before = ws.candidates.get(cid)
    done = ws.bulk.tag([cid], [JAVA])
    _refused(ws, before, "tags")
    tagged = ws.candidates.get(cid)
    assert tagged.version == 2
    ws.bulk.undo(done.undo)
    undone = ws.candidates.get(cid)
    assert (undone.tags, undone.version) == ([], 3)  # back as before, at a new version
    _refused(ws, tagged, "tags")


def test_bulk_untagging_makes_an_open_form_stale(ws: Workspace) -> None:
    cid = _anna(ws, tags=[JAVA])
    before = ws.candidates.get(cid)
    ws.bulk.untag([cid], [JAVA])
    _refused(ws, before, "tags")


def test_bulk_status_and_its_undo_make_an_open_form_stale(ws: Workspace) -> None:
    cid = _anna(ws)
    before = ws.candidates.get(cid)
    done = ws.bulk.set_status([cid], CandidateStatus.ACTIVE)
    _refused(ws, before, "status")
    active = ws.candidates.get(cid)
    ws.bulk.undo(done.undo)
    assert ws.candidates.get(cid).version == active.version + 1
    _refused(ws, active, "status")


def test_a_merge_and_its_undo_make_an_open_form_stale(ws: Workspace) -> None:
    keep = _anna(ws, email="anna@example.com")
    other = _anna(ws, city="Kraków", tags=[JAVA])
    before = ws.candidates.get(keep)
    result = ws.merging.merge(keep, other)
    _refused(ws, before, "city")
    merged = ws.candidates.get(keep)
    ws.merging.unmerge(result)
    back = ws.candidates.get(keep)
    assert back.city is None and back.version > merged.version  # never its old version again
    _refused(ws, merged, "city")


def test_an_import_updating_someone_makes_an_open_form_stale(ws: Workspace, tmp_path: Path) -> None:
    cid = _anna(ws, email="anna@example.com")
    before = ws.candidates.get(cid)
    path = tmp_path / "people.csv"
    path.write_text("First name,Last name,E-mail,City\nAnna,Kowalska,anna@example.com,Gdańsk\n")
    layout = sniff(path)
    options = ImportOptions(mapping=guess_mapping(layout.header), on_duplicate=OnDuplicate.FILL)
    assert run_import(ws.db, path, layout, options, ws.clock).updated == 1
    assert ws.candidates.get(cid).version == 2
    _refused(ws, before, "city")


def test_a_touchpoint_or_a_reminder_leaves_an_open_form_current(ws: Workspace) -> None:
    cid = _anna(ws)
    before = ws.candidates.get(cid)
    ws.bulk.log_touchpoint([cid], InteractionKind.CALL, subject="Called")
    ws.bulk.add_reminder([cid], ws.clock())
    before.notes = "typed meanwhile"
    assert ws.candidates.update(cid, before).notes == "typed meanwhile"


def test_a_merge_makes_the_forms_of_those_the_merged_one_referred_stale(ws: Workspace) -> None:
    keep = _anna(ws, email="anna@example.com")
    other = _anna(ws, city="Kraków")
    jan = ws.candidates.create(
        CandidateRecord(
            first_name="Jan",
            last_name="Nowak",
            relationship_kind=RelationshipKind.REFERRED_BY,
            referred_by_id=other,
        )
    )
    before = ws.candidates.get(jan)
    result = ws.merging.merge(keep, other)
    assert ws.candidates.get(jan).referred_by_id == keep
    _refused(ws, before, "referred_by_id")
    repointed = ws.candidates.get(jan)
    ws.merging.unmerge(result)
    assert ws.candidates.get(jan).referred_by_id == other
    _refused(ws, repointed, "referred_by_id")
