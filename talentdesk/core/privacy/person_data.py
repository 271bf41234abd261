"""Everything the database holds about one person (GDPR Art. 15 and 20), read in one read
transaction on a connection of its own: call it from any thread but the GUI's."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from talentdesk.core.db.datetimes import DB_DATETIME_FORMAT
from talentdesk.core.db.reader import ReadConnection, on_server
from talentdesk.core.errors import TalentDeskError
from talentdesk.core.privacy.person_tables import LABELS, Selector, person_tables

Row = dict[str, Any]


@dataclass(frozen=True)
class PersonData:
    candidate_id: int
    name: str
    # table name → that table's rows about the person, every column as stored
    tables: dict[str, list[Row]]
    # shared table → id → the labels of the rows the person's rows point at (tag, pool…)
    labels: dict[str, dict[int, Row]] = field(default_factory=dict)

    def row_count(self) -> int:
        return sum(len(rows) for rows in self.tables.values())


def _value(value: object) -> object:
    """A stored value as SQLite gives it (a team database's reader gives Python types)."""
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):  # naive UTC, as stored text (core/db/datetimes.py)
        return value.strftime(DB_DATETIME_FORMAT)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict | list):  # a JSON column, as SQLAlchemy writes it
        return json.dumps(value)
    return value


def _rows(conn: ReadConnection, selector: Selector, candidate_id: int) -> list[Row]:
    cursor: Any = conn.execute(selector.sql(), [candidate_id] * selector.marks)
    names = [d[0] for d in cursor.description]  # a sqlite3 or psycopg cursor
    return [{n: _value(v) for n, v in zip(names, row, strict=True)} for row in cursor]


def read_person(conn: ReadConnection, candidate_id: int) -> PersonData:
    """All of one person's rows; a TalentDeskError when there is no such person."""
    from talentdesk.core.db.models import Base  # every table, from the schema itself

    selectors = person_tables(Base.metadata)
    # One snapshot: nothing changes between the tables.
    conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ" if on_server(conn) else "BEGIN")
    try:
        tables = {name: _rows(conn, sel, candidate_id) for name, sel in selectors.items()}
        labels = _labels(conn, tables)
    finally:
        conn.execute("COMMIT")
    person = tables.get("candidate") or []
    if not person:
        raise TalentDeskError(
            f"there is no candidate #{candidate_id}.", "Check the id (`talentdesk list`)."
        )
    me = person[0]
    name = f"{me.get('first_name') or ''} {me.get('last_name') or ''}".strip()
    return PersonData(candidate_id, name or f"#{candidate_id}", tables, labels)


def _labels(conn: ReadConnection, tables: dict[str, list[Row]]) -> dict[str, dict[int, Row]]:
    from talentdesk.core.db.models import Base

    wanted: dict[str, set[int]] = {name: set() for name in LABELS}
    for name, rows in tables.items():
        for fk in Base.metadata.tables[name].foreign_keys:
            target = fk.column.table.name
            if target in LABELS and fk.column.name == "id":
                wanted[target] |= {r[fk.parent.name] for r in rows if r[fk.parent.name]}
    found: dict[str, dict[int, Row]] = {}
    for target, ids in wanted.items():
        if not ids:
            continue
        cols = ", ".join(LABELS[target])
        marks = ",".join("?" * len(ids))
        cursor = conn.execute(
            f"SELECT id, {cols} FROM {target} WHERE id IN ({marks}) ORDER BY id", sorted(ids)
        )
        found[target] = {row[0]: dict(zip(LABELS[target], row[1:], strict=True)) for row in cursor}
    return found
