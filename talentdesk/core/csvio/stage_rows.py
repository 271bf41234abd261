"""Writing an import's decisions to the stage (see csvio/stage.py), a batch at a time with
`executemany`: new candidates with their e-mails, tags and search rows, and the changes to
existing ones. The final step (csvio/move.py) moves them into the database."""

from __future__ import annotations

import operator
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Dialect

from talentdesk.core.csvio.memberships import Membership
from talentdesk.core.db.enums import TagCategory
from talentdesk.core.db.models import Candidate
from talentdesk.core.folding import CURRENT_FOLD
from talentdesk.core.normalize import sort_key
from talentdesk.core.records import PLAIN_FIELDS, CandidateRecord, TagRef

_FOLD = str.maketrans(CURRENT_FOLD)  # what the search triggers fold in SQL
_FIRST_FIELD = 6  # the position of PLAIN_FIELDS[0] in _RECORD_COLUMNS
_STAGED_NOTES = _FIRST_FIELD + PLAIN_FIELDS.index("notes")
_BITS = {name: 1 << index for index, name in enumerate(PLAIN_FIELDS)}
_plain_values = operator.attrgetter(*PLAIN_FIELDS)
# The search_* columns: a new candidate's search row where it is not what the final step
# makes of the record's own columns (csvio/move.py, SEARCH_ROW): a text with letters the view
# folds (db/triggers.py), or e-mails with other addresses. NULL (and so, for a whole batch,
# not even bound) otherwise, which is most rows.
SEARCH_FIELDS = ("name", "email", "title", "company", "city", "notes")
_RECORD_COLUMNS = (
    "rid", "row", "sid", "target", "provided", "extra", *PLAIN_FIELDS, "sort_name", "tag_set",
    *(f"search_{name}" for name in SEARCH_FIELDS),
)  # fmt: skip
_NO_SEARCH = (None,) * len(SEARCH_FIELDS)
_INSERT_TAG_SET = "INSERT INTO stage.tag_set (tag_set, position, tsid) VALUES (?, ?, ?)"
_INSERT_EMAIL = "INSERT INTO stage.record_email (rid, sid, email) VALUES (?, ?, ?)"
_INSERT_TAG_LINK = "INSERT INTO stage.record_tag (rid, sid, tsid) VALUES (?, ?, ?)"
_INSERT_TAG = "INSERT INTO stage.tag_ref (tsid, category, name, live_id) VALUES (?, ?, ?, ?)"
_INSERT_POOL = "INSERT INTO stage.record_pool (rid, pool, stage, near_fit) VALUES (?, ?, ?, ?)"
_SETS_BY_ID_KEPT = 4096
_INSERT_TAG_NAMES = "INSERT INTO stage.tag_names (tag_set, names) VALUES (?, ?)"

TagKey = tuple[TagCategory, str]  # (category, casefolded name), as services.candidates keys tags
# A tag as the import links it: (its order among a candidate's tags, its number in the stage,
# its stored name). The search trigger lists a candidate's tags by id: tags already in the
# database first, by id, then new ones in the order met, which is the order of their ids.
StagedTag = tuple[tuple[int, int], int, str]


def _folded(text: str | None) -> str | None:
    """`text` folded as the search view folds it, or None when folding leaves it as it is."""
    if text is None or text.isascii():
        return None
    folded = text.translate(_FOLD)
    return None if folded == text else folded


def with_notes(notes: str | None, extra: list[str]) -> str | None:
    if not extra:
        return notes
    return "\n".join([notes, *extra] if notes else extra)


def provided_bits(provided: Iterable[str]) -> int:
    """The fields a row filled, as the stage's `provided` bits."""
    bits = 0
    for name in provided:
        bits |= _BITS.get(name, 0)
    return bits


