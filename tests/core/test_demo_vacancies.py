"""The sample vacancies: at different points of their pipelines, added once, and taken out
with the sample's Undo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from talentdesk.core.db.migrate import Database, open_database
from talentdesk.core.demo import load_sample_data
from tests.core.demo_helpers import NOW, rows, scalar


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "t.sqlite3")
    yield database
    database.close()


def test_sample_vacancies_at_different_points(db: Database) -> None:
    summary = load_sample_data(db, NOW)

    roles = rows(db, "SELECT id, title, status, closed_at IS NOT NULL FROM vacancy ORDER BY id")
    assert [(r[1], r[2], r[3]) for r in roles] == [
        ("Senior Backend Engineer (Java)", "open", 0),
        ("Lead Data Engineer", "filled", 1),
        ("Senior Product Manager, Payments", "open", 0),
    ]
    assert summary.new_vacancy_ids == tuple(r[0] for r in roles)
    java, data, product = (r[0] for r in roles)
    pipeline = rows(
        db,
        "SELECT s.name, count(*) FROM application a JOIN vacancy_stage s ON s.id = a.stage_id"
        " WHERE a.vacancy_id = ? GROUP BY s.name",
        (java,),
    )
    assert len(pipeline) >= 5  # spread across the stages
    moves = scalar(
        db,
        "SELECT count(*) FROM application_stage_change h JOIN application a"
        " ON a.id = h.application_id WHERE a.vacancy_id = ?",
        (java,),
    )
    assert moves >= 12  # with their history
    outcomes = dict(
        rows(
            db,
            "SELECT s.kind, count(*) FROM application a JOIN vacancy_stage s ON s.id = a.stage_id"
            " WHERE a.vacancy_id = ? GROUP BY s.kind",
            (data,),
        )
    )
    assert outcomes == {"hired": 1, "rejected": 2, "declined": 1}
    # Everyone the filled role turned down was told; the open role owes one answer.
    feedback = [r[0] for r in rows(db, "SELECT reason FROM reminder WHERE origin = 'feedback'")]
    assert not [r for r in feedback if "Lead Data Engineer" in r]
    assert "Moved to Not a fit for vacancy Senior Backend Engineer (Java) — tell them" in feedback
    # Few applicants for the product role, but people in the pools with its required tags.
    assert scalar(db, "SELECT count(*) FROM application WHERE vacancy_id = ?", (product,)) == 1
    fits = scalar(
        db,
        "SELECT count(*) FROM (SELECT ct.candidate_id FROM candidate_tag ct"
        " JOIN vacancy_tag vt ON vt.tag_id = ct.tag_id AND vt.required"
        " WHERE vt.vacancy_id = ? GROUP BY ct.candidate_id HAVING count(*) ="
        " (SELECT count(*) FROM vacancy_tag WHERE vacancy_id = ? AND required))",
        (product, product),
    )
    assert fits >= 3


def test_sample_vacancies_are_added_once_and_taken_out_with_the_sample(db: Database) -> None:
    from talentdesk.core.services.candidates import CandidateService
    from talentdesk.core.services.pools import PoolService
    from talentdesk.core.vacancies.service import VacancyService

    first = load_sample_data(db, NOW)
    again = load_sample_data(db, NOW + timedelta(days=1))
    assert again.new_vacancy_ids == ()
    assert scalar(db, "SELECT count(*) FROM vacancy") == 3
    applications = scalar(db, "SELECT count(*) FROM application")

    # What the window's Undo does with the summary.
    for vacancy_id in first.new_vacancy_ids:
        VacancyService(db.sessions).delete(vacancy_id)
    CandidateService(db.sessions).delete(list(first.candidate_ids))
    for pool_id in first.new_pool_ids:
        PoolService(db.sessions).delete(pool_id)
    assert applications == 11
    for table in ("vacancy", "vacancy_stage", "application", "candidate", "interaction"):
        assert scalar(db, f"SELECT count(*) FROM {table}") == 0, table
