"""An empty database: every figure is there, with nothing divided by zero (None, "—")."""

from __future__ import annotations

from talentdesk.core.metrics import FIGURES, Filters
from talentdesk.core.workspace import Workspace
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)


def test_every_figure_of_an_empty_database(ws: Workspace) -> None:
    figures = {f.key: f for f in ws.metrics.all(Filters())}
    assert list(figures) == [key for key, _ in FIGURES]
    everyone = figures["replies"].table("reply_rate").row("all")
    assert everyone is not None
    assert everyone.values == {"sent": 0, "replied": 0, "rate": None}
    assert figures["replies"].table("by_month").rows == ()
    for row in figures["response_times"].table("response_times").rows:
        assert row.values == {"answered": 0, "median": None, "p90": None, "waiting": 0}
    loop = figures["closing_loop"].table("closing_loop").row("all")
    assert loop is not None
    assert loop.values == {
        "reached": 0, "got_feedback": 0, "share": None, "median_days": None, "owed": 0
    }  # fmt: skip
    for row in figures["pipeline"].table("conversion").rows:
        assert (row.values["reached"], row.values["conversion"]) == (0, None)
    total = figures["pipeline"].table("per_vacancy").row("all")
    assert total is not None
    assert (total.values["per_hire"], total.values["median_days_to_hire"]) == (None, None)
    assert figures["sources"].table("by_source").rows == ()
    weeks = figures["pool_health"].table("touch").rows
    assert [r.values for r in weeks] == [{"ok": 0, "amber": 0, "red": 0}] * 12


def test_templates_a_filter_can_name(ws: Workspace) -> None:
    assert "Check-in" in ws.metrics.template_names()
