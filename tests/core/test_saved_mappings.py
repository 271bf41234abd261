"""Saved import mappings: stored by name, replaced by name in any case, applied to other files."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from talentdesk.core.csvio import saved_mappings
from talentdesk.core.csvio.saved_mappings import SavedMapping
from talentdesk.core.errors import NotFoundError, TalentDeskError, ValidationError
from talentdesk.core.workspace import Workspace
from tests.conftest import START, TravelClock, written_outside

AGENCY_HEADER = ["Imię", "Nazwisko", "Mail", "Umiejętności", "Źródło kontaktu"]
AGENCY_TARGETS = ["first_name", "last_name", "email", "tags:skill", "notes+"]


def _stored(ws: Workspace) -> list[tuple[str, list[dict[str, str]], str, str, str]]:
    rows = ws.reader.execute(
        "SELECT name, columns, preset, created_at, updated_at FROM import_mapping ORDER BY id"
    )
    return [(name, json.loads(cols), preset, c, u) for name, cols, preset, c, u in rows]


def _saved(columns: list[tuple[str, str]], preset: str = "auto") -> SavedMapping:
    return SavedMapping("test", tuple(columns), preset, START, START)


def test_a_saved_mapping_lands_in_the_database_and_reads_back(
    ws: Workspace, clock: TravelClock
) -> None:
    saved = saved_mappings.save(
        ws.db, "  Agency sheet ", AGENCY_HEADER, AGENCY_TARGETS, "auto", clock
    )
    assert _stored(ws) == [
        (
            "Agency sheet",
            [
                {"header": h, "target": t}
                for h, t in zip(AGENCY_HEADER, AGENCY_TARGETS, strict=True)
            ],
            "auto",
            "2026-11-25 09:30:00.000000",
            "2026-11-25 09:30:00.000000",
        )
    ]
    assert saved_mappings.get(ws.db, "agency SHEET") == saved
    assert saved.header == AGENCY_HEADER and saved.targets == AGENCY_TARGETS
    assert saved.created_at == datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


def test_saving_under_a_name_in_another_case_replaces_it(ws: Workspace, clock: TravelClock) -> None:
    saved_mappings.save(ws.db, "Łódź export", ["E-mail"], ["email"], "auto", clock)
    saved_mappings.save(ws.db, "Outlook", ["E-mail Address"], ["email"], "outlook", clock)
    clock.advance(days=1)
    again = saved_mappings.save(
        ws.db, "ŁÓDŹ EXPORT", ["E-mail", "Telefon"], ["email", "phone"], "auto", clock
    )
    assert [(name, cols, preset) for name, cols, preset, *_ in _stored(ws)] == [
        (
            "ŁÓDŹ EXPORT",
            [{"header": "E-mail", "target": "email"}, {"header": "Telefon", "target": "phone"}],
            "auto",
        ),
        ("Outlook", [{"header": "E-mail Address", "target": "email"}], "outlook"),
    ]
    assert (again.created_at, again.updated_at) == (START, clock())
    assert [m.name for m in saved_mappings.list_mappings(ws.db)] == ["ŁÓDŹ EXPORT", "Outlook"]


def test_the_database_refuses_two_names_differing_only_in_case(ws: Workspace) -> None:
    insert = text(
        "INSERT INTO import_mapping (name, columns, preset, created_at, updated_at)"
        " VALUES (:name, '[]', 'auto', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
    )
    with written_outside(ws.paths.database) as conn:
        conn.execute(insert, {"name": "LinkedIn"})
    with pytest.raises(IntegrityError), written_outside(ws.paths.database) as conn:
        conn.execute(insert, {"name": "LINKEDIN"})
    assert [row[0] for row in _stored(ws)] == ["LinkedIn"]


def test_delete_removes_only_that_mapping(ws: Workspace, clock: TravelClock) -> None:
    saved_mappings.save(ws.db, "One", ["E-mail"], ["email"], "auto", clock)
    saved_mappings.save(ws.db, "Two", ["E-mail"], ["email"], "auto", clock)
    saved_mappings.delete(ws.db, "one")
    assert [row[0] for row in _stored(ws)] == ["Two"]


def test_an_unknown_name_is_reported_with_the_saved_names(
    ws: Workspace, clock: TravelClock
) -> None:
    with pytest.raises(NotFoundError) as caught:
        saved_mappings.get(ws.db, "LinkedIn")
    assert caught.value.message == "There is no saved mapping named “LinkedIn”."
    assert caught.value.hint == "No mapping has been saved yet."
    saved_mappings.save(ws.db, "Outlook", ["E-mail"], ["email"], "auto", clock)
    saved_mappings.save(ws.db, "agency", ["E-mail"], ["email"], "auto", clock)
    with pytest.raises(NotFoundError) as caught:
        saved_mappings.delete(ws.db, "LinkedIn")
    assert caught.value.hint == "Saved mappings: agency, Outlook."
    assert len(_stored(ws)) == 2


@pytest.mark.parametrize(
    ("name", "header", "targets", "preset", "message"),
    [
        ("  ", ["E-mail"], ["email"], "auto", "a saved mapping needs a name"),
        ("x" * 101, ["E-mail"], ["email"], "auto", "at most 100 characters"),
        ("Sheet", ["E-mail", "Phone"], ["email"], "auto", "1 targets for 2 columns"),
        ("Sheet", ["E-mail"], ["e-mail"], "auto", "Unknown target(s): e-mail."),
        ("Sheet", ["E-mail"], ["email"], "excel", "Unknown preset “excel”."),
    ],
    ids=["blank-name", "long-name", "lengths", "target", "preset"],
)
def test_what_cannot_be_saved_is_refused_and_nothing_is_stored(
    ws: Workspace, name: str, header: list[str], targets: list[str], preset: str, message: str
) -> None:
    with pytest.raises(TalentDeskError) as caught:
        saved_mappings.save(ws.db, name, header, targets, preset)
    assert message in str(caught.value)
    if "name" in message or "characters" in message:
        assert isinstance(caught.value, ValidationError)
    else:
        assert caught.value.hint  # lists what is allowed
    assert _stored(ws) == []


def test_apply_matches_reordered_and_respelled_headers() -> None:
    saved = _saved(list(zip(AGENCY_HEADER, AGENCY_TARGETS, strict=True)))
    header = ["UMIEJĘTNOŚCI", "nazwisko", "imie", "źródło-kontaktu", "MAIL"]
    assert saved_mappings.apply(saved, header) == [
        "tags:skill", "last_name", "first_name", "notes+", "email",
    ]  # fmt: skip


def test_apply_guesses_new_columns_without_doubling_a_field() -> None:
    # "Kontakt" is the e-mail in this sheet; the file now also has a guessable "E-mail".
    saved = _saved([("Kontakt", "email"), ("Tel", "ignore"), ("Miasto", "country")])
    header = ["Kontakt", "E-mail", "Tel", "City", "Miasto", "Firma", "Unknown"]
    assert saved_mappings.apply(saved, header) == [
        "email", "other_emails", "ignore", "city", "country", "company", "ignore",
    ]  # fmt: skip


def test_apply_takes_repeated_headers_in_order_and_uses_the_saved_preset() -> None:
    saved = _saved([("E-mail", "email"), ("E-mail", "other_emails")], preset="google")
    header = ["E-mail", "E-mail", "E-mail", "Name", "Given Name"]
    # The third "E-mail" is guessed (email, taken → other e-mails); Google's "Name" is ignored.
    assert saved_mappings.apply(saved, header) == [
        "email", "other_emails", "other_emails", "ignore", "first_name",
    ]  # fmt: skip
