"""Finding duplicates: each reason, the groups and what is not a duplicate."""

from __future__ import annotations

from talentdesk.core.duplicates.keys import MAX_SHARED
from talentdesk.core.duplicates.records import Confidence, DuplicateReport, ReasonKind
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)


def add(ws: Workspace, first: str, last: str, **fields: object) -> int:
    return ws.candidates.create(CandidateRecord(first_name=first, last_name=last, **fields))  # type: ignore[arg-type]


def kinds(report: DuplicateReport, a: int, b: int) -> set[ReasonKind]:
    """The reasons the report gives for the pair a, b (empty: not paired)."""
    pair = (min(a, b), max(a, b))
    for group in report.groups:
        for found in group.pairs:
            if found.ids == pair:
                return {reason.kind for reason in found.reasons}
    return set()


def grouped_ids(report: DuplicateReport) -> list[tuple[int, ...]]:
    return [group.ids for group in report.groups]


def test_nothing_to_find(ws: Workspace) -> None:
    add(ws, "Anna", "Nowak", email="anna@example.com", company="Acme")
    add(ws, "Piotr", "Zieliński", email="piotr@example.com", company="Acme")
    report = ws.duplicates.find()
    assert report.groups == ()
    assert report.candidates == 2


def test_same_email_ignoring_case(ws: Workspace) -> None:
    a = add(ws, "Anna", "Nowak", email="Anna.Nowak@Example.com")
    b = add(ws, "A.", "Nowak-Kowalska", email="anna.nowak@example.com")
    report = ws.duplicates.find()
    assert kinds(report, a, b) == {ReasonKind.EMAIL}
    assert report.groups[0].confidence is Confidence.HIGH
    reason = report.groups[0].pairs[0].reasons[0]
    assert reason.text() == "same e-mail anna.nowak@example.com"


def test_a_secondary_address_matches_a_main_one(ws: Workspace) -> None:
    a = add(ws, "Jan", "Kowalski", email="jan@work.pl", other_emails=["jkowalski@gmail.com"])
    b = add(ws, "Janek", "K", email="JKowalski@gmail.com")
    c = add(ws, "Jan", "Kowalski", other_emails=["jan@work.pl"])
    report = ws.duplicates.find()
    assert kinds(report, a, b) == {ReasonKind.EMAIL}
    assert ReasonKind.EMAIL in kinds(report, a, c)
    assert grouped_ids(report) == [(a, b, c)]


def test_same_linkedin_profile(ws: Workspace) -> None:
    a = add(ws, "Ewa", "Lis", linkedin_url="https://pl.linkedin.com/in/ewa-lis/")
    b = add(ws, "Ewa", "Lis-Wróbel", linkedin_url="linkedin.com/in/Ewa-Lis?trk=abc")
    assert kinds(ws.duplicates.find(), a, b) == {ReasonKind.LINKEDIN}


def test_phones_typed_differently_in_the_same_country(ws: Workspace) -> None:
    a = add(ws, "Marek", "Wójcik", phone="+48 601-234-567", country="Poland")
    b = add(ws, "M.", "Wojcik", phone="601 234 567", country="Polska")
    c = add(ws, "Marek", "W", phone="0048 (601) 234 567")
    # The same digits in Germany are another number.
    d = add(ws, "Mark", "Wójcik", phone="601 234 567", country="Germany")
    report = ws.duplicates.find()
    assert kinds(report, a, b) == {ReasonKind.PHONE}
    assert kinds(report, a, c) == {ReasonKind.PHONE}
    assert kinds(report, a, d) == set()
    assert report.groups[0].pairs[0].reasons[0].value == "+48601234567"


def test_a_number_without_prefix_or_country_is_not_guessed(ws: Workspace) -> None:
    a = add(ws, "Olga", "Kruk", phone="601 234 567")
    b = add(ws, "Ola", "Kruk", phone="601 234 567")
    assert kinds(ws.duplicates.find(), a, b) == set()


def test_similar_names_at_the_same_company(ws: Workspace) -> None:
    a = add(ws, "Łukasz", "Nowak", company="Acme Sp. z o.o.", city="Kraków")
    b = add(ws, "Lukasz", "Nowak", company="ACME")
    c = add(ws, "Nowak", "Łukasz", company="acme")  # first and last name swapped
    report = ws.duplicates.find()
    assert kinds(report, a, b) == {ReasonKind.NAME_COMPANY}
    assert kinds(report, a, c) == {ReasonKind.NAME_COMPANY}
    group = report.groups[0]
    assert group.ids == (a, b, c)
    assert group.confidence is Confidence.MEDIUM
    assert group.pairs[0].reasons[0].text() == "same name at Acme Sp. z o.o."


