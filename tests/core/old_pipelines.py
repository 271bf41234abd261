"""A database as TalentDesk before migration 0006 left it (schema 0005), filled with raw SQL:
pools with the default stages and with the agency's own, applications whose stages are free
text in every spelling people type, and their history."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from talentdesk.core.db.engine import make_engine, set_foreign_keys
from talentdesk.core.db.migrate import downgrade, upgrade

T = "2026-{:02d}-{:02d} 10:00:00.000000"  # the stored text format
DEFAULTS = [
    "Sourced", "Contacted", "Engaged", "Interviewing", "Offer",
    "Hired", "Not a fit", "Declined", "Withdrawn",
]  # fmt: skip
# The agency pool's own stages, and the kind each should be given.
AGENCY = {
    "Sourced": "new",
    "Phone screen": "screening",
    "Entretien": "interviewing",
    "Final round": "interviewing",
    "Offer extended": "offer",
    "Placed": "hired",
    "Rejected by client": "rejected",
    "Not interested": "declined",
    "Talent community": "screening",
    "Dropped out": "withdrawn",
}
JAVA, AGENCY_POOL = 1, 2
# Candidate id -> (pool, stage name, stage changed at): none of them has heard back.
MEMBERS = {
    1: (JAVA, "Sourced", None),
    2: (JAVA, "Not a fit", T.format(11, 1)),
    3: (JAVA, "Interviewing", T.format(11, 20)),  # a few days only: nothing owed yet
    4: (AGENCY_POOL, "Rejected by client", T.format(10, 3)),
    5: (AGENCY_POOL, "Final round", T.format(9, 1)),  # weeks ago: owed
    6: (AGENCY_POOL, "Placed", T.format(9, 1)),
    7: (AGENCY_POOL, "Talent community", None),
    8: (AGENCY_POOL, "Entretien", T.format(11, 24)),
    9: (AGENCY_POOL, "Not interested", T.format(11, 2)),
}
BACKEND, QA, EMPTY = 1, 2, 3
# Application id -> (candidate, vacancy, stage as typed, [(from, to, month, day), ...]).
APPLICATIONS = {
    1: (1, BACKEND, "declined", [(None, "Sourced", 9, 1), ("Interviewing", "declined", 9, 20)]),
    2: (2, BACKEND, "INTERVIEWING", [(None, "Sourced", 9, 2), ("sourced", "INTERVIEWING", 9, 9)]),
    3: (3, BACKEND, "Tech test", [(None, "Sourced", 9, 3), ("Sourced", "Phone screen", 9, 4)]),
    4: (4, BACKEND, "tech test",
        [(None, "Phone screen", 9, 5), ("Phone screen", "tech test", 9, 6)]),
    5: (5, BACKEND, " Offer ", [("Client interview", " Offer ", 10, 1)]),
    6: (6, BACKEND, "Client interview", []),
    7: (7, BACKEND, "Évaluation", [(None, "Évaluation", 10, 2)]),
    8: (8, BACKEND, "évaluation", [("Sourced", "évaluation", 10, 3)]),
    9: (9, BACKEND, "   ", []),
    10: (7, QA, "Tech test", [(None, "Tech test", 10, 5)]),
    11: (2, QA, "Rejected by client", [("Tech test", "Rejected by client", 10, 6)]),
    12: (3, QA, "\tHired\u00a0", [("Offer", "Hired", 10, 7)]),  # pasted from a sheet
    13: (4, QA, "Client  interview", [("Tech test", "Client  interview", 10, 8)]),
}  # fmt: skip
# What each application's stage is called after the upgrade.
STAGE_AFTER = {
    1: "Declined", 2: "Interviewing", 3: "Tech test", 4: "Tech test", 5: "Offer",
    6: "Client interview", 7: "Évaluation", 8: "Évaluation", 9: "Sourced",
    10: "Tech test", 11: "Rejected by client", 12: "Hired", 13: "Client interview",
}  # fmt: skip


def migrate(path: Path, target: str, *, down: bool = False) -> None:
    """Up (or down) to `target` as the tests of the migrations do: foreign keys off."""
    engine = make_engine(path)
    with engine.connect() as conn:
        set_foreign_keys(conn, False)
        with conn.begin():
            (downgrade if down else upgrade)(conn, target)
    engine.dispose()


def build(path: Path) -> None:
    """The database at 0005 with the pools, members, vacancies and applications above."""
    migrate(path, "0005")
    con = sqlite3.connect(path)
    try:
        fill(con)
        con.commit()
    finally:
        con.close()


def fill(con: sqlite3.Connection) -> None:
    con.executemany(
        "INSERT INTO candidate (id, first_name, last_name, relationship_kind, status,"
        " created_at, updated_at) VALUES (?, ?, 'Test', 'none', 'passive', ?, ?)",
        [(c, f"Person{c}", T.format(1, 1), T.format(1, 1)) for c in range(1, 10)],
    )
    for pool_id, name, stages in ((JAVA, "Java", DEFAULTS), (AGENCY_POOL, "Agency", AGENCY)):
        con.execute(
            "INSERT INTO pool (id, name, colour, created_at) VALUES (?, ?, '#3366cc', ?)",
            (pool_id, name, T.format(1, 1)),
        )
        con.executemany(
            "INSERT INTO pool_stage (pool_id, name, position) VALUES (?, ?, ?)",
            [(pool_id, stage, i) for i, stage in enumerate(stages)],
        )
    for cid, (pool_id, stage, changed) in MEMBERS.items():
        con.execute(
            "INSERT INTO pool_membership (candidate_id, pool_id, stage_id, near_fit, added_at,"
            " stage_changed_at) SELECT ?, ?, id, 0, ?, ? FROM pool_stage"
            " WHERE pool_id = ? AND name = ?",
            (cid, pool_id, T.format(8, 1), changed, pool_id, stage),
        )
    con.executemany(
        "INSERT INTO vacancy (id, title, company, status, opened_at) VALUES (?, ?, 'Acme', ?, ?)",
        [
            (BACKEND, "Backend Developer", "open", T.format(8, 1)),
            (QA, "QA Engineer", "closed", T.format(8, 2)),
            (EMPTY, "Data Analyst", "on_hold", T.format(8, 3)),
        ],
    )
    for app_id, (cid, vacancy, stage, moves) in APPLICATIONS.items():
        times = [T.format(month, day) for *_, month, day in moves] or [T.format(8, 1)]
        con.execute(
            "INSERT INTO application (id, candidate_id, vacancy_id, stage, near_fit, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)",
            (app_id, cid, vacancy, stage, times[0], times[-1]),
        )
        con.executemany(
            "INSERT INTO application_stage_change (application_id, from_stage, to_stage,"
            " moved_at) VALUES (?, ?, ?, ?)",
            [(app_id, old, new, T.format(month, day)) for old, new, month, day in moves],
        )
