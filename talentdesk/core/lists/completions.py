"""What the search box offers while a word is typed: field names, then values read from the
database (tags after `tag:` / `skill:`…, cities after `city:`, pool names after `pool:`)."""

from __future__ import annotations

from talentdesk.core.db.enums import CandidateStatus, Seniority, StageKind
from talentdesk.core.db.reader import ReadConnection, on_server
from talentdesk.core.lists.sql import FOLD, fold, prepare
from talentdesk.core.lists.syntax import FIELDS, FLAGS, TAG_FIELDS
from talentdesk.core.privacy.consent_state import ConsentState
from talentdesk.core.search import fts_words

LIMIT = 20
_FIXED: dict[str, tuple[str, ...]] = {
    "stage": tuple(k.value for k in StageKind),
    "ever": tuple(k.value for k in StageKind),
    "never": tuple(k.value for k in StageKind),
    "status": tuple(s.value for s in CandidateStatus),
    "seniority": tuple(s.value for s in Seniority),
    "consent": tuple(c.value for c in ConsentState),
    "has": ("email",),
    "no": ("email",),
    "contact": ("never", "30d", "3m", "6m", "12m"),
    "quiet": ("3m", "6m", "12m"),
    "since": ("30d", "3m", "6m", "12m", "1y"),
    "retention": ("due",),
}


def token(field: str, value: str) -> str:
    """`field:value`, the value quoted when it holds a space or a comma."""
    quoted = f'"{value}"' if any(ch.isspace() or ch == "," for ch in value) else value
    return f"{field}:{quoted}"


def completions(prefix: str, reader: ReadConnection) -> list[str]:
    """Whole words that complete `prefix` (the word being typed), best first."""
    field, colon, typed = prefix.partition(":")
    if not colon:
        start = prefix.lower()
        names = [f"{name}:" for name in FIELDS] + [f for f in FLAGS if not f.startswith("-")]
        return [n for n in names if n.startswith(start) and n != start][:LIMIT]
    name = field.lower()
    base = name.removeprefix("-")
    typed = typed.lstrip('"')
    if base in _FIXED:
        return [token(field, v) for v in _FIXED[base] if v.startswith(typed.lower())]
    values = _values(reader, base, typed)
    return [token(field, v) for v in values][:LIMIT]


def _values(reader: ReadConnection, name: str, typed: str) -> list[str]:
    prepare(reader)
    like = (fold(typed) or "").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = like + "%"
    if name in TAG_FIELDS:
        category = TAG_FIELDS[name]
        sql = f"SELECT DISTINCT name FROM tag WHERE {FOLD}(name) LIKE ? ESCAPE '\\'"
        params: list[object] = [pattern]
        if category is not None:
            sql += " AND category = ?"
            params.append(category.value)
        return [r[0] for r in reader.execute(sql + f" ORDER BY name LIMIT {LIMIT}", params)]
    if name == "pool":
        sql = f"SELECT name FROM pool WHERE {FOLD}(name) LIKE ? ESCAPE '\\' ORDER BY name"
        return [r[0] for r in reader.execute(sql, [pattern])]
    if name == "city":
        return _cities(reader, typed, pattern)
    if name in ("country", "source"):
        sql = (
            f"SELECT {name} FROM candidate WHERE {name} IS NOT NULL"
            f" AND {FOLD}({name}) LIKE ? ESCAPE '\\' GROUP BY {name}"
            f" ORDER BY count(*) DESC LIMIT {LIMIT}"
        )
        return [r[0] for r in reader.execute(sql, [pattern])]
    return []


def _cities(reader: ReadConnection, typed: str, pattern: str) -> list[str]:
    """Cities starting with what is typed, the most common first; found through the search
    index (a prefix of the city column), not by reading every candidate."""
    words = fts_words(typed)
    if on_server(reader) and words:  # its search index has no columns: the city itself
        sql = (
            f"SELECT city FROM candidate WHERE {FOLD}(city) LIKE ? ESCAPE '\\'"
            f" GROUP BY city ORDER BY count(*) DESC LIMIT {LIMIT}"
        )
        return [r[0] for r in reader.execute(sql, [pattern])]
    if not words:
        sql = (
            "SELECT city FROM candidate WHERE city IS NOT NULL AND city <> '' GROUP BY city"
            f" ORDER BY count(*) DESC LIMIT {LIMIT}"
        )
        return [r[0] for r in reader.execute(sql)]
    match = 'city : ^ "' + " ".join(words) + '"*'
    sql = (
        "SELECT c.city FROM candidate_fts f JOIN candidate c ON c.search_key = f.rowid"
        f" WHERE candidate_fts MATCH ? AND {FOLD}(c.city) LIKE ? ESCAPE '\\'"
        f" GROUP BY c.city ORDER BY count(*) DESC LIMIT {LIMIT}"
    )
    return [r[0] for r in reader.execute(sql, [match, pattern])]
