"""Where imported people came from: a file without a source column gives its own name (hires
and interviews by source count it); a source column is taken as it is, empty cells too (an
exported file comes back as it was); someone already there keeps theirs."""

from __future__ import annotations

from pathlib import Path

from talentdesk.core.csvio.importer import run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions, OnDuplicate
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)


def _import(ws: Workspace, path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    layout = sniff(path)
    options = ImportOptions(mapping=guess_mapping(layout.header), on_duplicate=OnDuplicate.FILL)
    run_import(ws.db, path, layout, options, ws.clock)


def _sources(ws: Workspace) -> dict[str, str | None]:
    rows = ws.reader.execute("SELECT email, source FROM candidate").fetchall()
    return dict(rows)


def test_a_file_without_sources_names_itself(ws: Workspace, tmp_path: Path) -> None:
    ws.candidates.create(CandidateRecord("Old", "Hand", "old@example.com", company="A"))
    _import(
        ws,
        tmp_path / "march.csv",
        "First name,Last name,Email\nAnn,Test,ann@example.com\nOld,Hand,old@example.com\n",
    )
    _import(
        ws,
        tmp_path / "april.csv",
        "First name,Last name,Email,Source\n"
        "Ben,Test,ben@example.com,Referral from Ann\nCat,Test,cat@example.com,\n",
    )
    assert _sources(ws) == {
        "old@example.com": None,  # already there: filled, not marked as imported
        "ann@example.com": "Import: march.csv",
        "ben@example.com": "Referral from Ann",
        "cat@example.com": None,  # the file's source column says none
    }
