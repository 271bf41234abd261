"""Making, keeping and listing backups: whole or not at all, private, pruned by the policy."""

from __future__ import annotations

import shutil
import sqlite3
import stat
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from talentdesk.core import settings
from talentdesk.core.backups import names
from talentdesk.core.backups.auto import auto_backup, manual_backup
from talentdesk.core.backups.listing import list_backups
from talentdesk.core.backups.make import backup_into, temporary_for
from talentdesk.core.backups.policy import RetentionPolicy, kept, prune
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from talentdesk.paths import AppPaths
from tests.backup_files import empty_an_index, first_names, integrity
from tests.conftest import TravelClock


def add(ws: Workspace, *first: str) -> None:
    for name in first:
        ws.candidates.create(CandidateRecord(first_name=name, last_name="Nowak"))


def test_a_backup_holds_what_the_wal_holds_and_is_private(ws: Workspace, paths: AppPaths) -> None:
    add(ws, "Anna", "Bartek")  # written to the -wal; the window's connections are still open
    made = manual_backup(paths, ws.clock())

    assert made == paths.backups / "talentdesk-20261125-093000-manual.sqlite3"
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert first_names(made) == ["Anna", "Bartek"]
    assert integrity(made) == ["ok"]
    # One self-contained file: not in WAL mode, nothing beside it.
    assert made.read_bytes()[18:20] == b"\x01\x01"
    assert sorted(p.name for p in paths.backups.iterdir()) == [made.name]


def test_two_backups_in_the_same_second_keep_both(ws: Workspace, paths: AppPaths) -> None:
    add(ws, "Anna")
    first = manual_backup(paths, ws.clock())
    add(ws, "Bartek")
    second = manual_backup(paths, ws.clock())
    assert second.name == "talentdesk-20261125-093000-manual.1.sqlite3"
    assert first_names(first) == ["Anna"]
    assert first_names(second) == ["Anna", "Bartek"]
    assert [b.path for b in list_backups(paths)] == [second, first]  # newest first


KILLED_CHILD = textwrap.dedent(
    """
    import sys
    from datetime import UTC, datetime
    from pathlib import Path
    from talentdesk.core.backups import names
    from talentdesk.core.backups.make import make_backup

    database, folder = Path(sys.argv[1]), Path(sys.argv[2])

    def pause(done, total):
        if 2 * done >= total:  # halfway: print where, and wait to be killed
            print("paused", done, total, flush=True)
            sys.stdin.readline()

    dest = names.free_name(folder, "manual", datetime(2026, 11, 26, tzinfo=UTC))
    make_backup(database, dest, pause, pages_per_step=16)
    """
)


def test_a_backup_killed_halfway_leaves_earlier_backups_whole_and_no_half_backup(
    ws: Workspace, paths: AppPaths
) -> None:
    add(ws, "Anna")
    with sqlite3.connect(paths.database) as conn:  # a few MB, so the copy takes many steps
        conn.execute("CREATE TABLE padding (data BLOB)")
        conn.executemany("INSERT INTO padding VALUES (randomblob(4000))", [()] * 1000)
    conn.close()
    earlier = manual_backup(paths, ws.clock())
    before = earlier.read_bytes()

    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_CHILD, str(paths.database), str(paths.backups)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = child.stdout.readline()
        assert line.startswith("paused"), line
        _, done, total = line.split()
        assert 0 < int(done) < int(total)  # halfway through the copy
        assert len(list(paths.backups.glob(".*.part"))) == 1  # its temporary file
    finally:
        child.kill()  # SIGKILL: no clean-up runs in the child
        child.wait()
    assert child.returncode == -9

    assert [b.path for b in names.backups_in(paths.backups)] == [earlier]
    assert sorted(p.name for p in paths.backups.glob("*.sqlite3")) == [earlier.name]
    assert earlier.read_bytes() == before
    assert integrity(earlier) == ["ok"]
    assert first_names(earlier) == ["Anna"]

    # The next automatic backup clears what the killed one left.
    auto_backup(paths, names.QUIT, ws.clock())
    assert list(paths.backups.glob(".*.part*")) == []


def test_a_full_disk_makes_no_backup_and_says_so(
    ws: Workspace, paths: AppPaths, tiny_disk: Path
) -> None:
    from talentdesk.core.errors import DiskFullError

    add(ws, "Anna")
    with sqlite3.connect(paths.database) as conn:  # larger than the tiny disk
        conn.execute("CREATE TABLE padding (data BLOB)")
        conn.executemany("INSERT INTO padding VALUES (randomblob(4000))", [()] * 1000)
    conn.close()
    with pytest.raises(DiskFullError) as raised:
        backup_into(tiny_disk, paths.database, names.MANUAL, ws.clock())
    assert raised.value.message == f"The disk holding {tiny_disk} is full."
    assert "The backup was not made" in raised.value.hint
    assert list(tiny_disk.iterdir()) == []  # neither a backup nor its temporary file


def test_daily_backups_are_made_once_a_day(
    ws: Workspace, paths: AppPaths, clock: TravelClock
) -> None:
    add(ws, "Anna")
    first = auto_backup(paths, names.DAILY, clock())
    assert first is not None and first.name.endswith("-daily.sqlite3")
    clock.advance(hours=5)
    assert auto_backup(paths, names.DAILY, clock()) is None
    clock.advance(days=1)
    assert auto_backup(paths, names.DAILY, clock()) is not None
    assert [b.reason for b in list_backups(paths)] == ["daily", "daily"]


def test_no_database_yet_means_no_automatic_backup(paths: AppPaths, clock: TravelClock) -> None:
    paths.ensure()
    assert auto_backup(paths, names.QUIT, clock()) is None
    assert list(paths.backups.iterdir()) == []


