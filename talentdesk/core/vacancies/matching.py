"""Who fits a vacancy: every candidate scored in SQL against the role's tags, place, seniority,
salary band and the rest, best first, each score explained criterion by criterion.

Qt-free and shared by the command line, the window and (later) metrics. Reads go through a
read session; only the weights are written, on the write path.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from talentdesk.core.clock import Clock, utcnow
from talentdesk.core.db.enums import CandidateStatus, RemotePolicy
from talentdesk.core.db.models import Tag, Vacancy, VacancyTag
from talentdesk.core.db.sessions import Sessions, writes
from talentdesk.core.errors import NotFoundError, ValidationError
from talentdesk.core.folding import CURRENT_FOLD
from talentdesk.core.lists.fold_function import register_fold
from talentdesk.core.normalize import sort_key
from talentdesk.core.ops.changes import Changes
from talentdesk.core.vacancies.match_criteria import (
    DEFAULT_WEIGHTS,
    LABELS,
    Criterion,
    Match,
    MatchPage,
    Place,
    Role,
    stored_weights,
    valid_weights,
)
from talentdesk.core.vacancies.match_explain import Facts, explain
from talentdesk.core.vacancies.match_page import page_rows
from talentdesk.core.vacancies.match_sql import (
    NEAR_FITS,
    PAGE_COLUMNS,
    Options,
    bitmap,
    count_statement,
    page_statement,
    statement,
)
from talentdesk.core.vacancies.match_terms import Terms, applying

__all__ = ["DEFAULT_WEIGHTS", "Criterion", "Match", "MatchPage", "Matcher", "match_as_json"]

MAX_LIMIT = 1000
_ANYWHERE = frozenset({"remote", "anywhere", "fully remote", "remote only"})
_WORD = re.compile(r"\w+", re.UNICODE)
_FOLD = str.maketrans(CURRENT_FOLD)
_MISSING = {
    "location": "No location on this vacancy (and it is not remote)",
    "seniority": "No seniority on this vacancy",
    "salary": "No salary band with a currency on this vacancy",
}


class Matcher:
    def __init__(self, sessions: Sessions, clock: Clock = utcnow) -> None:
        self._sessions = sessions
        self._clock = clock

    def match(
        self,
        vacancy_id: int,
        *,
        limit: int = 50,
        offset: int = 0,
        pool_id: int | None = None,
        include_in_pipeline: bool = False,
        include_do_not_contact: bool = False,
        min_score: int = 0,
        with_total: bool = True,
    ) -> MatchPage:
        """A page of the candidates who fit the vacancy best (score, then name), each with
        the explanation of their score. Do-not-contact people (and those who withdrew their
        consent) and people already in the vacancy's pipeline are left out unless asked for,
        then flagged; `pool_id` looks only at that pool's members. `min_score`: the lowest
        score listed and counted in `total` (nobody scoring 0 is, whatever it is).

        `with_total=False`: the page alone, sooner, `total` None (`count` gives it)."""
        options = _options(limit, offset, pool_id, include_in_pipeline, include_do_not_contact,
                           min_score)  # fmt: skip
        now = self._clock()
        with self._sessions() as session:
            role, place, terms, notes = _prepared(session, vacancy_id, now, alone=not with_total)
            if terms is None:
                return MatchPage(vacancy_id, 0, (), role.weights, notes)
            if with_total:
                sql, params = statement(terms, options, with_total=True)
                rows: list[Any] = list(session.execute(text(sql), params).all())
            else:
                rows = _page_alone(session, terms, options)
            found = [_columns(row, list(terms.coefficients)) for row in rows if row[0] is not None]
            tags = _page_tags(session, vacancy_id, [row["id"] for row, _ in found])
        matches = tuple(
            _match(Facts(row, values, tags[row["id"]], now), role, place, terms.coefficients)
            for row, values in found
        )
        total = (int(rows[0][2]) if rows else 0) if with_total else None
        return MatchPage(vacancy_id, total, matches, role.weights, notes)

    def count(
        self,
        vacancy_id: int,
        *,
        pool_id: int | None = None,
        include_in_pipeline: bool = False,
        include_do_not_contact: bool = False,
        min_score: int = 0,
    ) -> int:
        """How many candidates `match` with the same options would list in all (its
        `total`), counted apart so that the first page need not wait for it."""
        options = _options(50, 0, pool_id, include_in_pipeline, include_do_not_contact,
                           min_score)  # fmt: skip
        with self._sessions() as session:
            _, _, terms, _ = _prepared(session, vacancy_id, self._clock())
            return 0 if terms is None else _total(session, terms, options)

    def weights(self, vacancy_id: int) -> dict[str, int]:
        """The vacancy's matching weights by criterion (the defaults unless changed)."""
        with self._sessions() as session:
            return stored_weights(_vacancy(session, vacancy_id).match_weights)

    @writes("setting a vacancy's matching weights")
    def set_weights(self, vacancy_id: int, weights: Mapping[str, int] | None) -> None:
        """Weigh the criteria for this vacancy (None: back to the defaults); criteria not
        given keep their default. Raises ValidationError for an unknown criterion or a weight
        that is not a whole number from 0 to 100."""
        chosen = None if weights is None else valid_weights(weights)
        with self._sessions.begin() as session:
            _vacancy(session, vacancy_id).match_weights = chosen
            self._sessions.changed(Changes(vacancies=True))


