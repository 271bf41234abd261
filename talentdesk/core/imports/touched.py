"""Whether the people an import created were touched since: an undo deletes them, so it may
only when nothing but the import itself wrote about them (core/imports/service.py)."""

from __future__ import annotations

from sqlalchemy import Connection, text

# A created person of the import (alias p, import_person) counts as touched when any of these
# holds. The import wrote their row, e-mails, tags, one pool membership, one consent record and
# TalentDesk's own generated reminders, all at the import's time (:t); anything later, or of a
# kind the import never writes, is someone's work an undo would lose. The first check reads
# `updated_at`, stamped by an edit and by every change that leaves no dated row of its own (tags
# in bulk, pools left, near-fit flags, generated reminders deleted, consent records edited or
# deleted: services/modified.py); the others read the dated rows the remaining changes leave.
_TOUCHED = (
    "SELECT 1 FROM candidate c WHERE c.id = p.candidate_id AND c.updated_at > :t",
    "SELECT 1 FROM candidate c WHERE c.referred_by_id = p.candidate_id",
    "SELECT 1 FROM interaction i WHERE i.candidate_id = p.candidate_id",
    "SELECT 1 FROM reminder r WHERE r.candidate_id = p.candidate_id AND (r.origin = 'manual'"
    " OR r.done_at IS NOT NULL OR r.snoozed_until IS NOT NULL)",
    "SELECT 1 FROM pool_membership m WHERE m.candidate_id = p.candidate_id"
    " AND (m.added_at > :t OR m.stage_changed_at > :t)",
    "SELECT 1 FROM consent k WHERE k.candidate_id = p.candidate_id"
    " AND (k.created_at > :t OR k.withdrawn_at IS NOT NULL OR k.notice_sent_at > :t)",
    "SELECT 1 FROM application a WHERE a.candidate_id = p.candidate_id",
    "SELECT 1 FROM outbox_message o WHERE o.candidate_id = p.candidate_id",
    "SELECT 1 FROM import_person q WHERE q.candidate_id = p.candidate_id"
    " AND q.import_id <> p.import_id",
    "SELECT 1 FROM candidate_merge g WHERE g.kept_id = p.candidate_id",
    "SELECT 1 FROM duplicate_dismissal d WHERE p.candidate_id IN (d.first_id, d.second_id)",
)


def touched_since(conn: Connection, import_id: int, imported_at: str) -> int:
    """How many of the people import `import_id` created were changed since `imported_at`."""
    touched = " OR ".join(f"EXISTS ({query})" for query in _TOUCHED)
    found = conn.execute(
        text(
            "SELECT count(*) FROM import_person p WHERE p.import_id = :id AND p.created = :yes"
            f" AND ({touched})"
        ),
        {"id": import_id, "t": imported_at, "yes": True},
    ).scalar()
    return int(found or 0)


def people_of(conn: Connection, import_id: int) -> tuple[int, int]:
    """(created, updated): the people of the import still linked to it."""
    rows = conn.execute(
        text("SELECT created, count(*) FROM import_person WHERE import_id = :id GROUP BY created"),
        {"id": import_id},
    ).all()
    counts = {bool(created): int(n) for created, n in rows}
    return counts.get(True, 0), counts.get(False, 0)
