"""The one statement that scores every candidate against a role and returns a page of the best.

The score is each criterion's points (match_terms) added up and rounded: 0..100. Scoring
100,000 people is dominated by reading their rows, so the statement reads each row once
and looks little up per row:

- `tagged`: one GROUP BY over the role's few tags counts each candidate's required and
  nice-to-have tags (as the baseline of bench/vacancy_match.py does);
- `tag_points`: those candidates, fetched by id, get their full score;
- `others`: the best of the rest, read only when the tagged cannot fill the page (their
  score, without tags, cannot exceed `max_rest`).

The page alone (`page_statement`, what the window waits for) reads fewer rows: the tagged
whose tags alone rank them among the first `end` are scored first; the `end`-th best score
among them is a bar nobody below it can make the page with, so of the other tagged only those
whose tags plus the best the rest can give reach the bar are read at all (a common nice-to-have
tag alone seldom does), and only the few over the bar are looked up in the small sets.
For a role with tags, match_page does the same with the tags counted in bytes instead of by
the GROUP BY (sooner); `page_statement` serves roles without tags or with too many of them.

The total (`count_statement`, a statement of its own so that the page does not wait for it)
counts everyone in one pass that needs nothing but the candidate's row, then corrects it over
the small sets: near fits, people left out (pipeline, withdrawn consent), and the tagged whose
tags lift them over the minimum.

The page's rows carry each criterion's state, so the explanation needs no second look.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from talentdesk.core.privacy.contactable import DNC_SQL, WITHDRAWN_IDS, withdrawn_sql
from talentdesk.core.vacancies.match_terms import Terms

# The columns of the page's rows, in order, before each criterion's state.
PAGE_COLUMNS = (
    "id", "score", "total", "first_name", "last_name", "title", "company", "city", "country",
    "seniority", "salary_min", "salary_max", "salary_currency", "notice_period",
    "available_from", "last_contact_at", "status", "consent_status", "consent_expires",
    "in_pipeline", "near_fit_for",
)  # fmt: skip


# Who was marked a near fit in a pool or on another vacancy than :vacancy.
NEAR_FITS = (
    "SELECT candidate_id FROM pool_membership WHERE near_fit"
    " UNION SELECT candidate_id FROM application WHERE near_fit AND vacancy_id <> :vacancy"
)


@dataclass(frozen=True)
class Options:
    limit: int
    offset: int
    pool_id: int | None
    include_in_pipeline: bool
    include_do_not_contact: bool
    min_score: int


def statement(
    terms: Terms, options: Options, *, with_total: bool = True
) -> tuple[str, dict[str, object]]:
    """The page's SQL and its parameters; the total in each row if asked (in the same
    statement it costs little more than its one pass over the rows)."""
    params = _params(terms, options)
    sql = _sets(terms, options) + _tag_points(terms, options) + _scores(terms, options)
    if with_total:
        sql += _counted(terms, options) + ","
    return sql + _page(terms, with_total), params


def page_statement(
    terms: Terms, options: Options, residents: bytes, near_fit: bytes
) -> tuple[str, dict[str, object]]:
    """The page's SQL and parameters without its total: the same rows as `statement`, fewer
    candidates read (see the module's docstring). `residents`, `near_fit`: `bitmap`s of the
    people the search index finds living in the role's city (`terms.residents()`) and of the
    near fits (`NEAR_FITS`)."""
    sql = _sets(terms, options) + _pruned(terms, options) + _others(terms, options)
    params = {**_params(terms, options), "residents_bits": residents, "near_fit_bits": near_fit,
              "residents": terms.residents(lazy=True)}  # fmt: skip
    return sql + _page(terms, False), params


def bitmap(ids: Iterable[int]) -> bytes:
    """Byte i is 1 for each id i given: a set `Terms.can_reach` reads with substr()."""
    found = list(ids)
    marks = bytearray(max(found, default=-1) + 1)
    for i in found:
        marks[i] = 1
    return bytes(marks)


def count_statement(terms: Terms, options: Options) -> tuple[str, dict[str, object]]:
    """The SQL and parameters of the total: how many candidates considered reach the
    minimum score."""
    sql = _sets(terms, options) + _tag_points(terms, options) + _scores(terms, options)
    return sql + _counted(terms, options) + "\nSELECT total FROM counted", _params(terms, options)


def _params(terms: Terms, options: Options) -> dict[str, object]:
    params = dict(terms.params)
    params.update(
        min_score=max(options.min_score, 1),  # score 0: nothing matched at all
        limit=options.limit,
        offset=options.offset,
        last=options.offset + options.limit - 1,
        end=options.offset + options.limit,
        pool=options.pool_id,
        max_rest=terms.max_rest(),
    )
    return params


def _filters(options: Options, *, tagged: bool = False) -> tuple[str, str]:
    """Who is considered: as read from the candidate's own row (or the pool's index), and
    that less the people left out by the small sets (pipeline, withdrawn consent).

    `tagged`: for the rows `c` of the tagged `t`, each condition naming `t`. A condition on
    `c` alone would let the planner (given statistics) build a Bloom filter over the whole
    candidate table before looking up a few thousand of its rows: a pass over every row."""
    who = "t.candidate_id" if tagged else "c.id"
    base = ["1"]
    if not options.include_do_not_contact:
        # withdrawn consent: left_out below
        base.append(f"(c.status <> {DNC_SQL} OR t.candidate_id IS NULL)" if tagged
                    else f"c.status <> {DNC_SQL}")  # fmt: skip
    if options.pool_id is not None:
        base.append(f"{who} IN (SELECT candidate_id FROM pool_membership WHERE pool_id = :pool)")
    kept = " AND ".join(base)
    if not (options.include_do_not_contact and options.include_in_pipeline):
        kept += f" AND {who} NOT IN (SELECT candidate_id FROM left_out)"
    return " AND ".join(base), kept


def _sets(terms: Terms, options: Options, tagged: str | None = None) -> str:
    """The role's tags counted per candidate (and the points they give), and the small sets
    looked up. `tagged`: the SQL of the tagged with their counts and points, given (the
    page alone counts the tags itself, core/vacancies/match_page.py)."""
    left_out = []
    if not options.include_do_not_contact:
        left_out.append("SELECT candidate_id FROM withdrawn")
    if not options.include_in_pipeline:
        left_out.append("SELECT candidate_id FROM pipeline")
    required, nice = "sum(w.required)", "(count(*) - sum(w.required))"  # counts: whole numbers
    if tagged is None:
        tagged = f"""
    SELECT ct.candidate_id AS candidate_id, {required} AS required, {nice} AS nice,
        {terms.tag_points(required, nice)} AS tags
    FROM wanted w JOIN candidate_tag ct ON ct.tag_id = w.tag_id GROUP BY ct.candidate_id"""
    return f"""
