"""Who the retention policy says is due for deletion: months after the last contact per legal
basis, months after a rejection; and the policy as a setting. On both backends (team mode)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.db.enums import ConsentStatus, InteractionKind, LegalBasis
from talentdesk.core.db.models import Consent
from talentdesk.core.errors import ValidationError
from talentdesk.core.lists.describe import describe
from talentdesk.core.lists.filters import Filter
from talentdesk.core.lists.periods import months_before
from talentdesk.core.lists.syntax import parse, to_text
from talentdesk.core.privacy.retention_policy import RetentionPolicy
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.conftest import START, TravelClock, session_outside, written_outside
from tests.core.vacancy_people import vacancy
from tests.pg_fixtures import ws_on_both  # noqa: F401


def _at(clock: TravelClock, months: int) -> None:
    clock.now = months_before(START, months)


def _add(ws: Workspace, clock: TravelClock, name: str, months_ago: int, contact: bool) -> int:
    _at(clock, months_ago)
    person = ws.candidates.create(CandidateRecord(name, "Test"))
    if contact:
        ws.interactions.log(person, InteractionKind.CALL, subject="call")
    return person


def _consent(ws: Workspace, person: int, basis: LegalBasis, status: ConsentStatus) -> None:
    with session_outside(ws.paths.database) as session:
        session.add(Consent(candidate_id=person, legal_basis=basis, status=status, given_at=START))


def _application_rejected(ws: Workspace, person: int, role: int) -> None:
    ws.vacancies.add_candidates(role, [person])
    rejected = next(s.id for s in ws.vacancies.stages(role) if s.name == "Not a fit")
    with written_outside(ws.paths.database) as conn:
        app_id = conn.execute(
            text("SELECT id FROM application WHERE candidate_id = :c AND vacancy_id = :v"),
            {"c": person, "v": role},
        ).scalar_one()
    ws.vacancies.move(app_id, rejected)


def test_due_after_the_last_contact_per_basis_and_after_a_rejection(
    ws: Workspace, clock: TravelClock
) -> None:
    role = vacancy(ws, "Backend")
    other_role = vacancy(ws, "Frontend")
    never = _add(ws, clock, "Never", 25, contact=False)  # added 25 months ago, never contacted
    recent = _add(ws, clock, "Recent", 23, contact=True)
    legit = _add(ws, clock, "Legit", 13, contact=True)
    agreed = _add(ws, clock, "Agreed", 13, contact=True)
    rejected = _add(ws, clock, "Rejected", 7, contact=True)
    _application_rejected(ws, rejected, role)
    busy = _add(ws, clock, "Busy", 7, contact=True)
    _application_rejected(ws, busy, role)
    ws.vacancies.add_candidates(other_role, [busy])  # still in progress elsewhere
    kept = _add(ws, clock, "Kept", 7, contact=True)
    _application_rejected(ws, kept, role)
    fresh = _add(ws, clock, "Fresh", 5, contact=True)
    _application_rejected(ws, fresh, role)
    pooled = _add(ws, clock, "Pooled", 8, contact=True)
    pool = ws.pools.create("Java")
    ws.pools.add_members(pool, [pooled], ws.pools.stages(pool)[6].id)  # "Not a fit"
    clock.now = START
    _consent(ws, legit, LegalBasis.LEGITIMATE_INTEREST, ConsentStatus.GIVEN)
    _consent(ws, agreed, LegalBasis.CONSENT, ConsentStatus.GIVEN)
    _consent(ws, kept, LegalBasis.CONSENT, ConsentStatus.GIVEN)
    policy = RetentionPolicy.default()
    ws.retention.set_policy(RetentionPolicy({**policy.after_contact, "legitimate_interest": 12}, 6))

    due = {row.id: row for row in ws.retention.due()}

    assert set(due) == {never, legit, rejected, pooled}
    assert due[never].reason == "contact" and due[never].basis == "none"
    assert due[never].since == months_before(START, 25)
    assert due[legit].basis == "legitimate_interest"
    assert due[rejected].reason == "rejection"
    assert due[rejected].describe() == f"rejected or declined on {months_before(START, 7).date()}"
    assert due[pooled].reason == "rejection"
    assert {recent, agreed, busy, kept, fresh}.isdisjoint(due)
    # The longest overdue first.
    assert next(iter(due)) == never


def test_zero_months_is_no_limit_and_the_policy_is_kept(ws: Workspace, clock: TravelClock) -> None:
    _add(ws, clock, "Old", 60, contact=False)
    clock.now = START
    assert len(ws.retention.due()) == 1
    ws.retention.set_policy(
        RetentionPolicy({b: 0 for b in RetentionPolicy.default().after_contact}, 0)
    )
    assert ws.retention.due() == []
    assert ws.retention.policy().after_rejection == 0
    assert set(ws.retention.policy().after_contact.values()) == {0}


def test_the_default_policy() -> None:
    policy = RetentionPolicy.default()
    assert policy.after_rejection == 6
    assert set(policy.after_contact) == {
        "consent",
        "legitimate_interest",
        "contract",
        "legal_obligation",
        "none",
    }
    assert set(policy.after_contact.values()) == {24}


def test_a_stored_value_that_is_not_valid_reads_as_the_default(
    ws: Workspace, clock: TravelClock
) -> None:
    old = _add(ws, clock, "Old", 25, contact=False)
    _add(ws, clock, "Newer", 20, contact=False)
    clock.now = START
    with written_outside(ws.paths.database) as conn:
        conn.execute(
            text("INSERT INTO app_setting (key, value) VALUES ('retention_months_none', '\"x\"')")
        )
    assert [row.id for row in ws.retention.due()] == [old]
    assert ws.retention.policy().after_contact["none"] == 24


def test_retention_due_in_the_search_box_and_as_a_saved_list(
    ws: Workspace, clock: TravelClock
) -> None:
    old = _add(ws, clock, "Old", 30, contact=False)
    _add(ws, clock, "Young", 2, contact=False)
    clock.now = START
    assert ws.listing.ids(ListQuery(search="retention:due")) == [old]
    assert ws.listing.ids(ListQuery(search="old retention:due")) == [old]
    flt = parse("retention:due")
    assert flt.retention_due and to_text(flt) == "retention:due"
    assert Filter.from_json(flt.to_json()) == flt
    assert "retention_due" not in Filter().to_json()  # older readers see the same keys
    assert [c.label for c in describe(flt)] == ["Due for deletion"]
    list_id = ws.lists.create("Due for deletion", flt)
    assert ws.listing.ids(ListQuery(list_id=list_id)) == [old]
    assert {s.name: s.count for s in ws.lists.all()}["Due for deletion"] == 1
    with pytest.raises(ValidationError):
        parse("retention:soon")


@pytest.mark.parametrize(
    ("now", "months", "due", "kept"),
    [
        # 31 March less one month is 28 February (29 in a leap year), on both backends
        ((2026, 3, 31), 1, [(2026, 2, 28, 11)], [(2026, 2, 28, 12), (2026, 3, 1, 12)]),
        ((2028, 3, 31), 1, [(2028, 2, 29, 11)], [(2028, 2, 29, 12), (2028, 3, 2, 12)]),
        ((2028, 2, 29), 12, [(2027, 2, 28, 11)], [(2027, 2, 28, 12), (2027, 3, 1, 12)]),
        ((2026, 1, 31), 1, [(2025, 12, 31, 11)], [(2025, 12, 31, 12)]),
        ((2026, 5, 31), 3, [(2026, 2, 28, 11)], [(2026, 2, 28, 12), (2026, 3, 2, 12)]),
    ],
)
def test_months_end_on_the_same_edge_days_on_both(
    ws: Workspace,
    clock: TravelClock,
    now: tuple[int, int, int],
    months: int,
    due: list[tuple[int, int, int, int]],
    kept: list[tuple[int, int, int, int]],
) -> None:
    ws.retention.set_policy(
        RetentionPolicy({b: months for b in RetentionPolicy.default().after_contact}, 0)
    )
    names = {}
    for when in due + kept:
        clock.now = datetime(*when, tzinfo=UTC)
        person = ws.candidates.create(CandidateRecord(f"P{when[1]}{when[2]}{when[3]}", "Test"))
        names[person] = when
    clock.now = datetime(*now, 12, tzinfo=UTC)
    assert sorted(names[row.id] for row in ws.retention.due()) == sorted(due)
