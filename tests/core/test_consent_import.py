"""An import records the basis chosen for the file's people: one record each, in the import's
own transaction, counted in one audit entry; the CLI's --basis/--purpose and `privacy status`."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from psycopg.pq import TransactionStatus
from sqlalchemy import text

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.csvio.importer import run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportConsent, ImportOptions, OnDuplicate
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.db.enums import ConsentPurpose, LegalBasis
from talentdesk.core.privacy.consent_state import ConsentState
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import START, written_outside
from tests.integration.conftest import run_cli
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

CSV = "First name,Last name,Email\nAda,Lovelace,ada@example.org\nAlan,Turing,alan@example.org\n"
CONSENT = ImportConsent(LegalBasis.CONSENT, ConsentPurpose.NEWSLETTER, source="fair.csv")


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "fair.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def _rows(database: Path, sql: str) -> list[tuple[object, ...]]:
    with written_outside(database) as con:  # the test's database, on either backend
        return [tuple(row) for row in con.execute(text(sql))]


def _import(ws: Workspace, path: Path, **kw: object):  # type: ignore[no-untyped-def]
    layout = sniff(path)
    mode = kw.pop("on_duplicate", OnDuplicate.SKIP)
    options = ImportOptions(
        mapping=guess_mapping(layout.header),
        on_duplicate=mode,  # type: ignore[arg-type]
        consent=kw.pop("consent", CONSENT),  # type: ignore[arg-type]
    )
    return run_import(ws.db, path, layout, options, ws.clock, **kw)  # type: ignore[arg-type]


def test_each_new_person_gets_the_chosen_basis(ws: Workspace, tmp_path: Path) -> None:
    report = _import(ws, _file(tmp_path))
    assert report.created == 2
    ids = [row[0] for row in _rows(ws.paths.database, "SELECT id FROM candidate ORDER BY id")]
    for pid in ids:
        summary = ws.consent.summary(pid)
        assert summary.state is ConsentState.VALID
        assert summary.latest is not None
        assert summary.latest.basis is LegalBasis.CONSENT
        assert summary.latest.purpose is ConsentPurpose.NEWSLETTER
        assert summary.latest.source == "fair.csv"
        assert summary.latest.given_at == START
        assert summary.latest.expires_at == START.replace(year=START.year + 2)
    audit = _rows(ws.paths.database, "SELECT kind, count, detail FROM audit_entry")
    assert audit == [("consent", 2, "given: consent / newsletter (import)")]


def test_an_updated_person_gets_one_only_when_they_had_none(ws: Workspace, tmp_path: Path) -> None:
    ada = ws.candidates.create(CandidateRecord("Ada", "L.", email="ada@example.org"))
    alan = ws.candidates.create(CandidateRecord("Alan", "T.", email="alan@example.org"))
    ws.consent.record(alan, LegalBasis.CONTRACT)
    report = _import(ws, _file(tmp_path), on_duplicate=OnDuplicate.FILL)
    assert report.updated == 2
    assert len(ws.consent.summary(ada).history) == 1
    alans = ws.consent.summary(alan)
    assert len(alans.history) == 1 and alans.history[0].basis is LegalBasis.CONTRACT


def test_without_a_basis_nothing_is_recorded(ws: Workspace, tmp_path: Path) -> None:
    assert _import(ws, _file(tmp_path), consent=None).created == 2
    assert _rows(ws.paths.database, "SELECT count(*) FROM consent") == [(0,)]


def test_cancelled_after_the_records_went_in_leaves_none(ws: Workspace, tmp_path: Path) -> None:
    seen: list[int] = []

    def cancelled() -> bool:
        """True once the import's records are in (seen inside its own transaction)."""
        if not ws.db.writer.on_write_path():
            return False
        raw = ws.db.writer.connection.connection.driver_connection
        if isinstance(raw, sqlite3.Connection):
            if not raw.in_transaction:  # not begun yet: the stage is attached first
                return False
        elif raw.info.transaction_status == TransactionStatus.IDLE:  # a server's
            return False
        seen.append(raw.execute("SELECT count(*) FROM consent").fetchone()[0])
        return seen[-1] > 0

    report = _import(ws, _file(tmp_path), cancelled=cancelled)
    assert report.cancelled and max(seen) == 2
    assert _rows(ws.paths.database, "SELECT count(*) FROM candidate") == [(0,)]
    assert _rows(ws.paths.database, "SELECT count(*) FROM consent") == [(0,)]
    assert _rows(ws.paths.database, "SELECT count(*) FROM audit_entry") == [(0,)]


def test_cli_import_basis_and_privacy_status(tmp_path: Path) -> None:
    data = tmp_path / "data"
    path = _file(tmp_path)
    done = run_cli("--data-dir", str(data), "import", str(path), "--basis", "consent",
                   "--purpose", "newsletter")  # fmt: skip
    assert done.returncode == 0, done.stderr
    shown = run_cli("--data-dir", str(data), "privacy", "status", "ada@example.org", "--json")
    assert shown.returncode == 0, shown.stderr
    status = json.loads(shown.stdout)
    assert status["state"] == "valid" and status["text"] == "valid"
    assert status["latest"]["basis"] == "consent"
    assert status["latest"]["purpose"] == "newsletter"
    assert status["latest"]["source"] == "fair.csv"

    text = run_cli("--data-dir", str(data), "privacy", "status", "alan@example.org")
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0].startswith("Alan Turing (#")
    assert "consent:      valid" in lines and "basis:        Consent" in lines
    assert "notice sent:  not yet" in lines

    missing = run_cli("--data-dir", str(data), "privacy", "status", "999")
    assert missing.returncode == 2 and missing.stderr.startswith("error: There is no candidate")


def test_cli_import_defaults_to_legitimate_interest(tmp_path: Path) -> None:
    data = tmp_path / "data"
    done = run_cli("--data-dir", str(data), "import", str(_file(tmp_path)))
    assert done.returncode == 0, done.stderr
    ws = Workspace.open(AppPaths(data))
    try:
        (pid,) = ws.listing.ids(ListQuery(search="ada"))
        latest = ws.consent.summary(pid).latest
        assert latest is not None
        assert (latest.basis, latest.purpose) == (
            LegalBasis.LEGITIMATE_INTEREST,
            ConsentPurpose.TALENT_POOL,
        )
    finally:
        ws.close()
