"""Suppression: an erased person's row in a later import is skipped and reported, matched on
a differently cased e-mail, a LinkedIn URL with a country subdomain, or a phone number typed
another way; nobody else is."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.csvio.report import ImportReport
from talentdesk.core.privacy.suppression import (
    KeyedHash,
    PersonKeys,
    SuppressionList,
    email_value,
    keyed_hash,
    linkedin_value,
)
from talentdesk.core.workspace import Workspace
from tests.conftest import START
from tests.core.erased_person import make_person

HEADER = "First name,Last name,Email,LinkedIn,Phone,Country\n"


def _import(ws: Workspace, tmp_path: Path, body: str, dry_run: bool = False) -> ImportReport:
    path = tmp_path / "again.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    layout = sniff(path)
    options = ImportOptions(mapping=guess_mapping(layout.header))
    return ws.import_csv(path, layout, options, dry_run=dry_run)


def test_keys_are_normalised_before_hashing() -> None:
    assert email_value(" Qwyxx.Vuzz@Erasure-Test.EXAMPLE ") == "qwyxx.vuzz@erasure-test.example"
    assert linkedin_value("https://pl.linkedin.com/in/Qwyxx-Vuzzquamski/") == linkedin_value(
        "linkedin.com/in/qwyxx-vuzzquamski"
    )
    assert PersonKeys(phone="601 777 313", country="Polska").values() == {
        ("phone", "+48601777313"),
        ("phone_tail", "1777313"),
    }


def test_reimporting_the_erased_person_skips_and_reports_them(
    ws: Workspace, tmp_path: Path
) -> None:
    person = make_person(ws, others=2)
    ws.erasure.erase([person.id])
    report = _import(
        ws,
        tmp_path,
        "Q,V,QWYXX.Vuzz@Erasure-Test.Example,,,\n"  # the e-mail, cased differently
        "Q,V,,https://pl.linkedin.com/in/Qwyxx-Vuzzquamski/,,\n"  # LinkedIn, country subdomain
        "Q,V,,,0048 601-777-313,\n"  # the phone, typed another way
        "Q,V,q.v@SECOND.example,,,\n"  # their other address
        "Nina,New,nina@new.example,,,\n",
    )
    assert (report.created, report.suppressed_count) == (1, 4)
    assert [row for row, _ in report.suppressed] == [1, 2, 3, 4]
    assert {at for _, at in report.suppressed} == {START}
    assert "4 suppressed (erased on 2026-11-25)" in report.summary()
    assert report.as_json()["suppressed"] == 4
    assert ws.candidates.count() == 3  # the two others and Nina


def test_a_dry_run_reports_them_too_and_nothing_is_suppressed_without_an_erasure(
    ws: Workspace, tmp_path: Path
) -> None:
    body = "Q,V,qwyxx.vuzz@erasure-test.example,,,\n"
    assert _import(ws, tmp_path, body, dry_run=True).suppressed_count == 0
    person = make_person(ws, others=0)
    ws.erasure.erase([person.id])
    dry = _import(ws, tmp_path, body, dry_run=True)
    assert (dry.created, dry.suppressed_count) == (0, 1)


def test_the_list_reads_entries_and_the_key_from_the_database(ws: Workspace) -> None:
    person = make_person(ws, others=0)
    connection = sqlite3.connect(ws.paths.database)
    try:
        assert not SuppressionList.read(connection)
        ws.erasure.erase([person.id])
        found = SuppressionList.read(connection)
        kinds = {k for (k,) in connection.execute("SELECT kind FROM suppression")}
        hashes = [h for (h,) in connection.execute("SELECT key_hash FROM suppression")]
    finally:
        connection.close()
    assert kinds == {"email", "linkedin", "phone", "phone_tail"}
    assert all(len(h) == 64 and "qwyxx" not in h for h in hashes)
    assert found.erased_on(PersonKeys(emails=("QWYXX.VUZZ@erasure-test.example",))) == START
    assert found.erased_on(PersonKeys(emails=("someone@else.example",))) is None
    assert found.erased_on(PersonKeys(phone="601 777 313", country="PL")) == START
    assert found.erased_on(PersonKeys(phone="601 777 314", country="PL")) is None
    # The same last digits in another country: the tail matches, the number does not.
    assert found.erased_on(PersonKeys(phone="+49 30 1777313")) is None


def test_the_fast_keyed_hash_is_hmac_sha256() -> None:
    for key in (b"k" * 32, b"", b"a much longer key than one block of sha256 " * 3):
        fast = KeyedHash(key)
        for value in ("anna@example.com", "", "łukasz@example.pl"):
            assert fast("email", value) == keyed_hash(key, "email", value)
