"""Adding someone by hand: the check that says whether their contact details belong to a person
erased at their request (core/privacy/suppression.py `erased_on`, ws.erasure.erased_on)."""

from __future__ import annotations

from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.conftest import START, TravelClock
from tests.core.erased_person import EMAIL, LINKEDIN, make_person
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)


def test_an_erased_persons_email_linkedin_or_phone_is_recognised(
    ws: Workspace, clock: TravelClock
) -> None:
    person = make_person(ws, others=4)
    ws.erasure.erase([person.id])
    clock.advance(days=3)
    check = ws.erasure.erased_on
    assert check([EMAIL.upper()]) == START
    assert check([None, "other@x.example", "Q.V@Second.example"]) == START
    assert check([], LINKEDIN.replace("://", "://pl.").upper() + "/") == START
    assert check([], phone="601 777 313", country="Poland") == START
    assert check(["p0@crowd.example"], "https://linkedin.com/in/someone-else") is None
    assert check([], phone="601 777 314", country="Poland") is None
    assert check([]) is None


def test_nobody_is_recognised_before_anyone_was_erased(ws: Workspace) -> None:
    ws.candidates.create(CandidateRecord("Anna", "Nowak", email="anna@example.com"))
    assert ws.erasure.erased_on(["anna@example.com"]) is None
