"""Which tables hold rows about a person, and how to select them, derived from the schema's
foreign keys (so a table added later is part of a person's data without a list to update).

A table is about a person when it has a foreign key to `candidate`, or (failing that) to a
table that is: `application_stage_change` through `application`. Other tables (tags, pools,
vacancies, settings) are shared: only the labels a person's rows refer to are exported.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import MetaData, Table

PERSON = "candidate"

# Shared tables whose rows a person's rows point at, and the columns that label them (never a
# vacancy's description or hiring manager: that is someone else's data).
LABELS: dict[str, tuple[str, ...]] = {
    "tag": ("name", "category"),
    "pool": ("name",),
    "pool_stage": ("name", "kind"),
    "vacancy": ("title", "company"),
    "vacancy_stage": ("name", "kind"),
    "import_record": ("file_name", "imported_at"),  # the imports that brought them in
}


@dataclass(frozen=True)
class Selector:
    """The rows of `table` about one person: `SELECT * FROM table WHERE {where}`, the id bound
    to every `?` of `where`."""

    table: str
    where: str
    marks: int
    order_by: str

    def sql(self) -> str:
        return f"SELECT * FROM {self.table} WHERE {self.where} ORDER BY {self.order_by}"


def person_tables(metadata: MetaData) -> dict[str, Selector]:
    """Every table about a person, in the schema's dependency order, with how to select it."""
    found: dict[str, Selector] = {}
    for table in metadata.sorted_tables:
        selector = _selector(table, found)
        if selector is not None:
            found[table.name] = selector
    return found


def _selector(table: Table, about: dict[str, Selector]) -> Selector | None:
    order = ", ".join(c.name for c in table.primary_key.columns) or "rowid"
    if table.name == PERSON:  # the person's own row, not the people they referred
        return Selector(PERSON, "id = ?", 1, order)
    direct = sorted({fk.parent.name for fk in table.foreign_keys if fk.column.table.name == PERSON})
    if direct:
        where = " OR ".join(f"{col} = ?" for col in direct)
        return Selector(table.name, where, len(direct), order)
    via = [
        (fk.parent.name, fk.column.table.name, fk.column.name)
        for fk in table.foreign_keys
        if fk.column.table.name in about
    ]
    if not via:
        return None
    parts = [
        f"{col} IN (SELECT {ref_col} FROM {ref} WHERE {about[ref].where})"
        for col, ref, ref_col in sorted(via)
    ]
    return Selector(table.name, " OR ".join(parts), sum(about[r].marks for _, r, _ in via), order)
