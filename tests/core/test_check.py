"""`check`: integrity and foreign keys, each problem in words (table, row, what is wrong)."""

from __future__ import annotations

import sqlite3

import pytest

from talentdesk.core.backups.check import check
from talentdesk.core.db.enums import TagCategory
from talentdesk.core.errors import DatabasePathNotAFileError, TalentDeskError
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.backup_files import damage_the_schema, empty_an_index, sha


def test_a_healthy_database_is_ok(ws: Workspace, paths: AppPaths) -> None:
    ws.candidates.create(CandidateRecord(first_name="Anna", last_name="Nowak"))
    report = check(paths)
    assert report.ok
    assert report.lines() == [f"{paths.database}: ok (integrity and foreign keys checked)"]


def test_a_row_pointing_to_nothing_is_named(ws: Workspace, paths: AppPaths) -> None:
    ws.candidates.create(
        CandidateRecord(
            first_name="Anna", last_name="Nowak", tags=[TagRef(TagCategory.SKILL, "Java")]
        )
    )
    ws.close()
    conn = sqlite3.connect(paths.database)  # foreign keys are off on a plain connection
    conn.execute("DELETE FROM tag")
    conn.commit()
    conn.close()
    before = sha(paths.database)

    report = check(paths)

    assert not report.ok and report.damage == []
    [problem] = report.broken_links
    assert problem.table == "candidate_tag"
    assert problem.text.startswith(f"table candidate_tag, row {problem.row}: ")
    assert "tag_id = 1 points to a tag that does not exist" in problem.text
    assert report.lines()[0] == f"{paths.database}: 1 problem found"
    assert report.lines()[1] == f"  broken link: {problem.text}"
    assert sha(paths.database) == before  # a check only reads


def test_damage_is_listed_with_its_table(ws: Workspace, paths: AppPaths) -> None:
    for i in range(3):
        ws.candidates.create(
            CandidateRecord(first_name=f"A{i}", last_name="Nowak", email=f"a{i}@example.com")
        )
    ws.close()
    empty_an_index(paths.database)

    report = check(paths)

    assert not report.ok
    texts = [p.text for p in report.damage]
    assert "table candidate: row 1 missing from index ix_candidate_email" in texts
    assert {p.table for p in report.damage} == {"candidate"}


def test_a_database_sqlite_cannot_read_is_reported_as_damaged(
    ws: Workspace, paths: AppPaths
) -> None:
    ws.close()
    damage_the_schema(paths.database)
    report = check(paths)
    assert not report.ok
    assert "database disk image is malformed" in report.damage[0].text


def test_what_cannot_be_checked_is_an_error(paths: AppPaths) -> None:
    paths.ensure()
    with pytest.raises(TalentDeskError, match="There is no database"):
        check(paths)
    paths.database.mkdir()
    with pytest.raises(DatabasePathNotAFileError):
        check(paths)
