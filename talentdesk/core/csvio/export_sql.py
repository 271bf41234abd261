"""The export's list columns on a team database (PostgreSQL): the cells exporter.COLUMN_SQL
computes on SQLite, with `string_agg(… ORDER BY …)` for group_concat over an ordered
subquery, and names ordered byte by byte as SQLite orders them (read_sql.binary), whatever
the server database's own collation."""

from __future__ import annotations

from talentdesk.core.csvio.list_cells import escaped_sql
from talentdesk.core.db.read_sql import binary

_CATEGORY = binary(True, "t.category")
_TAG = binary(True, "t.name")
_POOL = binary(True, "p.name")

SERVER_COLUMN_SQL: dict[str, str] = {
    "other_emails": "(SELECT string_agg(e.email, '; ' ORDER BY e.id)"
    " FROM candidate_email e WHERE e.candidate_id = c.id)",
    "tags": f"(SELECT string_agg(t.category || ':' || {escaped_sql('t.name')}, '; '"
    f" ORDER BY {_CATEGORY}, {_TAG})"
    " FROM candidate_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.candidate_id = c.id)",
    "pools": f"(SELECT string_agg({escaped_sql('p.name')}, '; ' ORDER BY {_POOL})"
    " FROM pool_membership m JOIN pool p ON p.id = m.pool_id WHERE m.candidate_id = c.id)",
    "stage": f"(SELECT string_agg({escaped_sql('p.name')} || ': ' || {escaped_sql('s.name')},"
    f" '; ' ORDER BY {_POOL})"
    " FROM pool_membership m JOIN pool p ON p.id = m.pool_id"
    " JOIN pool_stage s ON s.id = m.stage_id WHERE m.candidate_id = c.id)",
    "near_fit": f"(SELECT string_agg({escaped_sql('p.name')}, '; ' ORDER BY {_POOL})"
    " FROM pool_membership m JOIN pool p ON p.id = m.pool_id"
    " WHERE m.candidate_id = c.id AND m.near_fit)",
    "last_contact": "c.last_contact_at",
    "created": "c.created_at",
}
