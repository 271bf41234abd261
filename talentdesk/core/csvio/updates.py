"""The final step's changes to existing candidates: each staged change (csvio/stage_rows.py) is
read back into a record and merged through the ORM, with the search triggers in place, as the
import always has. Existing candidates are read as they are now, under the write lock."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Dialect, func, select
from sqlalchemy.orm import Session

from talentdesk.core.csvio.options import ImportOptions, OnDuplicate
from talentdesk.core.csvio.stage_rows import with_notes
from talentdesk.core.db.enums import TagCategory
from talentdesk.core.db.models import Candidate, PoolMembership, Tag
from talentdesk.core.records import PLAIN_FIELDS, CandidateRecord, TagRef
from talentdesk.core.services.candidates import TagCache, apply_record, to_record

EXPUNGE_EVERY = 1000  # keeps memory flat when many rows update


def apply_updates(
    session: Session,
    cur: sqlite3.Cursor,
    dialect: Dialect,
    options: ImportOptions,
    stage_id: int | None,
    now: datetime,
    tag_ids: dict[int, int],
) -> None:
    """Merge every staged change into its candidate, in file order. `tag_ids`: the
    database's id of each staged tag."""
    convert = _result_processors(dialect)
    refs = {
        tsid: TagRef(TagCategory(category), name)
        for tsid, category, name in cur.execute("SELECT tsid, category, name FROM stage.tag_ref")
    }
    emails: dict[int, list[str]] = defaultdict(list)
    for rid, email in cur.execute(
        "SELECT rid, email FROM stage.record_email WHERE sid IS NULL ORDER BY rowid"
    ).fetchall():
        emails[rid].append(email)
    tags: dict[int, list[int]] = defaultdict(list)
    for rid, tsid in cur.execute(
        "SELECT rid, tsid FROM stage.record_tag WHERE sid IS NULL ORDER BY rowid"
    ).fetchall():
        tags[rid].append(tsid)
    rows = cur.execute(
        f"SELECT rid, target, provided, extra, {', '.join(PLAIN_FIELDS)} FROM stage.record"
        " WHERE target IS NOT NULL ORDER BY rid"
    )
    for done, (rid, target, provided, extra, *values) in enumerate(rows, start=1):
        for position, process in convert:
            if values[position] is not None:
                values[position] = process(values[position])
        tsids = tags.pop(rid, [])
        record = CandidateRecord(
            **dict(zip(PLAIN_FIELDS, values, strict=True)),
            other_emails=emails.pop(rid, []),
            tags=sorted(refs[tsid] for tsid in tsids),
        )
        cache: TagCache = {}  # every tag of the row exists by now: apply_record makes none
        for tsid in tsids:
            tag = session.get(Tag, tag_ids[tsid])
            assert tag is not None
            cache[(tag.category, tag.name.casefold())] = tag
        fields = {name for bit, name in enumerate(PLAIN_FIELDS) if provided >> bit & 1}
        _update(session, target, record, fields, [extra] if extra else [], options, cache)
        _join_pool(session, target, options.pool_id, stage_id, now)
        session.flush()
        if done % EXPUNGE_EVERY == 0:
            session.expunge_all()
    session.expunge_all()


def _result_processors(dialect: Dialect) -> list[tuple[int, Callable[[Any], Any]]]:
    """SQLAlchemy's conversions back from what the stage holds (the bound values)."""
    table = Candidate.__table__
    found: list[tuple[int, Callable[[Any], Any]]] = []
    for position, name in enumerate(PLAIN_FIELDS):
        column_type = table.c[name].type
        process = column_type.dialect_impl(dialect).result_processor(dialect, None)
        if process is not None:
            found.append((position, process))
    return found


def _update(
    session: Session,
    candidate_id: int,
    incoming: CandidateRecord,
    provided: set[str],
    extra_notes: list[str],
    options: ImportOptions,
    tags: TagCache,
) -> None:
    candidate = session.get(Candidate, candidate_id)
    assert candidate is not None
    current = to_record(candidate)
    merged = replace(current)
    overwrite = options.on_duplicate is OnDuplicate.OVERWRITE
    for name in PLAIN_FIELDS:
        if name not in provided:  # only what the file says; defaults never overwrite
            continue
        if overwrite or getattr(current, name) in (None, ""):
            setattr(merged, name, getattr(incoming, name))
    merged.other_emails = list(dict.fromkeys([*current.other_emails, *incoming.other_emails]))
    merged.tags = sorted(set(current.tags) | set(incoming.tags))
    merged.notes = with_notes(merged.notes, extra_notes)
    apply_record(session, candidate, merged, tags)


def _join_pool(
    session: Session, candidate_id: int, pool_id: int | None, stage_id: int | None, now: object
) -> None:
    if pool_id is None or stage_id is None:
        return
    exists = session.scalar(
        select(func.count(PoolMembership.id)).where(
            PoolMembership.pool_id == pool_id, PoolMembership.candidate_id == candidate_id
        )
    )
    if not exists:
        session.add(
            PoolMembership(
                candidate_id=candidate_id, pool_id=pool_id, stage_id=stage_id, added_at=now
            )
        )
