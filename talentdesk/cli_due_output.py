"""What `talentdesk due` prints, written as the cursor reads the rows: 552,000 due reminders
once took 1.7 GiB as objects, a list and one JSON string; now memory stays flat.

The JSON is indented as `json.dumps(..., indent=2)` would, except that each reminder is one
compact object on a line of its own: SQLite builds those objects while it reads the rows
(core/reminders/due_json.py), and a line a reminder is easy to read and to grep.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo
from itertools import islice
from json.encoder import encode_basestring  # what ensure_ascii=False uses (C)
from typing import TextIO

from talentdesk.core.db.datetimes import from_db
from talentdesk.core.db.enums import ReminderKind
from talentdesk.core.reads import DueRow

_BATCH = 1000  # reminders joined into one write


def write_json(out: TextIO, now: datetime, objects: Iterable[str]) -> None:
    """`objects`: each due reminder as one compact JSON object (`Reads.due_json`)."""
    out.write(f'{{\n  "now": {encode_basestring(now.isoformat())},\n  "due": [')
    rest = iter(objects)
    first = True
    while batch := list(islice(rest, _BATCH)):
        out.write(("\n    " if first else ",\n    ") + ",\n    ".join(batch))
        first = False
    out.write("]\n}\n" if first else "\n  ]\n}\n")


def write_text(out: TextIO, now: datetime, tz: tzinfo | None, rows: Iterable[DueRow]) -> None:
    count = overdue = 0
    for _rid, _cid, first_name, last_name, kind, _origin, due, note, reason in rows:
        due_at = from_db(due)
        late = due_at < now
        count += 1
        overdue += late
        when = due_at.astimezone(tz)
        detail = note or reason
        what = ReminderKind(kind).label + (f": {detail}" if detail else "")
        name = f"{first_name} {last_name}".strip()
        out.write(f"{when:%Y-%m-%d %H:%M}  {'overdue' if late else 'today':<7}  {name}  {what}\n")
    out.write(f"{count:,} due ({overdue:,} overdue)\n" if count else "Nothing is due.\n")