def _named(*specs: tuple[str, str]) -> list[names.BackupName]:
    """Backups from ("2026-11-25 09:30", "daily") pairs, sorted as backups_in sorts them."""
    out = []
    for when, reason in specs:
        at = datetime.fromisoformat(when).replace(tzinfo=UTC)
        out.append(names.BackupName(at, 0, reason, Path(f"{when}-{reason}")))
    return sorted(out)


def test_the_policy_keeps_the_last_days_and_weeks_and_the_newest_befores() -> None:
    start = datetime(2026, 9, 1, 18, 0)
    periodic = []
    for day in range(60):  # two a day (daily and on quit) for 60 days
        at = start + timedelta(days=day)
        periodic += [(f"{at:%Y-%m-%d} 09:00", "daily"), (f"{at:%Y-%m-%d} 18:00", "quit")]
    befores = [(f"2026-10-{d:02d} 12:00", "before-import") for d in range(1, 16)]
    backups = _named(*periodic, *befores, ("2026-09-02 10:00", "manual"), ("2026-09-03 10:00", "x"))

    keep = kept(backups, RetentionPolicy(daily=7, weekly=4, before=3))

    kept_periodic = sorted(b.when for b in keep if b.reason in names.PERIODIC)
    last_days = [datetime(2026, 10, d, 18, 0, tzinfo=UTC) for d in range(24, 31)]
    assert kept_periodic[-7:] == last_days  # the newest of each of the last 7 days
    # ...and the newest of each of the 4 last ISO weeks (the current one is among the days).
    weekly = [datetime(2026, 10, d, 18, 0, tzinfo=UTC) for d in (11, 18)]
    assert kept_periodic == weekly + last_days
    assert sorted(b.when.day for b in keep if b.reason == "before-import") == [13, 14, 15]
    assert {b.reason for b in keep} >= {"manual", "x"}  # by hand, and reasons not known


def test_the_newest_backup_is_kept_even_when_the_policy_keeps_nothing_of_its_kind() -> None:
    backups = _named(("2026-11-20 09:00", "daily"), ("2026-11-25 09:00", "before-import"))
    keep = kept(backups, RetentionPolicy(daily=1, weekly=0, before=0))
    assert {b.reason for b in keep} == {"daily", "before-import"}


def test_pruning_deletes_only_backups_the_policy_drops(ws: Workspace, paths: AppPaths) -> None:
    add(ws, "Anna")
    made = [
        backup_into(
            paths.backups, paths.database, names.BEFORE_IMPORT, ws.clock() + timedelta(minutes=i)
        )
        for i in range(4)
    ]
    # Not backups, or not SQLite under a backup's name: never deleted.
    notes = paths.backups / "my notes.txt"
    notes.write_text("keep me")
    fake = paths.backups / "talentdesk-20200101-000000-before-import.sqlite3"
    fake.write_text("not a database")

    deleted = prune(paths.backups, RetentionPolicy(before=2))

    assert sorted(deleted) == made[:2]
    left = sorted(p.name for p in paths.backups.iterdir())
    assert left == sorted([made[2].name, made[3].name, notes.name, fake.name])


def test_the_policy_is_a_setting(ws: Workspace, paths: AppPaths, clock: TravelClock) -> None:
    add(ws, "Anna")
    settings.AppSettings(ws.db.sessions).set(settings.BACKUPS_KEEP_BEFORE, 2)
    for _ in range(4):
        clock.advance(minutes=1)
        auto_backup(paths, names.BEFORE_MERGE, clock())
    assert [b.reason for b in list_backups(paths)] == ["before-merge", "before-merge"]
    assert settings.BACKUPS_KEEP_DAILY.default == 7
    assert settings.BACKUPS_KEEP_WEEKLY.default == 4


def test_the_list_says_what_each_backup_holds_and_which_cannot_be_read(
    ws: Workspace, paths: AppPaths, clock: TravelClock
) -> None:
    add(ws, "Anna", "Bartek")
    good = auto_backup(paths, names.BEFORE_IMPORT, clock())
    assert good is not None
    clock.advance(hours=1)
    damaged = manual_backup(paths, clock())
    garbage = paths.backups / "talentdesk-20261125-120000-daily.sqlite3"
    garbage.write_bytes(b"\x00garbage" * 100)

    listed = {b.path: b for b in list_backups(paths)}

    assert listed[good].label == "Before an import"
    assert listed[good].candidates == 2
    assert listed[good].revision is not None and listed[good].readable
    assert listed[good].size == good.stat().st_size
    assert listed[good].when == datetime(2026, 11, 25, 9, 30, tzinfo=UTC)
    assert listed[damaged].label == "Made by hand" and listed[damaged].readable
    assert not listed[garbage].readable
    assert "unreadable" in (listed[garbage].problem or "")
    assert listed[garbage].candidates is None
    assert set(listed) == {good, damaged, garbage}


def test_a_damaged_backup_is_still_listed(ws: Workspace, paths: AppPaths) -> None:
    add(ws, "Anna")
    made = manual_backup(paths, ws.clock())
    shutil.copyfile(made, made.with_name("talentdesk-20261125-100000-daily.sqlite3"))
    empty_an_index(made)
    assert {b.path.name for b in list_backups(paths)} == {
        made.name,
        "talentdesk-20261125-100000-daily.sqlite3",
    }


def test_the_temporary_file_is_beside_the_backup_and_hidden(paths: AppPaths) -> None:
    dest = paths.backups / "talentdesk-20261125-093000-manual.sqlite3"
    temp = temporary_for(dest)
    assert temp.parent == dest.parent
    assert temp.name.startswith(".") and not temp.name.endswith(".sqlite3")
