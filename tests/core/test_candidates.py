"""Candidates: validation, normalisation, tags, and delete with undo."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import text

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.db.enums import InteractionKind, RelationshipKind, TagCategory
from talentdesk.core.errors import ValidationError
from talentdesk.core.normalize import normalise_linkedin_url
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.workspace import Workspace
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)


@pytest.mark.parametrize(
    "typed",
    [
        "https://www.linkedin.com/in/anna-kowalska/",
        "http://pl.linkedin.com/in/anna-kowalska?trk=public_profile",
        "linkedin.com/in/anna-kowalska",
        "  https://de.linkedin.com//in/anna-kowalska/#about ",
    ],
)
def test_linkedin_urls_are_stored_normalised(typed: str) -> None:
    assert normalise_linkedin_url(typed) == "https://linkedin.com/in/anna-kowalska"


@pytest.mark.parametrize("bad", ["https://example.com/in/anna", "linkedin.com", "ftp://x"])
def test_non_linkedin_urls_are_rejected(bad: str) -> None:
    with pytest.raises(ValueError):
        normalise_linkedin_url(bad)


def test_create_and_read_back_a_full_profile(ws: Workspace) -> None:
    record = CandidateRecord(
        first_name=" Anna ",
        last_name="Kowalska",
        email=" Anna.Kowalska@Example.com ",
        other_emails=["anna@example.org", "", "anna@example.org"],
        city="Kraków",
        title="Senior Java Developer",
        linkedin_url="www.linkedin.com/in/anna-kowalska/",
        salary_min=Decimal("18000"),
        salary_max=Decimal("24000"),
        salary_currency="pln",
        birthday=date(1990, 5, 17),
        tags=[TagRef(TagCategory.SKILL, "Java"), TagRef(TagCategory.LOCATION, "Kraków")],
    )
    cid = ws.candidates.create(record)
    got = ws.candidates.get(cid)
    assert got.first_name == "Anna"
    assert got.email == "Anna.Kowalska@example.com"
    assert got.other_emails == ["anna@example.org"]
    assert got.linkedin_url == "https://linkedin.com/in/anna-kowalska"
    assert got.salary_currency == "PLN"
    assert got.salary_min == Decimal("18000")
    assert got.birthday == date(1990, 5, 17)
    assert {t.name for t in got.tags} == {"Java", "Kraków"}
    assert got.created_at == ws.clock()


def test_invalid_fields_are_all_reported_and_nothing_is_written(ws: Workspace) -> None:
    record = CandidateRecord(
        first_name="",
        last_name="",
        email="anna@",
        linkedin_url="https://example.com/anna",
        salary_min=Decimal(10),
        salary_max=Decimal(5),
        salary_currency="zloty",
        birthday=ws.clock().date() + timedelta(days=3),
    )
    with pytest.raises(ValidationError) as caught:
        ws.candidates.create(record)
    assert set(caught.value.errors) == {
        "first_name",
        "email",
        "linkedin_url",
        "salary_max",
        "salary_currency",
        "birthday",
    }
    assert ws.candidates.count() == 0


def test_tags_are_shared_case_insensitively(ws: Workspace) -> None:
    a = ws.candidates.create(
        CandidateRecord(first_name="A", tags=[TagRef(TagCategory.SKILL, "Python")])
    )
    b = ws.candidates.create(
        CandidateRecord(first_name="B", tags=[TagRef(TagCategory.SKILL, "python")])
    )
    with ws.db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM tag")).scalar_one() == 1
    assert ws.candidates.get(a).tags == ws.candidates.get(b).tags


def test_referral_link_and_self_referral(ws: Workspace) -> None:
    referrer = ws.candidates.create(CandidateRecord(first_name="Piotr", last_name="Zieliński"))
    cid = ws.candidates.create(
        CandidateRecord(
            first_name="Ewa",
            relationship_kind=RelationshipKind.REFERRED_BY,
            referred_by_id=referrer,
        )
    )
    assert ws.candidates.get(cid).referred_by_name == "Piotr Zieliński"
    me = ws.candidates.get(cid)
    me.referred_by_id = cid
    with pytest.raises(ValidationError):
        ws.candidates.update(cid, me)


def test_delete_then_restore_brings_everything_back(ws: Workspace) -> None:
    referrer = ws.candidates.create(CandidateRecord(first_name="Marta", last_name="Lis"))
    referred = ws.candidates.create(
        CandidateRecord(
            first_name="Jan",
            relationship_kind=RelationshipKind.REFERRED_BY,
            referred_by_id=referrer,
        )
    )
    pool = ws.pools.create("Kraków Java")
    ws.pools.add_members(pool, [referrer])
    ws.interactions.log(referrer, InteractionKind.CALL, subject="Intro call")
    ws.reminders.add(referrer, ws.clock() + timedelta(days=1), note="follow up")
    ws.candidates.update(
        referrer,
        CandidateRecord(
            first_name="Marta", last_name="Lis", tags=[TagRef(TagCategory.SKILL, "Go")]
        ),
    )

    deleted = ws.candidates.delete([referrer])
    assert deleted.names == ["Marta Lis"]
    assert ws.candidates.count() == 1
    assert ws.candidates.get(referred).referred_by_id is None
    assert ws.reads.pool_summaries()[0].members == 0

    ws.candidates.restore(deleted)
    again = ws.candidates.get(referrer)
    assert again.full_name == "Marta Lis"
    assert [t.name for t in again.tags] == ["Go"]
    assert again.last_contact_at == ws.clock()
    assert [e.subject for e in ws.interactions.timeline(referrer)] == ["Intro call"]
    assert len(ws.reminders.for_candidate(referrer)) == 1
    assert ws.reads.pool_summaries()[0].members == 1
    assert ws.candidates.get(referred).referred_by_id == referrer
    assert ws.listing.ids(ListQuery(search="go")) == [referrer]


def test_a_tag_with_non_ascii_capitals_is_shared_not_duplicated(ws: Workspace) -> None:
    lodz = TagRef(TagCategory.LOCATION, "Łódź")
    first = ws.candidates.create(CandidateRecord(first_name="Ola", tags=[lodz]))
    second = ws.candidates.create(CandidateRecord(first_name="Ela", tags=[lodz]))
    assert ws.candidates.get(first).tags == ws.candidates.get(second).tags == [lodz]
    with ws.db.sessions() as session:
        assert session.scalar(text("SELECT count(*) FROM tag")) == 1


def test_the_same_tag_in_two_letter_cases_is_one_tag(ws: Workspace) -> None:
    tags = [TagRef(TagCategory.SKILL, "Java"), TagRef(TagCategory.SKILL, "java")]
    candidate = ws.candidates.create(CandidateRecord(first_name="Ola", tags=tags))
    assert ws.candidates.get(candidate).tags == [TagRef(TagCategory.SKILL, "Java")]


def test_nul_characters_are_dropped_from_text(ws: Workspace) -> None:
    candidate = ws.candidates.create(CandidateRecord(first_name="O\x00la", notes="a\x00b"))
    record = ws.candidates.get(candidate)
    assert (record.first_name, record.notes) == ("Ola", "ab")
