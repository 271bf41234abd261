"""The metrics summaries the triggers keep (db/summary.py) stay equal to the same summaries
computed from scratch after every kind of write that changes what they sum up, and so do the
figures read from them."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from talentdesk.core.clock import Clock
from talentdesk.core.csvio.importer import run_import
from talentdesk.core.csvio.mapping import guess_mapping
from talentdesk.core.csvio.options import ImportOptions, OnDuplicate
from talentdesk.core.csvio.reader import sniff
from talentdesk.core.db import server_summary, summary
from talentdesk.core.db.enums import InteractionKind
from talentdesk.core.demo.seed import seed_demo
from talentdesk.core.mail.account import MailAccount
from talentdesk.core.mail.outbox import Outbox, Sender
from talentdesk.core.mail.templates import Template
from talentdesk.core.metrics import Figure, Filters, Metrics
from talentdesk.core.records import CandidateRecord
from talentdesk.core.workspace import Workspace
from tests.conftest import written_outside
from tests.core.server_copy import server_copy
from tests.core.test_imap_sync import account as imap_account
from tests.core.test_imap_sync import mail as imap_mail
from tests.imap_fixtures import ImapMailbox
from tests.mail_server import MailServer
from tests.pg_fixtures import ws_on_both  # noqa: F401  (`ws` on SQLite and on PostgreSQL)

IN, OUT, FEEDBACK = InteractionKind.EMAIL_IN, InteractionKind.EMAIL_OUT, InteractionKind.FEEDBACK


def at(d: int, hour: int = 9) -> datetime:
    return datetime(2026, 11, d, hour, tzinfo=UTC)


def _log(ws: Workspace, cid: int, kind: InteractionKind, when: datetime) -> int:
    return ws.interactions.log(cid, kind, when, subject=kind.value)


@pytest.fixture
def people(ws: Workspace) -> dict[str, int]:
    """Ann: two e-mails (1 and 2 Nov) answered by one on 3 Nov, one more unanswered (10 Nov).
    Ben: an e-mail answered by feedback a day later; a call (no e-mail) in between."""
    ids = {
        "Ann": ws.candidates.create(CandidateRecord("Ann", "Lee", "ann@example.com")),
        "Ben": ws.candidates.create(CandidateRecord("Ben", "Ray", "ben@example.com")),
    }
    _log(ws, ids["Ann"], IN, at(1))
    _log(ws, ids["Ann"], IN, at(2))
    _log(ws, ids["Ann"], OUT, at(3))
    _log(ws, ids["Ann"], IN, at(10))
    _log(ws, ids["Ben"], IN, at(4, 8))
    _log(ws, ids["Ben"], InteractionKind.CALL, at(4, 12))
    _log(ws, ids["Ben"], FEEDBACK, at(5, 8))
    return ids


def _shown(figure: Figure) -> list[object]:
    return [
        (row.key, row.values, {k: list(v) for k, v in row.people.items()})
        for table in figure.tables
        for row in table.rows
    ]


FIGURES = ("response_times", "pool_health")
WEEKS = Filters(start=date(2026, 10, 26))  # five whole weeks and this one (to Wed 25 Nov)


def _figures(metrics: Metrics) -> list[object]:
    return [_shown(metrics.figure(key, WEEKS)) for key in FIGURES] + [
        _shown(metrics.figure("response_times", Filters()))
    ]


def _from_scratch(source: sqlite3.Connection, clock: Clock, folder: Path) -> list[object]:
    """The figures over a copy of the database whose summaries are computed afresh."""
    copy = sqlite3.connect(folder / "scratch.sqlite3", isolation_level=None)
    source.backup(copy)
    for statement in summary.FILL:
        copy.execute(statement)
    try:
        return _figures(Metrics(copy, clock))
    finally:
        copy.close()
        (folder / "scratch.sqlite3").unlink()


def _on_server(ws: Workspace, sql: str) -> list[tuple[object, ...]]:
    with written_outside(ws.paths.database) as connection:
        return [tuple(row) for row in connection.exec_driver_sql(sql).all()]


def _read(ws: Workspace, sql: str) -> list[tuple[object, ...]]:
    if ws.on_server:
        return _on_server(ws, sql)
    return ws.reader.execute(sql).fetchall()


def _kept(ws: Workspace, table: str = "mail_question") -> list[tuple[object, ...]]:
    return _read(ws, f"SELECT * FROM {table} ORDER BY 1, 2")


def _fresh(ws: Workspace) -> list[tuple[object, ...]]:
    """The questions computed from scratch, in the database's own SQL."""
    rows = server_summary.question_rows("true") if ws.on_server else summary.question_rows("1")
    return _read(ws, f"{rows} ORDER BY 1, 2")


