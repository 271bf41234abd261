"""The search box's `field:value` syntax, its reverse, the chips and the completions."""

from __future__ import annotations

from datetime import date

import pytest

from talentdesk.core.db.enums import CandidateStatus, Seniority, StageKind, TagCategory
from talentdesk.core.errors import ValidationError
from talentdesk.core.lists.describe import Chip, completions, describe, without
from talentdesk.core.lists.filters import (
    ConsentState,
    Contact,
    Filter,
    Period,
    StageRule,
    TagMode,
    TagRule,
)
from talentdesk.core.lists.syntax import parse, to_text
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.workspace import Workspace
from tests.pg_fixtures import ws_on_both  # noqa: F401

DECLINED = frozenset({StageKind.DECLINED})


def test_the_issue_example() -> None:
    f = parse("tag:kotlin city:kraków stage:declined since:12m near-fit java")
    assert f == Filter(
        text="java",
        stages=(StageRule(kinds=DECLINED, reached=Period(months=12)),),
        near_fit=True,
        tags=(TagRule(TagMode.ALL, (), ("kotlin",)),),
        cities=("kraków",),
    )


def test_plain_words_stay_free_text() -> None:
    assert parse("java krak") == Filter(text="java krak")
    assert parse("") == Filter()


def test_tag_fields_by_category_any_of_and_none_of() -> None:
    f = parse("skill:kotlin industry:Fintech tag:go,rust -tag:php")
    assert f.tags == (
        TagRule(
            TagMode.ALL,
            (TagRef(TagCategory.SKILL, "kotlin"), TagRef(TagCategory.INDUSTRY, "Fintech")),
        ),
        TagRule(TagMode.ANY, (), ("go", "rust")),
        TagRule(TagMode.NONE, (), ("php",)),
    )


def test_quoted_values() -> None:
    f = parse('tag:"machine learning" city:"Nowy Sącz" pool:"Backend Poland"', lambda n: 7)
    assert f.tags == (TagRule(TagMode.ALL, (), ("machine learning",)),)
    assert f.cities == ("Nowy Sącz",)
    assert f.pool_ids == (7,)
    assert f.text == ""


def test_unknown_fields_and_phrases_stay_free_text() -> None:
    assert parse("foo:bar java").text == "foo:bar java"
    assert parse('"exact words" x').text == '"exact words" x'
    assert parse("https://example.com").text == "https://example.com"


def test_values_by_value_or_label() -> None:
    f = parse("stage:Offer,not-a-fit")
    assert f.stages[0].kinds == {StageKind.OFFER, StageKind.REJECTED}
    f = parse('status:"do not contact" seniority:senior,lead consent:expiring,none')
    assert f.statuses == {CandidateStatus.DO_NOT_CONTACT}
    assert f.seniorities == {Seniority.SENIOR, Seniority.LEAD}
    assert f.consent == {ConsentState.EXPIRING, ConsentState.NONE}


def test_ever_never_and_since_apply_to_stages() -> None:
    f = parse("ever:interviewing,offer never:hired")
    assert f.stages == (
        StageRule(
            kinds=frozenset({StageKind.INTERVIEWING, StageKind.OFFER}),
            ever=True,
            never=frozenset({StageKind.HIRED}),
        ),
    )
    assert parse("ever:withdrawn since:30d").stages[0].reached == Period(days=30)
    assert parse("stage:declined since:2026-01-01").stages[0].reached == Period(
        start=date(2026, 1, 1)
    )


def test_contact_words() -> None:
    assert parse("contact:never").contact is Contact.NEVER
    f = parse("quiet:6m")
    assert (f.contact, f.contact_period) == (Contact.NOT_IN, Period(months=6))
    f = parse("contact:12m..3m")
    assert f.contact_period == Period(months=12, until_months=3)
    f = parse("since:1y")  # without a stage: last contact
    assert (f.contact, f.contact_period) == (Contact.IN, Period(months=12))
    f = parse("since:2026-01-01 until:2026-03-31")
    assert f.contact_period == Period(start=date(2026, 1, 1), end=date(2026, 3, 31))


def test_flags() -> None:
    f = parse("due remote has:email -near-fit")
    assert (f.reminder_due, f.remote, f.has_email, f.near_fit) == (True, True, True, False)
    assert parse("no:email -remote").has_email is False


@pytest.mark.parametrize(
    ("typed", "field"),
    [
        ("stage:nonsense", "stage"),
        ("since:2026-13-01", "since"),
        ("since:soon", "since"),
        ("status:asleep", "status"),
        ("has:phone", "has"),
        ("pool:Nowhere", "pool"),
        ("since:12m..3x", "since"),
        ("since:12m until:2026-01-01", "until"),
    ],
)
def test_bad_values_are_refused_clearly(typed: str, field: str) -> None:
    with pytest.raises(ValidationError) as raised:
        parse(typed, lambda name: None)
    assert field in raised.value.errors


