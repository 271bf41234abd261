"""Two records of one person, each with something of every kind a merge moves, and a dump of
every table to compare a database before and after."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from talentdesk.core.db.enums import (
    ConsentStatus,
    InteractionKind,
    LegalBasis,
    OutboxStatus,
    RelationshipKind,
    TagCategory,
)
from talentdesk.core.db.models import Consent, DuplicateDismissal, OutboxMessage, VacancyStage
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.workspace import Workspace
from tests.conftest import SERVER_FOR, START, TravelClock, session_outside
from tests.core.vacancy_people import vacancy


@dataclass
class Pair:
    keep: int
    other: int
    shared_pool: int
    other_pool: int
    shared_role: int
    other_role: int
    referred: int


def stage_ids(ws: Workspace, vacancy_id: int) -> dict[str, int]:
    with session_outside(ws.paths.database) as session:
        found = session.execute(
            select(VacancyStage.name, VacancyStage.id).where(VacancyStage.vacancy_id == vacancy_id)
        )
        return {name: stage_id for name, stage_id in found}


def make_pair(ws: Workspace, clock: TravelClock) -> Pair:
    skill = TagCategory.SKILL
    keep = ws.candidates.create(
        CandidateRecord(
            "Anna",
            "Kowalska",
            email="anna@example.com",
            other_emails=["a.k@work.example"],
            city="Kraków",
            tags=[TagRef(skill, "Java"), TagRef(skill, "Kotlin")],
        )
    )
    shared_pool = ws.pools.create("Kraków Java")
    stages = ws.pools.stages(shared_pool)
    ws.pools.add_members(shared_pool, [keep])
    # Flagging a near-fit stamps the person as changed: before the other is saved, who is so
    # the newest (a merge's defaults).
    ws.pools.set_near_fit(shared_pool, keep, True)
    clock.advance(days=1)
    other = ws.candidates.create(
        CandidateRecord(
            "Anna",
            "Kowalska-Nowak",
            email="anna.nowak@example.org",
            other_emails=["a.k@work.example", "anna@home.example"],
            phone="+48 601 234 567",
            city="Warszawa",
            title="Backend Developer",
            tags=[TagRef(skill, "Kotlin"), TagRef(skill, "Go")],
        )
    )
    referred = ws.candidates.create(
        CandidateRecord(
            "Jan",
            "Nowak",
            relationship_kind=RelationshipKind.REFERRED_BY,
            referred_by_id=other,
        )
    )
    other_pool = ws.pools.create("Warsaw Go")
    ws.pools.add_members(shared_pool, [other], stages[2].id)
    ws.pools.add_members(other_pool, [other])
    for pool in (shared_pool, other_pool):
        ws.pools.set_cadence(pool, 30)
    ws.interactions.log(keep, InteractionKind.CALL, subject="Intro call")
    ws.interactions.log(other, InteractionKind.MEETING, subject="Coffee", pool_id=other_pool)
    ws.reminders.add(other, START + timedelta(days=3), note="send the offer")
    shared_role = vacancy(ws, "Kotlin Developer")
    other_role = vacancy(ws, "Go Developer")
    ws.vacancies.add_candidates(shared_role, [keep, other])
    ws.vacancies.add_candidates(other_role, [other])
    kotlin = stage_ids(ws, shared_role)
    _move_application(ws, shared_role, other, kotlin)
    with session_outside(ws.paths.database) as session:
        session.add(DuplicateDismissal(first_id=other, second_id=referred, dismissed_at=START))
        session.add(
            Consent(candidate_id=other, legal_basis=LegalBasis.CONSENT, status=ConsentStatus.GIVEN)
        )
        session.add(
            OutboxMessage(
                candidate_id=other,
                to_name="Anna Kowalska-Nowak",
                to_address="anna.nowak@example.org",
                subject="Hello",
                body_text="Hi Anna",
                status=OutboxStatus.SENT,
                next_attempt_at=START,
            )
        )
    clock.advance(days=45)  # past both cadences: a check-in for each member
    ws.refresh_generated_reminders()
    return Pair(keep, other, shared_pool, other_pool, shared_role, other_role, referred)


def _move_application(ws: Workspace, role: int, candidate: int, stages: dict[str, int]) -> None:
    from talentdesk.core.db.models import Application

    with session_outside(ws.paths.database) as session:
        app_id = session.scalar(
            select(Application.id).where(
                Application.vacancy_id == role, Application.candidate_id == candidate
            )
        )
    assert app_id is not None
    ws.vacancies.move(app_id, stages["Engaged"])


def dump(database: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (the search index included), sorted; on the server database
    when the test's workspace is on PostgreSQL (no search index there yet)."""
    url = SERVER_FOR.get(database)
    if url is not None:
        return _dump_server(url)
    assert database.exists()  # else sqlite3 would make an empty file and compare nothing
    connection = sqlite3.connect(database)
    try:
        names = [
            n
            for (n,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'candidate_fts_%'"
            )
        ]
        tables = {}
        for name in names:
            # Stamps (core/ops/stamps.py) are bookkeeping of when work was last done, not data.
            where = " WHERE key NOT LIKE 'stamp:%'" if name == "app_setting" else ""
            sql = f"SELECT * FROM {name}{where}"
            if name == "candidate_fts":  # by person: the rowid is their place by name
                sql = (
                    "SELECT c.id, f.* FROM candidate_fts f"
                    " JOIN candidate c ON c.search_key = f.rowid"
                )
            cursor = connection.execute(sql)
            tables[name] = sorted(_without_version(name, cursor.description, cursor), key=repr)
        return tables
    finally:
        connection.close()


def _dump_server(url: str) -> dict[str, list[tuple[object, ...]]]:
    from sqlalchemy import inspect, text

    from talentdesk.core.db.server import make_server_engine

    engine = make_server_engine(url)
    try:
        with engine.connect() as connection:
            names = inspect(connection).get_table_names()
            tables = {}
            for name in names:
                # The stamps are bookkeeping there too (core/ops/server_stamps.py), not data.
                where = " WHERE key NOT LIKE 'stamp:%'" if name == "app_setting" else ""
                result = connection.execute(text(f'SELECT * FROM "{name}"{where}'))
                columns = [(c,) for c in list(result.keys())]
                tables[name] = sorted(_without_version(name, columns, result), key=repr)
            return tables
    finally:
        engine.dispose()


def _without_version(table: str, description: Any, rows: Iterable[Any]) -> list[tuple[object, ...]]:
    """The rows without `candidate.version`: an undo puts a person back at a new version (an
    edit form opened since must not pass for current), and without `search_key`, their place
    by name given afresh (db/search_order.py): the columns not as they were."""
    keep = [
        i
        for i, d in enumerate(description)
        if not (table == "candidate" and d[0] in ("version", "search_key"))
    ]
    return [tuple(row[i] for i in keep) for row in rows]
