"""Erasing someone also replaces their name, e-mail addresses and phone in OTHER people's notes,
timeline entries and reminders with "[erased]", in the same operation (and the search index),
on the local file and on a PostgreSQL team database."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.privacy.mentions import MAX_PEOPLE
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.conftest import START, written_outside
from tests.pg_fixtures import ws_on_both  # noqa: F401


def _rows(ws: Workspace, sql: str) -> list[tuple[object, ...]]:
    with written_outside(ws.paths.database) as connection:
        return [tuple(r) for r in connection.execute(text(sql))]


def _people(ws: Workspace) -> tuple[int, int, int, int]:
    anna = ws.candidates.create(
        CandidateRecord(
            "Anna",
            "Kowalska",
            email="anna@x.pl",
            other_emails=["a.kowalska@work.example"],
            phone="+48 601 777 313",
        )
    )
    colleague = ws.candidates.create(
        CandidateRecord(
            "Jan", "Nowak", "jan@y.pl", notes="Referred by Anna Kowalska, ANNA@X.PL. Great."
        )
    )
    friend = ws.candidates.create(
        CandidateRecord("Ola", "Lis", "ola@z.pl", notes="Met at a meetup (Kowalska, Anna).")
    )
    bystander = ws.candidates.create(
        CandidateRecord(
            "Anna", "Kowalczyk", "annak@z.pl", notes="Anna from Kraków; call 601 777 314"
        )
    )
    ws.interactions.log(
        colleague, InteractionKind.CALL, subject="Call", body="Ask anna  kowalska: 601-777-313"
    )
    ws.interactions.log(friend, InteractionKind.NOTE, body="Wrote to a.kowalska@work.example")
    ws.interactions.log(anna, InteractionKind.NOTE, body="Anna Kowalska's own note")
    ws.reminders.add(friend, START + timedelta(days=3), note="Thank Anna Kowalska")
    return anna, colleague, friend, bystander


def test_the_review_counts_mentions_in_other_peoples_records(ws: Workspace) -> None:
    anna, colleague, friend, _bystander = _people(ws)

    mentions = ws.erasure.mentions([anna])

    # Jan's profile and call, Ola's profile, note and reminder: 5 records of 2 people.
    assert (mentions.records, mentions.people) == (5, 2)
    assert mentions.summary() == "5 records of 2 other people"
    assert ws.erasure.mentions([anna, colleague, friend]).records == 0  # all erased together


def test_erasing_replaces_the_mentions_and_leaves_the_rest(ws: Workspace) -> None:
    anna, colleague, friend, bystander = _people(ws)
    assert ws.listing.ids(ListQuery(search="kowalska")) == [anna, colleague, friend]

    result = ws.erasure.erase([anna])

    assert (result.count, result.redacted.records, result.redacted.people) == (1, 5, 2)
    notes = dict(_rows(ws, "SELECT id, notes FROM candidate"))
    assert notes == {
        colleague: "Referred by [erased], [erased]. Great.",
        friend: "Met at a meetup ([erased]).",
        bystander: "Anna from Kraków; call 601 777 314",  # another Anna, another number
    }
    bodies = _rows(ws, "SELECT candidate_id, subject, body FROM interaction ORDER BY id")
    assert bodies == [
        (colleague, "Call", "Ask [erased]: [erased]"),
        (friend, None, "Wrote to [erased]"),
    ]
    assert _rows(ws, "SELECT note FROM reminder") == [("Thank [erased]",)]
    assert ws.listing.ids(ListQuery(search="kowalska")) == []
    assert ws.listing.ids(ListQuery(search="anna")) == [bystander]
    [(detail,)] = _rows(ws, "SELECT detail FROM audit_entry WHERE kind = 'erasure'")
    assert detail == "mentions replaced with [erased] in 5 records of 2 other people"
    for leaked in ("anna", "kowalska", "x.pl", "601"):
        assert leaked not in str(detail).lower()


def test_mentions_are_kept_when_asked(ws: Workspace) -> None:
    anna, colleague, _friend, _bystander = _people(ws)

    result = ws.erasure.erase([anna], redact_mentions=False)

    assert (result.count, result.redacted.records) == (1, 0)
    [(notes,)] = _rows(ws, f"SELECT notes FROM candidate WHERE id = {colleague}")
    assert notes == "Referred by Anna Kowalska, ANNA@X.PL. Great."
    assert _rows(ws, "SELECT detail FROM audit_entry WHERE kind = 'erasure'") == [(None,)]


def test_a_profile_open_before_the_redaction_is_stale(ws: Workspace) -> None:
    anna, colleague, _friend, _bystander = _people(ws)
    [(before,)] = _rows(ws, f"SELECT version FROM candidate WHERE id = {colleague}")

    ws.erasure.erase([anna])

    [(after,)] = _rows(ws, f"SELECT version FROM candidate WHERE id = {colleague}")
    assert after == int(str(before)) + 1


def test_too_many_people_at_once_are_not_looked_for(ws: Workspace) -> None:
    anna, _colleague, _friend, _bystander = _people(ws)
    ids = [anna, *range(10_000, 10_000 + MAX_PEOPLE)]

    mentions = ws.erasure.mentions(ids)

    assert mentions.too_many and mentions.records == 0
    assert ws.erasure.mentions(ids[:MAX_PEOPLE]).records == 5
