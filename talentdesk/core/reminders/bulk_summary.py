"""What a bulk reminder action (and its undo) says it did, for the status bar. One reminder is
described as the single actions always described it ("Marked done.", "Snoozed until 18:00.")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.reminders.snooze import short_when


def reminders(count: int) -> str:
    return f"{count:,} reminder" + ("" if count == 1 else "s")


def completed(
    count: int,
    skipped: int,
    log_kind: InteractionKind | None,
    next_dues: Sequence[datetime],
    zone: tzinfo,
) -> str:
    if count == 0:
        return _nothing_left(skipped)
    if count == 1:
        text = "Marked done" + (" and logged" if log_kind is not None else "")
        if next_dues:
            return text + f". Next: {next_dues[0].astimezone(zone):%d %b %Y %H:%M}" + _gone(skipped)
        return text + "." + _gone(skipped)
    text = f"Completed {reminders(count)}"
    if log_kind is not None:
        text += f" and logged “{log_kind.label}” for each"
    text += "."
    if next_dues:
        text += f" {_repeating(len(next_dues))} scheduled again."
    return text + _gone(skipped)


def snoozed(
    count: int, skipped: int, later: int, until: datetime, now: datetime, zone: tzinfo
) -> str:
    if count == 0 and not later:
        return _nothing_left(skipped)
    when = short_when(until, now, zone)
    text = f"Snoozed until {when}." if count == 1 else f"Snoozed {reminders(count)} until {when}."
    if later:
        text += f" {reminders(later)} already due later {'was' if later == 1 else 'were'} kept."
    return text + _gone(skipped)


def reopened(count: int, skipped: int, logged: int) -> str:
    text = f"Reopened {reminders(count)}"
    if logged:
        text += f" and removed {logged:,} logged interaction" + ("" if logged == 1 else "s")
    return text + "." + _deleted(skipped)


def unsnoozed(count: int, skipped: int) -> str:
    return f"Snooze undone for {reminders(count)}." + _deleted(skipped)


def _repeating(count: int) -> str:
    return "1 repeating one is" if count == 1 else f"{count:,} repeating ones are"


def _nothing_left(skipped: int) -> str:
    if skipped == 1:
        return "That reminder is done or deleted already."
    return f"Nothing changed: the {skipped:,} reminders are done or deleted already."


def _gone(skipped: int) -> str:
    if not skipped:
        return ""
    return f" {skipped:,} {'was' if skipped == 1 else 'were'} done or deleted already."


def _deleted(skipped: int) -> str:
    if not skipped:
        return ""
    return f" {skipped:,} {'was' if skipped == 1 else 'were'} deleted meanwhile."