@pytest.mark.parametrize("typed", ["since:2026-06-01..2026-01-01", "contact:3m..12m"])
def test_an_impossible_range_is_refused(typed: str) -> None:
    with pytest.raises(ValidationError) as raised:
        parse(typed)
    assert "starts" in str(raised.value) and "after it ends" in str(raised.value)


def test_a_period_cannot_start_after_it_ends() -> None:
    with pytest.raises(ValidationError):
        Period(start=date(2026, 2, 1), end=date(2026, 1, 1))


@pytest.mark.parametrize(
    "typed",
    [
        "tag:kotlin city:kraków stage:declined since:12m near-fit java",
        'skill:"machine learning" ever:interviewing,offer never:hired foo:bar',
        "-tag:php status:do_not_contact quiet:6m has:email",
        "remote contact:12m..3m due consent:expiring,valid country:Polska source:LinkedIn",
        "tag:go,rust seniority:lead,senior -remote no:email contact:never",
        "stage:withdrawn since:2026-01-01..2026-03-31",
    ],
)
def test_to_text_round_trips(typed: str) -> None:
    f = parse(typed)
    assert parse(to_text(f)) == f


def test_chips_in_plain_words() -> None:
    f = parse("skill:Kotlin stage:declined since:12m contact:never due")
    labels = [c.label for c in describe(f)]
    assert labels == [
        "Declined · last 12 months",
        "Tag: Kotlin (skill)",
        "Never contacted",
        "Reminder due",
    ]
    silver = parse("ever:interviewing,offer never:hired")
    assert [c.label for c in describe(silver)] == [
        "Ever reached Interviewing or Offer",
        "Never Hired",
    ]


def test_each_chip_can_be_removed() -> None:
    typed = (
        "skill:kotlin tag:java -tag:php tag:go,rust city:berlin city:krakow stage:declined "
        "since:12m never:hired near-fit remote seniority:senior status:active quiet:6m due "
        "consent:valid source:x has:email word"
    )
    f = parse(typed)
    chips = describe(f)
    assert len({c.key for c in chips}) == len(chips)
    for chip in chips:
        smaller = without(f, chip)
        assert smaller != f, chip
        assert chip.label not in [c.label for c in describe(smaller)]
        assert len(describe(smaller)) == len(chips) - 1, chip
    empty = f
    while describe(empty):
        empty = without(empty, describe(empty)[0])
    assert empty.is_empty()
    assert without(f, Chip("x", "tag:99:0")) == f


def test_completions(ws: Workspace) -> None:
    ws.candidates.create(
        CandidateRecord(
            "Ann",
            "Lee",
            city="Kraków",
            tags=[TagRef(TagCategory.SKILL, "Kotlin"), TagRef(TagCategory.INDUSTRY, "Kiosks")],
        )
    )
    ws.candidates.create(CandidateRecord("Bob", "Lee", city="New Kraków"))
    ws.pools.create("Backend Poland")
    reader = ws.reader
    assert "tag:" in completions("ta", reader)
    assert "near-fit" in completions("ne", reader)
    assert completions("tag:k", reader) == ["tag:Kiosks", "tag:Kotlin"]
    assert completions("skill:k", reader) == ["skill:Kotlin"]
    assert completions("city:krak", reader) == ["city:Kraków"]
    assert completions("city:new k", reader) == ['city:"New Kraków"']
    assert completions("pool:back", reader) == ['pool:"Backend Poland"']
    assert completions("stage:de", reader) == ["stage:declined"]


def test_the_listing_speaks_the_syntax_with_pool_names(ws: Workspace) -> None:
    pool = ws.pools.create("Backend Poland")
    ann = ws.candidates.create(CandidateRecord("Ann", "Lee", city="Kraków"))
    ws.pools.add_members(pool, [ann])
    listing = ws.listing
    f = listing.parse_search('pool:"backend poland" city:krakow')
    assert f.pool_ids == (pool,)
    assert listing.search_text(f) == 'city:krakow pool:"Backend Poland"'
    assert [c.label for c in listing.chips(f)] == ["City: krakow", "Pool: Backend Poland"]
    assert listing.count_filter(f) == 1
    assert listing.completions("pool:b") == ['pool:"Backend Poland"']
    with pytest.raises(ValidationError, match="no pool named"):
        listing.parse_search("pool:Frontend")
