"""Which CSV column feeds which candidate field: guesses from header names in several
languages, and presets for the exports recruiters bring (LinkedIn, Google, Outlook, TalentDesk).

A target is a string:
- a candidate field (`first_name`, `email`, `linkedin_url`, …),
- `full_name` (split into first and last name), `other_emails` (added to the other e-mails),
- `tags:CATEGORY` (the cell split on `;` or `,` into tags of that category), `tags` (cells in
  TalentDesk's own `category:name; …` form),
- `pools`, `stage`, `near_fit`: the pools the candidate joins, at which stage, flagged a near fit
  or not (csvio.memberships reads the forms TalentDesk's export writes),
- `notes+` (appended to the notes under the column's name), or `ignore`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from talentdesk.core.csvio.column_values import VAGUE_HEADERS, column_kind, columns_of
from talentdesk.core.db.enums import TagCategory
from talentdesk.core.folding import CURRENT_FOLD

IGNORE = "ignore"
APPEND_NOTES = "notes+"

FIELDS: tuple[str, ...] = (
    "first_name",
    "last_name",
    "full_name",
    "email",
    "other_emails",
    "phone",
    "city",
    "country",
    "title",
    "company",
    "seniority",
    "industry",
    "linkedin_url",
    "source",
    "status",
    "notice_period",
    "salary_min",
    "salary_max",
    "salary_currency",
    "available_from",
    "birthday",
    "notes",
)
TARGETS: tuple[str, ...] = (
    *FIELDS,
    "tags",
    *(f"tags:{c.value}" for c in TagCategory),
    "pools",
    "stage",
    "near_fit",
    APPEND_NOTES,
    IGNORE,
)

# Header names (folded: lower case, no diacritics, letters and digits only) → target.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "first_name": ("firstname", "givenname", "first", "imie", "vorname", "prenom", "nombre"),
    "last_name": ("lastname", "familyname", "surname", "nazwisko", "nachname", "nom"),
    "full_name": ("name", "fullname", "displayname", "imieinazwisko", "kandydat"),
    "email": (
        "email", "emailaddress", "email1value", "mail", "emailadresse", "adresemail",
        "primaryemail", "workemail",
    ),
    "other_emails": (
        "otheremails", "email2value", "email3value", "email2address", "email3address",
    ),
    "phone": (
        "phone", "phonenumber", "mobile", "mobilephone", "phone1value", "businessphone",
        "telefon", "tel", "telephone", "numertelefonu", "handy",
    ),
    "company": (
        "company", "organization", "organisation", "organization1name", "firma", "employer",
        "unternehmen", "currentcompany",
    ),
    "title": (
        "title", "position", "jobtitle", "organization1title", "stanowisko", "role",
        "currenttitle", "berufsbezeichnung",
    ),
    "city": ("city", "miasto", "stadt", "businesscity", "homecity", "ort", "town"),
    "country": ("country", "kraj", "land", "businesscountryregion", "countryregion"),
    "linkedin_url": (
        "linkedin", "linkedinurl", "linkedinprofile", "profileurl", "linkedinprofileurl",
    ),
    "seniority": ("seniority", "level", "poziom"),
    "industry": ("industry", "branza", "branche", "sector"),
    "source": ("source", "zrodlo", "quelle"),
    "status": ("status",),
    "notice_period": ("noticeperiod", "okreswypowiedzenia", "kundigungsfrist"),
    "salary_min": ("salarymin", "minsalary"),
    "salary_max": ("salarymax", "maxsalary"),
    "salary_currency": ("salarycurrency", "currency", "waluta"),
    "available_from": ("availablefrom", "dostepnyod"),
    "birthday": ("birthday", "dateofbirth", "urodziny", "geburtstag", "birthdate"),
    "notes": ("notes", "note", "comments", "uwagi", "notizen", "notatki"),
    "tags": ("tags",),
    "pools": ("pools", "pool", "pule", "pula"),
    "stage": ("stage", "etap", "stufe", "pipelinestage"),
    "near_fit": ("nearfit", "nearmiss"),
    "tags:skill": ("skills", "skill", "umiejetnosci", "kompetencje", "fahigkeiten"),
    "tags:industry": ("industries",),
    "tags:location": ("locations",),
}  # fmt: skip
_LOOKUP = {alias: target for target, aliases in _SYNONYMS.items() for alias in aliases}

# Presets: header (folded) → target, for exports whose headers mean something specific.
PRESETS: dict[str, dict[str, str]] = {
    "linkedin": {
        "firstname": "first_name",
        "lastname": "last_name",
        "url": "linkedin_url",
        "emailaddress": "email",
        "company": "company",
        "position": "title",
        "connectedon": APPEND_NOTES,
    },
    "google": {
        "name": IGNORE,  # Given Name and Family Name carry it
        "givenname": "first_name",
        "familyname": "last_name",
        "email1value": "email",
        "email2value": "other_emails",
        "email3value": "other_emails",
        "phone1value": "phone",
        "organization1name": "company",
        "organization1title": "title",
        "birthday": "birthday",
        "notes": "notes",
    },
    "outlook": {
        "firstname": "first_name",
        "lastname": "last_name",
        "emailaddress": "email",
        "email2address": "other_emails",
        "email3address": "other_emails",
        "mobilephone": "phone",
        "businessphone": "phone",
        "company": "company",
        "jobtitle": "title",
        "businesscity": "city",
        "businesscountryregion": "country",
        "birthday": "birthday",
        "notes": "notes",
    },
    "talentdesk": {},  # TalentDesk's own headers are covered by the synonyms
}
PRESET_NAMES = ("auto", *PRESETS)


_FOLD = str.maketrans(CURRENT_FOLD)


def fold_header(header: str) -> str:
    text = unicodedata.normalize("NFKD", header.translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return re.sub(r"[^a-z0-9]", "", text)


def guess_mapping(
    header: list[str], preset: str = "auto", rows: Sequence[Sequence[str]] = ()
) -> list[str]:
    """A target for every column; a field already taken by an earlier column is not given twice
    (except the targets that collect several columns).

    With sample `rows` (the first rows of the file), a column whose header names no field for
    certain (unknown, or vague such as "URL" or "Contact") and whose values are mostly LinkedIn
    profile links, e-mail addresses or phone numbers maps to that field. A header that names
    the field wins over values: value guesses only take fields no header took.
    """
    table = PRESETS.get(preset, {})
    named: list[str | None] = []  # what the header says for certain
    for name in header:
        folded = fold_header(name)
        named.append(
            table.get(folded) or (None if folded in VAGUE_HEADERS else _LOOKUP.get(folded))
        )
    by_values = _by_values(header, named, rows)
    taken = {t for t in named if t is not None and not _repeatable(t)}
    result = []
    seen: set[str] = set()
    for index, name in enumerate(header):
        target = named[index]
        if target is None:
            target = by_values.get(index) or _LOOKUP.get(fold_header(name)) or IGNORE
            if target in taken:  # a column whose header names the field has it
                target = "other_emails" if target == "email" else IGNORE
        if target in seen and not _repeatable(target):
            target = "other_emails" if target == "email" else IGNORE
        seen.add(target)
        result.append(target)
    return result


def _repeatable(target: str) -> bool:
    return target in (IGNORE, APPEND_NOTES, "other_emails") or target.startswith("tags")


def _by_values(
    header: list[str], named: list[str | None], rows: Sequence[Sequence[str]]
) -> dict[int, str]:
    """Column → the field its values show, for the columns no header names."""
    if not rows:
        return {}
    columns = columns_of(rows, len(header))
    found = {}
    for index, target in enumerate(named):
        if target is None and (kind := column_kind(columns[index])) is not None:
            found[index] = kind
    return found


def recognised_columns(header: list[str]) -> int:
    """How many of `header`'s names are column names TalentDesk knows (in any preset), a sign
    that a row holds column names rather than a title or data."""
    return sum(
        1
        for name in header
        if (folded := fold_header(name))
        and (folded in _LOOKUP or any(folded in table for table in PRESETS.values()))
    )


def detect_preset(header: list[str]) -> str:
    """The preset whose distinctive headers the file has, or "auto"."""
    folded = {fold_header(h) for h in header}
    if {"firstname", "lastname", "url", "connectedon"} <= folded:
        return "linkedin"
    if {"givenname", "familyname"} <= folded and "email1value" in folded:
        return "google"
    if {"firstname", "lastname", "emailaddress"} <= folded and "jobtitle" in folded:
        return "outlook"
    return "auto"


_FIELD_LABELS = {
    "full_name": "Full name (split into first and last)",
    "other_emails": "Other e-mails",
    "email": "E-mail",
    "linkedin_url": "LinkedIn URL",
    "salary_min": "Salary min",
    "salary_max": "Salary max",
    "salary_currency": "Salary currency",
    "tags": "Tags (category:name; …)",
    "pools": "Pools (joined, made if missing)",
    "stage": "Stage in the pool(s)",
    "near_fit": "Near-fit",
    APPEND_NOTES: "Append to notes",
    IGNORE: "— ignore —",
}


def target_label(target: str) -> str:
    """How a target is named in the wizard: "First name", "Skill tags", "Append to notes"."""
    if target in _FIELD_LABELS:
        return _FIELD_LABELS[target]
    if target.startswith("tags:"):
        return f"{TagCategory(target.split(':', 1)[1]).label} tags"
    return target.replace("_", " ").capitalize()
