"""Search on a team database: the first screen over 100,000 candidates on a local PostgreSQL
server (issue 18's target: within 50 ms), beside the bare index read.

    .venv/bin/python bench/team_search.py [--candidates 100000] [--runs 15]

Starts a throw-away server (tests/pg_server.py, as the tests do), creates the schema as opening
an empty team database does, adds the candidates in SQL (the search triggers held back, then
the index built once, timed), and per query prints the median and 95th percentile (ms) of:
- bare:   the search index alone, `LIMIT 100`, no order (the floor);
- screen: core/server_search.matching_ids(limit=100), the first screen in the list's order;
- list:   the candidate list's first screen over the team database's reader (what the window
          and `ws.search_ids` read: core/candidate_list.py over core/db/server_reader.py);
and the matches, and screen / bare measured in the same run. Then the list's first screen and
count with filters (`field:value`), beside the same count without them, and the first screen as
the list's general query reads it (`before`: words with filters before they started from the
search table, core/server_first_screen.py), the same ids checked, the ratio of the same run.
Last, `city:krakow`'s first screen as the list reads it (the folded-city index,
db/server_fold.py) beside the query it replaced (the search index, then td_fold as a STABLE
session function on every match), with the ratio measured in the same run (issue 18's target
for a first screen: within 50 ms).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import Connection, text  # noqa: E402

from talentdesk.core.candidate_list import CandidateListing, ListQuery  # noqa: E402
from talentdesk.core.db.migrate import create_schema  # noqa: E402
from talentdesk.core.db.server import make_server_engine  # noqa: E402
from talentdesk.core.db.server_reader import ServerReader, open_server_reader  # noqa: E402
from talentdesk.core.db.server_search_schema import TRIGGERS, rebuild  # noqa: E402
from talentdesk.core.server_search import matching_ids, search_words  # noqa: E402
from tests.pg_server import PostgresServer  # noqa: E402

SCREEN = 100
FILTERED = (
    "city:krakow",
    "tag:kotlin anna",
    "anna -tag:kotlin",
    "-tag:kotlin city:lodz",
    "has:email krakow java",
    "has:email a",
)
QUERIES = ("anna", "krakow", "lukasz", "kow", "anna kow", "java dev", "kotl", "a", "nobody")
_FIRST = "Anna Łukasz Zofia Piotr Katarzyna Michał Agnieszka Tomasz Małgorzata Paweł Ewa Jan"
_LAST = "Kowalska Wójcik Nowak Żak Lewandowski Zieliński Kamińska Szymański Dąbrowska Kozłowski"
_CITY = "Kraków Warszawa Gdańsk Łódź Wrocław Poznań Katowice Lublin"
_TITLE = "Java developer|Tester|Data engineer|Product manager|Kotlin developer|Recruiter"
_TAGS = ("Kotlin", "Java", "Python", "Remote", "Łódź office")


def _array(words: list[str]) -> str:
    return "ARRAY[" + ", ".join(f"'{w}'" for w in words) + "]"


def fill(connection: Connection, count: int) -> None:
    """`count` candidates with an e-mail each, a third with a tag (in SQL: seconds)."""
    first, last, city = _array(_FIRST.split()), _array(_LAST.split()), _array(_CITY.split())
    title = _array(_TITLE.split("|"))
    connection.execute(
        text(
            "INSERT INTO candidate (first_name, last_name, sort_name, email, city, title,"
            " relationship_kind, status, created_at, updated_at)"
            " SELECT f, l, lower(f || ' ' || l),"
            " lower(f || '.' || l || '.' || n) || '@example.com',"
            f" ({city})[1 + n % 8], ({title})[1 + n % 6], 'none', 'passive', now(), now()"
            f" FROM generate_series(1, {count}) n,"
            f" LATERAL (SELECT ({first})[1 + (n * 7) % 12] AS f,"
            f" ({last})[1 + (n * 13) % 10] AS l) names"
        )
    )
    for i, name in enumerate(_TAGS):
        connection.execute(
            text("INSERT INTO tag (category, name) VALUES ('skill', :name)"), {"name": name}
        )
        connection.execute(
            text(
                "INSERT INTO candidate_tag (candidate_id, tag_id)"
                " SELECT c.id, t.id FROM candidate c, tag t"
                f" WHERE t.name = :name AND c.id % 15 = {i * 3}"
            ),
            {"name": name},
        )


def timed(action: Callable[[], object], runs: int) -> tuple[float, float]:
    seen = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        seen.append((time.perf_counter() - start) * 1000)
    seen.sort()
    return statistics.median(seen), seen[max(0, round(0.95 * len(seen)) - 1)]


def bare(connection: Connection, search: str) -> list[int]:
    words = search_words(search)
    query = " && ".join(
        f"to_tsquery('simple', quote_literal(talentdesk_search_words(:w{i})) || ':*')"
        for i in range(len(words))
    )
    sql = f"SELECT id FROM candidate_fts WHERE doc @@ ({query}) LIMIT {SCREEN}"
    params = {f"w{i}": w for i, w in enumerate(words)}
    return [r[0] for r in connection.execute(text(sql), params)]


class _General(CandidateListing):
    """The list's general query for every search: what a search with `field:value` words read
    before words with filters started from the search table (core/server_first_screen.py)."""

    def _first_screen(self, query: ListQuery, limit: int | None) -> list[int] | None:
        return None


def filtered(listing: CandidateListing, reader: ServerReader, runs: int) -> None:
    """The list's first screen and count with filters, beside counting everyone, and the
    first screen as the general query reads it (`before`), measured in the same run."""
    general = _General(reader)
    everyone = timed(lambda: listing.count(ListQuery()), runs)
    print(
        f"{'filters':<24} {'matches':>8} {'screen ms':>14} {'count ms':>14}"
        f" {'before ms':>14} {'ratio':>6}"
    )
    print(f"{'(none)':<24} {listing.count(ListQuery()):>8,} {'':>14} {everyone[0]:>6.1f}")
    for search in FILTERED:
        q = ListQuery(search=search)
        assert listing.ids(q, SCREEN) == general.ids(q, SCREEN), "the first screen changed"
        screen = timed(partial(listing.ids, q, SCREEN), runs)
        count = timed(partial(listing.count, q), runs)
        before = timed(partial(general.ids, q, SCREEN), runs)
        print(
            f"{search:<24} {listing.count(q):>8,} {screen[0]:>6.1f} p95 {screen[1]:>5.1f}"
            f" {count[0]:>6.1f} p95 {count[1]:>5.1f} {before[0]:>6.1f} p95 {before[1]:>5.1f}"
            f" {before[0] / max(screen[0], 0.001):>5.1f}x"
        )


# What `city:krakow` read before migration 0020: narrowed by the search index (any column), then
# each match's city folded by a function of the session, which no index can hold.
_OLD_FOLD = (
    "CREATE FUNCTION pg_temp.td_fold_old(value text) RETURNS text LANGUAGE sql STABLE AS $$"
    ' SELECT btrim(regexp_replace(lower("public".unaccent(\'"public".unaccent\'::regdictionary,'
    " value)"
    " COLLATE \"und-x-icu\"), '\\s+', ' ', 'g')) $$"
)
_OLD_CITY = (
    "SELECT c.id FROM candidate c WHERE (c.id IN (SELECT id FROM candidate_fts WHERE doc @@"
    " (to_tsquery('simple', quote_literal(talentdesk_search_words(?)) || ':*'))))"
    " AND (pg_temp.td_fold_old(c.city) IN (?))"
    f' ORDER BY c.sort_name COLLATE "C" ASC, c.id ASC LIMIT {SCREEN}'
)


def folded_city(url: str, listing: CandidateListing, runs: int) -> None:
    """`city:krakow`'s first screen now, beside the query it replaced (on a reader connection
    of its own, as the list read it: the session function made before it turned read only)."""
    old = open_server_reader(url)
    old.execute("SET default_transaction_read_only = off")
    old.execute(_OLD_FOLD)
    old.execute("SET default_transaction_read_only = on")
    params = ["krakow", "krakow"]
    old_ids = [r[0] for r in old.execute(_OLD_CITY, params)]
    q = ListQuery(search="city:krakow")
    assert listing.ids(q, SCREEN) == old_ids, "the folded-city index changed the answer"
    before = timed(lambda: old.execute(_OLD_CITY, params).fetchall(), runs)
    now = timed(lambda: listing.ids(q, SCREEN), runs)
    old.close()
    print(
        f"city:krakow first screen: before {before[0]:.1f} ms (p95 {before[1]:.1f}),"
        f" now {now[0]:.1f} ms (p95 {now[1]:.1f}), {before[0] / max(now[0], 0.001):.0f}x faster"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with PostgresServer() as server:
        url = server.url(server.create_database())
        engine = make_server_engine(url)
        with engine.begin() as connection:
            create_schema(connection)
            for name, table, _ in TRIGGERS:
                connection.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER {name}"))
            start = time.perf_counter()
            fill(connection, args.candidates)
            filled = time.perf_counter() - start
            start = time.perf_counter()
            rebuild(connection)
            built = time.perf_counter() - start
            for name, table, _ in TRIGGERS:
                connection.execute(text(f"ALTER TABLE {table} ENABLE TRIGGER {name}"))
        with engine.connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()
            print(
                f"{args.candidates:,} candidates: rows {filled:.1f} s, search index {built:.1f} s"
            )
            reader = open_server_reader(url)
            listing = CandidateListing(reader)
            print(
                f"{'query':<10} {'matches':>8} {'bare ms':>14} {'screen ms':>14} {'ratio':>6}"
                f" {'list ms':>14}"
            )
            for search in QUERIES:
                total = len(matching_ids(connection, search))
                b = timed(partial(bare, connection, search), args.runs)
                s = timed(partial(matching_ids, connection, search, SCREEN), args.runs)
                q = ListQuery(search=search)
                li = timed(partial(listing.ids, q, SCREEN), args.runs)
                print(
                    f"{search:<10} {total:>8,} {b[0]:>6.1f} p95 {b[1]:>5.1f}"
                    f" {s[0]:>6.1f} p95 {s[1]:>5.1f} {s[0] / max(b[0], 0.001):>5.1f}x"
                    f" {li[0]:>6.1f} p95 {li[1]:>5.1f}"
                )
            filtered(listing, reader, args.runs)
            folded_city(url, listing, args.runs)
        engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
