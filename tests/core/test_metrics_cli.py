"""`talentdesk metrics`, run as a user would: text, JSON, filters and mistakes."""

from __future__ import annotations

import json
from pathlib import Path

from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import session_outside
from tests.core.metrics_data import day, person, pool, received, sent
from tests.integration.conftest import run_cli


def _mail(data_dir: Path) -> None:
    """Two sent in March from the Backend pool, one replied; one sent in April, no reply."""
    ws = Workspace.open(AppPaths(data_dir))
    ws.close()
    with session_outside(AppPaths(data_dir).database) as s:
        ann, ben = person(s, "Ann"), person(s, "Ben")
        backend = pool(s, "Backend")
        to_ann = sent(s, ann, day(3, 2), "Catching up, Ann", queued=day(3, 2, 8),
                      pool_id=backend.id, template="Check-in")  # fmt: skip
        sent(s, ben, day(3, 2), "Catching up, Ben", queued=day(3, 2, 8), pool_id=backend.id,
             template="Check-in")  # fmt: skip
        received(s, ann, day(3, 3), answers=to_ann)
        sent(s, ben, day(4, 2), "Hello")


def test_json_with_filters(tmp_path: Path) -> None:
    _mail(tmp_path)
    result = run_cli("--data-dir", str(tmp_path), "metrics", "--json", "--to", "2026-03-31",
                     "--template", "check-in", "--figure", "replies")  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["filters"]["end"] == "2026-03-31"
    assert data["filters"]["template"] == "Check-in"
    (figure,) = data["figures"]
    everyone = figure["tables"][0]["rows"][0]
    assert everyone["values"] == {"sent": 2, "replied": 1, "rate": 50.0}
    assert len(everyone["people"]["sent"]) == 2


def test_text_reads_as_tables(tmp_path: Path) -> None:
    _mail(tmp_path)
    result = run_cli("--data-dir", str(tmp_path), "metrics", "--pool", "backend")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "== Reply rate ==" in lines
    # Members of Backend: none (pool_membership empty), so nothing is counted: "—".
    assert any(line.split() == ["All", "mail", "0", "0", "—"] for line in lines)
    assert "Open rates are not measured" in result.stdout
    everything = run_cli("--data-dir", str(tmp_path), "metrics").stdout.splitlines()
    assert any(line.split() == ["All", "mail", "3", "1", "33.3", "%"] for line in everything)


def test_mistakes_are_one_error_line(tmp_path: Path) -> None:
    _mail(tmp_path)
    for args, words in (
        (["--from", "March"], "is not a date"),
        (["--from", "2026-04-01", "--to", "2026-03-01"], "--from is after --to"),
        (["--pool", "Nowhere"], "no pool named"),
        (["--vacancy", "42"], "no vacancy 42"),
        (["--template", "Nope"], "no template called"),
        (["--figure", "opens"], "no figure"),
    ):
        result = run_cli("--data-dir", str(tmp_path), "metrics", *args)
        assert result.returncode == 2, args
        assert result.stderr.startswith("error:") and words in result.stderr, result.stderr
