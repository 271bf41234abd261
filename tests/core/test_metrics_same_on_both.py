"""The same data on the local file and, copied by `migrate-to`, on a team database give the
same figures to the last digit, and the same people behind each number: times with
microseconds (half-milliseconds included, where SQLite's julianday() rounds), replies dated
before their message, every stage kind, filters of every sort."""

from __future__ import annotations

import dataclasses
import random
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from typing import Any

from talentdesk.core.db.enums import InteractionKind, StageKind
from talentdesk.core.db.reader import open_reader
from talentdesk.core.db.server_reader import open_server_reader
from talentdesk.core.metrics import FIGURES, Filters, Metrics
from talentdesk.core.metrics.pipeline import paths
from talentdesk.core.team.migrate_to import migrate_to
from talentdesk.core.workspace import Workspace
from tests.conftest import TravelClock, session_outside
from tests.core.metrics_data import apply, log, member, person, pool, received, sent, vacancy

KINDS = (InteractionKind.CALL, InteractionKind.EMAIL_IN, InteractionKind.EMAIL_OUT,
         InteractionKind.FEEDBACK, InteractionKind.NOTE)  # fmt: skip
WAYS = (
    [StageKind.NEW, StageKind.SCREENING, StageKind.INTERVIEWING, StageKind.HIRED],
    [StageKind.NEW, StageKind.CONTACTED, StageKind.REJECTED],
    [StageKind.NEW, StageKind.INTERVIEWING, StageKind.SCREENING, StageKind.OFFER],
    [StageKind.NEW, StageKind.DECLINED],
    [StageKind.NEW, StageKind.SCREENING, StageKind.WITHDRAWN],
)
# Sub-millisecond parts where rounding to SQLite's milliseconds is at its edge.
MICROS = (0, 500, 999_500, 123_456, 1_500, 250_500, 999_999, 4_999)


def _when(rng: random.Random, start: datetime) -> datetime:
    moment = start + timedelta(days=rng.randrange(0, 200), seconds=rng.randrange(86_400))
    return moment.replace(microsecond=rng.choice(MICROS) if rng.random() < 0.5 else
                          rng.randrange(1_000_000))  # fmt: skip


def _fill(ws: Workspace) -> tuple[int, int]:
    rng = random.Random(18)
    start = datetime(2026, 5, 10, tzinfo=UTC)
    with session_outside(ws.paths.database) as s:
        ids = [person(s, f"P{n}", source=rng.choice([None, "LinkedIn", "Fair"])) for n in range(40)]
        pools = [pool(s, "Cadenced", cadence_days=14), pool(s, "Loose"), pool(s, "Monthly", 30)]
        for cid in ids:
            member(s, rng.choice(pools), cid, added=_when(rng, start - timedelta(days=60)))
        for _ in range(300):
            log(s, rng.choice(ids), rng.choice(KINDS), _when(rng, start))
        for n in range(120):
            cid, at = rng.choice(ids), _when(rng, start)
            message = sent(s, cid, at, f"Hello {n}", queued=at.replace(hour=0, minute=0),
                           pool_id=pools[n % 3].id, template=rng.choice([None, "Intro", "intro"]),
                           feedback=n % 7 == 0)  # fmt: skip
            if rng.random() < 0.6:  # a reply, now and then dated before the message
                received(s, cid, at + timedelta(hours=rng.uniform(-2, 90)), answers=message)
        roles = [vacancy(s, "Engineer"), vacancy(s, "Designer")]
        for cid in ids[:30]:
            moment = _when(rng, start)
            moves = []
            for kind in rng.choice(WAYS):
                moves.append((kind, moment))
                moment += timedelta(days=rng.uniform(0.1, 20), microseconds=rng.choice(MICROS))
            apply(s, rng.choice(roles), cid, moves)
    return pools[0].id, roles[0].id


def _all(metrics: Metrics, chosen: Filters) -> list[dict[str, Any]]:
    return [dataclasses.asdict(metrics.figure(key, chosen)) for key, _ in FIGURES]


def test_the_same_figures_on_the_local_file_and_on_the_team_database(
    ws: Workspace, clock: TravelClock, pg_url: str
) -> None:
    clock.now = datetime(2026, 11, 25, 15, 30, 12, 345_678, tzinfo=UTC)
    pool_id, vacancy_id = _fill(ws)
    migrate_to(ws.paths.database, pg_url)
    choices = [
        Filters(),
        Filters(start=date(2026, 5, 1)),
        Filters(start=date(2026, 6, 3), end=date(2026, 9, 30)),
        Filters(pool_id=pool_id),
        Filters(vacancy_id=vacancy_id, start=date(2026, 1, 1)),
        Filters(template="INTRO"),
    ]
    with (
        closing(open_reader(ws.paths.database, True)) as local,
        closing(open_server_reader(pg_url)) as server,
    ):
        for chosen in choices:
            here = _all(Metrics(local, clock), chosen)
            there = _all(Metrics(server, clock), chosen)
            for mine, theirs in zip(here, there, strict=True):
                assert theirs == mine, (mine["key"], chosen)
                # same types too: 0 is not 0.0 in the JSON the command line prints
                assert repr(theirs) == repr(mine), (mine["key"], chosen)
        # The times before rounding: SQLite's Julian days to the last bit.
        assert paths(server, Filters()) == paths(local, Filters())
