"""Migration 0014 gives a team database made by an older version its search index, filled
from the candidates it already holds (and takes it away again on a downgrade)."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from sqlalchemy import inspect

from talentdesk.core.db.enums import TagCategory
from talentdesk.core.db.migrate import downgrade, upgrade
from talentdesk.core.db.server import make_server_engine
from talentdesk.core.records import CandidateRecord, TagRef
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import TravelClock


def _tables(url: str) -> set[str]:
    engine = make_server_engine(url)
    try:
        with engine.connect() as connection:
            return set(inspect(connection).get_table_names())
    finally:
        engine.dispose()


def _migrate(url: str, to: str) -> None:
    engine = make_server_engine(url)
    try:
        with engine.begin() as connection:
            (upgrade if to == "head" else downgrade)(connection, to)
    finally:
        engine.dispose()


def test_an_older_team_database_gets_its_search_index(pg_url: str, tmp_path: Path) -> None:
    paths = AppPaths(tmp_path / "team", pg_url)
    ws = Workspace.open(paths, TravelClock(), tz=UTC)
    try:
        ws.candidates.create(
            CandidateRecord(
                first_name="Łukasz",
                last_name="Żak",
                city="Kraków",
                tags=[TagRef(TagCategory.SKILL, "Kotlin")],
            )
        )
    finally:
        ws.close()
    _migrate(pg_url, "0013")
    assert "candidate_fts" not in _tables(pg_url)
    ws = Workspace.open(paths, TravelClock(), tz=UTC)  # upgrades it to head (0014)
    try:
        found = ws.search_ids("lukasz zak krakow kotl")
        assert [ws.candidates.get(i).last_name for i in found] == ["Żak"]
    finally:
        ws.close()
