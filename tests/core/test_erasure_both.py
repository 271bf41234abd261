"""Erasure on both backends (team mode, issue 18): the person, their search row and every
record naming them go, leaving suppression entries and an audit entry; the same on the local
file and on a PostgreSQL team database."""

from __future__ import annotations

from sqlalchemy import text

from talentdesk.core.workspace import Workspace
from tests.conftest import written_outside
from tests.core.erased_person import EMAIL, FIRST, LAST, LINKEDIN, MARKERS, make_person
from tests.pg_fixtures import ws_on_both  # noqa: F401


def _rows(ws: Workspace, sql: str) -> list[tuple[object, ...]]:
    with written_outside(ws.paths.database) as connection:
        return [tuple(r) for r in connection.execute(text(sql))]


def _search_text(ws: Workspace) -> str:
    """Everything the search table holds, as text (the tsvector's words on a server)."""
    if ws.on_server:
        rows = _rows(ws, "SELECT id, sort_name, CAST(doc AS text) FROM candidate_fts")
    else:
        rows = _rows(ws, "SELECT rowid, * FROM candidate_search")
    return repr(rows).lower()


def test_erasure_leaves_only_suppression_and_an_audit_entry(ws: Workspace) -> None:
    person = make_person(ws, others=6)
    assert FIRST.lower() in _search_text(ws)
    [review] = ws.erasure.review([person.id])
    assert (review.name, review.interactions, review.outbox) == (f"{FIRST} {LAST}", 1, 1)

    result = ws.erasure.erase([person.id, 999_999])

    assert (result.count, result.suppressed) == (1, 5)  # 2 addresses, URL, phone, its tail
    assert ws.candidates.count() == 6
    assert _rows(ws, f"SELECT count(*) FROM candidate WHERE id = {person.id}") == [(0,)]
    for table in ("interaction", "reminder", "pool_membership", "outbox_message"):
        sql = f"SELECT count(*) FROM {table} WHERE candidate_id = {person.id}"
        assert _rows(ws, sql) == [(0,)], table
    searched = _search_text(ws)
    assert [m for m in MARKERS if m.lower() in searched] == []
    rowid = "id" if ws.on_server else "rowid"
    assert len(_rows(ws, f"SELECT {rowid} FROM candidate_fts")) == 6
    assert _rows(ws, "SELECT kind, count FROM audit_entry") == [("erasure", 1)]
    assert ws.erasure.erased_on([EMAIL]) == result.erased_at
    assert ws.erasure.erased_on([None], linkedin_url=LINKEDIN) == result.erased_at
    assert ws.erasure.erased_on(["someone@else.example"], phone="+48 600 000 000") is None


def test_erasing_again_writes_no_second_entry_and_keeps_the_key(ws: Workspace) -> None:
    first, second = make_person(ws, others=0), make_person(ws, others=0)  # the same details
    assert ws.erasure.erase([first.id]).count == 1
    assert ws.erasure.erase([second.id]).count == 1
    assert len(_rows(ws, "SELECT key_hash FROM suppression")) == 5
    assert _rows(ws, "SELECT count(*) FROM app_setting WHERE key LIKE '%suppression%'") == [(1,)]
    assert ws.erasure.erase([first.id]).count == 0