class StageWriter:
    """Buffers what the import will write and stages it on `flush`."""

    def __init__(self, cur: sqlite3.Cursor, dialect: Dialect) -> None:
        self._cur = cur
        # SQLAlchemy's own conversions (enum values, dates, amounts) for the typed columns.
        table = Candidate.__table__
        # Applied to a batch's staged rows column by column (insert_present): positions in
        # _RECORD_COLUMNS.
        self._convert: dict[int, Callable[[Any], Any]] = {}
        for position, name in enumerate(PLAIN_FIELDS):
            column_type = table.c[name].type
            process = column_type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                self._convert[_FIRST_FIELD + position] = process
        self.tags: dict[TagKey, StagedTag] = {}
        # A new candidate's tags as a set, numbered from 1 (0: no tags): a file repeats the same
        # few sets, so a row stages one number instead of a row per tag.
        self._tag_sets: dict[tuple[TagRef, ...], int] = {}
        self._set_members: list[tuple[int, int, int]] = []
        # The same, looked up by the refs' ids first: a row's refs are mostly the very objects
        # an earlier row had (csvio/rows.py caches them), and a TagRef's hash is Python code.
        self._tag_sets_by_id: dict[tuple[int, ...], tuple[tuple[TagRef, ...], int]] = {}
        self._set_names: list[tuple[int, str]] = []
        self._next_rid = self._next_sid = self._next_tsid = 1
        self._records: list[list[Any]] = []
        self._emails: list[tuple[int, int | None, str]] = []
        self._tag_links: list[tuple[int, int | None, int]] = []
        self._new_tags: list[tuple[int, str, str, int | None]] = []
        self._pools: list[tuple[int, str | None, str | None, bool | None]] = []

    def tag(self, ref: TagRef) -> StagedTag:
        """The tag for `ref`: the one the database has, found as services.candidates.tag_for
        finds it, or a new one; the same for every row of the import that names it."""
        key = (ref.category, ref.name.casefold())
        found = self.tags.get(key)
        if found is None:
            existing = find_tag(self._cur, ref.category.value, ref.name)
            tsid = self._next_tsid
            self._next_tsid += 1
            if existing is None:
                found = ((1, tsid), tsid, ref.name)
                self._new_tags.append((tsid, ref.category.value, ref.name, None))
            else:
                found = ((0, existing[0]), tsid, existing[1])
                self._new_tags.append((tsid, ref.category.value, existing[1], existing[0]))
            self.tags[key] = found
        return found

    def add(self, record: CandidateRecord, row: int, extra_notes: list[str]) -> int:
        """Stage a validated record as a new candidate, with its notes and search row; returns
        its number in the stage."""
        rid, sid = self._next_rid, self._next_sid
        self._next_rid, self._next_sid = rid + 1, sid + 1
        notes = with_notes(record.notes, extra_notes)
        full_name = f"{record.first_name} {record.last_name}"
        tag_set = self._tag_set(record.tags) if record.tags else 0
        others = record.other_emails
        if others:
            self._emails.extend((rid, sid, address) for address in others)
            emails: str | None = f"{record.email or ''} {' '.join(others)}".translate(_FOLD)
        else:
            emails = _folded(record.email)
            if emails is not None:
                emails += " "
        title, company, city = record.title, record.company, record.city
        if f"{full_name}{title}{company}{city}{notes}".isascii():  # most rows: nothing to fold
            searched: tuple[str | None, ...] = (None, emails, None, None, None, None)
        else:
            searched = (_folded(full_name), emails, _folded(title), _folded(company),
                        _folded(city), _folded(notes))  # fmt: skip
        staged = [rid, row, sid, None, 0, None, *_plain_values(record), sort_key(full_name),
                  tag_set, *searched]  # fmt: skip
        staged[_STAGED_NOTES] = notes
        self._records.append(staged)
        return rid

    def _tag_set(self, refs: list[TagRef]) -> int:
        """A new candidate's set of tags: its number. Each distinct set is worked out (and
        staged, with its names as the search row lists them) once."""
        ids = tuple(map(id, refs))
        known = self._tag_sets_by_id.get(ids)
        if known is not None:
            return known[1]
        key = tuple(refs)
        found = self._tag_sets.get(key)
        if found is None:
            tags = sorted({self.tag(ref) for ref in refs})
            found = self._tag_sets[key] = len(self._tag_sets) + 1
            self._set_members.extend(
                (found, position, tsid) for position, (_o, tsid, _n) in enumerate(tags)
            )
            names = " ".join(name for _o, _t, name in tags)
            self._set_names.append((found, names.translate(_FOLD)))
        if len(self._tag_sets_by_id) >= _SETS_BY_ID_KEPT:
            self._tag_sets_by_id.clear()
        self._tag_sets_by_id[ids] = (key, found)  # `key` keeps the refs, and so their ids
        return found

    def update(
        self,
        target: int,
        record: CandidateRecord,
        row: int,
        provided: set[str],
        extra_notes: list[str],
    ) -> int:
        """Stage what a row brings to the existing candidate `target` (merged in at the end);
        returns its number in the stage."""
        rid = self._next_rid
        self._next_rid += 1
        extra = "\n".join(extra_notes) if extra_notes else None
        bits = provided_bits(provided)
        values = _plain_values(record)
        self._records.append([rid, row, None, target, bits, extra, *values, None, 0, *_NO_SEARCH])
        self._emails.extend((rid, None, address) for address in record.other_emails)
        tsids = sorted({self.tag(ref)[1] for ref in record.tags})
        self._tag_links.extend((rid, None, tsid) for tsid in tsids)
        return rid

    def join(self, rid: int, memberships: list[Membership]) -> None:
        """Stage the pools the row `rid` names."""
        self._pools.extend((rid, m.pool, m.stage, m.near_fit) for m in memberships)

    def flush(self) -> None:
        cur = self._cur
        cur.executemany(_INSERT_TAG, self._new_tags)
        cur.executemany(_INSERT_TAG_SET, self._set_members)
        insert_present(cur, "stage.record", _RECORD_COLUMNS, self._records, self._convert)
        cur.executemany(_INSERT_EMAIL, self._emails)
        cur.executemany(_INSERT_TAG_LINK, self._tag_links)
        cur.executemany(_INSERT_TAG_NAMES, self._set_names)
        cur.executemany(_INSERT_POOL, self._pools)
        self._records, self._emails, self._tag_links, self._pools = [], [], [], []
        self._new_tags, self._set_members, self._set_names = [], [], []