def _weeks(ws: Workspace) -> list[tuple[object, ...]]:
    week = server_summary.week_of if ws.on_server else summary.week_of
    return _read(
        ws,
        f"SELECT {week('occurred_at')}, candidate_id, count(*) FROM interaction"
        " WHERE kind <> 'note' GROUP BY 1, 2 ORDER BY 1, 2",
    )


@contextmanager
def _metrics(ws: Workspace) -> Iterator[Metrics]:
    with ws.metrics.snapshot() as metrics:
        yield metrics


def assert_current(ws: Workspace, folder: Path) -> None:
    """Both summaries as the triggers left them equal the same computed from scratch, and so
    do the figures read from them. On a server, what its triggers kept is also what SQLite's
    own SQL makes of the same rows, and the server's figures are SQLite's over a copy."""
    assert _kept(ws) == _fresh(ws)
    assert _kept(ws, "contact_week") == _weeks(ws)
    with _metrics(ws) as metrics:
        figures = _figures(metrics)
        if not ws.on_server:
            assert figures == _from_scratch(metrics.reader, ws.clock, folder)
            return
    assert ws.paths.database_url is not None
    local = server_copy(ws.paths.database_url, ws.paths.database.with_name("server.sqlite3"))
    try:
        assert local.execute("SELECT * FROM mail_question ORDER BY 1, 2").fetchall() == (
            local.execute(f"{summary.question_rows('1')} ORDER BY 1, 2").fetchall()
        )
        assert local.execute("SELECT * FROM contact_week ORDER BY 1, 2").fetchall() == (
            local.execute(
                f"SELECT {summary.week_of('occurred_at')}, candidate_id, count(*)"
                " FROM interaction WHERE kind <> 'note' GROUP BY 1, 2 ORDER BY 1, 2"
            ).fetchall()
        )
        assert figures == _figures(Metrics(local, ws.clock))
        assert figures == _from_scratch(local, ws.clock, folder)
    finally:
        local.close()


def _recruiter(ws: Workspace) -> dict[str, object]:
    with _metrics(ws) as metrics:
        figure = metrics.figure("response_times", Filters())
    row = figure.table("response_times").row("recruiter")
    assert row is not None
    return dict(row.values)


def _per_week(ws: Workspace) -> dict[str, tuple[object, object]]:
    with _metrics(ws) as metrics:
        rows = metrics.figure("pool_health", WEEKS).table("contacts_per_week").rows
    return {r.key: (r.values["contacts"], r.values["people"]) for r in rows}


def test_logging_and_deleting_contacts_keep_it_current(
    ws: Workspace, people: dict[str, int], tmp_path: Path
) -> None:
    # Ann 1 Nov → 3 Nov: 48 h (the 2 Nov e-mail shares its answer); Ben 24 h; Ann's 10 Nov
    # e-mail waits.
    assert _recruiter(ws) == {"answered": 2, "median": 36.0, "p90": 48.0, "waiting": 1}
    # 1 Nov is a Sunday; the week under way (23 Nov, to now) is counted on the timeline.
    assert _per_week(ws) == {"2026-10-26": (1, 1), "2026-11-02": (5, 2), "2026-11-09": (1, 1),
                             "2026-11-16": (0, 0), "2026-11-23": (0, 0)}  # fmt: skip
    assert_current(ws, tmp_path)
    _log(ws, people["Ben"], InteractionKind.NOTE, at(3))  # no contact
    _log(ws, people["Ben"], InteractionKind.MEETING, at(24))
    assert _per_week(ws)["2026-11-02"] == (5, 2)
    assert _per_week(ws)["2026-11-23"] == (1, 1)
    assert_current(ws, tmp_path)
    answer = _log(ws, people["Ann"], OUT, at(10, 10))
    assert _recruiter(ws)["waiting"] == 0
    assert_current(ws, tmp_path)
    ws.interactions.delete(answer)
    first_answer = next(e.id for e in ws.interactions.timeline(people["Ann"]) if e.kind is OUT)
    ws.interactions.delete(first_answer)  # now all three of Ann's wait for one answer
    assert _recruiter(ws) == {"answered": 1, "median": 24.0, "p90": 24.0, "waiting": 1}
    assert_current(ws, tmp_path)


