"""Closing the loop, against a data set counted by hand (see `_people`)."""

from __future__ import annotations

from datetime import date

import pytest

from talentdesk.core.db.enums import InteractionKind, StageKind
from talentdesk.core.metrics import Filters, Table
from talentdesk.core.workspace import Workspace
from tests.conftest import session_outside
from tests.core.metrics_data import apply, day, log, member, person, pool, sent, vacancy
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

K = StageKind


@pytest.fixture
def people(ws: Workspace) -> dict[str, int]:
    """Pool Talent: Ann rejected 1 Mar (feedback logged 3 Mar: 2 days); Ben declined 5 Mar (a
    feedback entry on 1 Mar was before, so it does not count; a feedback e-mail sent 9 Mar:
    4 days); Cat joined at Withdrawn on 10 Mar (none: owed).
    Vacancy Engineer: Dan rejected 15 Mar, back to screening, rejected again 20 Mar (counted
    once, from 15 Mar; feedback 25 Mar: 10 days); Eve declined 3 Mar (none: owed)."""
    with session_outside(ws.paths.database) as s:
        ids = {n: person(s, n) for n in ("Ann", "Ben", "Cat", "Dan", "Eve")}
        talent = pool(s, "Talent")
        member(s, talent, ids["Ann"], K.REJECTED, changed=day(3, 1))
        member(s, talent, ids["Ben"], K.DECLINED, changed=day(3, 5))
        member(s, talent, ids["Cat"], K.WITHDRAWN, added=day(3, 10))
        role = vacancy(s, "Engineer")
        apply(s, role, ids["Dan"], [(K.NEW, day(2, 1)), (K.SCREENING, day(2, 10)),
              (K.REJECTED, day(3, 15)), (K.SCREENING, day(3, 16)),
              (K.REJECTED, day(3, 20))])  # fmt: skip
        apply(s, role, ids["Eve"], [(K.NEW, day(2, 1)), (K.DECLINED, day(3, 3))])
        log(s, ids["Ann"], InteractionKind.FEEDBACK, day(3, 3))
        log(s, ids["Ben"], InteractionKind.FEEDBACK, day(3, 1))
        sent(s, ids["Ben"], day(3, 9), "How it went", feedback=True)
        log(s, ids["Dan"], InteractionKind.FEEDBACK, day(3, 25))
    return ids


def _loop(ws: Workspace, filters: Filters | None = None) -> Table:
    return ws.metrics.figure("closing_loop", filters or Filters()).table("closing_loop")


def test_share_median_and_who_is_owed(ws: Workspace, people: dict[str, int]) -> None:
    table = _loop(ws)
    everyone = table.row("all")
    assert everyone is not None
    # 5 reached; fed: Ann (2 days), Ben (4), Dan (10) → 60 %, median 4; owed: Cat and Eve.
    assert everyone.values == {
        "reached": 5, "got_feedback": 3, "share": 60.0, "median_days": 4.0, "owed": 2
    }  # fmt: skip
    assert everyone.people["owed"] == (people["Cat"], people["Eve"])
    by_kind = {r.key: r.values for r in table.rows[1:]}
    assert by_kind["rejected"] == {  # Ann 2, Dan 10
        "reached": 2, "got_feedback": 2, "share": 100.0, "median_days": 6.0, "owed": 0
    }  # fmt: skip
    assert by_kind["declined"] == {  # Ben 4, Eve none
        "reached": 2, "got_feedback": 1, "share": 50.0, "median_days": 4.0, "owed": 1
    }  # fmt: skip
    assert by_kind["withdrawn"] == {
        "reached": 1, "got_feedback": 0, "share": 0.0, "median_days": None, "owed": 1
    }  # fmt: skip


def test_filters(ws: Workspace, people: dict[str, int]) -> None:
    def counts(filters: Filters) -> tuple[object, ...]:
        row = _loop(ws, filters).row("all")
        assert row is not None
        return row.values["reached"], row.values["got_feedback"]

    engineer = int(ws.reader.execute("SELECT id FROM vacancy").fetchone()[0])
    assert counts(Filters(vacancy_id=engineer)) == (2, 1)  # Dan, Eve
    assert counts(Filters(pool_id=ws.reads.pool_id_by_name("Talent"))) == (3, 2)  # Ann, Ben, Cat
    assert counts(Filters(start=date(2026, 3, 10))) == (2, 1)  # Cat (10 Mar), Dan (15 Mar)
