"""Tagging and untagging many people: one INSERT…SELECT (or DELETE) per tag and chunk."""

from __future__ import annotations

from collections.abc import Iterable

from talentdesk.core.bulk.ids import TABLE, Scope
from talentdesk.core.bulk.journal import Deleted, Inserted, Journal
from talentdesk.core.bulk.search_rows import link_triggers_held
from talentdesk.core.db.candidate_versions import bump_raw

_IN_CHUNK = f"SELECT id FROM {TABLE} WHERE id BETWEEN ? AND ?"


def add_tags(
    scope: Scope, tag_ids: list[int], chunks: Iterable[tuple[int, int]], journal: Journal
) -> set[int]:
    """Give everyone in scope each tag they lack; returns who got at least one."""
    db = scope.connection
    added: list[tuple[int, int]] = []
    marks = ", ".join("?" * len(tag_ids))
    lacking = (
        f"SELECT b.id FROM {TABLE} b WHERE (SELECT count(*) FROM candidate_tag ct"
        f" WHERE ct.candidate_id = b.id AND ct.tag_id IN ({marks})) < {len(tag_ids)}"
    )
    with link_triggers_held(db, lacking, tag_ids):
        for low, high in chunks:
            for tag_id in tag_ids:
                found = db.execute(
                    "INSERT INTO candidate_tag (candidate_id, tag_id)"
                    f" SELECT b.id, ? FROM {TABLE} b WHERE b.id BETWEEN ? AND ?"
                    " AND NOT EXISTS (SELECT 1 FROM candidate_tag ct"
                    "  WHERE ct.candidate_id = b.id AND ct.tag_id = ?)"
                    " RETURNING candidate_id",
                    (tag_id, low, high, tag_id),
                ).fetchall()
                added.extend((row[0], tag_id) for row in found)
    journal.add(Inserted("candidate_tag", ("candidate_id", "tag_id"), added))
    got = {candidate_id for candidate_id, _ in added}
    bump_raw(db, got)  # their tags are on the form: an open form of them is stale now
    return got


def remove_tags(
    scope: Scope, tag_ids: list[int], chunks: Iterable[tuple[int, int]], journal: Journal
) -> set[int]:
    """Take each tag off everyone in scope who has it; returns who lost at least one."""
    if not tag_ids:  # no such tag: nobody has it (and `IN ()` is SQLite's only)
        for _chunk in chunks:  # progress to the end, as for any other
            pass
        return set()
    db = scope.connection
    removed: list[tuple[int, int]] = []
    marks = ", ".join("?" * len(tag_ids))
    having = f"SELECT candidate_id FROM candidate_tag WHERE tag_id IN ({marks})"
    having += f" AND candidate_id IN (SELECT id FROM {TABLE})"
    with link_triggers_held(db, having, tag_ids):
        for low, high in chunks:
            for tag_id in tag_ids:
                found = db.execute(
                    f"DELETE FROM candidate_tag WHERE tag_id = ? AND candidate_id IN ({_IN_CHUNK})"
                    " RETURNING candidate_id",
                    (tag_id, low, high),
                ).fetchall()
                removed.extend((row[0], tag_id) for row in found)
    journal.add(Deleted("candidate_tag", [{"candidate_id": c, "tag_id": t} for c, t in removed]))
    lost = {candidate_id for candidate_id, _ in removed}
    bump_raw(db, lost)
    return lost


# A tag the action created goes with its undo only while no one else uses it.
UNUSED_TAG = (
    "NOT EXISTS (SELECT 1 FROM candidate_tag WHERE tag_id = tag.id)"
    " AND NOT EXISTS (SELECT 1 FROM vacancy_tag WHERE tag_id = tag.id)"
)
