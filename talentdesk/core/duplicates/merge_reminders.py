"""After a merge, the reminders TalentDesk keeps for the merged person are worked out again
(their last contact, stages and birthday may have changed), journalled like every other change
so an undo puts the old ones back."""

from __future__ import annotations

from datetime import datetime, tzinfo

from talentdesk.core.duplicates.merge_moves import REMINDER
from talentdesk.core.duplicates.merge_steps import Deleted, Inserted, Journal, Rewritten
from talentdesk.core.reminders import generated


def refresh_generated(journal: Journal, keep_id: int, now: datetime, tz: tzinfo | None) -> None:
    mine = REMINDER.c.candidate_id == keep_id
    before = {r["id"]: r for r in journal.rows(REMINDER, mine)}
    generated.refresh_in(journal.connection, now, tz, candidate_ids=[keep_id])
    after = {r["id"]: r for r in journal.rows(REMINDER, mine)}
    gone = [row for rid, row in before.items() if rid not in after]
    changed = [row for rid, row in before.items() if rid in after and after[rid] != row]
    added = [row for rid, row in after.items() if rid not in before]
    # Recorded in the order that undoes cleanly: new ones removed first, then the changed
    # ones written back, then the removed ones reinserted (the unique index allows one open
    # generated reminder per reason, so the new must go before the old returns).
    if gone:
        journal.steps.append(Deleted(((REMINDER, tuple(gone)),)))
    if changed:
        journal.steps.append(Rewritten(REMINDER, tuple(changed)))
    if added:
        journal.steps.append(Inserted(REMINDER, tuple(added)))
