"""Each part of a smart-list filter, as SQL over a real database: who it lists."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import text

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.db.datetimes import to_db
from talentdesk.core.db.enums import (
    CandidateStatus,
    InteractionKind,
    Seniority,
    StageKind,
    TagCategory,
)
from talentdesk.core.lists.filters import (
    ConsentState,
    Contact,
    Filter,
    Period,
    StageRule,
    TagMode,
    TagRule,
)
from talentdesk.core.lists.sql import condition
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.vacancies.records import VacancyRecord
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock, written_outside
from tests.pg_fixtures import ws_on_both  # noqa: F401


def matching(ws: Workspace, f: Filter) -> set[int]:
    where, params = condition(f, ws.clock(), server=ws.on_server)
    sql = "SELECT c.id FROM candidate c" + (f" WHERE {where}" if where else "")
    found = {row[0] for row in ws.reader.execute(sql, params)}
    assert ws.lists.count(f) == len(found)
    return found


def person(ws: Workspace, first: str, *tags: TagRef, **fields: object) -> int:
    return ws.candidates.create(CandidateRecord(first, "Test", tags=list(tags), **fields))  # type: ignore[arg-type]


def skill(name: str) -> TagRef:
    return TagRef(TagCategory.SKILL, name)


def kind_stage(ws: Workspace, pool_id: int, kind: StageKind) -> int:
    stages = ws.reader.execute(
        "SELECT id FROM pool_stage WHERE pool_id = ? AND kind = ? ORDER BY position",
        [pool_id, kind.value],
    ).fetchall()
    return int(stages[0][0])


def vacancy_stage(ws: Workspace, vacancy_id: int, kind: StageKind) -> int:
    return next(s.id for s in ws.vacancies.stages(vacancy_id) if s.kind is kind)


def test_an_empty_filter_lists_everyone(ws: Workspace) -> None:
    people = {person(ws, "Ann"), person(ws, "Bob")}
    assert condition(Filter(), ws.clock()) == ("", [])
    assert matching(ws, Filter()) == people


def test_stage_now_in_a_pool_with_when_it_was_reached(ws: Workspace, clock: TravelClock) -> None:
    ann, bob, cat = person(ws, "Ann"), person(ws, "Bob"), person(ws, "Cat")
    pool = ws.pools.create("Backend")
    ws.pools.add_members(pool, [ann, bob, cat])
    declined = kind_stage(ws, pool, StageKind.DECLINED)
    ws.pools.set_stage(pool, ann, declined)  # long ago
    clock.advance(days=400)
    ws.pools.set_stage(pool, bob, declined)  # recently
    rule = StageRule(kinds=frozenset({StageKind.DECLINED}))
    assert matching(ws, Filter(stages=(rule,))) == {ann, bob}
    recent = StageRule(kinds=frozenset({StageKind.DECLINED}), reached=Period(months=12))
    assert matching(ws, Filter(stages=(recent,))) == {bob}
    other = ws.pools.create("Frontend")
    narrowed = StageRule(kinds=frozenset({StageKind.DECLINED}), pool_id=other)
    assert matching(ws, Filter(stages=(narrowed,))) == set()


def test_ever_reached_in_a_vacancy_reads_the_history(ws: Workspace, clock: TravelClock) -> None:
    ann, bob, cat = person(ws, "Ann"), person(ws, "Bob"), person(ws, "Cat")
    role = ws.vacancies.create(VacancyRecord(title="Backend"))
    ws.vacancies.add_candidates(role, [ann, bob, cat])
    by_person = {p: ws.vacancies.applications_of(p)[0].application_id for p in (ann, bob, cat)}
    interviewing = vacancy_stage(ws, role, StageKind.INTERVIEWING)
    ws.vacancies.move(by_person[ann], interviewing)
    ws.vacancies.move(by_person[ann], vacancy_stage(ws, role, StageKind.REJECTED))
    ws.vacancies.move(by_person[bob], vacancy_stage(ws, role, StageKind.OFFER))
    ws.vacancies.move(by_person[bob], vacancy_stage(ws, role, StageKind.HIRED))
    finals = frozenset({StageKind.INTERVIEWING, StageKind.OFFER})
    assert matching(ws, Filter(stages=(StageRule(kinds=finals, ever=True),))) == {ann, bob}
    assert matching(ws, Filter(stages=(StageRule(kinds=finals),))) == set()  # not there now
    silver = StageRule(kinds=finals, ever=True, never=frozenset({StageKind.HIRED}))
    assert matching(ws, Filter(stages=(silver,))) == {ann}
    clock.advance(days=40)
    ws.vacancies.move(by_person[cat], interviewing)
    recently = StageRule(kinds=finals, ever=True, reached=Period(days=30))
    assert matching(ws, Filter(stages=(recently,))) == {cat}
    now = StageRule(kinds=finals, reached=Period(days=30))
    assert matching(ws, Filter(stages=(now,))) == {cat}


def test_never_alone_and_hired_in_a_pool(ws: Workspace) -> None:
    ann, bob = person(ws, "Ann"), person(ws, "Bob")
    pool = ws.pools.create("Backend")
    ws.pools.add_members(pool, [ann, bob])
    ws.pools.set_stage(pool, ann, kind_stage(ws, pool, StageKind.HIRED))
    never_hired = StageRule(never=frozenset({StageKind.HIRED}), ever=True)
    assert matching(ws, Filter(stages=(never_hired,))) == {bob}


def test_near_fit_in_a_pool_or_a_vacancy(ws: Workspace) -> None:
    ann, bob, cat = person(ws, "Ann"), person(ws, "Bob"), person(ws, "Cat")
    pool = ws.pools.create("Backend")
    ws.pools.add_members(pool, [ann, bob])
    ws.pools.set_near_fit(pool, ann, True)
    role = ws.vacancies.create(VacancyRecord(title="Backend"))
    ws.vacancies.add_candidates(role, [cat])
    ws.vacancies.set_near_fit([ws.vacancies.applications_of(cat)[0].application_id], True)
    assert matching(ws, Filter(near_fit=True)) == {ann, cat}
    assert matching(ws, Filter(near_fit=False)) == {bob}


def test_tags_all_any_none_and_by_category(ws: Workspace) -> None:
    both = person(ws, "Ann", skill("Kotlin"), skill("Java"))
    kotlin = person(ws, "Bob", skill("kotlin"))
    java = person(ws, "Cat", skill("Java"), TagRef(TagCategory.INDUSTRY, "Fintech"))
    none = person(ws, "Dan")
    kj = (skill("Kotlin"), skill("Java"))
    assert matching(ws, Filter(tags=(TagRule(TagMode.ALL, kj),))) == {both}
    assert matching(ws, Filter(tags=(TagRule(TagMode.ANY, kj),))) == {both, kotlin, java}
    assert matching(ws, Filter(tags=(TagRule(TagMode.NONE, kj),))) == {none}
    fintech = TagRule(TagMode.ALL, (), ("fintech",))  # any category, any case
    assert matching(ws, Filter(tags=(fintech,))) == {java}
    wrong = TagRule(TagMode.ALL, (TagRef(TagCategory.LOCATION, "Fintech"),))
    assert matching(ws, Filter(tags=(wrong,))) == set()


def test_cities_and_countries_ignore_case_and_accents(ws: Workspace) -> None:
    krakow = person(ws, "Ann", city="Kraków", country="Polska")
    plain = person(ws, "Bob", city="krakow", country="Poland")
    person(ws, "Cat", city="Nowy Kraków Dolny", country="Österreich")
    lodz = person(ws, "Dan", city="Łódź", country="Osterreich")
    assert matching(ws, Filter(cities=("KRAKOW",))) == {krakow, plain}
    assert matching(ws, Filter(cities=("lodz", "Kraków"))) == {krakow, plain, lodz}
    assert matching(ws, Filter(countries=("osterreich",))) == matching(
        ws, Filter(countries=("Österreich",))
    )
    assert lodz in matching(ws, Filter(countries=("osterreich",)))


def test_remote_is_the_city_or_a_location_tag(ws: Workspace) -> None:
    by_city = person(ws, "Ann", city="Remote")
    by_tag = person(ws, "Bob", TagRef(TagCategory.LOCATION, "remote"), city="Berlin")
    onsite = person(ws, "Cat", city="Berlin")
    assert matching(ws, Filter(remote=True)) == {by_city, by_tag}
    assert matching(ws, Filter(remote=False)) == {onsite}


def test_seniority_status_source_and_email(ws: Workspace) -> None:
    senior = person(ws, "Ann", seniority=Seniority.SENIOR, source="LinkedIn", email="a@x.org")
    person(ws, "Bob", seniority=Seniority.JUNIOR, status=CandidateStatus.DO_NOT_CONTACT)
    other_mail = person(ws, "Cat", other_emails=["c@x.org"])
    assert matching(ws, Filter(seniorities=frozenset({Seniority.SENIOR}))) == {senior}
    dnc = matching(ws, Filter(statuses=frozenset({CandidateStatus.DO_NOT_CONTACT})))
    assert len(dnc) == 1 and senior not in dnc
    assert matching(ws, Filter(sources=("linkedin",))) == {senior}
    assert matching(ws, Filter(has_email=True)) == {senior, other_mail}
    assert matching(ws, Filter(has_email=False)) == dnc


def test_last_contact_in_not_in_and_never(ws: Workspace, clock: TravelClock) -> None:
    old, recent, mid = person(ws, "Ann"), person(ws, "Bob"), person(ws, "Cat")
    never = person(ws, "Dan")
    now = clock()
    ws.interactions.log(old, InteractionKind.CALL, now - timedelta(days=500), subject="hi")
    ws.interactions.log(mid, InteractionKind.CALL, now - timedelta(days=150), subject="hi")
    ws.interactions.log(recent, InteractionKind.CALL, now - timedelta(days=10), subject="hi")
    ws.interactions.log(never, InteractionKind.NOTE, now, subject="a note is no contact")
    six = Period(months=6)
    assert matching(ws, Filter(contact=Contact.IN, contact_period=six)) == {recent, mid}
    assert matching(ws, Filter(contact=Contact.NOT_IN, contact_period=six)) == {old, never}
    assert matching(ws, Filter(contact=Contact.NEVER)) == {never}
    losing = Period(months=12, until_months=3)
    assert matching(ws, Filter(contact=Contact.IN, contact_period=losing)) == {mid}
    fixed = Period(start=(now - timedelta(days=600)).date(), end=(now - timedelta(days=400)).date())
    assert matching(ws, Filter(contact=Contact.IN, contact_period=fixed)) == {old}
    clock.advance(days=100)  # relative periods move with the clock
    assert matching(ws, Filter(contact=Contact.IN, contact_period=six)) == {recent}


def test_reminder_due_counts_snoozes(ws: Workspace, clock: TravelClock) -> None:
    due, snoozed, later = person(ws, "Ann"), person(ws, "Bob"), person(ws, "Cat")
    now = clock()
    ws.reminders.add(due, now - timedelta(hours=1))
    reminder = ws.reminders.add(snoozed, now - timedelta(hours=1))
    ws.reminders.snooze([reminder], now + timedelta(days=1))
    ws.reminders.add(later, now + timedelta(days=2))
    assert matching(ws, Filter(reminder_due=True)) == {due}
    clock.advance(days=1, hours=1)
    assert matching(ws, Filter(reminder_due=True)) == {due, snoozed}
    assert matching(ws, Filter(reminder_due=False)) == {later}


def test_consent_states_from_the_latest_record(ws: Workspace, clock: TravelClock) -> None:
    names = ("valid", "expiring", "expired", "marked", "withdrawn", "none", "pending")
    people = {name: person(ws, name.title()) for name in names}
    now = clock()
    rows = [
        ("valid", "given", now + timedelta(days=300)),
        ("expiring", "given", now + timedelta(days=10)),
        ("expired", "given", now - timedelta(days=1)),
        ("marked", "expired", None),
        ("withdrawn", "given", None),
        ("withdrawn", "withdrawn", None),  # the later record decides
        ("pending", "pending", None),
    ]
    with written_outside(ws.paths.database) as conn:
        for name, status, expires in rows:
            conn.execute(
                text(
                    "INSERT INTO consent (candidate_id, legal_basis, status, expires_at)"
                    " VALUES (:c, 'consent', :s, :e)"
                ),
                {"c": people[name], "s": status, "e": None if expires is None else to_db(expires)},
            )

    def who(*states: ConsentState) -> set[str]:
        found = matching(ws, Filter(consent=frozenset(states)))
        return {name for name, cid in people.items() if cid in found}

    assert who(ConsentState.VALID) == {"valid", "expiring"}
    assert who(ConsentState.EXPIRING) == {"expiring"}
    assert who(ConsentState.EXPIRED) == {"expired", "marked"}
    assert who(ConsentState.WITHDRAWN) == {"withdrawn"}
    assert who(ConsentState.NONE) == {"none", "pending"}
    assert who(ConsentState.NONE, ConsentState.WITHDRAWN) == {"none", "pending", "withdrawn"}


def test_pools_and_text_combine_with_the_rest(ws: Workspace) -> None:
    ann = person(ws, "Ann", skill("Kotlin"), city="Berlin")
    bob = person(ws, "Bob", skill("Kotlin"), city="Berlin")
    pool = ws.pools.create("Backend")
    ws.pools.add_members(pool, [ann])
    assert matching(ws, Filter(pool_ids=(pool,))) == {ann}
    assert matching(ws, Filter(text="bob berl")) == {bob}
    kotlin = TagRule(TagMode.ALL, (skill("Kotlin"),))
    assert matching(ws, Filter(tags=(kotlin,), cities=("berlin",), text="ann")) == {ann}


def test_a_saved_list_and_a_search_narrow_the_candidate_list(ws: Workspace) -> None:
    ann = person(ws, "Ann", skill("Kotlin"), city="Berlin")
    bob = person(ws, "Bob", skill("Kotlin"), city="Kraków")
    cat = person(ws, "Cat", skill("Java"), city="Kraków")
    pool = ws.pools.create("Backend")
    ws.pools.add_members(pool, [ann, bob, cat])
    kotlin = ws.lists.create("Kotlin", Filter(tags=(TagRule(TagMode.ALL, (skill("Kotlin"),)),)))
    listing = ws.listing
    assert listing.ids(ListQuery(list_id=kotlin)) == [ann, bob]
    assert listing.ids(ListQuery(list_id=kotlin, search="city:krakow")) == [bob]
    assert listing.ids(ListQuery(pool_id=pool, list_id=kotlin, search="bob")) == [bob]
    assert listing.count(ListQuery(search="skill:java")) == 1
    assert listing.total(None, kotlin) == 2
    assert listing.total(pool) == 3
    assert listing.ids(ListQuery(search="ann")) == [ann]  # plain words as before
    assert listing.ids(ListQuery(list_id=9999)) == []  # a list deleted meanwhile
    assert listing.ids(ListQuery(search="stage:nonsense")) == []
    assert "nonsense" in (listing.search_problem("stage:nonsense") or "")
    assert listing.search_problem("stage:declined") is None


def test_fixed_dates_are_whole_days(ws: Workspace) -> None:
    day = date(2026, 1, 15)
    where, params = condition(
        Filter(contact=Contact.IN, contact_period=Period(start=day, end=day)), ws.clock()
    )
    assert params == ["2026-01-15 00:00:00.000000", "2026-01-16 00:00:00.000000"]
    assert "c.last_contact_at >= ?" in where and "c.last_contact_at < ?" in where