def match_as_json(page: MatchPage) -> dict[str, Any]:
    """The page as JSON-able data, each match with its explanation (what the CLI prints)."""
    data = asdict(page)
    for match in data["matches"]:
        for criterion in match["criteria"]:
            criterion["points"] = round(criterion["points"], 1)
    return data


def _options(
    limit: int,
    offset: int,
    pool_id: int | None,
    include_in_pipeline: bool,
    include_do_not_contact: bool,
    min_score: int,
) -> Options:
    problems = {}
    if not 1 <= limit <= MAX_LIMIT:
        problems["limit"] = f"from 1 to {MAX_LIMIT:,}"
    if offset < 0:
        problems["offset"] = "0 or more"
    if not 0 <= min_score <= 100:
        problems["min_score"] = "from 0 to 100"
    if problems:
        raise ValidationError(problems)
    return Options(limit, offset, pool_id, include_in_pipeline, include_do_not_contact, min_score)


def _prepared(
    session: Session, vacancy_id: int, now: datetime, *, alone: bool = False
) -> tuple[Role, Place | None, Terms | None, tuple[str, ...]]:
    """The role, where it is, its terms (None: nothing to rank on) and the notes shown.

    `alone`: for the page without its total, which reads few candidates: the spellings of a
    city named with its country are left for the statement to find as it reads them."""
    role = _role(session, vacancy_id)
    lazy = alone and bool(role.required or role.nice)  # without tags everyone is read
    place = None if role.remote or not role.location else _place(session, role.location, lazy)
    if place is not None and not place.looked_up:
        raw = session.connection().connection.dbapi_connection
        assert isinstance(raw, sqlite3.Connection)
        register_fold(raw)
    notes = _notes(role, place)
    terms = Terms(role, place, now, bitmaps=alone)
    if not any(terms.weighted(key) for key in terms.coefficients):
        notes += ("Every criterion that applies weighs 0: there is nothing to rank on.",)
        return role, place, None, notes
    return role, place, terms, notes


def _page_alone(session: Session, terms: Terms, options: Options) -> list[Any]:
    """The page's rows without its total (match_page; `page_statement` when the tags cannot
    be counted in bytes)."""
    raw = session.connection().connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)
    residents, near_fit = _bitmaps(session, terms)
    rows = page_rows(raw, terms, options, residents, near_fit)
    if rows is None:  # no tags (or too many to count in bytes)
        sql, params = page_statement(terms, options, residents, near_fit)
        rows = list(session.execute(text(sql), params).all())
    return rows


def _bitmaps(session: Session, terms: Terms) -> tuple[bytes, bytes]:
    """Who lives in the role's city as the search index finds them, and the near fits, as
    `page_statement` takes them (thousands of ids: read as one text through the driver)."""
    raw = session.connection().connection.dbapi_connection
    assert raw is not None

    def ids(sql: str, params: object) -> bytes:
        (found,) = raw.execute(f"SELECT group_concat(candidate_id) FROM ({sql})", params)
        return bitmap(map(int, found[0].split(","))) if found[0] else b""

    query = terms.residents(lazy=True)
    found = (
        "SELECT c.id AS candidate_id FROM candidate_fts f JOIN candidate c"
        " INDEXED BY ix_candidate_search_key ON c.search_key = f.rowid WHERE candidate_fts MATCH ?"
    )
    residents = b"" if query is None else ids(found, (query,))
    near_fit = b""
    if terms.bitmaps or terms.weighted("near_fit"):  # the page's chips show near fits anyway
        near_fit = ids(NEAR_FITS, {"vacancy": terms.role.id})
    return residents, near_fit


def _total(session: Session, terms: Terms, options: Options) -> int:
    sql, params = count_statement(terms, options)
    return int(session.execute(text(sql), params).scalar_one())


def _vacancy(session: Session, vacancy_id: int) -> Vacancy:
    vacancy = session.get(Vacancy, vacancy_id)
    if vacancy is None:
        raise NotFoundError(f"Vacancy {vacancy_id} does not exist (it may have been deleted).")
    return vacancy


def _role(session: Session, vacancy_id: int) -> Role:
    vacancy = _vacancy(session, vacancy_id)
    wanted = session.execute(
        select(VacancyTag.tag_id, Tag.name, VacancyTag.required)
        .join(Tag, Tag.id == VacancyTag.tag_id)
        .where(VacancyTag.vacancy_id == vacancy_id)
        .order_by(Tag.name, Tag.id)
    ).all()
    location = (vacancy.location or "").strip() or None
    currency = (vacancy.salary_currency or "").strip().upper() or None
    return Role(
        id=vacancy.id,
        title=vacancy.title,
        required=tuple((t, name) for t, name, required in wanted if required),
        nice=tuple((t, name) for t, name, required in wanted if not required),
        location=location,
        # "Remote" typed as the location means what the policy would.
        remote=vacancy.remote_policy is RemotePolicy.REMOTE
        or sort_key(location or "") in _ANYWHERE,
        seniority=vacancy.seniority,
        salary_min=vacancy.salary_min,
        salary_max=vacancy.salary_max,
        currency=currency,
        weights=stored_weights(vacancy.match_weights),
    )


