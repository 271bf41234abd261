"""Reads for the vacancies list, a role's board and a candidate's applications: one statement
each, so a board of 2,000 cards is one round trip."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import text
from sqlalchemy.orm import Session

from talentdesk.core.db.datetimes import from_db
from talentdesk.core.db.enums import OUTCOME_KINDS, StageKind, VacancyStatus
from talentdesk.core.vacancies.records import (
    ApplicationInfo,
    Board,
    Card,
    Move,
    StageInfo,
    VacancySummary,
)

_OUTCOMES = ", ".join(f"'{k.value}'" for k in sorted(OUTCOME_KINDS))


def summaries(
    session: Session, statuses: frozenset[VacancyStatus] | None, words: str
) -> list[VacancySummary]:
    """Roles with their pipeline counts: open ones first, then by when they were opened."""
    where, params = [], {}
    if statuses is not None:
        where.append("v.status IN (" + ", ".join(f"'{s.value}'" for s in statuses) + ")")
    for i, word in enumerate(words.split()):
        where.append(
            f"(v.title LIKE :w{i} OR coalesce(v.company, '') LIKE :w{i}"
            f" OR coalesce(v.location, '') LIKE :w{i})"
        )
        params[f"w{i}"] = f"%{word}%"
    rows = session.execute(
        text(
            f"""
            SELECT v.id, v.title, v.company, v.location, v.status, v.opened_at, v.closed_at,
                count(a.id) FILTER (WHERE s.kind NOT IN ({_OUTCOMES})),
                count(a.id),
                count(a.id) FILTER (WHERE s.kind = 'hired')
            FROM vacancy v
            LEFT JOIN application a ON a.vacancy_id = v.id
            LEFT JOIN vacancy_stage s ON s.id = a.stage_id
            {"WHERE " + " AND ".join(where) if where else ""}
            GROUP BY v.id
            ORDER BY v.status IN ('filled', 'closed'), v.opened_at DESC, v.id DESC
            """
        ),
        params,
    )
    return [
        VacancySummary(
            id=r[0],
            title=r[1],
            company=r[2],
            location=r[3],
            status=VacancyStatus(r[4]),
            opened_at=from_db(r[5]),
            closed_at=from_db(r[6]) if r[6] else None,
            in_pipeline=r[7],
            total=r[8],
            hired=r[9],
        )
        for r in rows
    ]


def stages(session: Session, vacancy_id: int) -> tuple[StageInfo, ...]:
    rows = session.execute(
        text(
            "SELECT id, name, kind, position FROM vacancy_stage WHERE vacancy_id = :v"
            " ORDER BY position, id"
        ),
        {"v": vacancy_id},
    )
    return tuple(StageInfo(r[0], r[1], StageKind(r[2]), r[3]) for r in rows)


def board(session: Session, vacancy_id: int) -> Board:
    rows = session.execute(
        text(
            """
            SELECT a.id, a.candidate_id, c.first_name || ' ' || c.last_name, c.title, c.company,
                c.city, a.stage_id, a.position, a.near_fit,
                coalesce((SELECT max(h.moved_at) FROM application_stage_change h
                          WHERE h.application_id = a.id), a.created_at),
                c.status = 'do_not_contact'
            FROM application a
            JOIN vacancy_stage s ON s.id = a.stage_id
            JOIN candidate c ON c.id = a.candidate_id
            WHERE a.vacancy_id = :v
            ORDER BY s.position, a.position, c.sort_name, a.id
            """
        ),
        {"v": vacancy_id},
    )
    cards = tuple(
        Card(
            application_id=r[0],
            candidate_id=r[1],
            name=r[2].strip(),
            headline=" at ".join(part for part in (r[3], r[4]) if part),
            city=r[5],
            stage_id=r[6],
            position=r[7],
            near_fit=bool(r[8]),
            moved_at=from_db(r[9]),
            do_not_contact=bool(r[10]),
        )
        for r in rows
    )
    return Board(vacancy_id, stages(session, vacancy_id), cards)


def applications_of(session: Session, candidate_id: int) -> list[ApplicationInfo]:
    history: dict[int, list[Move]] = defaultdict(list)
    for app_id, from_stage, to_stage, to_kind, moved_at in session.execute(
        text(
            "SELECT h.application_id, h.from_stage, h.to_stage, h.to_kind, h.moved_at"
            " FROM application_stage_change h JOIN application a ON a.id = h.application_id"
            " WHERE a.candidate_id = :c ORDER BY h.moved_at, h.id"
        ),
        {"c": candidate_id},
    ):
        kind = StageKind(to_kind) if to_kind else None
        history[app_id].append(Move(from_stage, to_stage, kind, from_db(moved_at)))
    rows = session.execute(
        text(
            """
            SELECT a.id, v.id, v.title, v.company, v.status, s.id, s.name, s.kind, a.near_fit,
                a.created_at
            FROM application a
            JOIN vacancy v ON v.id = a.vacancy_id
            JOIN vacancy_stage s ON s.id = a.stage_id
            WHERE a.candidate_id = :c
            ORDER BY v.status IN ('filled', 'closed'), a.updated_at DESC, a.id DESC
            """
        ),
        {"c": candidate_id},
    )
    return [
        ApplicationInfo(
            application_id=r[0],
            vacancy_id=r[1],
            title=r[2],
            company=r[3],
            vacancy_status=VacancyStatus(r[4]),
            stage_id=r[5],
            stage=r[6],
            kind=StageKind(r[7]),
            near_fit=bool(r[8]),
            created_at=from_db(r[9]),
            history=tuple(history[r[0]]),
        )
        for r in rows
    ]
