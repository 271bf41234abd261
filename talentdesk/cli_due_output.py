"""What `talentdesk due` prints, written row by row as the cursor reads them: 552,000 due
reminders once took 1.7 GiB as objects, a list and one JSON string; now memory stays flat.

The JSON is byte for byte what `json.dumps({"now": …, "due": [...]}, ensure_ascii=False,
indent=2)` wrote (a test compares them); each row is formatted here because the standard
library's indenting encoder is pure Python and several times slower.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo
from json.encoder import encode_basestring  # what ensure_ascii=False uses (C)
from typing import TextIO

from talentdesk.core.db.datetimes import from_db, to_db
from talentdesk.core.db.enums import ReminderKind
from talentdesk.core.reads import DueRow

_ROW = (
    "    {\n"
    '      "id": %d,\n'
    '      "candidate_id": %d,\n'
    '      "candidate": %s,\n'
    '      "kind": %s,\n'
    '      "origin": %s,\n'
    '      "due_at": %s,\n'
    '      "overdue": %s,\n'
    '      "note": %s,\n'
    '      "reason": %s\n'
    "    }"
)
_BATCH = 1000  # rows joined into one write


def _iso(due: str) -> str:
    """`from_db(due).isoformat()` without making a datetime, for the stored fixed-width form
    ("2026-12-05 09:30:00.000000", UTC): three times faster, half a second at 552,000 rows."""
    if len(due) == 26 and due[19] == ".":
        if due.endswith("000000"):  # isoformat leaves out a zero fraction
            return f"{due[:10]}T{due[11:19]}+00:00"
        return f"{due[:10]}T{due[11:]}+00:00"
    return from_db(due).isoformat()


def _text(value: str | None) -> str:
    return "null" if value is None else encode_basestring(value)


def write_json(out: TextIO, now: datetime, rows: Iterable[DueRow]) -> None:
    out.write(f'{{\n  "now": {encode_basestring(now.isoformat())},\n  "due": [')
    cutoff = to_db(now)
    batch: list[str] = []
    first = True
    for rid, cid, first_name, last_name, kind, origin, due, note, reason in rows:
        iso = _iso(due)
        # Stored text orders as time does when it has the fixed width; else compare times.
        late = due < cutoff if len(due) == 26 else from_db(due) < now
        batch.append(
            _ROW
            % (
                rid,
                cid,
                encode_basestring(f"{first_name} {last_name}".strip()),
                encode_basestring(kind),
                encode_basestring(origin),
                encode_basestring(iso),
                "true" if late else "false",
                _text(note),
                _text(reason),
            )
        )
        if len(batch) == _BATCH:
            out.write(("\n" if first else ",\n") + ",\n".join(batch))
            first = False
            batch.clear()
    if batch:
        out.write(("\n" if first else ",\n") + ",\n".join(batch))
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