WITH wanted AS MATERIALIZED (
    SELECT tag_id, required FROM vacancy_tag WHERE vacancy_id = :vacancy),
tagged AS MATERIALIZED ({tagged}),
near_fit AS MATERIALIZED ({NEAR_FITS}),
consented AS MATERIALIZED (
    SELECT candidate_id, status, expires_at FROM consent
    WHERE id IN (SELECT max(id) FROM consent GROUP BY candidate_id)),
withdrawn AS MATERIALIZED ({WITHDRAWN_IDS}),
pipeline AS MATERIALIZED (SELECT candidate_id FROM application WHERE vacancy_id = :vacancy),
left_out AS MATERIALIZED ({" UNION ".join(left_out) or "SELECT NULL AS candidate_id WHERE 0"}),"""


def _tag_points(terms: Terms, options: Options) -> str:
    """The tagged, each with their points for tags and for the rest."""
    _, kept = _filters(options, tagged=True)
    return f"""
tag_points AS MATERIALIZED (
    SELECT c.id AS id, c.sort_name AS sort_name, t.required AS required, t.nice AS nice,
        t.tags AS tags, {terms.rest_points()} AS rest
    FROM tagged t JOIN candidate c ON c.id = t.candidate_id {_consent(terms)}
    WHERE {kept}),"""


def _consent(terms: Terms) -> str:
    return "LEFT JOIN consented k ON k.candidate_id = c.id" if terms.weighted("consent") else ""


def _scores(terms: Terms, options: Options) -> str:
    """The tagged scored in full and the best of the rest if needed."""
    return f"""
tag_scored AS NOT MATERIALIZED (
    SELECT id, sort_name, required, nice, CAST(round(tags + rest) AS INTEGER) AS score,
        CAST(round(rest) AS INTEGER) AS rest
    FROM tag_points),
tag_top AS MATERIALIZED (
    SELECT id, sort_name, required, nice, score FROM tag_scored WHERE score >= :min_score
    ORDER BY score DESC, sort_name, id LIMIT :end),{_others(terms, options)}"""


def _pruned(terms: Terms, options: Options) -> str:
    """The first `end` of the tagged, reading only those who can be among them: `level`, the
    tags' points of the `end`-th best tagged; `first`, everyone tagged that well, scored;
    `bar`, the `end`-th best score among them (kept people only), which the first `end` of all
    the tagged reach; `second`, the rest of the tagged who reach the bar, read only when their
    tags plus the most the rest can give them (`Terms.can_reach`) could, with a point to spare for
    rounding. People left out are looked up one by one, best first, until `end` are kept (the
    LIMIT in each ordered subquery keeps its order for the outer query: SQLite neither
    flattens it nor drops its ORDER BY)."""
    base, _ = _filters(options, tagged=True)
    consent = _consent(terms)
    score = f"CAST(round(t.tags + ({terms.rest_points()})) AS INTEGER)"
    return f"""
level AS MATERIALIZED (
    SELECT coalesce((SELECT tags FROM tagged ORDER BY tags DESC LIMIT 1 OFFSET :last), -1)
        AS level),
first AS MATERIALIZED (
    SELECT c.id AS id, c.sort_name AS sort_name, t.required AS required, t.nice AS nice,
        {score} AS score
    FROM level l CROSS JOIN tagged t CROSS JOIN candidate c {consent}
    WHERE t.tags >= l.level AND c.id = t.candidate_id AND {base}),
