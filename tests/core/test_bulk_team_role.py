"""Bulk tagging on a team database by a role that may read and write the tables but not alter
them (a team's server may grant no more): the search trigger cannot be held back, so it fires
row by row, with the same result and undo."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import psycopg
import pytest

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.db.enums import TagCategory
from talentdesk.core.records import TagRef
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import TravelClock
from tests.core.bulk_helpers import people
from tests.pg_server import PostgresServer

KOTLIN = TagRef(TagCategory.SKILL, "Kotlin")
_GRANTS = (
    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
    "GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {role}",
)


@pytest.fixture
def recruiter_url(postgres: PostgresServer, pg_url: str) -> Iterator[str]:
    """`pg_url` as a role with the tables' rows granted, not their ownership."""
    name = pg_url.rsplit("/", 1)[1]
    role = f"recruiter_{name}"[:60]
    with postgres.admin() as admin:
        admin.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'not-the-owner'")
    try:
        yield f"postgresql+psycopg://{role}:not-the-owner@{postgres.host}:{postgres.port}/{name}"
    finally:
        with psycopg.connect(pg_url.replace("+psycopg", ""), autocommit=True) as db:
            db.execute(f"DROP OWNED BY {role}")
        with postgres.admin() as admin:
            admin.execute(f"DROP ROLE {role}")


def test_tagging_in_bulk_without_the_right_to_alter_the_table(
    pg_url: str, recruiter_url: str, tmp_path: Path, clock: TravelClock
) -> None:
    owner = Workspace.open(AppPaths(tmp_path / "owner").with_database_url(pg_url), clock, tz=UTC)
    ids = people(owner, 3)
    owner.close()
    role = recruiter_url.split("//", 1)[1].split(":", 1)[0]
    with psycopg.connect(pg_url.replace("+psycopg", ""), autocommit=True) as db:
        for grant in _GRANTS:
            db.execute(grant.format(role=role))

    ws = Workspace.open(AppPaths(tmp_path / "desk").with_database_url(recruiter_url), clock)
    try:
        result = ws.bulk.tag(ids[:2], [KOTLIN])
        assert result.summary == "Tagged 2 candidates Kotlin · skill"
        assert sorted(ws.listing.ids(ListQuery(search="kotlin"))) == ids[:2]
        ws.bulk.undo(result.undo)
        assert ws.listing.ids(ListQuery(search="kotlin")) == []
    finally:
        ws.close()
