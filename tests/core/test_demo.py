"""Sample data (load_sample_data), against a real SQLite file (bulk demo seeding:
test_demo_seed.py)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from talentdesk.core.db.datetimes import to_db
from talentdesk.core.db.enums import DEFAULT_STAGES
from talentdesk.core.db.migrate import Database, open_database
from talentdesk.core.demo import SampleSummary, load_sample_data
from talentdesk.core.demo.sample import sample_people_missing
from tests.conftest import written_outside
from tests.core.demo_helpers import (
    NOW,
    SAMPLE_POOLS,
    assert_fts_is_what_the_triggers_build,
    db,
    last_contact_mismatches,
    rows,
    scalar,
)

__all__ = ["db"]  # the fixture, used by name


# --------------------------------------------------------------------------- sample data


def test_sample_data_counts_and_pools(db: Database) -> None:
    summary = load_sample_data(db, NOW)

    assert summary == SampleSummary(
        candidates=scalar(db, "SELECT count(*) FROM candidate"),
        pools=3,
        interactions=scalar(db, "SELECT count(*) FROM interaction"),
        reminders=scalar(db, "SELECT count(*) FROM reminder"),
    )
    assert summary.candidates == 36
    assert 36 * 2 <= summary.interactions <= 36 * 9  # 2-8 each, and a closing for some
    pools = rows(db, "SELECT id, name, colour, description FROM pool ORDER BY id")
    assert {p[1] for p in pools} == SAMPLE_POOLS
    assert len({p[2] for p in pools}) == 3
    assert all(p[3] for p in pools)
    for pool_id, *_ in pools:
        stages = rows(
            db, "SELECT name, position FROM pool_stage WHERE pool_id = ? ORDER BY 2", (pool_id,)
        )
        assert stages == [(name, i) for i, name in enumerate(DEFAULT_STAGES)]
        assert (
            scalar(db, "SELECT count(*) FROM pool_membership WHERE pool_id = ?", (pool_id,)) == 12
        )
    used_stages = scalar(db, "SELECT count(DISTINCT stage_id) FROM pool_membership")
    assert used_stages >= 15  # spread over the funnel, not all at "Sourced"
    assert 3 <= scalar(db, "SELECT sum(near_fit) FROM pool_membership") <= 9
    per_candidate = rows(db, "SELECT count(*) FROM interaction GROUP BY candidate_id")
    assert len(per_candidate) == 36
    assert all(2 <= n <= 9 for (n,) in per_candidate)
    assert scalar(db, "SELECT count(*) FROM interaction WHERE kind = 'note'") > 0
    assert scalar(db, "SELECT count(DISTINCT kind) FROM interaction") >= 6
    oldest, newest = rows(db, "SELECT min(occurred_at), max(occurred_at) FROM interaction")[0]
    assert to_db(NOW - timedelta(days=366)) < oldest
    assert newest < to_db(NOW)
    assert newest > to_db(NOW - timedelta(days=60))


def test_sample_candidates_look_real(db: Database) -> None:
    load_sample_data(db, NOW)

    people = rows(
        db,
        "SELECT first_name, last_name, email, linkedin_url, title, company, city, country, "
        "seniority, industry, source, status, relationship_kind, referred_by_id FROM candidate",
    )
    names = {f"{p[0]} {p[1]}" for p in people}
    assert {"Anna Kowalska", "Łukasz Wiśniewski", "Jürgen Müller"} <= names
    assert sum(1 for n in names if not n.isascii()) >= 15
    for first, last, email, linkedin, *fields, _referred_by in people:
        assert re.fullmatch(r"[a-z]+\.[a-z]+@example\.(com|org|net)", email), email
        if linkedin is not None:
            assert re.fullmatch(r"https://linkedin\.com/in/[a-z0-9-]+", linkedin), linkedin
        assert all(fields[:8]), (first, last)
    assert len({p[2] for p in people}) == 36
    assert {p[7] for p in people} == {"Poland", "Germany", "United Kingdom"}
    assert {p[11] for p in people} == {"active", "passive", "placed", "do_not_contact"}
    kinds = {p[12] for p in people}
    assert {"referred_by", "met_at_event", "none"} <= kinds
    referrals = [p for p in people if p[12] == "referred_by"]
    assert referrals and all(p[13] is not None for p in referrals)
    assert (
        scalar(
            db,
            "SELECT count(*) FROM candidate WHERE referred_by_id NOT IN (SELECT id FROM candidate)",
        )
        == 0
    )
    with_details = scalar(
        db,
        "SELECT count(*) FROM candidate WHERE motivators IS NOT NULL AND doubts IS NOT NULL "
        "AND salary_min < salary_max AND salary_currency IS NOT NULL "
        "AND notice_period IS NOT NULL AND birthday IS NOT NULL",
    )
    assert 20 <= with_details < 36
    assert scalar(db, "SELECT count(*) FROM candidate WHERE competing_offers IS NOT NULL") >= 1
    categories = dict(rows(db, "SELECT category, count(*) FROM tag GROUP BY category"))
    assert set(categories) == {"skill", "industry", "location"}
    assert (
        scalar(
            db, "SELECT min(n) FROM (SELECT count(*) n FROM candidate_tag GROUP BY candidate_id)"
        )
        >= 3
    )


def bucket_counts(db: Database, now: datetime) -> dict[str, int]:
    tomorrow = datetime.combine(now.date() + timedelta(days=1), time(), UTC)
    bounds = {
        # Full datetime text: a bare "9999" would get the column's NUMERIC affinity.
        "overdue": (to_db(now - timedelta(days=3650)), to_db(now)),
        "today": (to_db(now), to_db(tomorrow)),
        "week": (to_db(tomorrow), to_db(tomorrow + timedelta(days=7))),
        "later": (to_db(tomorrow + timedelta(days=7)), to_db(now + timedelta(days=3650))),
    }
    return {
        key: scalar(
            db,
            "SELECT count(*) FROM reminder WHERE done_at IS NULL AND due_at >= ? AND due_at < ?",
            (low, high),
        )
        for key, (low, high) in bounds.items()
    }


@pytest.mark.parametrize(
    "now",
    [NOW, datetime(2026, 3, 10, 23, 40, tzinfo=UTC), datetime(2026, 12, 31, 0, 5, tzinfo=UTC)],
)
def test_sample_reminders_fall_in_every_bucket(db: Database, now: datetime) -> None:
    summary = load_sample_data(db, now)

    counts = bucket_counts(db, now)
    assert counts["overdue"] >= 3
    assert counts["today"] >= 3
    assert counts["week"] >= 3
    assert counts["later"] >= 3
    done = scalar(db, "SELECT count(*) FROM reminder WHERE done_at IS NOT NULL")
    assert done >= 1
    assert sum(counts.values()) + done == summary.reminders
    notes = [r[0] for r in rows(db, "SELECT note FROM reminder")]
    assert any(re.fullmatch(r"Check in after (her|his) notice period ends", n) for n in notes)


# The search index's rowid is a person's place by name (db/search_order.py).
_IDS_MATCHING = (
    "SELECT c.id FROM candidate_fts f JOIN candidate c ON c.search_key = f.rowid"
    " WHERE candidate_fts MATCH '{}'"
)


def test_sample_search_and_last_contact(db: Database) -> None:
    load_sample_data(db, NOW)

    anna = scalar(db, "SELECT id FROM candidate WHERE last_name = 'Kowalska'")
    assert rows(db, _IDS_MATCHING.format("kowal*")) == [(anna,)]
    lukasz = scalar(db, "SELECT id FROM candidate WHERE last_name = 'Wiśniewski'")
    assert rows(db, _IDS_MATCHING.format("wisniew*")) == [(lukasz,)]
    in_krakow = scalar(db, "SELECT count(*) FROM candidate WHERE city = 'Kraków'")
    assert in_krakow >= 5
    assert (
        scalar(db, "SELECT count(*) FROM candidate_fts WHERE candidate_fts MATCH 'city:krakow'")
        == in_krakow
    )
    assert_fts_is_what_the_triggers_build(db)

    assert last_contact_mismatches(db) == []
    # Not vacuous: most sample candidates have been contacted, and notes never count.
    assert scalar(db, "SELECT count(*) FROM candidate WHERE last_contact_at IS NOT NULL") >= 30
    newest_note_after_contact = scalar(
        db,
        "SELECT count(*) FROM candidate c WHERE EXISTS (SELECT 1 FROM interaction i "
        "WHERE i.candidate_id = c.id AND i.kind = 'note' AND i.occurred_at > c.last_contact_at)",
    )
    assert newest_note_after_contact >= 1


def test_sample_data_is_deterministic(tmp_path: Path) -> None:
    snapshots = []
    for name in ("a.sqlite3", "b.sqlite3"):
        database = open_database(tmp_path / name)
        try:
            load_sample_data(database, NOW, rng_seed=3)
            snapshots.append(
                (
                    rows(
                        database,
                        "SELECT first_name, email, phone, birthday, salary_min, last_contact_at "
                        "FROM candidate ORDER BY id",
                    ),
                    rows(
                        database,
                        "SELECT candidate_id, kind, occurred_at, subject, body FROM interaction "
                        "ORDER BY id",
                    ),
                    rows(database, "SELECT candidate_id, due_at, note FROM reminder ORDER BY id"),
                )
            )
        finally:
            database.close()
    assert snapshots[0] == snapshots[1]


def test_sample_data_again_adds_only_the_people_not_already_there(db: Database) -> None:
    first = load_sample_data(db, NOW)
    assert len(first.candidate_ids) == 36 and len(first.new_pool_ids) == 3
    with written_outside(db.path) as conn:
        # Jürgen left; Anna's row was typed over (now another person's, with her e-mail in
        # capitals); Lena's main e-mail changed, the sample one kept as another address.
        conn.exec_driver_sql("DELETE FROM candidate WHERE email LIKE 'juergen.%'")
        conn.exec_driver_sql("DELETE FROM candidate WHERE email LIKE 'anna.kowalska@%'")
        conn.exec_driver_sql(
            "UPDATE candidate SET email = 'ANNA.KOWALSKA@EXAMPLE.COM' WHERE email LIKE 'michal.%'"
        )
        lena = conn.exec_driver_sql("SELECT id, email FROM candidate WHERE email LIKE 'lena.%'")
        lena_id, lena_email = lena.one()
        conn.exec_driver_sql(
            "UPDATE candidate SET email = 'lena@home.example' WHERE id = ?", (lena_id,)
        )
        conn.exec_driver_sql(
            "INSERT INTO candidate_email (candidate_id, email) VALUES (?, ?)",
            (lena_id, lena_email.upper()),
        )
    assert sample_people_missing(db) == 2  # Jürgen and Michał

    second = load_sample_data(db, NOW + timedelta(days=1), rng_seed=8)

    assert second.candidates == 2 and second.skipped == 34
    assert second.new_pool_ids == ()  # the sample pools are reused
    assert scalar(db, "SELECT count(*) FROM candidate") == 36
    added = rows(
        db,
        f"SELECT first_name FROM candidate WHERE id IN ({','.join(map(str, second.candidate_ids))})"
        " ORDER BY 1",
    )
    assert added == [("Jürgen",), ("Michał",)]
    assert scalar(db, "SELECT count(*) FROM pool") == 3
    assert scalar(db, "SELECT count(*) FROM pool_stage") == 3 * len(DEFAULT_STAGES)
    assert last_contact_mismatches(db) == []
    assert_fts_is_what_the_triggers_build(db)
    assert load_sample_data(db, NOW).candidates == 0  # everyone is there now
    assert scalar(db, "SELECT count(*) FROM candidate") == 36


@pytest.mark.parametrize("now", [NOW, datetime(2026, 12, 31, 0, 5, tzinfo=UTC)])
def test_sample_data_shows_a_handful_due_dated_relative_to_now(db: Database, now: datetime) -> None:
    load_sample_data(db, now)

    overdue = rows(
        db,
        "SELECT due_at FROM reminder WHERE done_at IS NULL AND due_at < ? ORDER BY due_at",
        (to_db(now),),
    )
    assert 3 <= len(overdue) <= 10
    assert overdue[0][0] >= to_db(now - timedelta(days=14))  # nothing months old
    open_ = scalar(db, "SELECT count(*) FROM reminder WHERE done_at IS NULL")
    assert open_ <= 45