bar AS MATERIALIZED (
    SELECT max(:min_score, coalesce((SELECT score FROM (
        SELECT id, score FROM first ORDER BY score DESC LIMIT -1) f
        WHERE NOT ({_gone(options, "f")}) LIMIT 1 OFFSET :last), 0)) AS bar),
second AS MATERIALIZED (
    SELECT c.id AS id, c.sort_name AS sort_name, t.required AS required, t.nice AS nice,
        {score} AS score
    FROM level l CROSS JOIN bar b CROSS JOIN tagged t CROSS JOIN candidate c {consent}
    WHERE t.tags < l.level AND {terms.can_reach("b.bar - 1")}
        AND c.id = t.candidate_id AND {base} AND {score} >= b.bar),
tag_top AS MATERIALIZED (
    SELECT id, sort_name, required, nice, score FROM (
        SELECT * FROM first WHERE score >= (SELECT bar FROM bar) UNION ALL SELECT * FROM second
        ORDER BY score DESC, sort_name, id LIMIT -1
    ) x WHERE NOT ({_gone(options, "x")}) LIMIT :end),"""


def _gone(options: Options, alias: str) -> str:
    """Whether the row `alias` (its `id`) is of someone left out, looked up for that row."""
    parts = []
    if not options.include_do_not_contact:
        parts.append(withdrawn_sql(alias))
    if not options.include_in_pipeline:
        parts.append(f"{alias}.id IN (SELECT candidate_id FROM pipeline)")
    return " OR ".join(parts) or "0"


def _others(
    terms: Terms, options: Options, untagged: str = "c.id NOT IN (SELECT candidate_id FROM tagged)"
) -> str:
    """The best of those without any of the role's tags, read only when the tagged cannot
    fill the page."""
    _, kept = _filters(options)
    consent = _consent(terms)
    rest = terms.rest_points()
    return f"""
others AS MATERIALIZED (
    SELECT c.id AS id, c.sort_name AS sort_name, 0 AS required, 0 AS nice,
        CAST(round({rest}) AS INTEGER) AS score
    FROM (SELECT 1 WHERE coalesce((SELECT score FROM tag_top
                    ORDER BY score DESC LIMIT 1 OFFSET :last), -1) <= :max_rest) AS needed
    CROSS JOIN candidate c {consent}
    WHERE {kept} AND {untagged}
    ORDER BY score DESC, sort_name, id LIMIT :end),"""


def _counted(terms: Terms, options: Options) -> str:
    """Everyone counted in one pass over the rows, corrected over the small sets."""
    base, _ = _filters(options)
    consent = _consent(terms)
    rest, bare = terms.rest_points(), terms.rest_points(near_fit=False)
    return f"""
counted AS (SELECT
    (SELECT count(*) FROM candidate c {consent}
     WHERE :max_rest >= :min_score AND {base} AND {terms.rest_reaches(options.min_score)})
    + (SELECT count(*) FROM near_fit n JOIN candidate c ON c.id = n.candidate_id {consent}
       WHERE {base} AND round({rest}) >= :min_score AND round({bare}) < :min_score)
    - (SELECT count(*) FROM left_out x JOIN candidate c ON c.id = x.candidate_id {consent}
       WHERE {base} AND round({rest}) >= :min_score)
    + (SELECT count(*) FROM tag_scored WHERE score >= :min_score AND rest < :min_score)
    AS total)"""


def _page(terms: Terms, with_total: bool) -> str:
    """The page's rows: the candidate's columns and each criterion's state."""
    return f"""
page AS MATERIALIZED (
    SELECT * FROM (SELECT * FROM tag_top UNION ALL SELECT * FROM others)
    WHERE score >= :min_score ORDER BY score DESC, sort_name, id
    LIMIT :limit OFFSET :offset)
SELECT t.id, t.score, {"n.total" if with_total else "NULL"},
    c.first_name, c.last_name, c.title, c.company, c.city, c.country, c.seniority,
    c.salary_min, c.salary_max, c.salary_currency, c.notice_period, c.available_from,
    c.last_contact_at, c.status, k.status, k.expires_at,
    c.id IN (SELECT candidate_id FROM pipeline),
    (SELECT group_concat(name, char(30)) FROM (
        SELECT p.name AS name FROM pool_membership m JOIN pool p ON p.id = m.pool_id
        WHERE m.candidate_id = c.id AND m.near_fit
        UNION SELECT v.title FROM application a JOIN vacancy v ON v.id = a.vacancy_id
        WHERE a.candidate_id = c.id AND a.near_fit AND a.vacancy_id <> :vacancy))
    {"".join(f", {state}" for state in terms.states())}
FROM {"counted" if with_total else "(SELECT NULL)"} n
LEFT JOIN page t ON 1
LEFT JOIN candidate c ON c.id = t.id
LEFT JOIN consent k ON k.id = (SELECT max(id) FROM consent WHERE candidate_id = c.id)
ORDER BY t.score DESC, t.sort_name, t.id
"""
