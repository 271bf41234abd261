"""Who already has this e-mail address, LinkedIn URL or phone number."""

from __future__ import annotations

from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace


def test_an_address_of_anyone_matches_whatever_its_letter_case(ws: Workspace) -> None:
    anna = ws.candidates.create(
        CandidateRecord(
            "Anna", "Kowalska", email="Anna.Kowalska@Example.com", other_emails=["ak@home.pl"]
        )
    )
    ws.candidates.create(CandidateRecord("Ola", email="ola@example.com"))
    assert ws.matching_people("anna.kowalska@example.com", None, None, None) == [
        (anna, "Anna Kowalska", "the same e-mail address")
    ]
    assert ws.matching_people(None, None, None, None, other_emails=("AK@home.pl",)) == [
        (anna, "Anna Kowalska", "the same e-mail address")
    ]
    assert ws.matching_people("anna.kowalska@example.com", None, None, None, anna) == []
    assert ws.matching_people("nobody@example.com", None, None, None) == []


def test_linkedin_and_phone_in_any_spelling(ws: Workspace) -> None:
    anna = ws.candidates.create(
        CandidateRecord(
            "Anna",
            "Kowalska",
            linkedin_url="https://www.linkedin.com/in/anna-k/",
            phone="601-234-567",
            country="Poland",
        )
    )
    ws.candidates.create(CandidateRecord("Jan", phone="+44 20 1234 4567", country="UK"))
    assert ws.matching_people(None, "linkedin.com/in/anna-k", None, None) == [
        (anna, "Anna Kowalska", "the same LinkedIn profile")
    ]
    assert ws.matching_people(None, None, "+48 601 234 567", None) == [
        (anna, "Anna Kowalska", "the same phone number")
    ]
    assert ws.matching_people(None, None, "0048601234567", "Germany") == [
        (anna, "Anna Kowalska", "the same phone number")
    ]
    assert ws.matching_people(None, None, "601 234 567", "PL") == [
        (anna, "Anna Kowalska", "the same phone number")
    ]
    assert ws.matching_people(None, None, "601 234 567", None) == []  # no country: no guess
    assert ws.matching_people(None, None, "+49 601 234 567", None) == []  # another country
    both = ws.matching_people(None, "linkedin.com/in/anna-k", "+48601234567", None)
    assert both == [(anna, "Anna Kowalska", "the same LinkedIn profile and phone number")]


def test_nothing_typed_matches_no_one(ws: Workspace) -> None:
    ws.candidates.create(CandidateRecord("Anna"))
    assert ws.matching_people("", " ", "", None) == []
    assert ws.matching_people("not an address", "not a url", "12", None) == []
