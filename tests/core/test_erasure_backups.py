"""Backups made before an erasure: listed as holding erased people with the day they expire,
deleted once expired by the pruning after an automatic backup, or all at once on request."""

from __future__ import annotations

from datetime import timedelta

from talentdesk.core import settings
from talentdesk.core.backups import names
from talentdesk.core.backups.auto import auto_backup, manual_backup
from talentdesk.core.backups.listing import list_backups
from talentdesk.core.privacy.backups import holding_erased, purge
from talentdesk.core.workspace import Workspace
from tests.conftest import START, TravelClock
from tests.core.erased_person import make_person
from tests.integration.conftest import run_cli


def _erase_after_a_backup(ws: Workspace, clock: TravelClock) -> None:
    person = make_person(ws, others=2)
    manual_backup(ws.paths, clock())
    clock.advance(days=1)
    ws.erasure.erase([person.id])
    clock.advance(hours=1)
    manual_backup(ws.paths, clock())  # made after: holds nobody erased


def test_backups_before_an_erasure_are_listed_with_their_expiry(
    ws: Workspace, clock: TravelClock
) -> None:
    _erase_after_a_backup(ws, clock)
    after, before = list_backups(ws.paths)  # newest first
    assert (before.holds_erased, before.expires_at) == (True, START + timedelta(days=30))
    assert before.as_json()["holds_erased_people"] is True
    assert (after.holds_erased, after.expires_at) == (False, None)
    ws.settings_store().set(settings.BACKUPS_EXPIRE_DAYS, 7)
    assert list_backups(ws.paths)[1].expires_at == START + timedelta(days=7)


def test_expired_ones_go_with_the_pruning_after_an_automatic_backup(
    ws: Workspace, clock: TravelClock
) -> None:
    _erase_after_a_backup(ws, clock)
    clock.now = START + timedelta(days=29)
    auto_backup(ws.paths, names.DAILY, clock())
    assert len(holding_erased(ws.paths)) == 1  # a manual backup, kept by the policy
    clock.now = START + timedelta(days=31)
    auto_backup(ws.paths, names.DAILY, clock())
    assert holding_erased(ws.paths) == []
    assert len(list_backups(ws.paths)) == 3  # the one after the erasure and two daily ones


def test_purge_deletes_them_now_and_the_command_line_asks_first(
    ws: Workspace, clock: TravelClock
) -> None:
    _erase_after_a_backup(ws, clock)
    data = ("--data-dir", str(ws.paths.data_dir))
    listed = run_cli(*data, "backups")
    assert "(holds erased people; expires 2026-12-25)" in listed.stdout
    assert "--purge-erased --yes" in listed.stdout
    refused = run_cli(*data, "backups", "--purge-erased")
    assert refused.returncode == 2 and "1 backup would be deleted" in refused.stderr
    done = run_cli(*data, "backups", "--purge-erased", "--yes")
    assert done.stdout.strip() == "Deleted 1 backup holding erased people."
    assert [b.holds_erased for b in list_backups(ws.paths)] == [False]
    assert purge(ws.paths) == []