def test_delete_restore_and_merge_keep_it_current(
    ws: Workspace, people: dict[str, int], tmp_path: Path
) -> None:
    deleted = ws.candidates.delete([people["Ben"]])
    assert _recruiter(ws)["answered"] == 1
    assert_current(ws, tmp_path)
    ws.candidates.restore(deleted)
    assert _recruiter(ws)["answered"] == 2
    assert_current(ws, tmp_path)
    merged = ws.merging.merge(people["Ann"], people["Ben"])
    # Ben's e-mail (4 Nov) now comes after Ann's 3 Nov answer: answered by his feedback.
    assert _kept(ws)[-1][0] == people["Ann"]
    assert_current(ws, tmp_path)
    ws.merging.unmerge(merged)
    assert {row[0] for row in _kept(ws)} == {people["Ann"], people["Ben"]}
    assert_current(ws, tmp_path)


def test_an_erasure_keeps_it_current(ws: Workspace, people: dict[str, int], tmp_path: Path) -> None:
    ws.erasure.erase([people["Ann"]])
    assert {row[0] for row in _kept(ws)} == {people["Ben"]}
    assert_current(ws, tmp_path)


def test_an_import_keeps_it_current(ws: Workspace, people: dict[str, int], tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "First name,Last name,E-mail,Notes\nAnn,Lee,ann@example.com,Met at a fair\n"
        "Cy,New,cy@example.com,New one\n",
        encoding="utf-8",
    )
    layout = sniff(path)
    options = ImportOptions(mapping=guess_mapping(layout.header), on_duplicate=OnDuplicate.FILL)
    run_import(ws.db, path, layout, options, ws.clock)
    assert_current(ws, tmp_path)
    _log(ws, people["Ann"], OUT, at(11))  # the import put the trigger back
    assert _recruiter(ws)["waiting"] == 0
    assert_current(ws, tmp_path)


def test_the_outbox_sending_and_a_logged_reply_keep_it_current(
    ws: Workspace,
    people: dict[str, int],
    account: MailAccount,
    password: str,
    smtp_server: MailServer,
    tmp_path: Path,
) -> None:
    outbox = Outbox(ws.db.sessions, ws.clock)
    template = Template("Hello", "Hello {{ first_name }}", "Hi {{ first_name }}")
    outbox.queue(outbox.plan(template, [people["Ann"]], account))
    report = Sender(outbox, account, password, timeout=5).run()
    assert report.sent == 1
    assert _recruiter(ws)["waiting"] == 0  # the message answered Ann's 10 Nov e-mail
    assert_current(ws, tmp_path)
    message = next(e for e in outbox.entries() if e.candidate_id == people["Ann"])
    outbox.log_reply(
        people["Ann"], ws.clock() + timedelta(hours=1), body="Thanks", message_id=message.id
    )
    assert _recruiter(ws)["waiting"] == 1
    assert_current(ws, tmp_path)


def test_the_mailbox_sync_keeps_it_current(
    ws: Workspace, people: dict[str, int], imap_server: ImapMailbox, tmp_path: Path
) -> None:
    imap_server.deliver(imap_mail(ws.clock, 2, "Ben <ben@example.com>", subject="Any news?"))
    imap_server.deliver(
        imap_mail(ws.clock, 1, "recruiter@agency.test", to="ann@example.com", subject="Re"), "Sent"
    )
    synced = ws.mail_sync.sync(imap_account(imap_server), imap_server.password)
    assert synced.stored == 2
    assert _recruiter(ws)["waiting"] == 1  # Ben waits now, Ann was answered
    assert_current(ws, tmp_path)


def test_the_demo_seed_fills_them_for_its_people(
    ws: Workspace, people: dict[str, int], tmp_path: Path
) -> None:
    seed_demo(ws.db, 300, ws.clock())  # its triggers held back, its people filled at the end
    assert len({row[0] for row in _kept(ws)}) > 100
    assert_current(ws, tmp_path)
    waiting = _recruiter(ws)["waiting"]
    _log(ws, people["Ann"], OUT, at(11))  # the seed put the triggers back
    assert _recruiter(ws)["waiting"] == waiting - 1  # type: ignore[operator]
    assert_current(ws, tmp_path)


def test_e_mails_and_answers_logged_in_any_order_keep_the_questions_current(
    ws: Workspace, tmp_path: Path
) -> None:
    # Each e-mail joins or starts one question and each answer recomputes only the questions
    # around it: whatever the order, including entries at the same moment, the table equals
    # the one computed from scratch.
    import random

    rng = random.Random(7)
    cid = ws.candidates.create(CandidateRecord("Eve", "Day", "eve@example.com"))
    moments = [at(1 + d, h) for d in range(6) for h in (9, 15)]
    entries = [(rng.choice((IN, IN, OUT, FEEDBACK)), rng.choice(moments)) for _ in range(40)]
    for kind, when in entries:
        _log(ws, cid, kind, when)
        assert _kept(ws) == _fresh(ws), (kind, when)
    assert_current(ws, tmp_path)
