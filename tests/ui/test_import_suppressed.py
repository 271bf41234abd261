"""The import wizard after an erasure: the erased person's rows are not imported, and the dry
run and the report say so, row by row."""

from __future__ import annotations

from pathlib import Path

from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.ui.import_wizard_helpers import go_to_dry_run, open_wizard, wait_run

SUPPRESSED = "suppressed (erased on 2026-11-25): not imported"


def problem_rows(page) -> list[tuple[str, str]]:
    table = page.problems
    return [(table.item(r, 0).text(), table.item(r, 2).text()) for r in range(table.rowCount())]


def test_the_wizard_skips_and_lists_them(qtbot, ws: Workspace, open_window, tmp_path: Path):
    erased = ws.candidates.create(
        CandidateRecord(
            "Qwyxxelbert",
            "Vuzzquamski",
            email="qwyxx@erasure.example",
            linkedin_url="linkedin.com/in/qwyxx-v",
        )
    )
    ws.erasure.erase([erased])
    path = tmp_path / "again.csv"
    path.write_text(
        "First name,Last name,Email,LinkedIn\n"
        "Q,V,Qwyxx@ERASURE.example,\n"
        "Q,V,,https://pl.linkedin.com/in/Qwyxx-V/\n"
        "Ola,New,ola@new.example,\n",
        encoding="utf-8",
    )
    window = open_window()
    wizard = open_wizard(window, path)
    go_to_dry_run(qtbot, wizard)
    dry = wizard.dry_run_page
    assert "Will create 1," in dry.summary.text()
    assert "2 suppressed (erased on 2026-11-25): not imported." in dry.summary.text()
    assert problem_rows(dry) == [("1", SUPPRESSED), ("2", SUPPRESSED)]

    with qtbot.waitSignal(wizard.imported, timeout=20_000):
        wizard.next()
    page = wizard.import_page
    wait_run(qtbot, page)
    assert page.summary.text().startswith("Created 1, updated 0, skipped 0, rejected 0.")
    assert "2 suppressed (erased on 2026-11-25)" in page.summary.text()
    assert ws.reads.total_candidates() == 1
