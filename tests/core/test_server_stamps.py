"""`talentdesk due` on a team database skips the refresh of generated reminders while its stamp
holds, as on the local file (core/ops/server_stamps.py): a second `due` recomputes nothing, a
change by this desktop or a colleague's clears the stamp, and a refresh waits for a colleague's
change in flight rather than stamping without it, and a write begun during a refresh waits
for its stamp, then clears it."""

from __future__ import annotations

import argparse
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, timedelta

import psycopg
import pytest
from sqlalchemy.engine import make_url

from talentdesk import cli_reminders
from talentdesk.core.ops import stamps
from talentdesk.core.ops.jobs import OpDone
from talentdesk.core.ops.server_stamps import LOCK
from talentdesk.core.ops.stamps import PREFIX
from talentdesk.core.reminders import freshness
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock
from tests.core.generated_reminder_helpers import call, person
from tests.pg_fixtures import ws_on_both  # noqa: F401
from tests.team_fixtures import two_desktops  # noqa: F401

REFRESH = "updating the reminders TalentDesk keeps"


@contextmanager
def operations(ws: Workspace) -> Iterator[list[str]]:
    """The labels of the operations the write path runs meanwhile."""
    labels: list[str] = []

    def heard(done: OpDone) -> None:
        labels.append(done.label)

    ws.writer.add_listener(heard)
    try:
        yield labels
    finally:
        ws.writer.remove_listener(heard)


def due(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli_reminders.run_due(ws, argparse.Namespace(json=True)) == 0
    capsys.readouterr()


def test_a_second_due_recomputes_nothing_and_a_change_makes_it(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    person(ws)
    with operations(ws) as ran:
        due(ws, capsys)
        assert ran == [REFRESH]
        due(ws, capsys)
        assert ran == [REFRESH]  # the stamp held: nothing written
        person(ws, "Bartek")
        due(ws, capsys)
    assert ran[-1] == REFRESH and len(ran) == 3


def test_a_colleagues_change_clears_the_stamp(
    pg_url: str,
    desktops: tuple[Workspace, Workspace],
    clock: TravelClock,
    capsys: pytest.CaptureFixture[str],
) -> None:
    mine, theirs = desktops
    pool = mine.pools.create("Backend")
    mine.pools.set_cadence(pool, 30)
    due(mine, capsys)
    assert freshness.is_fresh(mine.reader, clock(), UTC)
    assert freshness.is_fresh(theirs.reader, clock(), UTC)  # one stamp for the team
    bartek = person(theirs, "Bartek")
    call(theirs, bartek, clock() - timedelta(days=45))
    theirs.pools.add_members(pool, [bartek])
    assert not freshness.is_fresh(mine.reader, clock(), UTC)
    with operations(mine) as ran:
        due(mine, capsys)
    assert ran == [REFRESH]
    assert _check_ins(pg_url) == [bartek]


def _check_ins(url: str) -> list[object]:
    """Who has an open check-in (a cadence reminder TalentDesk wrote)."""
    with _raw(url) as connection:
        sql = "SELECT candidate_id FROM reminder WHERE origin = 'cadence' AND done_at IS NULL"
        return [row[0] for row in connection.execute(sql)]


def _raw(url: str) -> psycopg.Connection[tuple[object, ...]]:
    u = make_url(url)
    return psycopg.connect(
        host=u.host, port=u.port, user=u.username, password=u.password, dbname=u.database
    )


def test_a_refresh_waits_for_a_change_being_committed(
    pg_url: str, desktops: tuple[Workspace, Workspace], clock: TravelClock
) -> None:
    mine, _ = desktops
    pool = mine.pools.create("Backend")
    mine.pools.set_cadence(pool, 30)
    bartek = person(mine, "Bartek")
    call(mine, bartek, clock() - timedelta(days=45))
    with _raw(pg_url) as colleague, _raw(pg_url) as watcher:
        # A colleague's operation in flight: begun (its lock taken first), changed, not committed.
        colleague.execute("SELECT pg_advisory_xact_lock_shared(%s)", (LOCK,))
        colleague.execute(
            "INSERT INTO pool_membership (pool_id, candidate_id, stage_id, near_fit, added_at)"
            " SELECT %s, %s, s.id, false, %s FROM pool_stage s WHERE s.pool_id = %s"
            " ORDER BY s.position LIMIT 1",
            (pool, bartek, clock().replace(tzinfo=None), pool),
        )
        done = threading.Event()

        def refresh() -> None:
            mine.refresh_generated_reminders()
            done.set()

        thread = threading.Thread(target=refresh, daemon=True)
        thread.start()
        waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        while watcher.execute(waiting).fetchone() != (1,):  # the refresh waits for the lock
            assert not done.is_set()
        colleague.commit()
        thread.join()
    # It read after the colleague's commit: the new member's check-in is there, and stamped.
    assert _check_ins(pg_url) == [bartek]
    assert freshness.is_fresh(mine.reader, clock(), UTC)


def test_a_write_begun_during_a_refresh_waits_then_clears_its_stamp(
    pg_url: str, desktops: tuple[Workspace, Workspace]
) -> None:
    mine, _ = desktops
    with _raw(pg_url) as refresher, _raw(pg_url) as watcher:
        # A colleague's refresh in flight: alone on the database, its stamp not yet committed.
        refresher.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK,))
        refresher.execute(
            "INSERT INTO app_setting (key, value) VALUES (%s, CAST(%s AS json))",
            (PREFIX + freshness.NAME, json.dumps({"at": "x"})),
        )
        saved = threading.Event()

        def save() -> None:
            person(mine, "Bartek")
            saved.set()

        thread = threading.Thread(target=save, daemon=True)
        thread.start()
        waiting = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        while watcher.execute(waiting).fetchone() != (1,):  # the save waits for the refresh
            assert not saved.is_set()
        refresher.commit()
        thread.join()
    assert stamps.read(mine.reader, freshness.NAME) is None
