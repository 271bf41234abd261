"""Letters that SQLite's unicode61 `remove_diacritics` leaves alone because they are not a base
letter plus a combining mark. Folded in SQL when indexing (db.triggers) and in Python when
querying (search) and sorting (normalize.sort_key).

Each version is frozen once a migration has shipped it with the search triggers.
"""

FOLD_V1: dict[str, str] = {
    "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d",
    "ß": "ss", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe",
}  # fmt: skip
CURRENT_FOLD = FOLD_V1
