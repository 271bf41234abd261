"""Migration 0006 at the edges: memberships whose stage is not their pool's (no app wrote one,
a script could), a hundred thousand memberships, and a CSV import naming a stage the pool
does not have yet, into a database just upgraded."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

from talentdesk.core.csvio.importer import run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.db.enums import guess_stage_kind
from talentdesk.core.db.migrate import open_database
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.conftest import TravelClock
from tests.core import old_pipelines as old
from tests.core.old_pipelines import AGENCY_POOL, JAVA, T


def _rows(path: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def _members(path: Path) -> set[tuple[object, ...]]:
    return set(
        _rows(
            path,
            "SELECT m.candidate_id, p.name, s.name, s.pool_id = m.pool_id FROM pool_membership m"
            " JOIN pool p ON p.id = m.pool_id LEFT JOIN pool_stage s ON s.id = m.stage_id",
        )
    )


def test_a_member_at_another_pools_stage_moves_to_its_own_pools_stage(tmp_path: Path) -> None:
    """Otherwise the new composite key would refuse the file and the app could not open it."""
    path = tmp_path / "talentdesk.sqlite3"
    old.build(path)
    con = sqlite3.connect(path)
    agency = "(SELECT id FROM pool_stage WHERE pool_id = ? AND name = ?)"
    con.execute(  # the Java pool has an "Offer" stage: the same name, found there
        f"UPDATE pool_membership SET stage_id = {agency} WHERE candidate_id = 1 AND pool_id = ?",
        (AGENCY_POOL, "Sourced", JAVA),
    )
    con.execute(  # the Java pool has no "Final round": made there, after its other stages
        f"UPDATE pool_membership SET stage_id = {agency} WHERE candidate_id = 2 AND pool_id = ?",
        (AGENCY_POOL, "Final round", JAVA),
    )
    con.execute("UPDATE pool_membership SET stage_id = 999 WHERE candidate_id = 3")  # gone
    con.commit()
    con.close()
    assert sum(1 for *_, own in _members(path) if not own) == 3

    open_database(path).close()
    assert _members(path) == {
        (1, "Java", "Sourced", 1),
        (2, "Java", "Final round", 1),
        (3, "Java", "Sourced", 1),  # its stage was gone: the pool's first
        *((c, p, s, 1) for c, (pool, s, _) in old.MEMBERS.items() if c > 3
          for p in ["Java" if pool == JAVA else "Agency"]),
    }  # fmt: skip
    assert _rows(
        path,
        "SELECT name, kind, position FROM pool_stage WHERE pool_id = ? ORDER BY position DESC"
        " LIMIT 2",
        JAVA,
    ) == [("Final round", "interviewing", 9), ("Withdrawn", "withdrawn", 8)]


def test_a_hundred_thousand_memberships_upgrade_whole(tmp_path: Path) -> None:
    """Ten thousand people in each of ten pools (the upgrade takes under a second here)."""
    path = tmp_path / "big.sqlite3"
    old.migrate(path, "0005")
    people, pools = 10_000, 10
    stages = [*old.DEFAULTS, *old.AGENCY]
    con = sqlite3.connect(path)
    con.executemany(
        "INSERT INTO candidate (id, first_name, last_name, relationship_kind, status,"
        " created_at, updated_at) VALUES (?, 'A', 'B', 'none', 'passive', ?, ?)",
        [(c, T.format(1, 1), T.format(1, 1)) for c in range(1, people + 1)],
    )
    for pool in range(1, pools + 1):
        con.execute(
            "INSERT INTO pool (id, name, colour, created_at) VALUES (?, ?, '#000000', ?)",
            (pool, f"Pool {pool}", T.format(1, 1)),
        )
        con.executemany(
            "INSERT OR IGNORE INTO pool_stage (pool_id, name, position) VALUES (?, ?, ?)",
            [(pool, name, i) for i, name in enumerate(stages)],
        )
    ids = {(p, s): i for i, p, s in con.execute("SELECT id, pool_id, name FROM pool_stage")}
    at = [stages[(c + p) % len(stages)] for c in range(people) for p in range(pools)]
    con.executemany(
        "INSERT INTO pool_membership (candidate_id, pool_id, stage_id, near_fit, added_at,"
        " stage_changed_at) VALUES (?, ?, ?, 0, ?, ?)",
        [
            (c + 1, p + 1, ids[(p + 1, at[c * pools + p])], T.format(2, 1), T.format(3, 1))
            for c in range(people) for p in range(pools)
        ],
    )  # fmt: skip
    con.commit()
    before = con.execute("SELECT id, pool_id, stage_id FROM pool_membership").fetchall()
    con.close()

    open_database(path).close()
    assert len(before) == 100_000
    assert _rows(path, "SELECT id, pool_id, stage_id FROM pool_membership") == before
    by_kind = _rows(
        path,
        "SELECT s.kind, count(*) FROM pool_membership m"
        " JOIN pool_stage s ON s.pool_id = m.pool_id AND s.id = m.stage_id GROUP BY s.kind",
    )
    assert dict(by_kind) == Counter(guess_stage_kind(name) for name in at)
    assert _rows(path, "PRAGMA foreign_key_check") == []


def test_a_csv_stage_a_pool_lacks_is_added_with_a_guessed_kind(
    paths: AppPaths, clock: TravelClock, tmp_path: Path
) -> None:
    paths.ensure()
    old.build(paths.database)
    csv = tmp_path / "people.csv"
    csv.write_text(
        "First name,Last name,Pools,Stage\n"
        "Anna,Nowak,Java,Java: Final round\n"
        "Jan,Lis,Java; Agency,Java: Rejected by client; Agency: final  ROUND\n"
        "Ewa,Kot,Design,Design: Tech test\n",
        encoding="utf-8",
    )
    ws = Workspace.open(paths, clock)  # the upgrade, as the app starts
    try:
        layout = sniff(csv)
        options = ImportOptions(guess_mapping(layout.header))
        assert run_import(ws.db, csv, layout, options, ws.clock).created == 3
        rows = ws.reader.execute(
            "SELECT p.name, s.name, s.kind, s.position FROM pool_stage s"
            " JOIN pool p ON p.id = s.pool_id ORDER BY p.name, s.position"
        )
        stages = [(str(p), str(s), str(k), int(i)) for p, s, k, i in rows]
    finally:
        ws.close()
    added = [row for row in stages if row[1] not in old.DEFAULTS and row[0] != "Agency"]
    assert added == [
        ("Design", "Tech test", "interviewing", 9),
        ("Java", "Final round", "interviewing", 9),
        ("Java", "Rejected by client", "rejected", 10),
    ]
    # The agency's own "Final round" was found in another case and spacing, not made again.
    assert [s for p, s, _, _ in stages if p == "Agency"] == list(old.AGENCY)
