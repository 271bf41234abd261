"""Each matching criterion as SQL over a candidate row `c` (and `t`, their counts of the role's
tags; `k`, their latest consent), in two forms:

- its *state*, for the page shown: 2 (match), 1 (partial), 0 (miss) or NULL (unknown);
- its *points*, for scoring everyone: the state times the criterion's share of 100, with
  unknown worth nothing. Kept as lean as the state allows, since it runs for every candidate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from talentdesk.core.db.datetimes import to_db
from talentdesk.core.normalize import sort_key
from talentdesk.core.vacancies.match_criteria import SENIORITY_ORDER, Place, Role

SOON_DAYS = 60  # available within this many days: a match
RECENT_DAYS = 182  # last contact within about six months: a match
LONG_AGO_DAYS = 730  # within two years: partial
SALARY_STRETCH = 1.1  # asking up to 10% above the band (or below it): partial
NO_CEILING = 1e13  # a band with a minimum only
TAGS = ("required_tags", "nice_tags")
# Looked up in a set rather than read from the candidate's row.
NEAR_FIT = "CASE WHEN c.id IN (SELECT candidate_id FROM near_fit) THEN {full} ELSE 0 END"

_RANK = (
    "CASE c.seniority "
    + " ".join(f"WHEN '{s.value}' THEN {i}" for i, s in enumerate(SENIORITY_ORDER))
    + " END"
)
_LOW = "coalesce(c.salary_min, c.salary_max)"
_HIGH = "coalesce(c.salary_max, c.salary_min)"


def applying(role: Role, place: Place | None) -> list[str]:
    """The criteria the role gives something to compare with."""
    keys = []
    if role.required:
        keys.append("required_tags")
    if role.nice:
        keys.append("nice_tags")
    if role.remote or place is not None:
        keys.append("location")
    if role.seniority is not None:
        keys.append("seniority")
    if role.has_band:
        keys.append("salary")
    return [*keys, "availability", "near_fit", "last_contact", "consent"]


@dataclass
class Terms:
    """The criteria that apply to one role, their SQL and the parameters it binds."""

    role: Role
    place: Place | None
    now: datetime
    params: dict[str, object] = field(default_factory=dict)
    # Points per unit of each criterion (a tag, or a step of the 0..2 state).
    coefficients: dict[str, float] = field(default_factory=dict)
    # For the page alone: near fits read from `:near_fit_bits` (a byte per candidate id, see
    # match_sql `bitmap`) rather than looked up in the `near_fit` set.
    bitmaps: bool = False

    def __post_init__(self) -> None:
        now = self.now
        self.params.update(
            vacancy=self.role.id,
            now=to_db(now),
            soon=(now + timedelta(days=SOON_DAYS)).date().isoformat(),
            recent=to_db(now - timedelta(days=RECENT_DAYS)),
            long_ago=to_db(now - timedelta(days=LONG_AGO_DAYS)),
        )
        keys = applying(self.role, self.place)
        weight = sum(self.role.weights[key] for key in keys)
        units = {"required_tags": len(self.role.required), "nice_tags": len(self.role.nice)}
        for key in keys:
            share = self.role.weights[key] / weight if weight else 0.0
            self.coefficients[key] = 100.0 * share / units.get(key, 2)
        if self.place is not None:
            self._bind("city", self.place.cities)
            self._bind("country", self.place.countries)
            if not self.place.looked_up:
                self.params["city_key"] = sort_key(self.place.city or "")
                self.params["country_key"] = sort_key(self.place.country or "")
        if self.role.seniority is not None:
            self.params["rank"] = SENIORITY_ORDER.index(self.role.seniority)
        if self.role.has_band:
            band_min, band_max = self.role.salary_min, self.role.salary_max
            self.params["currency"] = self.role.currency
            self.params["band_min"] = float(band_min or 0)
            self.params["band_max"] = float(band_max) if band_max is not None else NO_CEILING

    def weighted(self, key: str) -> bool:
        return self.coefficients.get(key, 0.0) > 0

    def max_rest(self) -> int:
        """The best score a candidate can reach without any of the role's tags."""
        rest = sum(2 * c for key, c in self.coefficients.items() if key not in TAGS)
        return math.ceil(rest)

    def residents(self, *, lazy: bool = False) -> str | None:
        """The search-index query finding everyone who can match on the role's city, when
        the others cannot get as much for location (see `can_reach`)."""
        if self.role.remote or self.place is None or self.place.city is None:
            return None
        if lazy and not self.place.looked_up:
            return self.place.residents
        return self.place.residents if self.weighted("location") else None

    def can_reach(self, bar: str) -> str:
        """Whether a tagged candidate `t` can score `bar` or more, as far as is known without
        reading their row: their tags plus the most the rest can give (`:max_rest`), less what
        they cannot get there: a match on the city needs them among the `residents`, a near
        fit among the `near_fit` (each set looked up only when it decides, in a bitmap by
        candidate id bound as `:residents_bits` / `:near_fit_bits`: a byte read, where a
        lookup in a set would search a tree for every tagged candidate)."""
        best = "t.tags + :max_rest"
        sets = self.reach_sets()
        found = [f"substr(:{name}_bits, t.candidate_id + 1, 1) = x'01'" for name, _ in sets]
        less = [f"{best} - {drop!r} >= {bar}" for _, drop in sets]
        if not sets:
            return f"{best} >= {bar}"
        if len(sets) == 1:
            return f"{best} >= {bar} AND ({less[0]} OR {found[0]})"
        either = sum(drop for _, drop in sets)
        return (
            f"{best} >= {bar} AND ({best} - {either!r} >= {bar} OR CASE WHEN {found[0]}"
            f" THEN {less[1]} OR {found[1]} ELSE {less[0]} AND {found[1]} END)"
        )

    def reach_sets(self) -> list[tuple[str, float]]:
        """The sets `can_reach` looks candidates up in (`residents`, `near_fit`), each with
        the points someone outside it cannot get."""
        sets: list[tuple[str, float]] = []
        if self.residents() is not None:
            # elsewhere: the country at best (half), or nothing when the role has no country
            steps = 1 if self.place is not None and self.place.countries else 2
            sets.append(("residents", self.coefficients["location"] * steps))
        if self.weighted("near_fit"):
            sets.append(("near_fit", 2 * self.coefficients["near_fit"]))
        return sets

    def tag_value(self, required: int, nice: int) -> float:
        """`tag_points` for these counts, computed as SQLite does."""
        counts = dict(zip(TAGS, (required, nice), strict=True))
        parts = [counts[k] * self.coefficients[k] for k in TAGS if self.weighted(k)]
        value: float = 0
        for i, part in enumerate(parts):
            value = part if i == 0 else value + part
        return value

    # -- points: what everyone is scored with ----------------------------------------------
    def tag_points(self, required: str = "t.required", nice: str = "t.nice") -> str:
        """Points for the role's tags (`t` joined: never NULL), or for the counts given."""
        counts = dict(zip(TAGS, (required, nice), strict=True))
        parts = [f"{counts[k]} * {self.coefficients[k]!r}" for k in TAGS if self.weighted(k)]
        return " + ".join(parts) or "0"

    def rest_points(self, *, near_fit: bool = True) -> str:
        """Points for everything but the tags; without the near-fit lookup if asked (the
        count adds it for the few near fits instead of looking everyone up)."""
        parts = []
        for key, coefficient in self.coefficients.items():
            if key in TAGS or coefficient <= 0 or (key == "near_fit" and not near_fit):
                continue
            full, half = repr(2 * coefficient), repr(coefficient)
            parts.append(self._points(key, full, half))
        return " + ".join(parts) or "0"

    def rest_reaches(self, min_score: int) -> str:
        """Whether the points `rest_points(near_fit=False)` give reach `min_score`.

        Scoring at least 1 (the default) is scoring anything at all when every criterion's
        smallest step rounds to a point or more: then it is asked criterion by criterion, and
        SQLite stops at the first that gives something instead of adding all of them up."""
        steps = [c for key, c in self.coefficients.items() if key not in TAGS and key != "near_fit"]
        if min_score <= 1 and all(c >= 0.5 for c in steps if c > 0):
            parts = [
                f"({self._points(key, '1', '1')}) > 0"
                for key, c in self.coefficients.items()
                if key not in TAGS and key != "near_fit" and c > 0
            ]
            return "(" + " OR ".join(parts) + ")" if parts else "0"
        return f"round({self.rest_points(near_fit=False)}) >= :min_score"

    def _points(self, key: str, full: str, half: str) -> str:
        if key == "location":
            return self._location(full, half, "0")
        if key == "seniority":
            assert self.role.seniority is not None
            rank = SENIORITY_ORDER.index(self.role.seniority)
            near = [s.value for i, s in enumerate(SENIORITY_ORDER) if abs(i - rank) == 1]
            halves = "".join(f" WHEN '{value}' THEN {half}" for value in near)
            same = SENIORITY_ORDER[rank].value
            return f"CASE c.seniority WHEN '{same}' THEN {full}{halves} ELSE 0 END"
        if key == "salary":
            return (
                f"CASE WHEN c.salary_currency = :currency THEN CASE"
                f" WHEN {_LOW} <= :band_max AND {_HIGH} >= :band_min THEN {full}"
                f" WHEN {_LOW} <= :band_max * {SALARY_STRETCH!r} THEN {half} ELSE 0 END ELSE 0 END"
            )
        if key == "availability":
            return (
                f"CASE WHEN c.available_from <= :soon THEN {full} WHEN c.available_from IS NULL"
                f" AND c.notice_period <> '' THEN {full} ELSE 0 END"
            )
        if key == "near_fit":
            return self._near_fit(full)
        if key == "last_contact":
            return (
                f"CASE WHEN c.last_contact_at >= :recent THEN {full}"
                f" WHEN c.last_contact_at >= :long_ago THEN {half} ELSE 0 END"
            )
        assert key == "consent"
        return (
            f"CASE WHEN k.status = 'given' AND (k.expires_at IS NULL OR k.expires_at >= :now)"
            f" THEN {full} WHEN k.status = 'pending' THEN {half} ELSE 0 END"
        )

    # -- states: what the page shows -------------------------------------------------------
    def states(self) -> list[str]:
        """Each criterion's state (tags: how many the candidate has), in `coefficients`
        order."""
        return [self._state(key) for key in self.coefficients]

    def _state(self, key: str) -> str:
        if key in TAGS:
            return f"coalesce(t.{key[:-5]}, 0)"
        if key == "location":
            return self._location("2", "1", "NULL")
        if key == "seniority":
            return (
                f"CASE WHEN c.seniority IS NULL THEN NULL ELSE CASE abs(({_RANK}) - :rank)"
                " WHEN 0 THEN 2 WHEN 1 THEN 1 ELSE 0 END END"
            )
        if key == "salary":
            return (
                f"CASE WHEN {_LOW} IS NULL OR c.salary_currency IS NOT :currency THEN NULL"
                f" WHEN {_LOW} <= :band_max AND {_HIGH} >= :band_min THEN 2"
                f" WHEN {_LOW} <= :band_max * {SALARY_STRETCH!r} THEN 1 ELSE 0 END"
            )
        if key == "availability":
            return (
                "CASE WHEN c.available_from IS NOT NULL THEN"
                " CASE WHEN c.available_from <= :soon THEN 2 ELSE 0 END"
                " WHEN c.notice_period <> '' THEN 2 END"
            )
        if key == "near_fit":
            return self._near_fit("2")
        if key == "last_contact":
            return (
                "CASE WHEN c.last_contact_at IS NULL THEN NULL WHEN c.last_contact_at >= :recent"
                " THEN 2 WHEN c.last_contact_at >= :long_ago THEN 1 ELSE 0 END"
            )
        assert key == "consent"
        return (
            "CASE WHEN k.status = 'given' AND (k.expires_at IS NULL OR k.expires_at >= :now)"
            " THEN 2 WHEN k.status = 'pending' THEN 1 WHEN k.status IS NOT NULL THEN 0 END"
        )

    def _location(self, full: str, half: str, unknown: str) -> str:
        """Remote: everyone matches. Else the role's city, then its country (a role named by
        its country alone: anywhere in it is a match)."""
        if self.role.remote:
            return full
        assert self.place is not None
        cases = []
        if not self.place.looked_up:
            cases += self._spelled(full, half)
        elif self.place.cities:
            cases.append(f"WHEN c.city IN ({self._names('city')}) THEN {full}")
        if self.place.countries:
            level = half if self.place.city is not None else full
            names = self._names("country")
            cases.append(f"WHEN c.country COLLATE NOCASE IN ({names}) THEN {level}")
        if unknown != "0":
            cases.append(f"WHEN c.city IS NULL AND c.country IS NULL THEN {unknown}")
        return f"CASE {' '.join(cases)} ELSE 0 END" if cases else "0"

    def _spelled(self, full: str, half: str) -> list[str]:
        """`_location` when the spellings were not looked up: the role's city is any spelling
        that folds to the same text among the residents (`:residents_bits`, whom the search
        index finds); its country is the name given, or one that folds to it and that someone
        living in the city gives (rare: looked up for that candidate only). What the spellings
        looked up beforehand (matching `_place`) give."""
        variant = (
            "EXISTS (SELECT 1 FROM candidate_fts f JOIN candidate x ON x.search_key = f.rowid"
            " WHERE candidate_fts MATCH :residents AND x.country = c.country COLLATE NOCASE"
            " AND td_fold(x.city) = :city_key)"
        )
        return [
            f"WHEN substr(:residents_bits, c.id + 1, 1) = x'01'"
            f" AND td_fold(c.city) = :city_key THEN {full}",
            f"WHEN c.country COLLATE NOCASE = :country0 THEN {half}",
            f"WHEN td_fold(c.country) = :country_key AND {variant} THEN {half}",
        ]

    def _near_fit(self, full: str) -> str:
        if self.bitmaps:
            return f"CASE WHEN substr(:near_fit_bits, c.id + 1, 1) = x'01' THEN {full} ELSE 0 END"
        return NEAR_FIT.format(full=full)

    def _bind(self, prefix: str, values: tuple[str, ...]) -> None:
        for i, value in enumerate(values):
            self.params[f"{prefix}{i}"] = value

    def _names(self, prefix: str) -> str:
        count = len(self.place.cities if prefix == "city" else self.place.countries)  # type: ignore[union-attr]
        return ", ".join(f":{prefix}{i}" for i in range(count))
