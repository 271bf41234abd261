"""Migration 0006 on a database people used: pool stages gain kinds, free-text application
stages become each vacancy's own stages, history keeps its names, and the schema then refuses
a stage of another pool or vacancy. Upgraded through `open_database`, as the app does."""

from __future__ import annotations

import sqlite3
from datetime import UTC
from pathlib import Path

import pytest

from talentdesk.core.db.enums import DEFAULT_PIPELINE
from talentdesk.core.db.migrate import open_database
from talentdesk.core.reminders.generated import refresh
from tests.conftest import START
from tests.core import old_pipelines as old
from tests.core.old_pipelines import AGENCY, APPLICATIONS, BACKEND, EMPTY, MEMBERS, QA, STAGE_AFTER

DEFAULT_KINDS = {name: kind.value for name, kind in DEFAULT_PIPELINE}
TABLES = ("pool_stage", "pool_membership", "application", "application_stage_change")


def _rows(path: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def _counts(path: Path) -> dict[str, int]:
    return {t: int(_rows(path, f"SELECT count(*) FROM {t}")[0][0]) for t in TABLES}


def _member_stages(path: Path) -> dict[int, tuple[int, int]]:
    rows = _rows(path, "SELECT candidate_id, pool_id, stage_id FROM pool_membership")
    return {int(c): (int(p), int(s)) for c, p, s in rows}


@pytest.fixture
def before(tmp_path: Path) -> Path:
    path = tmp_path / "talentdesk.sqlite3"
    old.build(path)
    return path


@pytest.fixture
def upgraded(before: Path) -> Path:
    open_database(before).close()
    return before


def test_the_old_database_is_what_the_tests_assume(before: Path) -> None:
    assert _rows(before, "SELECT version_num FROM alembic_version") == [("0005",)]
    assert _counts(before) == {
        "pool_stage": 19,
        "pool_membership": len(MEMBERS),
        "application": len(APPLICATIONS),
        "application_stage_change": 15,
    }


def test_pool_stages_gain_their_kinds_and_members_keep_their_stages(before: Path) -> None:
    members, counts = _member_stages(before), _counts(before)
    open_database(before).close()
    kinds = _rows(
        before, "SELECT p.name, s.name, s.kind FROM pool_stage s JOIN pool p ON p.id = s.pool_id"
    )
    assert {(s, k) for p, s, k in kinds if p == "Java"} == set(DEFAULT_KINDS.items())
    assert {(s, k) for p, s, k in kinds if p == "Agency"} == set(AGENCY.items())
    assert _member_stages(before) == members
    assert _counts(before) == counts
    changed = _rows(before, "SELECT candidate_id, stage_changed_at FROM pool_membership")
    assert {c: t for c, t in changed} == {c: t for c, (_, _, t) in MEMBERS.items()}


def _pipeline(path: Path, vacancy: int) -> list[tuple[str, str]]:
    rows = _rows(
        path, "SELECT name, kind FROM vacancy_stage WHERE vacancy_id = ? ORDER BY position", vacancy
    )
    return [(str(n), str(k)) for n, k in rows]


def _with(extra: dict[str, list[tuple[str, str]]]) -> list[tuple[str, str]]:
    """The default pipeline with custom stages after the default of each kind."""
    out: list[tuple[str, str]] = []
    for name, kind in DEFAULT_PIPELINE:
        out += [(name, kind.value), *extra.get(name, [])]
    return out


def test_each_vacancy_gets_the_defaults_and_one_stage_per_custom_name(upgraded: Path) -> None:
    """Default names in any case or spacing are the default stage; a custom name spelt two
    ways (also in letters SQLite cannot fold) is one stage; a name seen only in the history
    is a stage too. Custom stages go after the default of their kind, in the order first used."""
    assert _pipeline(upgraded, BACKEND) == _with(
        {
            "Engaged": [("Phone screen", "screening"), ("Évaluation", "screening")],
            "Interviewing": [("Client interview", "interviewing"), ("Tech test", "interviewing")],
        }
    )
    assert _pipeline(upgraded, QA) == _with(
        {
            "Interviewing": [("Tech test", "interviewing"), ("Client interview", "interviewing")],
            "Not a fit": [("Rejected by client", "rejected")],
        }
    )
    assert _pipeline(upgraded, EMPTY) == _with({})
    positions = _rows(upgraded, "SELECT vacancy_id, position FROM vacancy_stage ORDER BY 1, 2")
    for vacancy, size in ((BACKEND, 13), (QA, 12), (EMPTY, 9)):
        assert [p for v, p in positions if v == vacancy] == list(range(size))


def test_every_application_is_at_a_stage_of_its_own_vacancy(before: Path) -> None:
    counts = _counts(before)
    open_database(before).close()
    rows = _rows(
        before,
        "SELECT a.id, a.vacancy_id, s.vacancy_id, s.name, s.kind FROM application a"
        " JOIN vacancy_stage s ON s.id = a.stage_id ORDER BY a.id",
    )
    assert {int(a): str(name) for a, _, _, name, _ in rows} == STAGE_AFTER
    assert all(mine == theirs for _, mine, theirs, _, _ in rows)
    assert len(rows) == len(APPLICATIONS)
    kinds = {str(name): str(kind) for *_, name, kind in rows}
    assert kinds["Declined"] == "declined" and kinds["Rejected by client"] == "rejected"
    assert kinds["Tech test"] == "interviewing" and kinds["Évaluation"] == "screening"
    assert _counts(before) == counts


def test_the_history_keeps_its_names_and_gains_the_kind_moved_to(before: Path) -> None:
    was = _rows(
        before,
        "SELECT id, application_id, from_stage, to_stage, moved_at FROM application_stage_change",
    )
    open_database(before).close()
    now = _rows(
        before,
        "SELECT id, application_id, from_stage, to_stage, moved_at, to_kind"
        " FROM application_stage_change",
    )
    assert [row[:5] for row in now] == was
    kinds = {(str(row[3]), row[5]) for row in now}
    assert kinds == {
        ("Sourced", "new"), ("declined", "declined"), ("INTERVIEWING", "interviewing"),
        ("Phone screen", "screening"), ("tech test", "interviewing"), (" Offer ", "offer"),
        ("Évaluation", "screening"), ("évaluation", "screening"), ("Tech test", "interviewing"),
        ("Rejected by client", "rejected"), ("Hired", "hired"),
        ("Client  interview", "interviewing"),
    }  # fmt: skip


def _strict(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(path)
    con.execute("PRAGMA foreign_keys = ON")
    return con


def test_a_stage_of_another_pool_or_vacancy_is_refused_by_the_schema(upgraded: Path) -> None:
    con = _strict(upgraded)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            con.execute(
                "UPDATE pool_membership SET stage_id ="
                " (SELECT id FROM pool_stage WHERE pool_id = ? AND name = 'Final round')"
                " WHERE candidate_id = 1 AND pool_id = ?",
                (old.AGENCY_POOL, old.JAVA),
            )
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            con.execute(
                "UPDATE application SET stage_id ="
                " (SELECT id FROM vacancy_stage WHERE vacancy_id = ? AND name = 'Hired')"
                " WHERE id = 1",
                (QA,),
            )
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            con.execute(
                "INSERT INTO application (candidate_id, vacancy_id, stage_id, near_fit,"
                " created_at, updated_at, position) SELECT 5, ?, id, 0, '2026-12-01 10:00:00',"
                " '2026-12-01 10:00:00', 0 FROM vacancy_stage WHERE vacancy_id = ? LIMIT 1",
                (QA, EMPTY),
            )
        # A stage of its own pool or vacancy is fine.
        con.execute(
            "UPDATE application SET stage_id = (SELECT id FROM vacancy_stage"
            " WHERE vacancy_id = ? AND name = 'Hired') WHERE id = 1",
            (BACKEND,),
        )
    finally:
        con.close()


def test_feedback_is_owed_by_kind_whatever_the_stage_is_called(upgraded: Path) -> None:
    db = open_database(upgraded)
    try:
        refresh(db, START, UTC)
    finally:
        db.close()
    rows = _rows(
        upgraded,
        "SELECT candidate_id, pool_id, reason FROM reminder WHERE origin = 'feedback'"
        " ORDER BY candidate_id, pool_id",
    )
    pools = {int(c): str(r) for c, p, r in rows if p is not None}
    assert pools == {
        2: "Moved to Not a fit in pool Java — tell them",
        4: "Moved to Rejected by client in pool Agency — tell them",
        5: "Interviewing for 84 days in pool Agency",
        9: "Moved to Not interested in pool Agency — tell them",
    }
    vacancies = {int(c): str(r) for c, p, r in rows if p is None}
    assert vacancies == {
        1: "Moved to Declined for vacancy Backend Developer — tell them",
        2: "Moved to Rejected by client for vacancy QA Engineer — tell them",
        # At a stage of kind interviewing for longer than the setting (14 days) says.
        3: "Interviewing for 81 days for vacancy Backend Developer",
        4: "Interviewing for 47 days for vacancy QA Engineer",
        6: "Interviewing for 115 days for vacancy Backend Developer",
        7: "Interviewing for 50 days for vacancy QA Engineer",
    }


def test_down_to_0005_keeps_each_applications_stage_name_and_up_again(upgraded: Path) -> None:
    con = _strict(upgraded)  # used a while: a stage of the recruiter's own, a move to it
    con.execute(
        "INSERT INTO vacancy_stage (vacancy_id, name, kind, position)"
        " VALUES (?, 'Reference check', 'offer', 20)",
        (BACKEND,),
    )
    con.execute(
        "UPDATE application SET stage_id = (SELECT max(id) FROM vacancy_stage) WHERE id = 6"
    )
    con.execute(
        "INSERT INTO application_stage_change (application_id, from_stage, to_stage, to_kind,"
        " moved_at) VALUES (6, 'Client interview', 'Reference check', 'offer', ?)",
        (old.T.format(11, 1),),
    )
    con.commit()
    con.close()
    named = {**STAGE_AFTER, 6: "Reference check"}
    history = _rows(upgraded, "SELECT * FROM application_stage_change ORDER BY id")

    old.migrate(upgraded, "0005", down=True)
    assert _rows(upgraded, "SELECT version_num FROM alembic_version") == [("0005",)]
    assert dict(_rows(upgraded, "SELECT id, stage FROM application")) == named
    assert _rows(upgraded, "SELECT * FROM application_stage_change ORDER BY id") == [
        row[:5] for row in history
    ]
    members = _member_stages(upgraded)

    open_database(upgraded).close()
    # The kind the recruiter chose is not in 0005's schema: guessed again from the name (and,
    # as every move then, it is the file's one user's: 0015).
    again = [*history[:-1], (*history[-1][:5], "screening", 1)]
    assert _rows(upgraded, "SELECT * FROM application_stage_change ORDER BY id") == again
    assert _member_stages(upgraded) == members
    names = _rows(
        upgraded,
        "SELECT a.id, s.name FROM application a JOIN vacancy_stage s"
        " ON s.id = a.stage_id AND s.vacancy_id = a.vacancy_id",
    )
    assert dict(names) == named
    assert [n for n, _ in _pipeline(upgraded, QA)] == [
        "Sourced", "Contacted", "Engaged", "Interviewing", "Tech test", "Client interview",
        "Offer", "Hired", "Not a fit", "Rejected by client", "Declined", "Withdrawn",
    ]  # fmt: skip
    assert ("Reference check", "screening") in _pipeline(upgraded, BACKEND)