def insert_present(
    cur: sqlite3.Cursor,
    table: str,
    columns: Sequence[str],
    rows: list[list[Any]],
    convert: dict[int, Callable[[Any], Any]],
) -> None:
    """Insert `rows` into `table`, binding only the columns that hold a value in at least one
    of them: the others are left to their default, NULL. sqlite3 binds a None through its
    adapter look-ups, about 0.45 µs each, where a string costs a third of that: a new
    candidate's row holds ~20 Nones (the fields the file has no column for), which made this
    insert the most expensive statement of the first phase. `convert`: the column's values
    (but None) go in as that function makes them; they are the same few each time (enums,
    dates, amounts), so each distinct one is converted once."""
    if not rows:
        return
    values = list(zip(*rows, strict=True))  # column by column, in C
    width = len(rows)
    # A column whose first value is not None is kept without counting (comparing a str with
    # None is slow); counting Nones that are all None is quick.
    kept = [
        i for i, column in enumerate(values) if column[0] is not None or column.count(None) != width
    ]
    converted = False
    for i in kept:
        process = convert.get(i)
        if process is not None:
            made = {value: process(value) for value in set(values[i]) if value is not None}
            values[i] = tuple(map(made.get, values[i]))  # None stays None
            converted = True
    names = ", ".join(columns[i] for i in kept)
    marks = ", ".join("?" * len(kept))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
    if len(kept) == len(columns) and not converted:
        cur.executemany(sql, rows)
    else:
        cur.executemany(sql, zip(*(values[i] for i in kept), strict=True))


def find_tag(cur: sqlite3.Cursor, category: str, name: str) -> tuple[int, str] | None:
    """The database's tag of `category` named `name` but for case, as tag_for finds it
    (SQLite's lower() folds ASCII only: both sides are folded the same way)."""
    row = cur.execute(
        "SELECT id, name FROM main.tag WHERE category = ? AND lower(name) = lower(?)",
        (category, name),
    ).fetchone()
    return None if row is None else (int(row[0]), str(row[1]))
