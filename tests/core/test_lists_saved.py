"""Saved smart lists: the starters, create / rename / update / reorder / delete and its undo."""

from __future__ import annotations

from datetime import timedelta

import pytest

from talentdesk.core.db.engine import make_engine, set_foreign_keys
from talentdesk.core.db.enums import InteractionKind, LegalBasis, StageKind
from talentdesk.core.db.migrate import upgrade
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.lists.filters import Contact, Filter, Period, StageRule
from talentdesk.core.lists.syntax import parse
from talentdesk.core.ops.writer import OpDone
from talentdesk.core.privacy.consent_state import ConsentState
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import TravelClock
from tests.pg_fixtures import ws_on_both  # noqa: F401

STARTERS = [
    "Declined offers — last 12 months",
    "Silver medallists",
    "Withdrawn",
    "Near-fits",
    "Losing touch",
    "No contact in 6 months",
    "Consent expiring soon",
]


def test_a_new_database_has_the_starters(ws: Workspace) -> None:
    found = ws.lists.all()
    assert [s.name for s in found] == STARTERS
    assert all(s.count == 0 for s in found)
    by_name = {s.name: s.filter for s in found}
    assert by_name["Silver medallists"].stages == (
        StageRule(
            kinds=frozenset({StageKind.INTERVIEWING, StageKind.OFFER}),
            ever=True,
            never=frozenset({StageKind.HIRED}),
        ),
    )
    assert by_name["No contact in 6 months"] == Filter(
        contact=Contact.NOT_IN, contact_period=Period(months=6)
    )
    assert by_name["Consent expiring soon"] == Filter(consent=frozenset({ConsentState.EXPIRING}))


@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_upgrading_a_0006_database_adds_the_starters(paths: AppPaths, clock: TravelClock) -> None:
    paths.ensure()
    engine = make_engine(paths.database)
    with engine.connect() as conn:
        set_foreign_keys(conn, False)
        with conn.begin():
            upgrade(conn, "0006")
    engine.dispose()
    ws = Workspace.open(paths, clock)
    try:
        assert [s.name for s in ws.lists.all()] == STARTERS
        assert ws.lists.get_by_name("near-FITS") is not None
    finally:
        ws.close()


def test_the_starters_count_who_they_should(ws: Workspace, clock: TravelClock) -> None:
    quiet = ws.candidates.create(CandidateRecord("Ann", "Quiet"))
    drifting = ws.candidates.create(CandidateRecord("Bob", "Drifting"))
    ws.interactions.log(drifting, InteractionKind.CALL, clock() - timedelta(days=120), "call")
    counts = {s.name: s.count for s in ws.lists.all()}
    assert counts["No contact in 6 months"] == 1  # Ann, never contacted
    assert counts["Losing touch"] == 1
    assert counts["Consent expiring soon"] == 0
    ws.consent.record(quiet, LegalBasis.CONSENT, expires_at=clock() + timedelta(days=20))
    counts = {s.name: s.count for s in ws.lists.all()}
    assert counts["Consent expiring soon"] == 1  # the re-consent campaign's audience


def test_create_rename_update_and_names_are_unique(ws: Workspace) -> None:
    kotlin = ws.lists.create("  Kotlin   people ", parse("tag:kotlin"))
    assert ws.lists.get(kotlin).name == "Kotlin people"
    assert ws.lists.get(kotlin).filter == parse("tag:kotlin")
    with pytest.raises(ValidationError, match="already exists"):
        ws.lists.create("kotlin PEOPLE", Filter())
    with pytest.raises(ValidationError, match="already exists"):
        ws.lists.create("Withdrawn", Filter())
    with pytest.raises(ValidationError, match="needs a name"):
        ws.lists.create("   ", Filter())
    ws.lists.rename(kotlin, "Kotlin folks")
    ws.lists.rename(kotlin, "kotlin folks")  # its own name, in other case
    with pytest.raises(ValidationError, match="already exists"):
        ws.lists.rename(kotlin, "Near-fits")
    ws.lists.update(kotlin, parse("tag:kotlin city:berlin"))
    assert ws.lists.get_by_name("KOTLIN FOLKS") is not None
    assert ws.lists.get(kotlin).filter.cities == ("berlin",)
    with pytest.raises(NotFoundError):
        ws.lists.update(999, Filter())


def test_delete_and_restore_in_place(ws: Workspace) -> None:
    silver = ws.lists.get_by_name("Silver medallists")
    assert silver is not None
    deleted = ws.lists.delete(silver.id)
    assert "Silver medallists" not in [s.name for s in ws.lists.all()]
    ws.lists.restore(deleted)
    assert [s.name for s in ws.lists.all()] == STARTERS
    assert ws.lists.get(silver.id).filter == silver.filter


def test_reorder_and_move(ws: Workspace) -> None:
    ids = [s.id for s in ws.lists.all()]
    ws.lists.move(ids[-1], 0)
    assert [s.name for s in ws.lists.all()][:2] == [STARTERS[-1], STARTERS[0]]
    ws.lists.reorder(list(reversed(ids)))
    assert [s.name for s in ws.lists.all()] == list(reversed(STARTERS))
    new = ws.lists.create("Last", Filter())
    assert ws.lists.all()[-1].id == new


def test_writes_note_the_lists_changed(ws: Workspace) -> None:
    heard: list[OpDone] = []
    ws.writer.add_listener(heard.append)
    ws.lists.create("Noted", Filter())
    assert [done.changes.lists for done in heard] == [True]