def _place(session: Session, location: str, lazy: bool = False) -> Place:
    """Where the role is, with every spelling candidates use for its city and country.

    "Kraków, Poland" names both; "Kraków" alone takes the country most of the people living
    there give; "Poland" alone (nobody lives in a city of that name) is a role anywhere in the
    country. The spellings of the city are found through the search index (it folds accents,
    so "Krakow" finds "Kraków") among the people living there, not by reading everyone."""
    parts = [part.strip() for part in location.split(",") if part.strip()]
    named, country = parts[0], (parts[-1] if len(parts) > 1 else None)
    city: str | None = named
    words = _WORD.findall(named.translate(_FOLD))
    query = f'city : "{" ".join(words)}"' if words else None
    if lazy and country is not None and query is not None:
        return Place(named, country, (), (country,), query, looked_up=False)
    pairs: list[tuple[str | None, str | None]] = []
    if query is not None:
        pairs = [
            (c, k)
            for c, k in session.execute(
                text(
                    "SELECT DISTINCT c.city, c.country FROM candidate_fts f"
                    " JOIN candidate c ON c.search_key = f.rowid WHERE candidate_fts MATCH :query"
                ),
                {"query": query},
            )
        ]
    cities = tuple(sorted({c for c, _ in pairs if c and sort_key(c) == sort_key(named)}))
    countries = {k for c, k in pairs if k and c in cities}
    if country is None and countries:
        country = min(countries, key=lambda k: (-sum(1 for _, kk in pairs if kk == k), k))
    elif country is None and not cities and _is_country(session, named):
        city, country = None, named  # a country, not a city
    spellings: tuple[str, ...] = ()
    if country is not None:
        folded = sort_key(country)
        spellings = tuple(sorted({country} | {k for k in countries if sort_key(k) == folded}))
    return Place(city, country, cities, spellings, query if city is not None else None)


def _is_country(session: Session, name: str) -> bool:
    found = session.execute(
        text("SELECT 1 FROM candidate WHERE country = :name COLLATE NOCASE LIMIT 1"),
        {"name": name},
    )
    return found.first() is not None


def _notes(role: Role, place: Place | None) -> tuple[str, ...]:
    """What the vacancy gives nothing to compare with (left out of the score)."""
    keys = applying(role, place)
    notes = []
    if not role.required and not role.nice:
        rest = [LABELS[k].lower() for k in keys if role.weights[k] > 0]
        on = ", ".join(rest[:-1]) + f" and {rest[-1]}" if len(rest) > 1 else "".join(rest)
        notes.append(f"This vacancy has no tags: matching on {on} only.")
    elif not role.required:
        notes.append("This vacancy has no required tags: only its nice-to-have tags count.")
    elif not role.nice:
        notes.append("This vacancy has no nice-to-have tags: left out of the score.")
    for key, why in _MISSING.items():
        if key not in keys:
            notes.append(f"{why}: {LABELS[key].lower()} is left out of the score.")
    return tuple(notes)


def _page_tags(session: Session, vacancy_id: int, ids: list[int]) -> dict[int, set[int]]:
    """Which of the vacancy's tags each candidate of the page has."""
    have: dict[int, set[int]] = defaultdict(set)
    if ids:
        marks = ", ".join(str(int(i)) for i in ids)
        for candidate_id, tag_id in session.execute(
            text(
                "SELECT ct.candidate_id, ct.tag_id FROM candidate_tag ct"
                " JOIN vacancy_tag vt ON vt.tag_id = ct.tag_id AND vt.vacancy_id = :vacancy"
                f" WHERE ct.candidate_id IN ({marks})"
            ),
            {"vacancy": vacancy_id},
        ):
            have[candidate_id].add(tag_id)
    return have


def _columns(row: Any, keys: list[str]) -> tuple[dict[str, Any], dict[str, int | None]]:
    """A page row as its columns by name, and each criterion's state by key."""
    named = dict(zip(PAGE_COLUMNS, row[: len(PAGE_COLUMNS)], strict=True))
    states = dict(zip(keys, row[len(PAGE_COLUMNS) :], strict=True))
    return named, states


def _match(facts: Facts, role: Role, place: Place | None, coefficients: dict[str, float]) -> Match:
    row = facts.row
    withdrawn = row["consent_status"] == "withdrawn"
    return Match(
        candidate_id=row["id"],
        name=f"{row['first_name']} {row['last_name']}".strip(),
        title=row["title"],
        company=row["company"],
        city=row["city"],
        score=int(row["score"]),
        in_pipeline=bool(row["in_pipeline"]),
        do_not_contact=row["status"] == CandidateStatus.DO_NOT_CONTACT.value or withdrawn,
        criteria=explain(facts, role, place, coefficients),
    )
