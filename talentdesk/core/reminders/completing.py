"""What completing a reminder does besides marking it done, shared by completing one and
completing many: the contact it logs when asked, and a repeating reminder's next occurrence.
Each runs inside the caller's write transaction."""

from __future__ import annotations

import re
from datetime import datetime, tzinfo

from sqlalchemy.orm import Session

from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.db.models import Interaction, Reminder
from talentdesk.core.reminders import recurrence
from talentdesk.core.timezone import local_zone

_COUNT = re.compile(r"COUNT=(\d+)")


def log_contact(
    session: Session,
    reminder: Reminder,
    log_kind: InteractionKind,
    log_text: str | None,
    now: datetime,
    by_id: int | None = None,
) -> Interaction:
    """The interaction that says what was done (added, not flushed): the text given, else the
    reminder's note, else its kind. The caller re-judges generated reminders after flushing
    (the trigger moves last contact)."""
    text = (log_text or "").strip() or reminder.note or reminder.kind.label
    interaction = Interaction(
        candidate_id=reminder.candidate_id,
        kind=log_kind,
        occurred_at=now,
        subject=text[:300],
        pool_id=reminder.pool_id,
        created_at=now,
        created_by_id=by_id,
    )
    session.add(interaction)
    return interaction


def schedule_next(
    session: Session, reminder: Reminder, now: datetime, tz: tzinfo | None
) -> Reminder | None:
    """A repeating reminder's next occurrence, added and flushed; None when it does not repeat
    or its rule has ended."""
    if reminder.recurrence is None:
        return None
    following = next_of(reminder, now, tz)
    if following is None:
        return None
    due, rule = following
    nxt = Reminder(
        candidate_id=reminder.candidate_id,
        due_at=due,
        kind=reminder.kind,
        note=reminder.note,
        recurrence=rule,
        origin=reminder.origin,
        reason=reminder.reason,
        pool_id=reminder.pool_id,
        created_at=now,
        owner_id=reminder.owner_id,  # the next occurrence is the same person's
    )
    session.add(nxt)
    session.flush()
    return nxt


def next_of(reminder: Reminder, now: datetime, tz: tzinfo | None) -> tuple[datetime, str] | None:
    """The next occurrence still ahead (missed ones are skipped) and the rule it carries:
    COUNT is what remains, counted from this reminder's due time."""
    assert reminder.recurrence is not None
    zone = local_zone(tz)
    start = reminder.due_at.astimezone(zone)
    after = max(reminder.due_at, now).astimezone(zone)
    due = recurrence.next_occurrence(reminder.recurrence, start, after)
    if due is None:
        return None
    rule = reminder.recurrence
    count = _COUNT.search(rule)
    if count is not None:
        steps, moment = 0, start
        while moment < due:  # occurrences passed over, this reminder's own included
            nxt = recurrence.next_occurrence(rule, start, moment)
            if nxt is None:
                return None
            moment, steps = nxt, steps + 1
        left = int(count.group(1)) - steps
        if left < 1:
            return None
        rule = _COUNT.sub(f"COUNT={left}", rule)
    return due.astimezone(now.tzinfo), rule
