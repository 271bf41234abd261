"""Export writes what the window shows: labels for seniority and status, each pool's stage and
near-fit flag; the importer reads the labels (and the codes) back."""

from __future__ import annotations

import csv
from pathlib import Path

from talentdesk.core.candidate_list import ListQuery
from talentdesk.core.csvio.exporter import ExportOptions, export_candidates
from talentdesk.core.csvio.importer import run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions, OnDuplicate
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.db.enums import CandidateStatus, Seniority
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.core.team_cli import where
from tests.integration.conftest import run_cli
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)


def _read(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return list(csv.reader(fh))


def _stage(ws: Workspace, pool_id: int, name: str) -> int:
    return next(s.id for s in ws.pools.stages(pool_id) if s.name == name)


def _people(ws: Workspace) -> tuple[int, int]:
    """Ola (a lead, do not contact) in Java at Interviewing, flagged a near fit, and in QA;
    Jan (no seniority, passive by default) in nothing."""
    ola = ws.candidates.create(
        CandidateRecord(
            first_name="Ola",
            last_name="Lis",
            seniority=Seniority.LEAD,
            status=CandidateStatus.DO_NOT_CONTACT,
        )
    )
    jan = ws.candidates.create(CandidateRecord(first_name="Jan", last_name="Nowak"))
    java, qa = ws.pools.create("Java"), ws.pools.create("QA")
    ws.pools.add_members(java, [ola], _stage(ws, java, "Interviewing"))
    ws.pools.add_members(qa, [ola])
    ws.pools.set_near_fit(java, ola, True)
    return ola, jan


COLUMNS = ["first_name", "seniority", "status", "pools", "stage", "near_fit"]


def test_labels_stages_and_near_fit_in_every_pool(ws: Workspace, tmp_path: Path) -> None:
    ola, jan = _people(ws)
    dest = tmp_path / "out.csv"
    export_candidates(ws.reader, [ola, jan], dest, ExportOptions(COLUMNS), data_dir=ws.paths)
    assert _read(dest) == [
        ["First name", "Seniority", "Status", "Pools", "Stage", "Near-fit"],
        ["Ola", "Lead", "Do not contact", "Java; QA", "Java: Interviewing; QA: Sourced", "Java"],
        ["Jan", "", "Passive", "", "", ""],
    ]


def test_an_export_of_one_pool_gives_its_stage_and_yes_or_no(ws: Workspace, tmp_path: Path) -> None:
    ola, jan = _people(ws)
    qa = ws.reads.pool_id_by_name("QA")
    java = ws.reads.pool_id_by_name("Java")
    ws.pools.add_members(qa, [jan], _stage(ws, qa, "Offer"))
    dest = tmp_path / "out.csv"
    options = ExportOptions(["first_name", "stage", "near_fit"], pool_id=java)
    export_candidates(ws.reader, [ola, jan], dest, options, data_dir=ws.paths)
    assert _read(dest)[1:] == [["Ola", "Interviewing", "Yes"], ["Jan", "", ""]]
    options = ExportOptions(["first_name", "stage", "near_fit"], pool_id=qa)
    export_candidates(ws.reader, [ola, jan], dest, options, data_dir=ws.paths)
    assert _read(dest)[1:] == [["Ola", "Sourced", "No"], ["Jan", "Offer", "No"]]


def test_cli_export_of_a_pool_gives_its_stage(
    ws: Workspace, paths: AppPaths, tmp_path: Path
) -> None:
    _people(ws)
    dest = tmp_path / "java.csv"
    columns = "first_name,seniority,stage,near_fit"
    result = run_cli(
        *where(paths), "export", "-o", str(dest), "--pool", "Java",
        "--columns", columns,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert _read(dest) == [
        ["First name", "Seniority", "Stage", "Near-fit"],
        ["Ola", "Lead", "Interviewing", "Yes"],
    ]


def test_labels_and_codes_import_back(ws: Workspace, tmp_path: Path) -> None:
    """The export's labels come back as the same values in an empty database, and a file with
    the stored codes ("lead", "do_not_contact") imports as well."""
    ola, _jan = _people(ws)
    dest = tmp_path / "all.csv"
    export_candidates(
        ws.reader, ws.listing.ids(ListQuery()), dest, ExportOptions(), data_dir=ws.paths
    )
    codes = tmp_path / "codes.csv"
    codes.write_text("First name,Seniority,Status\nEwa,lead,do_not_contact\nIza,PRINCIPAL,placed\n")
    other = Workspace.open(AppPaths(tmp_path / "other"), ws.clock)
    try:
        for path in (dest, codes):
            layout = sniff(path)
            mapping = ImportOptions(guess_mapping(layout.header))
            report = run_import(other.db, path, layout, mapping, other.clock)
            assert (report.created, report.rejected) == (2, [])
        found = {
            r.first_name: (r.seniority, r.status)
            for r in (other.candidates.get(cid) for cid in other.listing.ids(ListQuery()))
        }
        assert found == {
            "Ola": (Seniority.LEAD, CandidateStatus.DO_NOT_CONTACT),
            "Jan": (None, CandidateStatus.PASSIVE),
            "Ewa": (Seniority.LEAD, CandidateStatus.DO_NOT_CONTACT),
            "Iza": (Seniority.PRINCIPAL, CandidateStatus.PLACED),
        }
        assert ws.candidates.get(ola).seniority is Seniority.LEAD
    finally:
        other.close()


def _memberships(ws: Workspace) -> set[tuple[str, str, str, bool]]:
    rows = ws.reader.execute(
        "SELECT c.first_name, p.name, s.name, m.near_fit FROM pool_membership m"
        " JOIN candidate c ON c.id = m.candidate_id JOIN pool p ON p.id = m.pool_id"
        " JOIN pool_stage s ON s.id = m.stage_id"
    )
    return {(first, pool, stage, bool(flag)) for first, pool, stage, flag in rows}


def test_pools_stages_and_near_fit_import_back_into_an_empty_database(
    ws: Workspace, tmp_path: Path
) -> None:
    """Pools the database lacks are made; a stage a pool lacks is added to it."""
    _ola, jan = _people(ws)
    design = ws.pools.create("Design")
    ws.pools.add_members(design, [jan], _stage(ws, design, "Offer"))
    dest = tmp_path / "all.csv"
    export_candidates(
        ws.reader, ws.listing.ids(ListQuery()), dest, ExportOptions(), data_dir=ws.paths
    )
    other = Workspace.open(AppPaths(tmp_path / "other"), ws.clock)
    try:
        other.pools.create("qa")  # already there, in another case: joined, not made again
        layout = sniff(dest)
        report = run_import(
            other.db, dest, layout, ImportOptions(guess_mapping(layout.header)), other.clock
        )
        assert (report.created, report.rejected, report.dropped) == (2, [], [])
        assert _memberships(other) == {
            ("Ola", "Java", "Interviewing", True),
            ("Ola", "qa", "Sourced", False),
            ("Jan", "Design", "Offer", False),
        }
        assert sorted(p.name for p in other.reads.pool_summaries()) == ["Design", "Java", "qa"]
    finally:
        other.close()


def test_an_export_of_one_pool_imports_into_a_pool_at_its_stages(
    ws: Workspace, tmp_path: Path
) -> None:
    """A bare stage and Yes/No speak of the pool the import puts people in; a stage the pool
    does not have is added to it."""
    path = tmp_path / "java.csv"
    path.write_text(
        "First name,Stage,Near-fit\nAnna,Interviewing,Yes\nJan,Tech test,No\nEwa,,\n",
        encoding="utf-8",
    )
    pool = ws.pools.create("Backend")
    layout = sniff(path)
    mapping = guess_mapping(layout.header)
    assert mapping == ["first_name", "stage", "near_fit"]
    report = run_import(ws.db, path, layout, ImportOptions(mapping, pool_id=pool), ws.clock)
    assert report.created == 3
    assert _memberships(ws) == {
        ("Anna", "Backend", "Interviewing", True),
        ("Jan", "Backend", "Tech test", False),
        ("Ewa", "Backend", "Sourced", False),
    }
    assert [s.name for s in ws.pools.stages(pool)][-1] == "Tech test"


def test_a_stage_that_names_no_pool_is_left_out_and_reported(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text(
        "First name,Pools,Stage\nAnna,Java; QA,Offer\nJan,Java,Offer\n", encoding="utf-8"
    )
    layout = sniff(path)
    report = run_import(ws.db, path, layout, ImportOptions(guess_mapping(layout.header)), ws.clock)
    assert report.created == 2
    [(row, column, reason)] = [(p.row, p.column, p.reason) for p in report.dropped]
    assert (row, column) == (1, "Stage")
    assert reason.startswith("imported without “Offer”: which pool?")
    assert _memberships(ws) == {
        ("Anna", "Java", "Sourced", False),
        ("Anna", "QA", "Sourced", False),
        ("Jan", "Java", "Offer", False),  # the row's only pool
    }


def test_someone_already_here_is_moved_only_when_the_import_overwrites(
    ws: Workspace, tmp_path: Path
) -> None:
    anna = ws.candidates.create(CandidateRecord(first_name="Anna", email="anna@example.com"))
    ws.pools.add_members(ws.pools.create("Java"), [anna])
    path = tmp_path / "x.csv"
    path.write_text(
        "First name,E-mail,Pools,Stage,Near-fit\nAnna,anna@example.com,Java; QA,Java: Offer,Java\n",
        encoding="utf-8",
    )
    layout = sniff(path)
    for on_duplicate, java in (
        (OnDuplicate.FILL, ("Anna", "Java", "Sourced", False)),
        (OnDuplicate.OVERWRITE, ("Anna", "Java", "Offer", True)),
    ):
        options = ImportOptions(guess_mapping(layout.header), on_duplicate=on_duplicate)
        report = run_import(ws.db, path, layout, options, ws.clock)
        assert report.updated == 1
        assert _memberships(ws) == {java, ("Anna", "QA", "Sourced", False)}


def test_pool_and_stage_names_holding_semicolons_and_backslashes_round_trip(
    ws: Workspace, tmp_path: Path
) -> None:
    ola = ws.candidates.create(CandidateRecord(first_name="Ola", last_name="Lis"))
    odd = ws.pools.create("Java; Kotlin")
    backslash = ws.pools.create("C:\\temp\\")
    ws.pools.add_members(odd, [ola], _stage(ws, odd, "Interviewing"))
    ws.pools.add_members(backslash, [ola])
    ws.pools.set_near_fit(odd, ola, True)
    dest = tmp_path / "odd.csv"
    export_candidates(ws.reader, [ola], dest, ExportOptions(COLUMNS), data_dir=ws.paths)
    assert _read(dest)[1][3] == "C:\\\\temp\\\\; Java\\; Kotlin"  # what the file says

    other = Workspace.open(AppPaths(tmp_path / "other"), ws.clock)
    try:
        layout = sniff(dest)
        report = run_import(
            other.db, dest, layout, ImportOptions(guess_mapping(layout.header)), other.clock
        )
        assert (report.created, report.rejected, report.dropped) == (1, [], [])
        assert _memberships(other) == {
            ("Ola", "Java; Kotlin", "Interviewing", True),
            ("Ola", "C:\\temp\\", "Sourced", False),
        }
    finally:
        other.close()