def test_a_slightly_different_name_in_the_same_city(ws: Workspace) -> None:
    a = add(ws, "Katarzyna", "Wiśniewska", city="Wrocław")
    b = add(ws, "Katarzyna", "Wisniewski", city="wroclaw")
    report = ws.duplicates.find()
    assert kinds(report, a, b) == {ReasonKind.NAME_CITY}
    reason = report.groups[0].pairs[0].reasons[0]
    assert 90 <= reason.name_score < 100
    assert report.groups[0].confidence is Confidence.LOW


def test_the_same_name_elsewhere_is_another_person(ws: Workspace) -> None:
    a = add(ws, "Anna", "Kowalska", company="Acme", city="Kraków")
    b = add(ws, "Anna", "Kowalska", company="Globex", city="Gdańsk")
    c = add(ws, "Anna", "Kowalska")  # nothing to compare on
    d = add(ws, "Jan", "Kowalski", company="Acme")  # another name at the same company
    report = ws.duplicates.find()
    assert report.groups == ()
    assert kinds(report, a, b) == kinds(report, a, c) == kinds(report, a, d) == set()


def test_reasons_add_up(ws: Workspace) -> None:
    a = add(ws, "Zofia", "Mazur", email="zofia@x.pl", phone="+48 601 111 222", company="Acme")
    b = add(ws, "Zofia", "Mazur", email="ZOFIA@x.pl", phone="601111222", country="PL",
            company="Acme")  # fmt: skip
    c = add(ws, "Zofia", "Mazur", company="Acme")
    report = ws.duplicates.find()
    assert kinds(report, a, b) == {ReasonKind.EMAIL, ReasonKind.PHONE, ReasonKind.NAME_COMPANY}
    strongest, *rest = report.groups[0].pairs
    assert strongest.ids == (a, b)
    assert strongest.score == 100
    assert all(p.score < strongest.score for p in rest)
    assert (a, c) in [p.ids for p in rest]


def test_groups_most_confident_first_with_the_fields_to_compare(ws: Workspace) -> None:
    low_a = add(ws, "Adam", "Górski", city="Poznań")
    low_b = add(ws, "Adam", "Gorski", city="Poznan")
    high_a = add(ws, "Beata", "Mróz", email="beata@x.pl", phone="+48 500 600 700",
                 company="Acme", city="Łódź")  # fmt: skip
    high_b = add(ws, "Beata", "Mroz", email="beata@x.pl")
    report = ws.duplicates.find()
    assert grouped_ids(report) == [(high_a, high_b), (low_a, low_b)]
    person = report.groups[0].person(high_a)
    assert person is not None
    assert (person.name, person.email, person.phone, person.company, person.city) == (
        "Beata Mróz", "beata@x.pl", "+48 500 600 700", "Acme", "Łódź",
    )  # fmt: skip
    assert person.created_at is not None


def test_a_value_shared_by_very_many_is_a_placeholder(ws: Workspace) -> None:
    for i in range(MAX_SHARED + 1):
        add(ws, f"Person{i}", f"Number{i}", email="none@example.com")
    report = ws.duplicates.find()
    assert report.groups == ()
    assert report.too_common == ((ReasonKind.EMAIL, "none@example.com", MAX_SHARED + 1),)


def test_progress_and_cancel(ws: Workspace) -> None:
    import pytest

    from talentdesk.core.diagnose import CancelledError

    add(ws, "Anna", "Nowak", email="a@x.pl")
    add(ws, "Anna", "Nowak", email="a@x.pl")
    steps: list[tuple[int, int]] = []
    ws.duplicates.find(progress=lambda done, total: steps.append((done, total)))
    assert steps[0][0] == 0
    assert steps[-1][0] == steps[-1][1]
    with pytest.raises(CancelledError):
        ws.duplicates.find(cancelled=lambda: True)


def test_letters_beyond_ascii_in_an_address_fold_too(ws: Workspace) -> None:
    a = add(ws, "Łucja", "Żak", email="Łucja@example.pl")
    b = add(ws, "Lucja", "Zak", other_emails=["łucja@example.pl"])
    assert kinds(ws.duplicates.find(), a, b) == {ReasonKind.EMAIL}


def test_a_long_first_name_in_common_does_not_hide_another_surname(ws: Workspace) -> None:
    a = add(ws, "Małgorzata", "Kolin", city="Łódź")
    b = add(ws, "Małgorzata", "Aklin", city="Łódź")
    c = add(ws, "Małgorzata", "Kolinn", city="Łódź")  # a typo
    report = ws.duplicates.find()
    assert kinds(report, a, b) == set()
    assert kinds(report, a, c) == {ReasonKind.NAME_CITY}
